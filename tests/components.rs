//! Component and browser-API tests, run by wasm-bindgen-test in headless
//! Chromium (`cargo xtask test`, step "wasm").
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use monitor_core::{Channel, ConversationStatus};
use ops_monitor::components::badges::{ChannelBadge, StatusBadge};
use ops_monitor::i18n::{fill, Locale};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_into_fresh_div<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    handle.forget();
    host
}

#[wasm_bindgen_test]
fn unknown_status_renders_its_raw_value_instead_of_breaking_the_row() {
    let host = mount_into_fresh_div(|| {
        view! { <StatusBadge status=ConversationStatus::Other("escalated".into()) /> }
    });
    let badge = host.query_selector(".status-badge").unwrap().unwrap();
    assert_eq!(badge.text_content().unwrap(), "escalated");
    assert!(badge.class_name().contains("status-badge--escalated"));
}

#[wasm_bindgen_test]
fn unknown_channel_with_markup_is_text_and_a_safe_class() {
    let host = mount_into_fresh_div(|| {
        view! { <ChannelBadge channel=Channel::Other("<b>fax</b>".into()) /> }
    });
    let badge = host.query_selector(".channel-badge").unwrap().unwrap();
    assert_eq!(badge.text_content().unwrap(), "<b>fax</b>");
    assert!(
        host.query_selector("b").unwrap().is_none(),
        "markup must not become elements"
    );
    assert!(badge.class_name().contains("channel-badge---b-fax--b-"));
}

#[wasm_bindgen_test]
fn every_locale_fills_the_count_template() {
    for locale in Locale::ALL {
        let text = fill(
            locale.texts().rows_shown,
            &[("shown", "3"), ("total", "10")],
        );
        assert!(
            text.contains('3') && text.contains("10"),
            "{locale:?}: {text}"
        );
        assert!(!text.contains('{'), "{locale:?} left a placeholder: {text}");
    }
}

#[wasm_bindgen_test]
fn language_tags_pick_the_nearest_locale() {
    assert_eq!(Locale::from_tag("pt"), Some(Locale::PtBr));
    assert_eq!(Locale::from_tag("es-AR"), Some(Locale::Es));
    assert_eq!(Locale::from_tag("en_US"), Some(Locale::En));
    assert_eq!(Locale::from_tag("fr"), None);
}
