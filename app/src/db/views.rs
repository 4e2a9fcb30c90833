//! Saved views of record lists: their columns, filters and sort, and who sees and edits them.
//! A private view is its owner's alone (others get "not found"); a view shared with Everyone is
//! listed for all, and editable by its owner and by users who manage settings.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{
    Db, parse_name,
    query::{QueryContext, compile::compile_where, field::resolve},
    schema_cache::ObjectSchema,
};
use crate::{
    error::{AppError, on_duplicate},
    models::view::{MAX_VIEW_COLUMNS, Sharing, ViewState},
    on_pool,
};

/// Most characters a featured view's description may hold.
pub const MAX_DESCRIPTION: usize = 300;

#[derive(Clone, Debug, PartialEq)]
pub struct SavedView {
    pub id: i64,
    pub object_type_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub name: String,
    pub sharing: Sharing,
    pub featured: bool,
    pub description: String,
    pub state: ViewState,
    pub updated_at: DateTime<Utc>,
}

impl SavedView {
    /// Whether `viewer_id` may see it.
    pub fn visible_to(&self, viewer_id: i64) -> bool {
        self.sharing == Sharing::Everyone || self.owner_id == viewer_id
    }

    /// Whether `viewer_id` may rename, save over or delete it: their own views, and Everyone
    /// views for those who manage settings.
    pub fn editable_by(&self, viewer_id: i64, manages_settings: bool) -> bool {
        self.owner_id == viewer_id || (self.sharing == Sharing::Everyone && manages_settings)
    }
}

#[derive(FromRow)]
struct ViewRow {
    id: i64,
    object_type_id: i64,
    owner_id: i64,
    owner_name: String,
    name: String,
    sharing: String,
    featured: bool,
    description: String,
    state: String,
    updated_at: DateTime<Utc>,
}

impl TryFrom<ViewRow> for SavedView {
    type Error = AppError;

    fn try_from(row: ViewRow) -> Result<SavedView, AppError> {
        let state = serde_json::from_str(&row.state)
            .map_err(|e| AppError::internal("saved view state", e))?;
        Ok(SavedView {
            id: row.id,
            object_type_id: row.object_type_id,
            owner_id: row.owner_id,
            owner_name: row.owner_name,
            name: row.name,
            sharing: Sharing::parse(&row.sharing).unwrap_or(Sharing::Private),
            featured: row.featured,
            description: row.description,
            state,
            updated_at: row.updated_at,
        })
    }
}

const VIEW_SELECT: &str = "SELECT v.id, v.object_type_id, v.owner_id, u.name AS owner_name, v.name, \
     v.sharing, v.featured, v.description, v.state, v.updated_at \
     FROM saved_views v JOIN users u ON u.id = v.owner_id";

