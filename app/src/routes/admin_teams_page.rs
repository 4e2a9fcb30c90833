//! Admin → Teams: create, rename inline, delete.

use leptos::{html, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    components::{
        ErrorBanner, RequireAccess,
        field_error::{FieldError, message_for},
    },
    functions::{CreateTeam, DeleteTeam, RenameTeam, binary_answer::load, list_teams},
    models::{Requirement, TeamSummary},
    routes::admin_nav::AdminNav,
};

#[component]
pub fn AdminTeamsPage() -> impl IntoView {
    let create = ServerAction::<CreateTeam>::new();
    let rename = ServerAction::<RenameTeam>::new();
    let delete = ServerAction::<DeleteTeam>::new();
    let teams = load(
        move || {
            (
                create.version().get(),
                rename.version().get(),
                delete.version().get(),
            )
        },
        |_| list_teams(),
    );
    let create_error =
        Signal::derive(move || message_for(create.value().get().and_then(Result::err), "name"));
    let name = NodeRef::<html::Input>::new();
    let change_error = move || {
        rename
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
            .map(|e| e.to_string())
    };
    view! {
        <Title text="Teams"/>
        <RequireAccess requirement=Requirement::SuperAdmin>
            <section class="tab-page" aria-labelledby="teams-heading">
            <header class="tab-header">
                <h1 id="teams-heading">"Teams"</h1>
                <AdminNav/>
            </header>
            <section class="panel" aria-labelledby="create-team-heading">
                <h2 id="create-team-heading">"Create team"</h2>
                // Posted as is without scripts; with them, sent from the field (see the login
                // page for why not `ActionForm`).
                <form class="inline-form" method="post" action=CreateTeam::url() on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    if let Some(name) = name.get_untracked() {
                        create.dispatch(CreateTeam { name: name.value() });
                    }
                }>
                    <div class="form-field">
                        <label for="new-team-name">"Team name"</label>
                        <input id="new-team-name" name="name" required node_ref=name/>
                        <FieldError message=create_error/>
                    </div>
                    <button type="submit" class="button primary">"Create team"</button>
                </form>
            </section>
            {move || change_error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <Transition fallback=|| view! { <p class="loading">"Loading teams…"</p> }>
                {move || teams.get().map(|result| match result {
                    Ok(teams) => view! { <TeamsTable teams rename delete/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error/> }.into_any(),
                })}
            </Transition>
        </section>
        </RequireAccess>
    }
}

#[component]
fn TeamsTable(
    teams: Vec<TeamSummary>,
    rename: ServerAction<RenameTeam>,
    delete: ServerAction<DeleteTeam>,
) -> impl IntoView {
    if teams.is_empty() {
        return view! { <p class="empty-state">"No teams yet. Create the first one above."</p> }
            .into_any();
    }
    let rows = teams
        .into_iter()
        .map(|team| {
            let team_id = team.id;
            let confirming = RwSignal::new(false);
            view! {
                <tr data-team-name=team.name.clone()>
                    <td>
                        <input
                            class="cell-input"
                            aria-label="Team name"
                            prop:value=team.name.clone()
                            on:change=move |ev| {
                                rename.dispatch(RenameTeam { team_id, name: event_target_value(&ev) });
                            }
                        />
                    </td>
                    <td class="numeric">{team.members}</td>
                    <td>
                        {move || if confirming.get() {
                            view! {
                                <button
                                    type="button"
                                    class="button danger"
                                    on:click=move |_| { delete.dispatch(DeleteTeam { team_id }); }
                                >
                                    "Confirm delete"
                                </button>
                            }
                                .into_any()
                        } else {
                            view! {
                                <button type="button" class="button" on:click=move |_| confirming.set(true)>
                                    "Delete"
                                </button>
                            }
                                .into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table admin-table">
                <caption class="visually-hidden">"Teams"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Team"</th>
                        <th scope="col" class="numeric">"Members"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
