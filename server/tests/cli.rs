//! The server binary's command line: bad databases stop it with one clear line and exit code 2;
//! `server backup` copies a live SQLite database to a checked file and points PostgreSQL to
//! `pg_dump`.

#[path = "../../app/tests/common/mod.rs"]
mod common;

use std::process::Command;

fn server(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run the server binary");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_malformed_database_url_exits_with_code_2_and_one_line() {
    let (code, stderr) = server(&["--database-url", "mysql://root@localhost/x"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: unsupported database URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_unreachable_database_exits_with_code_2_and_one_line() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let (code, stderr) = server(&["--database-url", "postgres://nobody:secret@127.0.0.1:1/x"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot connect to the database"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret"),
        "the password is not printed: {stderr}"
    );
}

#[test]
fn an_unusable_sqlite_path_exits_with_code_2() {
    let (code, stderr) = server(&["--database-url", "sqlite:///proc/version/workspace.db"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn help_explains_every_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--addr",
        "--database-url",
        "--demo",
        "--site-root",
        "seed",
        "bench",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn a_site_folder_without_a_built_client_stops_the_server_with_what_to_do() {
    let folder = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/site.db", folder.path().display());
    let site = folder.path().display().to_string();
    let (code, stderr) = server(&["--database-url", &database, "--site-root", &site]);
    assert_ne!(code, Some(0), "{stderr}");
    assert!(stderr.contains("holds no built client"), "{stderr}");
    assert!(stderr.contains("cargo xtask build"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn sigterm_shuts_the_server_down_cleanly() {
    use std::{
        io::{BufRead, BufReader},
        process::Stdio,
        time::{Duration, Instant},
    };

    let folder = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--addr", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}/shutdown.db", folder.path().display()))
        .env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ROOT")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    assert!(first_line.contains("is running at http://"), "{first_line}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            assert!(exit.success(), "exit after SIGTERM: {exit}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `server --database-url <url> <args…>`: (exit code, stdout, stderr).
fn server_on(url: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--database-url", url])
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run the server binary");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// How many records a SQLite database holds.
fn records_in(path: &std::path::Path) -> i64 {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let url = format!("sqlite://{}", path.display());
        let db = app::db::Db::open(&url).await.unwrap();
        let app::db::Pool::Sqlite(pool) = db.pool() else {
            unreachable!("a SQLite URL")
        };
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
            .fetch_one(pool)
            .await
            .unwrap();
        db.close().await;
        count
    })
}

/// Starts the server with the demo data on `url`; answers it and the address it listens on
/// once it says it is running. Its stdout is read to the end meanwhile, unless
/// `close_stdout`: then the reading end closes at once.
#[cfg(unix)]
fn start_demo(url: &str, close_stdout: bool) -> (std::process::Child, String) {
    use std::{
        io::{BufRead, BufReader},
        process::Stdio,
    };

    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--addr", "127.0.0.1:0", "--demo", "--database-url", url])
        .env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ROOT")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if let Some((_, addr)) = line.split_once("is running at http://") {
            if !close_stdout {
                std::thread::spawn(move || lines.for_each(drop));
            }
            return (child, addr.trim().to_string());
        }
    }
    let exit = child.wait().unwrap();
    panic!("the server stopped before it was running: {exit}");
}

#[cfg(unix)]
#[test]
fn a_live_database_is_backed_up_to_a_checked_copy_that_opens() {
    let folder = tempfile::tempdir().unwrap();
    let live = folder.path().join("live.db");
    let url = format!("sqlite://{}", live.display());
    let (mut child, _) = start_demo(&url, false);
    // While the server runs.
    let copy = folder.path().join("copy.db");
    let copy_arg = copy.display().to_string();
    let (code, stdout, stderr) = server_on(&url, &["backup", &copy_arg]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("integrity checked"), "{stdout}");
    // A second backup never overwrites the first.
    let (code, _, stderr) = server_on(&url, &["backup", &copy_arg]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    let original = records_in(&live);
    assert!(original > 1_000, "the demo data: {original} records");
    assert_eq!(records_in(&copy), original);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_database_is_pointed_to_pg_dump() {
    common::on_postgres(|db| async move {
        let app::db::Pool::Postgres(pool) = db.pool() else {
            unreachable!("a PostgreSQL database")
        };
        let name: String = sqlx::query_scalar("SELECT current_database()")
            .fetch_one(pool)
            .await
            .unwrap();
        let url = common::with_database(&common::postgres_url().unwrap(), &name);
        let folder = tempfile::tempdir().unwrap();
        let copy = folder.path().join("copy.db");
        let copy_arg = copy.display().to_string();
        let (code, _, stderr) =
            tokio::task::spawn_blocking(move || server_on(&url, &["backup", &copy_arg]))
                .await
                .unwrap();
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("pg_dump"), "{stderr}");
        assert!(!copy.exists());
    })
    .await;
}

/// A server whose stdout is closed (piped into a program that stopped reading) keeps serving:
/// the demo logins it prints after starting used to kill it.
#[cfg(unix)]
#[test]
fn a_closed_stdout_does_not_stop_the_server() {
    use std::{
        io::{Read, Write},
        net::TcpStream,
    };

    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/quiet.db", folder.path().display());
    // The reading end closes before the demo logins are printed.
    let (mut child, addr) = start_demo(&url, true);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(child.try_wait().unwrap().is_none(), "the server stopped");
    child.kill().unwrap();
    child.wait().unwrap();
}
