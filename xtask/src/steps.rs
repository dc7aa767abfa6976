//! `cargo xtask test`: which steps exist, which tools they need, and running
//! them in order.

use std::time::Instant;

use crate::paths::Ctx;
use crate::spa;
use crate::summary::{Outcome, StepResult};
use crate::tee::{run_teed, Counts};
use crate::tools::{self, Needs, CHROMEDRIVER, CHROMIUM};

/// Seconds the wasm test runner gives one test binary in the browser.
const WASM_TEST_TIMEOUT_SECS: &str = "600";

/// The steps of `cargo xtask test`, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Fmt,
    Clippy,
    ClippyWasm,
    Host,
    Wasm,
    Build,
    E2e,
}

pub const ALL: [Step; 7] = [
    Step::Fmt,
    Step::Clippy,
    Step::ClippyWasm,
    Step::Host,
    Step::Wasm,
    Step::Build,
    Step::E2e,
];

impl Step {
    /// The name used in `--only` and in the table.
    pub fn name(self) -> &'static str {
        match self {
            Step::Fmt => "fmt",
            Step::Clippy => "clippy",
            Step::ClippyWasm => "clippy-wasm",
            Step::Host => "host",
            Step::Wasm => "wasm",
            Step::Build => "build",
            Step::E2e => "e2e",
        }
    }

    /// The cargo arguments of a cargo step (`None` for the SPA build, a
    /// function shared with `run`). `--no-fail-fast`: one failing test binary
    /// must not hide the results of the others.
    fn cargo_args(self) -> Option<&'static str> {
        Some(match self {
            Step::Fmt => "fmt --all -- --check",
            Step::Clippy => "clippy --workspace --exclude ops-monitor --all-targets -- -D warnings",
            Step::ClippyWasm => {
                "clippy -p ops-monitor --target wasm32-unknown-unknown --all-targets -- -D warnings"
            }
            Step::Host => "test --workspace --exclude ops-monitor --exclude e2e --no-fail-fast",
            Step::Wasm => "test -p ops-monitor --target wasm32-unknown-unknown --no-fail-fast",
            Step::Build => return None,
            Step::E2e => "test -p e2e --no-fail-fast -- --test-threads=2",
        })
    }

    /// Extra environment of a cargo step.
    fn env(self, ctx: &Ctx) -> Vec<(&'static str, String)> {
        match self {
            // The runner drives headless Chromium; it reads webdriver.json
            // (Chrome flags) from the package dir, which is the repo root.
            Step::Wasm => vec![
                (
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner".into(),
                ),
                ("CHROMEDRIVER", CHROMEDRIVER.into()),
                // The runner gives a whole test binary 20 s by default; the
                // memory tests build 40,000 rows in a debug build, which
                // takes longer than that on a loaded machine.
                ("WASM_BINDGEN_TEST_TIMEOUT", WASM_TEST_TIMEOUT_SECS.into()),
            ],
            Step::E2e => vec![
                ("MONITOR_DIST", ctx.dist().display().to_string()),
                ("CHROMEDRIVER", CHROMEDRIVER.into()),
                ("CHROMIUM", CHROMIUM.into()),
                (
                    "AXE_CORE",
                    tools::axe_core_script(ctx).display().to_string(),
                ),
            ],
            _ => vec![],
        }
    }
}

/// Steps selected by `--only a,b` (kept in the standard order), or all.
pub fn select(only: Option<&str>) -> Result<Vec<Step>, String> {
    let Some(only) = only else {
        return Ok(ALL.to_vec());
    };
    let names: Vec<&str> = only
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = names.iter().find(|n| !ALL.iter().any(|s| s.name() == **n)) {
        let valid: Vec<&str> = ALL.iter().map(|s| s.name()).collect();
        return Err(format!(
            "unknown step `{bad}`; steps are {}",
            valid.join(", ")
        ));
    }
    if names.is_empty() {
        return Err("--only needs at least one step name".into());
    }
    Ok(ALL
        .into_iter()
        .filter(|s| names.contains(&s.name()))
        .collect())
}

