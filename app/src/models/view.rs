//! Views of a record list: what a list shows (columns, filters, sort, quick filters), the saved
//! views in the left sidebar, and the list's state as it is written in the URL, so a filtered
//! list can be linked, reloaded and read without JavaScript.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::list_url::{ListUrl, href, set_query_param};
use super::{
    UserRef,
    filter::{Condition, FilterTree, Operator},
    pipeline::{BoardView, PipelineBar},
    property::PropertyType,
    record_page::RecordPage,
    workspace::PipelineTab,
};

/// The name of the creation date field every object has (a system column, not a property).
pub const CREATED_AT: &str = "created_at";
/// The property the "Last activity date" quick filter uses.
pub const LAST_ACTIVITY: &str = "last_activity_date";
/// Rows per page of a record list.
pub const LIST_PAGE_SIZE: u32 = 50;
/// Most columns a view may show.
pub const MAX_VIEW_COLUMNS: usize = 30;

string_enum!(
    /// The tabs that list records through views.
    ListTab { Customers => "customers", Services => "services", Revenue => "revenue", Tasks => "tasks" }
);

impl ListTab {
    /// The tab's path.
    pub fn path(self) -> &'static str {
        match self {
            ListTab::Customers => "/customers",
            ListTab::Services => "/services",
            ListTab::Revenue => "/revenue",
            ListTab::Tasks => "/tasks",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ListTab::Tasks => "Tasks",
            other => other.pipeline_tab().map_or("Customers", PipelineTab::label),
        }
    }

    /// The built-in views of the tab's sidebar, in order.
    pub fn builtin_views(self) -> &'static [BuiltinView] {
        match self {
            ListTab::Tasks => &[
                BuiltinView::DueToday,
                BuiltinView::Overdue,
                BuiltinView::DueTomorrow,
                BuiltinView::Completed,
                BuiltinView::All,
            ],
            _ => &[
                BuiltinView::OwnedByMe,
                BuiltinView::AssignedRecently,
                BuiltinView::All,
            ],
        }
    }

    /// The pipeline tab this list is, for Services and Revenue.
    pub fn pipeline_tab(self) -> Option<PipelineTab> {
        match self {
            ListTab::Services => Some(PipelineTab::Services),
            ListTab::Revenue => Some(PipelineTab::Revenue),
            ListTab::Customers | ListTab::Tasks => None,
        }
    }
}

string_enum!(
    /// The views every user has, before their own (the tabs' sets: [`ListTab::builtin_views`]).
    BuiltinView {
        OwnedByMe => "owned",
        AssignedRecently => "assigned",
        All => "all",
        DueToday => "due_today",
        Overdue => "overdue",
        DueTomorrow => "due_tomorrow",
        Completed => "completed",
    }
);

string_enum!(
    /// Who sees a saved view.
    Sharing { Private => "private", Everyone => "everyone" }
);

impl Sharing {
    pub fn label(self) -> &'static str {
        match self {
            Sharing::Private => "Private",
            Sharing::Everyone => "Everyone",
        }
    }
}

/// Which view a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ViewRef {
    Builtin(BuiltinView),
    Saved(i64),
}

impl BuiltinView {
    pub fn name(self) -> &'static str {
        match self {
            BuiltinView::OwnedByMe => "Owned by me",
            BuiltinView::AssignedRecently => "Assigned in the last 30 days",
            BuiltinView::All => "All records",
            BuiltinView::DueToday => "Due today",
            BuiltinView::Overdue => "Overdue",
            BuiltinView::DueTomorrow => "Due tomorrow",
            BuiltinView::Completed => "All completed",
        }
    }
}

impl ViewRef {
    /// The `view` URL parameter.
    pub fn to_param(self) -> String {
        match self {
            ViewRef::Builtin(view) => view.as_str().to_string(),
            ViewRef::Saved(id) => id.to_string(),
        }
    }

    pub fn parse(raw: &str) -> Option<ViewRef> {
        BuiltinView::parse(raw).map(ViewRef::Builtin).or_else(|| {
            raw.parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(ViewRef::Saved)
        })
    }
}

/// A quick date filter: today, the last 7/30/90 days, or a custom range (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DatePreset {
    Today,
    LastDays(u32),
    Range { from: NaiveDate, to: NaiveDate },
}

impl DatePreset {
    pub const PRESET_DAYS: [u32; 3] = [7, 30, 90];

    /// The URL form: `today`, `7d`, `30d`, `90d`, `2026-01-01..2026-01-31`.
    pub fn to_param(self) -> String {
        match self {
            DatePreset::Today => "today".into(),
            DatePreset::LastDays(days) => format!("{days}d"),
            DatePreset::Range { from, to } => format!("{from}..{to}"),
        }
    }

    pub fn parse(raw: &str) -> Result<DatePreset, String> {
        let raw = raw.trim();
        if raw == "today" {
            return Ok(DatePreset::Today);
        }
        if let Some(days) = raw.strip_suffix('d')
            && let Ok(days) = days.parse::<u32>()
            && DatePreset::PRESET_DAYS.contains(&days)
        {
            return Ok(DatePreset::LastDays(days));
        }
        let (from, to) = raw
            .split_once("..")
            .ok_or_else(|| "Choose a date range".to_string())?;
        let from = super::input::parse_date(from)?;
        let to = super::input::parse_date(to)?;
        if to < from {
            return Err("The end of the range must not be before its start".into());
        }
        Ok(DatePreset::Range { from, to })
    }

    pub fn label(self) -> String {
        match self {
            DatePreset::Today => "Today".into(),
            DatePreset::LastDays(days) => format!("Last {days} days"),
            DatePreset::Range { from, to } => format!("{from} to {to}"),
        }
    }

