//! `cargo xtask size`: where an app's bundle goes, function by function. It reads the wasm that
//! rustc linked (`target/wasm32-unknown-unknown/wasm-release/<bin>.wasm`, before wasm-bindgen
//! and wasm-opt, so its name section is still there) and groups the code by what it does.
//! Sizes are of that code, before wasm-opt: compare them with each other, not with the
//! budget, which `cargo xtask bench` measures on the shipped files.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use fourflow_core::apps::APPS;

#[derive(Debug, clap::Args)]
pub struct SizeArgs {
    /// The app: storefront, or one of fourflow_core::apps (checkout, account, admin).
    #[arg(long, default_value = "storefront")]
    app: String,
    /// How many of the largest functions to list.
    #[arg(long, default_value_t = 30)]
    top: usize,
    /// Only functions whose demangled name contains this.
    #[arg(long)]
    only: Option<String>,
}

/// What a function is, by the first pattern its demangled name contains (in this order).
const AREAS: &[(&str, &[&str])] = &[
    (
        "wasm-bindgen descriptors (dropped by wasm-bindgen)",
        &["describe"],
    ),
    (
        "decoding (serde)",
        &[
            "Deserialize",
            "Visitor",
            "deserialize",
            "serde_core::de",
            "json::",
        ],
    ),
    (
        "encoding (serde)",
        &["Serialize", "serialize", "serde_json::ser"],
    ),
    (
        "view building (tachys)",
        &["tachys", "Render", "AddAnyAttr", "Mountable"],
    ),
    ("reactive graph", &["reactive_graph"]),
    ("router", &["leptos_router"]),
    ("formatting", &["core::fmt", "fmt::", "Display", "Debug"]),
    ("pages", &["fourflow_web::pages"]),
    ("components", &["fourflow_web::components"]),
    ("app state", &["fourflow_web::state"]),
    (
        "apps and shell",
        &["fourflow_web::apps", "fourflow_web::main"],
    ),
    ("API calls", &["fourflow_web::api"]),
    ("strings", &["fourflow_web::i18n"]),
    ("domain rules (fourflow-core)", &["fourflow_core"]),
    ("browser bindings", &["js_sys", "web_sys", "wasm_bindgen"]),
    ("memory", &["alloc::", "dlmalloc", "hashbrown", "indexmap"]),
];

pub fn run(root: &Path, args: SizeArgs) -> Result<()> {
    let bin = match args.app.as_str() {
        "storefront" => "fourflow-web",
        other if APPS.iter().any(|a| a.name == other) => other,
        other => bail!("no app called {other}: storefront, checkout, account or admin"),
    };
    let path = root
        .join("target/wasm32-unknown-unknown/wasm-release")
        .join(format!("{bin}.wasm"));
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "reading {} (build the apps first: cargo xtask bench, or cargo xtask test --suite e2e)",
            path.display()
        )
    })?;
    let mut functions = functions(&bytes).context("reading the wasm")?;
    if let Some(only) = &args.only {
        functions.retain(|(_, name)| name.contains(only.as_str()));
    }
    let total: usize = functions.iter().map(|(size, _)| size).sum();
    println!(
        "{} — {} functions, {} bytes of code before wasm-opt",
        path.display(),
        functions.len(),
        total
    );

    let mut by_area: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (size, name) in &functions {
        let area = AREAS
            .iter()
            .find(|(_, patterns)| patterns.iter().any(|p| name.contains(p)))
            .map_or("other (closures, std, futures)", |(area, _)| area);
        let entry = by_area.entry(area).or_default();
        entry.0 += size;
        entry.1 += 1;
    }
    let mut areas: Vec<_> = by_area.into_iter().collect();
    areas.sort_by_key(|(_, (size, _))| Reverse(*size));
    println!("\n{:>9}  {:>6}  area", "bytes", "fns");
    for (area, (size, count)) in areas {
        println!("{size:>9}  {count:>6}  {area}");
    }

    functions.sort_by_key(|(size, _)| Reverse(*size));
    println!("\n{:>9}  largest functions", "bytes");
    for (size, name) in functions.iter().take(args.top) {
        let shown: String = name.chars().take(150).collect();
        println!("{size:>9}  {shown}");
    }
    Ok(())
}

/// (body size, demangled name without its hash) of every function defined in the module.
fn functions(bytes: &[u8]) -> Result<Vec<(usize, String)>> {
    if bytes.get(..4) != Some(b"\0asm") {
        bail!("not a wasm module");
    }
    let mut reader = Reader { bytes, at: 8 };
    let mut imported = 0u32;
    let mut sizes = Vec::new();
    let mut names = BTreeMap::new();
    while reader.at < bytes.len() {
        let id = reader.byte()?;
        let len = reader.leb()? as usize;
        let end = reader.at + len;
        let mut section = Reader {
            bytes: bytes.get(..end).context("a section past the end")?,
            at: reader.at,
        };
        match id {
            2 => imported = count_function_imports(&mut section)?,
            10 => {
                for _ in 0..section.leb()? {
                    let size = section.leb()? as usize;
                    sizes.push(size);
                    section.at += size;
                }
            }
            0 if section.name()? == "name" => read_function_names(&mut section, &mut names)?,
            _ => {}
        }
        reader.at = end;
    }
    if names.is_empty() {
        bail!("the module has no name section (was it stripped?)");
    }
    Ok(sizes
        .into_iter()
        .zip(imported..)
        .map(|(size, index)| {
            let name = names.get(&index).map_or("?", String::as_str);
            (size, format!("{:#}", rustc_demangle::demangle(name)))
        })
        .collect())
}

/// Imported functions come first in the function index space.
fn count_function_imports(section: &mut Reader) -> Result<u32> {
    let mut functions = 0;
    for _ in 0..section.leb()? {
        section.name()?;
        section.name()?;
        match section.byte()? {
            0 => {
                section.leb()?;
                functions += 1;
            }
            kind => bail!("an import of kind {kind}: this reader knows only functions"),
        }
    }
    Ok(functions)
}

fn read_function_names(section: &mut Reader, names: &mut BTreeMap<u32, String>) -> Result<()> {
    while section.at < section.bytes.len() {
        let kind = section.byte()?;
        let len = section.leb()? as usize;
        let end = section.at + len;
        if kind == 1 {
            for _ in 0..section.leb()? {
                let index = section.leb()?;
                names.insert(index, section.name()?);
            }
        }
        section.at = end;
    }
    Ok(())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).context("the module ends early")?;
        self.at += 1;
        Ok(byte)
    }

    /// An unsigned LEB128 number.
    fn leb(&mut self) -> Result<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        bail!("a number longer than 32 bits")
    }

    fn name(&mut self) -> Result<String> {
        let len = self.leb()? as usize;
        let text = self
            .bytes
            .get(self.at..self.at + len)
            .context("a name past the end")?;
        self.at += len;
        Ok(String::from_utf8_lossy(text).into_owned())
    }
}
