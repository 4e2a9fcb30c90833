//! No panic reaches a person: a request whose handler panics is answered with a plain "500"
//! page in the app's own words, and the panic is logged with the request's path. The process
//! and every other request carry on.

use std::any::Any;

use axum::{
    Router,
    body::Body,
    http::{Response, StatusCode, header},
};
use tower_http::catch_panic::CatchPanicLayer;

/// What a person reads instead of a broken page; the same sentence as
/// [`app::error::AppError::Internal`].
const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Something went wrong</title></head><body><main><h1>Something went wrong</h1>\
<p>Something went wrong on our side. Please try again.</p><p><a href=\"/\">Back to the \
workspace</a></p></main></body></html>";

/// `router` with every panic inside it answered by [`PAGE`] (status 500) and logged.
pub fn answer_panics_plainly(router: Router) -> Router {
    router.layer(CatchPanicLayer::custom(plain_500))
}

fn plain_500(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request panicked; answered 500");
    let mut response = Response::new(Body::from(PAGE));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request, routing::get};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    async fn boom() -> &'static str {
        panic!("secret detail in a panic")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_plain_500_and_the_router_carries_on() {
        let router = answer_panics_plainly(
            Router::new()
                .route("/boom", get(boom))
                .route("/fine", get(|| async { "fine" })),
        );
        let response = router
            .clone()
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("Something went wrong on our side"), "{text}");
        assert!(!text.contains("secret detail"), "{text}");
        let fine = router
            .oneshot(Request::get("/fine").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(fine.status(), StatusCode::OK);
    }
}
