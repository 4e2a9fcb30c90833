//! `cargo xtask build`: the client (WASM built, split, bound, optimised, scripts and styles
//! minified, named by content and compressed, then held to its size budget) and the server
//! that embeds it.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{
    OUTPUT_NAME, Result, WASM_TARGET, Workspace, content_names, copy_dir, group_loads, run_checked,
    site::{self, Budgeted, Effort},
    size_std, step, wasm_split,
};

impl Workspace {
    pub(crate) fn build(&self, release: bool) -> Result {
        step("Building the WASM bundle (frontend, hydrate)");
        let profile = if release { "wasm-release" } else { "wasm-dev" };
        // `rustc` rather than `build`: the link keeps its relocations for wasm-split.
        let mut compile = self.cargo_command(&[
            "rustc",
            "-p",
            "frontend",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            profile,
        ]);
        if release {
            size_std::build_std_for_size(&mut compile, profile)?;
        }
        run_checked(compile.args(["--", "-C", "link-arg=--emit-relocs"]))?;
        let wasm = self
            .target_dir
            .join(WASM_TARGET)
            .join(profile)
            .join("frontend.wasm");
        // A new folder each time: the old content-named files must not linger (or be embedded).
        let pkg = self.site_dir().join("pkg");
        let _ = fs::remove_dir_all(&pkg);
        fs::create_dir_all(&pkg).map_err(|e| format!("cannot create {}: {e}", pkg.display()))?;

        step("Splitting the lazily loaded code out of the WASM (wasm-split)");
        let main_wasm = self
            .target_dir
            .join("wasm-split")
            .join(profile)
            .join("main.wasm");
        if let Some(folder) = main_wasm.parent() {
            fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        let groups = wasm_split::split_lazy_code(&wasm, &pkg, &main_wasm)?;
        println!("{} groups loaded when needed", groups.len());

        step("Generating JS bindings (wasm-bindgen)");
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&main_wasm)
            .web(true)
            .map_err(|e| format!("wasm-bindgen: {e}"))?
            .typescript(false)
            // The split parts link to the main module by the linker's exports.
            .keep_lld_exports(true)
            // Function names are ~10 MB of the module; only a debugger wants them.
            .remove_name_section(true)
            .remove_producers_section(true)
            .out_name(OUTPUT_NAME)
            .generate(&pkg)
            .map_err(|e| format!("wasm-bindgen failed on {}: {e}", main_wasm.display()))?;
        if release {
            self.optimise_wasm(&content_names::wasm_files(&pkg)?)?;
        }

        let css = self.root.join("style/main.css");
        fs::copy(&css, pkg.join(format!("{OUTPUT_NAME}.css")))
            .map_err(|e| format!("cannot copy {}: {e}", css.display()))?;
        if release {
            self.minify_scripts_and_styles(&pkg)?;
        }

        step("Naming the client by its content, copying the public files, compressing");
        let stem = content_names::name_by_content(&pkg, OUTPUT_NAME)?;
        println!("Client: pkg/{stem}.js, pkg/{stem}_bg.wasm, pkg/{stem}.css");
        copy_dir(&self.root.join("public"), &self.site_dir())?;
        let effort = if release {
            Effort::Release
        } else {
            Effort::Development
        };
        site::precompress(&self.site_dir(), effort)?;
        let (client_size, lazy_parts) = site::client_size(&pkg)?;
        let group_loads = group_loads::group_loads(&pkg, client_size, &groups)?;

        // The server embeds the site folder, so it is built after it.
        step("Building the server (ssr)");
        let mut args = vec!["build", "-p", "app", "-p", "server"];
        if release {
            args.push("--release");
        }
        self.cargo(&args)?;
        let binary = self.server_binary(release);
        let size = fs::metadata(&binary).map(|m| m.len()).unwrap_or_default();
        println!(
            "Server: {} ({:.1} MB, the site embedded; runs from any folder)",
            binary.display(),
            size as f64 / 1_048_576.0
        );
        println!(
            "Loaded when needed (lazily loaded pages, a list tab's parts): {}",
            lazy_parts.describe()
        );
        println!(
            "Client's first load (WASM + JS + CSS): {}",
            client_size.describe()
        );
        for load in &group_loads {
            println!(
                "First load of a page in the {} group (+{} files): {}",
                load.group,
                load.lazy_files,
                load.size.describe()
            );
        }
        let mut figures = vec![Budgeted::first_load(client_size, effort)];
        figures.extend(group_loads.iter().map(|load| load.budgeted(effort)));
        site::check_budget(&self.root.join("xtask/bundle-budget.txt"), &figures)
    }

    /// Shrinks the release bundle's modules with binaryen's wasm-opt from npm, when it is
    /// installed.
    fn optimise_wasm(&self, modules: &[PathBuf]) -> Result {
        let Some(wasm_opt) = self.npm_tool("wasm-opt", "bundle left as built") else {
            return Ok(());
        };
        step("Optimising the WASM bundle (wasm-opt -Oz)");
        for wasm in modules {
            run_checked(
                Command::new(&wasm_opt)
                    .args([
                        "-Oz",
                        // Runs the passes again while they still shrink the module: ~1.4 KB
                        // gzip off the main module for ~20 s.
                        "--converge",
                        "--enable-bulk-memory",
                        "--enable-nontrapping-float-to-int",
                        "--enable-sign-ext",
                        "--enable-mutable-globals",
                        "--enable-reference-types",
                        "--enable-multivalue",
                        "-o",
                    ])
                    .arg(wasm)
                    .arg(wasm),
            )?;
        }
        Ok(())
    }

    /// A build tool from end2end/'s npm packages, or `None` (saying what is `left` undone)
    /// when they are not installed.
    fn npm_tool(&self, name: &str, left: &str) -> Option<PathBuf> {
        let tool = self.root.join("end2end/node_modules/.bin").join(name);
        if tool.exists() {
            Some(tool)
        } else {
            println!("{name} not installed (npm ci in end2end/ provides it); {left}");
            None
        }
    }

    /// Minifies the JS bindings and the stylesheet with esbuild from npm, when it is installed
    /// (before the files are named by their content). Names that other files import stay.
    fn minify_scripts_and_styles(&self, pkg: &Path) -> Result {
        let Some(esbuild) = self.npm_tool("esbuild", "scripts and styles left as written") else {
            return Ok(());
        };
        step("Minifying the scripts and the stylesheet (esbuild)");
        let entries =
            fs::read_dir(pkg).map_err(|e| format!("cannot read {}: {e}", pkg.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if !path.extension().is_some_and(|e| e == "js" || e == "css") {
                continue;
            }
            run_checked(
                Command::new(&esbuild)
                    .arg(&path)
                    .args(["--minify", "--log-level=error", "--allow-overwrite"])
                    .arg(format!("--outfile={}", path.display())),
            )?;
        }
        Ok(())
    }
}
