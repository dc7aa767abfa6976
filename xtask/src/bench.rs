//! `cargo xtask bench` and `cargo xtask soak`: build the SPA (release) and
//! run the `bench` or `soak` binary of the e2e crate (release too, so the
//! in-process demo backend takes as little of the browser's CPU as it
//! can), which prints its figures and writes them to `BENCHMARKS.md`.
//!
//! The SPA is built into its own directory under the target dir, not
//! `dist/`: what is measured is exactly what was built, whatever else runs
//! Trunk meanwhile.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::paths::Ctx;
use crate::spa;
use crate::tools::{self, Needs, CHROMEDRIVER, CHROMIUM};

/// Everything after `bench` or `soak` (an optional leading `--` dropped)
/// goes to that binary, e.g. `--quick` or `--scales 1000,10000`.
pub fn run(ctx: &Ctx, binary: &str, args: &[String]) -> ExitCode {
    let passthrough = match args.first() {
        Some(first) if first == "--" => &args[1..],
        _ => args,
    };
    println!("{}", ctx.describe());
    let dist = bench_dist(ctx);
    let needs = Needs {
        browser: true,
        twiggy: binary == "bench",
        ..Needs::spa()
    };
    // `--help` only needs the binary.
    let help = passthrough.iter().any(|a| a == "--help" || a == "-h");
    let prepared = spa::check_trunk_toml(ctx)
        .and_then(|()| tools::ensure(ctx, &needs))
        .and_then(|()| {
            if help {
                Ok(())
            } else {
                spa::build_into(ctx, &dist)
            }
        });
    if let Err(e) = prepared {
        eprintln!("xtask: error: {e}");
        return ExitCode::FAILURE;
    }
    let command = format!("cargo xtask {binary}");
    let shown = std::iter::once(command.as_str())
        .chain(passthrough.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    println!(
        "\n$ cargo run --release -p e2e --bin {binary} -- {}",
        passthrough.join(" ")
    );
    let mut cmd = ctx.command("cargo");
    cmd.args(["run", "--release", "-p", "e2e", "--bin", binary, "--"])
        .args(passthrough)
        .env("MONITOR_DIST", &dist)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROMIUM", CHROMIUM)
        .env("BENCH_COMMAND", shown)
        // The wasm as cargo built it, names still in: the bench attributes
        // its bytes by crate.
        .env(
            "BENCH_CARGO_WASM",
            ctx.target_dir
                .join("wasm32-unknown-unknown/release/ops-monitor.wasm"),
        );
    match cmd.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => {
            eprintln!("xtask: error: cannot start cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where `bench` builds the SPA (release) it measures.
pub fn bench_dist(ctx: &Ctx) -> PathBuf {
    ctx.target_dir.join("bench-dist")
}
