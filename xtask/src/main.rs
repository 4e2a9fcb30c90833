//! `cargo xtask`: builds, runs, tests and benchmarks the workspace with nothing but cargo, rustup,
//! npm and apt — no cargo-leptos and no wasm-bindgen-cli. wasm-bindgen runs in-process through
//! the `wasm-bindgen-cli-support` crate, pinned to the exact version the frontend links.
//!
//! Builds share one cargo target folder outside the clone (`$CARGO_TARGET_DIR`, by default
//! `~/.cache/cs-workspace/target`), so a fresh clone on a machine that built before is fast.
//! The site (`pkg/` and the public files) is written to `target/site` inside the clone, where
//! the server and `cargo leptos watch` both expect it.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

/// Must match `app::OUTPUT_NAME`: the server's hydration script loads `/pkg/<name>.js`.
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
                      and the Playwright end-to-end suite
  bench               seed 100,000 companies into a fresh SQLite database and time the
                      Customers page query (p50, p99)
  bench-board         release build, 10,000 + 1,000 deals, and the Revenue board measured
                      in headless Chromium (first cards, drag and drop, scrolling)";

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
        let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        run_checked(&mut command)
    }

    fn build(&self, release: bool) -> Result {
        step("Building the WASM bundle (frontend, hydrate)");
        let profile = if release { "wasm-release" } else { "dev" };
        self.cargo(&[
            "build",
            "-p",
            "frontend",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            profile,
        ])?;
        let profile_dir = if release { "wasm-release" } else { "debug" };
        let wasm = self
            .target_dir
            .join(WASM_TARGET)
            .join(profile_dir)
            .join("frontend.wasm");
        let pkg = self.site_dir().join("pkg");
        fs::create_dir_all(&pkg).map_err(|e| format!("cannot create {}: {e}", pkg.display()))?;

        step("Generating JS bindings (wasm-bindgen)");
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .web(true)
            .map_err(|e| format!("wasm-bindgen: {e}"))?
            .typescript(false)
            .out_name(OUTPUT_NAME)
            .generate(&pkg)
            .map_err(|e| format!("wasm-bindgen failed on {}: {e}", wasm.display()))?;
        if release {
            self.optimise_wasm(&pkg.join(format!("{OUTPUT_NAME}_bg.wasm")))?;
        }

        step("Copying style and public files into the site folder");
        let css = self.root.join("style/main.css");
        fs::copy(&css, pkg.join(format!("{OUTPUT_NAME}.css")))
            .map_err(|e| format!("cannot copy {}: {e}", css.display()))?;
        copy_dir(&self.root.join("public"), &self.site_dir())?;

        step("Building the server (ssr)");
        let mut args = vec!["build", "-p", "app", "-p", "server"];
        if release {
            args.push("--release");
        }
        self.cargo(&args)
    }

    /// Shrinks the release bundle with binaryen's wasm-opt from npm, when it is installed.
    fn optimise_wasm(&self, wasm: &Path) -> Result {
        let wasm_opt = self.root.join("end2end/node_modules/.bin/wasm-opt");
        if !wasm_opt.exists() {
            println!(
                "wasm-opt not installed (npm ci in end2end/ provides it); bundle left as built"
            );
            return Ok(());
        }
        step("Optimising the WASM bundle (wasm-opt -Oz)");
        run_checked(
            Command::new(&wasm_opt)
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                    "-o",
                ])
                .arg(wasm)
                .arg(wasm),
        )
    }

    fn run(&self, server_args: &[String]) -> Result {
        ensure_wasm_target()?;
        self.build(false)?;
        step("Starting the server on SQLite with the demo data");
        let extra = server_args.iter().skip_while(|a| *a == "--");
        run_checked(
            Command::new(self.server_binary(false))
                .current_dir(&self.root)
                .args([
                    "--database-url",
                    "sqlite://data/workspace.db",
                    "--demo",
                    "--site-root",
                ])
                .arg(self.site_dir())
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
        self.cargo(&["clippy", "-p", "xtask", "--", "-D", "warnings"])?;

        match env::var("DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                step("Unit and integration tests (SQLite, and PostgreSQL from DATABASE_URL)")
            }
            _ => step(
                "Unit and integration tests (SQLite; set DATABASE_URL=postgres://… to add PostgreSQL)",
            ),
        }
        self.cargo(&["test", "-p", "app", "-p", "server"])?;

        self.build(false)?;
        step("End-to-end tests (Playwright, Chromium)");
        run_checked(
            Command::new("npx")
                .args(["playwright", "test"])
                .current_dir(self.root.join("end2end"))
                .env("SERVER_BIN", self.server_binary(false))
                .env("SITE_ROOT", self.site_dir()),
        )
    }

    fn bench(&self) -> Result {
        ensure_wasm_target()?;
        step("Building the server");
        self.cargo(&["build", "-p", "app", "-p", "server"])?;
        let folder = self.target_dir.join("bench");
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        step("Benchmark: Customers page at 100,000 companies on SQLite");
        run_checked(
            Command::new(self.server_binary(false))
                .current_dir(&self.root)
                .arg("--database-url")
                .arg(format!("sqlite://{}/bench.db", folder.display()))
                .args(["bench", "--companies", "100000"]),
        )
    }

    /// The board benchmark: a release build serving the demo plus 10,000 deals in one pipeline
    /// and 1,000 in another, measured by `end2end/bench/board.mjs` in headless Chromium.
    fn bench_board(&self) -> Result {
        ensure_wasm_target()?;
        ensure_chromium()?;
        self.ensure_npm_packages()?;
        self.build(true)?;
        let folder = self.target_dir.join("bench-board");
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let database = format!("sqlite://{}/board.db", folder.display());
        let server = self.server_binary(true);
        step("Seeding the demo data, 10,000 deals in the Sales pipeline and 1,000 in Renewals");
        run_checked(
            Command::new(&server)
                .current_dir(&self.root)
                .args(["--database-url", &database])
                .args(["board-fixture", "--deals", "10000", "--other", "1000"]),
        )?;
        step("Serving the release build on 127.0.0.1:3400");
        let mut serving = Command::new(&server)
            .current_dir(&self.root)
            .args(["--addr", "127.0.0.1:3400", "--database-url", &database])
            .arg("--site-root")
            .arg(self.site_dir())
            .stdout(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
        let up = (0..300).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            std::net::TcpStream::connect("127.0.0.1:3400").is_ok()
        });
        step("Measuring in headless Chromium (medians of 5)");
        let outcome = if up {
            run_checked(
                Command::new("node")
                    .arg("bench/board.mjs")
                    .current_dir(self.root.join("end2end"))
                    .env("BENCH_URL", "http://127.0.0.1:3400"),
            )
        } else {
            Err("the server did not start within 30 s".into())
        };
        let _ = serving.kill();
        let _ = serving.wait();
        outcome
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
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    step("Installing the Rust target wasm32-unknown-unknown");
    run_checked(Command::new("rustup").args(["target", "add", WASM_TARGET]))
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
