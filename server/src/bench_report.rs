//! What every `server bench…` command shares: its error type (a message) and how it prints
//! timings (p50 and p99 of sorted samples).

use std::time::Duration;

pub(crate) type Outcome<T = ()> = Result<T, String>;

pub(crate) fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

pub(crate) fn report(label: &str, timings: &mut [Duration]) {
    timings.sort();
    println!(
        "{label:<48} p50 {:>7.2} ms  p99 {:>7.2} ms",
        millis(percentile(timings, 50)),
        millis(percentile(timings, 99)),
    );
}

pub(crate) fn report_pair(label: &str, whole: &mut [Duration], bare: &mut [Duration]) {
    whole.sort();
    bare.sort();
    let (w50, w99) = (millis(percentile(whole, 50)), millis(percentile(whole, 99)));
    let (b50, b99) = (millis(percentile(bare, 50)), millis(percentile(bare, 99)));
    println!(
        "{label:<48} p50 {w50:>7.2} ms  p99 {w99:>7.2} ms  | bare SQL p50 {b50:>7.2} ms  p99 {b99:>7.2} ms  | ×{:.1} at p50",
        if b50 > 0.0 { w50 / b50 } else { 0.0 }
    );
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let index = (sorted.len() * p)
        .div_ceil(100)
        .saturating_sub(1)
        .min(sorted.len() - 1);
    sorted[index]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}
