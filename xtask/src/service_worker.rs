//! The service worker's list of apps, written into the built `sw.js` from
//! `fourflow_core::apps::APPS`, so that `public/sw.js` does not repeat it by hand (it did, and
//! a list in two places is a list that drifts). With the list goes `APPS_VERSION`, a digest of
//! it that is part of every cache's name: a new app or path then drops the old caches, as
//! bumping the version by hand used to.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use fourflow_core::apps::{App, APPS};

/// The lines between these two markers in `public/sw.js` are replaced.
const BEGIN: &str = "// @generated-apps-begin";
const END: &str = "// @generated-apps-end";

/// Rewrites `dist/sw.js` (as Trunk copied it from `public/sw.js`) with the shopper's apps.
pub fn write(dist: &Path) -> Result<()> {
    let path = dist.join("sw.js");
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let written = with_apps(&source, &APPS)
        .with_context(|| format!("writing the list of apps into {}", path.display()))?;
    std::fs::write(&path, written).with_context(|| format!("writing {}", path.display()))
}

/// `source` with the part between the markers replaced by `apps`' shopper apps (the back office
/// is online only: the worker never answers its pages).
fn with_apps(source: &str, apps: &[App]) -> Result<String> {
    let (Some(begin), Some(end)) = (source.find(BEGIN), source.find(END)) else {
        bail!("the service worker has no `{BEGIN}` … `{END}` section for the list of apps");
    };
    if end < begin || source.matches(BEGIN).count() != 1 || source.matches(END).count() != 1 {
        bail!("the service worker must have one `{BEGIN}` section, closed by `{END}`");
    }
    let begin_line = source[begin..]
        .find('\n')
        .map_or(source.len(), |n| begin + n + 1);
    let list = apps_js(apps);
    Ok(format!(
        "{}{list}const APPS_VERSION = '{}';\n{}",
        &source[..begin_line],
        digest(&list),
        &source[end..]
    ))
}

/// `const APPS = [{ shell, paths }, …];` — an app's shell is cached under its first path.
fn apps_js(apps: &[App]) -> String {
    let mut js = String::from("const APPS = [\n");
    for app in apps.iter().filter(|app| app.shopper) {
        let paths: Vec<String> = app.paths.iter().map(|p| format!("'{p}'")).collect();
        let shell = app.paths.first().expect("an app serves at least one path");
        let _ = writeln!(
            js,
            "  {{ shell: '{shell}', paths: [{}] }}, // {}",
            paths.join(", "),
            app.name
        );
    }
    js.push_str("];\n");
    js
}

/// FNV-1a, 32 bits, in hex: short, and the same on every machine and Rust release (std's
/// hasher promises neither), so that the same list always names the same caches.
fn digest(text: &str) -> String {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    format!("{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "'use strict';\n\
        // @generated-apps-begin: replaced at build time\n\
        const APPS = [];\n\
        const APPS_VERSION = 'unbuilt';\n\
        // @generated-apps-end\n\
        const VERSION = `v7-${APPS_VERSION}`;\n";

    fn public_sw() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/sw.js");
        std::fs::read_to_string(path).expect("public/sw.js")
    }

    #[test]
    fn writes_every_shopper_app_and_not_the_back_office() {
        let written = with_apps(SOURCE, &APPS).unwrap();
        for app in APPS {
            let line = written.lines().find(|line| line.ends_with(app.name));
            assert_eq!(line.is_some(), app.shopper, "{}:\n{written}", app.name);
        }
        assert!(written.contains(
            "  { shell: '/cart', paths: ['/cart', '/wishlist', '/compare'] }, // cart\n"
        ));
        assert!(written.starts_with("'use strict';\n// @generated-apps-begin"));
        assert!(
            written.ends_with("// @generated-apps-end\nconst VERSION = `v7-${APPS_VERSION}`;\n")
        );
        assert!(!written.contains("'unbuilt'"));
    }

    #[test]
    fn another_list_of_apps_names_other_caches() {
        let version = |apps: &[App]| {
            let written = with_apps(SOURCE, apps).unwrap();
            let line = written
                .lines()
                .find(|l| l.starts_with("const APPS_VERSION"))
                .unwrap()
                .to_owned();
            line
        };
        assert_eq!(
            version(&APPS),
            version(&APPS),
            "the same list, the same caches"
        );
        assert_ne!(version(&APPS), version(&APPS[1..]));
        let mut more_paths = APPS;
        more_paths[0].paths = &["/cart", "/wishlist"];
        assert_ne!(version(&APPS), version(&more_paths));
    }

    #[test]
    fn refuses_a_worker_without_its_section() {
        assert!(with_apps("const APPS = [];\n", &APPS).is_err());
        assert!(with_apps(&format!("{END}\n{BEGIN}\n"), &APPS).is_err());
        assert!(with_apps(&format!("{SOURCE}{SOURCE}"), &APPS).is_err());
    }

    /// The hand-written worker leaves the list to the build: no app's path is spelled in it.
    #[test]
    fn the_public_worker_does_not_repeat_the_list() {
        let source = public_sw();
        with_apps(&source, &APPS).expect("public/sw.js has the generated section");
        for app in APPS.iter().filter(|app| app.shopper) {
            for path in app.paths {
                assert!(
                    !source.contains(&format!("'{path}'")),
                    "public/sw.js spells {path}: leave the list to the build"
                );
            }
        }
    }
}
