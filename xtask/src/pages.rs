//! The pages Trunk builds the apps from. `test` and `bench` build the pages as they are: what
//! ships, and what the budget is checked on. `cargo xtask run` builds a copy of each without
//! its extra wasm-opt passes (`data-wasm-opt-params`: flatten, rereloop, and -Os to a fixpoint).
//! Measured on 2 cores, those passes take ~35 s of each shopper app's ~45 s of wasm-opt (three
//! minutes of every run, first or not) to make its wasm ~1% smaller — what keeps the apps inside
//! the shopper's budget, but nothing a shop on one's own machine needs.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Which pages to build from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// The pages at the repository root, as they ship.
    Shipped,
    /// Copies under `target/run-pages/`, without the slow size passes.
    Quick,
}

/// Where the quick pages are written: two folders below the root, so that every path a page
/// names relative to the root is `../../` away.
const QUICK_DIR: &str = "target/run-pages";
const UP: &str = "../../";

/// The page `{page}.html` to build from, writing its quick copy first when asked for one.
pub fn page(root: &Path, pages: Pages, page: &str) -> Result<PathBuf> {
    let shipped = root.join(format!("{page}.html"));
    if pages == Pages::Shipped {
        return Ok(shipped);
    }
    let html = std::fs::read_to_string(&shipped)
        .with_context(|| format!("reading {}", shipped.display()))?;
    let dir = root.join(QUICK_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let copy = dir.join(format!("{page}.html"));
    std::fs::write(&copy, quick(&html)).with_context(|| format!("writing {}", copy.display()))?;
    Ok(copy)
}

/// `html` without wasm-opt's extra passes, its Trunk links pointing back to the root.
fn quick(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |n| start + n + 1);
        let tag = &rest[start..tag_end];
        if tag.contains(" data-trunk") {
            out.push_str(&trunk_tag(tag));
        } else {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// One `<link data-trunk …>` tag, rewritten.
fn trunk_tag(tag: &str) -> String {
    let mut tag = remove_attribute(tag, "data-wasm-opt-params");
    for attribute in ["href", "src"] {
        let key = format!(" {attribute}=\"");
        if let Some(at) = tag.find(&key) {
            let value = at + key.len();
            let relative = !tag[value..].starts_with('/') && !tag[value..].contains("://");
            if relative {
                tag.insert_str(value, UP);
            }
        }
    }
    // Trunk finds the crate of a rust link beside the page unless told where it is.
    if tag.contains("rel=\"rust\"") && !tag.contains(" href=\"") {
        let name_end = tag.find(' ').unwrap_or(tag.len());
        tag.insert_str(name_end, &format!(" href=\"{UP}Cargo.toml\""));
    }
    tag
}

fn remove_attribute(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let Some(at) = tag.find(&key) else {
        return tag.to_owned();
    };
    let value = at + key.len();
    let end = tag[value..].find('"').map_or(tag.len(), |n| value + n + 1);
    format!("{}{}", &tag[..at], &tag[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use fourflow_core::apps::APPS;

    const PAGE: &str = r#"<head>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link data-trunk rel="css" href="style/base.css">
  <link data-trunk rel="rust" data-bin="cart" data-wasm-opt="s" data-wasm-opt-params="--flatten -Os --converge" data-cargo-profile-release="wasm-release">
  <link data-trunk rel="copy-dir" href="public/demo">
  <script>if (a < b) { go(); }</script>
</head>"#;

    #[test]
    fn a_quick_page_drops_the_size_passes_and_points_back_to_the_root() {
        assert_eq!(
            quick(PAGE),
            r#"<head>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link data-trunk rel="css" href="../../style/base.css">
  <link href="../../Cargo.toml" data-trunk rel="rust" data-bin="cart" data-wasm-opt="s" data-cargo-profile-release="wasm-release">
  <link data-trunk rel="copy-dir" href="../../public/demo">
  <script>if (a < b) { go(); }</script>
</head>"#
        );
    }

    /// Every real page: the same links, none of the slow passes, and nothing else changed.
    #[test]
    fn every_page_has_a_quick_copy_that_differs_only_in_those_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let names = APPS.iter().map(|app| app.name).chain(["index"]);
        for name in names {
            let html = std::fs::read_to_string(root.join(format!("{name}.html"))).unwrap();
            let copy = quick(&html);
            assert!(!copy.contains("--converge"), "{name}");
            assert!(copy.contains(" href=\"../../Cargo.toml\""), "{name}");
            assert_eq!(
                copy.matches(" data-trunk").count(),
                html.matches(" data-trunk").count()
            );
            let undone = copy.replace(UP, "").replace(" href=\"Cargo.toml\"", "");
            let shipped = html
                .lines()
                .map(|line| remove_attribute(line, "data-wasm-opt-params"))
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(undone.trim_end(), shipped.trim_end(), "{name}");
        }
    }
}
