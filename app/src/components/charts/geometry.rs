//! Pure drawing arithmetic of the charts: axis ranges, point positions and pie slices, tested
//! apart from any view. Numbers are written with [`one_decimal`] (integer arithmetic), not
//! Rust's float formatting, which would add its code to every page with a chart.

use std::f64::consts::PI;

use crate::models::property::one_decimal;

/// A "nice" top for an axis holding `max`: 1, 2, 2.5 or 5 times a power of ten, at least
/// `max` (and 1 for an empty or all-zero chart).
pub fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    // The power of ten at or below `max`, by steps: `powf` and `log10` would bring libm's code.
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= max {
        magnitude *= 10.0;
    }
    while magnitude > max {
        magnitude /= 10.0;
    }
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|step| step * magnitude)
        .find(|top| *top >= max)
        .unwrap_or(10.0 * magnitude)
}

/// Where `n` points sit across `[left, right]`: spread evenly, one point in the middle.
pub fn spread(n: usize, left: f64, right: f64) -> Vec<f64> {
    match n {
        0 => vec![],
        1 => vec![(left + right) / 2.0],
        _ => (0..n)
            .map(|i| left + (right - left) * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// The SVG path of a pie slice from `start` to `end` (fractions of the turn, clockwise from
/// twelve o'clock) of a circle at `(cx, cy)` with radius `r`. A whole turn is two half arcs,
/// as one arc cannot start and end at the same point.
pub fn slice_path(cx: f64, cy: f64, r: f64, start: f64, end: f64) -> String {
    let point = |fraction: f64| {
        let (cos, sin) = cos_sin(2.0 * PI * fraction - PI / 2.0);
        (cx + r * cos, cy + r * sin)
    };
    let at = |fraction: f64| {
        let (x, y) = point(fraction);
        format!("{},{}", one_decimal(x), one_decimal(y))
    };
    let r = one_decimal(r);
    if end - start >= 0.999_999 {
        let (top, bottom) = (at(0.0), at(0.5));
        return format!("M{top} A{r},{r} 0 1 1 {bottom} A{r},{r} 0 1 1 {top} Z");
    }
    let large = u8::from(end - start > 0.5);
    format!(
        "M{},{} L{} A{r},{r} 0 {large} 1 {} Z",
        one_decimal(cx),
        one_decimal(cy),
        at(start),
        at(end)
    )
}

/// `(cos, sin)` of `angle`: in the browser from its own `Math`, so the client carries no copy
/// of libm's trigonometry (its argument reduction alone is ~6 KB); elsewhere from Rust's.
fn cos_sin(angle: f64) -> (f64, f64) {
    #[cfg(target_arch = "wasm32")]
    {
        use leptos::web_sys::js_sys::Math;
        (Math::cos(angle), Math::sin(angle))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let (sin, cos) = angle.sin_cos();
        (cos, sin)
    }
}

/// Each value's share of the sum as `(start, end)` fractions; negative values count as none.
pub fn shares(values: &[f64]) -> Vec<(f64, f64)> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let mut start = 0.0;
    values
        .iter()
        .map(|v| {
            let share = if total > 0.0 { v.max(0.0) / total } else { 0.0 };
            let slice = (start, start + share);
            start += share;
            slice
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_hold_the_maximum() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(12.0), 20.0);
        assert_eq!(nice_ceiling(21.0), 25.0);
        assert_eq!(nice_ceiling(100.0), 100.0);
        assert_eq!(nice_ceiling(2_400_000.0), 2_500_000.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(0.3), 0.5);
    }

    #[test]
    fn points_spread_evenly() {
        assert_eq!(spread(1, 0.0, 10.0), vec![5.0]);
        assert_eq!(spread(3, 0.0, 10.0), vec![0.0, 5.0, 10.0]);
        assert!(spread(0, 0.0, 10.0).is_empty());
    }

    #[test]
    fn shares_add_up_to_the_whole_turn() {
        let slices = shares(&[1.0, 3.0, -2.0]);
        assert_eq!(slices[0], (0.0, 0.25));
        assert_eq!(slices[1], (0.25, 1.0));
        assert_eq!(slices[2], (1.0, 1.0));
        assert!(shares(&[0.0]).iter().all(|(a, b)| a == b));
    }

    #[test]
    fn a_whole_pie_is_two_arcs_and_a_quarter_is_one() {
        assert_eq!(
            slice_path(50.0, 50.0, 40.0, 0.0, 1.0).matches('A').count(),
            2
        );
        let quarter = slice_path(50.0, 50.0, 40.0, 0.0, 0.25);
        assert!(
            quarter == "M50.0,50.0 L50.0,10.0 A40.0,40.0 0 0 1 90.0,50.0 Z",
            "{quarter}"
        );
    }
}
