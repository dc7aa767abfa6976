//! The `.br` and `.gz` copies written next to each asset, at the strongest
//! settings: they are made once per build and downloaded many times, so
//! time spent here is time saved on every first visit. Static hosts that
//! serve precompressed files (tower-http's `ServeDir`, nginx's
//! `gzip_static`/`brotli_static`, Caddy's `precompressed`) send them as is.

use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

/// Brotli quality 11 with a 4 MiB window (quality and window as the
/// benchmark's bundle figures, so those are the bytes this folder serves).
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// gzip level 9, for clients and hosts without brotli.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Whether a file with this name is worth compressing: text and wasm are;
/// images and fonts are compressed already, and the `.br`/`.gz` copies
/// themselves are not compressed again.
pub fn worth_compressing(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        extension.as_deref(),
        Some(
            "html" | "js" | "mjs" | "wasm" | "css" | "json" | "svg" | "txt" | "map" | "xml" | "ico"
        )
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn both_copies_decode_to_the_original_and_are_smaller() {
        let text = "fn main() { println!(\"hello\"); }\n".repeat(200);
        let br = brotli(text.as_bytes()).unwrap();
        let mut unbr = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unbr)
            .unwrap();
        assert_eq!(unbr, text.as_bytes());
        let gz = gzip(text.as_bytes()).unwrap();
        let mut ungz = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut ungz)
            .unwrap();
        assert_eq!(ungz, text.as_bytes());
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);
    }

    #[test]
    fn text_and_wasm_are_compressed_images_and_copies_are_not() {
        for name in [
            "index.html",
            "a-1.js",
            "a-1_bg.wasm",
            "main-1.css",
            "icon.SVG",
        ] {
            assert!(worth_compressing(name), "{name}");
        }
        for name in [
            "logo.png",
            "font.woff2",
            "a-1.js.br",
            "a-1.js.gz",
            "_headers",
            "LICENSE",
        ] {
            assert!(!worth_compressing(name), "{name}");
        }
    }
}
