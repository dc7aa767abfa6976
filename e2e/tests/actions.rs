//! Supervisor actions end to end: transfer, end (with the justification
//! rule), the Finished view and its transcript, and bulk end that never ends
//! conversations in progress.

use e2e::{api_get, eventually, quiet_options, start_backend, with_a_unique_name, Browser, Role};
use monitor_core::wire::{Conversation, ConversationsSnapshot};
use monitor_core::{
    select_conversations, ConversationQuery, ConversationSort, ConversationStatus, SortDir,
};

const TABLE: &str = "Conversations";
// Cell positions, with the selection column first.
const CUSTOMER: usize = 4;
const GROUP: usize = 6;
const TRANSFERS: usize = 11;

async fn signed_in(token: &str) -> (demo_backend::Server, Browser) {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in(token).await;
    browser.wait_for_rows(TABLE).await;
    (server, browser)
}

async fn search(browser: &Browser, text: &str) {
    let field = browser.wait_for(Role::SearchBox, "Search").await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn active(server: &demo_backend::Server) -> ConversationsSnapshot {
    api_get(server, "/monitor/conversations", "demo-admin").await
}

/// The first conversation with `status`, found by search and its row menu
/// opened on `action`.
async fn open_action(
    server: &demo_backend::Server,
    browser: &Browser,
    status: ConversationStatus,
    action: &str,
) -> Conversation {
    let target = with_a_unique_name(active(server).await, |c| c.status == status)
        .expect("a conversation with that status and a name of its own");
    search(browser, &target.customer.name).await;
    browser
        .click_in_row(TABLE, &target.customer.name, "Options")
        .await;
    browser.click(Role::MenuItem, action).await;
    target
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_transfers_a_queued_conversation_to_another_department() {
    let (server, browser) = signed_in("demo-admin").await;
    let target = open_action(
        &server,
        &browser,
        ConversationStatus::Queued,
        "Transfer conversation",
    )
    .await;
    browser
        .wait_for(Role::Dialog, "Transfer conversation")
        .await;
    let other = browser
        .option_texts("Group")
        .await
        .into_iter()
        .skip(1) // "Choose a department"
        .find(|name| !name.ends_with('✓'))
        .expect("another department");
    browser
        .wait_for(Role::ComboBox, "Group")
        .await
        .select_by_label(&other)
        .await
        .unwrap();
    browser.click(Role::Button, "Transfer").await;
    browser
        .wait_gone(Role::Dialog, "Transfer conversation")
        .await;

    let row = eventually("the row shows the new department", || async {
        browser
            .table_rows(TABLE)
            .await
            .into_iter()
            .find(|r| r[CUSTOMER].contains(&target.customer.name) && r[GROUP] == other)
    })
    .await;
    assert_eq!(row[TRANSFERS], (target.transfers + 1).to_string());
    let after = active(&server).await;
    let moved = after
        .conversations
        .iter()
        .find(|c| c.id == target.id)
        .unwrap();
    assert_eq!(moved.department.name, other);
    assert_eq!(moved.transfers, target.transfers + 1);
    assert_eq!(moved.status, ConversationStatus::Queued);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ending_needs_a_justification_then_the_conversation_moves_to_finished() {
    let (server, browser) = signed_in("demo-admin").await;
    let target = open_action(
        &server,
        &browser,
        ConversationStatus::Pending,
        "End conversation",
    )
    .await;
    browser.wait_for(Role::Dialog, "End conversation").await;
    let end = browser.wait_for(Role::Button, "End").await;
    assert!(
        !end.is_enabled().await.unwrap(),
        "empty justification cannot be sent"
    );
    let field = browser.wait_for(Role::TextBox, "Justification").await;
    field.send_keys("   ").await.unwrap();
    assert!(
        !end.is_enabled().await.unwrap(),
        "blank justification cannot be sent"
    );
    field
        .send_keys("Customer solved it by phone")
        .await
        .unwrap();
    assert!(end.is_enabled().await.unwrap());
    end.click().await.unwrap();
    browser.wait_gone(Role::Dialog, "End conversation").await;
    eventually("the row is gone", || async {
        (!browser
            .table_rows(TABLE)
            .await
            .iter()
            .any(|r| r[CUSTOMER].contains(&target.customer.name)))
        .then_some(())
    })
    .await;
    assert!(!active(&server)
        .await
        .conversations
        .iter()
        .any(|c| c.id == target.id));

    browser.click(Role::Radio, "Finished").await;
    eventually("the finished row with its justification", || async {
        browser
            .table_rows("Finished conversations")
            .await
            .iter()
            .any(|r| {
                r.iter().any(|c| c.contains(&target.customer.name))
                    && r.iter().any(|c| c == "Customer solved it by phone")
            })
            .then_some(())
    })
    .await;
    browser
        .click_in_row(
            "Finished conversations",
            &target.customer.name,
            "View conversation",
        )
        .await;
    let title = format!("Conversation with {}", target.customer.name);
    let dialog = browser.wait_for(Role::Dialog, &title).await;
    eventually("the transcript and the ending are shown", || async {
        let text = dialog.text().await.ok()?;
        text.contains("Customer solved it by phone").then_some(())
    })
    .await;
    server.stop().await;
}

/// Ticks the selection box of conversation `id`'s row (it must be rendered).
async fn tick(browser: &Browser, id: &str) {
    let found: bool = browser
        .client
        .execute(
            "const b = document.getElementById('options-' + arguments[0]);
             const box = b && b.closest('[role=row]').querySelector('input[type=checkbox]');
             if (box) { box.click(); }
             return !!box;",
            vec![serde_json::json!(id)],
        )
        .await
        .map(|v| v == serde_json::json!(true))
        .unwrap_or(false);
    assert!(found, "the row of {id} is rendered");
}

/// The conversations the table shows first, sorted by customer.
fn first_rows(snapshot: &ConversationsSnapshot, n: usize) -> Vec<&Conversation> {
    let query = ConversationQuery {
        sort: ConversationSort::Customer,
        dir: SortDir::Asc,
        ..ConversationQuery::default()
    };
    select_conversations(&snapshot.conversations, &query)
        .into_iter()
        .take(n)
        .map(|i| &snapshot.conversations[i])
        .collect()
}

/// Ids of the conversations the search box shows for `text`.
fn searched(snapshot: &ConversationsSnapshot, text: &str) -> Vec<String> {
    let query = ConversationQuery {
        search: text.to_owned(),
        ..ConversationQuery::default()
    };
    select_conversations(&snapshot.conversations, &query)
        .into_iter()
        .map(|i| snapshot.conversations[i].id.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_end_leaves_conversations_in_progress_untouched() {
    let (server, browser) = signed_in("demo-admin").await;
    browser.goto("/?lang=en&sort=customer&dir=asc").await;
    browser.wait_for_rows(TABLE).await;
    let snapshot = active(&server).await;
    // Rows on screen (the first ones, all rendered).
    let shown = first_rows(&snapshot, 16);
    let in_progress: Vec<_> = shown
        .iter()
        .filter(|c| c.status == ConversationStatus::InProgress)
        .take(2)
        .collect();
    let others: Vec<_> = shown
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                ConversationStatus::Queued
                    | ConversationStatus::Pending
                    | ConversationStatus::Inactive
            )
        })
        .take(3)
        .collect();
    assert_eq!(
        (in_progress.len(), others.len()),
        (2, 3),
        "the first rows have a mix"
    );
    for c in in_progress.iter().chain(&others) {
        tick(&browser, &c.id).await;
    }
    browser.wait_for(Role::Button, "End selected").await;
    eventually("5 selected", || async {
        let text: String = browser.eval("return document.body.innerText").await;
        text.contains("5 selected").then_some(())
    })
    .await;
    browser.click(Role::Button, "End selected").await;
    let dialog = browser
        .wait_for(Role::Dialog, "End selected conversations")
        .await;
    let text = dialog.text().await.unwrap();
    assert!(text.contains("3 conversations will be ended."), "{text}");
    assert!(text.contains("2 in progress will be left out"), "{text}");
    browser
        .wait_for(Role::TextBox, "Justification")
        .await
        .send_keys("Closing stale chats")
        .await
        .unwrap();
    browser.click(Role::Button, "End").await;
    browser
        .wait_for(Role::Status, "3 ended, 0 not ended.")
        .await;

    let after = active(&server).await;
    for c in &in_progress {
        let still = after
            .conversations
            .iter()
            .find(|a| a.id == c.id)
            .expect("in progress stays active");
        assert_eq!(still.status, ConversationStatus::InProgress);
    }
    for c in &others {
        assert!(
            !after.conversations.iter().any(|a| a.id == c.id),
            "{} was ended",
            c.id
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_selection_never_holds_rows_the_search_hides() {
    let (server, browser) = signed_in("demo-admin").await;
    browser.goto("/?lang=en&sort=customer&dir=asc").await;
    browser.wait_for_rows(TABLE).await;
    let snapshot = active(&server).await;
    let shown = first_rows(&snapshot, 8);
    // Two rows on screen such that searching the first one's name hides
    // the second (the search matches words in any column, and neighbours
    // in name order often share one).
    let (kept, hidden) = shown
        .iter()
        .flat_map(|kept| shown.iter().map(move |hidden| (*kept, *hidden)))
        .find(|(kept, hidden)| {
            let found = searched(&snapshot, &kept.customer.name);
            kept.id != hidden.id && found.contains(&kept.id) && !found.contains(&hidden.id)
        })
        .expect("two rows that one search tells apart");
    tick(&browser, &kept.id).await;
    tick(&browser, &hidden.id).await;
    eventually("2 selected", || async {
        let text: String = browser.eval("return document.body.innerText").await;
        text.contains("2 selected").then_some(())
    })
    .await;
    // A search that shows only one of them: the other leaves the selection.
    search(&browser, &kept.customer.name).await;
    eventually("1 selected", || async {
        let text: String = browser.eval("return document.body.innerText").await;
        text.contains("1 selected").then_some(())
    })
    .await;
    let shown_ids: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('[role=table] button[id^=options-]')).map(b => b.id.slice(8))")
        .await;
    assert!(!shown_ids.contains(&hidden.id), "the search hides it");
    browser.click(Role::Button, "End selected").await;
    let dialog = browser
        .wait_for(Role::Dialog, "End selected conversations")
        .await;
    let text = dialog.text().await.unwrap();
    let expected = if kept.status == ConversationStatus::InProgress {
        "None of the selected conversations can be ended"
    } else {
        "1 conversations will be ended."
    };
    assert!(text.contains(expected), "{text}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_profile_can_only_view_a_conversation() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-agent").await;
    browser.wait_for_rows(TABLE).await;
    let scope: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-agent").await;
    let name = scope.conversations[0].customer.name.clone();
    search(&browser, &name).await;
    browser.click_in_row(TABLE, &name, "Options").await;
    browser.wait_for(Role::MenuItem, "View conversation").await;
    let entries = browser.names(Role::MenuItem).await;
    assert_eq!(entries, ["View conversation"]);
    assert!(browser
        .find_all(Role::Button, Some("End selected"))
        .await
        .is_empty());
    server.stop().await;
}
