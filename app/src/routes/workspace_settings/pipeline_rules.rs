//! The rules of each pipeline of a Services or Revenue tab: block skipping stages, block moving
//! backward. A box saves as soon as it is ticked or cleared (pipelines are shared by every
//! workspace, so they are not part of the tab's draft); a failure puts the box back.

use leptos::prelude::*;

use crate::{
    functions::SavePipelineRules,
    models::{pipeline::PipelineRules, workspace::PipelineChoice},
};

#[component]
pub fn PipelineRulesFieldset(pipeline: PipelineChoice, several_objects: bool) -> impl IntoView {
    let save = ServerAction::<SavePipelineRules>::new();
    let rules = RwSignal::new(pipeline.rules);
    let saved = RwSignal::new(pipeline.rules);
    let id = pipeline.id;
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => saved.set(rules.get_untracked()),
        Some(Err(_)) => rules.set(saved.get_untracked()),
        None => {}
    });
    let name = if several_objects {
        format!("{} ({})", pipeline.name, pipeline.object_label)
    } else {
        pipeline.name.clone()
    };
    let toggle = move |change: fn(&mut PipelineRules, bool)| {
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            rules.update(|r| change(r, on));
            save.dispatch(SavePipelineRules {
                pipeline_id: id,
                rules: rules.get_untracked(),
            });
        }
    };
    let status = move || match save.value().get() {
        _ if save.pending().get() => Some(("Saving…".to_string(), false)),
        Some(Ok(())) => Some(("Rules saved".to_string(), false)),
        Some(Err(error)) => Some((error.to_string(), true)),
        None => None,
    };
    view! {
        <fieldset class="rules-fieldset">
            <legend>{format!("Rules of {name}")}</legend>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || rules.get().block_skipping
                    on:change=toggle(|r, on| r.block_skipping = on)
                />
                "Block skipping stages"
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || rules.get().block_backward
                    on:change=toggle(|r, on| r.block_backward = on)
                />
                "Block moving backward"
            </label>
            {move || status().map(|(text, failed)| {
                view! { <span class="rules-status" class:field-error=failed role="status">{text}</span> }
            })}
        </fieldset>
    }
}
