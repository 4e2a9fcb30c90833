//! Which objects play the customer, services and revenue roles (settings → Objects). One
//! choice for the whole account; every workspace's tabs follow it.

use super::{
    Db, Tx,
    audit_log::{self, ChangeList},
    schema::{self, ObjectType},
    workspaces,
};
use crate::{
    error::AppError,
    models::workspace::{CsObjects, CsObjectsForm, MAX_REVENUE_OBJECTS, ObjectChoice},
    on_tx,
};

/// Objects that may represent customer accounts.
fn can_represent_customers(object: &ObjectType) -> bool {
    object.is_custom || matches!(object.name.as_str(), "contacts" | "companies")
}

/// Objects that may represent services: the Services tab shows them by pipeline.
fn can_represent_services(object: &ObjectType) -> bool {
    object.has_pipelines && (object.is_custom || object.name == "services")
}

/// Objects that may represent revenue: the Revenue tab shows records at pipeline stages.
fn can_represent_revenue(object: &ObjectType) -> bool {
    object.has_pipelines
        && (object.is_custom || matches!(object.name.as_str(), "deals" | "tickets"))
}

fn choices(objects: &[ObjectType], fits: fn(&ObjectType) -> bool) -> Vec<ObjectChoice> {
    objects
        .iter()
        .filter(|o| fits(o))
        .map(|o| ObjectChoice {
            id: o.id,
            label: o.plural_label.clone(),
        })
        .collect()
}

/// Checks a choice of roles against the objects that exist; the field of each message is the
/// dropdown at fault ("customers", "services", "revenue").
pub fn validate(objects: &[ObjectType], chosen: &CsObjects) -> Result<(), AppError> {
    let find = |field: &str, id: i64| {
        objects
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(|| AppError::invalid(field, "Choose one of the listed objects"))
    };
    let customers = find("customers", chosen.customer_object_id)?;
    if !can_represent_customers(customers) {
        return Err(AppError::invalid(
            "customers",
            "Customers can be contacts, companies or a custom object",
        ));
    }
    if let Some(id) = chosen.services_object_id {
        let services = find("services", id)?;
        if !can_represent_services(services) {
            return Err(AppError::invalid(
                "services",
                "Services can be the services object or a custom object with pipelines",
            ));
        }
        if id == customers.id {
            return Err(AppError::invalid(
                "services",
                format!("{} already represent customers", services.plural_label),
            ));
        }
    }
    if chosen.revenue_object_ids.len() > MAX_REVENUE_OBJECTS {
        return Err(AppError::invalid(
            "revenue",
            format!("Choose at most {MAX_REVENUE_OBJECTS} revenue objects"),
        ));
    }
    for (i, id) in chosen.revenue_object_ids.iter().enumerate() {
        let revenue = find("revenue", *id)?;
        if !can_represent_revenue(revenue) {
            return Err(AppError::invalid(
                "revenue",
                "Revenue can be deals, tickets or a custom object with pipelines",
            ));
        }
        if chosen.revenue_object_ids[..i].contains(id) {
            return Err(AppError::invalid(
                "revenue",
                format!("{} is chosen twice", revenue.plural_label),
            ));
        }
        if *id == customers.id || Some(*id) == chosen.services_object_id {
            return Err(AppError::invalid(
                "revenue",
                format!("{} already play another role", revenue.plural_label),
            ));
        }
    }
    Ok(())
}

/// The current roles.
pub async fn cs_objects(db: &Db) -> Result<CsObjects, AppError> {
    let mut tx = db.begin_read().await?;
    let roles = roles_in(&mut tx).await?;
    tx.commit().await?;
    Ok(roles)
}

