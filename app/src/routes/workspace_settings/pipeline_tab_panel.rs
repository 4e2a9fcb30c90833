//! Services and Revenue: whether the tab is shown, the CSM and renewal (or end) date property of
//! each of the tab's objects, the pipelines shown, the default pipeline and the default layout,
//! and each pipeline's rules.

use leptos::prelude::*;

use crate::components::set_chosen;

use super::{pipeline_rules::PipelineRulesFieldset, property_select::PropertySelect};
use crate::{
    components::{
        SaveBar, SettingsDraft,
        field_error::{FieldError, field_message},
    },
    functions::SavePipelineTabSettings,
    models::workspace::{Layout, ObjectPropertyChoice, PipelineTab, PipelineTabSettings},
};

#[derive(Clone, Debug, PartialEq)]
struct Draft {
    shown: bool,
    properties: Vec<ObjectPropertyChoice>,
    pipeline_ids: Vec<i64>,
    default_pipeline_id: Option<i64>,
    default_layout: Layout,
}

impl Draft {
    fn of(settings: &PipelineTabSettings) -> Draft {
        Draft {
            shown: settings.shown,
            properties: settings
                .objects
                .iter()
                .map(|o| ObjectPropertyChoice {
                    object_type_id: o.object.id,
                    csm_property_id: o.csm_property_id,
                    date_property_id: o.date_property_id,
                })
                .collect(),
            pipeline_ids: settings.shown_pipeline_ids.clone(),
            default_pipeline_id: settings.default_pipeline_id,
            default_layout: settings.default_layout,
        }
    }

    fn property(&mut self, object_type_id: i64) -> Option<&mut ObjectPropertyChoice> {
        self.properties
            .iter_mut()
            .find(|p| p.object_type_id == object_type_id)
    }
}

