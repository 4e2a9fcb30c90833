//! The Summary's dialogs — Add report / Edit report, and a schedule item's summary — are drawn
//! by code that arrives with the `pages` group (a record's page, the Schedule, the Feed: where
//! a CSM goes from the Summary; the Schedule's item summary is already there), fetched when
//! one is first opened, not with the Summary's own: the Summary, where logging in lands, shows
//! without them. Code that cannot be fetched shows why where the dialog would be; opening the
//! dialog again tries again.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::{report_dialog::ReportDialog, reports_section::Editing};
use crate::{
    components::loaded_or_unavailable,
    models::{report::ReportObject, schedule::ScheduleItem},
    routes::schedule::{ItemSummary, ScheduleUi},
};

/// A dialog of the Summary, with what it is drawn from.
pub(super) enum SummaryDialog {
    Report {
        mode: Editing,
        objects: Vec<ReportObject>,
        editing: RwSignal<Option<Editing>>,
        reload: RwSignal<u32>,
    },
    ScheduleItem {
        item: ScheduleItem,
        ui: ScheduleUi,
    },
}

/// Draws `dialog` once its code is here (at once when it is).
pub(super) async fn summary_dialog(dialog: SummaryDialog) -> AnyView {
    loaded_or_unavailable(draw_summary_dialog(dialog).await)
}

#[wasm_split_helpers::wasm_split(pages, fallible)]
fn draw_summary_dialog(dialog: SummaryDialog) -> Result<AnyView, SplitLoaderError> {
    let view = match dialog {
        SummaryDialog::Report {
            mode,
            objects,
            editing,
            reload,
        } => view! { <ReportDialog mode objects editing reload/> }.into_any(),
        SummaryDialog::ScheduleItem { item, ui } => view! { <ItemSummary item ui/> }.into_any(),
    };
    Ok(view)
}
