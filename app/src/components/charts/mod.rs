//! The app's one set of SVG charts — bar, line, pie and a single figure — drawn on the server
//! (so they show without JavaScript) from [`ChartPoint`]s, each with its figures in a table for
//! screen readers and on demand. Reports, the health summary and the record's score history all
//! draw with these.
//!
//! [`ChartPoint`]: crate::models::report::ChartPoint

mod bar_chart;
mod chart;
mod chart_table;
mod geometry;
mod line_chart;
mod pie_chart;

pub use bar_chart::BarChart;
pub use chart::Chart;
pub use chart_table::ChartTable;
pub use line_chart::LineChart;
pub use pie_chart::PieChart;
