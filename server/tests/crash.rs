//! A crash loses nothing that was acknowledged: the server takes notes from four writers at
//! once, is killed with SIGKILL in the middle of them, starts again on the same SQLite file,
//! and every note it answered 200 for is there, in a database that passes its integrity check.

#![cfg(unix)]

use std::{
    collections::HashSet,
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Starts the server on `url` and answers it with the address it listens on.
fn start(url: &str, demo: bool) -> (Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(["--addr", "127.0.0.1:0", "--database-url", url])
        .env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ROOT")
        .stdout(Stdio::piped());
    if demo {
        command.arg("--demo");
    }
    let mut child = command.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if let Some((_, addr)) = line.split_once("is running at http://") {
            // The server goes on printing (the demo logins): keep reading what it says.
            std::thread::spawn(move || lines.for_each(drop));
            return (child, addr.trim().to_string());
        }
    }
    let exit = child.wait().unwrap();
    panic!("the server stopped before it was running: {exit}");
}

/// One HTTP/1.1 exchange; `None` when the connection fails (the server is gone).
async fn exchange(addr: &str, request: String) -> Option<String> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.ok()?;
    Some(String::from_utf8_lossy(&response).into_owned())
}

fn post(addr: &str, path: &str, body: &str, token: Option<&str>) -> String {
    let cookie = token
        .map(|token| format!("Cookie: csw_session={token}\r\n"))
        .unwrap_or_default();
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: application/x-postcard\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

async fn sqlite(path: &std::path::Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_a_sigkill() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("crash.db");
    let url = format!("sqlite://{}", file.display());
    let (mut server, addr) = start(&url, true);

    let login = exchange(
        &addr,
        post(
            &addr,
            "/api/log_in",
            "email=csm%40example.com&password=demo-password",
            None,
        ),
    )
    .await
    .unwrap();
    let token = login
        .split("csw_session=")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .unwrap_or_else(|| panic!("no session: {login}"))
        .to_string();
    let company: i64 = {
        let pool = sqlite(&file).await;
        let id = sqlx::query_scalar(
            "SELECT r.id FROM records r JOIN object_types o ON o.id = r.object_type_id \
             WHERE o.name = 'companies' ORDER BY r.id LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        pool.close().await;
        id
    };

    // Four writers add notes until the server is gone; each note answered 200 is kept.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (addr, token, acknowledged) = (addr.clone(), token.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for n in 0.. {
                    let text = format!("crash-{writer}-{n}");
                    let body =
                        format!("record_id={company}&activity[kind]=note&activity[body]={text}");
                    let request = post(&addr, "/api/log_activity", &body, Some(&token));
                    match exchange(&addr, request).await {
                        Some(answer) if answer.starts_with("HTTP/1.1 200") => {
                            acknowledged.lock().unwrap().push(text);
                        }
                        Some(answer) if answer.is_empty() => return,
                        Some(answer) => panic!("a note was refused: {answer}"),
                        None => return,
                    }
                }
            })
        })
        .collect();
    // Killed once enough notes went through, while the writers keep going.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 40 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the writes are too slow"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged: Vec<String> = acknowledged.lock().unwrap().clone();

    // Started again on the same file, it serves, and everything acknowledged is there.
    let (mut server, addr) = start(&url, false);
    let health = exchange(
        &addr,
        format!("GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await
    .unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    server.wait().unwrap();

    let pool = sqlite(&file).await;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let stored: HashSet<String> =
        sqlx::query_scalar("SELECT body FROM activities WHERE body LIKE 'crash-%'")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|text| !stored.contains(*text))
        .collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    assert!(acknowledged.len() >= 40);
    eprintln!(
        "{} notes acknowledged before the kill, all kept",
        acknowledged.len()
    );
    pool.close().await;
}
