//! The first load of the pages whose code is loaded lazily: the code every page loads plus the
//! files of the page's group (its `split_<group>` module and the chunks of shared code it
//! needs, as wasm-split lists them). The budget file holds a line per group
//! ([`GroupLoad::budgeted`]), so a feature that makes the Summary, say, heavier fails the build
//! like one that makes the list tabs heavier.

use std::{collections::BTreeMap, path::Path};

use crate::{
    Result,
    site::{Budgeted, ClientSize, Effort, file_name, files_in},
};

/// Each lazily loaded group's files, by wasm-split's stems (`chunk_7`, `split_summary`).
pub type LazyGroups = BTreeMap<String, Vec<String>>;

/// What opening a page of `group` first downloads.
#[derive(Debug, PartialEq, Eq)]
pub struct GroupLoad {
    pub group: String,
    pub size: ClientSize,
    /// Files fetched beyond the first load's (main module, script, stylesheet, loader).
    pub lazy_files: usize,
}

/// The first load of each group's pages: `first_load` plus the group's files in `pkg`, found by
/// their stem after the content name (`cs_workspace.<hash>.chunk_7.wasm`).
pub fn group_loads(
    pkg: &Path,
    first_load: ClientSize,
    groups: &LazyGroups,
) -> Result<Vec<GroupLoad>> {
    let files = files_in(pkg)?;
    groups
        .iter()
        .map(|(group, stems)| {
            let mut size = first_load;
            for stem in stems {
                let suffix = format!(".{stem}.wasm");
                let path = files
                    .iter()
                    .find(|path| file_name(path).ends_with(&suffix))
                    .ok_or_else(|| {
                        format!(
                            "the {group} group's {stem}.wasm is not in {}",
                            pkg.display()
                        )
                    })?;
                size.add(ClientSize::of_file(path)?);
            }
            Ok(GroupLoad {
                group: group.clone(),
                size,
                lazy_files: stems.len(),
            })
        })
        .collect()
}

impl GroupLoad {
    /// This group's figure for the budget file: the line `<build's key>/<group>`.
    pub fn budgeted(&self, effort: Effort) -> Budgeted {
        Budgeted {
            key: format!("{}/{}", effort.budget_key(), self.group),
            what: format!("the {} group's first load", self.group),
            actual: self.size.of(effort),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::site::{check_budget, write_client};

    fn groups(pairs: &[(&str, &[&str])]) -> LazyGroups {
        pairs
            .iter()
            .map(|(group, stems)| {
                (
                    group.to_string(),
                    stems.iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_groups_first_load_adds_its_own_files_to_the_first_load() {
        let folder = tempfile::tempdir().unwrap();
        let pkg = folder.path();
        write_client(
            pkg,
            &[
                ("app.0123456789abcdef_bg.wasm", 1_000),
                ("app.0123456789abcdef.split_summary.wasm", 300),
                ("app.0123456789abcdef.split_pages.wasm", 200),
                ("app.0123456789abcdef.chunk_1.wasm", 50),
                ("app.0123456789abcdef.chunk_11.wasm", 7),
            ],
        );
        let first_load = ClientSize {
            raw: 1_000,
            gzip: 100,
            brotli: 90,
        };
        let loads = group_loads(
            pkg,
            first_load,
            &groups(&[
                ("summary", &["chunk_1", "split_summary"]),
                ("pages", &["chunk_11", "split_pages"]),
            ]),
        )
        .unwrap();
        assert_eq!(loads[0].group, "pages");
        // `chunk_1` is not mistaken for `chunk_11`.
        assert_eq!(loads[0].size.raw, 1_207);
        assert_eq!(loads[1].size.raw, 1_350);
        assert_eq!(loads[1].lazy_files, 2);
        assert!(loads[1].size.gzip > first_load.gzip);

        let missing = group_loads(
            pkg,
            first_load,
            &groups(&[("settings", &["split_settings"])]),
        );
        assert!(missing.unwrap_err().contains("split_settings"));
    }

    #[test]
    fn a_group_over_its_line_or_without_one_fails_the_build() {
        let folder = tempfile::tempdir().unwrap();
        let budget = folder.path().join("budget.txt");
        let load = |group: &str, gzip| GroupLoad {
            group: group.to_string(),
            size: ClientSize {
                raw: 5_000,
                gzip,
                brotli: 400,
            },
            lazy_files: 3,
        };
        let check_group_budgets = |loads: &[GroupLoad], effort| {
            let figures: Vec<Budgeted> = loads.iter().map(|l| l.budgeted(effort)).collect();
            check_budget(&budget, &figures)
        };
        fs::write(
            &budget,
            "release-gzip 100\nrelease-gzip/summary 600\nrelease-gzip/pages 700\n",
        )
        .unwrap();
        assert!(
            check_group_budgets(&[load("summary", 600), load("pages", 650)], Effort::Release)
                .is_ok()
        );

        let over = check_group_budgets(&[load("summary", 601)], Effort::Release).unwrap_err();
        assert!(
            over.contains("summary group's first load") && over.contains("over its budget"),
            "{over}"
        );

        let unlisted = check_group_budgets(&[load("settings", 10)], Effort::Release).unwrap_err();
        assert!(
            unlisted.contains("no line `release-gzip/settings <bytes>`"),
            "{unlisted}"
        );

        // The development build is held to its own lines.
        let development =
            check_group_budgets(&[load("summary", 1)], Effort::Development).unwrap_err();
        assert!(
            development.contains("development-brotli/summary"),
            "{development}"
        );
    }
}
