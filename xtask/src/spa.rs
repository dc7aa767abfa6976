//! Building the SPA with Trunk (shared by `run` and `test`).

use std::fs;

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
    let lock = tools::lock_wasm_bindgen_version(ctx)?;
    match versions::toml_string(&text, "tools", "wasm_bindgen") {
        Some(v) if v == lock => {}
        Some(v) => {
            return Err(format!(
                "Trunk.toml [tools] wasm_bindgen = \"{v}\" but Cargo.lock has wasm-bindgen {lock}; \
                 set wasm_bindgen = \"{lock}\" in Trunk.toml"
            ))
        }
        None => {
            return Err(format!(
                "Trunk.toml has no [tools] wasm_bindgen; add wasm_bindgen = \"{lock}\" (the Cargo.lock version)"
            ))
        }
    }
    let want_opt = format!("version_{BINARYEN_VERSION}");
    if let Some(v) = versions::toml_string(&text, "tools", "wasm_opt") {
        if v != want_opt {
            return Err(format!(
                "Trunk.toml [tools] wasm_opt = \"{v}\" but xtask installs binaryen {BINARYEN_VERSION}; \
                 set wasm_opt = \"{want_opt}\""
            ));
        }
    }
    Ok(())
}

/// `cargo fetch` (Trunk's offline mode makes cargo offline too, so the
/// registry must be fetched first), then `trunk build --release` into `<repo>/dist`.
pub fn build(ctx: &Ctx) -> Result<(), String> {
    check_trunk_toml(ctx)?;
    println!("$ cargo fetch");
    run_checked(ctx.command("cargo").arg("fetch"), "cargo fetch")?;
    let dist = ctx.dist();
    println!("$ trunk build --release --dist {}", dist.display());
    run_checked(
        ctx.command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist),
        "trunk build",
    )
}
