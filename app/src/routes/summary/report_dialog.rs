//! The report form (**Add report** / Edit): a title, one object, a measure (count, or the sum or
//! average of a number or amount), a chart, and what to group by — a property, the stage, or a
//! date by day, week or month. The server checks it all again; its field errors show at the field.

use leptos::{prelude::*, task::spawn_local};

use super::reports_section::Editing;
use crate::{
    components::{
        Dialog,
        field_error::{FieldError, general_message, message_for},
    },
    error::AppError,
    functions::{create_report, update_report},
    models::report::{ChartKind, ReportField, ReportMeasure, ReportObject, ReportSpec, TimeUnit},
};

/// The report's spec as the form holds it now.
#[derive(Clone, Copy)]
struct ReportForm {
    title: RwSignal<String>,
    object: RwSignal<i64>,
    measure: RwSignal<ReportMeasure>,
    measure_property: RwSignal<String>,
    chart: RwSignal<ChartKind>,
    group_by: RwSignal<String>,
    time_unit: RwSignal<TimeUnit>,
}

impl ReportForm {
    fn new(mode: &Editing, objects: &[ReportObject]) -> ReportForm {
        let spec = match mode {
            Editing::Existing(report) => report.spec.clone(),
            Editing::New => {
                let first = objects.first();
                ReportSpec {
                    title: String::new(),
                    object_type_id: first.map_or(0, |o| o.id),
                    measure: ReportMeasure::Count,
                    measure_property: None,
                    group_by: first
                        .and_then(|o| o.groupable.first())
                        .map(|f| f.name.clone()),
                    time_unit: None,
                    chart: ChartKind::Bar,
                }
            }
        };
        ReportForm {
            title: RwSignal::new(spec.title),
            object: RwSignal::new(spec.object_type_id),
            measure: RwSignal::new(spec.measure),
            measure_property: RwSignal::new(spec.measure_property.unwrap_or_default()),
            chart: RwSignal::new(spec.chart),
            group_by: RwSignal::new(spec.group_by.unwrap_or_default()),
            time_unit: RwSignal::new(spec.time_unit.unwrap_or(TimeUnit::Month)),
        }
    }

    fn spec(&self, dated: bool) -> ReportSpec {
        let measure = self.measure.get_untracked();
        let chart = self.chart.get_untracked();
        let group_by = self.group_by.get_untracked();
        let measure_property = self.measure_property.get_untracked();
        ReportSpec {
            title: self.title.get_untracked(),
            object_type_id: self.object.get_untracked(),
            measure,
            measure_property: (measure != ReportMeasure::Count && !measure_property.is_empty())
                .then_some(measure_property),
            group_by: (chart != ChartKind::Number && !group_by.is_empty()).then_some(group_by),
            time_unit: (chart != ChartKind::Number && dated)
                .then(|| self.time_unit.get_untracked()),
            chart,
        }
    }
}

fn field_options(fields: &[ReportField], selected: &str) -> impl IntoView + use<> {
    fields
        .iter()
        .map(|f| {
            view! { <option value=f.name.clone() selected=f.name == selected>{f.label.clone()}</option> }
        })
        .collect_view()
}

