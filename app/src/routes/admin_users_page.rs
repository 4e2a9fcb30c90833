//! Admin → Users: create accounts, edit name and email inline, activate or deactivate, reset
//! passwords, set teams and the primary team, grant or revoke permissions.

use leptos::{html, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    components::{
        ErrorBanner, RequireAccess,
        field_error::{FieldError, general_message, message_for},
        set_chosen,
    },
    functions::{
        CreateUser, ResetPassword, SetUserActive, SetUserPermission, SetUserTeams, UpdateUser,
        binary_answer::load, list_teams, list_users,
    },
    models::{Permission, Requirement, TeamSummary, UserSummary},
    routes::admin_nav::AdminNav,
};

/// Bumped after a successful change so the list reloads with the server's truth.
#[derive(Clone, Copy)]
struct Reload(RwSignal<u32>);

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let reload = RwSignal::new(0u32);
    provide_context(Reload(reload));
    let users = load(
        move || (create.version().get(), reload.get()),
        |_| list_users(),
    );
    let teams = load(|| (), |_| list_teams());
    let create_error = move |field: &'static str| {
        Signal::derive(move || message_for(create.value().get().and_then(Result::err), field))
    };
    let (name, email, password) = (
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
        NodeRef::<html::Input>::new(),
    );
    view! {
        <Title text="Users"/>
        <RequireAccess requirement=Requirement::SuperAdmin>
            <section class="tab-page" aria-labelledby="users-heading">
            <header class="tab-header">
                <h1 id="users-heading">"Users"</h1>
                <AdminNav/>
            </header>
            <section class="panel" aria-labelledby="create-user-heading">
                <h2 id="create-user-heading">"Create user"</h2>
                // Posted as is without scripts; with them, sent from the fields (see the login
                // page for why not `ActionForm`).
                <form class="inline-form" method="post" action=CreateUser::url() on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let (Some(name), Some(email), Some(password)) =
                        (name.get_untracked(), email.get_untracked(), password.get_untracked())
                    else {
                        return;
                    };
                    create.dispatch(CreateUser {
                        name: name.value(),
                        email: email.value(),
                        password: password.value(),
                    });
                }>
                    <div class="form-field">
                        <label for="new-user-name">"Name"</label>
                        <input id="new-user-name" name="name" required node_ref=name/>
                        <FieldError message=create_error("name")/>
                    </div>
                    <div class="form-field">
                        <label for="new-user-email">"Email"</label>
                        <input id="new-user-email" name="email" type="email" required node_ref=email/>
                        <FieldError message=create_error("email")/>
                    </div>
                    <div class="form-field">
                        <label for="new-user-password">"Initial password"</label>
                        <input id="new-user-password" name="password" type="password" required node_ref=password/>
                        <FieldError message=create_error("password")/>
                    </div>
                    <button type="submit" class="button primary">"Create user"</button>
                </form>
                {move || {
                    general_message(create.value().get().and_then(Result::err))
                        .map(|text| view! { <p class="field-error" role="alert">{text}</p> })
                }}
            </section>
            <Transition fallback=|| view! { <p class="loading">"Loading users…"</p> }>
                {move || match (users.get(), teams.get()) {
                    (Some(Ok(users)), Some(Ok(teams))) => view! { <UsersTable users teams/> }.into_any(),
                    (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <ErrorBanner error/> }.into_any(),
                    _ => ().into_any(),
                }}
            </Transition>
        </section>
        </RequireAccess>
    }
}

#[component]
fn UsersTable(users: Vec<UserSummary>, teams: Vec<TeamSummary>) -> impl IntoView {
    let rows = users
        .into_iter()
        .map(|user| view! { <UserRow user teams=teams.clone()/> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table admin-table">
                <caption class="visually-hidden">"Users"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Permissions"</th>
                        <th scope="col">"Teams"</th>
                        <th scope="col">"Password"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Reloads the list once `action` has succeeded.
fn reload_after<A>(action: ServerAction<A>)
where
    A: leptos::server_fn::ServerFn<Output = ()> + Clone + Send + Sync + 'static,
    A::Error: Clone + Send + Sync + 'static,
{
    let Reload(reload) = expect_context();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            reload.update(|n| *n += 1);
        }
    });
}

