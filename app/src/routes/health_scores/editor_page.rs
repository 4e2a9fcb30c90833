//! The editor of one score profile: name, description, segments, criteria groups with their
//! max points (and the running sum that must reach 100), the category thresholds, and Save
//! draft / Turn on / Turn off / Delete. The browser checks with the server's own checks before
//! sending; what the server still refuses shows at the same field.

use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};

use super::{
    HealthSettingsFrame,
    criterion_draft::{DefinitionDraft, GroupDraft},
    group_editor::GroupEditor,
    problems::{Problems, alert, message_at},
};
use crate::{
    components::{Dialog, set_chosen},
    error::AppError,
    functions::{
        binary_answer::load, delete_health_profile, get_health_profile, save_health_profile,
        turn_off_health_profile, turn_on_health_profile,
    },
    models::{
        health_score::{
            CategoryThresholds, CriteriaGroup, HealthCategory, MAX_SEGMENTS, TOTAL_POINTS,
        },
        health_score_view::HealthProfileEditor,
    },
};

#[component]
pub fn HealthProfileEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let loaded = load(id, |id| async move {
        match id {
            Some(id) => get_health_profile(id).await,
            None => Err(AppError::not_found("The health score")),
        }
    });
    view! {
        <HealthSettingsFrame
            title="Health score · Settings"
            loaded
            content=|editor| view! { <ProfileEditor editor/> }
        />
    }
}

