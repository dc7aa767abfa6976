//! Saving generated text as a file the browser downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`, through a Blob URL and a
/// temporary link. Returns false if the browser refused any step.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let clicked = (|| {
        let document = web_sys::window()?.document()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.set_hidden(true);
        document.body()?.append_child(&link).ok()?;
        link.click();
        link.remove();
        Some(())
    })()
    .is_some();
    // Revoked later, not at once: some browsers read the URL only after
    // the click returns. Until then it holds the text in memory.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    clicked
}
