//! The browser's `Intl` formatters, made once per locale and kind: building
//! one costs far more than using it, and tables format dozens of values on
//! every render.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsValue;

/// What a formatter formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A count: "50,000", "50.000".
    Count,
    /// A time of today: "14:05".
    Time,
    /// A time of another day: "21/11 14:05".
    DayAndTime,
    /// A time with seconds: "14:05:09".
    TimeWithSeconds,
    /// The full local date and time, for a tooltip: "2 de diciembre de
    /// 2026, 14:05:09".
    Full,
}

impl Kind {
    fn options(self) -> js_sys::Object {
        let options = js_sys::Object::new();
        let set = |key: &str| {
            let _ = js_sys::Reflect::set(&options, &key.into(), &"2-digit".into());
        };
        match self {
            Kind::Count => {}
            Kind::Time => ["hour", "minute"].into_iter().for_each(set),
            Kind::DayAndTime => ["day", "month", "hour", "minute"].into_iter().for_each(set),
            Kind::TimeWithSeconds => ["hour", "minute", "second"].into_iter().for_each(set),
            Kind::Full => {
                let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
                let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"medium".into());
            }
        }
        options
    }
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<(String, Kind), js_sys::Function>> =
        RefCell::new(HashMap::new());
}

/// `value` (a number, or ms since the epoch for times) formatted as `kind`
/// for `locale`; `None` if the browser cannot.
pub fn format(locale: &str, kind: Kind, value: f64) -> Option<String> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let format = cache.entry((locale.to_owned(), kind)).or_insert_with(|| {
            let locales = js_sys::Array::of1(&locale.into());
            match kind {
                Kind::Count => js_sys::Intl::NumberFormat::new(&locales, &kind.options()).format(),
                _ => js_sys::Intl::DateTimeFormat::new(&locales, &kind.options()).format(),
            }
        });
        format
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()
            .and_then(|v| v.as_string())
    })
}
