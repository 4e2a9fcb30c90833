//! A list's state as its URL carries it (`?view=…&cols=…&sort=…&filters=…&page=…`), so every
//! list can be linked, reloaded and read without JavaScript, and the helpers that edit query
//! strings.

use super::{
    view::{DatePreset, Sort, ViewRef, ViewState},
    workspace::Layout,
};

/// A list's URL: the view, and — once the user changed anything — the whole state, plus the
/// page. `cols` is always present in a written state, so its presence says "the URL carries the
/// state"; without it the view's saved state applies.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListUrl {
    /// Services and Revenue: the pipeline shown (else the workspace's default).
    pub pipeline: Option<i64>,
    /// Services and Revenue: board or table (else the workspace's default).
    pub layout: Option<Layout>,
    pub view: Option<ViewRef>,
    pub state: Option<ViewState>,
    /// Tasks: only those associated with this record (kept across views, not saved with them).
    pub associated: Option<i64>,
    pub page: u32,
}

impl ListUrl {
    /// Parses a query string (without `?`). Malformed parts are reported, not guessed at.
    pub fn parse(query: &str) -> Result<ListUrl, String> {
        let mut url = ListUrl {
            page: 1,
            ..ListUrl::default()
        };
        let mut state = ViewState::default();
        let mut has_state = false;
        // A form without JavaScript sends a custom range as `created=custom&created_from=…`.
        let mut custom: [(Option<String>, Option<String>); 2] = Default::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "view" if !value.is_empty() => {
                    url.view = Some(
                        ViewRef::parse(&value).ok_or_else(|| format!("Unknown view {value:?}"))?,
                    );
                }
                "pipeline" if !value.is_empty() => {
                    url.pipeline = Some(
                        value
                            .parse::<i64>()
                            .map_err(|_| format!("Unknown pipeline {value:?}"))?,
                    );
                }
                "layout" if !value.is_empty() => {
                    url.layout = Some(
                        Layout::parse(&value).ok_or_else(|| format!("Unknown layout {value:?}"))?,
                    );
                }
                "owner" if !value.is_empty() => {
                    state.owner = Some(
                        value
                            .parse::<i64>()
                            .map_err(|_| "Choose an owner from the list".to_string())?,
                    );
                }
                "associated" if !value.is_empty() => {
                    url.associated = Some(
                        value
                            .parse::<i64>()
                            .map_err(|_| format!("Unknown record {value:?}"))?,
                    );
                }
                "page" => {
                    url.page = value.parse::<u32>().ok().filter(|p| *p >= 1).unwrap_or(1);
                }
                "cols" => {
                    has_state = true;
                    state.columns = value
                        .split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                "sort" if !value.is_empty() => {
                    let (property, descending) = match value.strip_prefix('-') {
                        Some(property) => (property, true),
                        None => (value.as_ref(), false),
                    };
                    state.sort = Some(Sort {
                        property: property.to_string(),
                        descending,
                    });
                }
                "filters" if !value.is_empty() => {
                    state.filters = serde_json::from_str(&value)
                        .map_err(|_| "The filters in this link are malformed".to_string())?;
                }
                "created" if !value.is_empty() && value != "custom" => {
                    state.created = Some(DatePreset::parse(&value)?);
                }
                "activity" if !value.is_empty() && value != "custom" => {
                    state.last_activity = Some(DatePreset::parse(&value)?);
                }
                "created_from" if !value.is_empty() => custom[0].0 = Some(value.into_owned()),
                "created_to" if !value.is_empty() => custom[0].1 = Some(value.into_owned()),
                "activity_from" if !value.is_empty() => custom[1].0 = Some(value.into_owned()),
                "activity_to" if !value.is_empty() => custom[1].1 = Some(value.into_owned()),
                _ => {}
            }
        }
        for (i, range) in custom.into_iter().enumerate() {
            let preset = match range {
                (Some(from), Some(to)) => Some(DatePreset::parse(&format!("{from}..{to}"))?),
                (None, None) => None,
                _ => return Err("Choose both ends of the date range".into()),
            };
            if let Some(preset) = preset {
                if i == 0 {
                    state.created = Some(preset);
                } else {
                    state.last_activity = Some(preset);
                }
            }
        }
        if has_state {
            url.state = Some(state);
        }
        Ok(url)
    }

    /// The query string (without `?`), parameters in a fixed order.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(pipeline) = self.pipeline {
            query.append_pair("pipeline", &pipeline.to_string());
        }
        if let Some(layout) = self.layout {
            query.append_pair("layout", layout.as_str());
        }
        if let Some(view) = self.view {
            query.append_pair("view", &view.to_param());
        }
        if let Some(state) = &self.state {
            query.append_pair("cols", &state.columns.join(","));
            if let Some(sort) = &state.sort {
                let sign = if sort.descending { "-" } else { "" };
                query.append_pair("sort", &format!("{sign}{}", sort.property));
            }
            if !state.filters.is_empty() {
                let json = serde_json::to_string(&state.filters).unwrap_or_default();
                query.append_pair("filters", &json);
            }
            if let Some(created) = state.created {
                query.append_pair("created", &created.to_param());
            }
            if let Some(activity) = state.last_activity {
                query.append_pair("activity", &activity.to_param());
            }
            if let Some(owner) = state.owner {
                query.append_pair("owner", &owner.to_string());
            }
        }
        if let Some(record) = self.associated {
            query.append_pair("associated", &record.to_string());
        }
        if self.page > 1 {
            query.append_pair("page", &self.page.to_string());
        }
        query.finish()
    }

    /// `path?query` (or just `path`).
    pub fn href(&self, path: &str) -> String {
        href(path, &self.to_query())
    }
}

