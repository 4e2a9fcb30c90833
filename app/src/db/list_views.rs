//! A list tab as the viewer sees it: which object it lists, its views (built-in and saved), the
//! state the URL asks for, and the page of records that state selects.

use std::sync::Arc;

use chrono::{Duration, Utc};

use super::{
    Db,
    query::{ListSpec, QueryContext, Scope, list_page},
    record_detail::active_users,
    schema_cache::ObjectSchema,
    views::{SavedView, check_state, visible_views},
    workspaces::{self, CustomerTab},
};
use crate::{
    error::AppError,
    models::{
        Viewer,
        view::{
            BuiltinView, CREATED_AT, LAST_ACTIVITY, LIST_PAGE_SIZE, ListTab, ListUrl,
            RecordListView, ViewRef, ViewState, ViewSummary,
        },
    },
};

/// Days "Assigned in the last 30 days" looks back.
pub const RECENT_ASSIGNMENT_DAYS: i64 = 30;

/// The object a tab lists in the viewer's workspace, and its settings.
pub struct TabObject {
    pub schema: Arc<ObjectSchema>,
    pub settings: CustomerTab,
}

pub async fn tab_object(db: &Db, viewer: &Viewer, tab: ListTab) -> Result<TabObject, AppError> {
    match tab {
        ListTab::Customers => {
            let settings = workspaces::customer_tab(db, viewer.workspace.id).await?;
            let schema = db.schema().await?.object(settings.object.id)?.clone();
            Ok(TabObject { schema, settings })
        }
    }
}

/// What a built-in view shows before the user changes anything.
fn default_state(settings: &CustomerTab) -> ViewState {
    ViewState {
        columns: settings.columns(),
        ..ViewState::default()
    }
}

/// The list of `tab` as `url` asks for it.
pub async fn record_list(
    db: &Db,
    viewer: &Viewer,
    tab: ListTab,
    url: &ListUrl,
) -> Result<RecordListView, AppError> {
    let TabObject { schema, settings } = tab_object(db, viewer, tab).await?;
    // Independent reads run side by side (each on a connection of its own).
    let (saved, users) = tokio::try_join!(
        visible_views(db, schema.object.id, viewer.id),
        active_users(db)
    )?;
    let active = url.view.unwrap_or_else(|| default_view(&saved));
    let saved_state = match active {
        ViewRef::Builtin(_) => default_state(&settings),
        ViewRef::Saved(id) => saved
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AppError::not_found("The view"))?
            .state
            .clone(),
    };
    let state = url.state.clone().unwrap_or_else(|| saved_state.clone());
    check_state(&schema, &state, viewer.id)?;
    let today = Utc::now().date_naive();
    let mut scopes = builtin_scopes(active, &settings, viewer.id)?;
    if let Some(created) = state.created {
        scopes.push(Scope::Condition(created.condition(CREATED_AT, today)));
    }
    if let Some(activity) = state.last_activity {
        if schema.property(LAST_ACTIVITY).is_none() {
            return Err(AppError::invalid(
                "activity",
                format!("{} have no last activity date", schema.object.plural_label),
            ));
        }
        scopes.push(Scope::Condition(activity.condition(LAST_ACTIVITY, today)));
    }
    let spec = ListSpec {
        columns: &state.columns,
        sort: state.sort.as_ref(),
        scopes: &scopes,
        filters: &state.filters,
        page: url.page,
        page_size: LIST_PAGE_SIZE,
    };
    let cx = QueryContext {
        viewer_id: viewer.id,
        today,
    };
    let page = list_page(db, &schema, &spec, &cx).await?;
    let plural = schema.object.plural_label.clone();
    let view_description = match active {
        ViewRef::Builtin(BuiltinView::OwnedByMe) => settings
            .csm_property
            .as_ref()
            .map(|csm| format!("{plural} where you are the {csm}", csm = csm.label)),
        ViewRef::Builtin(BuiltinView::AssignedRecently) => {
            settings.csm_property.as_ref().map(|csm| {
                format!(
                    "{plural} whose {csm} was set to you in the last {RECENT_ASSIGNMENT_DAYS} days",
                    csm = csm.label
                )
            })
        }
        ViewRef::Builtin(BuiltinView::All) => None,
        ViewRef::Saved(id) => saved
            .iter()
            .find(|v| v.id == id)
            .filter(|v| !v.description.is_empty())
            .map(|v| v.description.clone()),
    };
    Ok(RecordListView {
        views: summaries(&saved, &plural, viewer),
        object_label: plural,
        active,
        saved_state,
        state,
        fields: schema.field_infos(),
        users,
        view_description,
        can_share: viewer.can_manage_settings(),
        page,
    })
}

/// The first view of the sidebar: a featured Everyone view (an admin's default), else Owned by
/// me.
fn default_view(saved: &[SavedView]) -> ViewRef {
    saved
        .iter()
        .find(|v| v.featured)
        .map_or(ViewRef::Builtin(BuiltinView::OwnedByMe), |v| {
            ViewRef::Saved(v.id)
        })
}

fn builtin_scopes(
    active: ViewRef,
    settings: &CustomerTab,
    viewer_id: i64,
) -> Result<Vec<Scope>, AppError> {
    let needs_csm =
        || {
            settings.csm_property.as_ref().map(|p| p.name.clone()).ok_or_else(|| {
            AppError::invalid(
                "view",
                "Your workspace has no CSM property yet, so no records are assigned to you. \
                 An admin can choose one in the workspace settings.",
            )
        })
        };
    Ok(match active {
        ViewRef::Builtin(BuiltinView::OwnedByMe) => vec![Scope::UserIs {
            property: needs_csm()?,
            user_id: viewer_id,
        }],
        ViewRef::Builtin(BuiltinView::AssignedRecently) => vec![Scope::AssignedSince {
            property: needs_csm()?,
            user_id: viewer_id,
            since: Utc::now() - Duration::days(RECENT_ASSIGNMENT_DAYS),
        }],
        ViewRef::Builtin(BuiltinView::All) | ViewRef::Saved(_) => vec![],
    })
}

/// The sidebar: featured views first (the default), the built-in ones, then the saved ones.
fn summaries(saved: &[SavedView], plural: &str, viewer: &Viewer) -> Vec<ViewSummary> {
    let summary = |view: &SavedView| ViewSummary {
        view: ViewRef::Saved(view.id),
        name: view.name.clone(),
        sharing: Some(view.sharing),
        featured: view.featured,
        description: view.description.clone(),
        editable: view.editable_by(viewer.id, viewer.can_manage_settings()),
        owner_name: Some(view.owner_name.clone()),
    };
    let builtin = BuiltinView::ALL.iter().map(|view| ViewSummary {
        view: ViewRef::Builtin(*view),
        name: match view {
            BuiltinView::All => format!("All {}", plural.to_lowercase()),
            other => other.name().to_string(),
        },
        sharing: None,
        featured: false,
        description: String::new(),
        editable: false,
        owner_name: None,
    });
    saved
        .iter()
        .filter(|v| v.featured)
        .map(summary)
        .chain(builtin)
        .chain(saved.iter().filter(|v| !v.featured).map(summary))
        .collect()
}
