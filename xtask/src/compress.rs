//! Precompression of the built app: every text or wasm file in `dist/` gets sibling `.br` and
//! `.gz` files, made once at build time at the strongest settings, which the server hands out
//! as they are (tower-http's `precompressed_br`/`precompressed_gzip`) instead of compressing on
//! every request at a weaker level. The bundle report reads the same files.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The files worth compressing; images and fonts are compressed already.
const EXTENSIONS: [&str; 8] = [
    "wasm",
    "js",
    "css",
    "html",
    "svg",
    "json",
    "webmanifest",
    "txt",
];

/// Brotli's strongest quality, and its largest standard window (16 MiB): slow, but paid once.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW: u32 = 24;

/// Raw and compressed sizes of one file, in bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// Writes `.br` and `.gz` next to every compressible file under `dir`; returns the totals.
/// A compressed copy that is not smaller than the original is not kept: the server then sends
/// the original, which is what a browser would get anyway.
pub fn precompress(dir: &Path) -> Result<(usize, Sizes)> {
    let mut files = Vec::new();
    collect(dir, &mut files).with_context(|| format!("listing {}", dir.display()))?;
    files.sort();
    let mut total = Sizes::default();
    for file in &files {
        let raw = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let brotli = brotli(&raw);
        let gzip = gzip(&raw);
        let br_size = keep_if_smaller(file, "br", &raw, &brotli)?;
        let gz_size = keep_if_smaller(file, "gz", &raw, &gzip)?;
        total += Sizes {
            raw: raw.len() as u64,
            gzip: gz_size,
            brotli: br_size,
        };
    }
    Ok((files.len(), total))
}

/// The sizes of `file` as served: raw, and its precompressed siblings when they are up to date
/// (else compressed here, in memory).
pub fn sizes(file: &Path) -> Result<Sizes> {
    let raw = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let sibling_or = |extension: &str, compress: fn(&[u8]) -> Vec<u8>| -> u64 {
        let sibling = sibling(file, extension);
        match (sibling.metadata(), file.metadata()) {
            (Ok(s), Ok(f)) if s.modified().ok() >= f.modified().ok() => s.len(),
            _ => (compress(&raw).len() as u64).min(raw.len() as u64),
        }
    };
    Ok(Sizes {
        raw: raw.len() as u64,
        gzip: sibling_or("gz", gzip),
        brotli: sibling_or("br", brotli),
    })
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW);
        writer.write_all(data).expect("writing to memory");
    }
    out
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Writes `compressed` as `file.<extension>` when it saves bytes, else removes any stale copy;
/// returns the size a client would download.
fn keep_if_smaller(file: &Path, extension: &str, raw: &[u8], compressed: &[u8]) -> Result<u64> {
    let target = sibling(file, extension);
    if compressed.len() < raw.len() {
        std::fs::write(&target, compressed)
            .with_context(|| format!("writing {}", target.display()))?;
        Ok(compressed.len() as u64)
    } else {
        let _ = std::fs::remove_file(&target);
        Ok(raw.len() as u64)
    }
}

fn sibling(file: &Path, extension: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if is_compressible(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn picks_text_and_wasm_but_not_images_or_compressed_copies() {
        for yes in [
            "a/app-1f2e_bg.wasm",
            "app.js",
            "index.html",
            "m.webmanifest",
            "R.TXT",
        ] {
            assert!(is_compressible(Path::new(yes)), "{yes}");
        }
        for no in ["photo.jpg", "icon.png", "app.js.br", "app.js.gz", "LICENSE"] {
            assert!(!is_compressible(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn compressed_copies_round_trip() {
        let text = "四流選物 fourflow ".repeat(500).into_bytes();
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&brotli(&text)[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, text);
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&text)[..])
            .read_to_end(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, text);
    }

    #[test]
    fn writes_siblings_only_when_they_save_bytes() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        std::fs::write(dir.join("nested/app.js"), "let x = 1;\n".repeat(200)).unwrap();
        std::fs::write(dir.join("tiny.txt"), "a").unwrap();
        std::fs::write(dir.join("tiny.txt.br"), "stale").unwrap();
        std::fs::write(dir.join("photo.jpg"), "not text").unwrap();

        let (count, total) = precompress(&dir).unwrap();

        assert_eq!(count, 2);
        assert!(dir.join("nested/app.js.br").is_file());
        assert!(dir.join("nested/app.js.gz").is_file());
        assert!(
            !dir.join("tiny.txt.br").exists(),
            "a stale, useless copy is removed"
        );
        assert!(!dir.join("photo.jpg.br").exists());
        assert_eq!(total.raw, 2201);
        assert!(total.brotli < total.raw && total.gzip < total.raw);
        let js = sizes(&dir.join("nested/app.js")).unwrap();
        assert_eq!(
            js.brotli,
            std::fs::metadata(dir.join("nested/app.js.br"))
                .unwrap()
                .len()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
