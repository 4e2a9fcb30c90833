//! The command line: serving flags and the subcommands.

use std::{net::IpAddr, net::SocketAddr, path::PathBuf};

use clap::{Parser, Subcommand};

use crate::{bench, duration_arg};

#[derive(Debug, Parser)]
#[command(
    version,
    about = "Customer Success Workspace: a self-hosted workspace for customer success teams"
)]
pub struct Cli {
    /// Database to use: sqlite://PATH (created on first start) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/workspace.db",
        global = true
    )]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CSW_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Load the demo data set (teams, users, customers, pipelines, activities) if the database
    /// is empty.
    #[arg(long, env = "CSW_DEMO")]
    pub demo: bool,

    /// The address people reach the workspace at when it runs behind a proxy (e.g.
    /// https://cs.example.com); POSTs must come from it. Default: the address each request was
    /// sent to.
    #[arg(long, env = "CSW_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// A proxy in front of the server (repeatable, or comma-separated): the client address it
    /// forwards in X-Forwarded-For is believed, for login throttling. Default: none.
    #[arg(long, env = "CSW_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<IpAddr>,

    /// A session not used for this long ends (s, m, h or d).
    #[arg(long, env = "CSW_SESSION_IDLE_TIMEOUT", default_value = "2h", value_parser = duration_arg::parse_duration)]
    pub session_idle_timeout: chrono::Duration,

    /// A session ends this long after login, used or not (s, m, h or d).
    #[arg(long, env = "CSW_SESSION_LIFETIME", default_value = "12h", value_parser = duration_arg::parse_duration)]
    pub session_lifetime: chrono::Duration,

    /// Serve the site (pkg/ with the WASM, JS and CSS, and the public files) from this folder
    /// instead of the copy built into the binary — for development, e.g. target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with generated data at scale.
    Seed {
        /// Number of companies; contacts, deals, tickets, services and activities scale with it.
        #[arg(long, default_value_t = 1_000)]
        companies: u32,
        /// Random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Time the Customers page query on a seeded database and print p50/p99.
    Bench {
        /// Companies to seed first if the database is empty.
        #[arg(long, default_value_t = 100_000)]
        companies: u32,
        /// Number of page queries to time.
        #[arg(long, default_value_t = 300)]
        samples: u32,
        /// Only these lines.
        #[arg(long, value_enum, default_value_t = bench::BenchPart::All)]
        only: bench::BenchPart,
    },
    /// Open many idle event streams on a running server and time the fan-out of changes saved
    /// through (another) one: memory per stream, and commit → event latency p50/p99.
    BenchLive {
        /// host:port of the server the streams connect to.
        #[arg(long)]
        watch: String,
        /// host:port of the server the changes are saved through (default: --watch).
        #[arg(long)]
        change_via: Option<String>,
        /// Process ids of the servers, whose memory is reported.
        #[arg(long, value_delimiter = ',')]
        pids: Vec<u32>,
        /// Idle streams to open.
        #[arg(long, default_value_t = 1_000)]
        streams: usize,
        /// Changes to time.
        #[arg(long, default_value_t = 50)]
        samples: usize,
    },
    /// Drive a running server with many browsers at once — list pages, record opens, edits,
    /// stage moves — then check every acknowledged change is stored: p50/p99 per kind,
    /// requests/s, errors, lost updates, peak memory.
    Load {
        /// host:port of the server.
        #[arg(long)]
        target: String,
        /// Browsers, each with its own session and connection.
        #[arg(long, default_value_t = 200)]
        sessions: usize,
        /// How long they work.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Process ids of the server(s), whose peak memory is reported.
        #[arg(long, value_delimiter = ',')]
        pids: Vec<u32>,
    },
    /// Copy the (SQLite) database to a new file while the server keeps running, and check the
    /// copy. To restore: stop the server, put the copy in the database file's place (removing
    /// the old file's -wal and -shm files beside it), start the server.
    Backup {
        /// The file to write; it must not exist yet.
        path: PathBuf,
    },
    /// Load the demo data set plus many deals in two pipelines, for the board benchmark.
    BoardFixture {
        /// Deals added to the Sales pipeline.
        #[arg(long, default_value_t = 10_000)]
        deals: u32,
        /// Deals added to the Renewals pipeline.
        #[arg(long, default_value_t = 1_000)]
        other: u32,
    },
}