#[component]
pub(super) fn ReportDialog(
    mode: Editing,
    objects: Vec<ReportObject>,
    editing: RwSignal<Option<Editing>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let form = ReportForm::new(&mode, &objects);
    let objects = StoredValue::new(objects);
    let existing = match &mode {
        Editing::Existing(report) => Some(report.id),
        Editing::New => None,
    };
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let close = Callback::new(move |()| editing.set(None));
    let object = move || {
        let id = form.object.get();
        objects.with_value(|all| all.iter().find(|o| o.id == id).cloned())
    };
    let is_dated =
        move |name: &str| object().is_some_and(|o| o.dated.iter().any(|f| f.name == name));
    let on_object = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev).parse().unwrap_or_default();
        form.object.set(id);
        // The other object's properties do not apply: start from its first choices.
        let chosen = objects.with_value(|all| all.iter().find(|o| o.id == id).cloned());
        form.measure_property.set(
            chosen
                .as_ref()
                .and_then(|o| o.measurable.first())
                .map(|f| f.name.clone())
                .unwrap_or_default(),
        );
        form.group_by.set(
            chosen
                .and_then(|o| o.groupable.first().or(o.dated.first()).cloned())
                .map(|f| f.name)
                .unwrap_or_default(),
        );
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = form.spec(is_dated(&form.group_by.get_untracked()));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = match existing {
                Some(id) => update_report(id, spec).await,
                None => create_report(spec).await.map(|_| ()),
            };
            busy.try_set(false);
            match result {
                Ok(()) => {
                    editing.try_set(None);
                    reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let field_error =
        move |field: &'static str| Signal::derive(move || message_for(error.get(), field));
    let general = move || {
        let e = error.get();
        match &e {
            Some(AppError::Invalid { field, .. }) if field == "report" => {
                message_for(e.clone(), "report")
            }
            _ => general_message(e),
        }
    };
    let title = if existing.is_some() {
        "Edit report"
    } else {
        "Add report"
    };
    let chart_choice = move |kind: ChartKind| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="chart"
                    value=kind.as_str()
                    prop:checked=move || form.chart.get() == kind
                    on:change=move |_| form.chart.set(kind)
                />
                {kind.label()}
            </label>
        }
    };
    view! {
        <Dialog title=title title_id="report-dialog-title" on_close=close>
            <form class="report-form" on:submit=save novalidate>
                <label for="report-title">"Title"</label>
                <input
                    id="report-title"
                    type="text"
                    maxlength="80"
                    prop:value=move || form.title.get()
                    on:input=move |ev| form.title.set(event_target_value(&ev))
                />
                <FieldError message=field_error("title")/>

                <label for="report-object">"Object"</label>
                <select id="report-object" on:change=on_object>
                    {move || objects.with_value(|all| all.iter().map(|o| {
                        let selected = o.id == form.object.get_untracked();
                        view! { <option value=o.id.to_string() selected=selected>{o.label.clone()}</option> }
                    }).collect_view())}
                </select>
                <FieldError message=field_error("object")/>

                <label for="report-measure">"Measure"</label>
                <select
                    id="report-measure"
                    on:change=move |ev| {
                        let measure = ReportMeasure::parse(&event_target_value(&ev)).unwrap_or(ReportMeasure::Count);
                        form.measure.set(measure);
                        if measure != ReportMeasure::Count
                            && form.measure_property.get_untracked().is_empty()
                            && let Some(first) = object().and_then(|o| o.measurable.first().cloned())
                        {
                            form.measure_property.set(first.name);
                        }
                    }
                >
                    {ReportMeasure::ALL.iter().map(|m| view! {
                        <option value=m.as_str() selected=*m == form.measure.get_untracked()>{m.label()}</option>
                    }).collect_view()}
                </select>
                <Show when=move || form.measure.get() != ReportMeasure::Count>
                    <label for="report-measure-property">"Property to add up"</label>
                    <select
                        id="report-measure-property"
                        on:change=move |ev| form.measure_property.set(event_target_value(&ev))
                    >
                        {move || object().map(|o| {
                            if o.measurable.is_empty() {
                                view! { <option value="">"This object has no number or amount properties"</option> }.into_any()
                            } else {
                                field_options(&o.measurable, &form.measure_property.get_untracked()).into_any()
                            }
                        })}
                    </select>
                </Show>
                <FieldError message=field_error("measure_property")/>

                <fieldset class="chart-kinds">
                    <legend>"Chart"</legend>
                    {chart_choice(ChartKind::Bar)}
                    {chart_choice(ChartKind::Line)}
                    {chart_choice(ChartKind::Pie)}
                    {chart_choice(ChartKind::Number)}
                </fieldset>

                <Show when=move || form.chart.get() != ChartKind::Number>
                    <label for="report-group-by">"Group by"</label>
                    <select id="report-group-by" on:change=move |ev| form.group_by.set(event_target_value(&ev))>
                        {move || object().map(|o| {
                            let selected = form.group_by.get_untracked();
                            view! {
                                <optgroup label="Properties">{field_options(&o.groupable, &selected)}</optgroup>
                                <optgroup label="Dates">{field_options(&o.dated, &selected)}</optgroup>
                            }
                        })}
                    </select>
                    <FieldError message=field_error("group_by")/>
                    <Show when=move || is_dated(&form.group_by.get())>
                        <label for="report-time-unit">"Period"</label>
                        <select
                            id="report-time-unit"
                            on:change=move |ev| form.time_unit.set(TimeUnit::parse(&event_target_value(&ev)).unwrap_or(TimeUnit::Month))
                        >
                            {TimeUnit::ALL.iter().map(|u| view! {
                                <option value=u.as_str() selected=*u == form.time_unit.get_untracked()>{u.label()}</option>
                            }).collect_view()}
                        </select>
                        <FieldError message=field_error("time_unit")/>
                    </Show>
                </Show>

                {move || general().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || busy.get()>"Save report"</button>
                </div>
            </form>
        </Dialog>
    }
}
