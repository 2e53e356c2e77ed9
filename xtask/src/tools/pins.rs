//! Which tool versions the project needs, read from its own files rather than written here, and
//! how to tell whether an installed tool is one of them. Pure functions, so that the decisions
//! "install or not" are unit-tested without uninstalling anything.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// The binaryen (wasm-opt) version used when Trunk.toml does not pin one. Debian's binaryen is
/// far older (108) and not trusted with today's wasm.
const DEFAULT_BINARYEN: &str = "132";

/// The versions to install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pins {
    /// wasm-bindgen-cli: equal to the `wasm-bindgen` crate in Cargo.lock (the CLI refuses a wasm
    /// file from any other version).
    pub wasm_bindgen: String,
    /// binaryen, whose npm package ships `wasm-opt`: e.g. "132".
    pub binaryen: String,
}

impl Pins {
    /// Reads Cargo.lock and Trunk.toml at the repository root.
    pub fn read(root: &Path) -> Result<Pins> {
        let lock = std::fs::read_to_string(root.join("Cargo.lock"))
            .context("reading Cargo.lock (run `cargo generate-lockfile` if it is missing)")?;
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap_or_default();
        Pins::from_files(&lock, &trunk)
    }

    /// Decides the versions from the texts of Cargo.lock and Trunk.toml.
    pub fn from_files(cargo_lock: &str, trunk_toml: &str) -> Result<Pins> {
        let locked = lock_versions(cargo_lock, "wasm-bindgen")?;
        let wasm_bindgen = match locked.as_slice() {
            [one] => one.clone(),
            [] => bail!("Cargo.lock has no `wasm-bindgen` package: is the web app a member?"),
            many => bail!(
                "Cargo.lock has several `wasm-bindgen` versions ({}); wasm-bindgen-cli can match \
                 only one: make the dependencies agree (`cargo update -p wasm-bindgen`)",
                many.join(", ")
            ),
        };
        let tools = trunk_tools(trunk_toml)?;
        if let Some(pinned) = &tools.wasm_bindgen {
            if *pinned != wasm_bindgen {
                bail!(
                    "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen \
                     {wasm_bindgen}: set Trunk.toml's [tools] wasm_bindgen to \"{wasm_bindgen}\" \
                     (Trunk would otherwise try to download {pinned}, and cannot offline)"
                );
            }
        }
        let binaryen = match &tools.wasm_opt {
            Some(pin) => binaryen_version(pin)?,
            None => DEFAULT_BINARYEN.to_owned(),
        };
        Ok(Pins {
            wasm_bindgen,
            binaryen,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
struct LockFile {
    #[serde(default)]
    package: Vec<LockedPackage>,
}

#[derive(Debug, Deserialize)]
struct LockedPackage {
    name: String,
    version: String,
}

/// Every version of package `name` in a Cargo.lock.
fn lock_versions(cargo_lock: &str, name: &str) -> Result<Vec<String>> {
    let lock: LockFile = toml::from_str(cargo_lock).context("parsing Cargo.lock")?;
    Ok(lock
        .package
        .into_iter()
        .filter(|package| package.name == name)
        .map(|package| package.version)
        .collect())
}

#[derive(Debug, Default, Deserialize)]
struct TrunkToml {
    #[serde(default)]
    tools: TrunkTools,
}

/// Trunk.toml's `[tools]`: the versions Trunk accepts from PATH.
#[derive(Debug, Default, Deserialize)]
struct TrunkTools {
    wasm_bindgen: Option<String>,
    wasm_opt: Option<String>,
}

fn trunk_tools(trunk_toml: &str) -> Result<TrunkTools> {
    let parsed: TrunkToml = toml::from_str(trunk_toml).context("parsing Trunk.toml")?;
    Ok(parsed.tools)
}

/// Trunk writes wasm-opt versions as binaryen tags ("version_132"); npm wants "132".
fn binaryen_version(trunk_pin: &str) -> Result<String> {
    let number = trunk_pin.strip_prefix("version_").unwrap_or(trunk_pin);
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        bail!("Trunk.toml's wasm_opt = \"{trunk_pin}\" is not a binaryen version like \"version_132\"");
    }
    Ok(number.to_owned())
}

/// `trunk --version` prints "trunk 0.21.14": any 0.21 will do (0.22 needs a newer rustc).
pub fn is_trunk_021(version_output: &str) -> bool {
    version_output.trim_start().starts_with("trunk 0.21.")
}

/// `wasm-bindgen --version` prints "wasm-bindgen 0.2.130": it must be exactly `want`.
pub fn is_wasm_bindgen(version_output: &str, want: &str) -> bool {
    let mut words = version_output.split_whitespace();
    words.next() == Some("wasm-bindgen") && words.next() == Some(want)
}

/// `wasm-opt --version` prints "wasm-opt version 132 (version_132)": the number after
/// "version" must be exactly `want` (so that 1320 is not 132).
pub fn is_wasm_opt(version_output: &str, want: &str) -> bool {
    let words: Vec<&str> = version_output.split_whitespace().collect();
    words
        .windows(2)
        .any(|pair| pair[0] == "version" && pair[1] == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["cfg-if"]

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.53"

[[package]]
name = "cfg-if"
version = "1.0.4"
"#;

    const TRUNK: &str = r#"
[build]
target = "index.html"

[tools]
wasm_bindgen = "0.2.130"
wasm_opt = "version_132"
"#;

    #[test]
    fn reads_the_locked_wasm_bindgen_and_the_pinned_binaryen() {
        let pins = Pins::from_files(LOCK, TRUNK).unwrap();
        assert_eq!(
            pins,
            Pins {
                wasm_bindgen: "0.2.130".into(),
                binaryen: "132".into()
            }
        );
    }

    #[test]
    fn finds_a_package_by_its_exact_name_only() {
        assert_eq!(lock_versions(LOCK, "wasm-bindgen").unwrap(), ["0.2.130"]);
        assert!(lock_versions(LOCK, "wasm").unwrap().is_empty());
    }

    #[test]
    fn refuses_a_trunk_pin_that_disagrees_with_the_lockfile() {
        let trunk = TRUNK.replace("0.2.130", "0.2.100");
        let error = Pins::from_files(LOCK, &trunk).unwrap_err().to_string();
        assert!(
            error.contains("0.2.100") && error.contains("0.2.130"),
            "{error}"
        );
    }

    #[test]
    fn refuses_two_locked_wasm_bindgen_versions() {
        let lock = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        let error = Pins::from_files(&lock, TRUNK).unwrap_err().to_string();
        assert!(error.contains("0.2.130, 0.2.99"), "{error}");
    }

    #[test]
    fn without_trunk_pins_uses_the_lockfile_and_the_default_binaryen() {
        let pins = Pins::from_files(LOCK, "").unwrap();
        assert_eq!(pins.wasm_bindgen, "0.2.130");
        assert_eq!(pins.binaryen, DEFAULT_BINARYEN);
    }

    #[test]
    fn reads_binaryen_tags() {
        assert_eq!(binaryen_version("version_132").unwrap(), "132");
        assert_eq!(binaryen_version("132").unwrap(), "132");
        assert!(binaryen_version("version_").is_err());
        assert!(binaryen_version("latest").is_err());
    }

    #[test]
    fn accepts_trunk_0_21_only() {
        assert!(is_trunk_021("trunk 0.21.14\n"));
        assert!(is_trunk_021("trunk 0.21.0"));
        assert!(!is_trunk_021("trunk 0.22.0"));
        assert!(!is_trunk_021("trunk 0.2.1"));
        assert!(!is_trunk_021(""));
    }

    #[test]
    fn accepts_the_exact_wasm_bindgen_only() {
        assert!(is_wasm_bindgen("wasm-bindgen 0.2.130\n", "0.2.130"));
        assert!(!is_wasm_bindgen("wasm-bindgen 0.2.1300", "0.2.130"));
        assert!(!is_wasm_bindgen("wasm-bindgen 0.2.13", "0.2.130"));
        assert!(!is_wasm_bindgen("", "0.2.130"));
    }

    #[test]
    fn accepts_the_exact_wasm_opt_only() {
        assert!(is_wasm_opt("wasm-opt version 132 (version_132)\n", "132"));
        assert!(!is_wasm_opt("wasm-opt version 108", "132"));
        assert!(!is_wasm_opt("wasm-opt version 1320", "132"));
        assert!(!is_wasm_opt("", "132"));
    }
}
