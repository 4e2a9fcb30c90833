//! The HTTP side of the server: the router with its pages, server functions, the live event
//! stream, static files and the guards in front of them (same-origin POSTs, signed-in pages),
//! with compression of what is rendered per request and a plain 500 page for a panic.

pub mod client_address;
pub mod live_stream;
pub mod origin_check;
pub mod panic_page;
pub mod require_session;
pub mod security_headers;
pub mod site;

use std::sync::Arc;

use app::{App, shell, state::AppState};
use axum::{
    Router,
    extract::{Request, State},
    middleware,
    response::Response,
    routing::get,
};
pub use client_address::TrustedProxies;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
pub use origin_check::PublicOrigin;
pub use security_headers::ServedOverHttps;
pub use site::{Site, SiteFiles};
use tower_http::{CompressionLevel, compression::CompressionLayer};

/// Who the workspace is to the outside: where people reach it and which proxies stand in front.
#[derive(Clone, Debug, Default)]
pub struct Exposure {
    pub public_origin: PublicOrigin,
    pub https: ServedOverHttps,
    pub trusted_proxies: TrustedProxies,
}

/// The whole application as one axum router. `state.leptos_options.output_name` must be the
/// site's client stem ([`Site::client_stem`]): pages load the client by it. Serve it with
/// connect info (`into_make_service_with_connect_info::<SocketAddr>`) so login throttling
/// knows client addresses.
pub fn router(state: AppState, exposure: Exposure, site: Site) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let site = Arc::new(site);
    let gate = (state.clone(), site.clone());
    let router = Router::new()
        .route(
            "/health",
            get(|State(state): State<AppState>| async move { site::health(&state.db).await }),
        )
        .route("/api/events", get(live_stream::event_stream))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(move |state: State<AppState>, request: Request| {
            file_or_not_found(state, site.clone(), request)
        })
        .layer(middleware::from_fn(site::never_cache_pages))
        .layer(middleware::from_fn_with_state(
            gate,
            require_session::redirect_to_login,
        ))
        .layer(middleware::from_fn_with_state(
            exposure.trusted_proxies,
            client_address::note_client_address,
        ))
        .layer(middleware::from_fn_with_state(
            exposure.public_origin,
            origin_check::refuse_cross_origin_posts,
        ))
        // Pages and server-function answers are compressed as they stream, quickly (level 4);
        // the static files come precompressed at the highest level and pass through untouched.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(state);
    panic_page::answer_panics_plainly(router).layer(middleware::from_fn_with_state(
        exposure.https,
        security_headers::add_security_headers,
    ))
}

/// A file of the site, or the app's "page not found" for any other path.
async fn file_or_not_found(
    State(state): State<AppState>,
    site: Arc<Site>,
    request: Request,
) -> Response {
    if let Some(response) = site.respond(request.uri().path(), request.headers()) {
        return response;
    }
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    render(request).await
}
