//! Meetings as the Schedule creates them: the form's draft, checked the same way by the
//! browser (messages at the fields before sending) and by the server.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{task::FieldProblem, time_zone::ViewerZone};

/// Longest meeting, in hours.
pub const MAX_MEETING_HOURS: i64 = 24;
/// Most attendees of one meeting.
pub const MAX_ATTENDEES: usize = 50;

/// The Create meeting form as typed: times are `YYYY-MM-DDTHH:MM` in the viewer's zone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingDraft {
    pub title: String,
    pub starts: String,
    pub ends: String,
    pub attendee_ids: Vec<i64>,
    pub link: String,
    pub description: String,
}

/// A draft that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedMeeting {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub attendee_ids: Vec<i64>,
    pub link: Option<String>,
    pub description: String,
}

impl MeetingDraft {
    pub fn check(&self, zone: ViewerZone) -> Result<CheckedMeeting, FieldProblem> {
        let problem = |field, message: String| FieldProblem { field, message };
        let title = self.title.trim();
        if title.is_empty() {
            return Err(problem("title", "Enter a title".into()));
        }
        if title.chars().count() > super::task::MAX_TITLE_CHARS {
            return Err(problem("title", "Keep the title to 200 characters".into()));
        }
        let time = |field, raw: &str, missing: &str| {
            if raw.trim().is_empty() {
                return Err(problem(field, missing.into()));
            }
            zone.parse_input(raw)
                .map_err(|message| problem(field, message))
        };
        let starts_at = time("starts", &self.starts, "Choose when the meeting starts")?;
        let ends_at = time("ends", &self.ends, "Choose when the meeting ends")?;
        if ends_at <= starts_at {
            return Err(problem(
                "ends",
                "The meeting must end after it starts".into(),
            ));
        }
        if ends_at - starts_at > Duration::hours(MAX_MEETING_HOURS) {
            return Err(problem(
                "ends",
                format!("A meeting lasts at most {MAX_MEETING_HOURS} hours"),
            ));
        }
        let link = self.link.trim();
        let web_address = link.starts_with("https://") || link.starts_with("http://");
        if !link.is_empty() && !web_address {
            return Err(problem(
                "link",
                "Enter a web address starting with https://".into(),
            ));
        }
        let mut attendee_ids = self.attendee_ids.clone();
        attendee_ids.sort_unstable();
        attendee_ids.dedup();
        if attendee_ids.len() > MAX_ATTENDEES {
            return Err(problem(
                "attendees",
                format!("Invite at most {MAX_ATTENDEES} attendees"),
            ));
        }
        Ok(CheckedMeeting {
            title: title.to_string(),
            starts_at,
            ends_at,
            attendee_ids,
            link: (!link.is_empty()).then(|| link.to_string()),
            description: self.description.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> MeetingDraft {
        MeetingDraft {
            title: "QBR".into(),
            starts: "2026-11-24T10:00".into(),
            ends: "2026-11-24T11:00".into(),
            link: "https://meet.example.com/qbr".into(),
            ..MeetingDraft::default()
        }
    }

    #[test]
    fn a_meeting_is_read_in_the_viewers_zone() {
        let meeting = draft()
            .check(ViewerZone::parse("Europe/Warsaw").unwrap())
            .unwrap();
        assert_eq!(meeting.starts_at.to_rfc3339(), "2026-11-24T09:00:00+00:00");
        assert_eq!(
            meeting.link.as_deref(),
            Some("https://meet.example.com/qbr")
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let field = |d: MeetingDraft| d.check(ViewerZone::UTC).unwrap_err().field;
        assert_eq!(
            field(MeetingDraft {
                title: "".into(),
                ..draft()
            }),
            "title"
        );
        assert_eq!(
            field(MeetingDraft {
                starts: "".into(),
                ..draft()
            }),
            "starts"
        );
        assert_eq!(
            field(MeetingDraft {
                ends: "2026-11-24T09:00".into(),
                ..draft()
            }),
            "ends"
        );
        assert_eq!(
            field(MeetingDraft {
                ends: "2026-11-26T09:00".into(),
                ..draft()
            }),
            "ends"
        );
        assert_eq!(
            field(MeetingDraft {
                link: "javascript:alert(1)".into(),
                ..draft()
            }),
            "link"
        );
    }
}
