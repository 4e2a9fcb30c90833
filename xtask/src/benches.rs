//! The benchmarks: `cargo xtask bench` (the server's own, at 100,000 companies), `bench-board`
//! and `bench-first-load` (a release build measured in headless Chromium). They print figures
//! and assert nothing. `bench-live` is in [`crate::bench_live`].

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use crate::{Result, Workspace, ensure_chromium, ensure_wasm_target, run_checked, step};

impl Workspace {
    pub(crate) fn bench(&self) -> Result {
        ensure_wasm_target()?;
        step("Building the server");
        self.cargo(&["build", "-p", "app", "-p", "server"])?;
        let folder = self.fresh_folder("bench")?;
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
    pub(crate) fn bench_board(&self) -> Result {
        self.prepare_browser_bench()?;
        let folder = self.fresh_folder("bench-board")?;
        let database = format!("sqlite://{}/board.db", folder.display());
        step("Seeding the demo data, 10,000 deals in the Sales pipeline and 1,000 in Renewals");
        run_checked(
            Command::new(self.server_binary(true))
                .args(["--database-url", &database])
                .args(["board-fixture", "--deals", "10000", "--other", "1000"]),
        )?;
        step("Serving the release build on 127.0.0.1:3400");
        let _server = Serving::start(
            &self.server_binary(true),
            &self.root,
            "127.0.0.1:3400",
            &database,
        )?;
        step("Measuring in headless Chromium (medians of 5)");
        self.measure_in_chromium("bench/board.mjs", "http://127.0.0.1:3400")
    }

    /// The first load of the Customers tab on a cold cache, from the release binary alone in
    /// an empty folder, measured by `end2end/bench/first-load.mjs`.
    pub(crate) fn bench_first_load(&self) -> Result {
        self.prepare_browser_bench()?;
        let folder = self.fresh_folder("bench-first-load")?;
        let server = folder.join("server");
        fs::copy(self.server_binary(true), &server)
            .map_err(|e| format!("cannot copy the server into {}: {e}", folder.display()))?;
        step("Loading the demo data");
        let database = "sqlite://demo.db";
        run_checked(Command::new(&server).current_dir(&folder).args([
            "--database-url",
            database,
            "seed",
            "--companies",
            "300",
        ]))?;
        step("Serving the binary alone (no site folder) on 127.0.0.1:3401");
        let _server = Serving::start(&server, &folder, "127.0.0.1:3401", database)?;
        step("Measuring in headless Chromium (medians of 5, cold cache)");
        self.measure_in_chromium("bench/first-load.mjs", "http://127.0.0.1:3401")
    }

    /// Runs a benchmark script of `end2end/` against the server at `url`.
    fn measure_in_chromium(&self, script: &str, url: &str) -> Result {
        run_checked(
            Command::new("node")
                .arg(script)
                .current_dir(self.root.join("end2end"))
                .env("BENCH_URL", url),
        )
    }

    fn prepare_browser_bench(&self) -> Result {
        ensure_wasm_target()?;
        ensure_chromium()?;
        self.ensure_npm_packages()?;
        self.build(true)
    }

    /// A release build for a benchmark that drives the server: its binary, and an empty
    /// folder `name` for the benchmark's files.
    pub(crate) fn release_server(&self, name: &str) -> Result<(PathBuf, PathBuf)> {
        crate::ensure_wasm_target()?;
        self.build(true)?;
        Ok((self.server_binary(true), self.fresh_folder(name)?))
    }

    /// An empty folder for a benchmark's files in the build cache.
    pub(crate) fn fresh_folder(&self, name: &str) -> Result<PathBuf> {
        let folder = self.target_dir.join(name);
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        Ok(folder)
    }
}

/// Fills `database` with `companies` generated companies and what scales with them.
pub(crate) fn seed_database(server: &Path, database: &str, companies: u32) -> Result {
    crate::run_checked(Command::new(server).args([
        "--database-url",
        database,
        "seed",
        "--companies",
        &companies.to_string(),
    ]))
}

/// A server started for a benchmark, stopped when dropped.
pub(crate) struct Serving(Child);

impl Serving {
    pub(crate) fn start(
        binary: &Path,
        folder: &Path,
        addr: &str,
        database: &str,
    ) -> Result<Serving> {
        let mut command = Command::new(binary);
        command
            .current_dir(folder)
            .args(["--addr", addr, "--database-url", database])
            .stdout(Stdio::null());
        let started = Instant::now();
        let serving = Serving(
            command
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", binary.display()))?,
        );
        while started.elapsed() < Duration::from_secs(30) {
            if std::net::TcpStream::connect(addr).is_ok() {
                println!(
                    "{addr} answers {} ms after launch",
                    started.elapsed().as_millis()
                );
                return Ok(serving);
            }
            thread::sleep(Duration::from_millis(10));
        }
        Err(format!("the server on {addr} did not start within 30 s"))
    }
}

impl Serving {
    pub(crate) fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
