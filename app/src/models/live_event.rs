//! What the server pushes to open browser tabs (SPEC §6): which things changed, by id, never
//! their contents. A tab that cares re-reads through the normal server functions, so the
//! permissions of those functions decide what it sees.

use serde::{Deserialize, Serialize};

/// More ids than this in one event become "some records of this object changed" (an empty
/// list): a PostgreSQL notification carries at most 8,000 bytes, and a page listing many
/// changed records re-reads anyway.
pub const MAX_IDS_PER_EVENT: usize = 200;

/// One change, as ids. Externally tagged (`{"records_changed":{…}}`, `"resync"`): an
/// internally tagged enum would bring serde's buffering decoder into the browser for it alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveEvent {
    /// Records of an object were created, edited, moved or rescored. `record_ids` empty: too
    /// many to name; anything showing that object reads again.
    RecordsChanged {
        object_type_id: i64,
        record_ids: Vec<i64>,
    },
    /// A user's alerts changed (a new one, one read): sent only to that user's tabs.
    AlertsChanged { user_id: i64 },
    /// A workspace's settings changed (tabs shown, pipelines, columns): sent to its users.
    WorkspaceChanged { workspace_id: i64 },
    /// Contacts did something the Feed shows (opened an email, booked a meeting, …).
    /// `contact_ids` empty: too many to name. Sent to every workspace user: whose customers
    /// the contacts belong to is the Feed's own query to answer, when it counts what is new.
    SalesActivity { contact_ids: Vec<i64> },
    /// A session ended (logged out, user deactivated): its streams close. Never sent to a
    /// browser; `session` is the stored hash of the session's token, not the token.
    SessionEnded { session: String },
    /// Every user's sessions ended (deactivated, password reset): their streams close.
    UserSessionsEnded { user_id: i64 },
    /// Events may have been missed (a reconnect, a slow reader): read everything shown again.
    Resync,
}

impl LiveEvent {
    /// Records `record_ids` of `object_type_id` changed; beyond [`MAX_IDS_PER_EVENT`] ids the
    /// event names the object only.
    pub fn records_changed(object_type_id: i64, mut record_ids: Vec<i64>) -> LiveEvent {
        record_ids.sort_unstable();
        record_ids.dedup();
        if record_ids.len() > MAX_IDS_PER_EVENT {
            record_ids.clear();
        }
        LiveEvent::RecordsChanged {
            object_type_id,
            record_ids,
        }
    }

    /// Contacts `contact_ids` had sales activity; beyond [`MAX_IDS_PER_EVENT`] ids the event
    /// names none.
    pub fn sales_activity(mut contact_ids: Vec<i64>) -> LiveEvent {
        contact_ids.sort_unstable();
        contact_ids.dedup();
        if contact_ids.len() > MAX_IDS_PER_EVENT {
            contact_ids.clear();
        }
        LiveEvent::SalesActivity { contact_ids }
    }

    /// Whether a page showing records of `object_type_id` should read them again.
    pub fn touches_object(&self, object_type_id: i64) -> bool {
        match self {
            LiveEvent::RecordsChanged {
                object_type_id: changed,
                ..
            } => *changed == object_type_id,
            LiveEvent::Resync => true,
            _ => false,
        }
    }

    /// Whether a panel showing record `record_id` should read it again.
    pub fn touches_record(&self, record_id: i64) -> bool {
        match self {
            LiveEvent::RecordsChanged { record_ids, .. } => {
                record_ids.is_empty() || record_ids.contains(&record_id)
            }
            LiveEvent::Resync => true,
            _ => false,
        }
    }

    /// Whether the stream of `user_id`, working in `workspace_id`, forwards this event to its
    /// browser: alerts only to their user, workspace changes only to that workspace's users,
    /// session endings never (they close streams on the server); record changes and sales
    /// activity to everyone (every stream is a workspace user's).
    pub fn is_for(&self, user_id: i64, workspace_id: i64) -> bool {
        match self {
            LiveEvent::AlertsChanged { user_id: owner } => *owner == user_id,
            LiveEvent::WorkspaceChanged {
                workspace_id: changed,
            } => *changed == workspace_id,
            LiveEvent::SessionEnded { .. } | LiveEvent::UserSessionsEnded { .. } => false,
            LiveEvent::RecordsChanged { .. }
            | LiveEvent::SalesActivity { .. }
            | LiveEvent::Resync => true,
        }
    }
}

