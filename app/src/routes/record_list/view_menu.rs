//! The active view's actions: the unsaved-changes mark with Save view (or Save as new view)
//! and Reset, and for views the viewer may edit, Rename view and Delete view.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::ListUi;
use crate::{
    components::{
        Dialog,
        field_error::{FieldError, field_message, general_message},
    },
    functions::{DeleteView, SaveView, UpdateView},
    models::view::{ListUrl, RecordListView, ViewRef, ViewSummary},
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
        let rename_view = view.clone();
        view! {
            <button type="button" class="button" on:click=move |_| renaming.set(true)>"Rename view"</button>
            <button type="button" class="button danger" on:click=move |_| deleting.set(true)>"Delete view"</button>
            <Show when=move || renaming.get()>
                <RenameViewDialog view=rename_view.clone() renaming ui/>
            </Show>
            <Show when=move || deleting.get()>
                <DeleteViewDialog view=view.clone() home=list.with_value(|l| l.base_url().href(path)) deleting/>
            </Show>
        }
    });
    view! {
        {unsaved_part}
        {edit_part}
        {move || save_error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
    }
}

#[component]
fn RenameViewDialog(view: ViewSummary, renaming: RwSignal<bool>, ui: ListUi) -> impl IntoView {
    let update = ServerAction::<UpdateView>::new();
    let ViewRef::Saved(view_id) = view.view else {
        return ().into_any();
    };
    let name = RwSignal::new(view.name.clone());
    let close = Callback::new(move |()| renaming.set(false));
    Effect::new(move |_| {
        if let Some(Ok(())) = update.value().get() {
            renaming.set(false);
            ui.reload.update(|n| *n += 1);
        }
    });
    let sharing = view
        .sharing
        .unwrap_or(crate::models::view::Sharing::Private);
    let (featured, description) = (view.featured, view.description.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        update.dispatch(UpdateView {
            view_id,
            name: name.get_untracked(),
            sharing,
            featured,
            description: description.clone(),
        });
    };
    let error = move || general_message(update.value().get().and_then(Result::err));
    view! {
        <Dialog title="Rename view" title_id="rename-view-title" on_close=close>
            <form class="dialog-form" on:submit=on_submit>
                <div class="form-field">
                    <label for="rename-view-name">"Name"</label>
                    <input
                        id="rename-view-name"
                        autofocus
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <FieldError message=field_message(update.value(), "name")/>
                </div>
                {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary">"Rename"</button>
                </div>
            </form>
        </Dialog>
    }
    .into_any()
}

#[component]
fn DeleteViewDialog(
    view: ViewSummary,
    /// Where the list goes once its view is gone: its default view.
    home: String,
    deleting: RwSignal<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    let delete = ServerAction::<DeleteView>::new();
    let ViewRef::Saved(view_id) = view.view else {
        return ().into_any();
    };
    let close = Callback::new(move |()| deleting.set(false));
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            deleting.set(false);
            navigate(&home, Default::default());
        }
    });
    let error = move || general_message(delete.value().get().and_then(Result::err));
    view! {
        <Dialog title=format!("Delete {}?", view.name) title_id="delete-view-title" on_close=close>
            <p>"The view is removed for everyone who sees it. The records stay as they are."</p>
            {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <div class="dialog-actions">
                <button type="button" class="button" autofocus on:click=move |_| close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class="button danger-solid"
                    disabled=move || delete.pending().get()
                    on:click=move |_| { delete.dispatch(DeleteView { view_id }); }
                >
                    "Delete view"
                </button>
            </div>
        </Dialog>
    }
    .into_any()
}
