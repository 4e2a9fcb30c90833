//! Which object a list tab shows in the viewer's workspace: Customers its customer object;
//! Services and Revenue the object of the pipeline chosen (or the workspace's default one),
//! unless the workspace hides the tab or has nothing to show in it.

use std::sync::Arc;

use super::{
    Db,
    query::board::CardFields,
    schema_cache::ObjectSchema,
    task_object::{self, TASKS_OBJECT},
    workspaces::{self, ObjectTabSettings},
};
use crate::{
    error::AppError,
    models::{
        Pipeline, PropertyType, Viewer,
        pipeline::PipelineBar,
        time_zone::ViewerZone,
        view::{BuiltinView, ListTab, ListUrl, Sort},
    },
};

/// The object a tab lists in the viewer's workspace, and its settings.
pub struct TabObject {
    pub tab: ListTab,
    pub schema: Arc<ObjectSchema>,
    pub settings: ObjectTabSettings,
    /// Services and Revenue: the pipeline shown.
    pub pipeline: Option<(PipelineBar, Pipeline)>,
}

impl TabObject {
    /// The columns a built-in view shows.
    pub fn default_columns(&self) -> Vec<String> {
        if self.tab == ListTab::Tasks {
            return task_object::DEFAULT_COLUMNS
                .iter()
                .filter(|name| self.schema.property(name).is_some())
                .map(|name| name.to_string())
                .collect();
        }
        if self.pipeline.is_none() {
            return self.settings.columns();
        }
        let by_name = |name: &str| self.schema.property(name).map(|p| p.name.clone());
        let amount = self
            .schema
            .properties
            .iter()
            .find(|p| p.property_type == PropertyType::Currency)
            .map(|p| p.name.clone());
        let mut columns: Vec<String> = Vec::new();
        for name in [
            self.schema.name_property().map(|p| p.name.clone()),
            amount,
            self.owner_property().map(|p| p.name.clone()),
            self.settings.date_property.as_ref().map(|p| p.name.clone()),
            self.settings.csm_property.as_ref().map(|p| p.name.clone()),
            by_name("last_activity_date"),
        ]
        .into_iter()
        .flatten()
        {
            if !columns.contains(&name) {
                columns.push(name);
            }
        }
        columns
    }

    /// The order of the built-in view `view`: completed tasks latest first, other tasks by due
    /// date, soonest first; other records by name (`None`).
    pub fn default_sort(&self, view: BuiltinView) -> Option<Sort> {
        if self.tab != ListTab::Tasks {
            return None;
        }
        Some(if view == BuiltinView::Completed {
            Sort {
                property: task_object::COMPLETED_DATE.into(),
                descending: true,
            }
        } else {
            Sort {
                property: task_object::DUE_DATE.into(),
                descending: false,
            }
        })
    }

    /// What a board card of this tab shows, its days counted in `zone`.
    pub fn card_fields(&self, zone: ViewerZone) -> CardFields<'_> {
        CardFields::of(
            &self.schema,
            self.card_date_property(),
            self.owner_property(),
            zone,
        )
    }

    /// The date a card shows: the object's close date, else the workspace's date property
    /// for it (a renewal or end date).
    pub fn card_date_property(&self) -> Option<&super::schema::PropertyDef> {
        self.schema
            .property("close_date")
            .filter(|p| matches!(p.property_type, PropertyType::Date | PropertyType::DateTime))
            .or(self.settings.date_property.as_ref())
    }

    /// The user property of the owner quick filter and the cards: the object's `owner`, else
    /// the workspace's CSM property for it.
    pub fn owner_property(&self) -> Option<&super::schema::PropertyDef> {
        self.schema
            .property("owner")
            .filter(|p| p.property_type == PropertyType::User)
            .or(self.settings.csm_property.as_ref())
    }
}

/// What a tab has to show.
pub enum TabLookup {
    Ready(Box<TabObject>),
    /// The workspace hides the tab or has nothing in it: a title and what would change that.
    Unavailable {
        title: String,
        hint: String,
    },
}

