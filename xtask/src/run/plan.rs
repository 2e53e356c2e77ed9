//! What `cargo xtask run` will do and how long each step should take, decided by what is
//! already installed and built: a first run compiles Trunk, wasm-bindgen-cli, every dependency
//! for wasm and the server (about 25 minutes on 2 cores), a run after a code change recompiles
//! what changed, a run with nothing changed takes a minute.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use fourflow_core::apps::APPS;

use crate::build;
use crate::progress::Planned;
use crate::tools::{self, Toolbox, WebTool};

/// How far along a build product is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    /// Never built: every dependency compiles.
    Never,
    /// Built, but a source it comes from changed since.
    Stale,
    /// Built from the sources as they are.
    Fresh,
}

impl Built {
    /// `artifact` against the newest file under `inputs` (folders are walked).
    fn of(artifact: &Path, inputs: &[PathBuf]) -> Built {
        let Some(built) = modified(artifact) else {
            return Built::Never;
        };
        let newest = inputs.iter().filter_map(|input| newest(input)).max();
        if newest.is_some_and(|newest| newest > built) {
            Built::Stale
        } else {
            Built::Fresh
        }
    }
}

/// What is there already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    pub missing_tools: Vec<WebTool>,
    pub apps: Built,
    pub server: Built,
}

impl Machine {
    pub fn look(toolbox: &Toolbox) -> Machine {
        let root = toolbox.root();
        let at = |paths: &[&str]| -> Vec<PathBuf> { paths.iter().map(|p| root.join(p)).collect() };
        let shared = ["Cargo.toml", "Cargo.lock", "crates/core"];
        let wasm =
            build::target_dir(root).join("wasm32-unknown-unknown/wasm-release/fourflow-web.wasm");
        Machine {
            missing_tools: tools::missing_web_tools(toolbox),
            apps: Built::of(&wasm, &at(&[&shared[..], &["src"]].concat())),
            server: Built::of(
                &build::server_path(root),
                &at(&[&shared[..], &["crates/api"]].concat()),
            ),
        }
    }
}

/// Times measured on a 2-core machine (README, "Two commands"), the basis of the estimates.
mod measured {
    use std::time::Duration;

