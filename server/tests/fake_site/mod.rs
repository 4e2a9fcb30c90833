//! A site folder laid out as `cargo xtask build` leaves it — a content-named client with
//! brotli and gzip copies, and a public file — for tests that drive the real router.

use std::io::Write;

use server::{Site, SiteFiles};

/// The client's content-named stem in the fake site.
pub const STEM: &str = "cs_workspace.0123456789abcdef";

/// The bytes of the fake client's WASM, as a browser gets them after decompressing.
pub const WASM: &[u8] =
    b"\0asm\x01\0\0\0 a fake client, long enough to compress well well well well";

/// Writes the fake site into a new temporary folder and opens it.
pub fn fake_site() -> (tempfile::TempDir, Site) {
    let folder = tempfile::tempdir().unwrap();
    let pkg = folder.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let files: [(String, &[u8]); 6] = [
        // The split loader first: a `.js` file of the stem that is not the client's own.
        (
            format!("pkg/{STEM}.__wasm_split.js"),
            b"import { initSync } from './cs.js';",
        ),
        (format!("pkg/{STEM}.split_admin.wasm"), WASM),
        (
            format!("pkg/{STEM}.js"),
            b"export default function init() {}",
        ),
        (format!("pkg/{STEM}_bg.wasm"), WASM),
        (format!("pkg/{STEM}.css"), b"body { margin: 0 }"),
        (
            "favicon.svg".into(),
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ];
    for (path, bytes) in files {
        let path = folder.path().join(path);
        std::fs::write(&path, bytes).unwrap();
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut packed, &Default::default()).unwrap();
        std::fs::write(format!("{}.br", path.display()), packed).unwrap();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(bytes).unwrap();
        std::fs::write(format!("{}.gz", path.display()), gzip.finish().unwrap()).unwrap();
    }
    let site = Site::open(
        SiteFiles::Folder(folder.path().to_path_buf()),
        app::OUTPUT_NAME,
    )
    .unwrap();
    (folder, site)
}
