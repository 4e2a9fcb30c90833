//! The fields of a task — title, due date and time (in the viewer's zone), type, priority,
//! assignee, associated records and notes — shared by **Create task** and the task panel.
//! Each field shows its own message: the browser's check of the draft first, then the
//! server's refusal of the same field.

use leptos::prelude::*;

use super::{
    field_error::problem_message, record_picker::RecordPicker, viewer_zone::use_viewer_zone,
};
use crate::{
    error::AppError,
    models::{
        TaskPriority, TaskType, UserRef,
        task::{AssociableRecord, FieldProblem, TaskDraft},
        time_zone::ViewerZone,
    },
};

/// The form's state: the draft, its chosen records (with names) and the refused field.
#[derive(Clone, Copy)]
pub struct TaskForm {
    pub draft: RwSignal<TaskDraft>,
    pub records: RwSignal<Vec<AssociableRecord>>,
    pub problem: RwSignal<Option<FieldProblem>>,
    zone: ViewerZone,
}

impl TaskForm {
    pub fn new(draft: TaskDraft, records: Vec<AssociableRecord>) -> TaskForm {
        TaskForm {
            draft: RwSignal::new(draft),
            records: RwSignal::new(records),
            problem: RwSignal::new(None),
            zone: use_viewer_zone(),
        }
    }

    /// The draft to send, or `None` after showing what is wrong at its field.
    pub fn checked_draft(&self) -> Option<TaskDraft> {
        let mut draft = self.draft.get_untracked();
        draft.record_ids = self
            .records
            .with_untracked(|r| r.iter().map(|r| r.id).collect());
        match draft.check(self.zone) {
            Ok(_) => {
                self.problem.set(None);
                Some(draft)
            }
            Err(problem) => {
                self.problem.set(Some(problem));
                None
            }
        }
    }

    /// Shows the server's refusal at its field (or under the form).
    pub fn show_error(&self, error: AppError) {
        let fields = ["title", "due", "owner", "records", "notes"];
        self.problem
            .set(Some(FieldProblem::from_error(error, &fields)));
    }

    fn message(&self, field: &'static str) -> Signal<Option<String>> {
        problem_message(self.problem, field)
    }
}

#[component]
pub fn TaskFormFields(
    form: TaskForm,
    users: Vec<UserRef>,
    /// Prefix of the inputs' ids, unique on the page.
    id_prefix: &'static str,
) -> impl IntoView {
    let zone = form.zone;
    let draft = form.draft;
    let id = move |field: &str| format!("{id_prefix}-{field}");
    let error_view = move |field: &'static str| {
        let message = form.message(field);
        let error_id = id(&format!("{field}-error"));
        move || {
            message.get().map(|text| {
                view! { <p class="field-error" role="alert" id=error_id.clone()>{text}</p> }
            })
        }
    };
    let invalid = move |field: &'static str| {
        let message = form.message(field);
        move || message.with(Option::is_some).then_some("true")
    };
    let described = move |field: &'static str| {
        let message = form.message(field);
        let error_id = id(&format!("{field}-error"));
        move || message.with(Option::is_some).then(|| error_id.clone())
    };
    let type_options = TaskType::ALL
        .iter()
        .map(|t| {
            let label = match t {
                TaskType::Todo => "To-do",
                TaskType::Call => "Call",
                TaskType::Email => "Email",
            };
            view! { <option value=t.as_str() selected=move || draft.with(|d| d.task_type.unwrap_or(TaskType::Todo) == *t)>{label}</option> }
        })
        .collect_view();
    let priority_options = TaskPriority::ALL
        .iter()
        .map(|p| {
            let label = match p {
                TaskPriority::None => "None",
                TaskPriority::Low => "Low",
                TaskPriority::Medium => "Medium",
                TaskPriority::High => "High",
            };
            view! { <option value=p.as_str() selected=move || draft.with(|d| d.priority.unwrap_or(TaskPriority::None) == *p)>{label}</option> }
        })
        .collect_view();
    let user_options = users
        .into_iter()
        .map(|user| {
            let selected = move || draft.with(|d| d.owner_id == user.id);
            view! { <option value=user.id.to_string() selected=selected>{user.name}</option> }
        })
        .collect_view();
    view! {
        <div class="form-field">
            <label for=id("title")>"Title"</label>
            <input
                id=id("title")
                name="title"
                maxlength="200"
                value=draft.with_untracked(|d| d.title.clone())
                prop:value=move || draft.with(|d| d.title.clone())
                aria-invalid=invalid("title")
                aria-describedby=described("title")
                on:input=move |ev| draft.update(|d| d.title = event_target_value(&ev))
            />
            {error_view("title")}
        </div>
        <div class="form-field">
            <label for=id("due")>{format!("Due date and time ({})", zone.name())}</label>
            <input
                id=id("due")
                name="due"
                type="datetime-local"
                value=draft.with_untracked(|d| d.due.clone())
                prop:value=move || draft.with(|d| d.due.clone())
                aria-invalid=invalid("due")
                aria-describedby=described("due")
                on:input=move |ev| draft.update(|d| d.due = event_target_value(&ev))
            />
            {error_view("due")}
        </div>
        <div class="form-row">
            <div class="form-field">
                <label for=id("type")>"Type"</label>
                <select
                    id=id("type")
                    on:change=move |ev| draft.update(|d| d.task_type = TaskType::parse(&event_target_value(&ev)))
                >
                    {type_options}
                </select>
            </div>
            <div class="form-field">
                <label for=id("priority")>"Priority"</label>
                <select
                    id=id("priority")
                    on:change=move |ev| draft.update(|d| d.priority = TaskPriority::parse(&event_target_value(&ev)))
                >
                    {priority_options}
                </select>
            </div>
        </div>
        <div class="form-field">
            <label for=id("owner")>"Assigned to"</label>
            <select
                id=id("owner")
                aria-invalid=invalid("owner")
                aria-describedby=described("owner")
                on:change=move |ev| draft.update(|d| d.owner_id = event_target_value(&ev).parse().unwrap_or_default())
            >
                {user_options}
            </select>
            {error_view("owner")}
        </div>
        <RecordPicker chosen=form.records id_prefix label="Associated records"/>
        {error_view("records")}
        <div class="form-field">
            <label for=id("notes")>"Notes"</label>
            <textarea
                id=id("notes")
                rows="3"
                prop:value=move || draft.with(|d| d.notes.clone())
                aria-invalid=invalid("notes")
                on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))
            ></textarea>
            {error_view("notes")}
        </div>
        {error_view("form")}
    }
}