    const fn min(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }
    const fn s(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    pub const TOOLS_FOUND: Duration = s(2);
    pub const WASM_TARGET: Duration = s(10);
    pub const TRUNK: Duration = s(340);
    pub const WASM_BINDGEN: Duration = min(5);
    pub const WASM_OPT: Duration = s(10);
    /// Six Trunk builds, the first compiling every dependency for wasm (opt-level z, LTO).
    pub const APPS_NEVER: Duration = min(7);
    /// The web library again, then each app linked, through wasm-bindgen and wasm-opt.
    pub const APPS_STALE: Duration = s(150);
    /// Nothing to compile: wasm-bindgen and wasm-opt for each app.
    pub const APPS_FRESH: Duration = s(45);
    pub const PRECOMPRESS: Duration = s(10);
    pub const SERVER_NEVER: Duration = min(6);
    pub const SERVER_STALE: Duration = s(150);
    pub const SERVER_FRESH: Duration = s(1);
    pub const SEED: Duration = s(2);
}

/// The steps of a run that builds, on `machine`, each with its estimate.
pub fn plan(machine: &Machine) -> Vec<Planned> {
    let mut tools = measured::TOOLS_FOUND;
    let mut installs = Vec::new();
    for tool in &machine.missing_tools {
        let (time, name) = match tool {
            WebTool::WasmTarget => (measured::WASM_TARGET, "the wasm32 target"),
            WebTool::Trunk => (measured::TRUNK, "Trunk compiles"),
            WebTool::WasmBindgen => (measured::WASM_BINDGEN, "wasm-bindgen-cli compiles"),
            WebTool::WasmOpt => (measured::WASM_OPT, "wasm-opt from npm"),
        };
        tools += time;
        installs.push(name);
    }
    let tools = Planned::new("the web build's tools", tools);
    let tools = if installs.is_empty() {
        tools.because("all installed")
    } else {
        tools.because(format!("first time only: {}", installs.join(", ")))
    };
    let apps = format!("building the {} apps with Trunk", APPS.len() + 1);
    let apps = match machine.apps {
        Built::Never => Planned::new(apps, measured::APPS_NEVER)
            .because("first time: every dependency compiles for wasm"),
        Built::Stale => Planned::new(apps, measured::APPS_STALE).because("the code changed"),
        Built::Fresh => Planned::new(apps, measured::APPS_FRESH).because("nothing to compile"),
    };
    let server = "building the server (release)";
    let server = match machine.server {
        Built::Never => Planned::new(server, measured::SERVER_NEVER)
            .because("first time: every dependency compiles"),
        Built::Stale => Planned::new(server, measured::SERVER_STALE).because("the code changed"),
        Built::Fresh => Planned::new(server, measured::SERVER_FRESH).because("nothing changed"),
    };
    vec![
        tools,
        apps,
        Planned::new("precompressing dist/", measured::PRECOMPRESS),
        server,
        Planned::new(
            "writing the demo store and starting the shop",
            measured::SEED,
        ),
    ]
}

/// The estimate of `--skip-build`: the demo store and the shop only.
pub fn serve_only() -> Vec<Planned> {
    vec![Planned::new(
        "writing the demo store and starting the shop",
        measured::SEED,
    )]
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().ok()?.modified().ok()
}

/// The newest modification time of `path` or anything under it.
fn newest(path: &Path) -> Option<SystemTime> {
    let own = modified(path);
    let Ok(entries) = std::fs::read_dir(path) else {
        return own;
    };
    entries
        .filter_map(|entry| newest(&entry.ok()?.path()))
        .chain(own)
        .max()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn total(steps: &[Planned]) -> Duration {
        steps.iter().map(|s| s.estimate).sum()
    }

    #[test]
    fn a_first_run_says_it_is_long_and_why() {
        let first = plan(&Machine {
            missing_tools: vec![WebTool::Trunk, WebTool::WasmBindgen, WebTool::WasmOpt],
            apps: Built::Never,
            server: Built::Never,
        });
        assert_eq!(first.len(), 5);
        assert!(total(&first) > Duration::from_secs(20 * 60), "{first:?}");
        let why = first[0].why.as_deref().unwrap();
        assert!(
            why.contains("Trunk") && why.contains("wasm-bindgen-cli"),
            "{why}"
        );
    }

    #[test]
    fn a_run_with_nothing_to_build_says_it_is_quick() {
        let warm = plan(&Machine {
            missing_tools: vec![],
            apps: Built::Fresh,
            server: Built::Fresh,
        });
        assert!(total(&warm) < Duration::from_secs(2 * 60), "{warm:?}");
        assert_eq!(warm[0].why.as_deref(), Some("all installed"));
        let changed = plan(&Machine {
            missing_tools: vec![],
            apps: Built::Stale,
            server: Built::Stale,
        });
        assert!(
            total(&changed) > total(&warm)
                && total(&changed)
                    < total(&plan(&Machine {
                        missing_tools: vec![],
                        apps: Built::Never,
                        server: Built::Never,
                    }))
        );
    }

    #[test]
    fn a_build_is_stale_when_a_source_is_newer() {
        let dir = std::env::temp_dir().join(format!("xtask-plan-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src/deep")).unwrap();
        let artifact = dir.join("app.wasm");
        let source = dir.join("src/deep/lib.rs");
        assert_eq!(Built::of(&artifact, &[dir.join("src")]), Built::Never);
        std::fs::write(&source, "").unwrap();
        std::fs::write(&artifact, "").unwrap();
        let later = SystemTime::now() + Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(&source).unwrap();
        file.set_modified(later).unwrap();
        assert_eq!(Built::of(&artifact, &[dir.join("src")]), Built::Stale);
        let file = std::fs::File::options()
            .write(true)
            .open(&artifact)
            .unwrap();
        file.set_modified(later + Duration::from_secs(1)).unwrap();
        assert_eq!(Built::of(&artifact, &[dir.join("src")]), Built::Fresh);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