/// An event as it travels: the event and when it was published (microseconds since the Unix
/// epoch), from which the benchmark measures fan-out latency. Between instances it is JSON;
/// to a browser, [`LiveMessage::to_browser`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMessage {
    pub event: LiveEvent,
    pub published_at_us: i64,
}

impl LiveMessage {
    /// The `data` of a server-sent event: postcard, base64-encoded (an event's data is text).
    /// The browser then reads it with the decoders it holds for server function answers and
    /// page data, instead of a JSON decoder for this type alone.
    pub fn to_browser(&self) -> String {
        use base64::Engine;
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
    }

    /// A message written by [`LiveMessage::to_browser`]; `None` for anything else.
    pub fn from_browser_data(data: &str) -> Option<LiveMessage> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(data)
            .ok()?;
        postcard::from_bytes(&bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_ids_become_the_whole_object() {
        let many: Vec<i64> = (0..=MAX_IDS_PER_EVENT as i64).collect();
        let event = LiveEvent::records_changed(3, many);
        assert_eq!(
            event,
            LiveEvent::RecordsChanged {
                object_type_id: 3,
                record_ids: vec![]
            }
        );
        assert!(event.touches_record(12345));
        let few = LiveEvent::records_changed(3, vec![7, 5, 7]);
        assert!(few.touches_record(5) && !few.touches_record(6));
        assert!(few.touches_object(3) && !few.touches_object(4));
    }

    #[test]
    fn alerts_reach_their_user_only_and_session_endings_no_browser() {
        let alert = LiveEvent::AlertsChanged { user_id: 4 };
        assert!(alert.is_for(4, 1) && !alert.is_for(5, 1));
        assert!(
            !LiveEvent::SessionEnded {
                session: "ab".into()
            }
            .is_for(4, 1)
        );
        let settings = LiveEvent::WorkspaceChanged { workspace_id: 1 };
        assert!(settings.is_for(9, 1) && !settings.is_for(9, 2));
    }

    #[test]
    fn sales_activity_reaches_every_workspace_user_and_touches_no_record() {
        let event = LiveEvent::sales_activity(vec![9, 3, 9]);
        assert_eq!(
            event,
            LiveEvent::SalesActivity {
                contact_ids: vec![3, 9]
            }
        );
        assert!(event.is_for(1, 1) && event.is_for(2, 7));
        assert!(!event.touches_record(3) && !event.touches_object(1));
        let many: Vec<i64> = (0..=MAX_IDS_PER_EVENT as i64).collect();
        assert_eq!(
            LiveEvent::sales_activity(many),
            LiveEvent::SalesActivity {
                contact_ids: vec![]
            }
        );
        let json = serde_json::to_string(&LiveEvent::sales_activity(vec![4])).unwrap();
        assert_eq!(json, r#"{"sales_activity":{"contact_ids":[4]}}"#);
    }

    #[test]
    fn events_reach_browsers_as_postcard_text() {
        for event in [
            LiveEvent::records_changed(3, vec![7, 5]),
            LiveEvent::AlertsChanged { user_id: 2 },
            LiveEvent::Resync,
        ] {
            let message = LiveMessage {
                event,
                published_at_us: 1_700_000_000_000_000,
            };
            let data = message.to_browser();
            assert!(
                data.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/".contains(&b))
            );
            assert_eq!(LiveMessage::from_browser_data(&data), Some(message));
        }
        assert_eq!(
            LiveMessage::from_browser_data("{\"event\":\"resync\"}"),
            None
        );
        assert_eq!(LiveMessage::from_browser_data("AAAA"), None);
    }

    #[test]
    fn events_travel_between_instances_as_tagged_json() {
        let message = LiveMessage {
            event: LiveEvent::AlertsChanged { user_id: 2 },
            published_at_us: 10,
        };
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(
            json,
            r#"{"event":{"alerts_changed":{"user_id":2}},"published_at_us":10}"#
        );
        assert_eq!(serde_json::from_str::<LiveMessage>(&json).unwrap(), message);
        let resync = r#"{"event":"resync","published_at_us":11}"#;
        assert_eq!(
            serde_json::from_str::<LiveMessage>(resync).unwrap().event,
            LiveEvent::Resync
        );
    }
}