/// The views of an object that `viewer_id` sees: featured Everyone views first (the first of
/// them is the list's default), then the viewer's own, then the other Everyone views.
pub async fn visible_views(
    db: &Db,
    object_type_id: i64,
    viewer_id: i64,
) -> Result<Vec<SavedView>, AppError> {
    let sql = format!(
        "{VIEW_SELECT} WHERE v.object_type_id = $1 AND (v.owner_id = $2 OR v.sharing = 'everyone') \
         ORDER BY CASE WHEN v.featured THEN 0 WHEN v.owner_id = $2 THEN 1 ELSE 2 END, \
         LOWER(v.name), v.id"
    );
    let rows: Vec<ViewRow> = on_pool!(db, pool => sqlx::query_as(&sql)
        .bind(object_type_id)
        .bind(viewer_id)
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(SavedView::try_from).collect()
}

/// The view `id` if `viewer_id` may see it.
pub async fn visible_view(db: &Db, id: i64, viewer_id: i64) -> Result<SavedView, AppError> {
    let sql = format!("{VIEW_SELECT} WHERE v.id = $1");
    let row: Option<ViewRow> =
        on_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    row.map(SavedView::try_from)
        .transpose()?
        .filter(|view| view.visible_to(viewer_id))
        .ok_or_else(|| AppError::not_found("The view"))
}

/// A view's state as the client sends it (JSON of [`ViewState`]).
pub fn parse_state(raw: &str) -> Result<ViewState, AppError> {
    serde_json::from_str(raw)
        .map_err(|_| AppError::invalid("state", "The view's columns and filters are malformed"))
}

/// The view `id` if `viewer` may change it (see [`SavedView::editable_by`]); `action` completes
/// "You don't have permission to …".
pub async fn editable_view(
    db: &Db,
    id: i64,
    viewer: &crate::models::Viewer,
    action: &str,
) -> Result<SavedView, AppError> {
    let view = visible_view(db, id, viewer.id).await?;
    if !view.editable_by(viewer.id, viewer.can_manage_settings()) {
        return Err(AppError::PermissionDenied(format!(
            "{action}: it belongs to someone else"
        )));
    }
    Ok(view)
}

/// Checks a view's state against the object's schema: known columns (1 to 30, no repeats), a
/// known sort field, and filters that compile.
pub fn check_state(
    schema: &ObjectSchema,
    state: &ViewState,
    viewer_id: i64,
) -> Result<(), AppError> {
    if state.columns.is_empty() || state.columns.len() > MAX_VIEW_COLUMNS {
        return Err(AppError::invalid(
            "columns",
            format!("Choose 1 to {MAX_VIEW_COLUMNS} columns"),
        ));
    }
    for (i, column) in state.columns.iter().enumerate() {
        resolve(schema, column)?;
        if state.columns[..i].contains(column) {
            return Err(AppError::invalid(
                "columns",
                format!("{column:?} is chosen twice"),
            ));
        }
    }
    if let Some(sort) = &state.sort {
        resolve(schema, &sort.property)?;
    }
    // Only checks that the filters compile; the zone makes no difference to that.
    let cx = QueryContext {
        viewer_id,
        today: Utc::now().date_naive(),
        zone: crate::models::time_zone::ViewerZone::UTC,
    };
    compile_where(schema, &[], &state.filters, &cx)?;
    Ok(())
}

/// A view to create, already checked by [`NewView::parse`].
#[derive(Clone, Debug)]
pub struct NewView {
    pub object_type_id: i64,
    pub owner_id: i64,
    pub name: String,
    pub sharing: Sharing,
    pub featured: bool,
    pub description: String,
    pub state: ViewState,
}

impl NewView {
    /// Checks the name, the sharing rules (Everyone and featuring need `may_share`; only
    /// Everyone views are featured) and the description.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        object_type_id: i64,
        owner_id: i64,
        name: &str,
        sharing: Sharing,
        featured: bool,
        description: &str,
        state: ViewState,
        may_share: bool,
    ) -> Result<NewView, AppError> {
        let name = parse_name("name", name)?;
        check_sharing(sharing, featured, may_share)?;
        let description = parse_description(featured, description)?;
        Ok(NewView {
            object_type_id,
            owner_id,
            name,
            sharing,
            featured,
            description,
            state,
        })
    }
}

fn check_sharing(sharing: Sharing, featured: bool, may_share: bool) -> Result<(), AppError> {
    if sharing == Sharing::Everyone && !may_share {
        return Err(AppError::PermissionDenied(
            "share views with Everyone: it needs Manage Customer Success Settings".into(),
        ));
    }
    if featured && sharing != Sharing::Everyone {
        return Err(AppError::invalid(
            "featured",
            "Only views shared with Everyone can be the default and featured on the summary page",
        ));
    }
    Ok(())
}

fn parse_description(featured: bool, raw: &str) -> Result<String, AppError> {
    let description = raw.trim();
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::invalid(
            "description",
            format!("Keep the description under {MAX_DESCRIPTION} characters"),
        ));
    }
    Ok(if featured {
        description.to_string()
    } else {
        String::new()
    })
}

fn duplicate_name(name: &str) -> impl FnOnce(sqlx::Error) -> AppError {
    on_duplicate("name", format!("You already have a view named {name:?}"))
}

