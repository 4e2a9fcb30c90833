//! One report: its title, what it measures, the chart, and (for its owner) Edit, Remove, and
//! Move up / Move down.

use leptos::{prelude::*, task::spawn_local};

use super::reports_section::Editing;
use crate::{
    components::charts::Chart,
    functions::{delete_report, move_report},
    models::report::Report,
};

#[component]
pub(super) fn ReportCard(
    report: Report,
    index: usize,
    count: usize,
    read_only: bool,
    editing: RwSignal<Option<Editing>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = report.id;
    let title = report.spec.title.clone();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let run = move |action: &'static str, earlier: Option<bool>| {
        busy.set(true);
        spawn_local(async move {
            let result = match earlier {
                Some(earlier) => move_report(id, earlier).await,
                None => delete_report(id).await,
            };
            busy.try_set(false);
            match result {
                Ok(()) => {
                    reload.try_update(|n| *n += 1);
                }
                Err(error) => {
                    failure.try_set(Some(format!("Could not {action} the report: {error}")));
                }
            }
        });
    };
    let chart = match report.problem.clone() {
        Some(problem) => view! {
            <p class="field-error">{format!("This report cannot be drawn: {problem}. Edit it or remove it.")}</p>
        }
        .into_any(),
        None => view! {
            <Chart
                kind=report.spec.chart
                points=report.points.clone()
                format=report.format
                total=report.total
                label=title.clone()
                group_heading=report.group_label.clone()
                value_heading=report.measure_label.clone()
            />
        }
        .into_any(),
    };
    let edited = report.clone();
    let actions = (!read_only).then(|| {
        view! {
            <div class="report-actions" role="group" aria-label=format!("Actions of {title}")>
                <button type="button" class="button subtle small" aria-label=format!("Edit {title}") on:click=move |_| editing.set(Some(Editing::Existing(Box::new(edited.clone()))))>"Edit"</button>
                <button type="button" class="button subtle small" aria-label=format!("Move {title} up") disabled=move || { busy.get() || index == 0 } on:click=move |_| run("move", Some(true))>"↑"</button>
                <button type="button" class="button subtle small" aria-label=format!("Move {title} down") disabled=move || { busy.get() || index + 1 >= count } on:click=move |_| run("move", Some(false))>"↓"</button>
                <button type="button" class="button subtle small danger" aria-label=format!("Remove {title}") disabled=move || busy.get() on:click=move |_| run("remove", None)>"Remove"</button>
            </div>
        }
    });
    view! {
        <article class="report-card" aria-label=title.clone()>
            <header>
                <h3>{title.clone()}</h3>
                {actions}
            </header>
            <p class="muted report-description">{report.description.clone()}</p>
            {chart}
            {report.as_of.clone().map(|note| view! { <p class="muted report-as-of">{note}</p> })}
            {move || failure.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </article>
    }
}
