//! One property of the record: its value, a pencil to edit it in place with an input of its
//! type (Enter saves, Escape cancels), and Details (its history). Saves carry the version the
//! panel holds; a stale one shows the new value and keeps what was typed. A value another user
//! changes while it is being edited is told, not overwritten.

use leptos::prelude::*;

use super::{property_history_dialog::PropertyHistoryDialog, refetch};
use crate::{
    components::{PropertyInput, viewer_zone::use_viewer_zone},
    error::AppError,
    functions::UpdateRecordProperty,
    models::{PropertyType, PropertyValue, record_detail::RecordDetail},
};

#[component]
pub(super) fn PropertyRow(
    name: String,
    detail: RwSignal<RecordDetail>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let update = ServerAction::<UpdateRecordProperty>::new();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let history_open = RwSignal::new(false);
    let name = StoredValue::new(name);
    let zone = use_viewer_zone();
    let cell = Memo::new(move |_| detail.with(|d| name.with_value(|n| d.cell(n).cloned())));
    let field = move || cell.with(|c| c.as_ref().map(|c| c.field.clone()));
    let label = field().map(|f| f.label).unwrap_or_default();
    let property_type = field().map_or(PropertyType::Text, |f| f.property_type);
    // Computed by a health score: shown, never edited here.
    let read_only = cell.with_untracked(|c| c.as_ref().is_some_and(|c| c.field.read_only));
    let shown = move || {
        cell.with(|c| {
            c.as_ref().and_then(|c| {
                c.value.as_ref().map(|v| {
                    detail.with(|d| v.display(&c.field.options, |id| d.user_name(id), zone))
                })
            })
        })
    };
    // The value the editor opened with: another user's change while editing is told, never
    // typed over.
    let opened_with = StoredValue::new(None::<PropertyValue>);
    let changed_meanwhile = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let now = cell.with(|c| c.as_ref().and_then(|c| c.value.clone()));
        if editing.get_untracked() && opened_with.with_value(|v| *v != now) {
            changed_meanwhile.set(Some(format!(
                "Someone else changed this to {} while you were editing. Save to replace it, or Cancel to keep theirs.",
                shown().unwrap_or_else(|| "—".into())
            )));
        }
    });
    let start = move || {
        opened_with.set_value(cell.with_untracked(|c| c.as_ref().and_then(|c| c.value.clone())));
        changed_meanwhile.set(None);
        draft.set(cell.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.value.as_ref().map(|v| v.to_input(zone)))
                .unwrap_or_default()
        }));
        message.set(None);
        update.value().set(None);
        editing.set(true);
    };
    let save = move || {
        if let Err(text) = PropertyValue::parse_input(property_type, &draft.get_untracked(), zone) {
            message.set(Some(text));
            return;
        }
        update.dispatch(UpdateRecordProperty {
            record_id: detail.with_untracked(|d| d.id),
            version: detail.with_untracked(|d| d.version),
            property: name.get_value(),
            value: draft.get_untracked(),
        });
    };
    Effect::new(move |_| match update.value().get() {
        Some(Ok(fresh)) => {
            editing.set(false);
            changed_meanwhile.set(None);
            detail.set(fresh);
            message.set(None);
            on_saved.run(());
        }
        Some(Err(AppError::StaleVersion)) => {
            message.set(Some(
                "This record changed since you opened it. Its current value is shown above; save again to replace it."
                    .into(),
            ));
            refetch(detail);
        }
        Some(Err(AppError::Invalid { message: text, .. })) => message.set(Some(text)),
        Some(Err(other)) => message.set(Some(other.to_string())),
        None => {}
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            save();
        }
        "Escape" => {
            ev.prevent_default();
            editing.set(false);
            message.set(None);
            changed_meanwhile.set(None);
        }
        _ => {}
    };
    let input_id = format!("edit-{}", name.get_value());
    let editor = {
        let input_id = input_id.clone();
        move || {
            let choices: Vec<(String, String)> = match property_type {
                PropertyType::User => detail.with_untracked(|d| {
                    d.users
                        .iter()
                        .map(|u| (u.id.to_string(), u.name.clone()))
                        .collect()
                }),
                _ => field().map(|f| f.options).unwrap_or_default(),
            };
            view! { <PropertyInput id=input_id.clone() property_type choices draft message/> }
        }
    };
    view! {
        <div class="property-row" role="group" aria-label=label.clone() on:keydown=on_keydown>
            <dt>
                <label for=input_id>{label.clone()}</label>
            </dt>
            <dd>
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <span class="property-value" class:empty=move || shown().is_none()>
                            {move || shown().unwrap_or_else(|| "—".into())}
                        </span>
                        <span class="row-tools">
                            {(!read_only).then(|| view! {
                                <button type="button" class="icon-button" aria-label="Edit" title="Edit" on:click=move |_| start()>
                                    "✎"
                                </button>
                            })}
                            <button type="button" class="button subtle small" on:click=move |_| history_open.set(true)>
                                "Details"
                            </button>
                        </span>
                    }
                >
                    <div class="property-editor">
                        {editor.clone()}
                        <button type="button" class="button primary small" disabled=move || update.pending().get() on:click=move |_| save()>
                            "Save"
                        </button>
                        <button type="button" class="button small" on:click=move |_| { editing.set(false); message.set(None); changed_meanwhile.set(None); }>
                            "Cancel"
                        </button>
                    </div>
                    <p class="current-value">{move || format!("Current value: {}", shown().unwrap_or_else(|| "—".into()))}</p>
                    {move || changed_meanwhile.get().map(|text| view! { <p class="notice changed-meanwhile" role="status">{text}</p> })}
                </Show>
                {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            </dd>
        </div>
        <Show when=move || history_open.get()>
            <PropertyHistoryDialog
                record_id=detail.with_untracked(|d| d.id)
                detail
                initial=name.get_value()
                on_close=Callback::new(move |()| history_open.set(false))
            />
        </Show>
    }
}
