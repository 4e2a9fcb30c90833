//! Identifiers a query may name: a property's column or one of the system columns, only ever
//! made from the schema. A [`Column`] cannot be built from a string, so no user text can reach
//! SQL as an identifier.

use crate::{
    db::{schema::PropertyDef, schema_cache::ObjectSchema},
    error::AppError,
    models::{PropertyType, view::CREATED_AT},
};

/// A column of an object table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    sql: String,
    /// Text-like columns compare and sort through `LOWER()`, which their indexes cover.
    text: bool,
}

/// The columns every object table has besides its properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemColumn {
    RecordId,
    Version,
    CreatedAt,
    PipelineId,
    StageId,
}

impl Column {
    pub fn of_property(property: &PropertyDef) -> Column {
        Column {
            sql: property.column(),
            text: property.property_type.sorts_as_text(),
        }
    }

    pub fn system(column: SystemColumn) -> Column {
        let sql = match column {
            SystemColumn::RecordId => "record_id",
            SystemColumn::Version => "version",
            SystemColumn::CreatedAt => "created_at",
            SystemColumn::PipelineId => "pipeline_id",
            SystemColumn::StageId => "stage_id",
        };
        Column {
            sql: sql.into(),
            text: false,
        }
    }

    pub fn as_sql(&self) -> &str {
        &self.sql
    }

    pub fn is_text(&self) -> bool {
        self.text
    }
}

/// A field of an object resolved against its schema.
#[derive(Clone, Debug)]
pub struct Field<'s> {
    pub name: &'s str,
    pub label: &'s str,
    pub property_type: PropertyType,
    pub column: Column,
    /// `None` for the creation date.
    pub property: Option<&'s PropertyDef>,
}

/// The field called `name` on `schema`'s object, or a field error naming it.
pub fn resolve<'s>(schema: &'s ObjectSchema, name: &str) -> Result<Field<'s>, AppError> {
    if name == CREATED_AT {
        return Ok(Field {
            name: CREATED_AT,
            label: "Create date",
            property_type: PropertyType::DateTime,
            column: Column::system(SystemColumn::CreatedAt),
            property: None,
        });
    }
    let property = schema.property(name).ok_or_else(|| {
        AppError::invalid(
            name,
            format!(
                "{} have no property named {name:?}",
                schema.object.plural_label
            ),
        )
    })?;
    Ok(Field {
        name: &property.name,
        label: &property.label,
        property_type: property.property_type,
        column: Column::of_property(property),
        property: Some(property),
    })
}

/// An object's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table(String);

impl Table {
    pub fn of(schema: &ObjectSchema) -> Table {
        Table(schema.object.table())
    }

    pub fn as_sql(&self) -> &str {
        &self.0
    }

    /// A table by name, for unit tests of statements.
    #[cfg(test)]
    pub(crate) fn for_tests(name: &str) -> Table {
        Table(name.to_string())
    }
}
