//! A list tab as the viewer sees it: its views (built-in and saved), the state the URL asks
//! for, and the page of records — or, for a pipeline's board, the stages — that state selects.

use chrono::{Duration, NaiveDate, Utc};

use super::{
    Db,
    list_tabs::{TabLookup, TabObject, ready_tab_object, tab_object},
    query::{
        ListSpec, QueryContext, Scope,
        board::{board_columns, column_page},
        compile::compile_where,
        list_page,
        sql_builder::SqlBuilder,
    },
    record_detail::active_users,
    record_search::record_link,
    schema_cache::ObjectSchema,
    task_views::{count_task_views, task_view_scopes},
    tasks,
    views::{SavedView, check_state, visible_views},
    workspaces::ObjectTabSettings,
};
use crate::{
    error::AppError,
    models::{
        RecordPage, Viewer,
        pipeline::{BOARD_PAGE_SIZE, BoardCardPage, BoardView},
        view::{
            BuiltinView, CREATED_AT, LAST_ACTIVITY, LIST_PAGE_SIZE, ListPage, ListTab, ListUrl,
            RecordListView, ViewRef, ViewState, ViewSummary,
        },
        workspace::Layout,
    },
};

/// Days "Assigned in the last 30 days" looks back.
pub const RECENT_ASSIGNMENT_DAYS: i64 = 30;

/// A list's conditions as its URL asks for them: the active view, its saved state, the state
/// shown, and the scopes (tab, built-in view, quick filters) ANDed with the state's filters.
pub struct ListConditions {
    pub saved: Vec<SavedView>,
    pub active: ViewRef,
    pub saved_state: ViewState,
    pub state: ViewState,
    pub scopes: Vec<Scope>,
}

impl ListConditions {
    /// The compiled `WHERE` of this list.
    pub fn compile(
        &self,
        schema: &ObjectSchema,
        cx: &QueryContext,
    ) -> Result<SqlBuilder, AppError> {
        compile_where(schema, &self.scopes, &self.state.filters, cx)
    }
}

/// Reads the views of `object` and works out what `url` lists.
pub async fn list_conditions(
    db: &Db,
    viewer: &Viewer,
    object: &TabObject,
    url: &ListUrl,
) -> Result<ListConditions, AppError> {
    let schema = &object.schema;
    let saved = visible_views(db, schema.object.id, viewer.id).await?;
    let active = url.view.unwrap_or_else(|| default_view(&saved, object));
    let saved_state = match active {
        ViewRef::Builtin(view) => ViewState {
            columns: object.default_columns(),
            sort: object.default_sort(view),
            ..ViewState::default()
        },
        ViewRef::Saved(id) => saved
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| AppError::not_found("The view"))?
            .state
            .clone(),
    };
    let state = url.state.clone().unwrap_or_else(|| saved_state.clone());
    check_state(schema, &state, viewer.id)?;
    let today = viewer.time_zone.date_of(Utc::now());
    let mut scopes = builtin_scopes(active, &object.settings, viewer.id, today)?;
    if let Some((bar, _)) = &object.pipeline {
        scopes.push(Scope::InPipeline(bar.pipeline_id));
    }
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
    if let Some(record_id) = url.associated {
        if object.tab != ListTab::Tasks {
            return Err(AppError::invalid(
                "associated",
                "Only tasks are listed by their associated record",
            ));
        }
        scopes.push(Scope::AssociatedWith(record_id));
    }
    if let Some(owner) = state.owner {
        let property = object.owner_property().ok_or_else(|| {
            AppError::invalid(
                "owner",
                format!("{} have no owner", schema.object.plural_label),
            )
        })?;
        scopes.push(Scope::UserIs {
            property: property.name.clone(),
            user_id: owner,
        });
    }
    Ok(ListConditions {
        saved,
        active,
        saved_state,
        state,
        scopes,
    })
}

/// The list of `tab` as `url` asks for it: a page of the table, or the board's stages.
pub async fn record_list(
    db: &Db,
    viewer: &Viewer,
    tab: ListTab,
    url: &ListUrl,
) -> Result<ListPage, AppError> {
    let object = match tab_object(db, viewer, tab, url).await? {
        TabLookup::Ready(object) => object,
        TabLookup::Unavailable { title, hint } => {
            return Ok(ListPage::Unavailable { title, hint });
        }
    };
    let schema = &object.schema;
    // Independent reads run side by side (each on a connection of its own).
    let (conditions, users) =
        tokio::try_join!(list_conditions(db, viewer, &object, url), active_users(db))?;
    let cx = QueryContext::for_viewer(viewer);
    let state = &conditions.state;
    let board_layout = object
        .pipeline
        .as_ref()
        .filter(|(bar, _)| bar.layout == Layout::Board);
    let (page, board) = match board_layout {
        Some((_, pipeline)) => {
            let filter = conditions.compile(schema, &cx)?;
            let fields = object.card_fields(cx.zone);
            let columns =
                board_columns(db, schema, pipeline, &filter, fields, BOARD_PAGE_SIZE).await?;
            let total = columns.iter().map(|c| c.count).sum();
            let board = BoardView {
                pipeline_id: pipeline.id,
                columns,
                amount_label: fields.amount.map(|p| p.label.clone()),
                date_label: fields.date.map(|p| p.label.clone()),
                owner_label: fields.owner.map(|p| p.label.clone()),
            };
            (RecordPage::counted(total), Some(board))
        }
        None => {
            let spec = ListSpec {
                columns: &state.columns,
                sort: state.sort.as_ref(),
                scopes: &conditions.scopes,
                filters: &state.filters,
                page: url.page,
                page_size: LIST_PAGE_SIZE,
            };
            let mut page = list_page(db, schema, &spec, &cx).await?;
            if let Some((_, pipeline)) = &object.pipeline {
                page.stages = pipeline
                    .stages
                    .iter()
                    .map(|s| (s.id, s.name.clone()))
                    .collect();
            }
            (page, None)
        }
    };
    let plural = schema.object.plural_label.clone();
    let view_description = describe(&conditions, &object.settings, &plural);
    let mut views = summaries(&conditions.saved, tab, &plural, viewer);
    let mut completed = vec![];
    let associated = match url.associated {
        Some(record_id) => Some(record_link(db, record_id).await?),
        None => None,
    };
    if tab == ListTab::Tasks {
        count_task_views(db, viewer, &object, &mut views).await?;
        let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
        completed = tasks::completed_among(db, &ids).await?;
    }
    Ok(ListPage::Ready(Box::new(RecordListView {
        views,
        object_type_id: schema.object.id,
        object_noun: plural.to_lowercase(),
        object_label: plural,
        active: conditions.active,
        saved_state: conditions.saved_state.clone(),
        state: conditions.state.clone(),
        fields: schema.field_infos(),
        users,
        view_description,
        can_share: viewer.can_manage_settings(),
        owner_property: object.owner_property().map(|p| p.name.clone()),
        pipeline: object.pipeline.as_ref().map(|(bar, _)| bar.clone()),
        page,
        board,
        completed,
        associated,
    })))
}

