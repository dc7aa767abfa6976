//! What the browser downloads: the built wasm, JS and CSS in `dist/`, raw,
//! gzip (level 9) and brotli (quality 11). The demo backend serves them
//! uncompressed; gzip and brotli are what a compressing server or CDN sends.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Sizes in bytes of one kind of file (all files with that extension summed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sizes {
    pub kind: &'static str,
    pub files: usize,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    fn add(&mut self, other: &Sizes) {
        self.files += other.files;
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// The bundle: wasm, JS, CSS, and wasm + JS (the target's sum).
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub wasm: Sizes,
    pub js: Sizes,
    pub css: Sizes,
}

impl Bundle {
    pub fn wasm_and_js(&self) -> Sizes {
        let mut sum = Sizes {
            kind: "wasm + JS",
            ..Sizes::default()
        };
        sum.add(&self.wasm);
        sum.add(&self.js);
        sum
    }
}

/// Measures the files directly in `dist`.
pub fn measure(dist: &Path) -> Result<Bundle, String> {
    let mut bundle = Bundle {
        wasm: Sizes {
            kind: "wasm",
            ..Sizes::default()
        },
        js: Sizes {
            kind: "JS",
            ..Sizes::default()
        },
        css: Sizes {
            kind: "CSS",
            ..Sizes::default()
        },
    };
    let entries = fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let slot = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => &mut bundle.wasm,
            Some("js") => &mut bundle.js,
            Some("css") => &mut bundle.css,
            _ => continue,
        };
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        slot.add(&Sizes {
            kind: slot.kind,
            files: 1,
            raw: bytes.len(),
            gzip: gzip_len(&bytes)?,
            brotli: brotli_len(&bytes)?,
        });
    }
    if bundle.wasm.files == 0 {
        return Err(format!("no .wasm in {}", dist.display()));
    }
    Ok(bundle)
}

fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len())
}

fn brotli_len(bytes: &[u8]) -> Result<usize, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_input() {
        let text = "fn main() { println!(\"hello\"); }\n".repeat(200);
        let raw = text.len();
        let gz = gzip_len(text.as_bytes()).unwrap();
        let br = brotli_len(text.as_bytes()).unwrap();
        assert!(gz < raw / 10, "{gz} of {raw}");
        assert!(br <= gz, "{br} vs {gz}");
    }
}