/// `query` (without `?`) with `key` set to `value`, or removed when `value` is `None`; the
/// other parameters keep their order.
pub fn set_query_param(query: &str, key: &str, value: Option<&str>) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        if k != key {
            out.append_pair(&k, &v);
        }
    }
    if let Some(value) = value {
        out.append_pair(key, value);
    }
    out.finish()
}

/// `path?query`, or `path` when the query is empty.
pub fn href(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::models::{
        filter::{Condition, FilterGroup, FilterTree, Operator},
        view::BuiltinView,
    };

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_url_without_columns_carries_no_state() {
        let url = ListUrl::parse("view=assigned&page=3").unwrap();
        assert_eq!(
            url.view,
            Some(ViewRef::Builtin(BuiltinView::AssignedRecently))
        );
        assert_eq!(url.state, None);
        assert_eq!(url.page, 3);
        assert_eq!(ListUrl::parse("page=0").unwrap().page, 1);
        assert!(ListUrl::parse("view=drop").is_err());
        assert!(ListUrl::parse("layout=grid").is_err());
        assert!(ListUrl::parse("cols=name&owner=me").is_err());
    }

    #[test]
    fn the_whole_state_round_trips_through_the_url() {
        let url = ListUrl {
            pipeline: Some(4),
            layout: Some(Layout::Board),
            view: Some(ViewRef::Saved(12)),
            state: Some(ViewState {
                columns: vec!["name".into(), "arr".into()],
                filters: FilterTree {
                    groups: vec![FilterGroup {
                        conditions: vec![Condition {
                            property: "name".into(),
                            operator: Operator::Contains,
                            values: vec!["a&b=c, d".into()],
                        }],
                    }],
                },
                sort: Some(Sort {
                    property: "arr".into(),
                    descending: true,
                }),
                created: Some(DatePreset::LastDays(7)),
                last_activity: Some(DatePreset::Today),
                owner: Some(7),
            }),
            associated: Some(31),
            page: 2,
        };
        let query = url.to_query();
        assert!(
            query.starts_with("pipeline=4&layout=board&view=12&cols=name%2Carr&sort=-arr&filters=")
        );
        assert!(query.ends_with("&owner=7&associated=31&page=2"), "{query}");
        assert_eq!(ListUrl::parse(&query).unwrap(), url);
        assert_eq!(ListUrl::parse(&format!("?{query}")).unwrap(), url);
    }

    #[test]
    fn forms_without_javascript_send_custom_ranges() {
        let url = ListUrl::parse(
            "cols=name&created=custom&created_from=2026-01-01&created_to=2026-01-31",
        )
        .unwrap();
        assert_eq!(
            url.state.unwrap().created,
            Some(DatePreset::Range {
                from: date("2026-01-01"),
                to: date("2026-01-31")
            })
        );
        assert!(ListUrl::parse("cols=name&created=custom&created_from=2026-01-01").is_err());
        assert!(
            ListUrl::parse(
                "cols=name&activity=custom&activity_from=2026-02-01&activity_to=2026-01-01"
            )
            .is_err()
        );
    }

    #[test]
    fn query_params_are_set_and_removed() {
        assert_eq!(
            set_query_param("view=owned&page=2", "record", Some("7")),
            "view=owned&page=2&record=7"
        );
        assert_eq!(
            set_query_param("?record=7&view=owned", "record", None),
            "view=owned"
        );
        assert_eq!(href("/customers", ""), "/customers");
    }

    #[test]
    fn malformed_filters_are_reported() {
        assert!(ListUrl::parse("cols=name&filters=%7Bnope").is_err());
    }
}
