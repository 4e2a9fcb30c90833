//! Two server processes on one PostgreSQL database behave as one: a browser's event stream on
//! one receives a change made through the other (NOTIFY in the change's transaction, LISTEN in
//! every instance). Also through the real binary: the stream refuses a request without a
//! session (401, no login redirect) and a user without workspace access (403), logging out
//! through one instance ends the session's stream on the other, and SIGTERM ends a server
//! promptly although a stream is open. Needs a postgres:// `DATABASE_URL` (CI sets it); says so and passes without one.

#[path = "../../app/tests/common/mod.rs"]
mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::{
    db::{
        Db,
        records::{ChangeContext, create_record},
        schema::object_type_by_name,
        users,
    },
    models::{
        Permission, PropertyValue,
        live_event::{LiveEvent, LiveMessage},
    },
};
use sqlx::{Connection, PgConnection};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// A server process and the address it listens on.
struct Instance {
    child: Child,
    addr: String,
}

impl Instance {
    fn start(database_url: &str) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--addr", "127.0.0.1:0", "--database-url", database_url])
            .env_remove("LEPTOS_SITE_ROOT")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the server");
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        let addr = first_line
            .trim()
            .rsplit("http://")
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{first_line}");
        Instance { child, addr }
    }

    /// Sends SIGTERM and waits (at most 10 s) for a clean exit.
    fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                assert!(exit.success(), "exit after SIGTERM: {exit}");
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "still running 10 s after SIGTERM with a stream open"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange with `Connection: close`; answers the whole response.
async fn exchange(addr: &str, request: String) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

/// Opens `/api/events` and answers the connection once the `ready` event arrived.
async fn open_stream(addr: &str, token: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /api/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\
         Cookie: csw_session={token}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let seen = read_until(&mut stream, "event: ready").await;
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    assert!(seen.contains("text/event-stream"), "{seen}");
    stream
}

/// Reads from `stream` until `needle` arrived (at most 5 s); answers what was read.
async fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut buffer = [0u8; 4096];
    while !seen.contains(needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        let read = tokio::time::timeout(left, stream.read(&mut buffer))
            .await
            .unwrap_or_else(|_| panic!("no {needle:?} within 5 s; got {seen:?}"))
            .unwrap();
        assert!(read > 0, "the stream ended before {needle:?}: {seen:?}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    seen
}

/// Reads the stream up to the next live event (pings and the like pass), and that event.
async fn read_event(stream: &mut TcpStream) -> LiveMessage {
    let mut seen = String::new();
    loop {
        seen.push_str(&read_until(stream, "\n").await);
        while let Some(end) = seen.find('\n') {
            let line: String = seen.drain(..=end).collect();
            if let Some(message) = line
                .trim_end()
                .strip_prefix("data: ")
                .and_then(LiveMessage::from_browser_data)
            {
                return message;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_through_one_instance_reaches_a_stream_on_the_other() {
    let Some(admin_url) = common::postgres_url() else {
        eprintln!("PostgreSQL not tested: DATABASE_URL is not a postgres:// URL");
        return;
    };
    let name = format!(
        "cswl_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    );
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let url = common::with_database(&admin_url, &name);
    let outcome = tokio::spawn(two_instances(url)).await;
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

async fn two_instances(url: String) {
    let db = Db::open(&url).await.unwrap();
    let user = common::new_user(&db, "csm@example.com").await;
    for permission in [Permission::ServiceSeat, Permission::CsWorkspaceAccess] {
        users::grant_permission(&db, user, permission)
            .await
            .unwrap();
    }
    let token = common::open_session(&db, user).await;
    let outsider = common::new_user(&db, "outsider@example.com").await;
    let outsider_token = common::open_session(&db, outsider).await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let acme = create_record(
        &db,
        &companies,
        &[("name", PropertyValue::Text("Acme".into()))],
        None,
        ChangeContext {
            actor: None,
            source: "test",
        },
    )
    .await
    .unwrap();
    db.close().await;

    let a = Instance::start(&url);
    let b = Instance::start(&url);
    // Without a session the stream is refused, not redirected to the login page.
    let refused = exchange(
        &a.addr,
        format!(
            "GET /api/events HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            a.addr
        ),
    )
    .await;
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    // A signed-in user without workspace access hears nothing either.
    let forbidden = exchange(
        &a.addr,
        format!(
            "GET /api/events HTTP/1.1\r\nHost: {}\r\nCookie: csw_session={outsider_token}\r\n\
             Connection: close\r\n\r\n",
            a.addr
        ),
    )
    .await;
    assert!(forbidden.starts_with("HTTP/1.1 403"), "{forbidden}");

    let mut on_b = open_stream(&b.addr, &token).await;
    let body = format!("record_id={acme}&version=1&property=name&value=Acme+Corp");
    let saved = exchange(
        &a.addr,
        format!(
            "POST /api/update_record_property HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Cookie: csw_session={token}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Accept: application/x-postcard\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            addr = a.addr,
        ),
    )
    .await;
    assert!(saved.starts_with("HTTP/1.1 200"), "{saved}");
    let heard = read_event(&mut on_b).await;
    assert!(
        matches!(&heard.event, LiveEvent::RecordsChanged { record_ids, .. } if record_ids == &[acme]),
        "{heard:?}"
    );

    // Logging out through A ends the session's stream on B.
    let logged_out = exchange(
        &a.addr,
        format!(
            "POST /api/log_out HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Cookie: csw_session={token}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Accept: application/x-postcard\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            addr = a.addr,
        ),
    )
    .await;
    assert!(logged_out.starts_with("HTTP/1.1 "), "{logged_out}");
    // The stream's chunked response ends: its zero-length last chunk arrives.
    read_until(&mut on_b, "0\r\n\r\n").await;

    // Shutting down does not wait for open streams.
    b.stop();
    a.stop();
}
