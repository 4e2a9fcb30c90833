//! `server bench-live`: live updates at scale against running servers. Opens many idle event
//! streams (as the demo CSM) on the `--watch` server and states its memory before and after
//! (RSS from /proc); then saves a record through the `--change-via` server many times and
//! measures, for every stream, the time from the change's commit (the event's
//! `published_at_us`, same machine clock) to the event's arrival. With two servers on one
//! PostgreSQL database, the change travels by NOTIFY/LISTEN. A benchmark: prints figures,
//! asserts nothing.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use app::{
    db::{
        Db,
        sessions::{self, SessionPolicy},
        users::{self, EmailAddress},
    },
    models::live_event::{LiveEvent, LiveMessage},
    on_pool,
};
use chrono::Utc;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    sync::mpsc,
};

use crate::{
    bench_http::rss_kb,
    bench_report::{Outcome, text},
};

/// Streams opened at once before waiting for them to be ready.
const BATCH: usize = 100;

/// What to measure, from the command line.
pub struct LiveBench {
    /// host:port of the server the streams connect to.
    pub watch: String,
    /// host:port of the server the changes are saved through.
    pub change_via: String,
    /// Process ids whose RSS is reported.
    pub pids: Vec<u32>,
    pub streams: usize,
    pub samples: usize,
}

pub async fn run(db: &Db, bench: LiveBench) -> Outcome {
    let email = EmailAddress::parse("csm@example.com").map_err(text)?;
    let user = users::user_by_email(db, &email)
        .await
        .map_err(text)?
        .ok_or("the demo CSM is missing: seed the demo first")?;
    let token = sessions::create_session(db, &SessionPolicy::default(), user.id, Utc::now())
        .await
        .map_err(text)?;
    let schema = db.schema().await.map_err(text)?;
    let companies = schema.object_named("companies").map_err(text)?;
    let (record, mut version): (i64, i64) = on_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT record_id, version FROM {} WHERE archived_at IS NULL ORDER BY record_id LIMIT 1",
        companies.object.table()))
        .fetch_one(pool)
        .await)
    .map_err(text)?;

    let before = rss_kb(&bench.pids, false);
    let latencies = Arc::new(Mutex::new(Vec::<i64>::new()));
    let (ready_tx, mut ready_rx) = mpsc::channel::<()>(bench.streams);
    let mut followers = Vec::with_capacity(bench.streams);
    // Opened a hundred at a time, as tabs open over a morning rather than in one instant.
    for opened in 0..bench.streams {
        let (addr, token) = (bench.watch.clone(), token.clone());
        let (latencies, ready) = (latencies.clone(), ready_tx.clone());
        followers.push(tokio::spawn(async move {
            if let Err(error) = follow(&addr, &token, record, latencies, ready).await {
                eprintln!("a stream failed: {error}");
            }
        }));
        if (opened + 1) % BATCH == 0 || opened + 1 == bench.streams {
            for _ in 0..(opened % BATCH + 1) {
                if tokio::time::timeout(Duration::from_secs(60), ready_rx.recv())
                    .await
                    .ok()
                    .flatten()
                    .is_none()
                {
                    return Err(format!("only {opened} of {} streams opened", bench.streams));
                }
            }
        }
    }
    drop(ready_tx);
    // Let the servers settle before reading their memory.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_kb(&bench.pids, false);
    println!("{} idle streams open on {}", bench.streams, bench.watch);
    for ((pid, before), (_, after)) in before.iter().zip(&after) {
        println!(
            "  server pid {pid}: RSS {:.1} MB before, {:.1} MB with the streams: {:.1} KB per stream",
            *before as f64 / 1024.0,
            *after as f64 / 1024.0,
            (*after as f64 - *before as f64) / bench.streams as f64
        );
    }

    for sample in 0..bench.samples {
        version = save_name(&bench.change_via, &token, record, version, sample).await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // What stays after the streams close is memory the allocator keeps, not the streams'. A
    // server notices a closed stream at its next ping (15 s).
    for follower in followers {
        follower.abort();
    }
    tokio::time::sleep(Duration::from_secs(20)).await;
    for (pid, kb) in rss_kb(&bench.pids, false) {
        println!(
            "  server pid {pid}: RSS {:.1} MB after the streams closed",
            kb as f64 / 1024.0
        );
    }
    let mut all = latencies.lock().map_err(text)?.clone();
    all.sort_unstable();
    let expected = bench.streams * bench.samples;
    println!(
        "Fan-out, commit → event read by a client: {} of {expected} deliveries; p50 {:.2} ms, \
         p99 {:.2} ms, max {:.2} ms (changes via {}, streams on {})",
        all.len(),
        percentile(&all, 50.0) as f64 / 1000.0,
        percentile(&all, 99.0) as f64 / 1000.0,
        all.last().copied().unwrap_or(0) as f64 / 1000.0,
        bench.change_via,
        bench.watch
    );
    Ok(())
}

