//! The `server` binary: serves the workspace (SSR + hydration + server functions), fills
//! databases with demo data (`server seed`), copies a live one (`server backup`) or measures
//! them (`server bench`, and `server bench-live` against running servers).

mod bench;
mod bench_health;
mod bench_live;
mod bench_summary;
mod board_fixture;
mod duration_arg;

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    process::ExitCode,
    time::Instant,
};

use app::{
    db::{Db, seed, sessions::SessionPolicy},
    state::AppState,
};
use chrono::Utc;
use clap::{Parser, Subcommand};
use leptos::prelude::*;
use server::{Exposure, PublicOrigin, ServedOverHttps, Site, SiteFiles, TrustedProxies};
use tracing_subscriber::EnvFilter;

/// Companies in the demo data set that `--demo` loads.
const DEMO_COMPANIES: u32 = 300;

#[derive(Debug, Parser)]
#[command(
    version,
    about = "Customer Success Workspace: a self-hosted workspace for customer success teams"
)]
struct Cli {
    /// Database to use: sqlite://PATH (created on first start) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/workspace.db",
        global = true
    )]
    database_url: String,

    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CSW_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,

    /// Load the demo data set (teams, users, customers, pipelines, activities) if the database
    /// is empty.
    #[arg(long, env = "CSW_DEMO")]
    demo: bool,

    /// The address people reach the workspace at when it runs behind a proxy (e.g.
    /// https://cs.example.com); POSTs must come from it. Default: the address each request was
    /// sent to.
    #[arg(long, env = "CSW_PUBLIC_URL")]
    public_url: Option<String>,

    /// A proxy in front of the server (repeatable, or comma-separated): the client address it
    /// forwards in X-Forwarded-For is believed, for login throttling. Default: none.
    #[arg(long, env = "CSW_TRUSTED_PROXY", value_delimiter = ',')]
    trusted_proxy: Vec<IpAddr>,

    /// A session not used for this long ends (s, m, h or d).
    #[arg(long, env = "CSW_SESSION_IDLE_TIMEOUT", default_value = "2h", value_parser = duration_arg::parse_duration)]
    session_idle_timeout: chrono::Duration,

    /// A session ends this long after login, used or not (s, m, h or d).
    #[arg(long, env = "CSW_SESSION_LIFETIME", default_value = "12h", value_parser = duration_arg::parse_duration)]
    session_lifetime: chrono::Duration,

    /// Serve the site (pkg/ with the WASM, JS and CSS, and the public files) from this folder
    /// instead of the copy built into the binary — for development, e.g. target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    site_root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
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

/// Stack of each runtime thread. Rendering a page on the server recurses through the whole view
/// tree; unoptimised (debug) builds of the record pages need more than the default 2 MiB.
const THREAD_STACK_BYTES: usize = 16 * 1024 * 1024;

