//! Health alerts (SPEC §5): a customer's health category changed, told to its CSM.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::health_score::HealthCategory;

/// How long an alert is kept and shown.
pub const ALERT_LIFETIME_DAYS: i64 = 14;
/// Alerts per page of the alerts panel.
pub const ALERTS_PER_PAGE: usize = 25;

/// One alert, as its panel shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    pub record_id: i64,
    pub record_name: String,
    /// The score profile whose category changed, e.g. "Customer health".
    pub profile_name: String,
    pub from_category: HealthCategory,
    pub to_category: HealthCategory,
    pub from_score: i64,
    pub to_score: i64,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

impl Alert {
    /// "Acme Corp went from Healthy to At risk".
    pub fn headline(&self) -> String {
        format!(
            "{} went from {} to {}",
            self.record_name,
            self.from_category.label(),
            self.to_category.label()
        )
    }

    /// "Customer health 72 → 38".
    pub fn score_change(&self) -> String {
        format!(
            "{} {} → {}",
            self.profile_name, self.from_score, self.to_score
        )
    }
}

/// A page of the viewer's alerts, newest first, with the unread count for the badge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertPage {
    pub alerts: Vec<Alert>,
    /// Older alerts follow (ask with the last alert's id).
    pub has_more: bool,
    pub unread: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_says_what_changed_in_words() {
        let alert = Alert {
            id: 1,
            record_id: 2,
            record_name: "Acme Corp".into(),
            profile_name: "Customer health".into(),
            from_category: HealthCategory::Healthy,
            to_category: HealthCategory::AtRisk,
            from_score: 72,
            to_score: 38,
            created_at: Utc::now(),
            read: false,
        };
        assert_eq!(alert.headline(), "Acme Corp went from Healthy to At risk");
        assert_eq!(alert.score_change(), "Customer health 72 → 38");
    }
}
