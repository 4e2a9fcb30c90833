//! A minimal HTTP/1.1 client for the benchmarks that drive a running server as browsers do:
//! one kept-alive connection per simulated browser, form posts to server functions with a
//! session cookie and the workspace's own `Origin`, and the memory of server processes.

use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
};

use crate::bench_report::{Outcome, text};

/// One browser's connection to the server, opened again when the server closes it.
pub struct Browser {
    addr: String,
    token: String,
    stream: Option<BufReader<TcpStream>>,
}

impl Browser {
    pub fn new(addr: &str, token: &str) -> Browser {
        Browser {
            addr: addr.to_string(),
            token: token.to_string(),
            stream: None,
        }
    }

    /// POSTs a server function's form `body`; answers the status and the body.
    pub async fn post(&mut self, path: &str, body: &str) -> Outcome<(u16, String)> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Cookie: csw_session={token}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Accept: application/x-postcard\r\nContent-Length: {}\r\n\r\n{body}",
            body.len(),
            addr = self.addr,
            token = self.token,
        );
        // A kept-alive connection the server closed meanwhile fails at once: open a new one.
        for attempt in 0..2 {
            if self.stream.is_none() {
                let stream = TcpStream::connect(&self.addr).await.map_err(text)?;
                stream.set_nodelay(true).map_err(text)?;
                self.stream = Some(BufReader::new(stream));
            }
            let stream = self.stream.as_mut().ok_or("no connection")?;
            let answer = match stream.get_mut().write_all(request.as_bytes()).await {
                Ok(()) => read_response(stream).await,
                Err(error) => Err(text(error)),
            };
            match answer {
                Ok((status, body, keep)) => {
                    if !keep {
                        self.stream = None;
                    }
                    return Ok((status, body));
                }
                Err(error) if attempt == 1 => return Err(error),
                Err(_) => self.stream = None,
            }
        }
        Err("unreachable".into())
    }
}

/// Reads one response: status, body (by length or chunked) and whether the connection stays.
async fn read_response(stream: &mut BufReader<TcpStream>) -> Outcome<(u16, String, bool)> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.map_err(text)? == 0 {
        return Err("the connection closed".into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("not an HTTP status line: {line:?}"))?;
    let (mut length, mut chunked, mut keep) = (0usize, false, true);
    loop {
        line.clear();
        stream.read_line(&mut line).await.map_err(text)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "content-length" => length = value.parse().map_err(text)?,
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => keep = !value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line).await.map_err(text)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(text)?;
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk).await.map_err(text)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        stream.read_exact(&mut body).await.map_err(text)?;
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned(), keep))
}

/// `(pid, VmRSS in KB)` of each process; with `peak`, the high-water mark (VmHWM) instead.
pub fn rss_kb(pids: &[u32], peak: bool) -> Vec<(u32, u64)> {
    let field = if peak { "VmHWM:" } else { "VmRSS:" };
    pids.iter()
        .map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            let kb = status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kb| kb.parse().ok())
                .unwrap_or(0);
            (*pid, kb)
        })
        .collect()
}
