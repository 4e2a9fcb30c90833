//! A task's completion checkbox: ticks at once, then saves; a refused save unticks it again
//! and says why.

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
    /// Counts this box's save while it is in flight (a list holds background re-reads meanwhile).
    #[prop(optional)]
    in_flight: Option<RwSignal<u32>>,
) -> impl IntoView {
    let checked = RwSignal::new(completed);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let label = format!("Complete {title}");
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        checked.set(wanted);
        saving.set(true);
        error.set(None);
        if let Some(count) = in_flight {
            count.update(|n| *n += 1);
        }
        spawn_local(async move {
            let outcome = set_task_completed(task_id, wanted).await;
            saving.try_set(false);
            if let Some(count) = in_flight {
                count.try_update(|n| *n = n.saturating_sub(1));
            }
            match outcome {
                Ok(_) => on_saved.run(wanted),
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
