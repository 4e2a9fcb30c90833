//! The message shown next to a field when the server refused its value.

use leptos::prelude::*;

use crate::error::AppError;

/// The message of `error` if it is about `field`.
pub fn message_for(error: Option<AppError>, field: &str) -> Option<String> {
    match error {
        Some(AppError::Invalid { field: f, message }) if f == field => Some(message),
        _ => None,
    }
}

/// An error that is not about one field: permissions, conflicts, server trouble.
pub fn general_message(error: Option<AppError>) -> Option<String> {
    match error {
        Some(AppError::Invalid { .. }) | None => None,
        Some(other) => Some(other.to_string()),
    }
}

/// The message of a form action's last failure about `field`, for [`FieldError`].
pub fn field_message<T: Clone + Send + Sync + 'static>(
    outcome: MappedSignal<Option<Result<T, AppError>>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || message_for(outcome.get().and_then(Result::err), field))
}

#[component]
pub fn FieldError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="field-error" role="alert">{text}</p> })
    }
}
