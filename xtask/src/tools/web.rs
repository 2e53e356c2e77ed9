//! The tools that build the shopper's app: the wasm32 target, Trunk, wasm-bindgen-cli and
//! wasm-opt. Trunk runs `--offline` (it cannot download here, and a build should not depend on
//! the network), so it must find the other two on PATH at exactly the pinned versions.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::pins::{self, Pins};
use super::{report, Toolbox};
use crate::process::{self, probe};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs whatever of the web build's tools is missing or at the wrong version.
pub fn ensure_web_tools(toolbox: &Toolbox) -> Result<()> {
    let pins = Pins::read(toolbox.root())?;
    ensure_wasm_target(toolbox)?;
    ensure_trunk(toolbox)?;
    ensure_wasm_bindgen(toolbox, &pins)?;
    ensure_wasm_opt(toolbox, &pins)?;
    Ok(())
}

/// A tool the web build needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebTool {
    WasmTarget,
    Trunk,
    WasmBindgen,
    WasmOpt,
}

/// The web build's tools that [`ensure_web_tools`] would install, found without a word: so
/// that `cargo xtask run` can say up front how long its first steps will take.
pub fn missing_web_tools(toolbox: &Toolbox) -> Vec<WebTool> {
    let Ok(pins) = Pins::read(toolbox.root()) else {
        return Vec::new(); // ensure_web_tools will say what is wrong with the pins
    };
    let runs = |tool: &str, accept: &dyn Fn(&str) -> bool| {
        toolbox
            .find(tool)
            .and_then(|path| probe(toolbox.command(path).arg("--version")))
            .is_some_and(|version| accept(&version))
    };
    let target = probe(
        toolbox
            .command("rustup")
            .args(["target", "list", "--installed"]),
    )
    .is_none_or(|installed| installed.lines().any(|line| line.trim() == WASM_TARGET));
    let mut missing = Vec::new();
    if !target {
        missing.push(WebTool::WasmTarget);
    }
    if !runs("trunk", &pins::is_trunk_021) {
        missing.push(WebTool::Trunk);
    }
    if !runs("wasm-bindgen", &|out| {
        pins::is_wasm_bindgen(out, &pins.wasm_bindgen)
    }) {
        missing.push(WebTool::WasmBindgen);
    }
    if !runs("wasm-opt", &|out| pins::is_wasm_opt(out, &pins.binaryen)) {
        missing.push(WebTool::WasmOpt);
    }
    missing
}

/// The wasm32 target, which the web build and clippy's wasm check both need.
pub fn ensure_wasm_target(toolbox: &Toolbox) -> Result<()> {
    if toolbox.find("rustup").is_none() {
        // No rustup: the target is there if the toolchain's sysroot has its standard library.
        let sysroot = probe(toolbox.command("rustc").args(["--print", "sysroot"]))
            .context("`rustc --print sysroot` failed")?;
        let lib = Path::new(sysroot.trim())
            .join("lib/rustlib")
            .join(WASM_TARGET);
        if lib.is_dir() {
            report(WASM_TARGET, Ok(&lib));
            return Ok(());
        }
        bail!("the {WASM_TARGET} target is missing and rustup is not installed: add the target to your Rust toolchain");
    }
    let installed = probe(
        toolbox
            .command("rustup")
            .args(["target", "list", "--installed"]),
    )
    .context("`rustup target list --installed` failed")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("    {WASM_TARGET}: ok (rustup target)");
        return Ok(());
    }
    report(
        WASM_TARGET,
        Err("missing: adding it with rustup (seconds)…"),
    );
    process::run(
        toolbox
            .command("rustup")
            .args(["target", "add", WASM_TARGET]),
    )
}

fn ensure_trunk(toolbox: &Toolbox) -> Result<()> {
    let accept = |out: &str| pins::is_trunk_021(out);
    if found(toolbox, "trunk", &accept, "Trunk 0.21").is_some() {
        return Ok(());
    }
    println!("    installing Trunk 0.21 (first time only, ~6 minutes on 2 cores; 0.22 needs a newer rustc)…");
    // Trunk's own release profile links with fat LTO and one codegen unit: 4½ of its 10 minutes
    // here went to the last crate and that link, alone on one core. Trunk only starts cargo,
    // wasm-bindgen and wasm-opt, so it gains nothing a person would notice from them.
    process::run(
        toolbox
            .cargo()
            .args(["install", "trunk", "--version", "~0.21", "--locked"])
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )?;
    verify(toolbox, "trunk", &accept, "Trunk 0.21")
}

