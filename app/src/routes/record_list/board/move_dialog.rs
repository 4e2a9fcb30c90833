//! "Move to stage": the stages of the pipeline as radio buttons, the card's own checked. The
//! move then goes like a drop.

use leptos::prelude::*;

use super::{
    keyboard::refocus,
    state::{BoardState, Spot},
};
use crate::components::Dialog;

#[component]
pub(super) fn MoveToStageDialog(state: BoardState, card_id: i64) -> impl IntoView {
    let current = state.find(card_id).map_or(0, |(spot, _)| spot.column);
    let chosen = RwSignal::new(current);
    let close = Callback::new(move |()| {
        state.choosing_stage.set(None);
        refocus(card_id);
    });
    let name = state.card_name(card_id);
    let options = (0..state.column_count())
        .map(|column| {
            let stage = state.stage_name(column);
            view! {
                <label class="check">
                    <input
                        type="radio"
                        name="move-to-stage"
                        value=column
                        checked=column == current
                        on:change=move |_| chosen.set(column)
                    />
                    {stage}
                </label>
            }
        })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.choosing_stage.set(None);
        refocus(card_id);
        let column = chosen.get_untracked();
        if column == current || !state.can_pick_up(card_id) {
            return;
        }
        if let Some(origin) = state.relocate(card_id, Spot { column, index: 0 }) {
            let moved = state.card_name(card_id);
            state.announce(format!(
                "Moved {moved} to {}",
                state.describe_spot(Spot { column, index: 0 })
            ));
            state.commit(card_id, origin, vec![]);
        }
    };
    view! {
        <Dialog title="Move to stage" title_id="move-to-stage-title" on_close=close>
            <form class="dialog-form" on:submit=on_submit>
                <fieldset class="form-field">
                    <legend>{format!("Stage of {name}")}</legend>
                    <div class="check-list">{options}</div>
                </fieldset>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary">"Move"</button>
                </div>
            </form>
        </Dialog>
    }
}
