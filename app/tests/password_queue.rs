//! The password checks' queue is bounded: in a flood, checks that wait more than
//! `PASSWORD_QUEUE_WAIT` are answered busy (HTTP 503 at login). Alone in its test binary: the
//! queue is shared by the whole process, and the flood would turn other tests' checks away.

use app::error::AppError;

/// A flood of password checks: the ones that wait more than [`PASSWORD_QUEUE_WAIT`] for their
/// turn are answered busy instead of queueing without end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_checks_wait_a_bounded_time() {
    use app::db::passwords::{NewPassword, PASSWORD_QUEUE_WAIT, verify_password};

    let hash = NewPassword::parse("correct horse battery")
        .unwrap()
        .hash()
        .await
        .unwrap();
    // One check's cost here, to size a flood that cannot finish within the wait: the fastest of
    // three, as the first pays for warming up (sized by it, a flood once finished in time).
    let mut each = std::time::Duration::MAX;
    for _ in 0..3 {
        let timed = std::time::Instant::now();
        verify_password("wrong guess".into(), hash.clone())
            .await
            .unwrap();
        each = each.min(timed.elapsed());
    }
    let each = each.max(std::time::Duration::from_millis(1));
    let flood = (PASSWORD_QUEUE_WAIT.as_millis() / each.as_millis().max(1)) as usize * 4 + 20;

    let started = std::time::Instant::now();
    let checks: Vec<_> = (0..flood)
        .map(|_| tokio::spawn(verify_password("wrong guess".into(), hash.clone())))
        .collect();
    let (mut checked, mut busy) = (0, 0);
    for check in checks {
        match check.await.unwrap() {
            Ok(verified) => {
                assert!(!verified);
                checked += 1;
            }
            Err(AppError::Busy) => busy += 1,
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(checked > 0, "some checks ran");
    assert!(
        busy > 0,
        "{flood} checks of {each:?} each all ran: none was turned away"
    );
    // Nobody waited much longer than the bound (plus the checks already running).
    assert!(
        started.elapsed() < PASSWORD_QUEUE_WAIT + each * 4 + std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
