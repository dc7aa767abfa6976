//! Finished conversations live inside Atenciones, a scope switch away
//! ("En curso" / "Finalizadas"), with the same search, filters and
//! sortable columns as the ongoing ones, plus when each ended and why.

use e2e::{api_get, api_post, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::wire::{Conversation, ConversationsSnapshot, EndRequest};
use monitor_core::ConversationStatus;

const FINISHED: &str = "Atenciones finalizadas";
const CHANNEL: usize = 1;
const CUSTOMER: usize = 2;
const JUSTIFICATION: usize = 9;

/// A name as the list orders it: letters without case or accents.
fn folded(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// Ends `conversation` as the admin, saying `why`.
async fn end(server: &demo_backend::Server, conversation: &Conversation, why: &str) {
    api_post(
        server,
        &format!("/conversations/{}/end", conversation.id),
        "demo-admin",
        &EndRequest {
            justification: why.into(),
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_conversations_are_searched_filtered_and_sorted_inside_atenciones() {
    let server = start_backend(quiet_options()).await;
    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    // Two ended conversations of different customers and channels.
    let pending: Vec<&Conversation> = snapshot
        .conversations
        .iter()
        .filter(|c| c.status != ConversationStatus::InProgress)
        .collect();
    let first = pending[0];
    let second = pending
        .iter()
        .find(|c| c.channel != first.channel && c.customer.name != first.customer.name)
        .expect("conversations on two channels");
    end(&server, first, "Resuelta por teléfono").await;
    end(&server, second, "Duplicada").await;

    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=es").await;
    let field = browser.wait_for(Role::TextBox, "Token de acceso").await;
    field.send_keys("demo-admin").await.expect("type the token");
    browser.click(Role::Button, "Ingresar").await;
    browser.wait_for_rows("Atenciones").await;
    browser.click(Role::Radio, "Finalizadas").await;
    let rows = eventually("both ended conversations, with why", || async {
        let rows = browser.table_rows(FINISHED).await;
        let has = |c: &Conversation, why: &str| {
            rows.iter()
                .any(|r| r[CUSTOMER].contains(&c.customer.name) && r[JUSTIFICATION] == why)
        };
        (has(first, "Resuelta por teléfono") && has(second, "Duplicada")).then_some(rows)
    })
    .await;
    // The address holds the scope (written after a short debounce).
    eventually("the scope in the address", || async {
        browser
            .current_url()
            .await
            .contains("scope=finished")
            .then_some(())
    })
    .await;
    assert!(
        browser
            .names(Role::ColumnHeader)
            .await
            .iter()
            .any(|h| h == "Justificación"),
        "the justification column"
    );

    // The search finds one customer among the finished.
    let search = browser.wait_for(Role::SearchBox, "Buscar").await;
    search
        .send_keys(&first.customer.name)
        .await
        .expect("type the name");
    eventually("only that customer's finished rows", || async {
        let rows = browser.table_rows(FINISHED).await;
        (!rows.is_empty()
            && rows
                .iter()
                .all(|r| r[CUSTOMER].contains(&first.customer.name)))
        .then_some(())
    })
    .await;
    // Erased as a user would (WebDriver's clear fires no input event).
    let erase = fantoccini::key::Key::Backspace
        .to_string()
        .repeat(first.customer.name.chars().count());
    search.send_keys(&erase).await.expect("erase the search");

    // The channel filter keeps the second one's channel only.
    let choice = rows
        .iter()
        .find(|r| r[CUSTOMER].contains(&second.customer.name))
        .map(|r| r[CHANNEL].clone())
        .expect("the second row");
    browser.click(Role::Button, "Canal").await;
    browser.click(Role::Checkbox, &choice).await;
    eventually("only the chosen channel", || async {
        let rows = browser.table_rows(FINISHED).await;
        (rows
            .iter()
            .any(|r| r[CUSTOMER].contains(&second.customer.name))
            && rows.iter().all(|r| r[CHANNEL] == choice))
        .then_some(())
    })
    .await;
    browser.click(Role::Checkbox, &choice).await;
    browser.click(Role::Button, "Canal").await;

    // Sorting by customer orders the rows; a second click reverses them.
    let customers = || async {
        browser
            .table_rows(FINISHED)
            .await
            .into_iter()
            .map(|r| folded(&r[CUSTOMER]))
            .collect::<Vec<_>>()
    };
    let ordered = |names: &[String]| {
        names.len() > 1
            && names.first() != names.last()
            && (names.windows(2).all(|w| w[0] <= w[1]) || names.windows(2).all(|w| w[0] >= w[1]))
    };
    browser.click(Role::Button, "Cliente").await;
    let sorted = eventually("customers in order", || async {
        let names = customers().await;
        (ordered(&names) && browser.current_url().await.contains("sort=customer")).then_some(names)
    })
    .await;
    browser.click(Role::Button, "Cliente").await;
    let ascending = sorted.first() < sorted.last();
    eventually("customers in the other order", || async {
        let names = customers().await;
        (ordered(&names) && (names.first() < names.last()) != ascending).then_some(())
    })
    .await;

    // A reload keeps the scope.
    browser.reload().await;
    browser.wait_for(Role::Table, FINISHED).await;
    server.stop().await;
}
