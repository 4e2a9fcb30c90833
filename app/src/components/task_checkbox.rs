//! A task's completion checkbox: ticks at once, then saves; a refused save unticks it again
//! and says why.

use std::collections::HashMap;

use leptos::{prelude::*, task::spawn_local};

use crate::functions::set_task_completed;

#[component]
pub fn TaskCheckbox(
    task_id: i64,
    title: String,
    completed: bool,
    /// Words shown beside the box (a list shows none: its row names the task).
    #[prop(optional)]
    text: &'static str,
    /// Runs after a saved change (the list counts again).
    on_saved: Callback<bool>,
    /// The list's saves in flight, by task: this box's is entered there while it runs, and a
    /// box drawn again meanwhile (the list re-read) shows the state asked for, still saving.
    #[prop(optional)]
    in_flight: Option<RwSignal<HashMap<i64, bool>>>,
) -> impl IntoView {
    let asked = in_flight.and_then(|saves| saves.with_untracked(|s| s.get(&task_id).copied()));
    let checked = RwSignal::new(asked.unwrap_or(completed));
    // In a list, "saving" is the list's: a box drawn again while its save runs is released when
    // that save ends, whichever box started it.
    let saving_here = RwSignal::new(false);
    let saving = Signal::derive(move || match in_flight {
        Some(saves) => saves.with(|s| s.contains_key(&task_id)),
        None => saving_here.get(),
    });
    let error = RwSignal::new(None::<String>);
    let label = format!("Complete {title}");
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        checked.set(wanted);
        saving_here.set(true);
        error.set(None);
        if let Some(saves) = in_flight {
            saves.update(|s| {
                s.insert(task_id, wanted);
            });
        }
        spawn_local(async move {
            let outcome = set_task_completed(task_id, wanted).await;
            saving_here.try_set(false);
            if let Some(saves) = in_flight {
                saves.try_update(|s| s.remove(&task_id));
            }
            match outcome {
                // The list may have been drawn again meanwhile, with a new box and callback;
                // the change's live event then lists again.
                Ok(_) => {
                    on_saved.try_run(wanted);
                }
                Err(failure) => {
                    checked.try_set(!wanted);
                    error.try_set(Some(format!("Not saved: {failure}")));
                }
            }
        });
    };
    view! {
        <label class="task-check">
            <input
                type="checkbox"
                aria-label=label
                prop:checked=move || checked.get()
                aria-busy=move || saving.get().then_some("true")
                disabled=move || saving.get()
                on:change=toggle
            />
            {(!text.is_empty()).then_some(text)}
            {move || error.get().map(|text| view! { <span class="field-error" role="alert">{text}</span> })}
        </label>
    }
}
