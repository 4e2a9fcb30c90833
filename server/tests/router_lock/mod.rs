//! Keeps building a router apart from serving pages within one test binary. Leptos marks
//! building a route list with a process-wide flag, and a resource first polled while it is set
//! never loads, so its page never finishes (leptos-rs/leptos#4773). A server builds its routes
//! once, before it serves; the tests of one binary run side by side, so here building a router
//! waits for the requests in flight, and requests wait for it.

// Shared by several test crates, each using part of it.
#![allow(dead_code)]

use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

static ROUTE_LIST_BUILDING: RwLock<()> = RwLock::const_new(());

/// Held while a router (and so its route list) is built.
pub async fn building() -> RwLockWriteGuard<'static, ()> {
    ROUTE_LIST_BUILDING.write().await
}

/// Held while a request is answered.
pub async fn serving() -> RwLockReadGuard<'static, ()> {
    ROUTE_LIST_BUILDING.read().await
}
