//! Where timed items sit in a calendar day: overlapping items side by side, each in the
//! leftmost free column of its cluster (a run of items that overlap one another, directly or
//! through others), all items of a cluster sharing its number of columns.

use serde::{Deserialize, Serialize};

/// Shortest block drawn, so a 5-minute call stays clickable and readable.
pub const MIN_BLOCK_MINUTES: u32 = 30;

/// A timed item of one day: minutes since the day's local midnight, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A span's place: its column and how many columns its cluster has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub column: u32,
    pub columns: u32,
}

/// Places `spans` (any order) and returns their placements in the same order. A span is drawn
/// at least [`MIN_BLOCK_MINUTES`] tall, and is laid out at that height too, so short items
/// that would be drawn over each other sit side by side.
pub fn lay_out(spans: &[Span]) -> Vec<Placement> {
    let drawn_end = |s: &Span| s.end.max(s.start + MIN_BLOCK_MINUTES);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, std::cmp::Reverse(drawn_end(&spans[i])), i));
    let mut placements = vec![
        Placement {
            column: 0,
            columns: 1
        };
        spans.len()
    ];
    // The current cluster: its members, and the end of the last item in each column.
    let mut cluster: Vec<usize> = Vec::new();
    let mut column_ends: Vec<u32> = Vec::new();
    let mut cluster_end = 0;
    let close = |cluster: &mut Vec<usize>, columns: usize, placements: &mut Vec<Placement>| {
        for &member in cluster.iter() {
            placements[member].columns = columns as u32;
        }
        cluster.clear();
    };
    for i in order {
        let span = &spans[i];
        if !cluster.is_empty() && span.start >= cluster_end {
            close(&mut cluster, column_ends.len(), &mut placements);
            column_ends.clear();
        }
        let column = match column_ends.iter().position(|&end| end <= span.start) {
            Some(free) => free,
            None => {
                column_ends.push(0);
                column_ends.len() - 1
            }
        };
        column_ends[column] = drawn_end(span);
        cluster_end = cluster_end.max(drawn_end(span));
        if cluster.is_empty() {
            cluster_end = drawn_end(span);
        }
        placements[i].column = column as u32;
        cluster.push(i);
    }
    close(&mut cluster, column_ends.len(), &mut placements);
    placements
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start_hour: f32, end_hour: f32) -> Span {
        Span {
            start: (start_hour * 60.0) as u32,
            end: (end_hour * 60.0) as u32,
        }
    }

    fn place(column: u32, columns: u32) -> Placement {
        Placement { column, columns }
    }

    #[test]
    fn separate_items_take_the_whole_width() {
        let placed = lay_out(&[span(9.0, 10.0), span(10.0, 11.0), span(13.0, 14.0)]);
        assert_eq!(placed, [place(0, 1), place(0, 1), place(0, 1)]);
    }

    #[test]
    fn overlapping_meetings_sit_side_by_side() {
        // 9–11 overlaps 10–12 and 10:30–11:30; 11–12 fits under 9–11 in the first column.
        let placed = lay_out(&[
            span(9.0, 11.0),
            span(10.0, 12.0),
            span(10.5, 11.5),
            span(11.0, 12.0),
            span(15.0, 16.0),
        ]);
        assert_eq!(
            placed,
            [
                place(0, 3),
                place(1, 3),
                place(2, 3),
                place(0, 3),
                place(0, 1)
            ]
        );
    }

    #[test]
    fn input_order_does_not_matter() {
        let placed = lay_out(&[span(10.0, 12.0), span(9.0, 11.0)]);
        assert_eq!(placed, [place(1, 2), place(0, 2)]);
    }

    #[test]
    fn short_items_are_laid_out_at_their_drawn_height() {
        // Two 5-minute calls ten minutes apart would be drawn over each other.
        let placed = lay_out(&[
            Span {
                start: 600,
                end: 605,
            },
            Span {
                start: 610,
                end: 615,
            },
        ]);
        assert_eq!(placed, [place(0, 2), place(1, 2)]);
    }
}
