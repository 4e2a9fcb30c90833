//! The ten activities generated for each company (notes, emails, calls, tasks around today,
//! meetings around this week), and the builder of their `activities` rows.

use chrono::{DateTime, Datelike, Duration, Utc};
use rand::Rng;

use super::{
    chunk::Chunk,
    companies::{Company, Generator},
    words::{
        CALL_SUBJECTS, EMAIL_SUBJECTS, MEETING_SUBJECTS, NOTE_SUBJECTS, TASK_SUBJECTS, pick,
        pick_str,
    },
};
use crate::db::sql_value::SqlValue;

impl Generator<'_> {
    /// Ten activities of `company`, each linked to the company and one of its `contacts`.
    pub(super) fn activities(&mut self, company: &Company, contacts: &[i64], chunk: &mut Chunk) {
        let now = self.now;
        let today = self.today;
        let company_id = company.id;
        let csm = company.csm;
        let domain = &company.domain;
        for _ in 0..10 {
            let roll: u32 = self.rng.gen_range(0..100);
            let contact = *pick(&mut self.rng, contacts);
            let mut row = ActivityRowBuilder::new(self.activity_id, csm, now);
            match roll {
                0..=24 => row.note(
                    pick_str(&mut self.rng, NOTE_SUBJECTS),
                    now - Duration::hours(self.rng.gen_range(1..24 * 180)),
                ),
                25..=44 => row.email(
                    pick_str(&mut self.rng, EMAIL_SUBJECTS),
                    now - Duration::hours(self.rng.gen_range(1..24 * 180)),
                ),
                45..=59 => row.call(
                    pick_str(&mut self.rng, CALL_SUBJECTS),
                    now - Duration::hours(self.rng.gen_range(1..24 * 180)),
                    self.rng.gen_range(5..60),
                ),
                60..=89 => {
                    // Tasks cluster around today so every CSM has overdue work, work due
                    // today and tomorrow, and a history of completed tasks.
                    let day_offset = self.rng.gen_range(-10..=10);
                    let due = today
                        + Duration::days(day_offset)
                        + Duration::minutes(self.rng.gen_range(8 * 4..18 * 4) * 15);
                    let completed =
                        day_offset < 0 && self.rng.gen_bool(0.5) || self.rng.gen_bool(0.1);
                    let priority = *pick(&mut self.rng, &["none", "low", "medium", "high"]);
                    let task_type = *pick(&mut self.rng, &["todo", "call", "email"]);
                    row.task(
                        pick_str(&mut self.rng, TASK_SUBJECTS),
                        due,
                        completed,
                        task_type,
                        priority,
                    );
                }
                _ => {
                    let week_start =
                        today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                    // Spread over four weeks around this one, as a CSM's calendar is.
                    let starts = week_start
                        + Duration::days(self.rng.gen_range(-7..21))
                        + Duration::minutes(self.rng.gen_range(16..36) * 30);
                    row.meeting(
                        pick_str(&mut self.rng, MEETING_SUBJECTS),
                        starts,
                        Duration::minutes(*pick(&mut self.rng, &[30, 45, 60])),
                        domain,
                    );
                }
            }
            chunk.activities.push(row.finish());
            chunk.activity_links.push(vec![
                SqlValue::from(self.activity_id),
                SqlValue::from(company_id),
            ]);
            chunk.activity_links.push(vec![
                SqlValue::from(self.activity_id),
                SqlValue::from(contact),
            ]);
            self.activity_id += 1;
        }
    }
}

/// Builds one `activities` row; fields a kind does not use stay NULL.
pub(super) struct ActivityRowBuilder {
    id: i64,
    owner: i64,
    created_at: DateTime<Utc>,
    kind: &'static str,
    subject: String,
    occurred_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    task: Option<(&'static str, &'static str, &'static str)>,
    completed_at: Option<DateTime<Utc>>,
    /// Start, end and video link.
    meeting: Option<(DateTime<Utc>, DateTime<Utc>, String)>,
    duration_minutes: Option<i64>,
}

impl ActivityRowBuilder {
    pub(super) const COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "subject",
        "body",
        "owner_id",
        "created_by",
        "occurred_at",
        "due_at",
        "task_status",
        "task_type",
        "priority",
        "completed_at",
        "starts_at",
        "ends_at",
        "link",
        "duration_minutes",
        "created_at",
    ];

    fn new(id: i64, owner: i64, created_at: DateTime<Utc>) -> Self {
        ActivityRowBuilder {
            id,
            owner,
            created_at,
            kind: "note",
            subject: String::new(),
            occurred_at: created_at,
            due_at: None,
            task: None,
            completed_at: None,
            meeting: None,
            duration_minutes: None,
        }
    }

    fn note(&mut self, subject: &str, at: DateTime<Utc>) {
        self.kind = "note";
        self.subject = subject.into();
        self.occurred_at = at;
    }

    fn email(&mut self, subject: &str, at: DateTime<Utc>) {
        self.kind = "email";
        self.subject = subject.into();
        self.occurred_at = at;
    }

    fn call(&mut self, subject: &str, at: DateTime<Utc>, minutes: i64) {
        self.kind = "call";
        self.subject = subject.into();
        self.occurred_at = at;
        self.duration_minutes = Some(minutes);
    }

    fn task(
        &mut self,
        subject: &str,
        due: DateTime<Utc>,
        completed: bool,
        task_type: &'static str,
        priority: &'static str,
    ) {
        self.kind = "task";
        self.subject = subject.into();
        self.occurred_at = due;
        self.due_at = Some(due);
        let status = if completed {
            "completed"
        } else {
            "not_started"
        };
        self.task = Some((status, task_type, priority));
        self.completed_at = completed.then_some(due);
    }

    fn meeting(&mut self, subject: &str, starts: DateTime<Utc>, length: Duration, domain: &str) {
        self.kind = "meeting";
        self.subject = subject.into();
        self.occurred_at = starts;
        self.meeting = Some((
            starts,
            starts + length,
            format!("https://meet.{domain}/{}", self.id),
        ));
    }

    fn finish(self) -> Vec<SqlValue> {
        let (status, task_type, priority) = match self.task {
            Some((s, t, p)) => (Some(s), Some(t), Some(p)),
            None => (None, None, None),
        };
        let (starts, ends, link) = match self.meeting {
            Some((s, e, l)) => (Some(s), Some(e), Some(l)),
            None => (None, None, None),
        };
        vec![
            SqlValue::from(self.id),
            SqlValue::from(self.kind),
            SqlValue::from(self.subject),
            SqlValue::from(""),
            SqlValue::from(self.owner),
            SqlValue::from(self.owner),
            SqlValue::from(self.occurred_at),
            SqlValue::from(self.due_at),
            SqlValue::Text(status.map(str::to_string)),
            SqlValue::Text(task_type.map(str::to_string)),
            SqlValue::Text(priority.map(str::to_string)),
            SqlValue::from(self.completed_at),
            SqlValue::from(starts),
            SqlValue::from(ends),
            SqlValue::Text(link),
            SqlValue::from(self.duration_minutes),
            SqlValue::from(self.created_at),
        ]
    }
}
