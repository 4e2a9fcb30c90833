//! The panel a task opens in from the Tasks list (`?record=<id>`): complete or reopen it, edit
//! every field, open its records, delete it after a confirmation.

use leptos::{prelude::*, task::spawn_local};

use super::{
    Dialog, ErrorBanner, TaskCheckbox,
    task_form::{TaskForm, TaskFormFields},
};
use crate::{
    functions::{binary_answer::load, delete_task, get_task, update_task},
    models::task::TaskDetail,
};

#[component]
pub fn TaskPanel(
    task_id: i64,
    close_href: String,
    /// Runs after a change, so the list behind shows it.
    on_changed: Callback<()>,
    /// Runs once the task is deleted, before the panel closes: the list drops its row.
    on_deleted: Callback<i64>,
) -> impl IntoView {
    let task = load(move || task_id, get_task);
    let close = close_href.clone();
    view! {
        <div class="record-panel-header">
            <h2>"Task"</h2>
            <a class="button" href=close_href.clone()>"Close"</a>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let close = close.clone();
                task.get().map(|result| match result {
                    Ok(detail) => view! { <TaskEditor detail close on_changed on_deleted/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn TaskEditor(
    detail: TaskDetail,
    close: String,
    on_changed: Callback<()>,
    on_deleted: Callback<i64>,
) -> impl IntoView {
    let form = TaskForm::new(detail.draft.clone(), detail.records.clone());
    let version = RwSignal::new(detail.version);
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let task_id = detail.id;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(draft) = form.checked_draft() else {
            return;
        };
        saving.set(true);
        spawn_local(async move {
            let outcome = update_task(task_id, version.get_untracked(), draft).await;
            saving.try_set(false);
            match outcome {
                Ok(next) => {
                    version.try_set(next);
                    saved.try_set(true);
                    on_changed.run(());
                }
                Err(error) => form.show_error(error),
            }
        });
    };
    let navigate = leptos_router::hooks::use_navigate();
    let confirm_delete = move |_| {
        let close = close.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match delete_task(task_id).await {
                Ok(()) => {
                    on_deleted.run(task_id);
                    navigate(&close, Default::default());
                }
                Err(error) => {
                    delete_error.try_set(Some(error.to_string()));
                }
            }
        });
    };
    let records = detail
        .records
        .iter()
        .map(|r| {
            view! {
                <li>
                    <a href=format!("/records/{}", r.id)>{r.name.clone()}</a>
                    " · "{r.object_label.clone()}" · "
                    <a href=format!("/tasks?view=all&associated={}", r.id) aria-label=format!("Tasks of {}", r.name)>"Tasks"</a>
                </li>
            }
        })
        .collect_view();
    let has_records = !detail.records.is_empty();
    let title = detail.draft.title.clone();
    view! {
        <div class="task-summary">
            <TaskCheckbox
                task_id
                title=title.clone()
                completed=detail.completed
                text="Completed"
                on_saved=Callback::new(move |_| on_changed.run(()))
            />
            <p class="task-due">{format!("Due {}", detail.due_label)}</p>
            {detail.created_by.clone().map(|name| view! { <p class="hint">{format!("Created by {name}")}</p> })}
            {has_records.then(|| view! { <ul class="task-records" aria-label="Associated records">{records}</ul> })}
        </div>
        <form class="task-form" aria-label="Edit task" on:submit=on_submit novalidate>
            <TaskFormFields form users=detail.users.clone() id_prefix="task-edit"/>
            <div class="dialog-actions">
                <button type="button" class="button danger" on:click=move |_| confirming.set(true)>"Delete task"</button>
                <button type="submit" class="button primary" disabled=move || saving.get()>"Save task"</button>
            </div>
            {move || saved.get().then(|| view! { <p class="saved-note" role="status">"Task saved"</p> })}
        </form>
        {move || confirming.get().then(|| {
            let confirm_delete = confirm_delete.clone();
            let warning = format!("“{title}” will be deleted. This cannot be undone.");
            view! {
                <Dialog title="Delete this task?" title_id="delete-task-title" on_close=Callback::new(move |()| confirming.set(false))>
                    <p>{warning}</p>
                    {move || delete_error.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                    <div class="dialog-actions">
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                        <button type="button" class="button danger" on:click=confirm_delete>"Delete"</button>
                    </div>
                </Dialog>
            }
        })}
    }
}
