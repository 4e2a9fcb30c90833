//! The editor's field problems (from the shared checks, or the server's refusal) and how a field
//! shows its own.

use leptos::prelude::*;

/// `(field, message)` pairs; fields are named as the checks name them (`group-0-max`, `sum`, …).
pub(super) type Problems = Memo<Vec<(String, String)>>;

/// The message for the field `<prefix>-<part>` (or `part` alone when `prefix` gives `None`),
/// read reactively.
pub(super) fn message_at(
    problems: Problems,
    prefix: impl Fn() -> Option<String> + Copy + 'static,
    part: &'static str,
) -> impl Fn() -> Option<String> + Copy + 'static {
    move || {
        let field = prefix().map_or_else(|| part.to_string(), |p| format!("{p}-{part}"));
        problems.with(|p| {
            p.iter()
                .find(|(name, _)| *name == field)
                .map(|(_, m)| m.clone())
        })
    }
}

/// A field's message as an alert, if it has one.
pub(super) fn alert(message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <p class="field-error" role="alert">{m}</p> })
}