pub async fn create_view(db: &Db, view: &NewView) -> Result<i64, AppError> {
    let state =
        serde_json::to_string(&view.state).map_err(|e| AppError::internal("view state", e))?;
    let now = Utc::now();
    on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO saved_views (object_type_id, owner_id, name, sharing, featured, description, \
         state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id")
        .bind(view.object_type_id)
        .bind(view.owner_id)
        .bind(&view.name)
        .bind(view.sharing.as_str())
        .bind(view.featured)
        .bind(&view.description)
        .bind(&state)
        .bind(now)
        .fetch_one(pool)
        .await)
    .map_err(duplicate_name(&view.name))
}

/// Saves `state` over view `id`.
pub async fn save_view_state(db: &Db, id: i64, state: &ViewState) -> Result<(), AppError> {
    let state = serde_json::to_string(state).map_err(|e| AppError::internal("view state", e))?;
    let updated = on_pool!(db, pool => execute sqlx::query(
        "UPDATE saved_views SET state = $1, updated_at = $2 WHERE id = $3")
        .bind(&state)
        .bind(Utc::now())
        .bind(id))?;
    super::require_found(updated, "The view")
}

/// Renames view `id` and sets its sharing; `may_share` as for [`NewView::parse`].
pub async fn update_view_details(
    db: &Db,
    id: i64,
    name: &str,
    sharing: Sharing,
    featured: bool,
    description: &str,
    may_share: bool,
) -> Result<(), AppError> {
    let name = parse_name("name", name)?;
    check_sharing(sharing, featured, may_share)?;
    let description = parse_description(featured, description)?;
    let updated = on_pool!(db, pool => execute sqlx::query(
        "UPDATE saved_views SET name = $1, sharing = $2, featured = $3, description = $4, \
         updated_at = $5 WHERE id = $6")
        .bind(&name)
        .bind(sharing.as_str())
        .bind(featured)
        .bind(&description)
        .bind(Utc::now())
        .bind(id))
    .map_err(duplicate_name(&name))?;
    super::require_found(updated, "The view")
}

pub async fn delete_view(db: &Db, id: i64) -> Result<(), AppError> {
    let deleted = on_pool!(db, pool => execute sqlx::query("DELETE FROM saved_views WHERE id = $1").bind(id))?;
    super::require_found(deleted, "The view")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(owner_id: i64, sharing: Sharing) -> SavedView {
        SavedView {
            id: 1,
            object_type_id: 2,
            owner_id,
            owner_name: "Owner".into(),
            name: "Mine".into(),
            sharing,
            featured: false,
            description: String::new(),
            state: ViewState::default(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn private_views_are_their_owners_alone() {
        let private = view(4, Sharing::Private);
        assert!(private.visible_to(4));
        assert!(!private.visible_to(5));
        assert!(private.editable_by(4, false));
        assert!(
            !private.editable_by(5, true),
            "managers do not edit others' private views"
        );
        let shared = view(4, Sharing::Everyone);
        assert!(shared.visible_to(5));
        assert!(!shared.editable_by(5, false));
        assert!(shared.editable_by(5, true));
    }

    #[test]
    fn sharing_rules() {
        let parse = |sharing, featured, may_share| {
            NewView::parse(
                2,
                4,
                "Big",
                sharing,
                featured,
                "Why",
                ViewState::default(),
                may_share,
            )
        };
        assert!(parse(Sharing::Private, false, false).is_ok());
        assert!(matches!(
            parse(Sharing::Everyone, false, false),
            Err(AppError::PermissionDenied(_))
        ));
        assert!(matches!(
            parse(Sharing::Private, true, true),
            Err(AppError::Invalid { ref field, .. }) if field == "featured"
        ));
        let featured = parse(Sharing::Everyone, true, true).unwrap();
        assert_eq!(featured.description, "Why");
        assert_eq!(
            parse(Sharing::Everyone, false, true).unwrap().description,
            ""
        );
        assert!(
            NewView::parse(
                2,
                4,
                "  ",
                Sharing::Private,
                false,
                "",
                ViewState::default(),
                false
            )
            .is_err()
        );
    }
}
