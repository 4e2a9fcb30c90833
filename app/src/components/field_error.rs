//! The message shown next to a field when the server refused its value.

use leptos::prelude::*;

use crate::{error::AppError, models::task::FieldProblem};

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

/// The message of a form's problem if it is about `field` (a form checked in the browser, or
/// refused by the server and mapped with [`FieldProblem::from_error`]).
pub fn problem_message(
    problem: RwSignal<Option<FieldProblem>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    })
}

/// `aria-invalid` of `field`'s input: "true" while the form's problem is about it.
pub fn problem_invalid(
    problem: RwSignal<Option<FieldProblem>>,
    field: &'static str,
) -> Signal<Option<&'static str>> {
    Signal::derive(move || {
        problem
            .with(|p| p.as_ref().is_some_and(|p| p.field == field))
            .then_some("true")
    })
}

#[component]
pub fn FieldError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="field-error" role="alert">{text}</p> })
    }
}
