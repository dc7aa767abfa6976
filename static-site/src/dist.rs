//! The deployable folder `cargo xtask dist` writes from Trunk's release
//! build: every file of the build, a `.br` and a `.gz` copy next to each
//! asset, `index.html` with a base element naming where it is published,
//! `config.json` filled in for the deployment, and a `_headers` file with
//! the Content-Security-Policy (the bootstrap's hash computed from the
//! published `index.html`), the cache rules and `nosniff`.
//!
//! Everything that differs between deployments is decided here, at
//! packaging time: the wasm, JS and CSS are the same bytes (and names) for
//! every one.

mod compress;
mod config_file;
mod headers_file;

use std::fs;
use std::path::{Path, PathBuf};

use crate::csp::{self, MonitorPolicy};
use crate::{base_href, BasePath};

pub use config_file::api_origin;

/// The file every CDN deployment edits last, if at all: it gets no
/// compressed copies, so an edit can never be shadowed by a stale `.br`.
const CONFIG: &str = "config.json";
const INDEX: &str = "index.html";
/// The headers file; its presence also marks a folder as one of ours, which
/// is what allows replacing it.
pub const HEADERS: &str = "_headers";

/// Where and how one deployment runs.
#[derive(Clone, Debug)]
pub struct Deployment {
    /// The REST root for `config.json`: `/api/v1` on the same origin, or
    /// `https://api.example.com/api/v1` (then also allowed by the policy's
    /// `connect-src`, and the API must allow the CDN's origin by CORS).
    pub api_base_url: String,
    /// Portal origins that may embed the monitor and hand it a token
    /// (`config.json`'s `allowed_parent_origins` and the policy's
    /// `frame-ancestors`, so the two cannot disagree).
    pub parent_origins: Vec<String>,
    /// The URL path the folder is published under.
    pub base_path: BasePath,
}

/// What was written, for the summary `cargo xtask dist` prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packaged {
    /// Published files (not counting the compressed copies), relative.
    pub files: Vec<String>,
    /// Bytes of the compressible files, raw, as `.br` and as `.gz`.
    pub raw_bytes: u64,
    pub brotli_bytes: u64,
    pub gzip_bytes: u64,
}

/// Packages Trunk's output in `build` into the folder `out`, which must be
/// missing, empty or an earlier output of this function (then replaced).
/// The folder is written beside `out` and takes its place only when
/// complete, so a failure leaves `out` as it was.
pub fn package(build: &Path, out: &Path, deployment: &Deployment) -> Result<Packaged, String> {
    let files = files_of(build)?;
    for required in [INDEX, CONFIG] {
        if !files.iter().any(|f| f == required) {
            return Err(format!(
                "{} has no {required}: is it a Trunk build of the monitor?",
                build.display()
            ));
        }
    }
    let api = config_file::api_origin(&deployment.api_base_url)?;
    let template = read_text(&build.join(CONFIG))?;
    let config = config_file::render(
        &template,
        &deployment.api_base_url,
        &deployment.parent_origins,
    )?;
    let mut policy = MonitorPolicy::new(&deployment.parent_origins);
    if let Some(api) = &api {
        policy = policy.with_api_origin(api);
    }
    let target = replaceable(build, out)?;
    let staging = staging_for(&target)?;
    let written =
        write_folder(build, &staging, files, &config, &policy, deployment).and_then(|packaged| {
            if target.exists() {
                fs::remove_dir_all(&target).map_err(|e| io_error("clear", out, e))?;
            }
            fs::rename(&staging, &target).map_err(|e| io_error("create", out, e))?;
            Ok(packaged)
        });
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    written
}

