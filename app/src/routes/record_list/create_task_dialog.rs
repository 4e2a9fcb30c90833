//! The Tasks tab's **Create task** dialog: the task's fields, assigned to the viewer and due
//! tomorrow at 09:00 (their zone) unless changed; the new task's list reloads.

use chrono::Utc;
use leptos::{prelude::*, task::spawn_local};

use super::ListUi;
use crate::{
    components::ViewerResource,
    components::{
        Dialog,
        task_form::{TaskForm, TaskFormFields},
        viewer_zone::use_viewer_zone,
    },
    functions::create_task,
    models::{UserRef, task::TaskDraft},
};

#[component]
pub(super) fn CreateTaskDialog(users: Vec<UserRef>, ui: ListUi) -> impl IntoView {
    let ViewerResource(viewer) = expect_context();
    let me = viewer
        .get_untracked()
        .and_then(|v| v.ok().flatten())
        .map(|v| v.id)
        .unwrap_or_default();
    let zone = use_viewer_zone();
    let tomorrow = zone.date_of(Utc::now()).succ_opt().unwrap_or_default();
    let form = TaskForm::new(
        TaskDraft {
            due: format!("{tomorrow}T09:00"),
            owner_id: me,
            ..TaskDraft::default()
        },
        vec![],
    );
    let saving = RwSignal::new(false);
    let close = Callback::new(move |()| ui.creating_task.set(false));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(draft) = form.checked_draft() else {
            return;
        };
        saving.set(true);
        spawn_local(async move {
            let outcome = create_task(draft).await;
            saving.try_set(false);
            match outcome {
                Ok(_) => {
                    ui.creating_task.try_set(false);
                    ui.reload.try_update(|n| *n += 1);
                }
                Err(error) => form.show_error(error),
            }
        });
    };
    view! {
        <Dialog title="Create task" title_id="create-task-title" on_close=close>
            <form class="task-form" on:submit=on_submit novalidate>
                <TaskFormFields form users id_prefix="task-new"/>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || saving.get()>"Create"</button>
                </div>
            </form>
        </Dialog>
    }
}
