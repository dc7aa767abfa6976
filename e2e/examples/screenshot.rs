//! Saves a screenshot of the signed-in monitor, for reviewing how a view
//! looks: `cargo run -p e2e --example screenshot -- <token> <path?query> <out.png> [clicks]`
//! where `clicks` is a comma-separated list of button or menu item names to
//! activate first (e.g. `Options,Transfer conversation`). The SPA must be
//! built into `dist/` first. With `MONITOR_URL` set (e.g.
//! `http://127.0.0.1:8080`) it shoots a backend already running there
//! instead of starting one: an operation that has run for an hour has an
//! hour of trends to show (the README's wallboard).

use e2e::{eventually, start_backend, Browser, Role};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let token = args.next().unwrap_or_else(|| "demo-admin".into());
    let path = args.next().unwrap_or_else(|| "/?lang=en".into());
    let out = args.next().unwrap_or_else(|| "monitor.png".into());
    let clicks = args.next().unwrap_or_default();
    let options = demo_backend::Options {
        rate: 5.0,
        ..e2e::quiet_options()
    };
    // Kept alive until the shot is taken.
    let (_server, base_url) = match std::env::var("MONITOR_URL") {
        Ok(url) => (None, url),
        Err(_) => {
            let server = start_backend(options).await;
            let url = server.base_url();
            (Some(server), url)
        }
    };
    let browser = Browser::open(&base_url).await;
    browser.sign_in(&token).await;
    browser.wait_for(Role::Status, "Live").await;
    browser.goto(&path).await;
    // Rows in a table, or the wallboard's tiles.
    eventually("rows in a table, or tiles", || async {
        let cells: usize = browser
            .eval("return document.querySelectorAll('[role=cell], .tile').length")
            .await;
        (cells > 0).then_some(())
    })
    .await;
    for name in clicks.split(',').filter(|n| !n.is_empty()) {
        let target = eventually(&format!("something named {name:?}"), || async {
            let mut found = browser.find_all(Role::Button, Some(name)).await;
            found.extend(browser.find_all(Role::MenuItem, Some(name)).await);
            found.into_iter().next()
        })
        .await;
        target.click().await.expect("click");
    }
    // The polled figures and trends arrive a moment after the live ones.
    tokio::time::sleep(std::time::Duration::from_millis(2_000)).await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(&out, png).expect("write the screenshot");
    println!("saved {out}");
}
