//! The browser the end-to-end tests drive: Chromium and ChromeDriver from the distribution's
//! packages, plus a CJK font — without one, zh-TW pages render as boxes and screenshots (and any
//! layout check that measures text) mean nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};

use super::{report, Toolbox};
use crate::process::{self, probe};

const PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];

/// Where Debian's fonts-noto-cjk puts its sans font, for machines without `fc-list`.
const NOTO_CJK_FILE: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Installs Chromium, ChromeDriver and a CJK font when any is missing; returns Chromium's path.
pub fn ensure_browser(toolbox: &Toolbox) -> Result<PathBuf> {
    crate::step("checking the end-to-end tests' browser (Chromium, ChromeDriver, a CJK font)");
    let missing = missing_pieces(toolbox);
    if !missing.is_empty() {
        install(toolbox, &missing)?;
        let still = missing_pieces(toolbox);
        if !still.is_empty() {
            bail!(
                "installed {}, but still missing: {}",
                PACKAGES.join(" "),
                still.join(", ")
            );
        }
    }
    Ok(toolbox.find("chromium").expect("checked just above"))
}

/// The pieces not found, by package name, after saying what was found.
fn missing_pieces(toolbox: &Toolbox) -> Vec<&'static str> {
    let mut missing = Vec::new();
    for (binary, package) in [
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
    ] {
        match toolbox.find(binary) {
            Some(path) => report(binary, Ok(&path)),
            None => {
                report(binary, Err("not found"));
                missing.push(package);
            }
        }
    }
    if has_cjk_font(toolbox) {
        println!("    CJK font: ok");
    } else {
        report("CJK font", Err("none found (fc-list :lang=zh is empty)"));
        missing.push("fonts-noto-cjk");
    }
    missing
}

fn has_cjk_font(toolbox: &Toolbox) -> bool {
    let listed = toolbox.find("fc-list").and_then(|fc_list| {
        probe(Command::new(fc_list).arg(":lang=zh")).map(|out| !out.trim().is_empty())
    });
    listed.unwrap_or(false) || Path::new(NOTO_CJK_FILE).is_file()
}

/// `apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk`, through
/// `sudo` when we are not root. Anything else fails with what to install by hand.
fn install(toolbox: &Toolbox, missing: &[&str]) -> Result<()> {
    let by_hand = format!(
        "install them yourself (Debian/Ubuntu: `sudo apt-get install -y {}`), then rerun",
        PACKAGES.join(" ")
    );
    if toolbox.find("apt-get").is_none() {
        bail!(
            "missing {} and this system has no apt-get: {by_hand}",
            missing.join(", ")
        );
    }
    let sudo = if super::is_root() {
        None
    } else if let Some(sudo) = toolbox.find("sudo") {
        Some(sudo)
    } else {
        bail!(
            "missing {}; installing needs root and there is no sudo: {by_hand}",
            missing.join(", ")
        );
    };
    println!(
        "    installing {} from the distribution's packages (~1 minute)…",
        PACKAGES.join(" ")
    );
    // sudo resets the environment, so the variable goes on its command line instead.
    let apt = |args: &[&str]| {
        let mut command;
        if let Some(sudo) = &sudo {
            command = toolbox.command(sudo);
            command.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        } else {
            command = toolbox.command("apt-get");
            command.env("DEBIAN_FRONTEND", "noninteractive");
        }
        command.args(args);
        command
    };
    let result = process::run(&mut apt(&["update"]))
        .and_then(|()| process::run(&mut apt(&[&["install", "-y"][..], &PACKAGES].concat())));
    result.map_err(|error| error.context(format!("could not install the browser: {by_hand}")))
}
