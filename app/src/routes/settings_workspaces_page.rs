//! Settings → Workspaces: the main workspace and up to five team workspaces. Create one in a
//! dialog (name, description, teams), edit name and description in place, open a workspace's
//! settings with Edit, and delete a team workspace after confirming in a dialog.

use leptos::prelude::*;

use crate::components::set_chosen;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::{
    components::{
        Dialog, ErrorBanner, RequireAccess,
        field_error::{FieldError, field_message, general_message},
    },
    functions::{
        CreateWorkspace, DeleteWorkspace, UpdateWorkspaceDetails, binary_answer::load,
        list_workspaces,
    },
    models::{
        Requirement,
        workspace::{MAX_TEAM_WORKSPACES, TeamChoice, WorkspaceSummary},
    },
    routes::settings_nav::SettingsNav,
};

#[component]
pub fn SettingsWorkspacesPage() -> impl IntoView {
    let create = ServerAction::<CreateWorkspace>::new();
    let update = ServerAction::<UpdateWorkspaceDetails>::new();
    let delete = ServerAction::<DeleteWorkspace>::new();
    // The list reloads after successful changes only, so a refused one keeps what was typed.
    let reload = RwSignal::new(0u32);
    let overview = load(move || reload.get(), |_| list_workspaces());
    let creating = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            creating.set(false);
            reload.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = update.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let update_error = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    view! {
        <Title text="Workspaces · Settings"/>
        <RequireAccess requirement=Requirement::ManageSettings>
            <section class="tab-page" aria-labelledby="workspaces-heading">
                <header class="tab-header">
                    <h1 id="workspaces-heading">"Workspaces"</h1>
                    <SettingsNav/>
                </header>
                <Transition fallback=|| view! { <p class="loading">"Loading workspaces…"</p> }>
                    {move || overview.get().map(|result| match result {
                        Ok(overview) => view! {
                            <div class="section-bar">
                                <p class="tab-subtitle">
                                    {format!(
                                        "{} of {MAX_TEAM_WORKSPACES} team workspaces. Users see the workspace of their primary team, everyone else the main one.",
                                        overview.team_workspace_count()
                                    )}
                                </p>
                                <button type="button" class="button primary" on:click=move |_| creating.set(true)>
                                    "Create workspace"
                                </button>
                            </div>
                            {move || update_error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
                            <WorkspacesTable workspaces=overview.workspaces.clone() update delete/>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
                <Show when=move || creating.get()>
                    {move || {
                        overview
                            .get_untracked()
                            .and_then(Result::ok)
                            .map(|overview| view! { <CreateWorkspaceDialog teams=overview.teams create creating/> })
                    }}
                </Show>
            </section>
        </RequireAccess>
    }
}

#[component]
fn WorkspacesTable(
    workspaces: Vec<WorkspaceSummary>,
    update: ServerAction<UpdateWorkspaceDetails>,
    delete: ServerAction<DeleteWorkspace>,
) -> impl IntoView {
    let deleting = RwSignal::new(None::<(i64, String)>);
    let rows = workspaces
        .into_iter()
        .map(|workspace| {
            let id = workspace.id;
            let name = RwSignal::new(workspace.name.clone());
            let description = RwSignal::new(workspace.description.clone());
            let send = move || {
                update.dispatch(UpdateWorkspaceDetails {
                    workspace_id: id,
                    name: name.get_untracked(),
                    description: description.get_untracked(),
                });
            };
            let chips = if workspace.is_main {
                view! { <span class="muted">"Everyone else"</span> }.into_any()
            } else if workspace.teams.is_empty() {
                view! { <span class="muted">"No teams"</span> }.into_any()
            } else {
                let chips = workspace
                    .teams
                    .iter()
                    .map(|t| view! { <li class="chip">{t.name.clone()}</li> })
                    .collect_view();
                view! { <ul class="chips">{chips}</ul> }.into_any()
            };
            let delete_button = (!workspace.is_main).then(|| {
                let label = workspace.name.clone();
                view! {
                    <button
                        type="button"
                        class="button danger"
                        on:click=move |_| deleting.set(Some((id, label.clone())))
                    >
                        "Delete"
                    </button>
                }
            });
            view! {
                <tr data-workspace-name=workspace.name.clone()>
                    <td class="name-cell">
                        <input
                            class="cell-input strong"
                            aria-label="Workspace name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                            on:change=move |_| send()
                        />
                        {workspace.is_main.then(|| view! { <span class="badge">"Main"</span> })}
                    </td>
                    <td>
                        <input
                            class="cell-input"
                            aria-label="Description"
                            placeholder="Add a description"
                            prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))
                            on:change=move |_| send()
                        />
                    </td>
                    <td>{chips}</td>
                    <td class="actions">
                        <A href=format!("/settings/workspaces/{id}") attr:class="button">"Edit"</A>
                        {delete_button}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table admin-table">
                <caption class="visually-hidden">"Workspaces"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col">"Teams"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {move || deleting.get().map(|(id, name)| view! { <DeleteWorkspaceDialog id name delete deleting/> })}
    }
}

/// A reference for the field a dialog focuses when it opens, so keyboard users start there.
fn focused_on_open() -> NodeRef<leptos::html::Input> {
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = field.get() {
            let _ = input.focus();
        }
    });
    field
}

#[component]
fn CreateWorkspaceDialog(
    teams: Vec<TeamChoice>,
    create: ServerAction<CreateWorkspace>,
    creating: RwSignal<bool>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let first_field = focused_on_open();
    let chosen = RwSignal::new(Vec::<i64>::new());
    let error = move || create.value().get().and_then(Result::err);
    let checks = teams
        .into_iter()
        .map(|team| {
            let id = team.id;
            let taken = team.taken_by_other(None);
            let label = match (&team.workspace_name, taken) {
                (Some(workspace), true) => format!("{} (taken by {workspace})", team.name),
                _ => team.name.clone(),
            };
            view! {
                <label class="check" class:taken=taken>
                    <input
                        type="checkbox"
                        disabled=taken
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| set_chosen(c, id, on));
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateWorkspace {
            name: name.get_untracked(),
            description: description.get_untracked(),
            team_ids: chosen.get_untracked(),
        });
    };
    let close = Callback::new(move |()| {
        create.value().set(None);
        creating.set(false);
    });
    view! {
        <Dialog title="Create workspace" title_id="create-workspace-title" on_close=close>
            <form on:submit=on_submit class="dialog-form">
                <div class="form-field">
                    <label for="workspace-name">"Name"</label>
                    <input id="workspace-name" node_ref=first_field on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError message=field_message(create.value(), "name")/>
                </div>
                <div class="form-field">
                    <label for="workspace-description">"Description"</label>
                    <textarea
                        id="workspace-description"
                        rows="2"
                        on:input=move |ev| description.set(event_target_value(&ev))
                    ></textarea>
                    <FieldError message=field_message(create.value(), "description")/>
                </div>
                <fieldset class="form-field">
                    <legend>"Teams"</legend>
                    <p class="field-hint">"Only users whose primary team is chosen see this workspace."</p>
                    <div class="check-list">{checks}</div>
                    <FieldError message=field_message(create.value(), "teams")/>
                </fieldset>
                <FieldError message=field_message(create.value(), "workspaces")/>
                {move || general_message(error()).map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button primary">"Create workspace"</button>
                </div>
            </form>
        </Dialog>
    }
}

#[component]
fn DeleteWorkspaceDialog(
    id: i64,
    name: String,
    delete: ServerAction<DeleteWorkspace>,
    deleting: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let understood = RwSignal::new(false);
    let checkbox = focused_on_open();
    let error = move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    let close = Callback::new(move |()| {
        delete.value().set(None);
        deleting.set(None);
    });
    view! {
        <Dialog title=format!("Delete {name}?") title_id="delete-workspace-title" on_close=close>
            <p>"Its teams go back to the main workspace, and its settings are removed."</p>
            <label class="check">
                <input
                    type="checkbox"
                    node_ref=checkbox
                    on:change=move |ev| understood.set(event_target_checked(&ev))
                />
                "I understand that deleting this workspace cannot be undone"
            </label>
            {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button danger-solid"
                    disabled=move || !understood.get() || delete.pending().get()
                    on:click=move |_| { delete.dispatch(DeleteWorkspace { workspace_id: id }); }
                >
                    "Delete"
                </button>
            </div>
        </Dialog>
    }
}
