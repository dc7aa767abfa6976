//! Packages a Trunk build of the monitor into a folder to publish on a CDN
//! (see [`static_site::dist`]); `cargo xtask dist` builds and runs it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use static_site::dist::{self, Deployment};
use static_site::BasePath;

/// Package the monitor's release build for a CDN.
#[derive(Parser, Debug)]
#[command(name = "static-site")]
struct Args {
    /// Trunk's release build of the monitor (its `dist/`).
    #[arg(long)]
    build: PathBuf,
    /// The folder to write; replaced if it is an earlier output.
    #[arg(long)]
    out: PathBuf,
    /// The API root the monitor calls: a path on the CDN's own origin
    /// (`/api/v1`) or a URL on another one (`https://api.example.com/api/v1`,
    /// which must then allow the CDN's origin by CORS).
    #[arg(long, default_value = "/api/v1")]
    api_base_url: String,
    /// An origin whose pages may embed the monitor and hand it a token (the
    /// portal); repeatable. None: the monitor runs top-level only.
    #[arg(long = "parent-origin")]
    parent_origins: Vec<String>,
    /// The URL path the folder is published under (`/ops/monitor/`).
    #[arg(long, default_value = "/", value_parser = BasePath::parse)]
    base_path: BasePath,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let deployment = Deployment {
        api_base_url: args.api_base_url,
        parent_origins: args.parent_origins,
        base_path: args.base_path,
    };
    match dist::package(&args.build, &args.out, &deployment) {
        Ok(packaged) => {
            println!(
                "static-site: {} files in {} for {} (assets {} KB, brotli {} KB, gzip {} KB)",
                packaged.files.len(),
                args.out.display(),
                deployment.base_path,
                packaged.raw_bytes / 1024,
                packaged.brotli_bytes / 1024,
                packaged.gzip_bytes / 1024,
            );
            println!(
                "static-site: publish the folder's content at {}; {} holds the response headers",
                deployment.base_path,
                dist::HEADERS
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("static-site: error: {e}");
            ExitCode::FAILURE
        }
    }
}
