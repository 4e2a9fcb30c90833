//! The object schemas (object types, properties, select options, pipelines) cached in the
//! server, so a page does not read them again for every request.
//!
//! Every change of a schema bumps `schema_version` in the same transaction
//! ([`schema::bump_version`]). Each use of the cache reads that one number — a single-row
//! primary-key lookup — and reloads everything only when it moved. The number lives in the
//! database, so a change made through one server instance invalidates the caches of all the
//! others on the same PostgreSQL at their next request.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use super::{
    Db, pipelines,
    schema::{self, ObjectType, PropertyDef},
};
use crate::{
    error::AppError,
    models::{Pipeline, PropertyType, view::FieldInfo},
    on_pool,
};

/// One object type with everything lists, filters and forms need to know about it.
#[derive(Clone, Debug)]
pub struct ObjectSchema {
    pub object: ObjectType,
    /// In display order.
    pub properties: Vec<PropertyDef>,
    /// `(value, label)` options of each select property, by property id, in order.
    pub options: HashMap<i64, Vec<(String, String)>>,
    pub pipelines: Vec<Pipeline>,
}

impl ObjectSchema {
    pub fn property(&self, name: &str) -> Option<&PropertyDef> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Reads typed input (as editors send it, times in `zone`) for property `name`: its
    /// definition and value (`None` for a blank). A bad value is refused on the property's own field.
    pub fn parse_input(
        &self,
        name: &str,
        raw: &str,
        zone: crate::models::time_zone::ViewerZone,
    ) -> Result<(&PropertyDef, Option<crate::models::PropertyValue>), AppError> {
        let definition = self.property(name).ok_or_else(|| {
            AppError::invalid("property", format!("There is no property named {name:?}"))
        })?;
        let value = crate::models::PropertyValue::parse_input(definition.property_type, raw, zone)
            .map_err(|message| AppError::invalid(name, message))?;
        Ok((definition, value))
    }

    pub fn options_of(&self, property_id: i64) -> &[(String, String)] {
        self.options.get(&property_id).map_or(&[], Vec::as_slice)
    }

    /// The property records are named by: `name` if it is text, else the first text property.
    pub fn name_property(&self) -> Option<&PropertyDef> {
        self.properties
            .iter()
            .find(|p| p.name == "name" && p.property_type == PropertyType::Text)
            .or_else(|| {
                self.properties
                    .iter()
                    .find(|p| p.property_type == PropertyType::Text)
            })
    }

    /// Every field a list can show, sort and filter by, for the client: the properties, then
    /// the creation date.
    pub fn field_infos(&self) -> Vec<FieldInfo> {
        self.properties
            .iter()
            .map(|p| FieldInfo {
                name: p.name.clone(),
                label: p.label.clone(),
                property_type: p.property_type,
                options: self.options_of(p.id).to_vec(),
                read_only: p.computed,
            })
            .chain(std::iter::once(FieldInfo {
                name: crate::models::view::CREATED_AT.into(),
                label: "Create date".into(),
                property_type: PropertyType::DateTime,
                options: vec![],
                read_only: false,
            }))
            .collect()
    }
}

/// Every object's schema at one schema version.
#[derive(Debug)]
pub struct Schema {
    pub version: i64,
    pub objects: Vec<Arc<ObjectSchema>>,
}

impl Schema {
    pub fn object(&self, object_type_id: i64) -> Result<&Arc<ObjectSchema>, AppError> {
        self.objects
            .iter()
            .find(|o| o.object.id == object_type_id)
            .ok_or_else(|| AppError::not_found("The object"))
    }

    pub fn object_named(&self, name: &str) -> Result<&Arc<ObjectSchema>, AppError> {
        self.objects
            .iter()
            .find(|o| o.object.name == name)
            .ok_or_else(|| AppError::not_found(format!("The object {name:?}")))
    }
}

#[derive(Debug, Default)]
pub struct SchemaCache {
    current: RwLock<Option<Arc<Schema>>>,
}

impl SchemaCache {
    /// The schema at the database's current version, reloaded if the cached one is older.
    pub async fn current(&self, db: &Db) -> Result<Arc<Schema>, AppError> {
        let version: i64 = on_pool!(db, pool => sqlx::query_scalar(
            "SELECT version FROM schema_version WHERE id = 1")
            .fetch_one(pool)
            .await)?;
        if let Some(cached) = self.read().filter(|s| s.version == version) {
            return Ok(cached);
        }
        // Read after the version: a change racing this load bumps the version again, so the
        // next request reloads rather than keeping a schema older than its number says.
        let loaded = Arc::new(load(db, version).await?);
        let mut slot = self.current.write().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_none_or(|s| s.version <= version) {
            *slot = Some(loaded.clone());
        }
        Ok(loaded)
    }

    fn read(&self) -> Option<Arc<Schema>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

async fn load(db: &Db, version: i64) -> Result<Schema, AppError> {
    let objects = schema::object_types(db).await?;
    let properties = schema::all_properties(db).await?;
    let options: Vec<(i64, String, String)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT property_id, value, label FROM property_options ORDER BY property_id, position")
        .fetch_all(pool)
        .await)?;
    let mut by_property: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (property_id, value, label) in options {
        by_property
            .entry(property_id)
            .or_default()
            .push((value, label));
    }
    let mut loaded = Vec::with_capacity(objects.len());
    for object in objects {
        let own: Vec<PropertyDef> = properties
            .iter()
            .filter(|p| p.object_type_id == object.id)
            .cloned()
            .collect();
        let options = own
            .iter()
            .filter_map(|p| by_property.remove(&p.id).map(|o| (p.id, o)))
            .collect();
        let pipelines = if object.has_pipelines {
            pipelines::pipelines(db, object.id).await?
        } else {
            vec![]
        };
        loaded.push(Arc::new(ObjectSchema {
            object,
            properties: own,
            options,
            pipelines,
        }));
    }
    Ok(Schema {
        version,
        objects: loaded,
    })
}
