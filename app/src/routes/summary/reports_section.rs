//! Reporting: the user's reports (at most five) in their order, **+ Add report**, and each
//! report's Edit, Remove and move actions (the report dialog loads when first opened).

use leptos::prelude::*;

use super::{
    lazy_dialogs::{SummaryDialog, summary_dialog},
    report_card::ReportCard,
};
use crate::models::report::{MAX_REPORTS_PER_USER, Report, ReportObject};

/// What the report dialog is doing: adding, or editing this report.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Editing {
    New,
    Existing(Box<Report>),
}

#[component]
pub(super) fn ReportsSection(
    reports: Vec<Report>,
    objects: Vec<ReportObject>,
    read_only: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let editing = RwSignal::new(None::<Editing>);
    let objects = StoredValue::new(objects);
    let full = reports.len() >= MAX_REPORTS_PER_USER;
    let count = reports.len();
    let cards = if reports.is_empty() {
        view! {
            <div class="empty-state">
                <p class="empty-title">"No reports yet"</p>
                <p>"Add a report to chart any object: count its records or add up an amount, by a property or over time."</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="report-grid">
                {reports
                    .into_iter()
                    .enumerate()
                    .map(|(index, report)| view! { <ReportCard report index count read_only editing reload/> })
                    .collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="summary-reports" aria-labelledby="reports-heading">
            <header class="section-header">
                <h2 id="reports-heading">"Reporting"</h2>
                {(!read_only).then(|| view! {
                    <button
                        type="button"
                        class="button primary"
                        aria-label="Add report"
                        aria-describedby=full.then_some("reports-full")
                        disabled=full
                        on:click=move |_| editing.set(Some(Editing::New))
                    >
                        "+ Add report"
                    </button>
                })}
            </header>
            {(full && !read_only).then(|| view! {
                <p id="reports-full" class="hint">{format!("The Summary holds {MAX_REPORTS_PER_USER} reports: remove one to add another.")}</p>
            })}
            {cards}
            {move || editing.get().map(|mode| {
                let objects = objects.get_value();
                Suspend::new(summary_dialog(SummaryDialog::Report { mode, objects, editing, reload }))
            })}
        </section>
    }
}
