//! The `server` binary: serves the workspace (SSR + hydration + server functions), fills
//! databases with demo data (`server seed`), copies a live one (`server backup`) or measures
//! them (`server bench`, and `server bench-live` against running servers).

mod bench;
mod bench_health;
mod bench_http;
mod bench_live;
mod bench_load;
mod bench_load_browser;
mod bench_report;
mod bench_summary;
mod board_fixture;
mod cli;
mod duration_arg;

use std::{net::SocketAddr, process::ExitCode, time::Instant};

use app::{
    db::{Db, seed, sessions::SessionPolicy},
    state::AppState,
};
use chrono::Utc;
use clap::Parser;
use cli::{Cli, Command, ServeArgs};
use leptos::prelude::*;
use server::{Exposure, PublicOrigin, ServedOverHttps, Site, SiteFiles, TrustedProxies};
use tracing_subscriber::EnvFilter;

/// Prints a line for the person running the server. A closed stdout (piped into a program
/// that stopped reading) is no reason to stop serving, as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Companies in the demo data set that `--demo` loads.
const DEMO_COMPANIES: u32 = 300;

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
        Some(Command::Load {
            target,
            sessions,
            seconds,
            pids,
        }) => {
            let load = bench_load::LoadBench {
                target,
                sessions,
                seconds,
                pids,
            };
            bench_load::run(&db, load).await
        }
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
        say!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    })
    .await
    .map_err(|e| e.to_string())?;
    say!(
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
    say!(
        "Backed up to {} ({:.1} MB, integrity checked) in {:.1}s",
        path.display(),
        report.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Loads the demo data set into an empty database.
async fn run_demo_seed(db: &Db) -> Result<(), String> {
    say!("Loading the demo data set…");
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
    // and old login attempts are deleted; reports saved before their indexes existed get them
    // (a no-op once they have, but a first start after an upgrade may build a few).
    tokio::spawn(app::db::health::queue::run_scorer(db.clone()));
    let indexed = db.clone();
    tokio::spawn(async move {
        if let Err(error) = app::db::reports::keep_all_report_indexes(&indexed).await {
            tracing::warn!(%error, "report indexes could not be checked");
        }
    });
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
    say!("Customer Success Workspace is running at http://{bound}");
    if args.demo {
        say!("Demo logins (password for all: {}):", seed::DEMO_PASSWORD);
        for (email, name, _, permissions) in seed::DEMO_USERS {
            let roles: Vec<&str> = permissions.iter().map(|p| p.as_str()).collect();
            let roles = if roles.is_empty() {
                "no permissions".to_string()
            } else {
                roles.join(", ")
            };
            say!("  {email:<32} {name:<15} {roles}");
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
