//! What one benchmark run does: the scales, how many interactions and how
//! long each measurement window lasts. `--quick` shortens everything (a
//! smoke run); only the full run has 5 minutes of events.

use std::path::PathBuf;
use std::time::Duration;

/// One size of the simulated contact center.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scale {
    pub conversations: usize,
    pub agents: usize,
}

impl Scale {
    /// `conversations` with agents in the proportion (50,000 : 2,000).
    pub fn of(conversations: usize) -> Scale {
        Scale {
            conversations,
            agents: (conversations / 25).max(1),
        }
    }

    /// "1k", "10k", "50k", or the plain number.
    pub fn label(&self) -> String {
        let n = self.conversations;
        if n >= 1000 && n.is_multiple_of(1000) {
            format!("{}k", n / 1000)
        } else {
            n.to_string()
        }
    }
}

/// A benchmark run.
#[derive(Clone, Debug)]
pub struct Config {
    pub quick: bool,
    pub scales: Vec<Scale>,
    /// Events per second of the live backend.
    pub rate: f64,
    /// Keystrokes typed in the search box, per phase.
    pub keystrokes: usize,
    /// Clicks on the "Queued" status filter (even, so the filter ends off).
    pub toggles: usize,
    /// Changes injected to time change → paint.
    pub freshness_samples: usize,
    /// Pause after each keystroke or click (a fast typist: ~7 keys/s).
    pub pause: Duration,
    /// Window over which the frozen page's main-thread time is summed.
    pub tick_window: Duration,
    /// Window over which the live page's main-thread time is summed.
    pub busy_window: Duration,
    /// Events applied between "after load" and the last memory sample.
    pub soak: Duration,
    /// Interval of memory samples during the soak.
    pub sample_every: Duration,
    /// The built SPA measured (`MONITOR_DIST`).
    pub dist: PathBuf,
    /// Where the report goes (`None`: stdout only).
    pub out: Option<PathBuf>,
    /// The command line shown in the report.
    pub command: String,
}

pub const USAGE: &str = "\
usage: bench [--quick] [--scales 1000,10000,50000,200000] [--rate 200] [--out FILE | --no-write]

  --quick         a short smoke run: 30 keystrokes, 10 filter clicks, 10 s windows
                  and 30 s of events instead of 100 keystrokes, 30 clicks, 20 s/60 s
                  windows and 5 minutes of events
  --scales LIST   conversation counts (agents = conversations / 25)
  --rate N        events per second of the live backend (default 200)
  --out FILE      where to write the report (default: BENCHMARKS.md in the repository)
  --no-write      print the table only

Environment: MONITOR_DIST (the built SPA), CHROMEDRIVER, CHROMIUM, BENCH_COMMAND
(the command named in the report).";

impl Config {
    /// Parses the arguments after the binary name.
    pub fn from_args(args: &[String], default_out: PathBuf) -> Result<Config, String> {
        let mut quick = false;
        let mut scales = vec![
            Scale::of(1_000),
            Scale::of(10_000),
            Scale::of(50_000),
            Scale::of(200_000),
        ];
        let mut rate = 200.0;
        let mut out = Some(default_out);
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let mut value = |name: &str| {
                iter.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--" => {}
                "--quick" => quick = true,
                "--no-write" => out = None,
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--rate" => {
                    let v = value("--rate")?;
                    rate = v
                        .parse()
                        .ok()
                        .filter(|r: &f64| r.is_finite() && *r > 0.0)
                        .ok_or_else(|| format!("--rate {v}: not a positive number"))?;
                }
                "--scales" => {
                    let v = value("--scales")?;
                    scales = v
                        .split(',')
                        .map(|s| {
                            s.trim()
                                .parse::<usize>()
                                .ok()
                                .filter(|n| *n > 0)
                                .map(Scale::of)
                                .ok_or_else(|| format!("--scales: `{s}` is not a count"))
                        })
                        .collect::<Result<_, _>>()?;
                }
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
            }
        }
        let command = std::env::var("BENCH_COMMAND")
            .unwrap_or_else(|_| format!("bench {}", args.join(" ")).trim().to_owned());
        let secs = Duration::from_secs;
        Ok(if quick {
            Config {
                quick,
                scales,
                rate,
                keystrokes: 30,
                toggles: 10,
                freshness_samples: 10,
                pause: Duration::from_millis(150),
                tick_window: secs(10),
                busy_window: secs(10),
                soak: secs(30),
                sample_every: secs(15),
                dist: crate::dist_dir(),
                out,
                command,
            }
        } else {
            Config {
                quick,
                scales,
                rate,
                keystrokes: 100,
                toggles: 30,
                freshness_samples: 40,
                pause: Duration::from_millis(150),
                tick_window: secs(20),
                busy_window: secs(60),
                soak: secs(300),
                sample_every: secs(60),
                dist: crate::dist_dir(),
                out,
                command,
            }
        })
    }

    pub fn mode(&self) -> &'static str {
        if self.quick {
            "quick (--quick: shortened windows; not the reference figures)"
        } else {
            "full"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn full_run_by_default_with_five_minutes_of_events() {
        let c = Config::from_args(&[], "B.md".into()).unwrap();
        assert!(!c.quick);
        assert_eq!(c.soak, Duration::from_secs(300));
        assert!(c.keystrokes >= 50);
        assert_eq!(c.toggles % 2, 0);
        assert_eq!(
            c.scales,
            vec![
                Scale::of(1_000),
                Scale::of(10_000),
                Scale::of(50_000),
                Scale::of(200_000)
            ]
        );
        assert_eq!(Scale::of(50_000).agents, 2_000);
        assert_eq!(c.out, Some("B.md".into()));
    }

    #[test]
    fn quick_and_options() {
        let c = Config::from_args(
            &args(&["--", "--quick", "--scales", "500,2000", "--no-write"]),
            "B.md".into(),
        )
        .unwrap();
        assert!(c.quick);
        assert_eq!(c.soak, Duration::from_secs(30));
        assert_eq!(c.toggles % 2, 0);
        assert_eq!(c.scales, vec![Scale::of(500), Scale::of(2_000)]);
        assert_eq!(c.out, None);
        assert!(Config::from_args(&args(&["--scales", "x"]), "B.md".into()).is_err());
        assert!(Config::from_args(&args(&["--rate", "0"]), "B.md".into()).is_err());
        assert!(Config::from_args(&args(&["--bogus"]), "B.md".into()).is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(Scale::of(1_000).label(), "1k");
        assert_eq!(Scale::of(50_000).label(), "50k");
        assert_eq!(Scale::of(1_500).label(), "1500");
    }
}
