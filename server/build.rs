//! The server embeds `target/site` (see `src/site.rs`): rebuild it whenever `cargo xtask build`
//! writes a new site, also when only new files appeared.

fn main() {
    println!("cargo:rerun-if-changed=../target/site");
}
