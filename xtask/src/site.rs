//! The site folder the server serves and embeds: the client (WASM, its JS bindings and the
//! stylesheet, named by [`crate::content_names`]); a brotli and a gzip copy beside every
//! compressible file, so the server never compresses
//! a static file per request; and the client's size, checked against the budget recorded in
//! `xtask/bundle-budget.txt` so that features cannot make the first load creep up unnoticed.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use crate::Result;

/// How hard to compress: the release site once for good, the development site quickly.
#[derive(Clone, Copy)]
pub enum Effort {
    Release,
    Development,
}

impl Effort {
    fn brotli_quality(self) -> u32 {
        match self {
            Effort::Release => 11,
            Effort::Development => 5,
        }
    }

    /// The key of this build's line in the budget file.
    pub(crate) fn budget_key(self) -> &'static str {
        match self {
            Effort::Release => "release-gzip",
            Effort::Development => "development-brotli",
        }
    }
}

/// Writes `<file>.br` and `<file>.gz` beside every compressible file under `folder`.
pub fn precompress(folder: &Path, effort: Effort) -> Result {
    for path in files_under(folder)? {
        if !is_compressible(&path) {
            continue;
        }
        let bytes = read(&path)?;
        write(&with_suffix(&path, "br"), &brotli(&bytes, effort))?;
        write(&with_suffix(&path, "gz"), &gzip(&bytes, effort))?;
    }
    Ok(())
}

/// The client's bytes as built, gzipped and brotli-compressed (from the precompressed copies).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClientSize {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl ClientSize {
    /// A file's bytes, with its compressed copies beside it.
    pub(crate) fn of_file(path: &Path) -> Result<Self> {
        Ok(Self {
            raw: file_len(path)?,
            gzip: file_len(&with_suffix(path, "gz"))?,
            brotli: file_len(&with_suffix(path, "br"))?,
        })
    }

    pub(crate) fn add(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }

    /// `"<raw> raw, <gzip> gzip, <brotli> brotli"`, in KB.
    pub fn describe(&self) -> String {
        format!(
            "{} raw, {} gzip, {} brotli",
            kilobytes(self.raw),
            kilobytes(self.gzip),
            kilobytes(self.brotli)
        )
    }

    /// The figure the budget limits for this kind of build.
    pub(crate) fn of(&self, effort: Effort) -> u64 {
        match effort {
            Effort::Release => self.gzip,
            Effort::Development => self.brotli,
        }
    }
}

/// Sums the client files the first page loads (`<stem>.js`, `<stem>_bg.wasm`, `<stem>.css`, the
/// split loader) and, apart, the parts loaded when a lazily loaded page opens, with their
/// compressed copies.
pub fn client_size(pkg: &Path) -> Result<(ClientSize, ClientSize)> {
    let (mut first_load, mut lazy) = (ClientSize::default(), ClientSize::default());
    for path in files_under(pkg)? {
        if !is_compressible(&path) {
            continue;
        }
        let size = if is_lazy_part(&file_name(&path)) {
            &mut lazy
        } else {
            &mut first_load
        };
        size.add(ClientSize::of_file(&path)?);
    }
    Ok((first_load, lazy))
}

/// Whether a (content-named) file is a module split off for lazily loaded pages.
fn is_lazy_part(file_name: &str) -> bool {
    file_name.ends_with(".wasm") && (file_name.contains(".split_") || file_name.contains(".chunk_"))
}

/// A figure the budget file limits: the key of its line, and what it measures for messages.
pub struct Budgeted {
    pub key: String,
    pub what: String,
    pub actual: u64,
}

impl Budgeted {
    /// What every page's first load downloads (`release-gzip` / `development-brotli`).
    pub fn first_load(size: ClientSize, effort: Effort) -> Self {
        Self {
            key: effort.budget_key().to_string(),
            what: "the client's first load".to_string(),
            actual: size.of(effort),
        }
    }
}

/// Fails when a figure is above its line in the budget file, or has none (a new figure gets
/// its line when it is made); prints those within theirs. Every figure is checked first.
pub fn check_budget(budget_file: &Path, figures: &[Budgeted]) -> Result {
    let text = fs::read_to_string(budget_file)
        .map_err(|e| format!("cannot read {}: {e}", budget_file.display()))?;
    let mut problems = Vec::new();
    for Budgeted { key, what, actual } in figures {
        match budget_limit(&text, key) {
            None => problems.push(format!(
                "there is no line `{key} <bytes>` ({} now)",
                kilobytes(*actual)
            )),
            Some(limit) if actual > &limit => problems.push(format!(
                "{what} is {} ({key}), over its budget of {}",
                kilobytes(*actual),
                kilobytes(limit)
            )),
            Some(limit) => println!(
                "Within the budget: {} of {} ({key})",
                kilobytes(*actual),
                kilobytes(limit)
            ),
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} in {}: find what grew (see the README's section on the client's size) before \
         raising a budget",
        problems.join("; "),
        budget_file.display()
    ))
}

/// The limit on the line `<key> <bytes>` of the budget file (`#` starts a comment).
pub(crate) fn budget_limit(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter_map(|line| line.split_once(char::is_whitespace))
        .find(|(name, _)| *name == key)
        .and_then(|(_, bytes)| bytes.trim().replace('_', "").parse().ok())
}

