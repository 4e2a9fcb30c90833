//! Fetching lazily loaded code before it is needed, while the browser has nothing else to do.

use std::{future::Future, time::Duration};

use leptos::prelude::*;

/// A second after the page became interactive, runs `preload` (a lazily loaded module's
/// preloader) when the browser is next idle, so that what the user is likely to open next
/// shows at once: a list tab's record preview, the Summary after logging in. Not at once:
/// measured, a fetch right after hydrating delayed the page's own start (the throttled
/// Customers tab hydrated ~80 ms later). Where `requestIdleCallback` is missing (Safari) the
/// code loads when first needed, as it does after a fetch that failed here.
pub fn prefetch_when_idle<F>(preload: fn() -> F)
where
    F: Future<Output = ()> + 'static,
{
    Effect::new(move |_| {
        set_timeout(
            move || request_idle_callback(move || leptos::task::spawn_local(preload())),
            Duration::from_secs(1),
        )
    });
}
