//! Running a command with its stdout teed: streamed to the terminal as it
//! arrives and parsed for libtest's `test result:` lines.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

/// Summed `test result:` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Runs `cmd` with stdout piped through us: every chunk is written to our
/// stdout as it arrives (so progress stays live, even for lines without a
/// newline yet) and complete lines are parsed. Stderr (cargo's build
/// progress) is inherited. Returns whether it succeeded and the summed counts.
pub fn run_teed(cmd: &mut Command) -> (bool, Counts) {
    run_teed_into(cmd, &mut io::stdout())
}

/// [`run_teed`] writing the stream to `sink` instead of stdout.
fn run_teed_into(cmd: &mut Command, sink: &mut impl Write) -> (bool, Counts) {
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("xtask: cannot start {:?}: {e}", cmd.get_program());
            return (false, Counts::default());
        }
    };
    let mut counts = Counts::default();
    if let Some(mut out) = child.stdout.take() {
        let mut buf = [0u8; 8192];
        let mut line = Vec::new();
        let mut parse = |line: &[u8]| {
            if let Some(c) = parse_test_result(&String::from_utf8_lossy(line)) {
                counts.add(c);
            }
        };
        loop {
            let n = match out.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            // A closed terminal must not stop the child's output being parsed.
            let _ = sink.write_all(&buf[..n]).and_then(|()| sink.flush());
            for &b in &buf[..n] {
                if b == b'\n' {
                    parse(&line);
                    line.clear();
                } else {
                    line.push(b);
                }
            }
        }
        parse(&line);
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    (ok, counts)
}

/// Counts from a libtest summary line, e.g.
/// `test result: ok. 12 passed; 0 failed; 1 ignored; ...` or
/// `test result: FAILED. 3 passed; 1 failed; ...`. Colour codes are ignored.
pub fn parse_test_result(line: &str) -> Option<Counts> {
    let line = strip_ansi(line);
    let rest = line.trim().strip_prefix("test result:")?;
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let count_before = |label: &str| {
        words
            .windows(2)
            .find(|w| w[1] == label)
            .and_then(|w| w[0].parse::<u64>().ok())
    };
    Some(Counts {
        passed: count_before("passed")?,
        failed: count_before("failed")?,
    })
}

/// Removes ANSI CSI sequences (`ESC [ params final`), in case a runner colours
/// its summary even when piped.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) && c != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(passed: u64, failed: u64) -> Option<Counts> {
        Some(Counts { passed, failed })
    }

    #[test]
    fn parses_libtest_summaries() {
        let ok = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; \
                  0 filtered out; finished in 0.01s";
        assert_eq!(parse_test_result(ok), counts(12, 0));
        let failed = "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; \
                      0 filtered out; finished in 1.20s";
        assert_eq!(parse_test_result(failed), counts(3, 2));
        let indented = "   test result: ok. 0 passed; 0 failed; 0 ignored";
        assert_eq!(parse_test_result(indented), counts(0, 0));
        let coloured = "\u{1b}[32mtest result: ok\u{1b}[0m. 4 passed; 0 failed;";
        assert_eq!(parse_test_result(coloured), counts(4, 0));
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(parse_test_result("test tests::it_works ... ok"), None);
        assert_eq!(parse_test_result("running 3 tests"), None);
        assert_eq!(parse_test_result("test result: garbled"), None);
        assert_eq!(
            parse_test_result("log: test result: ok. 1 passed; 0 failed"),
            None
        );
    }

    #[test]
    fn tee_streams_and_sums() {
        let script = "printf 'test result: ok. 2 passed; 0 failed;\\nnoise\\n\
                      test result: FAILED. 1 passed; 3 failed;'; exit 1";
        // Into a buffer: on stdout these lines would count in the outer run.
        let mut sink = Vec::new();
        let (ok, c) = run_teed_into(Command::new("sh").args(["-c", script]), &mut sink);
        assert!(!ok);
        assert_eq!(Some(c), counts(3, 3));
        let streamed = String::from_utf8(sink).unwrap();
        assert!(
            streamed.starts_with("test result: ok. 2 passed") && streamed.contains("\nnoise\n")
        );
    }
}
