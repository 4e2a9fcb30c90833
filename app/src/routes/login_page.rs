//! The login page: a plain form that works without JavaScript and is enhanced with it.

use leptos::{html, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::functions::LogIn;

#[component]
pub fn LoginPage() -> impl IntoView {
    let log_in = ServerAction::<LogIn>::new();
    let email = NodeRef::<html::Input>::new();
    let password = NodeRef::<html::Input>::new();
    let error = move || log_in.value().get().and_then(Result::err);
    // The browser's time zone, for a user who has not chosen one yet (empty without scripts).
    let time_zone = RwSignal::new(String::new());
    Effect::new(move |_| time_zone.set(browser_time_zone().unwrap_or_default()));
    // Logging in lands on the Summary: its code arrives while the user types, not after.
    #[cfg(feature = "hydrate")]
    crate::components::prefetch_when_idle(
        <super::lazy_pages::SummaryRoute as leptos_router::LazyRoute>::preload,
    );
    view! {
        <Title text="Log in"/>
        <section class="login-card" aria-labelledby="login-heading">
            <h1 id="login-heading">"Log in to Customer Success"</h1>
            // Posted as is without scripts. With them, sent from the fields: `ActionForm`
            // would read them with a query-string decoder the browser needs nowhere else.
            <form class="login-form" method="post" action=LogIn::url() on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let (Some(email), Some(password)) = (email.get_untracked(), password.get_untracked()) else {
                    return;
                };
                log_in.dispatch(LogIn {
                    email: email.value(),
                    password: password.value(),
                    time_zone: time_zone.get_untracked(),
                });
            }>
                <label for="login-email">"Email"</label>
                <input id="login-email" name="email" type="email" autocomplete="username" required node_ref=email/>
                <label for="login-password">"Password"</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    node_ref=password
                />
                <input type="hidden" name="time_zone" prop:value=move || time_zone.get()/>
                {move || error().map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> })}
                <button type="submit" class="button primary">"Log in"</button>
            </form>
        </section>
    }
}

/// The IANA zone the browser runs in, as `Intl` reports it.
fn browser_time_zone() -> Option<String> {
    use leptos::web_sys::js_sys::{Array, Intl, Object, Reflect};
    let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
}
