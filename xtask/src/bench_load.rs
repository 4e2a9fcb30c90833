//! `cargo xtask load`: the server under load on a release build — 100,000 companies on
//! SQLite, then (with a postgres:// `DATABASE_URL`) on PostgreSQL, each driven by
//! `server load`: 200 browsers for 60 s mixing list pages, record opens, edits and stage moves.
//! Prints p50/p99 per kind, requests/s and peak memory; fails when a request errs or an
//! acknowledged change is missing afterwards.

use std::{env, process::Command};

use crate::{
    Result, Workspace,
    bench_live::fresh_postgres_database,
    benches::{Serving, seed_database},
    run_checked, step,
};

/// The PostgreSQL database the benchmark recreates.
const DATABASE: &str = "cs_load";

impl Workspace {
    pub(crate) fn load(&self) -> Result {
        let (server, folder) = self.release_server("load")?;
        let seed = |database: &str| seed_database(&server, database, 100_000);
        let drive = |database: &str, addr: &str, pid: u32| {
            run_checked(Command::new(&server).args([
                "--database-url",
                database,
                "load",
                "--target",
                addr,
                "--pids",
                &pid.to_string(),
            ]))
        };

        step("SQLite, 100,000 companies: 200 browsers for 60 s");
        let sqlite = format!("sqlite://{}/load.db", folder.display());
        seed(&sqlite)?;
        {
            let serving = Serving::start(&server, &folder, "127.0.0.1:3405", &sqlite)?;
            drive(&sqlite, "127.0.0.1:3405", serving.pid())?;
        }

        let Some(admin_url) = env::var("DATABASE_URL")
            .ok()
            .filter(|url| url.starts_with("postgres"))
        else {
            println!("PostgreSQL not measured: set DATABASE_URL=postgres://… to measure it");
            return Ok(());
        };
        step("PostgreSQL, 100,000 companies: 200 browsers for 60 s");
        let postgres = fresh_postgres_database(&admin_url, DATABASE)?;
        seed(&postgres)?;
        let serving = Serving::start(&server, &folder, "127.0.0.1:3406", &postgres)?;
        drive(&postgres, "127.0.0.1:3406", serving.pid())
    }
}
