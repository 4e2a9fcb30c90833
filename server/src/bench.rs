//! `server bench`: times the Customers page query (50 companies sorted by name, with the total)
//! at scale and prints p50 and p99. A benchmark, not a test: it asserts nothing.

use std::time::{Duration, Instant};

use app::db::{
    Db,
    records::{ListRequest, list_records},
    schema::object_type_by_name,
    seed,
};
use app::functions::list_customers::{CUSTOMER_COLUMNS, CUSTOMERS_PAGE_SIZE};
use chrono::Utc;
use rand::{Rng, SeedableRng, rngs::StdRng};

pub async fn run(db: &Db, companies: u32, samples: u32) -> Result<(), String> {
    if seed::is_empty(db).await.map_err(|e| e.to_string())? {
        println!("Seeding {companies} companies first…");
        let started = Instant::now();
        let options = seed::SeedOptions {
            companies,
            seed: 42,
            now: Utc::now(),
        };
        seed::seed(db, &options, |line| println!("  {line}"))
            .await
            .map_err(|e| e.to_string())?;
        println!("Seeded in {:.1}s", started.elapsed().as_secs_f64());
    }
    let object = object_type_by_name(db, "companies")
        .await
        .map_err(|e| e.to_string())?;
    let mut request = ListRequest {
        columns: CUSTOMER_COLUMNS.iter().map(|c| c.to_string()).collect(),
        sort_by: "name".into(),
        descending: false,
        page: 1,
        page_size: CUSTOMERS_PAGE_SIZE,
    };
    let total = list_records(db, &object, &request)
        .await
        .map_err(|e| e.to_string())?
        .total;
    let pages = u32::try_from(total.div_ceil(u64::from(CUSTOMERS_PAGE_SIZE)))
        .unwrap_or(1)
        .max(1);
    let mut rng = StdRng::seed_from_u64(7);
    for (label, descending, random_page) in [
        ("first page", false, false),
        ("random page", false, true),
        ("first page, descending", true, false),
    ] {
        request.descending = descending;
        let mut timings = Vec::with_capacity(samples as usize);
        for _ in 0..samples {
            request.page = if random_page {
                rng.gen_range(1..=pages)
            } else {
                1
            };
            let started = Instant::now();
            list_records(db, &object, &request)
                .await
                .map_err(|e| e.to_string())?;
            timings.push(started.elapsed());
        }
        timings.sort();
        println!(
            "{:?} customers page, {label:<24} over {total} companies: p50 {:>7.2} ms, p99 {:>7.2} ms ({samples} samples)",
            db.backend(),
            millis(percentile(&timings, 50)),
            millis(percentile(&timings, 99)),
        );
    }
    Ok(())
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
