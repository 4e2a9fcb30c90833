//! Workspace configuration as the settings pages and the workspace tabs see it (SPEC §3): the
//! objects playing the customer, services and revenue roles, team workspaces, their tab
//! settings.

use serde::{Deserialize, Serialize};

/// Team workspaces an account may have besides the main one.
pub const MAX_TEAM_WORKSPACES: usize = 5;
/// Objects that may represent revenue at once.
pub const MAX_REVENUE_OBJECTS: usize = 2;
string_enum!(
    /// How the Services and Revenue tabs open.
    Layout { Board => "board", Table => "table" }
);

impl Layout {
    pub fn label(self) -> &'static str {
        match self {
            Layout::Board => "Board",
            Layout::Table => "Table",
        }
    }
}

string_enum!(
    /// The two workspace tabs that show records by pipeline.
    PipelineTab { Services => "services", Revenue => "revenue" }
);

impl PipelineTab {
    pub fn label(self) -> &'static str {
        match self {
            PipelineTab::Services => "Services",
            PipelineTab::Revenue => "Revenue",
        }
    }
}

/// An object type offered in a settings dropdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectChoice {
    pub id: i64,
    /// Plural label, e.g. "Companies".
    pub label: String,
}

/// Which objects play which role, for every workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsObjects {
    pub customer_object_id: i64,
    pub services_object_id: Option<i64>,
    pub revenue_object_ids: Vec<i64>,
}

/// The Objects tab: the current roles and the objects each role may take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CsObjectsForm {
    pub current: CsObjects,
    /// Contacts, companies and custom objects.
    pub customer_choices: Vec<ObjectChoice>,
    /// Services and custom objects.
    pub services_choices: Vec<ObjectChoice>,
    /// Deals, tickets and custom objects with pipelines.
    pub revenue_choices: Vec<ObjectChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRef {
    pub id: i64,
    pub name: String,
}

/// A team as the team pickers show it: free, or taken by a workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
    pub workspace_id: Option<i64>,
    pub workspace_name: Option<String>,
}

impl TeamChoice {
    /// Whether another workspace than `workspace_id` holds this team.
    pub fn taken_by_other(&self, workspace_id: Option<i64>) -> bool {
        self.workspace_id.is_some() && self.workspace_id != workspace_id
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_main: bool,
    pub teams: Vec<TeamRef>,
}

/// The Workspaces tab.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspacesOverview {
    /// The main workspace first, then team workspaces by name.
    pub workspaces: Vec<WorkspaceSummary>,
    pub teams: Vec<TeamChoice>,
}

impl WorkspacesOverview {
    pub fn team_workspace_count(&self) -> usize {
        self.workspaces.iter().filter(|w| !w.is_main).count()
    }
}

/// A property offered in a settings dropdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyChoice {
    pub id: i64,
    pub label: String,
}

/// For one object of a tab: the CSM property and the renewal/end date property, with the
/// properties of the right type to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectPropertySettings {
    pub object: ObjectChoice,
    pub csm_property_id: Option<i64>,
    pub date_property_id: Option<i64>,
    /// The object's user properties.
    pub user_properties: Vec<PropertyChoice>,
    /// The object's date and datetime properties.
    pub date_properties: Vec<PropertyChoice>,
}

/// What the settings form sends back for one object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectPropertyChoice {
    pub object_type_id: i64,
    pub csm_property_id: Option<i64>,
    pub date_property_id: Option<i64>,
}

/// A pipeline offered on the Services or Revenue settings tab.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineChoice {
    pub id: i64,
    pub object_type_id: i64,
    pub name: String,
    /// The object it belongs to, e.g. "Deals".
    pub object_label: String,
    pub rules: super::pipeline::PipelineRules,
}

/// The Services or Revenue settings tab of a workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineTabSettings {
    pub shown: bool,
    /// The tab's objects (none when no object is configured for the role).
    pub objects: Vec<ObjectPropertySettings>,
    /// Every pipeline of those objects.
    pub pipelines: Vec<PipelineChoice>,
    pub shown_pipeline_ids: Vec<i64>,
    pub default_pipeline_id: Option<i64>,
    pub default_layout: Layout,
}

/// Everything the workspace settings page edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    pub workspace: WorkspaceSummary,
    pub teams: Vec<TeamChoice>,
    pub customers: ObjectPropertySettings,
    pub services: PipelineTabSettings,
    pub revenue: PipelineTabSettings,
}

/// The workspace a viewer works in: their primary team's, else the main one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerWorkspace {
    pub id: i64,
    pub name: String,
    pub show_services_tab: bool,
    pub show_revenue_tab: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_is_taken_only_by_another_workspace() {
        let team = TeamChoice {
            id: 1,
            name: "Enterprise CS".into(),
            workspace_id: Some(7),
            workspace_name: Some("Enterprise".into()),
        };
        assert!(team.taken_by_other(Some(3)));
        assert!(team.taken_by_other(None));
        assert!(!team.taken_by_other(Some(7)));
        let free = TeamChoice {
            workspace_id: None,
            ..team
        };
        assert!(!free.taken_by_other(None));
    }

    #[test]
    fn layouts_round_trip_through_their_stored_names() {
        for layout in Layout::ALL {
            assert_eq!(Layout::parse(layout.as_str()), Some(*layout));
        }
        assert_eq!(Layout::parse("grid"), None);
    }
}
