//! Where things live: the repository, the cache, and the environment every
//! subprocess gets.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Everything a command needs to know about the machine, resolved once.
pub struct Ctx {
    /// The workspace root (the parent of the xtask package).
    pub repo: PathBuf,
    /// `$XDG_CACHE_HOME/ops-monitor` or `$HOME/.cache/ops-monitor`.
    pub cache: PathBuf,
    /// `CARGO_TARGET_DIR` for every cargo/trunk subprocess.
    pub target_dir: PathBuf,
    /// Whether `target_dir` came from the caller's environment (then we leave it alone).
    target_dir_inherited: bool,
    /// `PATH` for subprocesses: npm tools, then cargo-installed tools, then the caller's.
    path: OsString,
}

impl Ctx {
    /// Resolves the repo from xtask's own manifest dir (known at compile time,
    /// so it does not depend on the current directory) and the rest from the
    /// environment.
    pub fn from_env() -> Result<Ctx, String> {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let repo = manifest
            .parent()
            .ok_or("xtask manifest dir has no parent")?
            .to_path_buf();
        let home = env::var_os("HOME");
        let cache = cache_dir(env::var_os("XDG_CACHE_HOME"), home.clone())
            .ok_or("neither XDG_CACHE_HOME nor HOME is set; cannot choose a cache directory")?;
        let cargo_home = match non_empty(env::var_os("CARGO_HOME")) {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(home.ok_or("HOME is not set")?).join(".cargo"),
        };
        let (target_dir, target_dir_inherited) = match non_empty(env::var_os("CARGO_TARGET_DIR")) {
            Some(dir) => (PathBuf::from(dir), true),
            None => (cache.join("target"), false),
        };
        let mut dirs = vec![
            cache.join("tools/node_modules/.bin"),
            cargo_home.join("bin"),
        ];
        if let Some(old) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&old));
        }
        let path = env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
        Ok(Ctx {
            repo,
            cache,
            target_dir,
            target_dir_inherited,
            path,
        })
    }

    /// Where Trunk puts the built SPA and the backend serves it from.
    pub fn dist(&self) -> PathBuf {
        self.repo.join("dist")
    }

    /// The npm prefix that holds binaryen (wasm-opt).
    pub fn tools_dir(&self) -> PathBuf {
        self.cache.join("tools")
    }

    /// A command that runs in the repo root with our `PATH` and target dir.
    /// Setting `PATH` on the command also makes std look the program up in it.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.repo)
            .env("PATH", &self.path)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        cmd
    }

    /// Like [`Ctx::command`] but without our target dir, for `cargo install`:
    /// a tool's one-off build would otherwise fill the shared cache.
    pub fn install_command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = self.command(program);
        if !self.target_dir_inherited {
            cmd.env_remove("CARGO_TARGET_DIR");
        }
        cmd
    }

    /// The first `name` on our `PATH`, if any.
    pub fn which(&self, name: &str) -> Option<PathBuf> {
        env::split_paths(&self.path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    }

    /// One line for the start of a run so a log shows which dirs were used.
    pub fn describe(&self) -> String {
        let origin = if self.target_dir_inherited {
            "from CARGO_TARGET_DIR"
        } else {
            "cache"
        };
        format!(
            "xtask: repo {}, target dir {} ({origin})",
            self.repo.display(),
            self.target_dir.display()
        )
    }
}

/// The cache directory per the XDG rules: an empty or relative
/// `XDG_CACHE_HOME` is ignored, as the spec says.
pub fn cache_dir(xdg: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    if let Some(xdg) = non_empty(xdg) {
        let xdg = PathBuf::from(xdg);
        if xdg.is_absolute() {
            return Some(xdg.join("ops-monitor"));
        }
    }
    non_empty(home).map(|h| PathBuf::from(h).join(".cache/ops-monitor"))
}

fn non_empty(v: Option<OsString>) -> Option<OsString> {
    v.filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_dir_prefers_absolute_xdg() {
        let got = cache_dir(Some("/x/cache".into()), Some("/home/u".into()));
        assert_eq!(got, Some(PathBuf::from("/x/cache/ops-monitor")));
    }

    #[test]
    fn cache_dir_falls_back_to_home() {
        let want = Some(PathBuf::from("/home/u/.cache/ops-monitor"));
        assert_eq!(cache_dir(None, Some("/home/u".into())), want);
        assert_eq!(cache_dir(Some("".into()), Some("/home/u".into())), want);
        assert_eq!(cache_dir(Some("rel".into()), Some("/home/u".into())), want);
        assert_eq!(cache_dir(None, None), None);
    }
}