#[component]
pub fn PipelineTabPanel(
    workspace_id: i64,
    tab: PipelineTab,
    settings: PipelineTabSettings,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let save = ServerAction::<SavePipelineTabSettings>::new();
    let form = SettingsDraft::new(Draft::of(&settings), save.value());
    let draft = form.current;
    Effect::new(move |_| dirty.set(form.dirty().get()));
    let prefix = tab.as_str();
    let date_label = match tab {
        PipelineTab::Services => "Renewal date property",
        PipelineTab::Revenue => "Renewal or end date property",
    };
    let several = settings.objects.len() > 1;
    let property_fields = settings
        .objects
        .iter()
        .map(|object| {
            let object_id = object.object.id;
            let suffix = if several {
                format!(" ({})", object.object.label)
            } else {
                String::new()
            };
            view! {
                <div class="form-field">
                    <PropertySelect
                        id=format!("{prefix}-csm-{object_id}")
                        label=format!("CSM property{suffix}")
                        choices=object.user_properties.clone()
                        none_label=Some("No CSM property")
                        value=Signal::derive(move || draft.with(|d| d.properties.iter().find(|p| p.object_type_id == object_id).and_then(|p| p.csm_property_id)))
                        on_change=Callback::new(move |id| draft.update(|d| if let Some(p) = d.property(object_id) { p.csm_property_id = id }))
                    />
                </div>
                <div class="form-field">
                    <PropertySelect
                        id=format!("{prefix}-date-{object_id}")
                        label=format!("{date_label}{suffix}")
                        choices=object.date_properties.clone()
                        none_label=Some("No date")
                        value=Signal::derive(move || draft.with(|d| d.properties.iter().find(|p| p.object_type_id == object_id).and_then(|p| p.date_property_id)))
                        on_change=Callback::new(move |id| draft.update(|d| if let Some(p) = d.property(object_id) { p.date_property_id = id }))
                    />
                </div>
            }
        })
        .collect_view();
    let pipelines = StoredValue::new(settings.pipelines.clone());
    let pipeline_checks = settings
        .pipelines
        .iter()
        .map(|pipeline| {
            let id = pipeline.id;
            let label = if several {
                format!("{} ({})", pipeline.name, pipeline.object_label)
            } else {
                pipeline.name.clone()
            };
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.pipeline_ids.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| {
                                set_chosen(&mut d.pipeline_ids, id, on);
                                // Listed order, so ticking a box twice changes nothing.
                                pipelines.with_value(|all| {
                                    d.pipeline_ids.sort_by_key(|p| all.iter().position(|q| q.id == *p));
                                });
                                if !d.default_pipeline_id.is_some_and(|p| d.pipeline_ids.contains(&p)) {
                                    d.default_pipeline_id = d.pipeline_ids.first().copied();
                                }
                            });
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    let default_options = move || {
        let chosen = draft.with(|d| d.pipeline_ids.clone());
        pipelines.with_value(|all| {
            all.iter()
                .filter(|p| chosen.contains(&p.id))
                .map(|p| {
                    let id = p.id;
                    view! {
                        <option value=id selected=move || draft.with(|d| d.default_pipeline_id == Some(id))>
                            {p.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let rules = settings
        .pipelines
        .iter()
        .map(|pipeline| view! { <PipelineRulesFieldset pipeline=pipeline.clone() several_objects=several/> })
        .collect_view();
    let configured = !settings.objects.is_empty();
    let details = if configured {
        view! {
            {property_fields}
            <fieldset class="form-field">
                <legend>"Pipelines"</legend>
                <div class="check-list">{pipeline_checks}</div>
                <FieldError message=field_message(save.value(), "pipelines")/>
            </fieldset>
            <div class="form-field">
                <label for=format!("{prefix}-default-pipeline")>"Default pipeline"</label>
                <select
                    id=format!("{prefix}-default-pipeline")
                    on:change=move |ev| {
                        let id = event_target_value(&ev).parse().ok();
                        draft.update(|d| d.default_pipeline_id = id);
                    }
                >
                    {default_options}
                </select>
                <FieldError message=field_message(save.value(), "default_pipeline")/>
            </div>
            <section class="form-field" aria-labelledby=format!("{prefix}-rules-heading")>
                <h3 id=format!("{prefix}-rules-heading")>"Pipeline rules"</h3>
                <p class="hint">"Rules apply in every workspace and save as you change them. Super admins are not held to them."</p>
                {rules}
            </section>
        }
        .into_any()
    } else {
        view! {
            <p class="notice">
                {format!(
                    "No object is set to represent {}. Choose one on the Objects settings page; until then the tab stays empty.",
                    tab.label().to_lowercase()
                )}
            </p>
        }
        .into_any()
    };
    let layout_options = Layout::ALL
        .iter()
        .map(|layout| {
            let layout = *layout;
            view! {
                <option value=layout.as_str() selected=move || draft.with(|d| d.default_layout == layout)>
                    {layout.label()}
                </option>
            }
        })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = form.take_for_save();
        save.dispatch(SavePipelineTabSettings {
            workspace_id,
            tab,
            shown: values.shown,
            properties: values.properties,
            pipeline_ids: values.pipeline_ids,
            default_pipeline_id: values.default_pipeline_id,
            default_layout: values.default_layout,
        });
    };
    view! {
        <form class="panel settings-form" on:submit=on_submit>
            <label class="switch">
                <input
                    type="checkbox"
                    role="switch"
                    prop:checked=move || draft.with(|d| d.shown)
                    on:change=move |ev| draft.update(|d| d.shown = event_target_checked(&ev))
                />
                {format!("Show {} tab", tab.label())}
            </label>
            {details}
            <div class="form-field">
                <label for=format!("{prefix}-default-layout")>"Default layout"</label>
                <select
                    id=format!("{prefix}-default-layout")
                    on:change=move |ev| {
                        if let Some(layout) = Layout::parse(&event_target_value(&ev)) {
                            draft.update(|d| d.default_layout = layout);
                        }
                    }
                >
                    {layout_options}
                </select>
            </div>
            <FieldError message=Signal::derive(move || {
                field_message(save.value(), "csm_property")
                    .get()
                    .or_else(|| field_message(save.value(), "date_property").get())
            })/>
            <SaveBar outcome=save.value() saving=save.pending() dirty=form.dirty()/>
        </form>
    }
}
