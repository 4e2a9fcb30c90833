//! A write or read transaction on either backend, with the live events it publishes: they
//! leave at commit and never for a rollback (see [`super::event_bus`]).

use sqlx::{Postgres, Sqlite};

use super::{
    Backend,
    event_bus::{self, EventBus},
};
use crate::{error::AppError, models::live_event::LiveEvent};

/// A transaction on either backend (see [`on_tx!`]) with the events it publishes at commit.
#[derive(Debug)]
pub struct Tx {
    /// The backend's transaction; reach it through [`on_tx!`].
    pub conn: TxConn,
    events: Vec<LiveEvent>,
    bus: EventBus,
}

/// The backend's transaction inside a [`Tx`].
#[derive(Debug)]
pub enum TxConn {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits, then the events published in it reach every open stream (see [`event_bus`]).
    pub async fn commit(self) -> Result<(), AppError> {
        let Tx { conn, events, bus } = self;
        match conn {
            TxConn::Sqlite(tx) => {
                tx.commit().await?;
                bus.deliver(events);
            }
            TxConn::Postgres(mut tx) => {
                if !events.is_empty() {
                    sqlx::query("SELECT pg_notify($1, payload) FROM UNNEST($2::text[]) AS payload")
                        .bind(event_bus::CHANNEL)
                        .bind(event_bus::payloads(&events))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                bus.note_committed(&events);
            }
        }
        Ok(())
    }

    /// Announces `event` when (and only if) this transaction commits.
    pub fn publish(&mut self, event: LiveEvent) {
        if !self.events.contains(&event) {
            self.events.push(event);
        }
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            TxConn::Sqlite(_) => Backend::Sqlite,
            TxConn::Postgres(_) => Backend::Postgres,
        }
    }

    /// The PostgreSQL connection, for statements only PostgreSQL needs (locks).
    pub fn postgres(&mut self) -> Option<&mut sqlx::PgConnection> {
        match &mut self.conn {
            TxConn::Postgres(tx) => Some(&mut **tx),
            TxConn::Sqlite(_) => None,
        }
    }

    pub(super) fn new(conn: TxConn, bus: &EventBus) -> Tx {
        Tx {
            conn,
            events: Vec::new(),
            bus: bus.clone(),
        }
    }
}
