//! "Done, but the answer was lost": the backend ends the conversation, then
//! answers 503 or cuts the connection. The dialog keeps the text and says
//! why; its retry reuses the Idempotency-Key, so the backend replays the
//! ending instead of refusing a second one (409), and the conversation's
//! history holds exactly one ending.

use demo_backend::{Faults, LostAnswer, Server};
use e2e::{api_get, eventually, quiet_options, start_backend, with_a_unique_name, Browser, Role};
use monitor_core::wire::{ActionKind, ActionsList, Conversation, ConversationsSnapshot};
use monitor_core::ConversationStatus;

const TABLE: &str = "Conversations";
const DIALOG: &str = "End conversation";
const JUSTIFICATION: &str = "Duplicate of another ticket";

/// Signs in as admin and opens the End dialog of a queued conversation.
async fn end_dialog_open() -> (Server, Browser, Conversation) {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let target = with_a_unique_name(snapshot, |c| c.status == ConversationStatus::Queued)
        .expect("a queued conversation with a name of its own");
    let search = browser.wait_for(Role::SearchBox, "Search").await;
    search.send_keys(&target.customer.name).await.unwrap();
    browser
        .click_in_row(TABLE, &target.customer.name, "Options")
        .await;
    browser.click(Role::MenuItem, DIALOG).await;
    browser.wait_for(Role::Dialog, DIALOG).await;
    (server, browser, target)
}

/// Sends the ending while every action's answer is lost `how`; returns the
/// failure the dialog shows, once it shows one saying `why`.
async fn end_while_answers_are_lost(
    server: &Server,
    browser: &Browser,
    how: LostAnswer,
    why: &str,
) -> String {
    browser
        .wait_for(Role::TextBox, "Justification")
        .await
        .send_keys(JUSTIFICATION)
        .await
        .unwrap();
    server.set_faults(Faults {
        lost_answer_share: 1.0,
        lost_answer: how,
        ..Faults::default()
    });
    browser.click(Role::Button, "End").await;
    eventually("the reason is shown in the dialog", || async {
        for alert in browser.find_all(Role::Alert, None).await {
            let text = alert.text().await.unwrap_or_default();
            if text.contains(why) {
                return Some(text);
            }
        }
        None
    })
    .await
}

/// The dialog is still open with what was typed; a retry, with the answers
/// no longer lost, closes it, and the backend recorded one ending.
async fn retry_ends_it_once(server: &Server, browser: &Browser, target: &Conversation) {
    browser.wait_for(Role::Dialog, DIALOG).await;
    let kept = browser
        .wait_for(Role::TextBox, "Justification")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some(JUSTIFICATION));
    server.set_faults(Faults::default());
    browser.click(Role::Button, "Retry").await;
    browser.wait_gone(Role::Dialog, DIALOG).await;
    let history: ActionsList = api_get(
        server,
        &format!("/conversations/{}/actions", target.id),
        "demo-admin",
    )
    .await;
    let endings: Vec<_> = history
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::End)
        .collect();
    assert_eq!(endings.len(), 1, "{:?}", history.actions);
    assert_eq!(endings[0].justification.as_deref(), Some(JUSTIFICATION));
}

/// Issue 14: this test used to inject its 503 before the backend acted, so
/// the retry ran as a first attempt and never depended on the key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_end_keeps_the_dialog_and_the_text_and_a_retry_ends_it_once() {
    let (server, browser, target) = end_dialog_open().await;
    let alert =
        end_while_answers_are_lost(&server, &browser, LostAnswer::Unavailable, "HTTP 503").await;
    assert!(alert.contains("server answered with an error"), "{alert}");
    retry_ends_it_once(&server, &browser, &target).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_end_whose_connection_was_cut_after_it_was_done_is_retried_and_ended_once() {
    let (server, browser, target) = end_dialog_open().await;
    end_while_answers_are_lost(
        &server,
        &browser,
        LostAnswer::Cut,
        "Cannot reach the server",
    )
    .await;
    retry_ends_it_once(&server, &browser, &target).await;
    server.stop().await;
}
