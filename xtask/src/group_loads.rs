//! The first load of the pages whose code is loaded lazily: the code every page loads plus the
//! files of the page's group (its `split_<group>` module and the chunks of shared code it
//! needs, as wasm-split lists them). The budget file holds a line per group, so a feature that
//! makes the Summary, say, heavier fails the build like one that makes the list tabs heavier.

use std::{collections::BTreeMap, fs, path::Path};

use crate::{
    Result,
    site::{ClientSize, Effort, budget_limit, file_name, files_in, kilobytes},
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

/// Prints each group's first load and fails when one is above its line in the budget file
/// (`<build's key>/<group> <bytes>`), or has none: a new group gets a line when it is made.
pub fn check_group_budgets(budget_file: &Path, loads: &[GroupLoad], effort: Effort) -> Result {
    let text = fs::read_to_string(budget_file)
        .map_err(|e| format!("cannot read {}: {e}", budget_file.display()))?;
    let mut problems = Vec::new();
    for load in loads {
        let key = format!("{}/{}", effort.budget_key(), load.group);
        let actual = load.size.of(effort);
        println!(
            "First load of a page in the {} group (+{} files): {} raw, {} gzip, {} brotli",
            load.group,
            load.lazy_files,
            kilobytes(load.size.raw),
            kilobytes(load.size.gzip),
            kilobytes(load.size.brotli)
        );
        match budget_limit(&text, &key) {
            None => problems.push(format!(
                "{} has no line `{key} <bytes>` ({} now)",
                budget_file.display(),
                kilobytes(actual)
            )),
            Some(limit) if actual > limit => problems.push(format!(
                "the {} group's first load is {} ({key}), over its budget of {}",
                load.group,
                kilobytes(actual),
                kilobytes(limit)
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}: find what grew (see the README's section on the client's size) before raising a budget",
        problems.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Effort, precompress};

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
        for (file, bytes) in [
            ("app.0123456789abcdef_bg.wasm", 1_000),
            ("app.0123456789abcdef.split_summary.wasm", 300),
            ("app.0123456789abcdef.split_pages.wasm", 200),
            ("app.0123456789abcdef.chunk_1.wasm", 50),
            ("app.0123456789abcdef.chunk_11.wasm", 7),
        ] {
            fs::write(pkg.join(file), vec![b'x'; bytes]).unwrap();
        }
        precompress(pkg, Effort::Development).unwrap();
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
        fs::write(
            &budget,
            "release-gzip 100\nrelease-gzip/summary 600\nrelease-gzip/pages 700\n",
        )
        .unwrap();
        assert!(
            check_group_budgets(
                &budget,
                &[load("summary", 600), load("pages", 650)],
                Effort::Release
            )
            .is_ok()
        );

        let over =
            check_group_budgets(&budget, &[load("summary", 601)], Effort::Release).unwrap_err();
        assert!(
            over.contains("summary group's first load") && over.contains("over its budget"),
            "{over}"
        );

        let unlisted =
            check_group_budgets(&budget, &[load("settings", 10)], Effort::Release).unwrap_err();
        assert!(
            unlisted.contains("no line `release-gzip/settings <bytes>`"),
            "{unlisted}"
        );

        // The development build is held to its own lines.
        let development =
            check_group_budgets(&budget, &[load("summary", 1)], Effort::Development).unwrap_err();
        assert!(
            development.contains("development-brotli/summary"),
            "{development}"
        );
    }
}
