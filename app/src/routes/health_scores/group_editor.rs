//! One criteria group in the editor: its name, its max points and its criteria.

use leptos::prelude::*;

use super::{
    criterion_draft::{CriterionDraft, GroupDraft},
    criterion_editor::CriterionEditor,
    problems::{Problems, alert, message_at},
};
use crate::models::{
    ActivityKind,
    health_score::{Bound, Criterion, CriterionRule},
    health_score_view::HealthProfileEditor,
    view::FieldInfo,
};

#[component]
pub(super) fn GroupEditor(
    group: GroupDraft,
    position: Signal<usize>,
    problems: Problems,
    editor: StoredValue<HealthProfileEditor>,
    fields: StoredValue<Vec<FieldInfo>>,
    next_id: Callback<(), usize>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let path = move || format!("group-{}", position.get());
    let at = move |part| message_at(problems, move || Some(path()), part);
    let name_message = at("name");
    let max_message = at("max");
    let criteria_message = at("criteria");
    let name_id = move || format!("group-name-{}", group.id);
    let max_id = move || format!("group-max-{}", group.id);
    let add_criterion = move |_| {
        let criterion = Criterion {
            points: 10,
            rule: CriterionRule::Activities {
                activity: ActivityKind::Call,
                bound: Bound::AtLeast,
                count: 1,
                days: 30,
                min_minutes: None,
            },
        };
        let id = next_id.run(());
        group
            .criteria
            .update(|c| c.push(CriterionDraft::new(id, criterion, move || next_id.run(()))));
    };
    view! {
        <section class="group-card" aria-label=move || format!("Group {}: {}", position.get() + 1, group.name.get())>
            <div class="group-head">
                <div class="form-field">
                    <label for=name_id>"Group name"</label>
                    <input id=name_id
                        aria-invalid=move || name_message().is_some().to_string()
                        prop:value=move || group.name.get()
                        on:input=move |ev| group.name.set(event_target_value(&ev))/>
                    {move || alert(name_message())}
                </div>
                <div class="form-field">
                    <label for=max_id>"Max points"</label>
                    <input id=max_id class="narrow" inputmode="numeric"
                        aria-invalid=move || max_message().is_some().to_string()
                        prop:value=move || group.max_points.get()
                        on:input=move |ev| group.max_points.set(event_target_value(&ev))/>
                    {move || alert(max_message())}
                </div>
                <button type="button" class="button subtle small" on:click=move |_| on_remove.run(())>"Remove group"</button>
            </div>
            <For each=move || group.criteria.get() key=|c| c.id let:criterion>
                {
                    let id = criterion.id;
                    let index = Signal::derive(move || group.criteria.with(|c| c.iter().position(|d| d.id == id).unwrap_or(0)));
                    let criterion_path = Signal::derive(move || format!("{}-criterion-{}", path(), index.get()));
                    view! {
                        <CriterionEditor
                            draft=criterion
                            path=criterion_path
                            position=index
                            problems
                            editor
                            fields
                            next_id
                            on_remove=Callback::new(move |()| group.criteria.update(|c| c.retain(|d| d.id != id)))
                        />
                    }
                }
            </For>
            {move || alert(criteria_message())}
            <button type="button" class="button small" on:click=add_criterion>"Add criterion"</button>
        </section>
    }
}
