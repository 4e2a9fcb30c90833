//! The Summary tab, a user's home page: today's activities, their customers and featured
//! views, today's schedule, the health score summary and their reports.

use serde::{Deserialize, Serialize};

use super::{
    UserRef,
    alert::Alert,
    report::{ChartPoint, Report, ReportObject},
    schedule::ScheduleItem,
    view::BuiltinView,
};

/// Items each activity list shows before "View more".
pub const SUMMARY_LIST_ITEMS: usize = 5;

/// A task in one of the Summary's task lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskLine {
    pub id: i64,
    pub title: String,
    /// "Today 3:00 PM", "Dec 2": the due time in the viewer's zone.
    pub due_label: String,
}

/// Due today, Overdue or Due tomorrow: how many, and the first few.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskList {
    pub view: BuiltinView,
    pub count: u64,
    pub tasks: Vec<TaskLine>,
}

/// The newest active alerts and how many are active.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertList {
    pub active: u64,
    pub alerts: Vec<Alert>,
}

/// An Everyone view featured on the Summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeaturedView {
    pub id: i64,
    pub name: String,
    pub description: String,
}

/// The customers the user owns (through the workspace's CSM property) and the featured views.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerViews {
    /// "companies": lower-cased on the server, so the browser needs no Unicode case tables.
    pub plural_noun: String,
    /// `None` when the workspace has no customer object or CSM property yet.
    pub owned: Option<u64>,
    pub featured: Vec<FeaturedView>,
}

/// One score profile over every record it scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthSummary {
    pub profile_id: i64,
    pub profile_name: String,
    pub scored: u64,
    pub average: Option<f64>,
    pub at_risk: u64,
    pub neutral: u64,
    pub healthy: u64,
    /// Records per ten points of score: "0–9", "10–19", … "90–100".
    pub distribution: Vec<ChartPoint>,
    /// The daily average, oldest first.
    pub over_time: Vec<ChartPoint>,
}

impl HealthSummary {
    /// A category's share of the scored records, in whole percent.
    pub fn share(&self, count: u64) -> u64 {
        (count * 100 + self.scored / 2)
            .checked_div(self.scored)
            .unwrap_or(0)
    }
}

/// A live score profile in the Summary's profile selector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileChoice {
    pub id: i64,
    pub name: String,
}

/// Who a Summary is for, and who else a super admin may view it as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummarySubject {
    pub user: UserRef,
    /// A super admin viewing someone else's Summary: nothing on it can be changed.
    pub read_only: bool,
    /// The users a super admin may view the Summary as; empty for everyone else.
    pub view_as: Vec<UserRef>,
}

/// The first of today's tasks and meetings, and how many there are in all (the Schedule tab
/// shows the rest).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TodaysSchedule {
    pub items: Vec<ScheduleItem>,
    pub total: u64,
}

/// Today's items the Summary shows.
pub const SUMMARY_SCHEDULE_ITEMS: usize = 8;

/// The whole Summary page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub subject: SummarySubject,
    pub alerts: AlertList,
    pub task_lists: Vec<TaskList>,
    pub customers: CustomerViews,
    /// Today's tasks and meetings, in the viewer's zone.
    pub schedule: TodaysSchedule,
    /// The live score profiles to choose from.
    pub health_profiles: Vec<ProfileChoice>,
    pub health: Option<HealthSummary>,
    pub reports: Vec<Report>,
    /// What the report form offers.
    pub report_objects: Vec<ReportObject>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_whole_percent() {
        let summary = HealthSummary {
            profile_id: 1,
            profile_name: "Health".into(),
            scored: 3,
            average: Some(50.0),
            at_risk: 1,
            neutral: 2,
            healthy: 0,
            distribution: vec![],
            over_time: vec![],
        };
        assert_eq!(summary.share(1), 33);
        assert_eq!(summary.share(2), 67);
        let empty = HealthSummary {
            scored: 0,
            ..summary
        };
        assert_eq!(empty.share(0), 0);
    }
}