/// The tools the selected steps need (fmt, clippy and host tests need none).
pub fn needs(steps: &[Step]) -> Needs {
    let has = |s| steps.contains(&s);
    let mut needs = if has(Step::Build) {
        Needs::spa()
    } else {
        Needs::default()
    };
    needs.wasm_target |= has(Step::ClippyWasm) || has(Step::Wasm);
    needs.wasm_bindgen |= has(Step::Wasm);
    needs.browser |= has(Step::Wasm) || has(Step::E2e);
    needs.axe |= has(Step::E2e);
    needs
}

/// Ensures the tools, then runs `steps` in order. A failure does not stop
/// later steps, except that e2e is skipped when the build it tests failed;
/// without the tools every step is skipped.
pub fn run_test(ctx: &Ctx, steps: &[Step]) -> Vec<StepResult> {
    let mut results = Vec::new();
    let needs = needs(steps);
    if needs.any() {
        let start = Instant::now();
        let tools = tools::ensure(ctx, &needs);
        if let Err(e) = &tools {
            eprintln!("xtask: error: {e}");
        }
        results.push(StepResult {
            name: "tools",
            outcome: if tools.is_ok() {
                Outcome::Ok
            } else {
                Outcome::Failed
            },
            secs: start.elapsed().as_secs_f64(),
            counts: Counts::default(),
        });
        if tools.is_err() {
            results.extend(steps.iter().map(|s| StepResult::skipped(s.name())));
            return results;
        }
    }
    let mut build_failed = false;
    for (i, &step) in steps.iter().enumerate() {
        println!("\n==> [{}/{}] {}", i + 1, steps.len(), step.name());
        if step == Step::E2e && build_failed {
            println!("skipped: the SPA build failed");
            results.push(StepResult::skipped(step.name()));
            continue;
        }
        let start = Instant::now();
        let (ok, counts) = run_step(ctx, step);
        let secs = start.elapsed().as_secs_f64();
        let outcome = if ok { Outcome::Ok } else { Outcome::Failed };
        build_failed |= step == Step::Build && !ok;
        println!("<== {} {} in {secs:.1} s", step.name(), outcome.label());
        results.push(StepResult {
            name: step.name(),
            outcome,
            secs,
            counts,
        });
    }
    results
}

fn run_step(ctx: &Ctx, step: Step) -> (bool, Counts) {
    let Some(args) = step.cargo_args() else {
        return match spa::build(ctx) {
            Ok(()) => (true, Counts::default()),
            Err(e) => {
                eprintln!("xtask: {e}");
                (false, Counts::default())
            }
        };
    };
    let env = step.env(ctx);
    let shown: String = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    println!("$ {shown}cargo {args}");
    let mut cmd = ctx.command("cargo");
    cmd.args(args.split_whitespace()).envs(env);
    run_teed(&mut cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_steps_in_standard_order() {
        assert_eq!(select(None).unwrap(), ALL.to_vec());
        assert_eq!(
            select(Some("host,fmt")).unwrap(),
            vec![Step::Fmt, Step::Host]
        );
        assert!(select(Some("fmt,nope")).is_err());
        assert!(select(Some("")).is_err());
    }

    #[test]
    fn needs_follow_the_selected_steps() {
        assert!(!needs(&[Step::Fmt, Step::Clippy, Step::Host]).any());
        let wasm = needs(&[Step::Wasm]);
        assert!(wasm.wasm_target && wasm.wasm_bindgen && wasm.browser && !wasm.trunk);
        assert_eq!(needs(&[Step::Build]), Needs::spa());
        assert!(needs(&[Step::E2e]).browser);
    }

    #[test]
    fn every_step_but_build_is_a_cargo_command() {
        for step in ALL {
            assert_eq!(step.cargo_args().is_none(), step == Step::Build);
        }
    }
}
