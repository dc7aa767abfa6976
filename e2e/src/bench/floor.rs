//! The browser's own floor on this machine, measured the same way as the
//! monitor's clock tick: main-thread time per second of an empty page, and of
//! a page whose only work is changing one text node once a second. Whatever
//! the app does per tick, it cannot cost less than the second.

use std::time::Duration;

use super::cdp;
use super::page::{cpu_over, Cpu};
use crate::Browser;

const EMPTY: &str = "<!DOCTYPE html><title>empty</title><p>empty page</p>";
const TICKING: &str = "<!DOCTYPE html><title>tick</title><p id=t>0</p><script>\
    setInterval(() => { document.getElementById('t').textContent = String(Date.now()); }, 1000);\
    </script>";

#[derive(Clone, Copy, Debug, Default)]
pub struct Floor {
    pub empty: Cpu,
    pub ticking: Cpu,
}

/// Measures both pages over `window` each, in one fresh browser.
pub async fn measure(window: Duration) -> Result<Floor, String> {
    // The base URL is never used: both pages are data: URLs.
    let browser = Browser::open("http://127.0.0.1:9").await;
    let client = &browser.client;
    cdp::enable_performance(client).await?;
    let mut cpu = [Cpu::default(); 2];
    for (slot, html) in cpu.iter_mut().zip([EMPTY, TICKING]) {
        client
            .goto(&format!("data:text/html,{}", percent_encode(html)))
            .await
            .map_err(|e| format!("open a calibration page: {e}"))?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        *slot = cpu_over(client, window).await?;
    }
    Ok(Floor {
        empty: cpu[0],
        ticking: cpu[1],
    })
}

/// Every byte but ASCII letters and digits as `%XX` (safe in a data: URL).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn encodes_everything_but_letters_and_digits() {
        assert_eq!(
            percent_encode("<p id=t>0</p>"),
            "%3Cp%20id%3Dt%3E0%3C%2Fp%3E"
        );
    }
}