fn main() -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK_BYTES)
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    // Logs go to stderr; stdout carries what a person runs the server for (URL, logins, seed
    // progress).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=error")),
        )
        .init();
    let cli = Cli::parse();
    let db = match Db::open(&cli.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = match cli.command {
        None => serve(db.clone(), cli.serve).await,
        Some(Command::Seed { companies, seed }) => run_seed(&db, companies, seed).await,
        Some(Command::Bench {
            companies,
            samples,
            only,
        }) => bench::run(&db, companies, samples, only).await,
        Some(Command::BoardFixture { deals, other }) => board_fixture::run(&db, deals, other).await,
        Some(Command::Backup { path }) => run_backup(&db, &path).await,
        Some(Command::BenchLive {
            watch,
            change_via,
            pids,
            streams,
            samples,
        }) => {
            let bench = bench_live::LiveBench {
                change_via: change_via.unwrap_or_else(|| watch.clone()),
                watch,
                pids,
                streams,
                samples,
            };
            bench_live::run(&db, bench).await
        }
    };
    db.close().await;
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run_seed(db: &Db, companies: u32, seed_value: u64) -> Result<(), String> {
    let started = Instant::now();
    let options = seed::SeedOptions {
        companies,
        seed: seed_value,
        now: Utc::now(),
    };
    let report = seed::seed(db, &options, |line| {
        println!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    })
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Seeded {} companies, {} contacts, {} deals, {} tickets, {} services, {} activities and \
         {} sales events in {:.1}s",
        report.companies,
        report.contacts,
        report.deals,
        report.tickets,
        report.services,
        report.activities,
        report.sales_events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn run_backup(db: &Db, path: &std::path::Path) -> Result<(), String> {
    let started = Instant::now();
    let report = app::db::backup::backup(db, path)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Backed up to {} ({:.1} MB, integrity checked) in {:.1}s",
        path.display(),
        report.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Loads the demo data set into an empty database.
async fn run_demo_seed(db: &Db) -> Result<(), String> {
    println!("Loading the demo data set…");
    run_seed(db, DEMO_COMPANIES, 42).await
}

async fn serve(db: Db, args: ServeArgs) -> Result<(), String> {
    let files = match &args.site_root {
        Some(folder) => SiteFiles::Folder(folder.clone()),
        None => SiteFiles::Embedded,
    };
    let site = Site::open(files, app::OUTPUT_NAME)?;
    if args.demo && seed::is_empty(&db).await.map_err(|e| e.to_string())? {
        run_demo_seed(&db).await?;
    }
    let leptos_options = LeptosOptions::builder()
        .output_name(site.client_stem())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .build();
    let https = args
        .public_url
        .as_deref()
        .is_some_and(|url| url.to_ascii_lowercase().starts_with("https://"));
    let sessions = SessionPolicy {
        idle_timeout: args.session_idle_timeout,
        lifetime: args.session_lifetime,
        https,
    };
    // Health scores are kept current in the background, off the request path; ended sessions
    // and old login attempts are deleted.
    tokio::spawn(app::db::health::queue::run_scorer(db.clone()));
    tokio::spawn(app::db::sessions::purge_regularly(
        db.clone(),
        sessions.clone(),
    ));
    let router = server::router(
        AppState {
            leptos_options,
            db: db.clone(),
            sessions,
        },
        Exposure {
            public_origin: PublicOrigin(args.public_url),
            https: ServedOverHttps(https),
            trusted_proxies: TrustedProxies(args.trusted_proxy),
        },
        site,
    );
    let shutdown = shutdown_signal();
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let bound = listener.local_addr().unwrap_or(args.addr);
    println!("Customer Success Workspace is running at http://{bound}");
    if args.demo {
        println!("Demo logins (password for all: {}):", seed::DEMO_PASSWORD);
        for (email, name, _, permissions) in seed::DEMO_USERS {
            let roles: Vec<&str> = permissions.iter().map(|p| p.as_str()).collect();
            let roles = if roles.is_empty() {
                "no permissions".to_string()
            } else {
                roles.join(", ")
            };
            println!("  {email:<32} {name:<15} {roles}");
        }
    }
    let events = db.events().clone();
    // A make-service that clones the router (an `Arc`) per connection: serving the `Router`
    // itself rebuilds its routes for every connection (~190 KB each, measured with heaptrack),
    // which every idle live-update stream would keep. Connect info gives each request its
    // client's address.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        // Event streams never finish by themselves; end them so shutdown does not wait.
        events.close_streams();
    })
    .await
    .map_err(|e| format!("server error: {e}"))
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish and the database closes cleanly.
/// The handlers are in place when this returns — before the server says it is running — so a
/// signal sent right after that line stops it gracefully instead of killing it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (terminate, interrupt) = signals;
            tokio::select! {
                () = received(terminate) => {},
                () = received(interrupt) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down");
    }
}

/// Resolves when `signal` arrives; never, if its handler could not be installed.
#[cfg(unix)]
async fn received(signal: Option<tokio::signal::unix::Signal>) {
    match signal {
        Some(mut signal) => {
            signal.recv().await;
        }
        None => std::future::pending().await,
    }
}
