//! The virtual table under a live board's churn: rows re-rendered all day
//! must not leave memory behind (neither their owners nor their entries in
//! the app-wide signals they read, the locale and the clock), and the
//! table's periodic rebuild of its list (which bounds that memory) must not
//! take focus from the user.
//! Run by wasm-bindgen-test in headless Chromium (`cargo xtask test`,
//! step "wasm").
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use monitor_core::query::SortDir;
use ops_monitor::components::virtual_table::{Column, VirtualTable};
use ops_monitor::heap::heap_held;
use ops_monitor::i18n::{use_texts, Locale, LocaleSignal};
use ops_monitor::state::clock::{provide_clock, use_clock};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Rows on screen at once: fewer than the table renders by default.
const ROWS: u64 = 20;

fn host() -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.style().set_property("height", "900px").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Lets the reactive system and the browser run what the last change
/// scheduled.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A table of `ROWS` rows keyed by the numbers in `rows`, each with a
/// button named in the app's language and a ticking time, as live rows are.
fn mount_table(rows: RwSignal<Vec<u64>>) -> web_sys::HtmlElement {
    let host = host();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(LocaleSignal(RwSignal::new(Locale::En)));
        provide_clock();
        view! {
            <VirtualTable
                label=Signal::stored("Churn")
                modifier="churn"
                columns=vec![Column::<u8> { label: |t| t.agents_table, sort: None }]
                total=Signal::derive(move || rows.with(Vec::len))
                rows_in=Callback::new(move |range: std::ops::Range<usize>| {
                    rows.with(|r| r[range.start.min(r.len())..range.end.min(r.len())].to_vec())
                })
                sorted_by=Signal::stored((0u8, SortDir::Asc))
                on_sort=Callback::new(|_| {})
                key=|n: &u64| *n
                row=|n: u64, _index| {
                    let t = use_texts();
                    let now = use_clock().now();
                    view! {
                        <div role="row">
                            <button data-key=n title=move || t.get().agents_table>{n}</button>
                            <span>{move || now.get().timestamp()}</span>
                        </div>
                    }
                }
            />
        }
    });
    handle.forget();
    host
}

/// Replaces every row but the first `keep` with new ones (new keys: each is
/// built afresh, as a changed conversation is on the live board).
async fn churn(rows: RwSignal<Vec<u64>>, keep: usize, times: u64) {
    for _ in 0..times {
        rows.update(|r| {
            let next = r.iter().max().copied().unwrap_or(0) + 1;
            for (i, key) in r.iter_mut().enumerate().skip(keep) {
                *key = next + i as u64;
            }
        });
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn rows_rebuilt_all_day_leave_no_memory_behind() {
    let rows = RwSignal::new((0..ROWS).collect::<Vec<_>>());
    let host = mount_table(rows);
    settle().await;
    // Warm up: the arenas and the list's buffers reach their working size.
    churn(rows, 0, 300).await;
    let before = heap_held();
    // 40,000 rows built. Each row left behind would hold about 250 bytes
    // (its owner, and its entries in the locale's and the clock's
    // subscribers): 10 MB in all; the table may keep at most its rebuild
    // period's worth.
    churn(rows, 0, 2_000).await;
    let grown = heap_held() - before;
    assert!(
        grown < 1_500_000.0,
        "the heap grew by {grown} bytes over 40,000 rows built"
    );
    // The rows in view are the latest ones.
    let last = rows.with_untracked(|r| r[0]);
    let shown = host
        .query_selector("[role=row] button")
        .unwrap()
        .and_then(|b| b.text_content());
    assert_eq!(
        shown,
        Some(last.to_string()),
        "{}",
        host.inner_html().chars().take(1500).collect::<String>()
    );
}

#[wasm_bindgen_test]
async fn the_list_rebuild_waits_while_focus_is_in_the_table() {
    let rows = RwSignal::new((0..ROWS).collect::<Vec<_>>());
    let host = mount_table(rows);
    settle().await;
    let first: web_sys::HtmlElement = host
        .query_selector("button[data-key='0']")
        .unwrap()
        .expect("the first row's button")
        .unchecked_into();
    first.focus().unwrap();
    // Enough rows built for several rebuilds; the focused row stays.
    churn(rows, 1, 800).await;
    let focused = document()
        .active_element()
        .and_then(|e| e.get_attribute("data-key"));
    assert_eq!(focused.as_deref(), Some("0"), "focus left the focused row");
}