pub(crate) async fn roles_in(tx: &mut Tx) -> Result<CsObjects, AppError> {
    let (head, revenue): (Option<(i64, Option<i64>)>, Vec<i64>) = on_tx!(tx, conn => {
        let head = sqlx::query_as(
            "SELECT customer_object_id, services_object_id FROM cs_objects WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
        let revenue = sqlx::query_scalar(
            "SELECT object_type_id FROM cs_revenue_objects ORDER BY position")
            .fetch_all(&mut *conn)
            .await?;
        Ok::<_, sqlx::Error>((head, revenue))
    })?;
    let (customer_object_id, services_object_id) =
        head.ok_or_else(|| AppError::internal("cs_objects", "the object roles are missing"))?;
    Ok(CsObjects {
        customer_object_id,
        services_object_id,
        revenue_object_ids: revenue,
    })
}

/// The Objects tab: current roles and the objects each may take.
pub async fn cs_objects_form(db: &Db) -> Result<CsObjectsForm, AppError> {
    let objects = schema::object_types(db).await?;
    Ok(CsObjectsForm {
        current: cs_objects(db).await?,
        customer_choices: choices(&objects, can_represent_customers),
        services_choices: choices(&objects, can_represent_services),
        revenue_choices: choices(&objects, can_represent_revenue),
    })
}

fn label_of(objects: &[ObjectType], id: Option<i64>) -> String {
    id.and_then(|id| objects.iter().find(|o| o.id == id))
        .map(|o| o.plural_label.clone())
        .unwrap_or_default()
}

/// Saves the roles; the change is audited as "Objects".
pub async fn save_cs_objects(db: &Db, actor: i64, chosen: &CsObjects) -> Result<(), AppError> {
    let objects = schema::object_types(db).await?;
    validate(&objects, chosen)?;
    let mut tx = db.begin().await?;
    workspaces::lock_settings(&mut tx).await?;
    let before = roles_in(&mut tx).await?;
    write_roles(&mut tx, chosen).await?;
    let mut changes = ChangeList::default();
    changes.compare(
        "Customers",
        &label_of(&objects, Some(before.customer_object_id)),
        &label_of(&objects, Some(chosen.customer_object_id)),
    );
    changes.compare(
        "Services",
        &label_of(&objects, before.services_object_id),
        &label_of(&objects, chosen.services_object_id),
    );
    let revenue = |ids: &[i64]| {
        ids.iter()
            .map(|id| label_of(&objects, Some(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    changes.compare(
        "Revenue",
        &revenue(&before.revenue_object_ids),
        &revenue(&chosen.revenue_object_ids),
    );
    audit_log::record(&mut tx, actor, "Objects", changes).await?;
    tx.commit().await
}

async fn write_roles(tx: &mut Tx, chosen: &CsObjects) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query(
            "INSERT INTO cs_objects (id, customer_object_id, services_object_id) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET customer_object_id = excluded.customer_object_id, \
             services_object_id = excluded.services_object_id")
            .bind(chosen.customer_object_id)
            .bind(chosen.services_object_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM cs_revenue_objects").execute(&mut *conn).await?;
        for (position, id) in chosen.revenue_object_ids.iter().enumerate() {
            sqlx::query("INSERT INTO cs_revenue_objects (position, object_type_id) VALUES ($1, $2)")
                .bind(position as i64)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Sets the default roles (Companies, Services, Deals + Tickets) if none are set yet. Runs at
/// start-up inside the bootstrap transaction, after the built-in objects exist.
pub(crate) async fn ensure_default_roles(tx: &mut Tx) -> Result<(), AppError> {
    let set: Option<i64> = on_tx!(tx, conn =>
        sqlx::query_scalar("SELECT id FROM cs_objects WHERE id = 1").fetch_optional(&mut *conn).await)?;
    if set.is_some() {
        return Ok(());
    }
    let id_of = |rows: &[(i64, String)], name: &str| {
        rows.iter()
            .find(|(_, n)| n == name)
            .map(|(id, _)| *id)
            .ok_or_else(|| AppError::internal("default object roles", format!("no {name}")))
    };
    let rows: Vec<(i64, String)> = on_tx!(tx, conn =>
        sqlx::query_as("SELECT id, name FROM object_types").fetch_all(&mut *conn).await)?;
    let defaults = CsObjects {
        customer_object_id: id_of(&rows, "companies")?,
        services_object_id: Some(id_of(&rows, "services")?),
        revenue_object_ids: vec![id_of(&rows, "deals")?, id_of(&rows, "tickets")?],
    };
    write_roles(tx, &defaults).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(id: i64, name: &str, is_custom: bool, has_pipelines: bool) -> ObjectType {
        ObjectType {
            id,
            name: name.into(),
            singular_label: name.into(),
            plural_label: name.to_uppercase(),
            is_custom,
            has_pipelines,
        }
    }

    fn objects() -> Vec<ObjectType> {
        vec![
            object(1, "contacts", false, false),
            object(2, "companies", false, false),
            object(3, "deals", false, true),
            object(4, "tickets", false, true),
            object(5, "services", false, true),
            object(6, "subscriptions", true, true),
            object(7, "locations", true, false),
        ]
    }

    fn roles(customers: i64, services: Option<i64>, revenue: &[i64]) -> CsObjects {
        CsObjects {
            customer_object_id: customers,
            services_object_id: services,
            revenue_object_ids: revenue.to_vec(),
        }
    }

    fn field_of(result: Result<(), AppError>) -> String {
        match result {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn each_role_takes_only_fitting_objects() {
        let all = objects();
        assert!(validate(&all, &roles(2, Some(5), &[3, 4])).is_ok());
        assert!(validate(&all, &roles(7, Some(6), &[3])).is_ok());
        assert_eq!(
            field_of(validate(&all, &roles(2, Some(7), &[]))),
            "services"
        );
        assert!(validate(&all, &roles(1, None, &[])).is_ok());
        assert_eq!(field_of(validate(&all, &roles(3, None, &[]))), "customers");
        assert_eq!(
            field_of(validate(&all, &roles(2, Some(3), &[]))),
            "services"
        );
        assert_eq!(field_of(validate(&all, &roles(2, None, &[5]))), "revenue");
        assert_eq!(field_of(validate(&all, &roles(2, None, &[7]))), "revenue");
        assert_eq!(field_of(validate(&all, &roles(99, None, &[]))), "customers");
    }

    #[test]
    fn at_most_two_distinct_revenue_objects() {
        let all = objects();
        assert_eq!(
            validate(&all, &roles(2, Some(5), &[3, 4, 6])),
            Err(AppError::invalid(
                "revenue",
                "Choose at most 2 revenue objects"
            ))
        );
        assert_eq!(
            field_of(validate(&all, &roles(2, None, &[3, 3]))),
            "revenue"
        );
        assert_eq!(
            field_of(validate(&all, &roles(7, Some(7), &[]))),
            "services"
        );
        assert_eq!(
            field_of(validate(&all, &roles(2, Some(6), &[6]))),
            "revenue"
        );
    }
}
