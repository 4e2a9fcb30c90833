//! `server board-fixture`: the data the board benchmark (`cargo xtask bench-board`) measures —
//! the demo data set plus `deals` deals in the Sales pipeline (a fifth of them in its first
//! stage: 2,000 of 10,000, a column to scroll to its end) and `other` deals in the Renewals
//! pipeline. Written through the same repository calls as the application's own.

use std::time::Instant;

use app::{
    db::{
        Db,
        records::{ChangeContext, create_record},
        seed,
    },
    models::PropertyValue,
};

const FIXTURE: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "board-fixture",
};

pub async fn run(db: &Db, deals: u32, other: u32) -> Result<(), String> {
    let text = |e: app::error::AppError| e.to_string();
    if seed::is_empty(db).await.map_err(text)? {
        crate::run_demo_seed(db).await?;
    }
    let schema = db.schema().await.map_err(text)?;
    let object = schema.object_named("deals").map_err(text)?;
    let pipeline = |name: &str| {
        object
            .pipelines
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or(format!("the demo has no {name}"))
    };
    let (sales, renewals) = (pipeline("Sales pipeline")?, pipeline("Renewals pipeline")?);
    let started = Instant::now();
    for (pipeline, count) in [(&sales, deals), (&renewals, other)] {
        // Stages without required properties, so every deal can be moved back and forth: the
        // first holds a fifth of the deals, the others share the rest.
        let open: Vec<_> = pipeline
            .stages
            .iter()
            .filter(|s| s.required_properties.is_empty())
            .collect();
        let first_stage = count / 5;
        for i in 0..count {
            let stage = if i < first_stage || open.len() < 2 {
                open[0]
            } else {
                open[1 + (i as usize) % (open.len() - 1)]
            };
            let values = [
                (
                    "name",
                    PropertyValue::Text(format!("{} deal {i:05}", pipeline.name)),
                ),
                (
                    "amount",
                    PropertyValue::Currency(i64::from(i % 500 + 1) * 10_000),
                ),
            ];
            create_record(db, &object.object, &values, Some(stage.id), FIXTURE)
                .await
                .map_err(text)?;
        }
        println!(
            "{count} deals in {} ({first_stage} in {}), pipeline id {}",
            pipeline.name, pipeline.stages[0].name, pipeline.id
        );
    }
    println!("Written in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}
