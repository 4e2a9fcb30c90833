//! The settings a workspace's Customers, Services and Revenue tabs run on, as the tabs
//! themselves (lists, boards, the Feed) read them.

use super::settings::SettingsContext;
use crate::{
    db::{
        Db,
        schema::{ObjectType, PropertyDef},
    },
    error::AppError,
    models::workspace::{PipelineTab, PipelineTabSettings},
};

/// An object as a workspace's tab uses it: the object and its CSM and date (renewal, end)
/// properties — the customer object on Customers, a pipeline's object on Services and Revenue.
pub struct ObjectTabSettings {
    pub object: ObjectType,
    pub properties: Vec<PropertyDef>,
    pub csm_property: Option<PropertyDef>,
    pub date_property: Option<PropertyDef>,
}

impl ObjectTabSettings {
    /// The columns the Customers tab shows: the name, a few identifying properties, the CSM,
    /// revenue, the renewal date and the last activity, as far as the object has them.
    pub fn columns(&self) -> Vec<String> {
        let csm = self.csm_property.as_ref().map(|p| p.name.as_str());
        let date = self.date_property.as_ref().map(|p| p.name.as_str());
        let wanted = ["name", "email", "domain", "industry"]
            .into_iter()
            .map(Some)
            .chain([csm, Some("arr"), date, Some("last_activity_date")])
            .flatten();
        let mut columns: Vec<String> = Vec::new();
        for name in wanted {
            if self.properties.iter().any(|p| p.name == name) && !columns.iter().any(|c| c == name)
            {
                columns.push(name.to_string());
            }
        }
        // A custom object without these gets its first properties instead.
        for property in &self.properties {
            if columns.len() >= 4 {
                break;
            }
            if !columns.contains(&property.name) && !property.computed {
                columns.push(property.name.clone());
            }
        }
        // A live health score: its score and category (the first score's, in property order).
        columns.extend(
            self.properties
                .iter()
                .filter(|p| p.computed)
                .take(2)
                .map(|p| p.name.clone()),
        );
        columns
    }

    /// The property lists sort by: the name if there is one, else the first property.
    pub fn sort_property(&self) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == "name")
            .or(self.properties.first())
            .map(|p| p.name.as_str())
    }
}

/// What the Customers tab of `workspace_id` lists.
pub async fn customer_tab(db: &Db, workspace_id: i64) -> Result<ObjectTabSettings, AppError> {
    let context = SettingsContext::load(db, workspace_id).await?;
    let settings = context.object_settings(&context.customer_object);
    let properties = context.properties_of(context.customer_object.id).to_vec();
    let find = |id: Option<i64>| id.and_then(|id| properties.iter().find(|p| p.id == id).cloned());
    Ok(ObjectTabSettings {
        csm_property: find(settings.csm_property_id),
        date_property: find(settings.date_property_id),
        object: context.customer_object,
        properties,
    })
}

/// The Services or Revenue settings of `workspace_id`, as the tab itself uses them.
pub async fn pipeline_tab(
    db: &Db,
    workspace_id: i64,
    tab: PipelineTab,
) -> Result<PipelineTabSettings, AppError> {
    Ok(SettingsContext::load(db, workspace_id)
        .await?
        .pipeline_tab(tab))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::workspaces::test_fixtures::{object, property},
        models::PropertyType,
    };

    #[test]
    fn customer_columns_follow_the_object_and_its_settings() {
        let companies = vec![
            property(1, "name", PropertyType::Text),
            property(2, "domain", PropertyType::Text),
            property(3, "industry", PropertyType::Enumeration),
            property(4, "csm", PropertyType::User),
            property(5, "owner", PropertyType::User),
            property(6, "arr", PropertyType::Currency),
            property(7, "renewal_date", PropertyType::Date),
            property(8, "last_activity_date", PropertyType::DateTime),
        ];
        let tab = ObjectTabSettings {
            object: object(),
            csm_property: Some(companies[4].clone()),
            date_property: None,
            properties: companies,
        };
        assert_eq!(
            tab.columns(),
            [
                "name",
                "domain",
                "industry",
                "owner",
                "arr",
                "last_activity_date"
            ]
        );
        assert_eq!(tab.sort_property(), Some("name"));
        let custom = ObjectTabSettings {
            object: object(),
            csm_property: None,
            date_property: None,
            properties: vec![
                property(1, "title", PropertyType::Text),
                property(2, "seats", PropertyType::Number),
            ],
        };
        assert_eq!(custom.columns(), ["title", "seats"]);
        assert_eq!(custom.sort_property(), Some("title"));
    }
}
