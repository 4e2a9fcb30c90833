//! General: name, description and teams (added from a dropdown, removed with the × on a chip).

use leptos::prelude::*;

use crate::{
    components::{
        SaveBar, SettingsDraft,
        field_error::{FieldError, field_message},
    },
    functions::SaveWorkspaceGeneral,
    models::workspace::WorkspaceSettings,
};

#[derive(Clone, Debug, PartialEq)]
struct General {
    name: String,
    description: String,
    team_ids: Vec<i64>,
}

#[component]
pub fn GeneralPanel(settings: WorkspaceSettings, dirty: RwSignal<bool>) -> impl IntoView {
    let workspace_id = settings.workspace.id;
    let is_main = settings.workspace.is_main;
    let initial = General {
        name: settings.workspace.name.clone(),
        description: settings.workspace.description.clone(),
        team_ids: settings.workspace.teams.iter().map(|t| t.id).collect(),
    };
    let save = ServerAction::<SaveWorkspaceGeneral>::new();
    let form = SettingsDraft::new(initial, save.value());
    let draft = form.current;
    Effect::new(move |_| dirty.set(form.dirty().get()));
    let teams = StoredValue::new(settings.teams);
    let chips = move || {
        let chosen = draft.with(|d| d.team_ids.clone());
        teams.with_value(|teams| {
            teams
                .iter()
                .filter(|t| chosen.contains(&t.id))
                .map(|t| {
                    let id = t.id;
                    view! {
                        <li class="chip">
                            {t.name.clone()}
                            <button
                                type="button"
                                aria-label=format!("Remove {}", t.name)
                                on:click=move |_| draft.update(|d| d.team_ids.retain(|x| *x != id))
                            >
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let addable = move || {
        let chosen = draft.with(|d| d.team_ids.clone());
        teams.with_value(|teams| {
            teams
                .iter()
                .filter(|t| !chosen.contains(&t.id))
                .map(|t| {
                    let taken = t.taken_by_other(Some(workspace_id));
                    let label = match (&t.workspace_name, taken) {
                        (Some(workspace), true) => format!("{} (taken by {workspace})", t.name),
                        _ => t.name.clone(),
                    };
                    view! { <option value=t.id disabled=taken>{label}</option> }
                })
                .collect_view()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let general = form.take_for_save();
        save.dispatch(SaveWorkspaceGeneral {
            workspace_id,
            name: general.name,
            description: general.description,
            team_ids: general.team_ids,
        });
    };
    let teams_field = (!is_main).then(|| {
        view! {
            <div class="form-field">
                <label for="workspace-add-team">"Teams"</label>
                <ul class="chips" aria-label="Teams of this workspace">{chips}</ul>
                <select
                    id="workspace-add-team"
                    aria-label="Add team"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                            draft.update(|d| d.team_ids.push(id));
                        }
                        // Back to the placeholder, ready for the next team.
                        event_target::<leptos::web_sys::HtmlSelectElement>(&ev).set_value("");
                    }
                >
                    <option value="" selected>"Add a team…"</option>
                    {addable}
                </select>
                <p class="field-hint">"Only users whose primary team is listed see this workspace."</p>
                <FieldError message=field_message(save.value(), "teams")/>
            </div>
        }
    });
    view! {
        <form class="panel settings-form" on:submit=on_submit>
            <div class="form-field">
                <label for="general-name">"Name"</label>
                <input
                    id="general-name"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                />
                <FieldError message=field_message(save.value(), "name")/>
            </div>
            <div class="form-field">
                <label for="general-description">"Description"</label>
                <textarea
                    id="general-description"
                    rows="3"
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |ev| draft.update(|d| d.description = event_target_value(&ev))
                ></textarea>
                <FieldError message=field_message(save.value(), "description")/>
            </div>
            {teams_field}
            <SaveBar outcome=save.value() saving=save.pending() dirty=form.dirty()/>
        </form>
    }
}