    /// The condition this preset puts on `property`.
    pub fn condition(self, property: &str, today: NaiveDate) -> Condition {
        let (operator, values) = match self {
            DatePreset::Today => (Operator::On, vec![today.to_string()]),
            DatePreset::LastDays(days) => (Operator::InLastDays, vec![days.to_string()]),
            DatePreset::Range { from, to } => {
                (Operator::Between, vec![from.to_string(), to.to_string()])
            }
        };
        Condition {
            property: property.into(),
            operator,
            values,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub property: String,
    pub descending: bool,
}

/// What a view shows; saved with the view and carried in the URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    pub columns: Vec<String>,
    #[serde(default)]
    pub filters: FilterTree,
    #[serde(default)]
    pub sort: Option<Sort>,
    #[serde(default)]
    pub created: Option<DatePreset>,
    #[serde(default)]
    pub last_activity: Option<DatePreset>,
    /// The owner quick filter ("Deal owner"): records whose owner is this user.
    #[serde(default)]
    pub owner: Option<i64>,
}

impl ViewState {
    /// Whether anything narrows the list beyond its view's scope.
    pub fn is_filtered(&self) -> bool {
        !self.filters.is_empty()
            || self.created.is_some()
            || self.last_activity.is_some()
            || self.owner.is_some()
    }
}

/// A view in the sidebar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewSummary {
    pub view: ViewRef,
    pub name: String,
    /// `None` for the built-in views.
    pub sharing: Option<Sharing>,
    /// An Everyone view set as default and featured on the Summary page.
    pub featured: bool,
    pub description: String,
    /// Whether the viewer may rename, save over and delete it.
    pub editable: bool,
    pub owner_name: Option<String>,
    /// How many items the view lists, where the sidebar shows it (the Tasks tab's own views).
    pub count: Option<u64>,
}

/// A field a list can show, sort and filter by: a property, or the creation date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldInfo {
    pub name: String,
    pub label: String,
    pub property_type: PropertyType,
    /// `(value, label)` of each option, for select properties.
    pub options: Vec<(String, String)>,
    /// Computed by the server (a health score): shown, filtered and sorted, never edited.
    #[serde(default)]
    pub read_only: bool,
}

/// Everything a list page shows: the sidebar, the view's state and one page of records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordListView {
    /// The listed object: live changes of its records list again.
    pub object_type_id: i64,
    /// Plural label of the listed object, e.g. "Companies".
    pub object_label: String,
    /// The same as sentences use it, e.g. "companies": lower-cased on the server, so the
    /// browser's first page carries no Unicode case tables.
    pub object_noun: String,
    pub views: Vec<ViewSummary>,
    pub active: ViewRef,
    /// The state as the active view keeps it; the list has unsaved changes when `state`
    /// differs from it.
    pub saved_state: ViewState,
    /// The state the page was listed with.
    pub state: ViewState,
    pub fields: Vec<FieldInfo>,
    /// Users offered by user filters.
    pub users: Vec<UserRef>,
    /// What the built-in view means, e.g. "Companies where you are the Customer Success Manager".
    pub view_description: Option<String>,
    /// Whether the viewer may share views with Everyone and feature them.
    pub can_share: bool,
    /// The user property the owner quick filter uses ("owner", labelled e.g. "Deal owner").
    pub owner_property: Option<String>,
    /// For Services and Revenue: the pipeline shown and the others to switch to.
    pub pipeline: Option<PipelineBar>,
    /// The table's page; empty when the board layout shows the pipeline.
    pub page: RecordPage,
    /// The board layout's stages and first cards.
    pub board: Option<BoardView>,
    /// Tasks: the ids of the page's completed tasks (their checkboxes are ticked).
    pub completed: Vec<i64>,
    /// Tasks: the record the list is narrowed to (`?associated=<id>`).
    pub associated: Option<super::record_detail::RecordLink>,
}

/// What a list tab answers: its list, or why the viewer's workspace has none to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ListPage {
    Ready(Box<RecordListView>),
    Unavailable { title: String, hint: String },
}

impl RecordListView {
    pub fn has_unsaved_changes(&self) -> bool {
        self.state != self.saved_state
    }

    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The URL of this list with `state` (and the active view), on page 1.
    pub fn href_with(&self, path: &str, state: ViewState) -> String {
        ListUrl {
            view: Some(self.active),
            state: Some(state),
            ..self.base_url()
        }
        .href(path)
    }

    /// This list's URL on page 1 without its state: the pipeline and layout it shows.
    pub fn base_url(&self) -> ListUrl {
        ListUrl {
            pipeline: self.pipeline.as_ref().map(|p| p.pipeline_id),
            layout: self.pipeline.as_ref().map(|p| p.layout),
            associated: self.associated.as_ref().map(|r| r.id),
            page: 1,
            ..ListUrl::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn presets_round_trip_and_refuse_inverted_ranges() {
        for preset in [
            DatePreset::Today,
            DatePreset::LastDays(30),
            DatePreset::Range {
                from: date("2026-01-01"),
                to: date("2026-01-31"),
            },
        ] {
            assert_eq!(DatePreset::parse(&preset.to_param()), Ok(preset));
        }
        assert!(DatePreset::parse("2026-02-01..2026-01-01").is_err());
        assert!(
            DatePreset::parse("12d").is_err(),
            "only the offered presets"
        );
        assert!(DatePreset::parse("yesterday").is_err());
    }

    #[test]
    fn presets_become_conditions() {
        let today = date("2026-11-24");
        assert_eq!(
            DatePreset::Today.condition(CREATED_AT, today).values,
            ["2026-11-24"]
        );
        assert_eq!(
            DatePreset::LastDays(90)
                .condition(LAST_ACTIVITY, today)
                .operator,
            Operator::InLastDays
        );
    }
}
