//! Builds SQL text from fixed fragments, schema identifiers and bound values — never from
//! user text. Fragments are `&'static str`, identifiers come only as [`Column`] (made from the
//! schema), and every value is bound and numbered here (`$1`, `$2`, …), so placeholders cannot
//! drift out of step with the values.

use super::field::{Column, Table};
use crate::db::sql_value::SqlValue;

#[derive(Clone, Debug, Default)]
pub struct SqlBuilder {
    sql: String,
    params: Vec<SqlValue>,
}

impl SqlBuilder {
    pub fn new() -> SqlBuilder {
        SqlBuilder::default()
    }

    /// Appends fixed SQL.
    pub fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.sql.push_str(fragment);
        self
    }

    /// Appends a column of the queried table.
    pub fn column(&mut self, column: &Column) -> &mut Self {
        self.sql.push_str(column.as_sql());
        self
    }

    /// Appends an object's table name.
    pub fn table(&mut self, table: &Table) -> &mut Self {
        self.sql.push_str(table.as_sql());
        self
    }

    /// Appends the expression a column sorts and compares by (`LOWER(p_3)` for text).
    pub fn sort_key(&mut self, column: &Column) -> &mut Self {
        if column.is_text() {
            self.sql.push_str("LOWER(");
            self.sql.push_str(column.as_sql());
            self.sql.push(')');
        } else {
            self.sql.push_str(column.as_sql());
        }
        self
    }

    /// Appends a placeholder and binds `value` to it.
    pub fn bind(&mut self, value: SqlValue) -> &mut Self {
        self.params.push(value);
        self.sql.push('$');
        self.sql.push_str(&self.params.len().to_string());
        self
    }

    /// Appends `$a, $b, …` binding each value.
    pub fn bind_list(&mut self, values: impl IntoIterator<Item = SqlValue>) -> &mut Self {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self
    }

    /// Appends another builder's SQL, renumbering its placeholders after this one's.
    pub fn append(&mut self, other: SqlBuilder) -> &mut Self {
        let offset = self.params.len();
        let mut chars = other.sql.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n: usize = digits.parse().unwrap_or(0);
                self.sql.push('$');
                self.sql.push_str(&(n + offset).to_string());
            } else {
                self.sql.push(c);
            }
        }
        self.params.extend(other.params);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn params(&self) -> &[SqlValue] {
        &self.params
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order_and_renumbered_on_append() {
        let mut inner = SqlBuilder::new();
        inner
            .push("a = ")
            .bind(SqlValue::from(1))
            .push(" AND b IN (");
        inner
            .bind_list([SqlValue::from(2), SqlValue::from(3)])
            .push(")");
        let mut outer = SqlBuilder::new();
        outer.push("x = ").bind(SqlValue::from("q")).push(" AND ");
        outer.append(inner);
        assert_eq!(outer.sql(), "x = $1 AND a = $2 AND b IN ($3, $4)");
        assert_eq!(outer.params().len(), 4);
        assert_eq!(outer.params()[3], SqlValue::from(3));
    }

    #[test]
    fn ten_or_more_placeholders_renumber_whole() {
        let mut inner = SqlBuilder::new();
        inner.bind_list((0..11).map(SqlValue::from));
        let mut outer = SqlBuilder::new();
        outer.bind(SqlValue::from(99)).push(" ");
        outer.append(inner);
        assert!(outer.sql().ends_with("$11, $12"), "{}", outer.sql());
    }
}
