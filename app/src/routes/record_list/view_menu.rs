//! The active view's actions: the unsaved-changes mark with Save view (or Save as new view)
//! and Reset, and for views the viewer may edit, Rename view and Delete view (their dialogs
//! are list parts, loaded when first opened).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{
    ListUi,
    lazy_parts::{ListPart, list_part},
};
use crate::{
    components::field_error::general_message,
    functions::SaveView,
    models::view::{ListUrl, RecordListView, ViewRef},
};

#[component]
pub(super) fn ViewMenu(
    list: StoredValue<RecordListView>,
    path: &'static str,
    ui: ListUi,
) -> impl IntoView {
    let navigate = use_navigate();
    let save = ServerAction::<SaveView>::new();
    let renaming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let (unsaved, active, summary) = list.with_value(|l| {
        (
            l.has_unsaved_changes(),
            l.active,
            l.views.iter().find(|v| v.view == l.active).cloned(),
        )
    });
    let editable = summary.as_ref().is_some_and(|v| v.editable);
    let view_href = list.with_value(|l| {
        ListUrl {
            view: Some(active),
            ..l.base_url()
        }
        .href(path)
    });
    {
        let view_href = view_href.clone();
        Effect::new(move |_| {
            if let Some(Ok(())) = save.value().get() {
                ui.reload.update(|n| *n += 1);
                navigate(&view_href, Default::default());
            }
        });
    }
    let save_error = move || general_message(save.value().get().and_then(Result::err));
    let save_button = match active {
        ViewRef::Saved(view_id) if editable => view! {
            <button
                type="button"
                class="button primary"
                disabled=move || save.pending().get()
                on:click=move |_| {
                    let state = list.with_value(|l| serde_json::to_string(&l.state).unwrap_or_default());
                    save.dispatch(SaveView { view_id, state });
                }
            >
                "Save view"
            </button>
        }
        .into_any(),
        _ => view! {
            <button type="button" class="button" on:click=move |_| ui.creating_view.set(true)>
                "Save as new view"
            </button>
        }
        .into_any(),
    };
    let unsaved_part = unsaved.then(|| {
        view! {
            <span class="unsaved-mark" role="status">"Unsaved changes"</span>
            <a href=view_href.clone() class="button subtle">"Reset"</a>
            {save_button}
        }
    });
    let edit_part = summary.filter(|v| v.editable).map(|view| {
        let view = StoredValue::new(view);
        view! {
            <button type="button" class="button" on:click=move |_| renaming.set(true)>"Rename view"</button>
            <button type="button" class="button danger" on:click=move |_| deleting.set(true)>"Delete view"</button>
            <Show when=move || renaming.get()>
                {move || Suspend::new(list_part(ListPart::RenameViewDialog {
                    view: view.get_value(),
                    renaming,
                    ui,
                }))}
            </Show>
            <Show when=move || deleting.get()>
                {move || Suspend::new(list_part(ListPart::DeleteViewDialog {
                    view: view.get_value(),
                    home: list.with_value(|l| l.base_url().href(path)),
                    deleting,
                }))}
            </Show>
        }
    });
    view! {
        {unsaved_part}
        {edit_part}
        {move || save_error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
    }
}
