//! `cargo xtask soak` runs this (in release): the monitor open for an hour
//! against a busy demo backend with faults on and off in turns, sampled
//! every minute, written to the "Soak" section of `BENCHMARKS.md`. See
//! `e2e::bench::soak`.
//!
//! `cargo run --release -p e2e --bin soak -- [--quick] [--minutes N]`
//! needs the SPA built into `dist/` (or `MONITOR_DIST`).

use std::process::ExitCode;

use e2e::bench::machine::Machine;
use e2e::bench::sections;
use e2e::bench::soak::{self, SoakConfig};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match SoakConfig::from_args(&args, sections::default_file()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if !e2e::dist_dir().join("index.html").is_file() {
        eprintln!(
            "soak: no built SPA in {} (run `cargo xtask soak`, which builds it)",
            e2e::dist_dir().display()
        );
        return ExitCode::FAILURE;
    }
    let machine = Machine::describe();
    let samples = match soak::run(&config).await {
        Ok(samples) => samples,
        Err(e) => {
            eprintln!("soak: {e}");
            return ExitCode::FAILURE;
        }
    };
    let section = soak::section(&samples, &config, &machine);
    println!("{section}");
    if let Some(out) = &config.out {
        let previous = std::fs::read_to_string(out).unwrap_or_default();
        if let Err(e) = std::fs::write(out, sections::with_soak_section(&previous, &section)) {
            eprintln!("soak: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("soak: wrote {}", out.display());
    }
    ExitCode::SUCCESS
}
