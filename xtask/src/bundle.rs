//! The shopper's bundle: what a phone downloads before the app can start — the wasm and its
//! JavaScript glue, both under hashed names in `dist/` — raw, gzip and brotli, against the
//! budget (ARCHITECTURE.md: ≤ 200 KB brotli; the largest paint of a CSR app waits for this download).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use fourflow_core::apps::APPS;

use crate::build::kib;
use crate::compress::{self, Sizes};

/// 200 KB of brotli for wasm + JS, in bytes (KB = 1024 bytes, as [`kib`] prints them).
pub const BUDGET_BROTLI: u64 = 200 * 1024;

/// One app's download, as measured in a built `dist/`.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub app: &'static str,
    /// Bound by the budget: a shopper downloads it.
    pub shopper: bool,
    pub total: Sizes,
}

/// Prints, for each app (the storefront in `dist/`, the others in `dist/apps/{name}/`), the
/// bundle table and, for the shopper's apps, the verdict against the budget. The back office
/// is measured too, against nothing: no shopper downloads it.
pub fn report(dist: &Path) -> Result<Vec<Bundle>> {
    let others = APPS
        .iter()
        .map(|app| (app.name, app.shopper, dist.join("apps").join(app.name)));
    let storefront = ("storefront", true, dist.to_path_buf());
    let mut bundles = Vec::new();
    for (app, shopper, dir) in std::iter::once(storefront).chain(others) {
        println!(
            "    {app}{}:",
            if shopper {
                ""
            } else {
                " (back office, not a shopper's download)"
            }
        );
        let total = report_app(&dir, shopper)?;
        bundles.push(Bundle {
            app,
            shopper,
            total,
        });
    }
    Ok(bundles)
}

/// The shopper's apps over the budget, as "checkout: 203.4 KB" — empty when all fit. A size,
/// unlike a time, is the same on every machine, so `cargo xtask test` fails on it.
pub fn over_budget(bundles: &[Bundle]) -> Vec<String> {
    bundles
        .iter()
        .filter(|b| b.shopper && b.total.brotli > BUDGET_BROTLI)
        .map(|b| format!("{}: {}", b.app, kib(b.total.brotli)))
        .collect()
}

fn report_app(dist: &Path, shopper: bool) -> Result<Sizes> {
    let (wasm, js) = find(dist)?;
    let mut rows = Vec::new();
    let mut total = Sizes::default();
    for file in [&wasm, &js] {
        let sizes = compress::sizes(file)?;
        total += sizes;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        rows.push((name.into_owned(), sizes));
    }
    rows.push(("total".to_owned(), total));
    let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    println!(
        "    {:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (name, sizes) in &rows {
        println!(
            "    {name:<width$}  {:>10}  {:>10}  {:>10}",
            kib(sizes.raw),
            kib(sizes.gzip),
            kib(sizes.brotli)
        );
    }
    if shopper {
        let verdict = if total.brotli <= BUDGET_BROTLI {
            "PASS"
        } else {
            "OVER"
        };
        println!(
            "    target: wasm + js ≤ {} brotli → {} ({verdict})",
            kib(BUDGET_BROTLI),
            kib(total.brotli)
        );
    }
    Ok(total)
}

/// The wasm file and its glue in `dist/`.
fn find(dist: &Path) -> Result<(PathBuf, PathBuf)> {
    let names: Vec<String> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let (wasm, js) = pick(&names)?;
    Ok((dist.join(wasm), dist.join(js)))
}

/// Trunk names them `<crate>-<hash>_bg.wasm` and `<crate>-<hash>.js`; other `.js` files (a
/// service worker, say) are not the glue.
fn pick(names: &[String]) -> Result<(String, String)> {
    let wasm: Vec<&String> = names.iter().filter(|n| n.ends_with(".wasm")).collect();
    let [wasm] = wasm.as_slice() else {
        bail!(
            "expected one .wasm file in the build, found {}: build it again",
            wasm.len()
        );
    };
    let stem = wasm.trim_end_matches(".wasm");
    let glue = format!("{}.js", stem.strip_suffix("_bg").unwrap_or(stem));
    if !names.contains(&glue) {
        bail!("the build has {wasm} but not its JavaScript glue {glue}");
    }
    Ok(((*wasm).clone(), glue))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn picks_the_hashed_wasm_and_its_glue_not_other_scripts() {
        let dist = names(&[
            "index.html",
            "sw.js",
            "fourflow-web-3f2a9c_bg.wasm",
            "fourflow-web-3f2a9c_bg.wasm.br",
            "fourflow-web-3f2a9c.js",
            "fourflow-web-3f2a9c.js.gz",
        ]);
        assert_eq!(
            pick(&dist).unwrap(),
            (
                "fourflow-web-3f2a9c_bg.wasm".to_owned(),
                "fourflow-web-3f2a9c.js".to_owned()
            )
        );
    }

    #[test]
    fn only_a_shoppers_app_over_the_budget_fails() {
        let bundle = |app, shopper, brotli| Bundle {
            app,
            shopper,
            total: Sizes {
                raw: brotli * 4,
                gzip: brotli + 1,
                brotli,
            },
        };
        let fits = [
            bundle("storefront", true, BUDGET_BROTLI),
            bundle("admin", false, BUDGET_BROTLI * 2),
        ];
        assert!(over_budget(&fits).is_empty());
        let over = [
            fits[0].clone(),
            bundle("checkout", true, BUDGET_BROTLI + 103),
        ];
        assert_eq!(over_budget(&over), ["checkout: 200.1 KB"]);
    }

    #[test]
    fn fails_without_exactly_one_wasm_or_without_glue() {
        assert!(pick(&names(&["index.html"])).is_err());
        assert!(pick(&names(&["a_bg.wasm", "b_bg.wasm", "a.js", "b.js"])).is_err());
        assert!(pick(&names(&["a_bg.wasm", "sw.js"])).is_err());
    }
}
