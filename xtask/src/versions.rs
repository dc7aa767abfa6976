//! Pure text parsing: versions in Cargo.lock, Trunk.toml and `--version`
//! output, and the port in the backend's arguments. No I/O, so it is unit-tested.

/// The versions of every `[[package]]` named `name` in a Cargo.lock, deduplicated.
pub fn lock_versions(lock: &str, name: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut cur_name: Option<String> = None;
    let mut cur_version: Option<String> = None;
    let mut flush = |n: &mut Option<String>, v: &mut Option<String>| {
        if let (Some(n), Some(v)) = (n.take(), v.take()) {
            if n == name && !found.contains(&v) {
                found.push(v);
            }
        }
    };
    for line in lock.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            // Any table header ends the previous package entry.
            flush(&mut cur_name, &mut cur_version);
            continue;
        }
        if let Some((key, value)) = key_value(line) {
            match key {
                "name" => cur_name = Some(value),
                "version" => cur_version = Some(value),
                _ => {}
            }
        }
    }
    flush(&mut cur_name, &mut cur_version);
    found
}

/// Exactly one version of `name` in a Cargo.lock, or a message saying why not.
pub fn single_lock_version(lock: &str, name: &str) -> Result<String, String> {
    let mut versions = lock_versions(lock, name);
    match versions.len() {
        1 => Ok(versions.remove(0)),
        0 => Err(format!("Cargo.lock has no `{name}` package")),
        _ => Err(format!(
            "Cargo.lock has several `{name}` versions ({}); pin one so the CLI can match it",
            versions.join(", ")
        )),
    }
}

/// The string value of `key` in `[section]` of a simple TOML file (Trunk.toml).
pub fn toml_string(text: &str, section: &str, key: &str) -> Option<String> {
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line.trim_start_matches('[').trim_end_matches(']').trim() == section;
            continue;
        }
        if in_section {
            if let Some((k, v)) = key_value(line) {
                if k == key {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// `key = "value"` (comments after the value allowed) → `(key, value)`.
fn key_value(line: &str) -> Option<(&str, String)> {
    let (key, rest) = line.split_once('=')?;
    let rest = rest.trim().strip_prefix('"')?;
    let (value, _) = rest.split_once('"')?;
    Some((key.trim(), value.to_string()))
}

/// Whether a tool's `--version` output names exactly `want` as one of its
/// words ("trunk 0.21.14", "wasm-opt version 132 (version_132)"). Whole
/// words, so 0.2.13 does not match 0.2.130.
pub fn reports_version(output: &str, want: &str) -> bool {
    words(output).any(|w| w == want)
}

/// The first word of a `--version` output that looks like a version, for display.
pub fn first_version(output: &str) -> Option<&str> {
    words(output).find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

fn words(output: &str) -> impl Iterator<Item = &str> {
    output
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .map(|w| w.strip_prefix('v').unwrap_or(w))
        .filter(|w| !w.is_empty())
}

/// The port given to a backend flag (`--port N` or `--port=N` for
/// `flag = "--port"`; the last wins).
pub fn parse_port(args: &[String], flag: &str) -> Option<u16> {
    let mut port = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == flag {
            port = iter.next().and_then(|v| v.parse().ok()).or(port);
        } else if let Some(v) = arg.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
            port = v.parse().ok().or(port);
        }
    }
    port
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
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "xtask"
version = "0.1.0"
"#;

    #[test]
    fn finds_the_wasm_bindgen_version() {
        assert_eq!(lock_versions(LOCK, "wasm-bindgen"), vec!["0.2.130"]);
        assert_eq!(
            single_lock_version(LOCK, "wasm-bindgen").unwrap(),
            "0.2.130"
        );
        // The lockfile's own `version = 4` is not a package.
        assert_eq!(lock_versions(LOCK, "xtask"), vec!["0.1.0"]);
    }

    #[test]
    fn missing_or_ambiguous_versions_are_errors() {
        assert!(single_lock_version(LOCK, "leptos").is_err());
        let two = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        let err = single_lock_version(&two, "wasm-bindgen").unwrap_err();
        assert!(err.contains("0.2.130, 0.2.99"), "{err}");
    }

    #[test]
    fn reads_trunk_toml_tools() {
        let toml = "[build]\noffline = true\ntarget = \"index.html\"\n\n[tools]\n# pinned\nwasm_bindgen = \"0.2.130\" # must match Cargo.lock\nwasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_string(toml, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            toml_string(toml, "tools", "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(toml_string(toml, "build", "wasm_bindgen"), None);
        assert_eq!(toml_string(toml, "tools", "sass"), None);
    }

    #[test]
    fn version_matching_uses_whole_words() {
        assert!(reports_version("trunk 0.21.14\n", "0.21.14"));
        assert!(!reports_version("trunk 0.21.1\n", "0.21.14"));
        assert!(!reports_version("trunk 0.21.140\n", "0.21.14"));
        assert!(reports_version("wasm-bindgen 0.2.130", "0.2.130"));
        assert!(!reports_version("wasm-bindgen 0.2.13", "0.2.130"));
        assert!(reports_version("wasm-opt version 132 (version_132)", "132"));
        assert!(!reports_version("wasm-opt version 108", "132"));
        assert!(!reports_version("", "132"));
        assert!(reports_version("tool v1.2.3", "1.2.3"));
    }

    #[test]
    fn first_version_for_display() {
        assert_eq!(first_version("trunk 0.21.14"), Some("0.21.14"));
        assert_eq!(
            first_version("wasm-opt version 132 (version_132)"),
            Some("132")
        );
        assert_eq!(first_version("no digits here"), None);
    }

    #[test]
    fn port_from_passthrough_args() {
        let args = |s: &[&str]| s.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_port(&args(&[]), "--port"), None);
        assert_eq!(parse_port(&args(&["--port", "9000"]), "--port"), Some(9000));
        assert_eq!(
            parse_port(&args(&["--seed", "1", "--port=9001"]), "--port"),
            Some(9001)
        );
        assert_eq!(parse_port(&args(&["--port", "nope"]), "--port"), None);
        assert_eq!(parse_port(&args(&["--port"]), "--port"), None);
    }

    #[test]
    fn portal_port_is_told_apart_from_the_monitor_port() {
        let args = |s: &[&str]| s.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let both = args(&["--port", "9000", "--portal-port=9001"]);
        assert_eq!(parse_port(&both, "--port"), Some(9000));
        assert_eq!(parse_port(&both, "--portal-port"), Some(9001));
        assert_eq!(
            parse_port(&args(&["--portal-port", "9002"]), "--port"),
            None
        );
    }
}
