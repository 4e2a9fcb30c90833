//! The list of score profiles.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{HealthSettingsFrame, create_profile_dialog::CreateProfileDialog};
use crate::{
    components::viewer_zone::use_viewer_zone,
    functions::{binary_answer::load, list_health_profiles},
    models::{
        health_score::{MAX_DRAFT_PROFILES, MAX_LIVE_PROFILES},
        health_score_view::HealthProfileList,
    },
};

#[component]
pub fn HealthProfileListPage() -> impl IntoView {
    let list = load(|| (), |_| list_health_profiles());
    view! {
        <HealthSettingsFrame
            title="Health scores · Settings"
            loaded=list
            content=|list| view! { <ProfileTable list/> }
        />
    }
}

#[component]
fn ProfileTable(list: HealthProfileList) -> impl IntoView {
    let creating = RwSignal::new(false);
    let zone = use_viewer_zone();
    let HealthProfileList {
        profiles,
        object_label,
        segment_choices,
    } = list;
    let empty = profiles.is_empty();
    let rows = profiles
        .into_iter()
        .map(|p| {
            let status = if p.live {
                view! { <span class="status-live">"Live"</span> }.into_any()
            } else {
                view! { <span class="status-draft">"Draft"</span> }.into_any()
            };
            view! {
                <tr>
                    <td>
                        <A href=format!("/settings/health-scores/{}", p.id)>{p.name.clone()}</A>
                        {(!p.description.is_empty()).then(|| view! { <p class="field-hint">{p.description.clone()}</p> })}
                    </td>
                    <td>{status}{p.has_draft.then(|| view! { <span class="badge">"Unpublished changes"</span> })}</td>
                    <td>{p.object_label.clone()}</td>
                    <td>{if p.live { p.scored.to_string() } else { "—".into() }}</td>
                    <td>{zone.format(p.updated_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="panel">
            <div class="form-actions">
                <p class="field-hint">
                    {format!("Scores of {object_label} from criteria groups worth 100 points. At most {MAX_LIVE_PROFILES} live and {MAX_DRAFT_PROFILES} draft scores.")}
                </p>
                <button type="button" class="button primary" on:click=move |_| creating.set(true)>
                    "Create health score"
                </button>
            </div>
            {if empty {
                view! { <p class="empty-note">"No health scores yet. Create one from the predefined groups to start."</p> }.into_any()
            } else {
                view! {
                    <table class="profile-list">
                        <thead><tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Object"</th>
                            <th scope="col">"Records scored"</th>
                            <th scope="col">"Last updated"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </div>
        <Show when=move || creating.get()>
            <CreateProfileDialog segments=segment_choices.clone() on_close=Callback::new(move |()| creating.set(false))/>
        </Show>
    }
}
