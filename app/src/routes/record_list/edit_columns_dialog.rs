//! The Edit columns dialog: search the object's properties, tick to add, reorder by dragging or
//! with the Move up / Move down buttons (keyboard), remove, Apply.

use leptos::prelude::*;

use crate::components::set_chosen;
use leptos_router::hooks::use_navigate;

use super::ListUi;
use crate::{
    components::Dialog,
    models::view::{MAX_VIEW_COLUMNS, RecordListView},
};

/// Moves the focus to the element `id` once the list has been redrawn, so a keyboard user
/// stays on the column they moved.
fn focus_after_render(id: String) {
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

#[component]
pub(super) fn EditColumnsDialog(
    list: StoredValue<RecordListView>,
    path: &'static str,
    ui: ListUi,
) -> impl IntoView {
    let navigate = use_navigate();
    let fields = StoredValue::new(list.with_value(|l| l.fields.clone()));
    let chosen = RwSignal::new(list.with_value(|l| l.state.columns.clone()));
    let search = RwSignal::new(String::new());
    let dragging = RwSignal::new(None::<usize>);
    let message = RwSignal::new(None::<String>);
    let label_of = move |name: &str| {
        fields.with_value(|f| {
            f.iter()
                .find(|f| f.name == name)
                .map_or(name.to_string(), |f| f.label.clone())
        })
    };
    let move_column = move |from: usize, to: usize| {
        chosen.update(|c| {
            if from < c.len() && to < c.len() {
                let column = c.remove(from);
                c.insert(to, column);
            }
        });
    };
    let toggle = move |name: String, on: bool| {
        message.set(None);
        chosen.update(|c| set_chosen(c, name, on));
    };
    let search_results = move || {
        let needle = search.get().to_lowercase();
        fields.with_value(|fields| {
            fields
                .iter()
                .filter(|f| needle.is_empty() || f.label.to_lowercase().contains(&needle))
                .map(|field| {
                    let name = field.name.clone();
                    let checked_name = name.clone();
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || chosen.with(|c| c.contains(&checked_name))
                                on:change=move |ev| toggle(name.clone(), event_target_checked(&ev))
                            />
                            {field.label.clone()}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let close = Callback::new(move |()| ui.editing_columns.set(false));
    let apply = move |_| {
        let columns = chosen.get_untracked();
        if columns.is_empty() || columns.len() > MAX_VIEW_COLUMNS {
            message.set(Some(format!("Choose 1 to {MAX_VIEW_COLUMNS} columns")));
            return;
        }
        let href = list.with_value(|l| {
            let mut state = l.state.clone();
            state.columns = columns;
            l.href_with(path, state)
        });
        ui.editing_columns.set(false);
        navigate(&href, Default::default());
    };
    view! {
        <Dialog title="Edit columns" title_id="edit-columns-title" on_close=close>
            <div class="columns-editor">
                <div class="columns-pick">
                    <label for="column-search">"Search properties"</label>
                    <input
                        id="column-search"
                        type="search"
                        autofocus
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                    <div class="check-list scroll">{search_results}</div>
                </div>
                <div class="columns-chosen">
                    <h3>{move || format!("Selected columns ({})", chosen.with(Vec::len))}</h3>
                    <p class="field-hint">"Drag to reorder, or use the arrow buttons."</p>
                    <ol class="column-order">
                        <For
                            each={move || chosen.get().into_iter().enumerate().collect::<Vec<_>>()}
                            key={|(i, name)| (*i, name.clone())}
                            children={move |(index, name)| {
                                let label = label_of(&name);
                                let last = chosen.with_untracked(Vec::len) - 1;
                                let removed = name.clone();
                                let up_id = format!("move-up-{name}");
                                let down_id = format!("move-down-{name}");
                                let (focus_up, focus_down) = (up_id.clone(), down_id.clone());
                                view! {
                                    <li
                                        class="column-item"
                                        draggable="true"
                                        class:dragging=move || dragging.get() == Some(index)
                                        on:dragstart=move |_| dragging.set(Some(index))
                                        on:dragend=move |_| dragging.set(None)
                                        on:dragover=move |ev| ev.prevent_default()
                                        on:drop=move |ev| {
                                            ev.prevent_default();
                                            if let Some(from) = dragging.get_untracked() {
                                                move_column(from, index);
                                            }
                                            dragging.set(None);
                                        }
                                    >
                                        <span class="drag-handle" aria-hidden="true">"⋮⋮"</span>
                                        <span class="column-label">{label.clone()}</span>
                                        <button
                                            type="button"
                                            class="icon-button"
                                            id=up_id
                                            aria-label=format!("Move {label} up")
                                            disabled=index == 0
                                            on:click=move |_| {
                                                move_column(index, index - 1);
                                                focus_after_render(focus_up.clone());
                                            }
                                        >
                                            "↑"
                                        </button>
                                        <button
                                            type="button"
                                            class="icon-button"
                                            id=down_id
                                            aria-label=format!("Move {label} down")
                                            disabled=index == last
                                            on:click=move |_| {
                                                move_column(index, index + 1);
                                                focus_after_render(focus_down.clone());
                                            }
                                        >
                                            "↓"
                                        </button>
                                        <button
                                            type="button"
                                            class="icon-button"
                                            aria-label=format!("Remove {label}")
                                            on:click=move |_| toggle(removed.clone(), false)
                                        >
                                            "×"
                                        </button>
                                    </li>
                                }
                            }}
                        />
                    </ol>
                </div>
            </div>
            {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                <button type="button" class="button primary" on:click=apply>"Apply"</button>
            </div>
        </Dialog>
    }
}
