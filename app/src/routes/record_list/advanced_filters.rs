//! The Advanced filters panel: groups of conditions, AND inside a group and OR between groups.
//! Values are checked here as the server checks them; a bad one gets its message at the field
//! and nothing is sent.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::condition_editor::{ConditionDraft, ConditionEditor};
use crate::models::{
    filter::{FilterGroup, FilterTree, MAX_FILTER_GROUPS, MAX_GROUP_CONDITIONS},
    view::RecordListView,
};

/// A group as edited; `id`s key the rows so editing one keeps the others (and focus) in place.
#[derive(Clone)]
struct GroupDraft {
    id: usize,
    conditions: RwSignal<Vec<ConditionDraft>>,
}

#[component]
pub(super) fn AdvancedFilters(
    list: StoredValue<RecordListView>,
    path: &'static str,
) -> impl IntoView {
    let navigate = use_navigate();
    let next_id = StoredValue::new(0usize);
    let new_id = move || {
        next_id.update_value(|n| *n += 1);
        next_id.get_value()
    };
    let fields = StoredValue::new(list.with_value(|l| l.fields.clone()));
    let users = StoredValue::new(list.with_value(|l| l.users.clone()));
    let first_field = fields.with_value(|f| f.first().map(|f| f.name.clone()).unwrap_or_default());
    let blank_condition = move || ConditionDraft::blank(new_id(), &first_field, fields);
    let groups = RwSignal::new(
        list.with_value(|l| l.state.filters.groups.clone())
            .into_iter()
            .map(|group| GroupDraft {
                id: new_id(),
                conditions: RwSignal::new(
                    group
                        .conditions
                        .into_iter()
                        .map(|c| ConditionDraft::from_condition(new_id(), c))
                        .collect(),
                ),
            })
            .collect::<Vec<_>>(),
    );
    let blank_condition = StoredValue::new(blank_condition);
    let add_group = move |_| {
        if groups.with(Vec::len) < MAX_FILTER_GROUPS {
            let condition = blank_condition.with_value(|blank| blank());
            groups.update(|g| {
                g.push(GroupDraft {
                    id: new_id(),
                    conditions: RwSignal::new(vec![condition]),
                })
            });
        }
    };
    let message = RwSignal::new(None::<String>);
    let apply = move |_| {
        message.set(None);
        let mut tree = FilterTree::default();
        let mut valid = true;
        for group in groups.get_untracked() {
            let mut conditions = Vec::new();
            for draft in group.conditions.get_untracked() {
                match draft.checked(fields) {
                    Some(condition) => conditions.push(condition),
                    None => valid = false,
                }
            }
            tree.groups.push(FilterGroup { conditions });
        }
        if !valid {
            message.set(Some(
                "Correct the highlighted values to apply these filters.".into(),
            ));
            return;
        }
        let href = list.with_value(|l| {
            let mut state = l.state.clone();
            state.filters = tree.normalized();
            l.href_with(path, state)
        });
        navigate(&href, Default::default());
    };
    let clear = move |_| groups.set(vec![]);
    view! {
        <section id="advanced-filters" class="filters-panel" aria-labelledby="advanced-filters-title">
            <h2 id="advanced-filters-title">"Advanced filters"</h2>
            <p class="field-hint">"Records match when every condition of a group holds, in at least one group."</p>
            <Show when=move || groups.with(Vec::is_empty)>
                <p class="empty-state small">"No filters yet."</p>
            </Show>
            <For
                each={move || groups.get().into_iter().enumerate().collect::<Vec<_>>()}
                key={|(i, group)| (*i, group.id)}
                children={move |(index, group)| {
                    let conditions = group.conditions;
                    let group_id = group.id;
                    let add_condition = move |_| {
                        if conditions.with(Vec::len) < MAX_GROUP_CONDITIONS {
                            let condition = blank_condition.with_value(|blank| blank());
                            conditions.update(|c| c.push(condition));
                        }
                    };
                    let remove_group = move |_| groups.update(|g| g.retain(|x| x.id != group_id));
                    let label = format!("Group {}", index + 1);
                    view! {
                        {(index > 0).then(|| view! { <p class="or-divider" aria-hidden="true">"or"</p> })}
                        <fieldset class="filter-group">
                            <legend>{label.clone()}</legend>
                            <For
                                each={move || conditions.get().into_iter().enumerate().collect::<Vec<_>>()}
                                key={|(i, condition)| (*i, condition.id)}
                                children={move |(position, condition)| {
                                    let condition_id = condition.id;
                                    let remove = Callback::new(move |()| {
                                        conditions.update(|c| c.retain(|x| x.id != condition_id));
                                        if conditions.with_untracked(Vec::is_empty) {
                                            groups.update(|g| g.retain(|x| x.id != group_id));
                                        }
                                    });
                                    view! {
                                        {(position > 0).then(|| view! { <p class="and-divider" aria-hidden="true">"and"</p> })}
                                        <ConditionEditor draft=condition position fields users on_remove=remove/>
                                    }
                                }}
                            />
                            <div class="group-actions">
                                <button type="button" class="button small" on:click=add_condition>
                                    "Add condition"
                                </button>
                                <button type="button" class="button small subtle" on:click=remove_group>
                                    {format!("Remove {}", label.to_lowercase())}
                                </button>
                            </div>
                        </fieldset>
                    }
                }}
            />
            <div class="panel-actions">
                <button type="button" class="button" on:click=add_group>"Add filter group"</button>
                <span class="spacer"></span>
                <button type="button" class="button subtle" on:click=clear>"Clear all"</button>
                <button type="button" class="button primary" on:click=apply>"Apply filters"</button>
            </div>
            {move || message.get().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
        </section>
    }
}
