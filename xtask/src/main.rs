//! `cargo xtask run|test|bench|soak|dist`: one entry point that installs what is
//! missing, builds the SPA and runs or tests everything. Plain std on purpose
//! so it compiles in seconds.

mod bench;
mod dist;
mod paths;
mod spa;
mod steps;
mod summary;
mod tee;
mod tools;
mod versions;

use std::process::ExitCode;

use paths::Ctx;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [-- <backend args>]   build the SPA (release) and run the demo backend serving it
  test [--only a,b,...]     fmt, clippy, tests (host, wasm, e2e) and the SPA build;
                            steps: fmt, clippy, clippy-wasm, host, wasm, build, e2e
  bench [--quick] [...]     build the SPA (release) and measure it in headless Chromium at
                            1k, 10k and 50k conversations; prints a table and writes
                            BENCHMARKS.md (--quick: 30 s of events instead of 5 minutes,
                            fewer keystrokes; --help lists the other options)
  soak [--minutes N|--quick] build the SPA (release) and leave it open for an hour (default)
                            on 10k conversations at 200 events/s, faults on and off every
                            5 minutes; writes memory, snapshot requests, reconnects and
                            console errors to the Soak section of BENCHMARKS.md
  dist [-- <options>]       build the SPA (release) and package it for a CDN into dist-cdn/:
                            .br and .gz copies, config.json, a _headers file with the CSP
                            and cache rules (options: --api-base-url, --parent-origin,
                            --base-path, --out; `dist -- --help` describes them)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let ctx = match Ctx::from_env() {
        Ok(ctx) => ctx,
        Err(e) => return fail(&e),
    };
    match command.as_str() {
        "run" => run(&ctx, rest),
        "test" => test(&ctx, rest),
        "bench" => bench::run(&ctx, "bench", rest),
        "soak" => bench::run(&ctx, "soak", rest),
        "dist" => match dist::run(&ctx, rest) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("xtask: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("xtask: error: {message}");
    ExitCode::FAILURE
}

/// Builds the SPA and runs the demo backend on it; everything after `run`
/// (an optional leading `--` dropped) goes to the backend.
fn run(ctx: &Ctx, args: &[String]) -> ExitCode {
    let passthrough = match args.first() {
        Some(first) if first == "--" => &args[1..],
        _ => args,
    };
    println!("{}", ctx.describe());
    // Checked before the tools so a wrong pin fails before a long install.
    let prepared = spa::check_trunk_toml(ctx)
        .and_then(|()| tools::ensure(ctx, &tools::Needs::spa()))
        .and_then(|()| spa::build(ctx));
    if let Err(e) = prepared {
        return fail(&e);
    }
    let port = versions::parse_port(passthrough, "--port").unwrap_or(8080);
    println!("\nxtask: starting the demo backend (it compiles first on a cold cache).");
    println!("xtask: Open http://127.0.0.1:{port}/ and sign in with token demo-admin");
    if !passthrough.iter().any(|a| a == "--no-portal") {
        let portal = versions::parse_port(passthrough, "--portal-port").unwrap_or(8081);
        println!("xtask: Or open the demo portal at http://127.0.0.1:{portal}/");
    }
    println!();
    let mut cmd = ctx.command("cargo");
    cmd.args("run --release -p demo-backend -- --static-dir".split_whitespace())
        .arg(ctx.dist())
        .args(passthrough);
    match cmd.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        // Exit codes above 255 do not exist on Unix; a signal has no code.
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => fail(&format!("cannot start cargo: {e}")),
    }
}

/// Runs the selected steps and prints the table and the totals line last.
fn test(ctx: &Ctx, args: &[String]) -> ExitCode {
    let only = match args {
        [] => None,
        [flag, value] if flag == "--only" => Some(value.as_str()),
        [flag] if flag.starts_with("--only=") => Some(&flag["--only=".len()..]),
        _ => {
            eprintln!("xtask: unexpected arguments {args:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let selected = match steps::select(only) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("xtask: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{}", ctx.describe());
    let results = steps::run_test(ctx, &selected);
    // The totals line must be the very last line of output.
    println!("{}", summary::render(&results));
    if summary::any_failed(&results) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