/// Opens one stream, says when it is ready, and records the latency of each event naming the
/// benchmark's record.
async fn follow(
    addr: &str,
    token: &str,
    record: i64,
    latencies: Arc<Mutex<Vec<i64>>>,
    ready: mpsc::Sender<()>,
) -> Outcome {
    let mut stream = TcpStream::connect(addr).await.map_err(text)?;
    let request = format!(
        "GET /api/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\
         Cookie: csw_session={token}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.map_err(text)?;
    let mut pending = String::new();
    let mut buffer = vec![0u8; 8192];
    let mut announced = false;
    loop {
        let read = stream.read(&mut buffer).await.map_err(text)?;
        if read == 0 {
            return Ok(());
        }
        let arrived = Utc::now().timestamp_micros();
        pending.push_str(&String::from_utf8_lossy(&buffer[..read]));
        if !announced && pending.contains("event: ready") {
            announced = true;
            let _ = ready.send(()).await;
        }
        // Whole lines only; a partial one waits for the rest.
        while let Some(end) = pending.find('\n') {
            let line: String = pending.drain(..=end).collect();
            if let Some(data) = line.trim_end().strip_prefix("data: ")
                && let Some(published) = published_at(data, record)
            {
                latencies.lock().map_err(text)?.push(arrived - published);
            }
        }
    }
}

/// When the event in an event's `data` was published, if it names `record` (and only it).
fn published_at(data: &str, record: i64) -> Option<i64> {
    let message = LiveMessage::from_browser_data(data)?;
    match message.event {
        LiveEvent::RecordsChanged { record_ids, .. } if record_ids == [record] => {
            Some(message.published_at_us)
        }
        _ => None,
    }
}

/// Renames the record through the server function, as a browser would; answers the new version.
async fn save_name(
    addr: &str,
    token: &str,
    record: i64,
    version: i64,
    sample: usize,
) -> Outcome<i64> {
    let body =
        format!("record_id={record}&version={version}&property=name&value=Live+bench+{sample}");
    let request = format!(
        "POST /api/update_record_property HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Cookie: csw_session={token}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/x-postcard\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await.map_err(text)?;
    stream.write_all(request.as_bytes()).await.map_err(text)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.map_err(text)?;
    let response = String::from_utf8_lossy(&response);
    if !response.starts_with("HTTP/1.1 200") {
        return Err(format!("saving failed: {response}"));
    }
    Ok(version + 1)
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_event_times_are_read_right() {
        let sorted: Vec<i64> = (1..=100).collect();
        assert_eq!(percentile(&sorted, 50.0), 51);
        assert_eq!(percentile(&sorted, 99.0), 99);
        assert_eq!(percentile(&[], 50.0), 0);
        let message = |event| {
            LiveMessage {
                event,
                published_at_us: 42,
            }
            .to_browser()
        };
        let named = message(LiveEvent::records_changed(1, vec![7]));
        assert_eq!(published_at(&named, 7), Some(42));
        assert_eq!(published_at(&named, 8), None);
        assert_eq!(published_at(&message(LiveEvent::Resync), 7), None);
        assert_eq!(published_at("not an event", 7), None);
    }
}
