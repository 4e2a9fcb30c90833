//! The event bus (SPEC §6): what changed, as ids, from the transaction that changed it to every
//! open event stream of every server instance.
//!
//! A write publishes with [`Tx::publish`](super::Tx::publish); nothing leaves before the
//! transaction commits, and nothing of a rolled-back one ever does. On SQLite (one process) the
//! commit hands the events to an in-process broadcast channel. On PostgreSQL the transaction
//! sends them with `NOTIFY` just before it commits — PostgreSQL delivers them at commit, and only
//! then — and each instance that has streams open `LISTEN`s on one connection and broadcasts
//! what arrives, its own changes included: one path for every instance.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicI64, Ordering},
};

use chrono::Utc;
use sqlx::{PgPool, postgres::PgListener};
use tokio::{
    sync::{OnceCell, broadcast, oneshot, watch},
    task::JoinHandle,
};

use super::change_versions::ChangeVersions;
use crate::{
    error::AppError,
    models::live_event::{LiveEvent, LiveMessage},
};

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "cs_live";
/// Events a slow stream may fall behind by before it is told to read everything again.
const BACKLOG: usize = 4096;

/// One per [`Db`](super::Db), shared by its clones.
#[derive(Clone, Debug)]
pub struct EventBus {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    sender: broadcast::Sender<LiveMessage>,
    /// PostgreSQL: the pool the listening connection comes from.
    postgres: Option<PgPool>,
    listener: OnceCell<Listening>,
    last_published_us: Arc<AtomicI64>,
    /// What changed, counted from every event relayed (and this process's own at commit).
    changes: Arc<ChangeVersions>,
    /// Turns true when the server shuts down: every stream ends, so shutdown need not wait.
    closing: watch::Sender<bool>,
}

