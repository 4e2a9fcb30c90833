//! Splits the lazily loaded code (functions marked `wasm_split(<group>, …)`, see
//! `app/src/routes/lazy_pages.rs`) out of the client's WASM, as `cargo leptos --split` does:
//! the main module keeps what the first page needs, each group's code goes to a module of its
//! own (`split_<group>.wasm`, with code shared by several groups in `chunk_<n>.wasm`), and a
//! small loader (`__wasm_split.js`) fetches them when called.
//! The input must be linked with `--emit-relocs`, which the build passes to the frontend's link.

use std::{fs, path::Path};

use crate::{OUTPUT_NAME, Result, group_loads::LazyGroups};

/// The loader's file, beside the client's JS; the main module imports it by this path.
pub const LOADER: &str = "__wasm_split.js";

/// Writes the lazily loaded modules and the loader into `pkg` and the main module, for
/// wasm-bindgen, to `main_out`. Returns each group's files (its module and the chunks it needs).
pub fn split_lazy_code(input: &Path, pkg: &Path, main_out: &Path) -> Result<LazyGroups> {
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
    Ok(split.prefetch_map.into_iter().collect())
}
