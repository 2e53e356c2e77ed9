//! The shopper's apps are listed once, in `fourflow_core::apps`: the server routes by it, xtask
//! builds one Trunk page per entry and writes the service worker's list from it. What cannot be
//! derived from it — a page (`{name}.html`) and a binary (`src/bin/{name}.rs`) per app — is
//! checked here, both ways: an app without its files would fail only at build time, in the
//! slowest step; a page or binary without an app would be built by nobody and served never.

use std::collections::BTreeSet;
use std::path::Path;

use fourflow_core::apps::APPS;

/// The storefront is the package's own binary (`src/main.rs`), built from `index.html`.
const STOREFRONT_PAGE: &str = "index";
const STOREFRONT_BIN: &str = "fourflow-web";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The stems of the files directly in `dir` whose name ends with `.{extension}`.
fn stems(dir: &Path, extension: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != extension || !path.is_file() {
                return None;
            }
            Some(path.file_stem()?.to_str()?.to_owned())
        })
        .collect()
}

fn app_names() -> BTreeSet<String> {
    APPS.iter().map(|app| app.name.to_owned()).collect()
}

#[test]
fn every_app_has_its_page_and_no_page_is_without_an_app() {
    let mut expected = app_names();
    expected.insert(STOREFRONT_PAGE.to_owned());
    assert_eq!(
        stems(root(), "html"),
        expected,
        "the *.html pages at the repository root must be index.html and one per \
         fourflow_core::apps::APPS entry"
    );
}

#[test]
fn every_app_has_its_binary_and_no_binary_is_without_an_app() {
    assert_eq!(
        stems(&root().join("src/bin"), "rs"),
        app_names(),
        "src/bin/ must hold one binary per fourflow_core::apps::APPS entry (the storefront is \
         src/main.rs)"
    );
}

/// Trunk builds the binary a page names, so a page naming another app's binary would ship
/// that app under this one's URLs.
#[test]
fn every_page_builds_its_own_binary() {
    let pages = APPS
        .iter()
        .map(|app| (app.name, app.name))
        .chain([(STOREFRONT_PAGE, STOREFRONT_BIN)]);
    for (page, bin) in pages {
        let path = root().join(format!("{page}.html"));
        let html = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let named: Vec<&str> = html
            .split("data-bin=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(named, [bin], "{page}.html must build exactly `{bin}`");
    }
}
