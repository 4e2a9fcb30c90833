//! `server bench`: times the Customers page query (50 companies sorted by name, with the total;
//! all of them or "Owned by me") and a Revenue board at scale, and prints p50 and p99. A
//! benchmark, not a test: it asserts nothing.

use std::time::{Duration, Instant};

use app::{
    db::{
        Db, pipelines,
        records::{Condition, ListRequest, list_records},
        schema, seed, workspaces,
    },
    functions::list_customers::CUSTOMERS_PAGE_SIZE,
    models::{PropertyType, PropertyValue, pipeline::BOARD_CARDS_PER_STAGE},
};
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
    let overview = workspaces::workspaces_overview(db)
        .await
        .map_err(|e| e.to_string())?;
    let main = overview
        .workspaces
        .iter()
        .find(|w| w.is_main)
        .ok_or("no main workspace")?;
    let tab = workspaces::customer_tab(db, main.id)
        .await
        .map_err(|e| e.to_string())?;
    let object = tab.object.clone();
    let mut request = ListRequest {
        columns: tab.columns(),
        sort_by: "name".into(),
        descending: false,
        page: 1,
        page_size: CUSTOMERS_PAGE_SIZE,
        filters: vec![],
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
    if let Some(csm) = &tab.csm_property {
        // The demo's first CSM account (user 4) owns a share of the customers.
        request.descending = false;
        request.page = 1;
        request.filters = vec![Condition::Equals {
            property: csm.name.clone(),
            value: PropertyValue::User(4),
        }];
        let mut timings = Vec::with_capacity(samples as usize);
        for _ in 0..samples {
            let started = Instant::now();
            list_records(db, &object, &request)
                .await
                .map_err(|e| e.to_string())?;
            timings.push(started.elapsed());
        }
        report(db, "owned by me, first page", &mut timings, samples);
    }
    let deals = schema::object_type_by_name(db, "deals")
        .await
        .map_err(|e| e.to_string())?;
    let properties = schema::properties(db, deals.id)
        .await
        .map_err(|e| e.to_string())?;
    let name = properties.iter().find(|p| p.name == "name");
    let amount = properties
        .iter()
        .find(|p| p.property_type == PropertyType::Currency);
    if let Some(pipeline) = pipelines::pipelines(db, deals.id)
        .await
        .map_err(|e| e.to_string())?
        .first()
    {
        let mut timings = Vec::with_capacity(samples as usize);
        for _ in 0..samples {
            let started = Instant::now();
            pipelines::board(db, &deals, pipeline, name, amount, BOARD_CARDS_PER_STAGE)
                .await
                .map_err(|e| e.to_string())?;
            timings.push(started.elapsed());
        }
        report(db, "revenue board", &mut timings, samples);
    }
    Ok(())
}

fn report(db: &Db, label: &str, timings: &mut [Duration], samples: u32) {
    timings.sort();
    println!(
        "{:?} {label:<33}: p50 {:>7.2} ms, p99 {:>7.2} ms ({samples} samples)",
        db.backend(),
        millis(percentile(timings, 50)),
        millis(percentile(timings, 99)),
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
