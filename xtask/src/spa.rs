//! Building the SPA with Trunk (shared by `run` and `test`).

use std::fs;
use std::path::Path;

use crate::paths::Ctx;
use crate::tools::{self, run_checked, BINARYEN_VERSION};
use crate::versions;

/// Trunk.toml must pin the same wasm-bindgen as Cargo.lock (and the wasm-opt we
/// install): in offline mode a mismatch fails, online it would try a download.
pub fn check_trunk_toml(ctx: &Ctx) -> Result<(), String> {
    let path = ctx.repo.join("Trunk.toml");
    let text = fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {}: {e}; it must set [build] offline = true and pin [tools]",
            path.display()
        )
    })?;
    check_pins(&text, &tools::lock_wasm_bindgen_version(ctx)?)
}

/// The pure part of [`check_trunk_toml`]: Trunk.toml's text against the
/// Cargo.lock wasm-bindgen version.
fn check_pins(trunk_toml: &str, lock: &str) -> Result<(), String> {
    match versions::toml_string(trunk_toml, "tools", "wasm_bindgen") {
        Some(v) if v == lock => {}
        Some(v) => {
            return Err(format!(
                "Trunk.toml [tools] wasm_bindgen = \"{v}\" but Cargo.lock has wasm-bindgen \
                 {lock}; set wasm_bindgen = \"{lock}\" in Trunk.toml"
            ))
        }
        None => {
            return Err(format!(
                "Trunk.toml has no [tools] wasm_bindgen; add wasm_bindgen = \"{lock}\" \
                 (the Cargo.lock version)"
            ))
        }
    }
    let want_opt = format!("version_{BINARYEN_VERSION}");
    match versions::toml_string(trunk_toml, "tools", "wasm_opt") {
        Some(v) if v != want_opt => Err(format!(
            "Trunk.toml [tools] wasm_opt = \"{v}\" but xtask installs binaryen \
             {BINARYEN_VERSION}; set wasm_opt = \"{want_opt}\""
        )),
        _ => Ok(()),
    }
}

/// `cargo fetch` (Trunk's offline mode makes cargo offline too, so the
/// registry must be fetched first), then `trunk build --release` into `<repo>/dist`.
pub fn build(ctx: &Ctx) -> Result<(), String> {
    build_into(ctx, &ctx.dist())
}

/// [`build`] into another directory (the benchmark's own, so a `trunk
/// build` or `trunk serve` running meanwhile into `dist/` cannot change the
/// files under measurement or clash with the build's staging directory).
pub fn build_into(ctx: &Ctx, dist: &Path) -> Result<(), String> {
    check_trunk_toml(ctx)?;
    println!("$ cargo fetch");
    run_checked(ctx.command("cargo").arg("fetch"), "cargo fetch")?;
    println!("$ trunk build --release --dist {}", dist.display());
    run_checked(
        ctx.command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(dist),
        "trunk build",
    )
}

#[cfg(test)]
mod tests {
    use super::check_pins;

    #[test]
    fn trunk_pins_must_match_the_lockfile() {
        let good = "[build]\noffline = true\n[tools]\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\"\n";
        assert!(check_pins(good, "0.2.130").is_ok());
        let err = check_pins(good, "0.2.131").unwrap_err();
        assert!(err.contains("0.2.130") && err.contains("0.2.131"), "{err}");
        assert!(check_pins("[build]\noffline = true\n", "0.2.130").is_err());
        let old_opt = "[tools]\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_123\"\n";
        assert!(check_pins(old_opt, "0.2.130").is_err());
        // No wasm_opt pin is fine: Trunk then only needs it if index.html asks for it.
        assert!(check_pins("[tools]\nwasm_bindgen = \"0.2.130\"\n", "0.2.130").is_ok());
    }
}
