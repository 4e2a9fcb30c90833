//! Tasks as the Tasks tab creates and edits them: the form's draft, parsed into a checked task
//! (shared by the browser, which shows a message at the field before sending, and the
//! server, which refuses the same input with the same message), and a task as its panel shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{TaskPriority, TaskType, UserRef, time_zone::ViewerZone};

/// Longest task title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest notes.
pub const MAX_NOTES_CHARS: usize = 10_000;
/// Most records one task may be associated with.
pub const MAX_TASK_RECORDS: usize = 20;

/// The task form as typed: the due time is `YYYY-MM-DDTHH:MM` in the viewer's zone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskDraft {
    pub title: String,
    pub due: String,
    pub task_type: Option<TaskType>,
    pub priority: Option<TaskPriority>,
    pub owner_id: i64,
    pub record_ids: Vec<i64>,
    pub notes: String,
}

/// A draft that passed every field check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedTask {
    pub title: String,
    pub due_at: DateTime<Utc>,
    pub task_type: TaskType,
    pub priority: TaskPriority,
    pub owner_id: i64,
    pub record_ids: Vec<i64>,
    pub notes: String,
}

/// A refused field: its name (as the form's inputs are named) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

impl FieldProblem {
    /// A server's refusal as the form shows it: at `error`'s field when the form has one of
    /// that name (`fields`), else under the form (`"form"`).
    pub fn from_error(error: crate::error::AppError, fields: &[&'static str]) -> FieldProblem {
        match error {
            crate::error::AppError::Invalid { field, message } => FieldProblem {
                field: fields
                    .iter()
                    .copied()
                    .find(|f| *f == field)
                    .unwrap_or("form"),
                message,
            },
            other => FieldProblem {
                field: "form",
                message: other.to_string(),
            },
        }
    }
}

impl TaskDraft {
    /// The task, or the first field that is wrong. `zone` reads the due time.
    pub fn check(&self, zone: ViewerZone) -> Result<CheckedTask, FieldProblem> {
        let problem = |field, message: &str| FieldProblem {
            field,
            message: message.into(),
        };
        let title = self.title.trim();
        if title.is_empty() {
            return Err(problem("title", "Enter a title"));
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(problem(
                "title",
                &format!("Keep the title to {MAX_TITLE_CHARS} characters"),
            ));
        }
        if self.due.trim().is_empty() {
            return Err(problem("due", "Enter a due date and time"));
        }
        let due_at = zone
            .parse_input(&self.due)
            .map_err(|message| problem("due", &message))?;
        if self.notes.chars().count() > MAX_NOTES_CHARS {
            return Err(problem(
                "notes",
                &format!("Keep the notes to {MAX_NOTES_CHARS} characters"),
            ));
        }
        if self.owner_id <= 0 {
            return Err(problem("owner", "Choose who the task is assigned to"));
        }
        let mut record_ids = self.record_ids.clone();
        record_ids.sort_unstable();
        record_ids.dedup();
        if record_ids.len() > MAX_TASK_RECORDS {
            return Err(problem(
                "records",
                &format!("Associate at most {MAX_TASK_RECORDS} records"),
            ));
        }
        Ok(CheckedTask {
            title: title.to_string(),
            due_at,
            task_type: self.task_type.unwrap_or(TaskType::Todo),
            priority: self.priority.unwrap_or(TaskPriority::None),
            owner_id: self.owner_id,
            record_ids,
            notes: self.notes.trim().to_string(),
        })
    }
}

/// A task as its panel shows it; `draft` fills the edit form (due time in the viewer's zone).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskDetail {
    pub id: i64,
    pub version: i64,
    pub draft: TaskDraft,
    pub completed: bool,
    /// The due time as the viewer reads it, e.g. "Nov 25, 2026 07:30 JST".
    pub due_label: String,
    pub records: Vec<AssociableRecord>,
    pub created_by: Option<String>,
    /// The users a task may be assigned to.
    pub users: Vec<UserRef>,
}

/// A record a task or meeting can be associated with, as the search offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociableRecord {
    pub id: i64,
    pub name: String,
    /// The singular label of its object, e.g. "Company".
    pub object_label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> TaskDraft {
        TaskDraft {
            title: "  Call about renewal ".into(),
            due: "2026-03-29T02:30".into(),
            owner_id: 3,
            ..TaskDraft::default()
        }
    }

    #[test]
    fn a_draft_is_read_in_the_viewers_zone() {
        let tokyo = ViewerZone::parse("Asia/Tokyo").unwrap();
        let task = draft().check(tokyo).unwrap();
        assert_eq!(task.title, "Call about renewal");
        assert_eq!(task.due_at.to_rfc3339(), "2026-03-28T17:30:00+00:00");
        assert_eq!(task.task_type, TaskType::Todo);
        assert_eq!(task.priority, TaskPriority::None);
    }

    #[test]
    fn bad_fields_are_named() {
        let warsaw = ViewerZone::parse("Europe/Warsaw").unwrap();
        // 02:30 on 29 March 2026 does not exist in Warsaw: the clocks jump from 2:00 to 3:00.
        assert_eq!(draft().check(warsaw).unwrap_err().field, "due");
        let field = |d: TaskDraft| d.check(ViewerZone::UTC).unwrap_err().field;
        assert_eq!(
            field(TaskDraft {
                title: " ".into(),
                ..draft()
            }),
            "title"
        );
        assert_eq!(
            field(TaskDraft {
                due: "".into(),
                ..draft()
            }),
            "due"
        );
        assert_eq!(
            field(TaskDraft {
                due: "tomorrow".into(),
                ..draft()
            }),
            "due"
        );
        assert_eq!(
            field(TaskDraft {
                owner_id: 0,
                ..draft()
            }),
            "owner"
        );
        assert_eq!(
            field(TaskDraft {
                title: "x".repeat(MAX_TITLE_CHARS + 1),
                ..draft()
            }),
            "title"
        );
        assert_eq!(
            field(TaskDraft {
                record_ids: (1..=21).collect(),
                ..draft()
            }),
            "records"
        );
    }
}