fn kilobytes(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "wasm" | "css" | "svg" | "html" | "json" | "txt" | "map")
    )
}

fn brotli(bytes: &[u8], effort: Effort) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: effort.brotli_quality() as i32,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing into memory cannot fail");
    out
}

/// The release site's gzip copies come from zopfli, which searches much longer than zlib's best
/// level for the same standard deflate stream (any gzip reader inflates it): the WASM's copies
/// are ~4.5% smaller, for a few seconds per megabyte, once per release build.
fn gzip(bytes: &[u8], effort: Effort) -> Vec<u8> {
    match effort {
        Effort::Release => {
            let mut out = Vec::with_capacity(bytes.len() / 3);
            zopfli::compress(
                zopfli::Options::default(),
                zopfli::Format::Gzip,
                bytes,
                &mut out,
            )
            .expect("compressing into memory cannot fail");
            out
        }
        Effort::Development => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder
                .write_all(bytes)
                .and_then(|()| encoder.finish())
                .expect("compressing into memory cannot fail")
        }
    }
}

/// The files directly in `folder`, sorted by name.
pub(crate) fn files_in(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = entries_of(folder)?
        .into_iter()
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    Ok(files)
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every file under `folder`, in its subfolders too.
fn files_under(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in entries_of(folder)? {
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// The paths of what `folder` holds.
fn entries_of(folder: &Path) -> Result<Vec<PathBuf>> {
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", folder.display());
    fs::read_dir(folder)
        .map_err(cannot)?
        .map(|entry| entry.map(|entry| entry.path()).map_err(cannot))
        .collect()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn file_len(path: &Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes files of `x`s of the given lengths into `pkg`, with their compressed copies: a client
/// to measure in tests.
#[cfg(test)]
pub(crate) fn write_client(pkg: &Path, files: &[(&str, usize)]) {
    for (file, bytes) in files {
        write(&pkg.join(file), &vec![b'x'; *bytes]).unwrap();
    }
    precompress(pkg, Effort::Development).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_lines_are_read_by_key_with_comments_and_separators() {
        let text = "# budget\nrelease-gzip 409_600 # 400 KB\ndevelopment-brotli 2097152\n";
        assert_eq!(budget_limit(text, "release-gzip"), Some(409_600));
        assert_eq!(budget_limit(text, "development-brotli"), Some(2_097_152));
        assert_eq!(budget_limit(text, "other"), None);
    }

    #[test]
    fn a_client_over_its_budget_fails_the_build() {
        let folder = tempfile::tempdir().unwrap();
        let budget = folder.path().join("budget.txt");
        fs::write(&budget, "release-gzip 1000\ndevelopment-brotli 500\n").unwrap();
        let size = ClientSize {
            raw: 9_000,
            gzip: 900,
            brotli: 800,
        };
        let first_load = |effort| [Budgeted::first_load(size, effort)];
        assert!(check_budget(&budget, &first_load(Effort::Release)).is_ok());
        let refused = check_budget(&budget, &first_load(Effort::Development)).unwrap_err();
        assert!(refused.contains("over its budget"), "{refused}");
        fs::write(&budget, "release-gzip 1000\n").unwrap();
        assert!(check_budget(&budget, &first_load(Effort::Development)).is_err());
    }

    #[test]
    fn compressed_copies_decompress_to_the_original() {
        let original = b"fn main() { println!(\"hello\"); }\n".repeat(200);
        let packed = brotli(&original, Effort::Development);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &packed[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, original);
        assert!(packed.len() < original.len() / 10);

        for effort in [Effort::Development, Effort::Release] {
            let packed = gzip(&original, effort);
            let mut unpacked = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(&packed[..]),
                &mut unpacked,
            )
            .unwrap();
            assert_eq!(unpacked, original);
        }
    }

    #[test]
    fn the_release_gzip_copy_is_smaller_than_zlibs_best() {
        // Text with some variety, as a bundle has: a counter keeps lines from repeating.
        let original: Vec<u8> = (0..4000)
            .flat_map(|n| {
                format!(
                    "let value_{} = compute({n}, \"{}\");\n",
                    n % 97,
                    n * 7919 % 1000
                )
                .into_bytes()
            })
            .collect();
        let mut zlib_best = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        zlib_best.write_all(&original).unwrap();
        let zlib_best = zlib_best.finish().unwrap();
        assert!(gzip(&original, Effort::Release).len() < zlib_best.len());
    }

    #[test]
    fn lazily_loaded_parts_are_not_counted_in_the_first_load() {
        let folder = tempfile::tempdir().unwrap();
        let pkg = folder.path();
        write_client(
            pkg,
            &[
                ("app.0123456789abcdef.js", 100),
                ("app.0123456789abcdef_bg.wasm", 1_000),
                ("app.0123456789abcdef.__wasm_split.js", 10),
                ("app.0123456789abcdef.split_admin.wasm", 300),
                ("app.0123456789abcdef.chunk_0.wasm", 50),
            ],
        );
        let (first_load, lazy) = client_size(pkg).unwrap();
        assert_eq!(first_load.raw, 1_110);
        assert_eq!(lazy.raw, 350);
        assert!(lazy.gzip > 0 && lazy.brotli > 0);
    }
}
