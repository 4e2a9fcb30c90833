//! Live updates in the browser (SPEC §6): one event stream per tab (`GET /api/events`), opened
//! after hydration while someone is signed in, closed when they log out. Components subscribe
//! with [`use_live_events`] and re-read what they show through the server functions.
//!
//! When the stream drops — an error, the browser going offline, or no `ping` from the server
//! for 45 seconds — it reconnects after about 1, 2, 4 … up to 30 seconds (at once when the
//! browser is back online); once back, every subscriber gets [`LiveEvent::Resync`], so a gap is
//! never missed silently. So does a page rendered before the last change the server saw.

use leptos::prelude::*;

use crate::{components::ViewerResource, models::live_event::LiveEvent};

/// The subscribers of this tab's stream, and whether it is connected.
#[derive(Clone, Copy)]
pub struct LiveEvents {
    subscribers: StoredValue<Vec<(u64, Callback<LiveEvent>)>>,
    next_id: StoredValue<u64>,
    /// The stream was open and dropped; it is reconnecting.
    pub reconnecting: RwSignal<bool>,
}

impl LiveEvents {
    pub fn provide() {
        provide_context(LiveEvents {
            subscribers: StoredValue::new(Vec::new()),
            next_id: StoredValue::new(0),
            reconnecting: RwSignal::new(false),
        });
    }

    /// Runs every subscriber with `event`.
    pub fn dispatch(&self, event: &LiveEvent) {
        // Copied first: a subscriber may subscribe or leave while it runs.
        let subscribers: Vec<Callback<LiveEvent>> = self
            .subscribers
            .with_value(|s| s.iter().map(|(_, c)| *c).collect());
        for subscriber in subscribers {
            // A subscriber whose component is gone mid-dispatch is skipped.
            subscriber.try_run(event.clone());
        }
    }
}

/// Calls `handler` with every live event while the calling component lives.
pub fn use_live_events(handler: impl Fn(LiveEvent) + Send + Sync + 'static) {
    let Some(live) = use_context::<LiveEvents>() else {
        return;
    };
    // On the server a page whose browser left can finish a part after its context is gone:
    // then there is nothing to subscribe to (reading it panicked and answered 500).
    let Some(id) = live.next_id.try_update_value(|next| {
        *next += 1;
        *next
    }) else {
        return;
    };
    let callback = Callback::new(handler);
    if live
        .subscribers
        .try_update_value(|s| s.push((id, callback)))
        .is_none()
    {
        return;
    }
    on_cleanup(move || {
        live.subscribers
            .try_update_value(|s| s.retain(|(other, _)| *other != id));
    });
}

