//! Activities on records (the timeline) and sales activity events (the feed).

use serde::{Deserialize, Serialize};

string_enum!(
    /// The kinds of activity a record's timeline holds.
    ActivityKind { Note => "note", Email => "email", Call => "call", Task => "task", Meeting => "meeting" }
);
string_enum!(TaskStatus { NotStarted => "not_started", Completed => "completed" });
string_enum!(TaskType { Todo => "todo", Call => "call", Email => "email" });
string_enum!(TaskPriority { None => "none", Low => "low", Medium => "medium", High => "high" });
string_enum!(
    /// Sales activity by a contact, shown in the Feed.
    SalesEventKind {
        EmailOpened => "email_opened",
        EmailClicked => "email_clicked",
        EmailReplied => "email_replied",
        FormSubmitted => "form_submitted",
        PageVisited => "page_visited",
        MeetingBooked => "meeting_booked",
        SequenceEnrolled => "sequence_enrolled",
        SequenceUnenrolled => "sequence_unenrolled",
    }
);
string_enum!(
    /// The permissions of SPEC §1.
    Permission {
        SuperAdmin => "super_admin",
        ServiceSeat => "service_seat",
        CsWorkspaceAccess => "cs_workspace_access",
        ManageCsSettings => "manage_cs_settings",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in SalesEventKind::ALL {
            assert_eq!(SalesEventKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(ActivityKind::parse("meeting"), Some(ActivityKind::Meeting));
        assert_eq!(Permission::parse("root"), None);
    }
}
