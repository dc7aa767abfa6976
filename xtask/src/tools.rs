//! "Ensure tools": check each external tool and install only what is missing
//! or at the wrong version, so a second run installs nothing.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::paths::Ctx;
use crate::versions;

/// Trunk 0.22 needs a newer rustc than the workspace's; 0.21.14 is known to work.
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen from npm; Debian's binaryen produces modules that fail at start.
pub const BINARYEN_VERSION: &str = "132";
/// axe-core from npm, injected into pages by the accessibility tests.
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// The bench's wasm attribution by crate.
pub const TWIGGY_VERSION: &str = "0.8.0";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Which tools a command needs; a tool not needed is not even checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    pub wasm_target: bool,
    pub wasm_bindgen: bool,
    pub wasm_opt: bool,
    pub trunk: bool,
    pub browser: bool,
    pub axe: bool,
    /// The bench's attribution of the wasm by crate.
    pub twiggy: bool,
}

impl Needs {
    /// What `trunk build --release` needs.
    pub fn spa() -> Needs {
        Needs {
            wasm_target: true,
            wasm_bindgen: true,
            wasm_opt: true,
            trunk: true,
            browser: false,
            axe: false,
            twiggy: false,
        }
    }

    pub fn any(&self) -> bool {
        *self != Needs::default()
    }
}

/// Checks (and if needed installs) every tool in `needs`, cheapest and most
/// likely to fail first, so a broken apt or npm does not wait for a 12-minute build.
pub fn ensure(ctx: &Ctx, needs: &Needs) -> Result<(), String> {
    if !needs.any() {
        return Ok(());
    }
    println!("xtask: checking tools");
    if needs.wasm_target {
        ensure_wasm_target(ctx)?;
    }
    if needs.browser {
        ensure_browser()?;
    }
    if needs.wasm_opt {
        ensure_wasm_opt(ctx)?;
    }
    if needs.axe {
        ensure_axe_core(ctx)?;
    }
    if needs.wasm_bindgen {
        ensure_wasm_bindgen(ctx)?;
    }
    if needs.trunk {
        ensure_trunk(ctx)?;
    }
    if needs.twiggy {
        ensure_twiggy(ctx)?;
    }
    Ok(())
}

/// The exact `wasm-bindgen` version in Cargo.lock (generating the lockfile
/// first if it is missing): the CLI must match it or Trunk tries to download one.
pub fn lock_wasm_bindgen_version(ctx: &Ctx) -> Result<String, String> {
    let lock_path = ctx.repo.join("Cargo.lock");
    if !lock_path.exists() {
        println!("xtask: Cargo.lock missing, running cargo generate-lockfile");
        run_checked(
            ctx.command("cargo").arg("generate-lockfile"),
            "cargo generate-lockfile",
        )?;
    }
    let lock = fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    versions::single_lock_version(&lock, "wasm-bindgen")
}

fn report(tool: &str, status: &str) {
    println!("  {tool:<24} {status}");
}

fn ensure_wasm_target(ctx: &Ctx) -> Result<(), String> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let installed = probe(ctx, "rustup", &["target", "list", "--installed"])
        .ok_or("`rustup target list --installed` failed; is rustup installed?")?;
    if installed.lines().any(|l| l.trim() == TARGET) {
        report(TARGET, "present");
        return Ok(());
    }
    report(TARGET, "installing...");
    run_checked(
        ctx.command("rustup").args(["target", "add", TARGET]),
        "rustup target add",
    )?;
    report(TARGET, "installed");
    Ok(())
}

fn ensure_trunk(ctx: &Ctx) -> Result<(), String> {
    let mut install = ctx.install_command("cargo");
    install.args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
    ensure_version(
        ctx,
        VersionedTool {
            label: "trunk",
            program: "trunk".as_ref(),
            want: TRUNK_VERSION,
            extra_ok: true,
            slow: Some("builds from source, about 12 minutes"),
        },
        install,
    )
}

fn ensure_twiggy(ctx: &Ctx) -> Result<(), String> {
    let mut install = ctx.install_command("cargo");
    install.args(["install", "twiggy", "--version", TWIGGY_VERSION, "--locked"]);
    ensure_version(
        ctx,
        VersionedTool {
            label: "twiggy",
            program: "twiggy".as_ref(),
            want: TWIGGY_VERSION,
            extra_ok: true,
            slow: Some("builds from source, about 3 minutes"),
        },
        install,
    )
}

fn ensure_wasm_bindgen(ctx: &Ctx) -> Result<(), String> {
    let want = lock_wasm_bindgen_version(ctx)?;
    // No --locked: one of the CLI's pinned dependencies is missing from the index.
    let mut install = ctx.install_command("cargo");
    install.args(["install", "wasm-bindgen-cli", "--version", &want]);
    // The test runner ships in the same package; a half install counts as missing.
    let runner_ok = ctx.which("wasm-bindgen-test-runner").is_some();
    ensure_version(
        ctx,
        VersionedTool {
            label: "wasm-bindgen-cli",
            program: "wasm-bindgen".as_ref(),
            want: &want,
            extra_ok: runner_ok,
            slow: Some("builds from source, about 7 minutes"),
        },
        install,
    )
}