fn ensure_wasm_bindgen(toolbox: &Toolbox, pins: &Pins) -> Result<()> {
    let want = pins.wasm_bindgen.as_str();
    let accept = |out: &str| pins::is_wasm_bindgen(out, want);
    let label = format!("wasm-bindgen {want} (= Cargo.lock)");
    if found(toolbox, "wasm-bindgen", &accept, &label).is_some() {
        return Ok(());
    }
    println!("    installing wasm-bindgen-cli {want} (first time only, ~5 minutes on 2 cores)…");
    // Not `--locked`: wasm-bindgen-cli's lockfile names a webpki-roots release that is no longer
    // in the registry, so a locked install fails (see /work/shared/TOOLCHAIN.md).
    process::run(
        toolbox
            .cargo()
            .args(["install", "wasm-bindgen-cli", "--version", want]),
    )?;
    verify(toolbox, "wasm-bindgen", &accept, &label)
}

fn ensure_wasm_opt(toolbox: &Toolbox, pins: &Pins) -> Result<()> {
    let want = pins.binaryen.as_str();
    let accept = |out: &str| pins::is_wasm_opt(out, want);
    let label = format!("wasm-opt version {want}");
    if found(toolbox, "wasm-opt", &accept, &label).is_some() {
        return Ok(());
    }
    if toolbox.find("npm").is_none() {
        bail!(
            "wasm-opt {want} is needed and npm is not installed to fetch it: install Node.js and \
             npm (Debian: `apt-get install nodejs npm`), or put binaryen {want}'s wasm-opt on PATH"
        );
    }
    let package = format!("binaryen@{want}");
    if npm_global_is_writable(toolbox) {
        println!("    installing {package} with npm (seconds; Debian's binaryen is too old)…");
        process::run(toolbox.command("npm").args(["install", "-g", &package]))?;
    } else {
        println!(
            "    installing {package} into target/tools (npm -g needs root; we are not root)…"
        );
        process::run(toolbox.command("npm").args([
            "install",
            "--prefix",
            "target/tools",
            &package,
        ]))?;
    }
    verify(toolbox, "wasm-opt", &accept, &label)
}

/// Looks `tool` up and asks its version: `Some(path)` when it is there and acceptable, else
/// `None` after saying why it will be installed.
fn found(
    toolbox: &Toolbox,
    tool: &str,
    accept: &dyn Fn(&str) -> bool,
    label: &str,
) -> Option<PathBuf> {
    let Some(path) = toolbox.find(tool) else {
        report(tool, Err(&format!("not found: {label} will be installed")));
        return None;
    };
    match probe(toolbox.command(&path).arg("--version")) {
        Some(version) if accept(&version) => {
            println!("    {tool}: ok, {} ({})", version.trim(), path.display());
            Some(path)
        }
        Some(version) => {
            let why = format!(
                "{} at {} is not {label}: installing it",
                version.trim(),
                path.display()
            );
            report(tool, Err(&why));
            None
        }
        None => {
            let why = format!("{} does not run: installing {label}", path.display());
            report(tool, Err(&why));
            None
        }
    }
}

/// After an install, the tool PATH finds first must be the right one — else another copy shadows
/// it, and Trunk would pick that one.
fn verify(toolbox: &Toolbox, tool: &str, accept: &dyn Fn(&str) -> bool, label: &str) -> Result<()> {
    if found(toolbox, tool, accept, label).is_some() {
        return Ok(());
    }
    bail!(
        "installed {label}, but `{tool}` on PATH is still not it: remove or reorder the other \
         copy ({})",
        toolbox
            .find(tool)
            .map_or_else(|| "none found".into(), |p| p.display().to_string())
    )
}

/// Whether `npm install -g` can write where it installs: true for root, else we try to create a
/// file in npm's global folder (a per-user prefix, as with nvm, is writable without root).
fn npm_global_is_writable(toolbox: &Toolbox) -> bool {
    if super::is_root() {
        return true;
    }
    let Some(prefix) = probe(toolbox.command("npm").args(["prefix", "-g"])) else {
        return false;
    };
    let lib = Path::new(prefix.trim()).join("lib");
    let dir = if lib.join("node_modules").is_dir() {
        lib.join("node_modules")
    } else {
        lib
    };
    let probe_file = dir.join(format!(".fourflow-xtask-{}", std::process::id()));
    let writable = std::fs::write(&probe_file, b"").is_ok();
    let _ = std::fs::remove_file(&probe_file);
    writable
}
