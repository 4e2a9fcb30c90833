//! Keeping an open table current (SPEC §6): when a record of the listed object changes — by
//! anyone, through any server instance — the page is read again in the background, and only a
//! page that differs from the one shown replaces it. The tab's own changes, which reload the list
//! already, then redraw nothing under the pointer. Reading waits while a dialog or the filter
//! editor is open, so nothing being typed there is lost, and while a row's completion saves. (A board keeps itself current; see
//! `board/live_refresh.rs`.)

use leptos::{prelude::*, task::spawn_local};

use super::ListUi;
use crate::{
    components::use_live_events,
    error::AppError,
    functions::{binary_answer::Loaded, load_record_list},
    models::view::{ListPage, ListTab},
};

pub(super) fn follow_live_changes(
    tab: ListTab,
    list: Loaded<Result<ListPage, AppError>>,
    query: Memo<String>,
    ui: ListUi,
) {
    let stale = RwSignal::new(false);
    let reading = RwSignal::new(false);
    use_live_events(move |event| {
        let shown = list.with_untracked(|l| match l {
            Some(Ok(ListPage::Ready(list))) if list.board.is_none() => Some(list.object_type_id),
            _ => None,
        });
        if shown.is_some_and(|object| event.touches_object(object)) {
            stale.set(true);
        }
    });
    Effect::new(move |_| {
        let editing = ui.filters_open.get()
            || ui.creating_view.get()
            || ui.editing_columns.get()
            || ui.creating_task.get()
            || ui.completing.with(|c| !c.is_empty());
        if !stale.get() || reading.get() || editing {
            return;
        }
        stale.set(false);
        reading.set(true);
        let asked = query.get_untracked();
        let reloads = ui.reload.get_untracked();
        spawn_local(async move {
            let fresh = load_record_list(tab, asked.clone()).await;
            if reading.try_set(false).is_some() {
                return;
            }
            if ui.completing.with_untracked(|c| !c.is_empty()) {
                // A row's save began while reading; its own reload follows it.
                stale.set(true);
                return;
            }
            // The tab listing again meanwhile (its own change) already shows the change.
            let differs = query.get_untracked() == asked
                && ui.reload.get_untracked() == reloads
                && list.with_untracked(|shown| shown.as_ref() != Some(&fresh));
            if differs {
                ui.reload.update(|n| *n += 1);
            }
        });
    });
}
