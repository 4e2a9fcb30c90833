//! The Tasks tab's own views — Due today, Overdue, Due tomorrow, All completed — as scopes of
//! the list engine, and the counts the sidebar shows beside them.

use chrono::NaiveDate;

use super::{
    Db,
    list_tabs::TabObject,
    query::{QueryContext, Scope, list::count_each},
    task_object,
};
use crate::{
    error::AppError,
    models::{
        TaskStatus, Viewer,
        filter::{Condition, Operator},
        view::{BuiltinView, ListTab, ViewRef, ViewSummary},
    },
};

/// The conditions of the Tasks tab's own views: the viewer's tasks, open and due on a day
/// (in the viewer's zone), or completed. `None` for the other views.
pub fn task_view_scopes(view: BuiltinView, viewer_id: i64, today: NaiveDate) -> Option<Vec<Scope>> {
    let condition = |property: &str, operator, values: Vec<String>| {
        Scope::Condition(Condition {
            property: property.into(),
            operator,
            values,
        })
    };
    let status = |value: TaskStatus| {
        condition(
            task_object::STATUS,
            Operator::IsAnyOf,
            vec![value.as_str().into()],
        )
    };
    let due = |operator, day: NaiveDate| {
        condition(task_object::DUE_DATE, operator, vec![day.to_string()])
    };
    let tomorrow = today.succ_opt()?;
    let timing = match view {
        BuiltinView::DueToday => vec![status(TaskStatus::NotStarted), due(Operator::On, today)],
        BuiltinView::Overdue => vec![status(TaskStatus::NotStarted), due(Operator::Before, today)],
        BuiltinView::DueTomorrow => {
            vec![status(TaskStatus::NotStarted), due(Operator::On, tomorrow)]
        }
        BuiltinView::Completed => vec![status(TaskStatus::Completed)],
        BuiltinView::OwnedByMe | BuiltinView::AssignedRecently | BuiltinView::All => return None,
    };
    let mut scopes = vec![Scope::UserIs {
        property: task_object::OWNER.into(),
        user_id: viewer_id,
    }];
    scopes.extend(timing);
    Some(scopes)
}

/// Puts beside each of the Tasks tab's own views how many tasks it lists: one statement of
/// capped counts, each on the owner's `(owner_id, task_status, due_at)` index.
pub(super) async fn count_task_views(
    db: &Db,
    viewer: &Viewer,
    object: &TabObject,
    views: &mut [ViewSummary],
) -> Result<(), AppError> {
    let cx = QueryContext::for_viewer(viewer);
    let mut counted = Vec::new();
    for view in ListTab::Tasks.builtin_views() {
        if let Some(scopes) = task_view_scopes(*view, viewer.id, cx.today) {
            counted.push((*view, scopes));
        }
    }
    let scope_sets: Vec<&[Scope]> = counted.iter().map(|(_, s)| s.as_slice()).collect();
    let counts = count_each(db, &object.schema, &scope_sets, &cx).await?;
    for ((view, _), count) in counted.iter().zip(counts) {
        if let Some(summary) = views.iter_mut().find(|v| v.view == ViewRef::Builtin(*view)) {
            summary.count = Some(count);
        }
    }
    Ok(())
}
