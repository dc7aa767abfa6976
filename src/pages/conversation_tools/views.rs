//! Saved views of the Conversations tab: save the current search, filters,
//! sort and columns under a name; open, share, delete one; pick the default
//! that opens when the tab is opened without a query of its own.

use leptos::prelude::*;
use monitor_core::query::ConversationQuery;
use monitor_core::saved_views::{SaveError, SavedView, MAX_VIEWS, NAME_MAX_CHARS};

use crate::components::modal::Modal;
use crate::i18n::{fill, tr, use_texts};
use crate::state::saved_views::{SavedViewsStore, StoreProblem};
use crate::state::url_query::{from_query_string, to_query_string, url_has_state, UrlQuery};

/// Opens the default view when the tab was opened without a view in its
/// URL (a bare link or the tab button); a link with a query wins.
pub fn apply_default_view(store: SavedViewsStore, url: UrlQuery<ConversationQuery>) {
    if url_has_state::<ConversationQuery>() {
        return;
    }
    if let Some(view) = store.views.with_untracked(|v| v.default_view().cloned()) {
        url.set(from_query_string(&view.query));
    }
}

/// The absolute link that opens `view` (this page's URL with its query).
fn share_link(view: &SavedView) -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    if view.query.is_empty() {
        format!("{origin}{path}")
    } else {
        format!("{origin}{path}?{}", view.query)
    }
}

#[component]
pub fn ViewsDialog(
    store: SavedViewsStore,
    url: UrlQuery<ConversationQuery>,
    on_close: Callback<()>,
    /// The opener's id, focused again on close.
    return_focus: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);

    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let query = url.query.with_untracked(to_query_string);
        let typed = name.get_untracked();
        let mut result = Ok(());
        store.update(|views| result = views.save(&typed, query));
        let t = t.get_untracked();
        match result {
            Ok(()) => {
                error.set(None);
                saved.set(Some(fill(t.view_saved, &[("name", typed.trim())])));
                name.set(String::new());
            }
            // The typed name stays in the box to be corrected.
            Err(e) => error.set(Some(match e {
                SaveError::BlankName => t.view_name_blank.to_owned(),
                SaveError::NameTooLong(n) => fill(
                    t.view_name_too_long,
                    &[("n", &n.to_string()), ("max", &NAME_MAX_CHARS.to_string())],
                ),
                SaveError::TooMany => fill(t.views_too_many, &[("max", &MAX_VIEWS.to_string())]),
            })),
        }
    };

    let problem = move || {
        store.problem.get().map(|p| {
            let t = t.get();
            let text = match p {
                StoreProblem::Unreadable(e) => fill(t.views_unreadable, &[("error", &e)]),
                StoreProblem::Unavailable => t.views_not_stored.to_owned(),
            };
            view! { <p class="form-error" role="alert">{text}</p> }
        })
    };

    let item = move |view: SavedView| {
        let view_name = StoredValue::new(view.name.clone());
        let is_default = move || store.views.with(|v| v.is_default(&view_name.get_value()));
        let with_name = move |template: &str| fill(template, &[("name", &view_name.get_value())]);
        let link = share_link(&view);
        let query = view.query.clone();
        view! {
            <li class="views__item">
                <div class="views__name">
                    <strong>{view.name.clone()}</strong>
                    <Show when=is_default>
                        <span class="badge">{tr(t, |t| t.view_default)}</span>
                    </Show>
                </div>
                <div class="views__actions">
                    <button
                        class="button button--primary"
                        on:click=move |_| {
                            url.set(from_query_string(&query));
                            on_close.run(());
                        }
                    >
                        {move || with_name(t.get().view_open)}
                    </button>
                    <button
                        class="button"
                        disabled=is_default
                        on:click=move |_| store.update(|v| v.set_default(Some(&view_name.get_value())))
                    >
                        {move || with_name(t.get().view_make_default)}
                    </button>
                    <button
                        class="button button--danger"
                        on:click=move |_| store.update(|v| v.remove(&view_name.get_value()))
                    >
                        {move || with_name(t.get().view_delete)}
                    </button>
                </div>
                <label class="views__link">
                    <span class="muted">{move || with_name(t.get().view_share)}</span>
                    <input
                        type="text"
                        readonly
                        prop:value=link
                        on:focus=move |e| {
                            // Selected on focus, ready to copy.
                            if let Some(input) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                input.select();
                            }
                        }
                    />
                </label>
            </li>
        }
    };

    view! {
        <Modal
            title=Signal::derive(move || t.get().views_title.to_owned())
            on_close
            return_focus=return_focus
        >
            {problem}
            <form class="views__save" on:submit=save>
                <label>
                    <span>{tr(t, |t| t.view_name)}</span>
                    <input
                        type="text"
                        maxlength="200"
                        prop:value=move || name.get()
                        on:input=move |e| name.set(event_target_value(&e))
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby="view-name-error"
                    />
                </label>
                <button type="submit" class="button button--primary">{tr(t, |t| t.view_save)}</button>
                <p id="view-name-error" class="form-error" role="alert">{move || error.get()}</p>
                <p class="muted" role="status">{move || saved.get()}</p>
            </form>
            <Show
                when=move || store.views.with(|v| !v.views.is_empty())
                fallback=move || view! { <p class="muted">{tr(t, |t| t.views_empty)}</p> }
            >
                <ul class="views">
                    <For
                        each=move || store.views.get().views
                        key=|v| (v.name.clone(), v.query.clone())
                        children=item
                    />
                </ul>
                <Show when=move || store.views.with(|v| v.default.is_some())>
                    <button class="button button--link" on:click=move |_| store.update(|v| v.set_default(None))>
                        {tr(t, |t| t.view_unset_default)}
                    </button>
                </Show>
            </Show>
        </Modal>
    }
}
