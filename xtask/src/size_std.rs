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

/// Makes `command` — the release client's `cargo rustc` (built with `profile`), before its
/// `--` — compile the client with the standard library built for size, installing the
/// library's sources when they are missing.
pub(crate) fn build_std_for_size(command: &mut Command, profile: &str) -> Result {
    ensure_rustup("component", "rust-src")?;
    command
        .args([
            "-Zbuild-std=std,panic_abort",
            "-Zbuild-std-features=optimize_for_size",
            "-Zpanic-immediate-abort",
            "--config",
            &format!("profile.{profile}.panic=\"immediate-abort\""),
            // Panics have no file and line to report. Cargo joins this array after the
            // workspace's `build.rustflags` (`--cfg erase_components`); `RUSTFLAGS` in the
            // environment would replace both.
            "--config",
            "build.rustflags=[\"-Zlocation-detail=none\"]",
        ])
        // Lets the stable cargo and rustc of this one call take the unstable flags above.
        .env("RUSTC_BOOTSTRAP", "1");
    Ok(())
}
