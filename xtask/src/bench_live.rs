//! `cargo xtask bench-live`: live updates at scale on a release build — one server on SQLite,
//! then (with a postgres:// `DATABASE_URL`) two servers on one PostgreSQL database, each
//! measured by `server bench-live`: memory of 1,000 idle streams, and commit → event latency
//! (p50/p99) over every stream. Prints figures and asserts nothing.

use std::{env, process::Command};

use crate::{
    Result, Workspace,
    benches::{Serving, seed_database},
    run_checked, step,
};

/// The PostgreSQL database the benchmark recreates.
const DATABASE: &str = "cs_bench_live";

impl Workspace {
    pub(crate) fn bench_live(&self) -> Result {
        let (server, folder) = self.release_server("bench-live")?;
        let seed = |database: &str| seed_database(&server, database, 300);
        let measure = |database: &str, watch: &str, change_via: &str, pids: &[u32]| {
            let pids: Vec<String> = pids.iter().map(u32::to_string).collect();
            run_checked(Command::new(&server).args([
                "--database-url",
                database,
                "bench-live",
                "--watch",
                watch,
                "--change-via",
                change_via,
                "--pids",
                &pids.join(","),
            ]))
        };

        step("One server on SQLite, the demo data: 1,000 idle streams, then 50 changes");
        let sqlite = format!("sqlite://{}/live.db", folder.display());
        seed(&sqlite)?;
        {
            let one = Serving::start(&server, &folder, "127.0.0.1:3402", &sqlite)?;
            measure(&sqlite, "127.0.0.1:3402", "127.0.0.1:3402", &[one.pid()])?;
        }

        let Some(admin_url) = env::var("DATABASE_URL")
            .ok()
            .filter(|url| url.starts_with("postgres"))
        else {
            println!(
                "PostgreSQL not measured: set DATABASE_URL=postgres://… to measure two servers"
            );
            return Ok(());
        };
        step("Two servers on one PostgreSQL database: streams on one, changes through the other");
        let postgres = fresh_postgres_database(&admin_url, DATABASE)?;
        seed(&postgres)?;
        let changes = Serving::start(&server, &folder, "127.0.0.1:3403", &postgres)?;
        let streams = Serving::start(&server, &folder, "127.0.0.1:3404", &postgres)?;
        measure(
            &postgres,
            "127.0.0.1:3404",
            "127.0.0.1:3403",
            &[streams.pid(), changes.pid()],
        )
    }
}

/// Drops and creates `database` on the server of `admin_url`; answers its URL.
pub(crate) fn fresh_postgres_database(admin_url: &str, database: &str) -> Result<String> {
    for sql in [
        format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
        format!("CREATE DATABASE {database}"),
    ] {
        run_checked(Command::new("psql").args([admin_url, "-q", "-c", &sql]))?;
    }
    Ok(with_database(admin_url, database))
}

/// `url` with its database name replaced by `database` (query parameters kept).
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let server = base[authority..]
        .find('/')
        .map_or(base, |i| &base[..authority + i]);
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_benchmark_database_replaces_the_one_in_the_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://h?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}
