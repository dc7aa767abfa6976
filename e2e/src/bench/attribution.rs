//! Where the wasm's bytes go, by crate: `twiggy top` over the release wasm
//! as cargo built it (before wasm-bindgen and wasm-opt, so its function
//! names are still there), each function counted for the crate its name
//! starts with (for `<F as tachys::…>` the trait's crate: the closure is that
//! crate's glue, monomorphized for the app). Custom sections (names, the
//! bindgen metadata) are left out: the shipped wasm has none. The shares are
//! what to cut first; the shipped sizes are in the bundle table.

use std::path::Path;
use std::process::Command;

/// One crate's share of the code and data.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub krate: String,
    pub bytes: u64,
    pub percent: f64,
}

/// The crates taking the most bytes, biggest first (`top` of them), or why
/// there is no attribution (twiggy missing, no wasm).
pub fn attribute(wasm: &Path, top: usize) -> Result<Vec<Share>, String> {
    let output = Command::new("twiggy")
        .args(["top", "-n", "1000000", "--format", "csv"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("twiggy cannot run: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "twiggy failed on {}: {}",
            wasm.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    by_crate(&String::from_utf8_lossy(&output.stdout), top)
}

/// Groups twiggy's CSV (`Name,ShallowSize,…`) by crate.
fn by_crate(csv_text: &str, top: usize) -> Result<Vec<Share>, String> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut sizes: std::collections::HashMap<String, u64> = Default::default();
    let mut total = 0u64;
    for record in reader.records() {
        let record = record.map_err(|e| format!("twiggy's CSV: {e}"))?;
        let (Some(name), Some(size)) = (record.get(0), record.get(1)) else {
            continue;
        };
        let size: u64 = size.parse().unwrap_or(0);
        let Some(krate) = crate_of(name) else {
            continue;
        };
        total += size;
        *sizes.entry(krate).or_default() += size;
    }
    if total == 0 {
        return Err("twiggy listed nothing".into());
    }
    let mut shares: Vec<Share> = sizes
        .into_iter()
        .map(|(krate, bytes)| Share {
            krate,
            bytes,
            percent: bytes as f64 * 100.0 / total as f64,
        })
        .collect();
    shares.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.krate.cmp(&b.krate)));
    shares.truncate(top);
    Ok(shares)
}

/// The crate an item of twiggy's list belongs to; `None` for the custom
/// sections the shipped wasm does not have.
fn crate_of(name: &str) -> Option<String> {
    if name.contains("function names") || name.starts_with("custom section") {
        return None;
    }
    let data = [
        "data segment",
        "elem[",
        "table[",
        "type[",
        "import ",
        "export ",
        "global[",
    ];
    if data.iter().any(|d| name.starts_with(d)) {
        return Some("(data, tables, types)".into());
    }
    if name.starts_with("code[") || name.starts_with("func[") {
        return Some("(unnamed)".into());
    }
    let path = name
        .trim_start_matches(['<', '&'])
        .replace("mut ", "")
        .replace("dyn ", "");
    let mut sides = path.splitn(2, " as ");
    let own = first_segment(sides.next().unwrap_or_default());
    let generic = own.len() <= 3 && own.chars().next().is_some_and(char::is_uppercase);
    let krate = match sides.next() {
        Some(trait_path) if generic || is_std(&own) => {
            let of_trait = first_segment(trait_path.trim_start_matches(['<', '&']));
            if is_std(&of_trait) {
                own
            } else {
                of_trait
            }
        }
        _ => own,
    };
    Some(krate)
}

/// The first path segment, without a disambiguating hash (`core[c593…]`).
fn first_segment(path: &str) -> String {
    let segment = path.split("::").next().unwrap_or_default();
    let segment = segment.split(['<', '[', ' ']).next().unwrap_or_default();
    segment.trim().to_owned()
}

fn is_std(krate: &str) -> bool {
    matches!(krate, "core" | "alloc" | "std")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_go_to_the_crate_their_name_starts_with_or_to_the_trait_of_a_closure() {
        let cases = [
            ("ops_monitor::main::hd09d", "ops_monitor"),
            (
                "<F as tachys::reactive_graph::ReactiveFunction>::invoke::h8ae0",
                "tachys",
            ),
            (
                "monitor_core::wire::_::<impl serde_core::de::Deserialize for X>::deserialize::h5",
                "monitor_core",
            ),
            ("core[c5930c85a12de822]::fmt::write::h1", "core"),
            (
                "<alloc::vec::Vec<T> as core::clone::Clone>::clone::h1",
                "alloc",
            ),
            (
                "<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::x::h",
                "serde_json",
            ),
            ("data segment \".rodata\"", "(data, tables, types)"),
            ("code[123]", "(unnamed)"),
        ];
        for (name, krate) in cases {
            assert_eq!(crate_of(name).as_deref(), Some(krate), "{name}");
        }
        assert_eq!(crate_of("\"function names\" subsection"), None);
        assert_eq!(crate_of("custom section '__wasm_bindgen_unstable'"), None);
    }

    #[test]
    fn shares_are_summed_by_crate_and_sorted() {
        let csv_text = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
            tachys::a::h1,60,0,0,0\n\
            ops_monitor::b::h2,30,0,0,0\n\
            tachys::c::h3,10,0,0,0\n\
            \"function names\" subsection,999,0,0,0\n";
        let shares = by_crate(csv_text, 10).unwrap();
        assert_eq!(shares[0].krate, "tachys");
        assert_eq!(shares[0].bytes, 70);
        assert!((shares[0].percent - 70.0).abs() < 1e-9);
        assert_eq!(shares[1].krate, "ops_monitor");
    }
}
