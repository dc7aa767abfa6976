//! How long browsers and CDNs may keep each file of the built SPA.
//!
//! Trunk names every asset it builds after a hash of its content
//! (`filehash = true`: `ops-monitor-9f86d081884c7d65_bg.wasm`), so such a
//! file never changes under its name and may be kept for a year without
//! asking again. `index.html` names the current assets and `config.json` is
//! edited per environment: those, and anything not known to be hashed, are
//! revalidated on every use, so a new build reaches browsers at once.

/// `Cache-Control` of a content-hashed asset.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of everything else: keep it, but ask before each use.
pub const REVALIDATE: &str = "no-cache";

/// The fewest hex digits taken for a content hash. Trunk writes a 64-bit
/// hash without leading zeros, so nearly always 16 digits and below 12 about
/// once in 65,000 builds (then the file is merely revalidated); a short
/// hex-looking word in a hand-written name (`app-cafe.js`) is not a hash.
const MIN_HASH_DIGITS: usize = 12;

/// `Cache-Control` for the file at `path` (a URL path or a file name).
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Whether the file name at the end of `path` carries a content hash the way
/// Trunk writes it: `<name>-<hex>` followed by the extension or a suffix
/// (`-<hex>.js`, `-<hex>_bg.wasm`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((_, tail)) = name.rsplit_once('-') else {
        return false;
    };
    let digits = tail
        .bytes()
        .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        .count();
    (MIN_HASH_DIGITS..=16).contains(&digits)
        && matches!(tail.as_bytes().get(digits), Some(b'.' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_assets_are_immutable() {
        for name in [
            "ops-monitor-9f86d081884c7d65.js",
            "ops-monitor-9f86d081884c7d65_bg.wasm",
            "/monitor/main-3e23e8160039594a.css",
            // A hash without its leading zeros.
            "main-e23e8160039594a.css",
        ] {
            assert!(is_hashed(name), "{name}");
            assert_eq!(cache_control(name), IMMUTABLE, "{name}");
        }
    }

    #[test]
    fn pages_config_and_unhashed_names_are_revalidated() {
        for name in [
            "index.html",
            "/",
            "/monitor/",
            "config.json",
            "app-1a2b.js",
            "ops-monitor.js",
            "ops-monitor-9f86d081884c7d65",
            "ops-monitor-9F86D081884C7D65.js",
            "ops-monitor-9f86d081884c7d65x.js",
            "ops-monitor-9f86d081884c7d6512.js",
            "main-3e23e8160039594a.css/",
        ] {
            assert!(!is_hashed(name), "{name}");
            assert_eq!(cache_control(name), REVALIDATE, "{name}");
        }
    }
}
