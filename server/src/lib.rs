//! The HTTP side of the server: the router with its pages, server functions, static files and
//! the two guards in front of them (same-origin POSTs, signed-in pages).

pub mod origin_check;
pub mod require_session;

use app::{App, shell, state::AppState};
use axum::{Router, middleware};
use leptos_axum::{LeptosRoutes, generate_route_list};
pub use origin_check::PublicOrigin;

/// The whole application as one axum router.
pub fn router(state: AppState, public_origin: PublicOrigin) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            require_session::redirect_to_login,
        ))
        .layer(middleware::from_fn_with_state(
            public_origin,
            origin_check::refuse_cross_origin_posts,
        ))
        .with_state(state)
}
