//! One criterion in the editor: its kind, the kind's inputs, and its points.

use leptos::prelude::*;

use super::{
    criterion_draft::{CriterionDraft, RuleKind},
    problems::{Problems, alert, message_at},
};
use crate::{
    components::condition_editor::{ConditionDraft, ConditionEditor},
    models::{
        ActivityKind, UserRef, health_score::Bound, health_score_view::HealthProfileEditor,
        view::FieldInfo,
    },
};

#[component]
pub(super) fn CriterionEditor(
    draft: CriterionDraft,
    /// "group-G-criterion-C", the prefix of this criterion's fields in problems.
    path: Signal<String>,
    position: Signal<usize>,
    problems: Problems,
    editor: StoredValue<HealthProfileEditor>,
    fields: StoredValue<Vec<FieldInfo>>,
    next_id: Callback<(), usize>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let users = StoredValue::new(Vec::<UserRef>::new());
    let at = move |part| message_at(problems, move || Some(path.get()), part);
    let points_message = at("points");
    let days_message = at("days");
    let count_message = at("count");
    let minutes_message = at("minutes");
    let conditions_message = at("conditions");
    let property_message = at("property");
    let kind_options = RuleKind::ALL
        .into_iter()
        .map(|kind| view! { <option value=kind.value() selected=move || draft.kind.get() == kind>{kind.label()}</option> })
        .collect_view();
    let bound_select = move || {
        view! {
            <select aria-label="Bound" on:change=move |ev| {
                if let Some(b) = Bound::parse(&event_target_value(&ev)) { draft.bound.set(b) }
            }>
                {Bound::ALL.iter().map(|b| {
                    let b = *b;
                    view! { <option value=b.as_str() selected=move || draft.bound.get() == b>{b.label()}</option> }
                }).collect_view()}
            </select>
        }
    };
    let days_input = move |label: &'static str| {
        view! {
            <input class="narrow" inputmode="numeric" aria-label=label
                aria-invalid=move || days_message().is_some().to_string()
                prop:value=move || draft.days.get()
                on:input=move |ev| draft.days.set(event_target_value(&ev))/>
        }
    };
    let add_condition = move || {
        let first = fields.with_value(|f| f.first().map(|f| f.name.clone()).unwrap_or_default());
        draft
            .conditions
            .update(|c| c.push(ConditionDraft::blank(next_id.run(()), &first, fields)));
    };
    let rule_inputs = move || {
        match draft.kind.get() {
        RuleKind::Properties => view! {
            <div class="criterion-conditions">
                <For each=move || draft.conditions.get() key=|c| c.id let:condition>
                    {
                        let id = condition.id;
                        let position = move || draft.conditions.with(|c| c.iter().position(|d| d.id == id).unwrap_or(0));
                        view! {
                            <ConditionEditor
                                draft=condition
                                position=position()
                                fields
                                users
                                on_remove=Callback::new(move |()| draft.conditions.update(|c| c.retain(|d| d.id != id)))
                            />
                        }
                    }
                </For>
                <button type="button" class="button small" on:click=move |_| add_condition()>"Add condition"</button>
                {move || alert(conditions_message())}
            </div>
        }
        .into_any(),
        RuleKind::Activities => view! {
            <div class="criterion-row">
                {bound_select}
                <input class="narrow" inputmode="numeric" aria-label="Number of activities"
                    aria-invalid=move || count_message().is_some().to_string()
                    prop:value=move || draft.count.get()
                    on:input=move |ev| draft.count.set(event_target_value(&ev))/>
                <select aria-label="Activity type" on:change=move |ev| {
                    if let Some(kind) = ActivityKind::parse(&event_target_value(&ev)) { draft.activity.set(kind) }
                }>
                    {ActivityKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k.as_str() selected=move || draft.activity.get() == k>{k.as_str()}"s"</option> }
                    }).collect_view()}
                </select>
                <span>"in the last"</span>
                {days_input("Days")}
                <span>"days"</span>
                <Show when=move || draft.activity.get() == ActivityKind::Call>
                    <span>"of at least"</span>
                    <input class="narrow" inputmode="numeric" aria-label="Minutes" placeholder="any"
                        aria-invalid=move || minutes_message().is_some().to_string()
                        prop:value=move || draft.minutes.get()
                        on:input=move |ev| draft.minutes.set(event_target_value(&ev))/>
                    <span>"minutes"</span>
                </Show>
            </div>
            {move || alert(count_message().or_else(days_message).or_else(minutes_message))}
        }
        .into_any(),
        RuleKind::NoOpenHighPriorityTicket => view! {
            <p class="field-hint">"Holds while no open ticket of high priority is associated with the customer."</p>
        }
        .into_any(),
        RuleKind::LastActivityWithin => view! {
            <div class="criterion-row">
                <span>"A note, email, call or meeting within"</span>
                {days_input("Days")}
                <span>"days"</span>
            </div>
            {move || alert(days_message())}
        }
        .into_any(),
        RuleKind::DaysToRenewal => view! {
            <div class="criterion-row">
                <select aria-label="Renewal date property" on:change=move |ev| draft.property.set(event_target_value(&ev))>
                    <option value="" selected=move || draft.property.get().is_empty()>"Choose a date property"</option>
                    {editor.with_value(|e| e.date_fields.clone()).into_iter().map(|f| {
                        let name = f.name.clone();
                        view! { <option value=f.name.clone() selected=move || draft.property.get() == name>{f.label}</option> }
                    }).collect_view()}
                </select>
                <span>"is"</span>
                {bound_select}
                {days_input("Days")}
                <span>"days away"</span>
            </div>
            {move || alert(property_message().or_else(days_message))}
        }
        .into_any(),
    }
    };
    view! {
        <div class="criterion-editor" role="group" aria-label=move || format!("Criterion {}", position.get() + 1)>
            <div class="criterion-row">
                <select aria-label="Criterion type" on:change=move |ev| {
                    if let Some(kind) = RuleKind::parse(&event_target_value(&ev)) {
                        if kind == RuleKind::Properties && draft.conditions.with_untracked(Vec::is_empty) {
                            add_condition();
                        }
                        draft.kind.set(kind);
                    }
                }>
                    {kind_options}
                </select>
                <label>
                    "Points "
                    <input class="narrow" inputmode="numeric" aria-label="Points"
                        aria-invalid=move || points_message().is_some().to_string()
                        prop:value=move || draft.points.get()
                        on:input=move |ev| draft.points.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="button subtle small" on:click=move |_| on_remove.run(())>"Remove criterion"</button>
            </div>
            {move || alert(points_message())}
            {rule_inputs}
        </div>
    }
}