/// The task relaying notifications, and how to stop it.
#[derive(Debug)]
struct Listening {
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl EventBus {
    pub(crate) fn new(postgres: Option<PgPool>) -> EventBus {
        EventBus {
            inner: Arc::new(Inner {
                sender: broadcast::channel(BACKLOG).0,
                postgres,
                listener: OnceCell::new(),
                last_published_us: Arc::new(AtomicI64::new(0)),
                changes: Arc::default(),
                closing: watch::Sender::new(false),
            }),
        }
    }

    /// Every event published from now on. On PostgreSQL the first subscriber starts listening
    /// (and waits until the `LISTEN` is in place, so nothing committed afterwards is missed).
    pub async fn subscribe(&self) -> Result<broadcast::Receiver<LiveMessage>, AppError> {
        self.hear_every_instance().await?;
        Ok(self.inner.sender.subscribe())
    }

    /// Makes sure events of every instance reach this process (on PostgreSQL, by listening;
    /// it waits until the `LISTEN` is in place).
    pub async fn hear_every_instance(&self) -> Result<(), AppError> {
        if let Some(pool) = &self.inner.postgres {
            self.inner
                .listener
                .get_or_try_init(|| {
                    listen(
                        pool.clone(),
                        Relay {
                            sender: self.inner.sender.clone(),
                            last: self.inner.last_published_us.clone(),
                            changes: self.inner.changes.clone(),
                        },
                    )
                })
                .await?;
        }
        Ok(())
    }

    /// Whether every instance's events reach this process already (see
    /// [`hear_every_instance`](Self::hear_every_instance)).
    pub fn hears_every_instance(&self) -> bool {
        self.inner.postgres.is_none() || self.inner.listener.initialized()
    }

    /// What changed, as heard so far.
    pub fn changes(&self) -> &ChangeVersions {
        &self.inner.changes
    }

    /// Counts this process's committed `events` at once (PostgreSQL relays them a moment
    /// later), so what the writer reads next is not answered from before its own change.
    pub(crate) fn note_committed(&self, events: &[LiveEvent]) {
        for event in events {
            self.inner.changes.note(event);
        }
    }

    /// When the last event reached this process (microseconds since the epoch; 0: none yet).
    /// A page rendered before that may show something already changed.
    pub fn last_published_us(&self) -> i64 {
        self.inner.last_published_us.load(Ordering::Relaxed)
    }

    /// Ends every open stream (the server is shutting down).
    pub fn close_streams(&self) {
        self.inner.closing.send_replace(true);
    }

    /// Resolves once [`close_streams`](Self::close_streams) was called.
    pub fn closing(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.inner.closing.subscribe();
        async move {
            let _ = closing.wait_for(|closed| *closed).await;
        }
    }

    /// Hands committed events to this process's subscribers (SQLite).
    pub(crate) fn deliver(&self, events: Vec<LiveEvent>) {
        let published_at_us = Utc::now().timestamp_micros();
        let relay = Relay {
            sender: self.inner.sender.clone(),
            last: self.inner.last_published_us.clone(),
            changes: self.inner.changes.clone(),
        };
        for event in events {
            relay.send(LiveMessage {
                event,
                published_at_us,
            });
        }
    }

    /// Stops listening (PostgreSQL) and waits for the relay to end, so the pool can close.
    pub async fn stop(&self) {
        let Some(listening) = self.inner.listener.get() else {
            return;
        };
        if let Some(stop) = listening.stop.lock().ok().and_then(|mut s| s.take()) {
            let _ = stop.send(());
        }
        let task = listening.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

/// The `NOTIFY` payloads of `events`, published now.
pub(crate) fn payloads(events: &[LiveEvent]) -> Vec<String> {
    let published_at_us = Utc::now().timestamp_micros();
    events
        .iter()
        .filter_map(|event| {
            serde_json::to_string(&LiveMessage {
                event: event.clone(),
                published_at_us,
            })
            .ok()
        })
        .collect()
}

/// Where relayed events go in this process.
struct Relay {
    sender: broadcast::Sender<LiveMessage>,
    last: Arc<AtomicI64>,
    changes: Arc<ChangeVersions>,
}

impl Relay {
    /// Counts what `message` changed and hands it to this process's streams (none listening
    /// is not an error).
    fn send(&self, message: LiveMessage) {
        self.changes.note(&message.event);
        self.last
            .fetch_max(message.published_at_us, Ordering::Relaxed);
        let _ = self.sender.send(message);
    }
}

fn resync() -> LiveMessage {
    LiveMessage {
        event: LiveEvent::Resync,
        published_at_us: Utc::now().timestamp_micros(),
    }
}

/// A connection of `pool` listening on [`CHANNEL`].
async fn listen_on(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn listen(pool: PgPool, relay: Relay) -> Result<Listening, AppError> {
    let mut listener = listen_on(&pool).await?;
    let (stop, mut stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        loop {
            let received = tokio::select! {
                // Stopped, or the bus is gone.
                _ = &mut stopped => break,
                received = listener.try_recv() => received,
            };
            match received {
                Ok(Some(notification)) => {
                    match serde_json::from_str::<LiveMessage>(notification.payload()) {
                        Ok(message) => relay.send(message),
                        Err(error) => tracing::warn!(%error, "unreadable live event"),
                    }
                }
                // The connection dropped and was opened again (listening anew).
                Ok(None) => {
                    tracing::warn!("live events: the listening connection was lost and reopened");
                    relay.send(resync());
                }
                // Reconnecting failed: a new connection in a second, and once it listens,
                // every stream reads everything again (what was sent meanwhile is lost).
                Err(error) => {
                    tracing::warn!(%error, "live events: cannot listen, retrying in 1 s");
                    tokio::select! {
                        _ = &mut stopped => break,
                        () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                    }
                    if let Ok(fresh) = listen_on(&pool).await {
                        listener = fresh;
                        relay.send(resync());
                    }
                }
            }
        }
    });
    Ok(Listening {
        stop: Mutex::new(Some(stop)),
        task: Mutex::new(Some(task)),
    })
}
