//! The release client is compiled together with its own standard library, built for size and
//! with panics that abort at once (`panic = "immediate-abort"`).
//!
//! Why: the precompiled standard library is built to unwind and to explain every panic, so the
//! client carried Rust's panic machinery — the messages, their formatting and the file and line
//! of every possible panic — although in the browser a panic can only stop the module. Rebuilt
//! with the client, all of that goes, and `optimize_for_size` picks the library's smaller
//! algorithms.
//!
//! How, on a stable toolchain: `-Zbuild-std` and the panic strategy are unstable, so the one
//! cargo call that compiles the release client runs with `RUSTC_BOOTSTRAP=1`, which lets stable
//! cargo and rustc take them (nothing else is built that way: the server, the tests and the
//! development client use the toolchain as it comes). The library's sources are rustup's
//! `rust-src` component, installed like the WASM target when missing.
//!
//! What a user notices: nothing, unless the client panics; then the release client stops
//! without a message in the console (the development client, `cargo xtask run`, still prints
//! the panic and where it happened).

use std::process::Command;

use crate::{Result, ensure_rustup};

/// The arguments of the release client's `cargo rustc` (built with `profile`), before its `--`.
pub(crate) fn cargo_args(profile: &str) -> Vec<String> {
    vec![
        "-Zbuild-std=std,panic_abort".into(),
        "-Zbuild-std-features=optimize_for_size".into(),
        "-Zpanic-immediate-abort".into(),
        "--config".into(),
        format!("profile.{profile}.panic=\"immediate-abort\""),
        // Panics have no file and line to report. Cargo joins this array after the workspace's
        // `build.rustflags` (`--cfg erase_components`); `RUSTFLAGS` in the environment would
        // replace both.
        "--config".into(),
        "build.rustflags=[\"-Zlocation-detail=none\"]".into(),
    ]
}

/// Lets the stable cargo and rustc of `command` (the release client's `cargo rustc`, nothing
/// else) take the unstable flags above.
pub(crate) fn allow_unstable_flags(command: &mut Command) {
    command.env("RUSTC_BOOTSTRAP", "1");
}

/// Installs the standard library's sources (rustup's `rust-src`) when they are missing.
pub(crate) fn ensure_std_sources() -> Result {
    ensure_rustup("component", "rust-src")
}