/// Keeps the tab's stream open while a workspace user is signed in, and says when it is
/// reconnecting.
#[component]
pub fn LiveConnection() -> impl IntoView {
    let live = expect_context::<LiveEvents>();
    let ViewerResource(viewer) = expect_context();
    #[cfg(feature = "hydrate")]
    {
        let stream = browser::Stream::new(live, viewer);
        Effect::new(move |_| {
            let signed_in = viewer
                .get()
                .and_then(Result::ok)
                .flatten()
                .is_some_and(|v| v.can_use_workspace());
            if signed_in {
                stream.open();
            } else {
                stream.close();
            }
        });
        let watch = stream.watch();
        on_cleanup(move || {
            watch.stop();
            stream.close();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = viewer;
    // Always in the page, so screen readers announce the text when it appears.
    view! {
        <p class="live-status" class:paused=move || live.reconnecting.get() role="status">
            {move || live.reconnecting.get().then_some("Live updates paused — reconnecting…")}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The `EventSource` and its reconnection.

    use std::time::Duration;

    use leptos::{
        leptos_dom::helpers::{IntervalHandle, WindowListenerHandle},
        prelude::*,
        wasm_bindgen::{JsCast, closure::Closure},
    };
    use web_sys::{EventSource, MessageEvent};

    use super::LiveEvents;
    use crate::{
        error::AppError,
        functions::{binary_answer::Loaded, get_viewer},
        models::{
            Viewer,
            live_event::{LiveEvent, LiveMessage},
        },
    };

    const FIRST_RETRY: Duration = Duration::from_secs(1);
    const LONGEST_RETRY: Duration = Duration::from_secs(30);
    /// The server pings every 15 s: three missed pings mean the connection is dead.
    const SILENCE_MS: f64 = 45_000.0;
    const WATCHDOG_EVERY: Duration = Duration::from_secs(10);

    fn now_ms() -> f64 {
        web_sys::js_sys::Date::now()
    }

    /// When the server rendered this page (µs since the epoch), from the shell's meta tag.
    fn rendered_at() -> i64 {
        document()
            .query_selector("meta[name=csw-rendered-at]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .and_then(|content| content.parse().ok())
            .unwrap_or(0)
    }

    /// The browser's online/offline listeners and the silence watchdog.
    pub(super) struct Watch {
        offline: WindowListenerHandle,
        online: WindowListenerHandle,
        watchdog: Option<IntervalHandle>,
    }

    impl Watch {
        pub(super) fn stop(self) {
            self.offline.remove();
            self.online.remove();
            if let Some(watchdog) = self.watchdog {
                watchdog.clear();
            }
        }
    }

    /// An open `EventSource` with the handlers it calls (dropped with it).
    struct Open {
        source: EventSource,
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_ready: Closure<dyn FnMut(MessageEvent)>,
        _on_ping: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    #[derive(Clone, Copy)]
    pub(super) struct Stream {
        live: LiveEvents,
        viewer: Loaded<Result<Option<Viewer>, AppError>>,
        open: StoredValue<Option<Open>, LocalStorage>,
        /// Wanted open (signed in); a retry after logout does nothing.
        wanted: StoredValue<bool>,
        /// A stream was ready before: the next `ready` means a gap to catch up on.
        was_ready: StoredValue<bool>,
        failures: StoredValue<u32>,
        /// The browser says it is offline: no retries until it is back.
        offline: StoredValue<bool>,
        /// When the server was last heard from (ms since the epoch).
        last_heard: StoredValue<f64>,
    }

    impl Stream {
        pub(super) fn new(
            live: LiveEvents,
            viewer: Loaded<Result<Option<Viewer>, AppError>>,
        ) -> Stream {
            Stream {
                live,
                viewer,
                open: StoredValue::new_local(None),
                wanted: StoredValue::new(false),
                was_ready: StoredValue::new(false),
                failures: StoredValue::new(0),
                offline: StoredValue::new(false),
                last_heard: StoredValue::new(0.0),
            }
        }

        /// Follows the browser going offline and online, and the server's silence.
        pub(super) fn watch(self) -> Watch {
            let offline = window_event_listener_untyped("offline", move |_| {
                self.offline.set_value(true);
                self.lost();
            });
            let online = window_event_listener_untyped("online", move |_| {
                self.offline.set_value(false);
                self.failures.set_value(0);
                if self.wanted.get_value() {
                    self.open();
                }
            });
            let watchdog = set_interval_with_handle(
                move || {
                    let silent = self.open.with_value(Option::is_some)
                        && now_ms() - self.last_heard.get_value() > SILENCE_MS;
                    if silent {
                        self.lost();
                        self.retry_later();
                    }
                },
                WATCHDOG_EVERY,
            )
            .ok();
            Watch {
                offline,
                online,
                watchdog,
            }
        }

        /// The connection is gone (not from inside one of its handlers).
        fn lost(self) {
            self.drop_source();
            if self.was_ready.get_value() {
                self.live.reconnecting.set(true);
            }
        }

        pub(super) fn open(self) {
            self.wanted.set_value(true);
            if self.open.with_value(Option::is_some) {
                return;
            }
            let Ok(source) = EventSource::new("/api/events") else {
                self.retry_later();
                return;
            };
            let live = self.live;
            self.last_heard.set_value(now_ms());
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                self.last_heard.set_value(now_ms());
                let Some(data) = event.data().as_string() else {
                    return;
                };
                if let Some(message) = LiveMessage::from_browser_data(&data) {
                    live.dispatch(&message.event);
                }
            });
            let on_ping = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
                self.last_heard.set_value(now_ms());
            });
            let on_ready = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                self.last_heard.set_value(now_ms());
                self.failures.set_value(0);
                live.reconnecting.set(false);
                // After a gap, or when something changed after this page was rendered (before
                // the stream opened): read everything shown again.
                let last_change = event
                    .data()
                    .as_string()
                    .and_then(|d| d.parse::<i64>().ok())
                    .unwrap_or(0);
                if self.was_ready.get_value() || last_change > rendered_at() {
                    live.dispatch(&LiveEvent::Resync);
                }
                self.was_ready.set_value(true);
            });
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                // The browser would retry at its own pace; this tab backs off instead. The
                // handlers are dropped after this one returns, never while it runs.
                if let Some(Some(open)) = self.open.try_update_value(Option::take) {
                    open.source.close();
                    set_timeout(move || drop(open), Duration::ZERO);
                }
                if self.was_ready.get_value() {
                    live.reconnecting.set(true);
                }
                // Failing again and again may mean the session ended elsewhere (the browser
                // does not tell a 401): then the page shows it is signed out.
                if self.failures.get_value() >= 2 {
                    let viewer = self.viewer;
                    leptos::task::spawn_local(async move {
                        if let Ok(None) = get_viewer().await {
                            viewer.refetch();
                        }
                    });
                }
                self.retry_later();
            });
            source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            let _ =
                source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
            let _ =
                source.add_event_listener_with_callback("ping", on_ping.as_ref().unchecked_ref());
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            self.open.set_value(Some(Open {
                source,
                _on_message: on_message,
                _on_ready: on_ready,
                _on_ping: on_ping,
                _on_error: on_error,
            }));
        }

        pub(super) fn close(self) {
            let _ = self.wanted.try_set_value(false);
            self.drop_source();
            let _ = self.live.reconnecting.try_set(false);
        }

        fn drop_source(self) {
            if let Some(Some(open)) = self.open.try_update_value(Option::take) {
                open.source.close();
            }
        }

        fn retry_later(self) {
            let failures = self.failures.get_value();
            self.failures.set_value(failures.saturating_add(1));
            // ±25 %: tabs dropped together (a restart) do not all come back at once.
            let jitter = 0.75 + web_sys::js_sys::Math::random() / 2.0;
            let delay = FIRST_RETRY
                .saturating_mul(1 << failures.min(5))
                .min(LONGEST_RETRY)
                .mul_f64(jitter);
            set_timeout(
                move || {
                    let wanted = self.wanted.try_get_value().unwrap_or(false);
                    if wanted && !self.offline.get_value() {
                        self.open();
                    }
                },
                delay,
            );
        }
    }
}
