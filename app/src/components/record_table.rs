//! A table of records: one column per property, values formatted by property type.

use leptos::prelude::*;

use crate::{
    components::viewer_zone::use_viewer_zone,
    models::{
        ColumnHeader, PropertyType, PropertyValue, RecordPage, date_text::short_date,
        time_zone::ViewerZone, view::Sort,
    },
};

/// Makes a table interactive: headers sort (links, so sorting works without JavaScript) and
/// record names open the record.
#[derive(Clone)]
pub struct TableLinks {
    /// The list's current sort.
    pub sort: Option<Sort>,
    /// `(property, descending)` → the list's URL sorted so.
    pub sort_href: Callback<(String, bool), String>,
    /// A record id → the URL that opens it.
    pub record_href: Callback<i64, String>,
}

/// How a cell reads in a table, times in the viewer's `zone`.
pub fn display_cell(
    column: &ColumnHeader,
    value: &PropertyValue,
    page: &RecordPage,
    zone: ViewerZone,
) -> String {
    match value {
        // Tables show the viewer's day; the record page shows the time.
        PropertyValue::DateTime(t) => short_date(zone.date_of(*t)),
        other => other.display(&column.options, |id| page.user_name(id), zone),
    }
}

/// A column before the name, e.g. the Tasks list's completion checkboxes.
#[derive(Clone)]
pub struct LeadingColumn {
    /// The header's accessible name (the header itself shows nothing).
    pub label: &'static str,
    /// `(record id, its name as shown)` → the cell's content.
    pub cell: Callback<(i64, String), AnyView>,
}

#[component]
pub fn RecordTable(
    page: RecordPage,
    /// Accessible name of the table, e.g. "Customers".
    caption: &'static str,
    /// Shown instead of the table when there are no records.
    #[prop(into)]
    empty_message: String,
    #[prop(optional)] links: Option<TableLinks>,
    #[prop(default = None)] leading: Option<LeadingColumn>,
) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <p class="empty-state">{empty_message}</p> }.into_any();
    }
    let numeric: Vec<bool> = page
        .columns
        .iter()
        .map(|c| {
            matches!(
                c.property_type,
                PropertyType::Number | PropertyType::Currency
            )
        })
        .collect();
    let with_stage = !page.stages.is_empty();
    let zone = use_viewer_zone();
    let headers = page
        .columns
        .iter()
        .zip(&numeric)
        .enumerate()
        .map(|(i, (column, numeric))| {
            let stage = (i == 1 && with_stage).then(|| view! { <th scope="col">"Stage"</th> });
            let Some(links) = &links else {
                return view! { {stage}<th scope="col" class:numeric=*numeric>{column.label.clone()}</th> }
                    .into_any();
            };
            let current = links
                .sort
                .as_ref()
                .filter(|s| s.property == column.property_name)
                .map(|s| s.descending);
            // The arrow is drawn by the stylesheet from aria-sort, so the header reads as its label.
            let aria_sort = match current {
                Some(false) => "ascending",
                Some(true) => "descending",
                None => "none",
            };
            // A click sorts ascending, a second click descending.
            let href = links
                .sort_href
                .run((column.property_name.clone(), current == Some(false)));
            let label = column.label.clone();
            let title = format!("Sort by {label}");
            view! {
                {stage}
                <th scope="col" class:numeric=*numeric class="sortable" aria-sort=aria_sort>
                    <a href=href title=title>{label}</a>
                </th>
            }
            .into_any()
        })
        .collect_view();
    let lead_header = leading.as_ref().map(|l| {
        view! { <th scope="col" class="leading-cell"><span class="visually-hidden">{l.label}</span></th> }
    });
    let rows = page
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&page.columns)
                .zip(&numeric)
                .enumerate()
                .map(|(i, ((cell, column), numeric))| {
                    let text = cell.as_ref().map(|v| display_cell(column, v, &page, zone));
                    let empty = text.is_none();
                    let text = text.unwrap_or_else(|| "—".into());
                    let stage = (i == 1 && with_stage).then(|| {
                        let name = row
                            .stage_id
                            .and_then(|id| page.stages.iter().find(|(s, _)| *s == id))
                            .map_or("—", |(_, name)| name.as_str());
                        view! { <td>{name.to_string()}</td> }
                    });
                    if i == 0 {
                        let lead = leading.as_ref().map(|l| {
                            view! { <td class="leading-cell">{l.cell.run((row.id, text.clone()))}</td> }
                        });
                        let name = match &links {
                            Some(links) => {
                                let href = links.record_href.run(row.id);
                                view! { <th scope="row" class="primary-cell"><a href=href>{text}</a></th> }
                                    .into_any()
                            }
                            None => view! { <th scope="row" class="primary-cell">{text}</th> }.into_any(),
                        };
                        view! { {lead}{name} }.into_any()
                    } else {
                        view! { {stage}<td class:numeric=*numeric class:empty=empty>{text}</td> }
                            .into_any()
                    }
                })
                .collect_view();
            view! { <tr data-record-id=row.id>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>{lead_header}{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{RecordRow, UserRef};

    fn column(property_type: PropertyType) -> ColumnHeader {
        ColumnHeader {
            property_name: "x".into(),
            label: "X".into(),
            property_type,
            options: vec![("financial_services".into(), "Financial services".into())],
        }
    }

    #[test]
    fn cells_are_formatted_by_type() {
        let page = RecordPage {
            columns: vec![],
            rows: vec![RecordRow {
                stage_id: None,
                id: 1,
                version: 1,
                cells: vec![],
            }],
            users: vec![UserRef {
                id: 4,
                name: "Carl Customer".into(),
            }],
            total: 1,
            total_exact: true,
            page: 1,
            page_size: 50,
            stages: vec![],
        };
        let show = |t, v| display_cell(&column(t), &v, &page, ViewerZone::default());
        assert_eq!(
            show(PropertyType::Currency, PropertyValue::Currency(1_234_500)),
            "$12,345"
        );
        assert_eq!(
            show(
                PropertyType::Enumeration,
                PropertyValue::Enumeration("financial_services".into())
            ),
            "Financial services"
        );
        assert_eq!(
            show(PropertyType::User, PropertyValue::User(4)),
            "Carl Customer"
        );
        assert_eq!(
            show(PropertyType::User, PropertyValue::User(9)),
            "Unknown user"
        );
        assert_eq!(
            show(
                PropertyType::Date,
                PropertyValue::Date(chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
            ),
            "Jan 5, 2027"
        );
        assert_eq!(
            show(PropertyType::Number, PropertyValue::Number(42.0)),
            "42"
        );
    }
}
