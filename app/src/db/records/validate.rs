//! Checks on a list of property values before it is written: known, distinct, settable
//! properties, with values of the right type and, for selects, among the options.

use std::collections::{BTreeSet, HashMap};

use crate::{
    db::{
        Tx,
        schema::PropertyDef,
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    models::{PropertyType, PropertyValue},
    on_tx,
};

/// Finds the definitions of `names` among `properties`, refusing unknown names.
pub(crate) fn resolve<'p>(
    properties: &'p [PropertyDef],
    name: &str,
) -> Result<&'p PropertyDef, AppError> {
    properties
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| AppError::invalid(name, format!("There is no property named {name:?}")))
}

/// Refuses a change list that names one property twice.
pub(super) fn check_distinct<'n>(names: impl IntoIterator<Item = &'n str>) -> Result<(), AppError> {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(AppError::invalid(name, format!("{name:?} is given twice")));
        }
    }
    Ok(())
}

/// Checks that `value` is of `property`'s type.
fn check_type(property: &PropertyDef, value: &PropertyValue) -> Result<(), AppError> {
    if value.property_type() != property.property_type {
        return Err(AppError::invalid(
            &property.name,
            format!(
                "{} expects a {} value",
                property.label,
                property.property_type.as_str()
            ),
        ));
    }
    Ok(())
}

/// Refuses to set a property the server computes (a health score's score or category).
pub(super) fn refuse_computed(property: &PropertyDef) -> Result<(), AppError> {
    if property.computed {
        return Err(AppError::invalid(
            &property.name,
            format!("{} is computed by its health score", property.label),
        ));
    }
    Ok(())
}

/// Checks that `value` fits `property` (type, and option list for selects).
pub(super) fn check_value(
    property: &PropertyDef,
    value: &PropertyValue,
    options: &HashMap<i64, Vec<String>>,
) -> Result<(), AppError> {
    refuse_computed(property)?;
    check_type(property, value)?;
    let allowed = options.get(&property.id);
    let chosen: Vec<&String> = match value {
        PropertyValue::Enumeration(v) => vec![v],
        PropertyValue::MultiEnumeration(vs) => vs.iter().collect(),
        _ => vec![],
    };
    if let Some(unknown) = chosen
        .into_iter()
        .find(|v| !allowed.is_some_and(|a| a.contains(v)))
    {
        return Err(AppError::invalid(
            &property.name,
            format!(
                "{unknown:?} is not one of the options of {}",
                property.label
            ),
        ));
    }
    if let PropertyValue::Number(n) = value
        && !n.is_finite()
    {
        return Err(AppError::invalid(&property.name, "Enter a finite number"));
    }
    Ok(())
}

pub(super) async fn options_of(
    tx: &mut Tx,
    properties: &[&PropertyDef],
) -> Result<HashMap<i64, Vec<String>>, AppError> {
    let ids: Vec<SqlValue> = properties
        .iter()
        .filter(|p| {
            matches!(
                p.property_type,
                PropertyType::Enumeration | PropertyType::MultiEnumeration
            )
        })
        .map(|p| SqlValue::from(p.id))
        .collect();
    let mut options: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(options);
    }
    let sql = format!(
        "SELECT property_id, value FROM property_options WHERE property_id IN ({})",
        placeholders(1, ids.len())
    );
    let rows: Vec<(i64, String)> = on_tx!(tx, conn =>
        bind_values(sqlx::query_as(&sql), &ids).fetch_all(&mut *conn).await)?;
    for (property_id, value) in rows {
        options.entry(property_id).or_default().push(value);
    }
    Ok(options)
}
