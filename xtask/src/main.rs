//! `cargo xtask`: builds, runs, tests and benchmarks the workspace with nothing but cargo, rustup,
//! npm and apt — no cargo-leptos and no wasm-bindgen-cli. wasm-bindgen runs in-process through
//! the `wasm-bindgen-cli-support` crate, pinned to the exact version the frontend links.
//!
//! Builds share one cargo target folder outside the clone (`$CARGO_TARGET_DIR`, by default
//! `~/.cache/cs-workspace/target`), so a fresh clone on a machine that built before is fast.
//! The site (`pkg/` and the public files) is written to `target/site` inside the clone, where
//! the server and `cargo leptos watch` both expect it.

mod bench_live;
mod bench_load;
mod benches;
mod build;
mod content_names;
mod group_loads;
mod site;
mod size_std;
mod wasm_split;

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

/// Must match `app::OUTPUT_NAME`: the server looks for `/pkg/<name>.<hash>.js` at start-up.
const OUTPUT_NAME: &str = "cs_workspace";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build [--release]   build the WASM bundle, the site folder and the server
  run [-- ARGS]       install what is missing, build, and serve the demo on SQLite
  test                install what is missing, then fmt, clippy (ssr and hydrate), unit and
                      integration tests (also on PostgreSQL when DATABASE_URL is postgres://…)
                      and the Playwright end-to-end suite; then a release build, whose
                      binary runs the site tests (tests/site.spec.ts)
  bench               seed 100,000 companies into a fresh SQLite database and time the
                      Customers page query (p50, p99)
  bench-board         release build, 10,000 + 1,000 deals, and the Revenue board measured
                      in headless Chromium (first cards, drag and drop, scrolling)
  bench-first-load    release build and the demo; the Customers tab's first load on a cold
                      cache in headless Chromium, compressed and not
  bench-live          release build; 1,000 idle live-update streams (memory) and the fan-out
                      latency of changes, on SQLite and (DATABASE_URL) two servers on PostgreSQL
  load                release build; 100,000 companies, 200 browsers for 60 s (lists, opens,
                      edits, stage moves) on SQLite and (DATABASE_URL) PostgreSQL: p50/p99,
                      requests/s, errors, lost updates, peak memory";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let workspace = Workspace::locate();
    let outcome = match args.first().map(String::as_str) {
        Some("build") => {
            let release = args.iter().any(|a| a == "--release");
            ensure_wasm_target().and_then(|()| workspace.build(release))
        }
        Some("run") => workspace.run(&args[1..]),
        Some("test") => workspace.test(),
        Some("bench") => workspace.bench(),
        Some("bench-board") => workspace.bench_board(),
        Some("bench-first-load") => workspace.bench_first_load(),
        Some("bench-live") => workspace.bench_live(),
        Some("load") => workspace.load(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Workspace {
    root: PathBuf,
    target_dir: PathBuf,
}

impl Workspace {
    fn locate() -> Workspace {
        // `cargo run` names the xtask folder of the checkout it runs in; the path compiled in is
        // only a fallback, since checkouts sharing one build cache share this binary too.
        let manifest_dir = env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = manifest_dir
            .parent()
            .expect("xtask lives inside the workspace")
            .to_path_buf();
        let target_dir = env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let home = env::var_os("HOME")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| root.clone());
                home.join(".cache/cs-workspace/target")
            });
        Workspace { root, target_dir }
    }

    fn site_dir(&self) -> PathBuf {
        self.root.join("target/site")
    }

    fn server_binary(&self, release: bool) -> PathBuf {
        self.target_dir
            .join(if release { "release" } else { "debug" })
            .join("server")
    }

    fn cargo(&self, args: &[&str]) -> Result {
        run_checked(&mut self.cargo_command(args))
    }

    /// A cargo call in the workspace with its shared target folder, to run later.
    fn cargo_command(&self, args: &[&str]) -> Command {
        let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        command
    }

    fn run(&self, server_args: &[String]) -> Result {
        ensure_wasm_target()?;
        self.build(false)?;
        step("Starting the server on SQLite with the demo data");
        let extra = server_args.iter().skip_while(|a| *a == "--");
        run_checked(
            Command::new(self.server_binary(false))
                .current_dir(&self.root)
                .args(["--database-url", "sqlite://data/workspace.db", "--demo"])
                .args(extra),
        )
    }

    fn test(&self) -> Result {
        ensure_wasm_target()?;
        ensure_chromium()?;
        self.ensure_npm_packages()?;

        step("Checking formatting (cargo fmt --check)");
        self.cargo(&["fmt", "--all", "--check"])?;
        step("Linting the server build (clippy, ssr)");
        self.cargo(&[
            "clippy",
            "-p",
            "app",
            "-p",
            "server",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])?;
        step("Linting the browser build (clippy, hydrate, wasm32)");
        self.cargo(&[
            "clippy",
            "-p",
            "frontend",
            "--lib",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ])?;
        step("Linting the build tool (clippy, xtask)");
        self.cargo(&[
            "clippy",
            "-p",
            "xtask",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])?;

        // The server embeds the site, so the site comes first and the tests below use this build.
        self.build(false)?;
        match env::var("DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                step("Unit and integration tests (SQLite, and PostgreSQL from DATABASE_URL)")
            }
            _ => step(
                "Unit and integration tests (SQLite; set DATABASE_URL=postgres://… to add PostgreSQL)",
            ),
        }
        self.cargo(&["test", "-p", "app", "-p", "server"])?;
        step("Unit tests of the build tool (xtask)");
        self.cargo(&["test", "-p", "xtask"])?;

        step("End-to-end tests (Playwright, Chromium)");
        run_checked(
            Command::new("npx")
                .args(["playwright", "test"])
                .current_dir(self.root.join("end2end"))
                .env("SERVER_BIN", self.server_binary(false)),
        )?;

        // What only a release build does to the client (wasm-opt, minifying, then naming by
        // content) is checked where it shows: the release binary serving, hydrating and
        // loading its lazily loaded code, in the browser.
        self.build(true)?;
        step("The release binary in Playwright (site.spec.ts)");
        run_checked(
            Command::new("npx")
                .args([
                    "playwright",
                    "test",
                    "tests/site.spec.ts",
                    "--project",
                    "chromium",
                    "--no-deps",
                ])
                .current_dir(self.root.join("end2end"))
                .env("SERVER_BIN", self.server_binary(true)),
        )
    }

    /// `npm ci` in end2end/ when its packages are missing or older than the lock file.
    fn ensure_npm_packages(&self) -> Result {
        let folder = self.root.join("end2end");
        let installed = folder.join("node_modules/.package-lock.json");
        let lock = folder.join("package-lock.json");
        let fresh = match (fs::metadata(&installed), fs::metadata(&lock)) {
            (Ok(i), Ok(l)) => i.modified().ok() >= l.modified().ok(),
            _ => false,
        };
        if fresh {
            return Ok(());
        }
        step("Installing the end-to-end test packages (npm ci)");
        run_checked(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&folder),
        )
    }
}

fn step(title: &str) {
    println!("\n==> {title}");
}

fn run_checked(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn ensure_wasm_target() -> Result {
    ensure_rustup("target", WASM_TARGET)
}

/// Adds rustup's `kind` (`target` or `component`) `name` to the toolchain when it is missing.
fn ensure_rustup(kind: &str, name: &str) -> Result {
    let installed = output_of("rustup", &[kind, "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == name) {
        return Ok(());
    }
    step(&format!("Installing the Rust {kind} {name} (rustup)"));
    run_checked(Command::new("rustup").args([kind, "add", name]))
}

/// Debian's Chromium for Playwright (which cannot download its own browser here).
fn ensure_chromium() -> Result {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    step("Installing Chromium (apt-get)");
    let root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run_checked(&mut command)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "--no-install-recommends", "chromium"])
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}
