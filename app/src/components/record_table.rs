//! A table of records: one column per property, values formatted by property type.

use leptos::prelude::*;

use crate::models::{
    ColumnHeader, PropertyType, PropertyValue, RecordPage, property::format_money,
};

/// How a cell reads in a table.
pub fn display_cell(column: &ColumnHeader, value: &PropertyValue, page: &RecordPage) -> String {
    match value {
        PropertyValue::Text(s) => s.clone(),
        PropertyValue::Enumeration(v) => column.option_label(v).to_string(),
        PropertyValue::MultiEnumeration(values) => values
            .iter()
            .map(|v| column.option_label(v))
            .collect::<Vec<_>>()
            .join(", "),
        PropertyValue::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
        PropertyValue::Number(n) => format!("{n:.2}"),
        PropertyValue::Currency(cents) => format_money(*cents),
        PropertyValue::Date(d) => d.format("%b %-d, %Y").to_string(),
        // Tables show the day; the record page shows the time.
        PropertyValue::DateTime(t) => t.format("%b %-d, %Y").to_string(),
        PropertyValue::Boolean(true) => "Yes".into(),
        PropertyValue::Boolean(false) => "No".into(),
        PropertyValue::User(id) => page.user_name(*id).unwrap_or("Unknown user").to_string(),
    }
}

#[component]
pub fn RecordTable(
    page: RecordPage,
    /// Accessible name of the table, e.g. "Customers".
    caption: &'static str,
    /// Shown instead of the table when there are no records.
    empty_message: &'static str,
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
    let headers = page
        .columns
        .iter()
        .zip(&numeric)
        .enumerate()
        .map(|(i, (column, numeric))| {
            let stage = (i == 1 && with_stage).then(|| view! { <th scope="col">"Stage"</th> });
            view! { {stage}<th scope="col" class:numeric=*numeric>{column.label.clone()}</th> }
        })
        .collect_view();
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
                    let text = cell.as_ref().map(|v| display_cell(column, v, &page));
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
                        view! { <th scope="row" class="primary-cell">{text}</th> }.into_any()
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
                <thead><tr>{headers}</tr></thead>
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
            page: 1,
            page_size: 50,
            stages: vec![],
        };
        let show = |t, v| display_cell(&column(t), &v, &page);
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