#[component]
fn ProfileEditor(editor: HealthProfileEditor) -> impl IntoView {
    let navigate = use_navigate();
    let counter = StoredValue::new(0usize);
    let next_id = Callback::new(move |()| {
        counter.update_value(|n| *n += 1);
        counter.get_value()
    });
    let fields = StoredValue::new(editor.fields.clone());
    let profile_id = editor.id;
    let version = RwSignal::new(editor.version);
    let live = RwSignal::new(editor.live);
    let has_draft = RwSignal::new(editor.has_draft);
    let name = RwSignal::new(editor.name.clone());
    let description = RwSignal::new(editor.description.clone());
    let definition = editor.definition.0.clone();
    let draft = DefinitionDraft {
        groups: RwSignal::new(
            definition
                .groups
                .into_iter()
                .map(|g| GroupDraft::new(next_id.run(()), g, move || next_id.run(())))
                .collect(),
        ),
        neutral_from: RwSignal::new(definition.thresholds.neutral_from.to_string()),
        healthy_from: RwSignal::new(definition.thresholds.healthy_from.to_string()),
        segments: RwSignal::new(definition.segments.clone()),
        fields,
    };
    let editor = StoredValue::new(editor);
    let attempted_turn_on = RwSignal::new(false);
    let server_problem = RwSignal::new(None::<(String, String)>);
    let status = RwSignal::new(None::<String>);
    let general_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let confirming_delete = RwSignal::new(false);
    let built = Memo::new(move |_| draft.read());
    let total = Memo::new(move |_| built.with(|d| d.total_points()));
    let problems: Problems = Memo::new(move |_| {
        let mut list: Vec<(String, String)> = built.with(|d| {
            let found = if attempted_turn_on.get() {
                d.live_problems()
            } else {
                d.draft_problems()
            };
            found.into_iter().map(|p| (p.field, p.message)).collect()
        });
        if let Some(problem) = server_problem.get() {
            list.push(problem);
        }
        list
    });
    let at = move |field| message_at(problems, || None, field);
    let sum_message = at("sum");
    let thresholds_message = at("thresholds");
    let segments_message = at("segments");
    let groups_message = at("groups");
    let name_message = at("name");

    // Shows a refusal at its field, or as a general message.
    let refused = move |error: AppError| match error {
        AppError::Invalid { field, message } => server_problem.set(Some((field, message))),
        other => general_error.set(Some(other.to_string())),
    };
    let save = move |then_turn_on: bool| {
        status.set(None);
        general_error.set(None);
        server_problem.set(None);
        attempted_turn_on.set(then_turn_on);
        let definition = built.get_untracked();
        let clean = draft.check_conditions();
        let problems_now = if then_turn_on {
            definition.live_problems()
        } else {
            definition.draft_problems()
        };
        if !problems_now.is_empty() || !clean || name.get_untracked().trim().is_empty() {
            if name.get_untracked().trim().is_empty() {
                server_problem.set(Some((
                    "name".into(),
                    "Enter a name of 1 to 100 characters".into(),
                )));
            }
            status.set(Some("Not saved: fix the fields marked below".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let json = serde_json::to_string(&definition).unwrap_or_default();
            let saved = save_health_profile(
                profile_id,
                version.get_untracked(),
                name.get_untracked(),
                description.get_untracked(),
                json,
            )
            .await;
            let outcome = match saved {
                Ok(saved) if then_turn_on => {
                    // Saved even if turning on is refused: the next save starts from it.
                    version.set(saved.version);
                    has_draft.set(saved.has_draft);
                    turn_on_health_profile(profile_id, saved.version).await
                }
                other => other,
            };
            busy.set(false);
            match outcome {
                Ok(saved) => {
                    version.set(saved.version);
                    live.set(saved.live);
                    has_draft.set(saved.has_draft);
                    status.set(Some(if then_turn_on {
                        "Turned on: every record is being scored".into()
                    } else if saved.live {
                        "Draft saved. The live score is unchanged until you turn the changes on."
                            .into()
                    } else {
                        "Draft saved".into()
                    }));
                }
                Err(error) => refused(error),
            }
        });
    };
    let turn_off = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = turn_off_health_profile(profile_id, version.get_untracked()).await;
            busy.set(false);
            match outcome {
                Ok(saved) => {
                    version.set(saved.version);
                    live.set(saved.live);
                    has_draft.set(saved.has_draft);
                    status.set(Some("Turned off: records no longer have this score".into()));
                }
                Err(error) => refused(error),
            }
        });
    };
    let navigate = StoredValue::new(navigate);
    let delete = move |_| {
        let navigate = navigate.get_value();
        leptos::task::spawn_local(async move {
            match delete_health_profile(profile_id).await {
                Ok(()) => navigate("/settings/health-scores", Default::default()),
                Err(error) => {
                    confirming_delete.set(false);
                    refused(error);
                }
            }
        });
    };
    let add_group = move |_| {
        let group = CriteriaGroup {
            name: String::new(),
            max_points: TOTAL_POINTS.saturating_sub(total.get_untracked()).max(1),
            criteria: vec![],
        };
        draft.groups.update(|g| {
            g.push(GroupDraft::new(next_id.run(()), group, move || {
                next_id.run(())
            }))
        });
    };
    let segment_boxes = editor.with_value(|e| e.segment_choices.clone()).into_iter().map(|s| {
        let id = s.id;
        view! {
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || draft.segments.with(|c| c.contains(&id))
                    prop:disabled=move || draft.segments.with(|c| !c.contains(&id) && c.len() >= MAX_SEGMENTS)
                    on:change=move |ev| draft.segments.update(|c| set_chosen(c, id, event_target_checked(&ev)))/>
                {s.name}
            </label>
        }
    }).collect_view();
    let ranges = move || {
        let t = built.with(|d| d.thresholds);
        let valid = t.neutral_from >= 1 && t.healthy_from > t.neutral_from && t.healthy_from <= 100;
        valid.then(|| {
            let range = |c: HealthCategory| {
                let (low, high) = CategoryThresholds::range(t, c);
                format!("{} {low}–{high}", c.label())
            };
            format!(
                "{} · {} · {}",
                range(HealthCategory::AtRisk),
                range(HealthCategory::Neutral),
                range(HealthCategory::Healthy)
            )
        })
    };
    let object_label = editor.with_value(|e| e.object_label.clone());
    view! {
        <div class="panel health-editor">
            <p><A href="/settings/health-scores">"← All health scores"</A></p>
            <p class="field-hint">
                {move || if live.get() { "Live" } else { "Draft" }}
                {format!(" · scores {object_label}")}
                {move || has_draft.get().then_some(" · unpublished changes")}
            </p>
            <div class="form-field">
                <label for="profile-name">"Name"</label>
                <input id="profile-name" prop:value=move || name.get()
                    aria-invalid=move || name_message().is_some().to_string()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                {move || alert(name_message())}
            </div>
            <div class="form-field">
                <label for="profile-description">"Description"</label>
                <textarea id="profile-description" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            <fieldset class="form-field">
                <legend>"Segments"</legend>
                <p class="field-hint">{format!("Up to {MAX_SEGMENTS} views shared with Everyone; none means every record.")}</p>
                <div class="check-list">{segment_boxes}</div>
                {move || alert(segments_message())}
            </fieldset>
            <h2>"Criteria groups"</h2>
            <For each=move || draft.groups.get() key=|g| g.id let:group>
                {
                    let id = group.id;
                    let position = Signal::derive(move || draft.groups.with(|g| g.iter().position(|d| d.id == id).unwrap_or(0)));
                    view! {
                        <GroupEditor group position problems editor fields next_id
                            on_remove=Callback::new(move |()| draft.groups.update(|g| g.retain(|d| d.id != id)))/>
                    }
                }
            </For>
            {move || alert(groups_message())}
            <button type="button" class="button" on:click=add_group>"Add group"</button>
            <p id="health-sum" role="status" class="health-sum"
                class:ok=move || total.get() == TOTAL_POINTS
                class:off=move || total.get() != TOTAL_POINTS>
                {move || format!("Total max points: {} of {TOTAL_POINTS}", total.get())}
                {move || (total.get() != TOTAL_POINTS).then(|| {
                    let gap = i64::from(TOTAL_POINTS) - i64::from(total.get());
                    if gap > 0 { format!(" — add {gap} to turn the score on") } else { format!(" — remove {} to turn the score on", -gap) }
                })}
            </p>
            {move || alert(sum_message())}
            <fieldset class="form-field">
                <legend>"Categories"</legend>
                <div class="criterion-row">
                    <label>"Neutral from "
                        <input class="narrow" inputmode="numeric" aria-label="Neutral from"
                            prop:value=move || draft.neutral_from.get()
                            on:input=move |ev| draft.neutral_from.set(event_target_value(&ev))/>
                    </label>
                    <label>"Healthy from "
                        <input class="narrow" inputmode="numeric" aria-label="Healthy from"
                            prop:value=move || draft.healthy_from.get()
                            on:input=move |ev| draft.healthy_from.set(event_target_value(&ev))/>
                    </label>
                </div>
                <p class="field-hint">{ranges}</p>
                {move || alert(thresholds_message())}
            </fieldset>
            {move || general_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <p role="status" class="saved-note">{move || status.get()}</p>
            <div class="form-actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| save(false)>"Save draft"</button>
                <button type="button" class="button primary" disabled=move || busy.get() on:click=move |_| save(true)>
                    {move || if live.get() { "Turn on changes" } else { "Turn on" }}
                </button>
                <Show when=move || live.get()>
                    <button type="button" class="button" disabled=move || busy.get() on:click=turn_off>"Turn off"</button>
                </Show>
                <button type="button" class="button danger" on:click=move |_| confirming_delete.set(true)>"Delete health score"</button>
            </div>
        </div>
        <Show when=move || confirming_delete.get()>
            <Dialog title="Delete this health score?" title_id="delete-health-title" on_close=Callback::new(move |()| confirming_delete.set(false))>
                <p>"Its scores, history and columns go too. This cannot be undone."</p>
                <div class="dialog-actions">
                    <button type="button" class="button danger" on:click=delete>"Delete"</button>
                    <button type="button" class="button" on:click=move |_| confirming_delete.set(false)>"Cancel"</button>
                </div>
            </Dialog>
        </Show>
    }
}
