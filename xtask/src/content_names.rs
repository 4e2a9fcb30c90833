//! The client's files named by their content: one hash over every file of `pkg` goes into each
//! name, so browsers may cache every file of the client for good, and the JS files' imports and
//! fetches follow the new names.

use std::{
    fs,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{
    Result,
    site::{file_name, files_in, read, write},
};

/// Names the client by one hash over every file in `pkg`: `<name>.js`, `<name>_bg.wasm` and
/// `<name>.css` become `<name>.<hash>.js`, `<name>.<hash>_bg.wasm` and `<name>.<hash>.css`, and
/// the lazily loaded parts (`__wasm_split.js`, `split_*.wasm`, `chunk_*.wasm`) become
/// `<name>.<hash>.<file>`, so every file of the client may be cached for good. References to a
/// renamed file in the JS files (`"./<file>"`) follow it. The server finds the stem by the `.js`
/// file and names the main three in the page.
pub fn name_by_content(pkg: &Path, name: &str) -> Result<String> {
    let files = files_in(pkg)?;
    let mut hasher = Sha256::new();
    for path in &files {
        hasher.update(file_name(path).as_bytes());
        hasher.update(read(path)?);
    }
    let digest = hasher.finalize();
    let hash: String = digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let stem = format!("{name}.{hash}");
    let renames: Vec<(String, String)> = files
        .iter()
        .map(|path| {
            let old = file_name(path);
            let new = match old.strip_prefix(name) {
                Some(rest @ (".js" | "_bg.wasm" | ".css")) => format!("{stem}{rest}"),
                _ => format!("{stem}.{old}"),
            };
            (old, new)
        })
        .collect();
    for (path, (_, new)) in files.iter().zip(&renames) {
        if path.extension().is_some_and(|e| e == "js") {
            let text = String::from_utf8(read(path)?)
                .map_err(|e| format!("{} is not UTF-8: {e}", path.display()))?;
            write(path, follow_renames(text, &renames).as_bytes())?;
        }
        fs::rename(path, path.with_file_name(new))
            .map_err(|e| format!("cannot rename {}: {e}", path.display()))?;
    }
    Ok(stem)
}

/// `text` with every import of a renamed file (`from "./<old>"`, or `from"./<old>"` once
/// minified) and every fetch of one (`new URL("./<old>"`) made to the new name. Only these: the main module's table of its
/// WASM imports is keyed by the module names inside the WASM, which do not change.
fn follow_renames(mut text: String, renames: &[(String, String)]) -> String {
    for (old, new) in renames {
        for quote in ['"', '\''] {
            for lead in ["from ", "from", "URL("] {
                text = text.replace(
                    &format!("{lead}{quote}./{old}{quote}"),
                    &format!("{lead}{quote}./{new}{quote}"),
                );
            }
        }
    }
    text
}

/// The WASM modules in `pkg`: the main one and the lazily loaded parts.
pub fn wasm_files(pkg: &Path) -> Result<Vec<PathBuf>> {
    Ok(files_in(pkg)?
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_names_change_with_the_content() {
        let folder = tempfile::tempdir().unwrap();
        let pkg = folder.path();
        let write_client = |chunk: &str| {
            for (file, text) in [
                (
                    "app.js",
                    "import * as split from './__wasm_split.js'; imports = { './__wasm_split.js': split };",
                ),
                ("app_bg.wasm", "wasm"),
                ("app.css", "css"),
                // Minified, as a release build writes it.
                (
                    "__wasm_split.js",
                    r#"import{initSync}from"./app.js";fetch(new URL("./split_admin.wasm",import.meta.url));"#,
                ),
                ("split_admin.wasm", chunk),
            ] {
                fs::write(pkg.join(file), text).unwrap();
            }
        };
        write_client("one");
        let first = name_by_content(pkg, "app").unwrap();
        assert_eq!(first.len(), "app.".len() + 16);
        for file in [
            ".js",
            "_bg.wasm",
            ".css",
            ".__wasm_split.js",
            ".split_admin.wasm",
        ] {
            assert!(pkg.join(format!("{first}{file}")).exists(), "{file}");
        }
        assert!(!pkg.join("app.js").exists());
        // The main module imports the loader, and the loader the main module and its part,
        // by their new names.
        let main = fs::read_to_string(pkg.join(format!("{first}.js"))).unwrap();
        assert!(
            main.contains(&format!("'./{first}.__wasm_split.js'")),
            "{main}"
        );
        let loader = fs::read_to_string(pkg.join(format!("{first}.__wasm_split.js"))).unwrap();
        assert!(loader.contains(&format!(r#""./{first}.js""#)), "{loader}");
        assert!(
            loader.contains(&format!(r#""./{first}.split_admin.wasm""#)),
            "{loader}"
        );

        // A change in a lazily loaded part alone names the whole client anew.
        for entry in fs::read_dir(pkg).unwrap() {
            fs::remove_file(entry.unwrap().path()).unwrap();
        }
        write_client("two");
        let second = name_by_content(pkg, "app").unwrap();
        assert_ne!(first, second);
    }
}
