//! One page of a record list (a table view), as sent to the client.

use serde::{Deserialize, Serialize};

use super::property::{PropertyType, PropertyValue};

/// A column of a record table: one property of the listed object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnHeader {
    pub property_name: String,
    pub label: String,
    pub property_type: PropertyType,
    /// `(value, label)` of each option, for select properties.
    pub options: Vec<(String, String)>,
}

/// One record in a table; `cells` follow the page's `columns`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordRow {
    pub id: i64,
    pub version: i64,
    /// The record's pipeline stage, for objects with pipelines.
    pub stage_id: Option<i64>,
    pub cells: Vec<Option<PropertyValue>>,
}

/// A workspace user referenced by a `user` property on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordPage {
    pub columns: Vec<ColumnHeader>,
    pub rows: Vec<RecordRow>,
    /// Names of the users that `user` cells on this page refer to.
    pub users: Vec<UserRef>,
    /// Number of records matching the list, over all pages — or, when `total_exact` is false,
    /// the number counting stopped at ("10,000+").
    pub total: u64,
    pub total_exact: bool,
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
    /// `(stage id, name)` when the list is one pipeline's: the table then shows a Stage column.
    pub stages: Vec<(i64, String)>,
}

impl RecordPage {
    /// A page without rows that carries only a count: the board layout's, whose cards come
    /// per stage.
    pub fn counted(total: u64) -> RecordPage {
        RecordPage {
            columns: vec![],
            rows: vec![],
            users: vec![],
            total,
            total_exact: true,
            page: 1,
            page_size: super::view::LIST_PAGE_SIZE,
            stages: vec![],
        }
    }
}

/// Where a page sits in a paged list: what the pager shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
    /// Items over all pages (at least this many when not `total_exact`).
    pub total: u64,
    pub total_exact: bool,
    /// Items on this page.
    pub shown: u64,
}

impl Paging {
    pub fn page_count(&self) -> u32 {
        let size = u64::from(self.page_size.max(1));
        u32::try_from(self.total.div_ceil(size))
            .unwrap_or(u32::MAX)
            .max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        if self.total_exact {
            self.page < self.page_count()
        } else {
            self.shown == u64::from(self.page_size)
        }
    }

    /// "1,234" or "10,000+".
    pub fn total_label(&self) -> String {
        let digits = super::property::group_thousands(&self.total.to_string());
        if self.total_exact {
            digits
        } else {
            format!("{digits}+")
        }
    }

    /// 1-based positions of the first and last item shown, e.g. `(51, 100)`.
    pub fn shown_range(&self) -> (u64, u64) {
        if self.shown == 0 {
            return (0, 0);
        }
        let first = u64::from(self.page - 1) * u64::from(self.page_size) + 1;
        (first, first + self.shown - 1)
    }
}

impl RecordPage {
    pub fn paging(&self) -> Paging {
        Paging {
            page: self.page,
            page_size: self.page_size,
            total: self.total,
            total_exact: self.total_exact,
            shown: self.rows.len() as u64,
        }
    }

    pub fn user_name(&self, id: i64) -> Option<&str> {
        self.users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: u64, page: u32, rows: usize) -> Paging {
        RecordPage {
            columns: vec![],
            rows: (0..rows)
                .map(|i| RecordRow {
                    stage_id: None,
                    id: i as i64,
                    version: 1,
                    cells: vec![],
                })
                .collect(),
            users: vec![],
            total,
            total_exact: true,
            page,
            page_size: 50,
            stages: vec![],
        }
        .paging()
    }

    #[test]
    fn paging_arithmetic() {
        let first = page(120, 1, 50);
        assert_eq!(first.page_count(), 3);
        assert!(!first.has_previous());
        assert!(first.has_next());
        assert_eq!(first.shown_range(), (1, 50));

        let last = page(120, 3, 20);
        assert_eq!(last.page_size, 50);
        assert!(last.has_previous());
        assert!(!last.has_next());
        assert_eq!(last.shown_range(), (101, 120));
    }

    #[test]
    fn an_empty_list_has_one_page_and_no_range() {
        let empty = page(0, 1, 0);
        assert_eq!(empty.page_count(), 1);
        assert!(!empty.has_next());
        assert_eq!(empty.shown_range(), (0, 0));
    }

    #[test]
    fn capped_totals_read_as_at_least() {
        let mut capped = page(10_000, 3, 50);
        capped.total_exact = false;
        assert!(
            capped.has_next(),
            "a full page of a capped list may have more"
        );
        assert_eq!(capped.total_label(), "10,000+");
        assert_eq!(page(1234, 1, 50).total_label(), "1,234");
    }
}
