//! One headless Chromium, driven through its own chromedriver.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use fantoccini::elements::{Element, ElementRef};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

use crate::eventually;
use crate::locate::{Role, FIND_SCRIPT, NAMES_SCRIPT};

/// The W3C WebDriver key of an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session on a page of the monitor.
pub struct Browser {
    pub client: Client,
    base_url: String,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium for the monitor at
    /// `base_url`, in the machine's time zone.
    pub async fn open(base_url: &str) -> Browser {
        Self::open_in(base_url, None).await
    }

    /// Like [`Self::open`], with the browser in `time_zone` (an IANA name
    /// such as `America/Sao_Paulo`): what "today" and local times mean to
    /// the monitor then, whatever the machine's zone.
    pub async fn open_in_time_zone(base_url: &str, time_zone: &str) -> Browser {
        Self::open_in(base_url, Some(time_zone)).await
    }

    async fn open_in(base_url: &str, time_zone: Option<&str>) -> Browser {
        let port = free_port();
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut command = Command::new(&chromedriver);
        command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Chromium, started by chromedriver, inherits it and takes its zone from it.
        if let Some(zone) = time_zone {
            command.env("TZ", zone);
        }
        // Its own process group, so Drop can end chromedriver and its Chromium together.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}"));
        let profile =
            std::env::temp_dir().join(format!("ops-monitor-e2e-{}-{port}", std::process::id()));
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1400,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
                // Downloads land in the profile, without asking.
                "prefs": {
                    "download.default_directory": profile.join("downloads").display().to_string(),
                    "download.prompt_for_download": false,
                }
            }
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("a JSON object literal"),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        let client = eventually("chromedriver accepts a session", || {
            let caps = capabilities.clone();
            let webdriver = webdriver.clone();
            async move {
                ClientBuilder::native()
                    .capabilities(caps)
                    .connect(&webdriver)
                    .await
                    .ok()
            }
        })
        .await;
        Browser {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            driver,
            profile,
        }
    }

    /// Where this browser saves downloads.
    pub fn downloads_dir(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// Waits for a finished download whose name starts with `prefix`, and
    /// returns its content.
    pub async fn downloaded(&self, prefix: &str) -> String {
        let dir = self.downloads_dir();
        eventually(&format!("a download named {prefix}…"), || {
            let dir = dir.clone();
            async move {
                let entries: Vec<_> = std::fs::read_dir(&dir).ok()?.flatten().collect();
                // Chromium writes `.crdownload` until the file is complete,
                // and may create the final name empty before that.
                let busy = entries
                    .iter()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
                if busy {
                    return None;
                }
                entries.iter().find_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    name.starts_with(prefix)
                        .then(|| std::fs::read_to_string(entry.path()).ok())
                        .flatten()
                        .filter(|text| !text.is_empty())
                })
            }
        })
        .await
    }

    /// Opens `path` (e.g. "/?lang=en") on the monitor's origin.
    pub async fn goto(&self, path: &str) {
        let url = format!("{}{}", self.base_url, path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Opens `path` and records the page's console errors from then on in
    /// `window.__errors` (see [`CAPTURE_ERRORS`]).
    pub async fn goto_capturing_errors(&self, path: &str) {
        self.goto(path).await;
        self.client
            .execute(CAPTURE_ERRORS, vec![])
            .await
            .expect("the error recorder installs");
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("current URL")
            .to_string()
    }

    /// Every element with this role (and this accessible name, if given).
    pub async fn find_all(&self, role: Role, name: Option<&str>) -> Vec<Element> {
        let found = self
            .client
            .execute(FIND_SCRIPT, vec![json!(role.selector()), json!(name)])
            .await
            .expect("the find script runs");
        let Value::Array(items) = found else {
            return Vec::new();
        };
        items
            .into_iter()
            .filter_map(|item| item.get(ELEMENT_KEY)?.as_str().map(str::to_owned))
            .map(|id| Element::from_element_id(self.client.clone(), ElementRef::from(id)))
            .collect()
    }

    /// Waits for an element with this role and name, and returns the first.
    pub async fn wait_for(&self, role: Role, name: &str) -> Element {
        eventually(&format!("{role:?} named {name:?}"), || async {
            self.find_all(role, Some(name)).await.into_iter().next()
        })
        .await
    }

    /// Waits until no element with this role and name is present.
    pub async fn wait_gone(&self, role: Role, name: &str) {
        eventually(&format!("{role:?} named {name:?} to disappear"), || async {
            self.find_all(role, Some(name))
                .await
                .is_empty()
                .then_some(())
        })
        .await
    }

    /// Accessible names of every element with this role, in document order.
    pub async fn names(&self, role: Role) -> Vec<String> {
        let names = self
            .client
            .execute(NAMES_SCRIPT, vec![json!(role.selector())])
            .await
            .expect("names");
        serde_json::from_value(names).unwrap_or_default()
    }

    /// Runs `script` at the start of every page this tab loads from now on,
    /// before the page's own scripts, so it sees what happens while the page
    /// boots (and again after a reload).
    pub async fn on_every_page(&self, script: &str) {
        crate::bench::cdp::on_new_document(&self.client, script)
            .await
            .expect("a script for every page");
    }

    /// Runs a script and decodes its result.
    pub async fn eval<T: serde::de::DeserializeOwned>(&self, script: &str) -> T {
        let value = self
            .client
            .execute(script, vec![])
            .await
            .expect("script runs");
        serde_json::from_value(value).expect("script result decodes")
    }

    /// The cell texts of the data rows currently rendered, row by row.
    pub async fn table_rows(&self, table_name: &str) -> Vec<Vec<String>> {
        let script = r#"
            const [name] = arguments;
            const table = Array.from(document.querySelectorAll('[role=table]'))
              .find(t => t.getAttribute('aria-label') === name);
            if (!table) return [];
            return Array.from(table.querySelectorAll('[role=rowgroup] [role=row]'))
              .filter(r => r.querySelector('[role=cell]'))
              .map(r => Array.from(r.querySelectorAll('[role=cell]')).map(c => c.innerText.replace(/\s+/g, ' ').trim()));
        "#;
        let value = self
            .client
            .execute(script, vec![json!(table_name)])
            .await
            .expect("rows");
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Waits until the table named `table` shows rows, and returns them.
    pub async fn wait_for_rows(&self, table: &str) -> Vec<Vec<String>> {
        eventually(&format!("rows in the {table} table"), || async {
            let rows = self.table_rows(table).await;
            (!rows.is_empty()).then_some(rows)
        })
        .await
    }

    /// Clicks the button named `button` in the row of `table` whose text
    /// contains `needle` (the row must be rendered).
    pub async fn click_in_row(&self, table: &str, needle: &str, button: &str) {
        let script = r#"
            const [table, needle, name] = arguments;
            const t = Array.from(document.querySelectorAll('[role=table]')).find(t => t.getAttribute('aria-label') === table);
            if (!t) return null;
            const row = Array.from(t.querySelectorAll('[role=rowgroup] [role=row]')).find(r => r.innerText.includes(needle));
            if (!row) return null;
            return Array.from(row.querySelectorAll('button, input')).find(b =>
              (b.getAttribute('aria-label') || b.innerText || '').trim() === name) || null;
        "#;
        let found = crate::eventually(
            &format!("{button:?} in the {table} row with {needle:?}"),
            || async {
                let value = self
                    .client
                    .execute(script, vec![json!(table), json!(needle), json!(button)])
                    .await
                    .ok()?;
                value.get(ELEMENT_KEY)?.as_str().map(str::to_owned)
            },
        )
        .await;
        Element::from_element_id(self.client.clone(), ElementRef::from(found))
            .click()
            .await
            .expect("click the row's button");
    }

    /// The texts of a `<select>`'s options, found by its label.
    pub async fn option_texts(&self, select_label: &str) -> Vec<String> {
        let select = self.wait_for(Role::ComboBox, select_label).await;
        let value = self
            .client
            .execute(
                "return Array.from(arguments[0].options).map(o => o.text)",
                vec![json!(select)],
            )
            .await
            .expect("options");
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Waits for the element with this role and name, and clicks it. A
    /// live page may re-render the element between finding and clicking
    /// it: the click then goes to the one that replaced it, as a user's
    /// would.
    pub async fn click(&self, role: Role, name: &str) {
        let mut tries = 0;
        loop {
            tries += 1;
            match self.wait_for(role, name).await.click().await {
                Ok(_) => return,
                Err(e) if tries < 3 && e.to_string().contains("stale element") => continue,
                Err(e) => panic!("cannot click {role:?} {name:?}: {e}"),
            }
        }
    }

    /// Types `token` into the sign-in form on the current page and submits it.
    pub async fn submit_token(&self, token: &str) {
        let field = self.wait_for(Role::TextBox, "Access token").await;
        field.send_keys(token).await.expect("type the token");
        self.click(Role::Button, "Sign in").await;
    }

    /// Opens the monitor in English and signs in with `token`.
    pub async fn sign_in(&self, token: &str) {
        self.goto("/?lang=en").await;
        self.submit_token(token).await;
    }
}

/// Ending the browser is killing chromedriver's process group: fantoccini's
/// `Client::close` waits for every clone of the client and can hang a test.
impl Drop for Browser {
    fn drop(&mut self) {
        // A negative pid after `--` is the whole group, so no Chromium outlives its test.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .status();
        // Reap it, but never hang a test on a process that would not die.
        for _ in 0..50 {
            if !matches!(self.driver.try_wait(), Ok(None)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// JS: records console errors, uncaught exceptions and unhandled rejections
/// in `window.__errors`, so a test can assert that none happened (a Rust
/// panic in wasm reaches `console.error` through the panic hook).
pub const CAPTURE_ERRORS: &str = r#"
    window.__errors = window.__errors || [];
    const original = console.error.bind(console);
    console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); original(...args); };
    window.addEventListener('error', e => window.__errors.push('uncaught: ' + e.message));
    window.addEventListener('unhandledrejection', e => window.__errors.push('unhandled rejection: ' + e.reason));
"#;

/// JS for [`Browser::on_every_page`]: records every Content-Security-Policy
/// violation of the page in `window.__csp_violations` (directive and what was
/// blocked), from before the page's first script runs.
pub const CAPTURE_CSP_VIOLATIONS: &str = r#"
    window.__csp_violations = [];
    document.addEventListener('securitypolicyviolation', e => {
        window.__csp_violations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline'));
    });
"#;
