//! `demo-backend`: runs the demo backend until Ctrl-C.

use clap::Parser;
use demo_backend::auth::DEMO_TOKENS;
use demo_backend::Options;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let options = Options::parse();
    let server = demo_backend::spawn(options).await?;
    println!("Operations Monitor demo backend on {}", server.base_url());
    if let Some(portal) = server.portal_url() {
        println!("Demo portal (embeds the monitor, signs in for you) on {portal}/");
    }
    if let Some(hostile) = server.hostile_url() {
        println!("Hostile test page (not an allowed parent) on {hostile}/");
    }
    println!("Sign in with one of these bearer tokens:");
    for (token, profile) in DEMO_TOKENS {
        println!("  {token:<14} {profile}");
    }
    tokio::signal::ctrl_c().await?;
    println!("Stopping…");
    server.stop().await;
    Ok(())
}