/// More cards of one stage of `tab`'s board, as `url` filters it, after the card `before`.
pub async fn board_column(
    db: &Db,
    viewer: &Viewer,
    (tab, url): (ListTab, &ListUrl),
    stage_id: i64,
    before: Option<i64>,
) -> Result<BoardCardPage, AppError> {
    let object = ready_tab_object(db, viewer, tab, url).await?;
    let Some((_, pipeline)) = &object.pipeline else {
        return Err(AppError::invalid(
            "tab",
            "Only Services and Revenue have boards",
        ));
    };
    if !pipeline.stages.iter().any(|s| s.id == stage_id) {
        return Err(AppError::not_found("The stage"));
    }
    let conditions = list_conditions(db, viewer, &object, url).await?;
    let cx = QueryContext::for_viewer(viewer);
    let filter = conditions.compile(&object.schema, &cx)?;
    column_page(
        db,
        &object.schema,
        stage_id,
        before,
        &filter,
        object.card_fields(cx.zone),
        BOARD_PAGE_SIZE,
    )
    .await
}

/// What the active view lists, in words, when it is not obvious from its name.
fn describe(
    conditions: &ListConditions,
    settings: &ObjectTabSettings,
    plural: &str,
) -> Option<String> {
    match conditions.active {
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
        ViewRef::Builtin(BuiltinView::DueToday) => Some("Your open tasks due today".into()),
        ViewRef::Builtin(BuiltinView::Overdue) => Some("Your open tasks due before today".into()),
        ViewRef::Builtin(BuiltinView::DueTomorrow) => Some("Your open tasks due tomorrow".into()),
        ViewRef::Builtin(BuiltinView::Completed) => Some("Tasks you have completed".into()),
        ViewRef::Saved(id) => conditions
            .saved
            .iter()
            .find(|v| v.id == id)
            .filter(|v| !v.description.is_empty())
            .map(|v| v.description.clone()),
    }
}

/// The view a list opens on: a featured Everyone view (an admin's default), else Owned by me —
/// for a pipeline all of its records, as a board is for moving deals along; for tasks those
/// due today.
fn default_view(saved: &[SavedView], object: &TabObject) -> ViewRef {
    let builtin = if object.tab == ListTab::Tasks {
        BuiltinView::DueToday
    } else if object.pipeline.is_some() {
        BuiltinView::All
    } else {
        BuiltinView::OwnedByMe
    };
    saved
        .iter()
        .find(|v| v.featured)
        .map_or(ViewRef::Builtin(builtin), |v| ViewRef::Saved(v.id))
}

fn builtin_scopes(
    active: ViewRef,
    settings: &ObjectTabSettings,
    viewer_id: i64,
    today: NaiveDate,
) -> Result<Vec<Scope>, AppError> {
    if let ViewRef::Builtin(view) = active
        && let Some(scopes) = task_view_scopes(view, viewer_id, today)
    {
        return Ok(scopes);
    }
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
        _ => vec![],
    })
}

/// The sidebar: featured views first (the default), the built-in ones, then the saved ones.
fn summaries(saved: &[SavedView], tab: ListTab, plural: &str, viewer: &Viewer) -> Vec<ViewSummary> {
    let summary = |view: &SavedView| ViewSummary {
        view: ViewRef::Saved(view.id),
        name: view.name.clone(),
        sharing: Some(view.sharing),
        featured: view.featured,
        description: view.description.clone(),
        editable: view.editable_by(viewer.id, viewer.can_manage_settings()),
        owner_name: Some(view.owner_name.clone()),
        count: None,
    };
    let builtin = tab.builtin_views().iter().map(|view| ViewSummary {
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
        count: None,
    });
    saved
        .iter()
        .filter(|v| v.featured)
        .map(summary)
        .chain(builtin)
        .chain(saved.iter().filter(|v| !v.featured).map(summary))
        .collect()
}
