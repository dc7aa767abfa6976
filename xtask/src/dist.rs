//! `cargo xtask dist`: the SPA's release build packaged for a CDN by the
//! `static-site` package (its `.br` and `.gz` copies, `config.json` for the
//! deployment, the `_headers` file). That work needs compressors and the
//! monitor's CSP code, so it runs as its own binary and xtask stays plain std.

use crate::paths::Ctx;
use crate::spa;
use crate::tools;

/// Where the folder goes unless `--out` says otherwise.
pub const DEFAULT_OUT: &str = "dist-cdn";

/// Builds the SPA and packages it; `args` (a leading `--` dropped) go to
/// the packager. `--help` shows the packager's options without building.
pub fn run(ctx: &Ctx, args: &[String]) -> Result<(), String> {
    let args = match args.first() {
        Some(first) if first == "--" => &args[1..],
        _ => args,
    };
    let help = args.iter().any(|a| a == "-h" || a == "--help");
    if !help {
        println!("{}", ctx.describe());
        spa::check_trunk_toml(ctx)?;
        tools::ensure(ctx, &tools::Needs::spa())?;
        spa::build(ctx)?;
    }
    let mut packager = vec!["--build".to_owned(), ctx.dist().display().to_string()];
    packager.extend(packager_args(ctx, args));
    println!("\n$ cargo run -p static-site -- {}", packager.join(" "));
    let mut cmd = ctx.command("cargo");
    cmd.args(["run", "-p", "static-site", "--"]).args(&packager);
    tools::run_checked(&mut cmd, "the static-site packager")
}

/// `args` with the default output folder added when they name none.
fn packager_args(ctx: &Ctx, args: &[String]) -> Vec<String> {
    let mut all = args.to_vec();
    let names_out = args.iter().any(|a| a == "--out" || a.starts_with("--out="));
    if !names_out {
        all.push("--out".into());
        all.push(ctx.repo.join(DEFAULT_OUT).display().to_string());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_folder_is_added_only_when_none_is_named() {
        let ctx = Ctx::from_env().unwrap();
        let base = vec!["--base-path".to_owned(), "/ops/".to_owned()];
        let with_default = packager_args(&ctx, &base);
        assert_eq!(with_default[..2], base[..]);
        assert_eq!(with_default[2], "--out");
        assert!(with_default[3].ends_with(DEFAULT_OUT), "{with_default:?}");
        for named in [
            vec!["--out".to_owned(), "/tmp/x".to_owned()],
            vec!["--out=/tmp/x".to_owned()],
        ] {
            assert_eq!(packager_args(&ctx, &named), named);
        }
    }
}
