//! The Summary's reports: what a user asks for (one object, a measure, a grouping, a chart) and
//! the figures the server aggregates for it.

use serde::{Deserialize, Serialize};

/// Most reports one user's Summary holds.
pub const MAX_REPORTS_PER_USER: usize = 5;
/// Most characters a report's title may hold.
pub const MAX_REPORT_TITLE: usize = 80;
/// Most bars, slices or points a grouped report shows: the largest groups, or the latest
/// periods.
pub const MAX_REPORT_GROUPS: usize = 24;
/// The grouping that stands for a record's pipeline stage (not a property).
pub const STAGE_GROUPING: &str = "stage";

string_enum! {
    /// What a report adds up.
    ReportMeasure { Count => "count", Sum => "sum", Average => "average" }
}

string_enum! {
    /// The period a report grouped by a date counts in.
    TimeUnit { Day => "day", Week => "week", Month => "month" }
}

string_enum! {
    /// How a report is drawn.
    ChartKind { Bar => "bar", Line => "line", Pie => "pie", Number => "number" }
}

impl ReportMeasure {
    pub fn label(self) -> &'static str {
        match self {
            ReportMeasure::Count => "Count of records",
            ReportMeasure::Sum => "Sum of a property",
            ReportMeasure::Average => "Average of a property",
        }
    }
}

impl TimeUnit {
    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::Day => "Day",
            TimeUnit::Week => "Week",
            TimeUnit::Month => "Month",
        }
    }
}

impl ChartKind {
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Bar => "Bar",
            ChartKind::Line => "Line",
            ChartKind::Pie => "Pie",
            ChartKind::Number => "Number",
        }
    }
}

/// A report as its owner defines it. `measure_property` names a number or currency property
/// for Sum and Average; `group_by` a property, [`STAGE_GROUPING`], or a date property with a
/// `time_unit`. A Number report has no grouping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSpec {
    pub title: String,
    pub object_type_id: i64,
    pub measure: ReportMeasure,
    pub measure_property: Option<String>,
    pub group_by: Option<String>,
    pub time_unit: Option<TimeUnit>,
    pub chart: ChartKind,
}

/// How a report's figures read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureFormat {
    Count,
    Number,
    /// Amounts in currency units (the aggregate of cents, divided by 100).
    Money,
}

impl FigureFormat {
    /// `1,234`, `1,234.5`, `$1,234`.
    pub fn format(self, value: f64) -> String {
        let rounded = match self {
            FigureFormat::Count => value.round(),
            FigureFormat::Number | FigureFormat::Money => (value * 10.0).round() / 10.0,
        };
        let sign = if rounded < 0.0 { "-" } else { "" };
        let abs = rounded.abs();
        let whole = crate::models::property::group_thousands(&format!("{}", abs.trunc() as u64));
        let fraction = abs.fract();
        let number = if fraction >= 0.05 {
            format!("{whole}.{}", (fraction * 10.0).round() as u64)
        } else {
            whole
        };
        match self {
            FigureFormat::Money => format!("{sign}${number}"),
            _ => format!("{sign}{number}"),
        }
    }
}

/// One bar, slice or point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartPoint {
    pub label: String,
    pub value: f64,
}

/// A report with its figures, as the Summary shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub spec: ReportSpec,
    /// "Deals · Sum of Amount by Stage".
    pub description: String,
    /// What the values measure, e.g. "Sum of Amount".
    pub measure_label: String,
    pub group_label: String,
    pub format: FigureFormat,
    pub points: Vec<ChartPoint>,
    /// Over every record counted (an average of all, not of the groups' averages).
    pub total: f64,
    /// Why the figures cannot be drawn (a property it used was removed), if so.
    pub problem: Option<String>,
    /// "Figures as of 3:02:15 PM: …" when the figures shown predate a change and newer ones are
    /// being computed.
    pub as_of: Option<String>,
}

/// A property a report can use, as the report form lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportField {
    pub name: String,
    pub label: String,
}

/// An object the report form offers, with the properties each choice accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportObject {
    pub id: i64,
    pub label: String,
    /// Number and currency properties (Sum, Average).
    pub measurable: Vec<ReportField>,
    /// Select, user and yes/no properties, and the stage for objects with pipelines.
    pub groupable: Vec<ReportField>,
    /// Date and date-time properties, and the create date.
    pub dated: Vec<ReportField>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_like_amounts() {
        assert_eq!(FigureFormat::Count.format(1234.0), "1,234");
        assert_eq!(FigureFormat::Number.format(12.345), "12.3");
        assert_eq!(FigureFormat::Number.format(7.0), "7");
        assert_eq!(FigureFormat::Money.format(2_500_000.0), "$2,500,000");
        assert_eq!(FigureFormat::Money.format(-3.5), "-$3.5");
    }

    #[test]
    fn names_round_trip() {
        for kind in ChartKind::ALL {
            assert_eq!(ChartKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(TimeUnit::parse("week"), Some(TimeUnit::Week));
        assert_eq!(ReportMeasure::parse("median"), None);
    }
}
