//! What every request handler and server function can reach on the server.

use axum::extract::FromRef;
use leptos::prelude::*;

use crate::{
    db::{Db, sessions::SessionPolicy},
    error::AppError,
};

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sessions: SessionPolicy,
}

/// The state the router provides to server functions.
pub fn current() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("server state", "AppState missing from context"))
}

/// The database, from the state the router provides to server functions.
pub fn db() -> Result<Db, AppError> {
    current().map(|state| state.db)
}
