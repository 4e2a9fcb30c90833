//! The definitions of object types and properties, and the checks on the names and labels
//! people give them.

use sqlx::FromRow;

use crate::{error::AppError, models::PropertyType};

/// An internal (API) name of an object type or a property: `lowercase_with_digits`, starting
/// with a letter, at most 64 characters. Labels are free text; names are not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identifier(pub(super) String);

impl Identifier {
    pub fn parse(field: &str, raw: &str) -> Result<Identifier, AppError> {
        let raw = raw.trim();
        let valid_start = raw.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let valid_rest = raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if raw.is_empty() || raw.len() > 64 || !valid_start || !valid_rest {
            return Err(AppError::invalid(
                field,
                "Use 1 to 64 lowercase letters, digits or underscores, starting with a letter",
            ));
        }
        Ok(Identifier(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A label shown to people: trimmed, 1 to 100 characters.
pub(crate) fn parse_label(field: &str, raw: &str) -> Result<String, AppError> {
    crate::db::parse_short_text(field, raw, "label")
}

#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct ObjectType {
    pub id: i64,
    pub name: String,
    pub singular_label: String,
    pub plural_label: String,
    pub is_custom: bool,
    pub has_pipelines: bool,
}

impl ObjectType {
    /// The table holding this object's records and property columns.
    pub fn table(&self) -> String {
        format!("obj_{}", self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PropertyDef {
    pub id: i64,
    pub object_type_id: i64,
    pub name: String,
    pub label: String,
    pub property_type: PropertyType,
    pub is_standard: bool,
    pub position: i64,
    /// Written by the server (a live health score's score and category), never typed.
    pub computed: bool,
}

impl PropertyDef {
    /// The column of the object table holding this property.
    pub fn column(&self) -> String {
        format!("p_{}", self.id)
    }

    /// The expression that lists sort by (and that the property's index covers).
    pub fn sort_expression(&self) -> String {
        if self.property_type.sorts_as_text() {
            format!("LOWER({})", self.column())
        } else {
            self.column()
        }
    }
}

/// A property to define; options apply to (multi-)enumerations.
#[derive(Clone, Debug)]
pub struct NewProperty {
    pub name: Identifier,
    pub label: String,
    pub property_type: PropertyType,
    /// `(value, label)` pairs, in display order.
    pub options: Vec<(String, String)>,
    pub is_standard: bool,
    pub computed: bool,
}

impl NewProperty {
    pub fn parse(
        name: &str,
        label: &str,
        property_type: PropertyType,
        options: Vec<(String, String)>,
    ) -> Result<NewProperty, AppError> {
        let name = Identifier::parse("name", name)?;
        if name.as_str() == crate::models::view::CREATED_AT {
            return Err(AppError::invalid(
                "name",
                "created_at is the creation date every record has; choose another name",
            ));
        }
        let label = parse_label("label", label)?;
        let takes_options = matches!(
            property_type,
            PropertyType::Enumeration | PropertyType::MultiEnumeration
        );
        if takes_options && options.is_empty() {
            return Err(AppError::invalid("options", "Add at least one option"));
        }
        if !takes_options && !options.is_empty() {
            return Err(AppError::invalid(
                "options",
                "Only select properties have options",
            ));
        }
        if options
            .iter()
            .any(|(value, _)| value.trim().is_empty() || value.contains(';'))
        {
            return Err(AppError::invalid(
                "options",
                "Option values must be non-empty, without ';'",
            ));
        }
        Ok(NewProperty {
            name,
            label,
            property_type,
            options,
            is_standard: false,
            computed: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_lowercase_snake_case() {
        assert!(Identifier::parse("name", "renewal_date2").is_ok());
        for bad in [
            "",
            "Renewal",
            "2nd",
            "has space",
            "semi;colon",
            &"a".repeat(65),
        ] {
            let error = Identifier::parse("name", bad).unwrap_err();
            assert!(
                matches!(error, AppError::Invalid { ref field, .. } if field == "name"),
                "{bad}"
            );
        }
    }

    #[test]
    fn select_properties_need_options_and_others_refuse_them() {
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, vec![]).is_err());
        let one = vec![("gold".to_string(), "Gold".to_string())];
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, one.clone()).is_ok());
        assert!(NewProperty::parse("score", "Score", PropertyType::Number, one).is_err());
        let bad = vec![("a;b".to_string(), "A".to_string())];
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, bad).is_err());
        assert!(NewProperty::parse("tier", "  ", PropertyType::Text, vec![]).is_err());
    }
}
