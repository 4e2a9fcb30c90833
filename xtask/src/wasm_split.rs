//! Splits the lazily loaded routes (`#[lazy_route]`, `#[lazy]`) out of the client's WASM, as
//! `cargo leptos --split` does: the main module keeps what the first page needs, each lazy
//! route's code goes to a module of its own (`split_<name>.wasm`, with code shared by several
//! in `chunk_<n>.wasm`), and a small loader (`__wasm_split.js`) fetches them when called.
//! The input must be linked with `--emit-relocs`, which the build passes to the frontend's link.

use std::{collections::HashMap, fs, path::Path};

use crate::{OUTPUT_NAME, Result};

/// The loader's file, beside the client's JS; the main module imports it by this path.
pub const LOADER: &str = "__wasm_split.js";

/// The modules each lazily loaded function needs, by its split name
/// (`{ "__summary_route__view_…": ["chunk_3", "split___summary_route__view_…"] }`): the server
/// names them in a page that calls the function, so the browser fetches them beside the main
/// module instead of after it.
pub type Preloads = HashMap<String, Vec<String>>;

/// Writes the lazily loaded modules and the loader into `pkg` and the main module, for
/// wasm-bindgen, to `main_out`. Returns how many modules were split off and the preloads.
pub fn split_lazy_routes(input: &Path, pkg: &Path, main_out: &Path) -> Result<(usize, Preloads)> {
    let wasm = fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let link_name = format!("./{LOADER}");
    let main_module = format!("./{OUTPUT_NAME}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = pkg;
    options.main_out_path = main_out;
    options.link_name = &link_name;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("wasm-split failed on {}: {e}", input.display()))?;
    Ok((split.split_modules.len(), split.prefetch_map))
}

/// Writes `<stem>.split_manifest.json` into `pkg`: the preloads, each module named as the client
/// names it by content (`<stem>.<module>`). The server reads it at start-up.
pub fn write_preloads(pkg: &Path, stem: &str, preloads: &Preloads) -> Result {
    let named: Preloads = preloads
        .iter()
        .map(|(function, modules)| {
            let modules = modules.iter().map(|module| format!("{stem}.{module}"));
            (function.clone(), modules.collect())
        })
        .collect();
    let path = pkg.join(format!("{stem}.split_manifest.json"));
    let json = serde_json::to_vec_pretty(&named).map_err(|e| format!("preloads: {e}"))?;
    fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preloads_name_the_modules_as_the_client_does() {
        let folder = tempfile::tempdir().unwrap();
        let preloads = Preloads::from([(
            "__summary_route__view_1".to_string(),
            vec![
                "chunk_3".to_string(),
                "split___summary_route__view_1".to_string(),
            ],
        )]);
        write_preloads(folder.path(), "app.0123456789abcdef", &preloads).unwrap();
        let written = fs::read(
            folder
                .path()
                .join("app.0123456789abcdef.split_manifest.json"),
        );
        let read: Preloads = serde_json::from_slice(&written.unwrap()).unwrap();
        assert_eq!(
            read["__summary_route__view_1"],
            [
                "app.0123456789abcdef.chunk_3",
                "app.0123456789abcdef.split___summary_route__view_1"
            ]
        );
    }
}
