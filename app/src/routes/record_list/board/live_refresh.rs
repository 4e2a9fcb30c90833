//! Keeping an open board current (SPEC §6): when a record of the board's object is created,
//! edited or moved — by anyone, through any server instance — the board reads its columns
//! again: counts, totals and first cards. A change arriving while a card is in hand (dragged,
//! lifted, in a dialog, being saved) waits until it is put down, so nothing moves under the
//! pointer.

use leptos::{prelude::*, task::spawn_local};

use super::state::BoardState;
use crate::{components::use_live_events, functions::load_record_list, models::view::ListPage};

impl BoardState {
    /// Whether a card is in hand or a move is unanswered (tracked, for effects).
    fn is_busy(&self) -> bool {
        self.drag.with(Option::is_some)
            || self.lift.with(Option::is_some)
            || self.pending.with(Option::is_some)
            || self.choosing_stage.with(Option::is_some)
            || self.saving.with(|s| !s.is_empty())
    }

    /// Reads the board again and puts each column's count, total and first page of cards in
    /// place; cards that stay keep their elements (and focus). A column scrolled further shows
    /// its first page again and loads the rest as it scrolls.
    fn refresh(&self, stale: RwSignal<bool>, refreshing: RwSignal<bool>) {
        let (tab, query) = (self.tab, self.query.get_value());
        let board = *self;
        refreshing.set(true);
        spawn_local(async move {
            let outcome = load_record_list(tab, query).await;
            // Gone with the board, or done: the next change may refresh again.
            if refreshing.try_set(false).is_some() {
                return;
            }
            let Ok(ListPage::Ready(list)) = outcome else {
                return;
            };
            let Some(fresh) = list.board else {
                return;
            };
            // A card picked up while the board was read: again once it is put down.
            if board.is_busy_untracked() {
                stale.set(true);
                return;
            }
            for column in fresh.columns {
                let Some(state) = board
                    .columns
                    .with_value(|c| c.iter().find(|s| s.stage_id == column.stage_id).copied())
                else {
                    continue;
                };
                state.count.set(column.count);
                state.total.set(column.total_cents);
                state.has_more.set(column.first.has_more);
                state
                    .cursor
                    .set(column.first.cards.last().map(|card| card.id));
                state.cards.set(column.first.cards);
            }
        });
    }

    fn is_busy_untracked(&self) -> bool {
        untrack(|| self.is_busy())
    }
}

/// Refreshes `state` when records of `object_type_id` change: one read at a time (changes
/// arriving meanwhile make one more), so answers never land out of order.
pub(super) fn follow_live_changes(state: BoardState, object_type_id: i64) {
    let stale = RwSignal::new(false);
    let refreshing = RwSignal::new(false);
    use_live_events(move |event| {
        if event.touches_object(object_type_id) {
            stale.set(true);
        }
    });
    Effect::new(move |_| {
        if stale.get() && !refreshing.get() && !state.is_busy() {
            stale.set(false);
            state.refresh(stale, refreshing);
        }
    });
}