/// The object `tab` lists for `viewer`; for Services and Revenue the pipeline `url` names, if
/// the workspace shows it, else the default one.
pub async fn tab_object(
    db: &Db,
    viewer: &Viewer,
    tab: ListTab,
    url: &ListUrl,
) -> Result<TabLookup, AppError> {
    if tab == ListTab::Tasks {
        return Ok(TabLookup::Ready(Box::new(task_tab(db).await?)));
    }
    let Some(pipeline_tab) = tab.pipeline_tab() else {
        let settings = workspaces::customer_tab(db, viewer.workspace.id).await?;
        let schema = db.schema().await?.object(settings.object.id)?.clone();
        return Ok(TabLookup::Ready(Box::new(TabObject {
            tab,
            schema,
            settings,
            pipeline: None,
        })));
    };
    let settings = workspaces::pipeline_tab(db, viewer.workspace.id, pipeline_tab).await?;
    let unavailable = |title: String, hint: &str| {
        Ok(TabLookup::Unavailable {
            title,
            hint: hint.into(),
        })
    };
    if !settings.shown {
        return unavailable(
            format!("The {} tab is turned off for your workspace", tab.label()),
            "An admin can turn it on in the workspace settings.",
        );
    }
    if settings.objects.is_empty() {
        return unavailable(
            format!(
                "No object is set to represent {}",
                tab.label().to_lowercase()
            ),
            "An admin can choose one in Settings → Objects.",
        );
    }
    let shown: Vec<_> = settings
        .pipelines
        .iter()
        .filter(|p| settings.shown_pipeline_ids.contains(&p.id))
        .cloned()
        .collect();
    let chosen = url
        .pipeline
        .and_then(|id| shown.iter().find(|p| p.id == id))
        .or_else(|| {
            settings
                .default_pipeline_id
                .and_then(|id| shown.iter().find(|p| p.id == id))
        })
        .or(shown.first());
    let Some(chosen) = chosen.cloned() else {
        return unavailable(
            "There are no pipelines to show yet".into(),
            "An admin can choose the pipelines of this tab in the workspace settings.",
        );
    };
    let schema = db.schema().await?.object(chosen.object_type_id)?.clone();
    let pipeline = schema
        .pipelines
        .iter()
        .find(|p| p.id == chosen.id)
        .cloned()
        .ok_or_else(|| AppError::not_found("The pipeline"))?;
    let object_settings = settings
        .objects
        .iter()
        .find(|o| o.object.id == chosen.object_type_id);
    let find = |id: Option<i64>| {
        id.and_then(|id| schema.properties.iter().find(|p| p.id == id))
            .cloned()
    };
    let tab_settings = ObjectTabSettings {
        object: schema.object.clone(),
        properties: schema.properties.clone(),
        csm_property: find(object_settings.and_then(|o| o.csm_property_id)),
        date_property: find(object_settings.and_then(|o| o.date_property_id)),
    };
    let bar = PipelineBar {
        pipelines: shown,
        pipeline_id: chosen.id,
        layout: url.layout.unwrap_or(settings.default_layout),
    };
    Ok(TabLookup::Ready(Box::new(TabObject {
        tab,
        schema,
        settings: tab_settings,
        pipeline: Some((bar, pipeline)),
    })))
}

/// The Tasks tab: the tasks object, whose owner ("Assigned to") plays the CSM's part and whose
/// due date the date's.
async fn task_tab(db: &Db) -> Result<TabObject, AppError> {
    let schema = db.schema().await?.object_named(TASKS_OBJECT)?.clone();
    let find = |name: &str| schema.property(name).cloned();
    let settings = ObjectTabSettings {
        object: schema.object.clone(),
        properties: schema.properties.clone(),
        csm_property: find(task_object::OWNER),
        date_property: find(task_object::DUE_DATE),
    };
    Ok(TabObject {
        tab: ListTab::Tasks,
        schema,
        settings,
        pipeline: None,
    })
}

/// The tab's object, or the reason it has none as an error (for writes such as saving a view).
pub async fn ready_tab_object(
    db: &Db,
    viewer: &Viewer,
    tab: ListTab,
    url: &ListUrl,
) -> Result<TabObject, AppError> {
    match tab_object(db, viewer, tab, url).await? {
        TabLookup::Ready(object) => Ok(*object),
        TabLookup::Unavailable { title, .. } => Err(AppError::invalid("tab", title)),
    }
}