fn ensure_wasm_opt(ctx: &Ctx) -> Result<(), String> {
    let prefix = ctx.tools_dir();
    let program = prefix.join("node_modules/.bin/wasm-opt");
    if probe_version(ctx, &program).is_none() && ctx.which("npm").is_none() {
        // Node is not part of a bare Debian image; binaryen's wasm-opt needs it.
        apt_install(&["nodejs", "npm"], "npm (for binaryen's wasm-opt)")?;
    }
    fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    let mut install = ctx.command("npm");
    install
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("binaryen@{BINARYEN_VERSION}"));
    ensure_version(
        ctx,
        VersionedTool {
            label: "wasm-opt (binaryen)",
            program: &program,
            want: BINARYEN_VERSION,
            extra_ok: true,
            slow: None,
        },
        install,
    )
}

/// The axe-core script the e2e tests inject (`AXE_CORE` points them at it).
pub fn axe_core_script(ctx: &Ctx) -> std::path::PathBuf {
    ctx.tools_dir().join("node_modules/axe-core/axe.min.js")
}

/// axe-core is a script, not a program: its package.json says its version.
fn ensure_axe_core(ctx: &Ctx) -> Result<(), String> {
    let manifest = ctx.tools_dir().join("node_modules/axe-core/package.json");
    let installed = fs::read_to_string(&manifest).ok().and_then(|text| {
        let at = text.find("\"version\"")?;
        let rest = &text[at + 9..];
        let start = rest.find('"')? + 1;
        let end = start + rest[start..].find('"')?;
        Some(rest[start..end].to_owned())
    });
    if installed.as_deref() == Some(AXE_CORE_VERSION) && axe_core_script(ctx).is_file() {
        println!("  axe-core                 present ({AXE_CORE_VERSION})");
        return Ok(());
    }
    println!("  axe-core                 installing {AXE_CORE_VERSION}...");
    if ctx.which("npm").is_none() {
        apt_install(&["nodejs", "npm"], "npm (for axe-core)")?;
    }
    let prefix = ctx.tools_dir();
    fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    let mut install = ctx.command("npm");
    install
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("axe-core@{AXE_CORE_VERSION}"));
    run_checked(&mut install, "npm install axe-core")?;
    println!("  axe-core                 installed ({AXE_CORE_VERSION})");
    Ok(())
}

fn ensure_browser() -> Result<(), String> {
    let missing = || {
        [CHROMIUM, CHROMEDRIVER]
            .into_iter()
            .filter(|p| !Path::new(p).exists())
            .collect::<Vec<_>>()
    };
    let before = missing();
    if before.is_empty() {
        for (label, path) in [("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)] {
            let out = Command::new(path).arg("--version").output();
            let text = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
            let text = text.unwrap_or_default();
            let version = versions::first_version(&text).unwrap_or("version unknown");
            report(label, &format!("present ({version})"));
        }
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"], &before.join(" and "))?;
    let after = missing();
    if !after.is_empty() {
        return Err(format!(
            "{} still missing after apt-get install",
            after.join(", ")
        ));
    }
    report("chromium, chromedriver", "installed");
    Ok(())
}

/// A tool found on `PATH` (or at a path) whose `--version` must name `want`.
struct VersionedTool<'a> {
    label: &'a str,
    program: &'a Path,
    want: &'a str,
    /// Other conditions for "present" (e.g. a companion binary exists).
    extra_ok: bool,
    /// Shown before installing when the install takes long.
    slow: Option<&'a str>,
}

fn ensure_version(ctx: &Ctx, tool: VersionedTool, mut install: Command) -> Result<(), String> {
    let found = probe_version(ctx, tool.program);
    let matches = |out: &Option<String>| {
        out.as_deref()
            .is_some_and(|o| versions::reports_version(o, tool.want))
    };
    if matches(&found) && tool.extra_ok {
        report(tool.label, &format!("present ({})", tool.want));
        return Ok(());
    }
    let why = match found.as_deref() {
        None => "missing".to_string(),
        Some(o) if matches(&found) => {
            format!("{} incomplete", versions::first_version(o).unwrap_or("?"))
        }
        Some(o) => format!(
            "found {}",
            versions::first_version(o).unwrap_or("unknown version")
        ),
    };
    let note = tool.slow.map(|s| format!("; {s}")).unwrap_or_default();
    report(
        tool.label,
        &format!("installing {} ({why}{note})...", tool.want),
    );
    run_checked(&mut install, &format!("installing {}", tool.label))?;
    let after = probe_version(ctx, tool.program);
    if !matches(&after) {
        return Err(format!(
            "{} still does not report version {} after installing (got: {})",
            tool.label,
            tool.want,
            after.as_deref().map(str::trim).unwrap_or("not runnable")
        ));
    }
    report(tool.label, &format!("installed ({})", tool.want));
    Ok(())
}

/// `program --version`, stdout and stderr together, if it ran successfully.
fn probe_version(ctx: &Ctx, program: &Path) -> Option<String> {
    probe(ctx, program.as_os_str(), &["--version"])
}

fn probe(ctx: &Ctx, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Option<String> {
    let out = ctx.command(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

/// Runs a command with inherited output and turns failure into a message.
pub fn run_checked(cmd: &mut Command, what: &str) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// Installs Debian packages when running as root; otherwise says what to run.
fn apt_install(packages: &[&str], missing: &str) -> Result<(), String> {
    let list = packages.join(" ");
    if !is_root() {
        return Err(format!(
            "{missing} missing and not running as root; run: \
             sudo apt-get update && sudo apt-get install -y {list}"
        ));
    }
    report(
        &list,
        &format!("installing with apt-get ({missing} missing)..."),
    );
    run_checked(Command::new("apt-get").arg("update"), "apt-get update")?;
    run_checked(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y"])
            .args(packages),
        "apt-get install",
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
