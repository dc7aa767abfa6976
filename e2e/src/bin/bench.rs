//! `cargo xtask bench` runs this (in release): the monitor's speed and
//! memory at 1k, 10k and 50k conversations, measured in headless Chromium,
//! printed as a table and written to `BENCHMARKS.md`. See `e2e::bench`.
//!
//! `cargo run --release -p e2e --bin bench -- [--quick] [--scales ...]`
//! needs the SPA built into `dist/` (or `MONITOR_DIST`).

use std::path::Path;
use std::process::ExitCode;

use e2e::bench::attribution::{self, Share};
use e2e::bench::report::{self, Outcome};
use e2e::bench::{bundle, floor, machine::Machine, scenario, sections, Config};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::from_args(&args, sections::default_file()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let dist = config.dist.clone();
    if !dist.join("index.html").is_file() {
        eprintln!(
            "bench: no built SPA in {} (run `cargo xtask bench`, which builds it)",
            dist.display()
        );
        return ExitCode::FAILURE;
    }
    eprintln!("bench: mode {}, SPA from {}", config.mode(), dist.display());
    let machine = Machine::describe();
    let bundle = bundle::measure(&dist);

    eprintln!("bench: the browser's floor (an empty page, a page ticking once a second, a page that only echoes typing)");
    let floor = match floor::measure(config.tick_window, config.keystrokes, config.pause).await {
        Ok(f) => {
            eprintln!(
                "bench: floor: {:.2} ms/s empty, {:.2} ms/s ticking, keystroke → paint p95 {:.1} ms",
                f.empty.median_second(),
                f.ticking.median_second(),
                f.keystroke.latency.map_or(f64::NAN, |s| s.p95)
            );
            Some(f)
        }
        Err(e) => {
            eprintln!("bench: floor not measured: {e}");
            None
        }
    };

    let mut outcomes: Vec<Outcome> = Vec::new();
    for &scale in &config.scales {
        // A panic in one scale (a WebDriver wait that timed out) is that
        // scale's failure, not the run's: its browser is dropped (killed) on unwind.
        let task_config = config.clone();
        let run = tokio::spawn(async move {
            scenario::run(&task_config, scale, &|line| eprintln!("bench: {line}")).await
        });
        let outcome = match run.await {
            Ok(result) => result,
            Err(e) => Err(format!("the run panicked: {e}")),
        };
        if let Err(e) = &outcome {
            eprintln!("bench: [{}] failed: {e}", scale.label());
        }
        outcomes.push((scale, outcome));
    }

    let doc = report::document(
        &outcomes,
        &config,
        &machine,
        bundle.as_ref(),
        floor.as_ref(),
    );
    let doc = match std::env::var_os("BENCH_CARGO_WASM") {
        Some(wasm) => with_attribution(doc, attribution::attribute(Path::new(&wasm), 15)),
        None => doc,
    };
    let table_start = doc.find("## Results").unwrap_or(0);
    let table_end = doc.find("## How each figure").unwrap_or(doc.len());
    println!("{}", &doc[table_start..table_end]);
    if let Some(out) = &config.out {
        // The steps and the soak are not this run's: keep them.
        let previous = std::fs::read_to_string(out).unwrap_or_default();
        let doc = sections::with_kept_tail(&doc, &previous);
        if let Err(e) = std::fs::write(out, &doc) {
            eprintln!("bench: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("bench: wrote {}", out.display());
    }
    if outcomes.iter().any(|(_, r)| r.is_err()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `doc` with the wasm's attribution by crate before "How each figure".
fn with_attribution(doc: String, shares: Result<Vec<Share>, String>) -> String {
    let mut section = String::from(
        "## Where the wasm's bytes go\n\nBy crate, from `twiggy top` over the release wasm as cargo built it \
         (before wasm-bindgen and wasm-opt, names still in; custom sections left out). \
         `<F as tachys::…>` closures count for the crate whose trait they implement: Leptos's view glue, \
         monomorphized once per closure of the app.\n\n",
    );
    match shares {
        Ok(shares) => {
            section.push_str("| crate | bytes | share |\n|---|---|---|\n");
            for s in shares {
                section.push_str(&format!(
                    "| {} | {} | {:.1} % |\n",
                    s.krate, s.bytes, s.percent
                ));
            }
        }
        Err(e) => section.push_str(&format!("Not measured: {e}\n")),
    }
    section.push('\n');
    match doc.find("## How each figure") {
        Some(at) => format!("{}{section}{}", &doc[..at], &doc[at..]),
        None => doc + "\n" + &section,
    }
}
