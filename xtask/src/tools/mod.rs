//! Installing what the build and the tests need, once, and only what is missing.
//!
//! A fresh machine needs nothing but Rust and `cargo xtask …`: the first run adds the wasm32
//! target, Trunk, wasm-bindgen-cli, wasm-opt and (for the end-to-end tests) Chromium. Each tool
//! is looked up first — on PATH, in cargo's bin folder and in `target/tools` — and installed only
//! when it is absent or at the wrong version; both cases are said out loud.
//!
//! Versions are not chosen here but read from the project (see [`pins`]): wasm-bindgen-cli must
//! equal the `wasm-bindgen` crate in Cargo.lock, and Trunk.toml pins the versions Trunk accepts.

mod browser;
pub mod pins;
mod web;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use browser::ensure_browser;
pub use web::{ensure_wasm_target, ensure_web_tools, missing_web_tools, WebTool};

/// Where tools are looked up and how commands are started: every command gets a PATH that puts
/// the folders we install into first, so that what we installed is what Trunk and the tests find
/// (Trunk takes the first `wasm-bindgen`/`wasm-opt` on PATH and, offline, refuses a mismatch).
pub struct Toolbox {
    root: PathBuf,
    path: OsString,
}

impl Toolbox {
    pub fn new(root: &Path) -> Toolbox {
        let mut dirs = vec![local_npm_bin(root), cargo_home().join("bin")];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let mut unique: Vec<PathBuf> = Vec::new();
        for dir in dirs {
            if !unique.contains(&dir) {
                unique.push(dir);
            }
        }
        let path = std::env::join_paths(unique).expect("PATH entries never contain ':'");
        Toolbox {
            root: root.to_path_buf(),
            path,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A command for `program`, run from the repository root with the toolbox's PATH.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let program = program.as_ref();
        // Resolve through our PATH: `Command::new` would search the parent's PATH instead.
        let resolved = self
            .find(&program.to_string_lossy())
            .map(OsString::from)
            .unwrap_or_else(|| program.to_os_string());
        let mut command = Command::new(resolved);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// `cargo`, the very one that started xtask (it sets `$CARGO`), so that the same toolchain
    /// builds everything.
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// The first executable called `name` on the toolbox's PATH, as a shell would find it.
    pub fn find(&self, name: &str) -> Option<PathBuf> {
        std::env::split_paths(&self.path)
            .map(|dir| dir.join(name))
            .find(|candidate| is_executable(candidate))
    }
}

/// `target/tools/node_modules/.bin`: where npm packages go when a global install needs root and
/// we are not root.
fn local_npm_bin(root: &Path) -> PathBuf {
    root.join("target/tools/node_modules/.bin")
}

fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home);
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    PathBuf::from(home).join(".cargo")
}

fn is_executable(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}

/// Whether this process runs as root (then system installs need no `sudo`).
fn is_root() -> bool {
    crate::process::probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Prints the outcome of a look-up: found (and where), or why it will be installed.
fn report(tool: &str, found: Result<&Path, &str>) {
    match found {
        Ok(path) => println!("    {tool}: ok ({})", path.display()),
        Err(why) => println!("    {tool}: {why}"),
    }
}
