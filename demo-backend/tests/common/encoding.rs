//! Undoing `Content-Encoding` by hand: the tests check which encoding the
//! server chose, which a decompressing client would hide.

use std::io::Read;

/// `body` decoded from `encoding` (`br`, `gzip`, or `""` for none).
pub fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut decoded)
            .expect("valid brotli"),
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut decoded)
            .expect("valid gzip"),
        "" => return body.to_vec(),
        other => panic!("unexpected content-encoding {other:?}"),
    };
    decoded
}

/// Brotli of `bytes`, for precompressed files planted in a test's dist.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &Default::default()).expect("compresses");
    out
}

/// gzip of `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compresses");
    encoder.finish().expect("compresses")
}