/// Writes the whole folder into the empty directory `dir`.
fn write_folder(
    build: &Path,
    dir: &Path,
    files: Vec<String>,
    config: &str,
    policy: &MonitorPolicy,
    deployment: &Deployment,
) -> Result<Packaged, String> {
    let mut packaged = Packaged::default();
    let mut hashes = Vec::new();
    for file in &files {
        let target = dir.join(file);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
        }
        let source = build.join(file);
        let bytes = match file.as_str() {
            INDEX => {
                let html = read_text(&source)?;
                let html = base_href::with_base_href(&html, &deployment.base_path.dir());
                hashes = csp::script_hashes(&html);
                html.into_owned().into_bytes()
            }
            CONFIG => config.as_bytes().to_vec(),
            _ => fs::read(&source).map_err(|e| io_error("read", &source, e))?,
        };
        write(&target, &bytes)?;
        if file != CONFIG && compress::worth_compressing(file) {
            let brotli = compress::brotli(&bytes).map_err(|e| io_error("compress", &source, e))?;
            let gzip = compress::gzip(&bytes).map_err(|e| io_error("compress", &source, e))?;
            write(&sibling(&target, "br"), &brotli)?;
            write(&sibling(&target, "gz"), &gzip)?;
            packaged.raw_bytes += bytes.len() as u64;
            packaged.brotli_bytes += brotli.len() as u64;
            packaged.gzip_bytes += gzip.len() as u64;
        }
    }
    let headers = headers_file::render(&headers_file::Rules {
        base: &deployment.base_path,
        policy: &policy.text(&hashes),
        files: &files,
    });
    write(&dir.join(HEADERS), headers.as_bytes())?;
    packaged.files = files;
    Ok(packaged)
}

/// Every file under `dir`, relative, sorted, with `/` between directories.
/// A name a `_headers` line could not carry as is (spaces, `%`, non-ASCII)
/// is refused: Trunk writes none.
fn files_of(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let here = dir.join(&relative);
        let entries = fs::read_dir(&here).map_err(|e| io_error("list", &here, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error("list", &here, e))?;
            let path = relative.join(entry.file_name());
            let kind = entry
                .file_type()
                .map_err(|e| io_error("inspect", &entry.path(), e))?;
            if kind.is_dir() {
                pending.push(path);
                continue;
            }
            let name = path
                .to_str()
                .filter(|p| {
                    p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
                })
                .ok_or_else(|| format!("{} has a name a URL cannot carry as is", path.display()))?;
            files.push(name.to_owned());
        }
    }
    files.sort();
    Ok(files)
}

/// `out` resolved, once it is known that replacing it loses no work: it
/// is missing, empty or an earlier output, and neither holds nor is inside
/// the build.
fn replaceable(build: &Path, out: &Path) -> Result<PathBuf, String> {
    let build = build
        .canonicalize()
        .map_err(|e| io_error("find", build, e))?;
    let target = resolved(out).map_err(|e| io_error("find", out, e))?;
    if target.starts_with(&build) || build.starts_with(&target) {
        return Err(format!(
            "{} and the build {} overlap; choose another output folder",
            out.display(),
            build.display()
        ));
    }
    if target.exists() {
        let empty = fs::read_dir(&target)
            .map_err(|e| io_error("list", out, e))?
            .next()
            .is_none();
        if !empty && !target.join(HEADERS).is_file() {
            return Err(format!(
                "{} is not empty and has no {HEADERS}: not an earlier output, left alone",
                out.display()
            ));
        }
    }
    Ok(target)
}

/// A fresh, empty `.<name>.partial` beside `target` (what a failed run left
/// there is removed first).
fn staging_for(target: &Path) -> Result<PathBuf, String> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(format!("{} cannot be an output folder", target.display()));
    };
    let mut staging_name = std::ffi::OsString::from(".");
    staging_name.push(name);
    staging_name.push(".partial");
    let staging = parent.join(staging_name);
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| io_error("clear", &staging, e))?;
    }
    fs::create_dir_all(&staging).map_err(|e| io_error("create", &staging, e))?;
    Ok(staging)
}

/// `path` made absolute with symbolic links resolved, like `canonicalize`,
/// also when its last components do not exist yet.
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        let (Some(name), Some(parent)) = (existing.file_name(), existing.parent()) else {
            return Err(std::io::Error::other(
                "a path with `..` in its missing part",
            ));
        };
        missing.push(name);
        existing = parent;
    }
    let mut resolved = existing.canonicalize()?;
    resolved.extend(missing.iter().rev());
    Ok(resolved)
}

/// `path` with `.extension` appended (`a.js` → `a.js.br`).
fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| io_error("read", path, e))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| io_error("write", path, e))
}

fn io_error(what: &str, path: &Path, error: std::io::Error) -> String {
    format!("cannot {what} {}: {error}", path.display())
}

#[cfg(test)]
mod tests;