#[component]
fn UserRow(user: UserSummary, teams: Vec<TeamSummary>) -> impl IntoView {
    let user_id = user.id;
    let update = ServerAction::<UpdateUser>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let set_permission = ServerAction::<SetUserPermission>::new();
    let set_teams = ServerAction::<SetUserTeams>::new();
    let reset = ServerAction::<ResetPassword>::new();
    reload_after(update);
    reload_after(set_active);
    reload_after(set_permission);
    reload_after(set_teams);

    let name = RwSignal::new(user.name.clone());
    let email = RwSignal::new(user.email.clone());
    let save = move || {
        update.dispatch(UpdateUser {
            user_id,
            name: name.get_untracked(),
            email: email.get_untracked(),
        });
    };
    let update_error = move |field: &'static str| {
        Signal::derive(move || message_for(update.value().get().and_then(Result::err), field))
    };
    let row_error = move || {
        [
            general_message(update.value().get().and_then(Result::err)),
            set_active
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| e.to_string()),
            set_permission
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| e.to_string()),
            set_teams
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| e.to_string()),
        ]
        .into_iter()
        .flatten()
        .next()
    };

    let permissions = Permission::ALL
        .iter()
        .map(|permission| {
            let permission = *permission;
            let checked = user.permissions.contains(&permission);
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=checked
                        on:change=move |ev| {
                            set_permission.dispatch(SetUserPermission {
                                user_id,
                                permission,
                                granted: event_target_checked(&ev),
                            });
                        }
                    />
                    {permission.label()}
                </label>
            }
        })
        .collect_view();

    let members = RwSignal::new(user.team_ids.clone());
    let primary = RwSignal::new(user.primary_team_id);
    let save_teams = move || {
        set_teams.dispatch(SetUserTeams {
            user_id,
            team_ids: members.get_untracked(),
            primary_team_id: primary.get_untracked(),
        });
    };
    let team_boxes = teams
        .iter()
        .map(|team| {
            let team_id = team.id;
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || members.get().contains(&team_id)
                        on:change=move |ev| {
                            let member = event_target_checked(&ev);
                            members.update(|ids| set_chosen(ids, team_id, member));
                            if !member && primary.get_untracked() == Some(team_id) {
                                primary.set(None);
                            }
                            save_teams();
                        }
                    />
                    {team.name.clone()}
                </label>
            }
        })
        .collect_view();
    let primary_options = teams
        .iter()
        .map(|team| {
            let selected = user.primary_team_id == Some(team.id);
            view! { <option value=team.id.to_string() selected=selected>{team.name.clone()}</option> }
        })
        .collect_view();

    let new_password = RwSignal::new(String::new());
    let reset_error = Signal::derive(move || {
        reset
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    });
    let reset_done = move || matches!(reset.value().get(), Some(Ok(())));

    view! {
        <tr data-user-email=user.email.clone() class:inactive=!user.active>
            <td>
                <input
                    class="cell-input"
                    aria-label="Name"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:change=move |_| save()
                />
                <FieldError message=update_error("name")/>
            </td>
            <td>
                <input
                    class="cell-input"
                    type="email"
                    aria-label="Email"
                    prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))
                    on:change=move |_| save()
                />
                <FieldError message=update_error("email")/>
            </td>
            <td>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=user.active
                        on:change=move |ev| {
                            set_active.dispatch(SetUserActive { user_id, active: event_target_checked(&ev) });
                        }
                    />
                    "Active"
                </label>
            </td>
            <td><div class="check-list">{permissions}</div></td>
            <td>
                <div class="check-list">{team_boxes}</div>
                <label class="select-label">
                    "Primary team"
                    <select on:change=move |ev| {
                        let chosen = event_target_value(&ev).parse::<i64>().ok();
                        if let Some(team_id) = chosen {
                            members.update(|ids| if !ids.contains(&team_id) { ids.push(team_id) });
                        }
                        primary.set(chosen);
                        save_teams();
                    }>
                        <option value="" selected=user.primary_team_id.is_none()>"No primary team"</option>
                        {primary_options}
                    </select>
                </label>
                {move || row_error().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            </td>
            <td>
                <div class="reset-password">
                    <input
                        class="cell-input"
                        type="password"
                        aria-label="New password"
                        placeholder="New password"
                        autocomplete="new-password"
                        prop:value=new_password
                        on:input=move |ev| new_password.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            reset.dispatch(ResetPassword { user_id, password: new_password.get_untracked() });
                        }
                    >
                        "Reset password"
                    </button>
                    <FieldError message=reset_error/>
                    {move || reset_done().then(|| view! { <p class="field-ok" role="status">"Password changed"</p> })}
                </div>
            </td>
        </tr>
    }
}
