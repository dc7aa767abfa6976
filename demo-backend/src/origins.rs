//! The origins involved in embedding the monitor: its own, the demo portal's
//! (may frame it and hand it a token) and the test-only hostile page's (may
//! frame it, so that a test can watch the monitor refuse its token, but is
//! never an allowed parent). `config.json`, the Content-Security-Policy and
//! the portal page are all built from these, so they cannot disagree.

use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origins {
    /// `http://127.0.0.1:8080`: where the monitor is served.
    pub monitor: String,
    /// The portal's origin as the demo prints it (`http://127.0.0.1:8081`).
    pub portal: Option<String>,
    /// The hostile page's origin, when that listener runs.
    pub hostile: Option<String>,
    /// Parent origins allowed to hand over a token: the portal under every
    /// name a browser on this machine may reach it by.
    pub allowed_parents: Vec<String>,
}

impl Origins {
    /// For listeners bound to `bind` on these (actual, never 0) ports.
    pub fn new(bind: IpAddr, monitor: u16, portal: Option<u16>, hostile: Option<u16>) -> Self {
        let host = host(bind);
        let portal_origin = portal.map(|port| origin(&host, port));
        let mut allowed_parents: Vec<String> = portal_origin.iter().cloned().collect();
        // `localhost` and `127.0.0.1` are different origins to a browser;
        // whoever types either should get a working portal.
        if let Some(port) = portal.filter(|_| bind.is_loopback() || bind.is_unspecified()) {
            let alias = origin("localhost", port);
            if !allowed_parents.contains(&alias) {
                allowed_parents.push(alias);
            }
        }
        Self {
            monitor: origin(&host, monitor),
            portal: portal_origin,
            hostile: hostile.map(|port| origin(&host, port)),
            allowed_parents,
        }
    }

    /// Who may frame the monitor (CSP `frame-ancestors`, besides `'self'`):
    /// the allowed parents, plus the hostile page so that its token reaches
    /// the monitor's own origin check instead of a blank frame.
    pub fn framers(&self) -> Vec<String> {
        let mut framers = self.allowed_parents.clone();
        framers.extend(self.hostile.iter().cloned());
        framers
    }
}

/// The host part of a URL to these listeners. An unspecified bind address
/// (`0.0.0.0`, `::`) is not something a browser can open; loopback is.
fn host(bind: IpAddr) -> String {
    match bind {
        IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".to_owned(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

fn origin(host: &str, port: u16) -> String {
    format!("http://{host}:{port}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn loopback_portal_is_allowed_under_both_of_its_names() {
        let o = Origins::new(Ipv4Addr::LOCALHOST.into(), 8080, Some(8081), None);
        assert_eq!(o.monitor, "http://127.0.0.1:8080");
        assert_eq!(o.portal.as_deref(), Some("http://127.0.0.1:8081"));
        assert_eq!(
            o.allowed_parents,
            ["http://127.0.0.1:8081", "http://localhost:8081"]
        );
        assert_eq!(o.framers(), o.allowed_parents);
    }

    #[test]
    fn the_hostile_page_may_frame_the_monitor_but_is_never_an_allowed_parent() {
        let o = Origins::new(Ipv4Addr::LOCALHOST.into(), 8080, Some(8081), Some(9999));
        let hostile = "http://127.0.0.1:9999".to_owned();
        assert_eq!(o.hostile.as_ref(), Some(&hostile));
        assert!(!o.allowed_parents.contains(&hostile));
        assert!(o.framers().contains(&hostile));
    }

    #[test]
    fn without_a_portal_no_parent_is_allowed() {
        let o = Origins::new(Ipv4Addr::LOCALHOST.into(), 8080, None, None);
        assert!(o.allowed_parents.is_empty() && o.framers().is_empty());
    }

    #[test]
    fn addresses_a_browser_cannot_open_become_loopback_and_v6_is_bracketed() {
        let any = Origins::new(Ipv4Addr::UNSPECIFIED.into(), 1, Some(2), None);
        assert_eq!(any.monitor, "http://127.0.0.1:1");
        assert!(any
            .allowed_parents
            .contains(&"http://localhost:2".to_owned()));
        let v6 = Origins::new(Ipv6Addr::LOCALHOST.into(), 1, None, None);
        assert_eq!(v6.monitor, "http://[::1]:1");
        let lan = Origins::new(Ipv4Addr::new(10, 0, 0, 5).into(), 1, Some(2), None);
        assert_eq!(lan.allowed_parents, ["http://10.0.0.5:2"]);
    }
}
