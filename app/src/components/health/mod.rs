//! The health card of a record and its parts.

mod category_badge;
mod health_score_card;
mod score_history_chart;

pub use category_badge::CategoryBadge;
pub use health_score_card::HealthScoreCards;
pub use score_history_chart::ScoreHistoryChart;
