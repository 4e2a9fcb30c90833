//! The static side of the site: the client (`pkg/<name>.<hash>.js`, `…_bg.wasm`, `….css`) and
//! the public files, as `cargo xtask build` leaves them in `target/site` with a brotli and a
//! gzip copy beside each. They are embedded in the binary, so the server runs from any folder;
//! `--site-root` serves a folder instead, for development.
//!
//! Files are answered precompressed when the browser accepts it; content-named files are cached
//! for a year (`immutable`), the rest revalidated. Pages (HTML) are never cached: see
//! [`never_cache_pages`].

use std::{borrow::Cow, path::PathBuf};

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

#[derive(rust_embed::Embed)]
#[folder = "../target/site"]
#[allow_missing = true]
struct EmbeddedSite;

/// Where the site's files come from.
#[derive(Debug, Clone)]
pub enum SiteFiles {
    /// The folder `cargo xtask build` filled when this binary was built.
    Embedded,
    /// A site folder on disk (`--site-root`).
    Folder(PathBuf),
}

impl SiteFiles {
    /// The bytes of the file at `path` (relative, `/`-separated), if there is one.
    fn read(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        if !Self::is_inside(path) {
            return None;
        }
        match self {
            SiteFiles::Embedded => EmbeddedSite::get(path).map(|file| file.data),
            SiteFiles::Folder(root) => std::fs::read(root.join(path)).ok().map(Cow::Owned),
        }
    }

    /// Whether there is a file at `path`, without reading it.
    fn contains(&self, path: &str) -> bool {
        match self {
            SiteFiles::Embedded => EmbeddedSite::get(path).is_some(),
            SiteFiles::Folder(root) => Self::is_inside(path) && root.join(path).is_file(),
        }
    }

    /// Whether `path` names a file inside the site: no empty or `..` segment.
    fn is_inside(path: &str) -> bool {
        !path.is_empty() && !path.split('/').any(|part| part.is_empty() || part == "..")
    }

    /// The names of the files directly in `pkg/`.
    fn client_files(&self) -> Vec<String> {
        match self {
            SiteFiles::Embedded => EmbeddedSite::iter()
                .filter_map(|path| path.strip_prefix("pkg/").map(str::to_string))
                .filter(|name| !name.contains('/'))
                .collect(),
            SiteFiles::Folder(root) => std::fs::read_dir(root.join("pkg"))
                .into_iter()
                .flatten()
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect(),
        }
    }
}

/// The site the server answers files from, with the content-named stem of its client.
#[derive(Debug, Clone)]
pub struct Site {
    files: SiteFiles,
    client_stem: String,
}

impl Site {
    /// Finds the client built under `output_name`; fails with what to do when there is none.
    pub fn open(files: SiteFiles, output_name: &str) -> Result<Site, String> {
        let client_stem = client_stem(&files.client_files(), output_name).ok_or_else(|| {
            match &files {
                SiteFiles::Embedded => "this server was built without its site: build it with \
                                        `cargo xtask build` (or pass --site-root FOLDER)"
                    .to_string(),
                SiteFiles::Folder(root) => format!(
                    "{} holds no built client (pkg/{output_name}.<hash>.js): run `cargo xtask build`",
                    root.display()
                ),
            }
        })?;
        Ok(Site { files, client_stem })
    }

    /// The name the page loads the client by: `pkg/<stem>.js`, `pkg/<stem>_bg.wasm`,
    /// `pkg/<stem>.css`.
    pub fn client_stem(&self) -> &str {
        &self.client_stem
    }

    /// Whether the URL path `path` names one of the site's files.
    pub fn has_file(&self, path: &str) -> bool {
        path.strip_prefix('/')
            .is_some_and(|path| self.files.contains(path))
    }

    /// The response for a GET of the file at the URL path `path`, or `None` when there is no
    /// such file.
    pub fn respond(&self, path: &str, request_headers: &HeaderMap) -> Option<Response> {
        let path = path.strip_prefix('/')?;
        if !self.files.contains(path) {
            return None;
        }
        // The plain file is read only when no accepted compressed copy is there.
        let (body, encoding) =
            match accepted_encodings(request_headers)
                .into_iter()
                .find_map(|(encoding, suffix)| {
                    Some((self.files.read(&format!("{path}.{suffix}"))?, encoding))
                }) {
                Some((bytes, encoding)) => (bytes, Some(encoding)),
                None => (self.files.read(path)?, None),
            };
        let mut response = Body::from(body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(path)),
        );
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        // `<stem>.js`, `<stem>_bg.wasm`, `<stem>.css` and their compressed copies.
        let content_named = path
            .strip_prefix("pkg/")
            .and_then(|name| name.strip_prefix(self.client_stem.as_str()))
            .is_some_and(|rest| rest.starts_with(['.', '_']));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if content_named {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            }),
        );
        Some(response)
    }
}

/// `<output_name>.<16 hex digits>` from the client's `.js` file among `names`.
fn client_stem(names: &[String], output_name: &str) -> Option<String> {
    names.iter().find_map(|name| {
        let hash = name
            .strip_prefix(output_name)?
            .strip_prefix('.')?
            .strip_suffix(".js")?;
        (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| format!("{output_name}.{hash}"))
    })
}

/// The precompressed copies the browser accepts, best first: brotli, then gzip.
fn accepted_encodings(headers: &HeaderMap) -> Vec<(&'static str, &'static str)> {
    let accepted: Vec<(String, bool)> = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let refused = parts.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name, !refused)
        })
        .collect();
    let allows = |name: &str| accepted.iter().any(|(n, ok)| *ok && n == name);
    [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(encoding, _)| allows(encoding))
        .collect()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Marks every HTML response `no-store`: pages carry one user's data and the current client's
/// name, so neither browsers nor proxies may keep them.
pub async fn never_cache_pages(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_page {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `GET /health`: 200 when the database answers, 503 when it does not — for load balancers,
/// without a session.
pub async fn health(db: &app::db::Db) -> Response {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        headers
    }

    #[test]
    fn the_client_stem_is_the_content_named_js_file() {
        let names = [
            "cs.css",
            "cs.0123456789abcdef.js",
            "cs.0123456789abcdef_bg.wasm",
        ]
        .map(String::from);
        assert_eq!(
            client_stem(&names, "cs").as_deref(),
            Some("cs.0123456789abcdef")
        );
        assert_eq!(client_stem(&["cs.js".into()], "cs"), None);
        assert_eq!(client_stem(&["cs.xyz.js".into()], "cs"), None);
    }

    #[test]
    fn brotli_is_preferred_and_refused_encodings_are_left_out() {
        assert_eq!(
            accepted_encodings(&headers("gzip, deflate, br, zstd")),
            [("br", "br"), ("gzip", "gz")]
        );
        assert_eq!(
            accepted_encodings(&headers("gzip;q=1.0, br;q=0")),
            [("gzip", "gz")]
        );
        assert!(accepted_encodings(&headers("identity")).is_empty());
        assert!(accepted_encodings(&HeaderMap::new()).is_empty());
    }

    #[test]
    fn paths_leaving_the_site_are_not_read() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("secret"), "x").unwrap();
        let site = SiteFiles::Folder(folder.path().join("site"));
        assert!(site.read("../secret").is_none());
        assert!(site.read("a//b").is_none());
        assert!(site.read("").is_none());
    }
}
