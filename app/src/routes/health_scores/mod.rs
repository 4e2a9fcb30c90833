//! Settings → Health scores: the list of score profiles (Live or Draft) with **Create health
//! score**, and the editor of one profile.

mod create_profile_dialog;
mod criterion_draft;
mod criterion_editor;
mod editor_page;
mod group_editor;
mod problems;
mod profile_list_page;

pub use editor_page::HealthProfileEditorPage;
pub use profile_list_page::HealthProfileListPage;

use crate::functions::binary_answer::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{ErrorBanner, RequireAccess},
    error::AppError,
    models::Requirement,
    routes::settings_nav::SettingsNav,
};

/// What both pages share: the title, the settings permission, the heading with the settings
/// links, and `loaded` shown through `content` once it arrives (or its error).
#[component]
fn HealthSettingsFrame<T, V>(
    #[prop(into)] title: String,
    loaded: Loaded<Result<T, AppError>>,
    content: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static + serde::Serialize + serde::de::DeserializeOwned,
    V: IntoView + 'static,
{
    view! {
        <Title text=title/>
        <RequireAccess requirement=Requirement::ManageSettings>
            <section class="tab-page" aria-labelledby="health-heading">
                <header class="tab-header">
                    <h1 id="health-heading">"Health scores"</h1>
                    <SettingsNav/>
                </header>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || loaded.get().map(|result| match result {
                        Ok(value) => content(value).into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}
