//! The result of each step and the table printed at the end of `cargo xtask test`.

use crate::tee::Counts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed,
    Skipped,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Failed => "FAILED",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct StepResult {
    pub name: &'static str,
    pub outcome: Outcome,
    pub secs: f64,
    pub counts: Counts,
}

impl StepResult {
    pub fn skipped(name: &'static str) -> StepResult {
        StepResult {
            name,
            outcome: Outcome::Skipped,
            secs: 0.0,
            counts: Counts::default(),
        }
    }
}

/// Summed test counts, plus one failure for every failed step whose failure
/// no test count shows (fmt, clippy, the build, a compile error), so a failed
/// run never reports `0 failed`.
pub fn totals(results: &[StepResult]) -> Counts {
    let mut total = Counts::default();
    for r in results {
        total.add(r.counts);
        if r.outcome == Outcome::Failed && r.counts.failed == 0 {
            total.failed += 1;
        }
    }
    total
}

pub fn any_failed(results: &[StepResult]) -> bool {
    results.iter().any(|r| r.outcome == Outcome::Failed)
}

/// The step table; its last line is exactly `xtask: <P> passed, <F> failed`.
pub fn render(results: &[StepResult]) -> String {
    let mut s = String::from("\nstep          result    seconds  tests\n");
    for r in results {
        let row = format!("{:<13} {:<8} {:>8.1}", r.name, r.outcome.label(), r.secs);
        s.push_str(&row);
        if r.counts != Counts::default() {
            let c = r.counts;
            s.push_str(&format!("  {} passed, {} failed", c.passed, c.failed));
        }
        s.push('\n');
    }
    let t = totals(results);
    s.push_str(&format!("xtask: {} passed, {} failed", t.passed, t.failed));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(outcome: Outcome, passed: u64, failed: u64) -> StepResult {
        StepResult {
            name: "x",
            outcome,
            secs: 1.0,
            counts: Counts { passed, failed },
        }
    }

    fn total(results: &[StepResult]) -> (u64, u64) {
        let t = totals(results);
        (t.passed, t.failed)
    }

    #[test]
    fn totals_sum_tests_and_count_silent_failures() {
        let all_ok = [
            result(Outcome::Ok, 0, 0),
            result(Outcome::Ok, 10, 0),
            result(Outcome::Ok, 5, 0),
        ];
        assert_eq!(total(&all_ok), (15, 0));
        // A clippy failure has no test counts but must not print `0 failed`.
        let clippy = [result(Outcome::Failed, 0, 0), result(Outcome::Ok, 7, 0)];
        assert_eq!(total(&clippy), (7, 1));
        // Failed tests count as they are, not plus one; skipped steps add nothing.
        let tests = [result(Outcome::Failed, 8, 2), StepResult::skipped("e2e")];
        assert_eq!(total(&tests), (8, 2));
    }

    #[test]
    fn table_ends_with_the_totals_line() {
        let results = [result(Outcome::Ok, 3, 0), result(Outcome::Failed, 0, 0)];
        let s = render(&results);
        assert_eq!(s.lines().last(), Some("xtask: 3 passed, 1 failed"));
        assert!(s.contains("FAILED"));
        assert!(any_failed(&results));
    }
}
