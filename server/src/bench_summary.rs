//! The Summary and Feed part of `server bench`: the demo CSM's whole Summary page (with five
//! reports of their own) with nothing kept, kept, and right after each of a series of changes;
//! each report's aggregate alone, computed and kept; and Feed pages — the first and ten
//! "Load older activities" steps after it, unfiltered, by type and by search. Prints figures;
//! asserts nothing, and removes the reports it added.

use std::time::{Duration, Instant};

use app::on_pool;
use app::{
    db::{
        Db,
        feed::{Plan, feed_view},
        query::QueryContext,
        records::{ChangeContext, get_record, update_record},
        report_figures::report_figures,
        reports::{create_report, delete_report, reports_of},
        summary::summary_page,
    },
    models::{
        PropertyValue, Viewer,
        feed::FeedUrl,
        report::{ChartKind, ReportMeasure, ReportSpec, TimeUnit},
    },
};
use chrono::Utc;

use crate::bench_report::{Outcome, report, text};

/// Five reports a CSM might keep: deals by stage (count and amount), companies created per
/// month, average NPS by plan, and a count of tickets.
fn reports(db_schema: &app::db::schema_cache::Schema) -> Outcome<Vec<ReportSpec>> {
    let id = |name: &str| {
        db_schema
            .object_named(name)
            .map(|o| o.object.id)
            .map_err(text)
    };
    let spec = |title: &str, object: i64| ReportSpec {
        title: title.into(),
        object_type_id: object,
        measure: ReportMeasure::Count,
        measure_property: None,
        group_by: None,
        time_unit: None,
        chart: ChartKind::Bar,
    };
    Ok(vec![
        ReportSpec {
            group_by: Some("stage".into()),
            ..spec("Deals by stage", id("deals")?)
        },
        ReportSpec {
            measure: ReportMeasure::Sum,
            measure_property: Some("amount".into()),
            group_by: Some("stage".into()),
            ..spec("Amount by stage", id("deals")?)
        },
        ReportSpec {
            group_by: Some("created_at".into()),
            time_unit: Some(TimeUnit::Month),
            chart: ChartKind::Line,
            ..spec("Companies created per month", id("companies")?)
        },
        ReportSpec {
            measure: ReportMeasure::Average,
            measure_property: Some("nps".into()),
            group_by: Some("plan".into()),
            ..spec("Average NPS by plan", id("companies")?)
        },
        ReportSpec {
            chart: ChartKind::Number,
            ..spec("Tickets", id("tickets")?)
        },
    ])
}

pub async fn run(db: &Db, viewer: &Viewer, samples: u32) -> Outcome {
    let schema = db.schema().await.map_err(text)?;
    let mut added = Vec::new();
    for spec in reports(&schema)? {
        added.push((
            create_report(db, viewer.id, &spec).await.map_err(text)?,
            spec,
        ));
    }
    let measured = measure(db, viewer, samples, &schema, &added).await;
    for (id, _) in &added {
        delete_report(db, viewer.id, *id).await.map_err(text)?;
    }
    measured
}

async fn measure(
    db: &Db,
    viewer: &Viewer,
    samples: u32,
    schema: &app::db::schema_cache::Schema,
    added: &[(i64, ReportSpec)],
) -> Outcome {
    let shown = reports_of(db, viewer.id).await.map_err(text)?.len();
    // Computed: the first load after a change (nothing kept). Kept: loads until the next one.
    for kept in [false, true] {
        let mut timings =
            timed(db, samples, kept, || summary_page(db, viewer, viewer, None)).await?;
        report(
            &format!("summary: whole page, {shown} reports {}", figures(kept)),
            &mut timings,
        );
    }
    after_each_change(db, viewer, samples, shown).await?;
    let cx = QueryContext::for_viewer(viewer);
    let no_names = std::collections::HashMap::new();
    for (id, spec) in added {
        for kept in [false, true] {
            let mut timings = timed(db, samples, kept, || {
                report_figures(db, schema, (*id, spec.clone()), &cx, &no_names)
            })
            .await?;
            report(
                &format!("report: {} ({})", spec.title, figures(kept)),
                &mut timings,
            );
        }
    }
    for (query, label) in [
        ("", "feed"),
        ("type=email_opened", "feed: Email opened"),
        ("q=re", "feed: search \"re\""),
    ] {
        feed_pages(db, viewer, samples, query, label).await?;
    }
    Ok(())
}

/// The Summary loaded right after a company was renamed each time (not timed): the company
/// reports' figures are shown as they were while newer ones are computed in the background.
async fn after_each_change(db: &Db, viewer: &Viewer, samples: u32, shown: usize) -> Outcome {
    let schema = db.schema().await.map_err(text)?;
    let companies = schema.object_named("companies").map_err(text)?;
    let company: i64 = on_pool!(db, pool => sqlx::query_scalar(&format!(
        "SELECT MIN(record_id) FROM {} WHERE archived_at IS NULL", companies.object.table()))
        .fetch_one(pool)
        .await)
    .map_err(text)?;
    let mut version = get_record(db, company).await.map_err(text)?.version;
    let context = ChangeContext {
        actor: None,
        source: "bench",
    };
    let mut timings = Vec::new();
    for i in 0..samples {
        let name = PropertyValue::Text(format!("Renamed for the benchmark {i}"));
        version = update_record(db, company, version, &[("name", Some(name))], context)
            .await
            .map_err(text)?;
        let started = Instant::now();
        summary_page(db, viewer, viewer, None).await.map_err(text)?;
        timings.push(started.elapsed());
    }
    report(
        &format!("summary: whole page, {shown} reports, each load after a change"),
        &mut timings,
    );
    Ok(())
}

fn figures(kept: bool) -> &'static str {
    if kept { "kept" } else { "computed" }
}

/// Times `samples` runs of `run`, each computing its figures afresh unless `kept`.
async fn timed<T, F, Fut>(db: &Db, samples: u32, kept: bool, mut run: F) -> Outcome<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::error::AppError>>,
{
    let mut timings = Vec::new();
    for _ in 0..samples {
        if !kept {
            db.report_cache().forget();
        }
        let started = Instant::now();
        run().await.map_err(text)?;
        timings.push(started.elapsed());
    }
    Ok(timings)
}

/// The first page, then ten "Load older activities" steps, each timed on its own.
async fn feed_pages(db: &Db, viewer: &Viewer, samples: u32, query: &str, label: &str) -> Outcome {
    let url = FeedUrl::parse(query);
    let mut first = Vec::new();
    let mut older = Vec::new();
    for _ in 0..samples.div_ceil(10).max(3) {
        let mut before = None;
        for step in 0..=10 {
            let started = Instant::now();
            let page = feed_view(db, viewer, &url, before, Plan::Auto, Utc::now())
                .await
                .map_err(text)?;
            let spent = started.elapsed();
            if step == 0 { &mut first } else { &mut older }.push(spent);
            before = page.next;
            if before.is_none() {
                break;
            }
        }
    }
    report(&format!("{label}: first page"), &mut first);
    if !older.is_empty() {
        report(&format!("{label}: Load older ×10"), &mut older);
    }
    Ok(())
}
