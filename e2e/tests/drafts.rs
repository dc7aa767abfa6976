//! Work survives what tears the monitor down: an action cut short by a 401
//! is sent once after signing in again, and what was typed or chosen in a
//! dialog survives a reload. Dropped when the dialog is cancelled.

use e2e::{api_get, eventually, quiet_options, start_backend, with_a_unique_name, Browser, Role};
use monitor_core::wire::{ActionKind, ActionsList, Conversation, ConversationsSnapshot};
use monitor_core::ConversationStatus;

async fn first_with(server: &demo_backend::Server, status: ConversationStatus) -> Conversation {
    let snapshot: ConversationsSnapshot =
        api_get(server, "/monitor/conversations", "demo-admin").await;
    with_a_unique_name(snapshot, |c| c.status == status)
        .expect("a conversation with that status and a name of its own")
}

/// Searches for `target` in `table` and opens `action` from its row menu.
async fn open_action(
    browser: &Browser,
    table: &str,
    target: &Conversation,
    options: &str,
    action: &str,
) {
    let field = browser
        .wait_for(Role::SearchBox, search_label(options))
        .await;
    field.clear().await.unwrap();
    field.send_keys(&target.customer.name).await.unwrap();
    browser
        .click_in_row(table, &target.customer.name, options)
        .await;
    browser.click(Role::MenuItem, action).await;
}

fn search_label(options: &str) -> &'static str {
    if options == "Opciones" {
        "Buscar"
    } else {
        "Search"
    }
}

/// The value of the form control with this label.
async fn value_of(browser: &Browser, role: Role, label: &str) -> String {
    browser
        .wait_for(role, label)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_end_cut_short_by_a_401_is_sent_once_after_signing_in_again() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    let target = first_with(&server, ConversationStatus::Pending).await;
    open_action(
        &browser,
        "Conversations",
        &target,
        "Options",
        "End conversation",
    )
    .await;
    browser
        .wait_for(Role::TextBox, "Justification")
        .await
        .send_keys("Customer solved it by phone")
        .await
        .unwrap();

    // The token stops being accepted just as the user presses End.
    server.revoke_token("demo-admin");
    browser.click(Role::Button, "End").await;
    browser
        .wait_for(Role::Status, "Your session has ended. Sign in again.")
        .await;
    let history = |server: &demo_backend::Server| {
        let path = format!("/conversations/{}/actions", target.id);
        let server_url = server.base_url();
        async move {
            let response = reqwest::Client::new()
                .get(format!("{server_url}/api/v1{path}"))
                .bearer_auth("demo-operator")
                .send()
                .await
                .unwrap();
            response.json::<ActionsList>().await.unwrap()
        }
    };
    assert!(
        history(&server)
            .await
            .actions
            .iter()
            .all(|a| a.kind != ActionKind::End),
        "refused with 401, not ended"
    );

    // Signed in again: the dialog comes back and its end goes out, once.
    server.reinstate_token("demo-admin");
    browser.submit_token("demo-admin").await;
    eventually("the conversation ended after signing in again", || async {
        history(&server)
            .await
            .actions
            .iter()
            .any(|a| a.kind == ActionKind::End)
            .then_some(())
    })
    .await;
    browser.wait_gone(Role::Dialog, "End conversation").await;
    let ends: Vec<_> = history(&server)
        .await
        .actions
        .into_iter()
        .filter(|a| a.kind == ActionKind::End)
        .collect();
    assert_eq!(ends.len(), 1, "{ends:?}");
    assert_eq!(
        ends[0].justification.as_deref(),
        Some("Customer solved it by phone")
    );
    // Done is done: opening the monitor again does not bring the dialog back.
    browser.goto("/?lang=en").await;
    browser.wait_for_rows("Conversations").await;
    assert!(browser.find_all(Role::Dialog, None).await.is_empty());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_justification_survives_a_reload_in_spanish_and_cancel_drops_it() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=es").await;
    browser
        .wait_for(Role::TextBox, "Token de acceso")
        .await
        .send_keys("demo-admin")
        .await
        .unwrap();
    browser.click(Role::Button, "Ingresar").await;
    browser.wait_for_rows("Atenciones").await;
    let target = first_with(&server, ConversationStatus::Queued).await;
    open_action(
        &browser,
        "Atenciones",
        &target,
        "Opciones",
        "Finalizar conversación",
    )
    .await;
    browser
        .wait_for(Role::TextBox, "Justificación")
        .await
        .send_keys("Cliente resolvió por teléfono")
        .await
        .unwrap();

    browser.reload().await;
    browser
        .wait_for(Role::Dialog, "Finalizar conversación")
        .await;
    assert_eq!(
        value_of(&browser, Role::TextBox, "Justificación").await,
        "Cliente resolvió por teléfono"
    );
    // Not pressed, so not sent.
    let still: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    assert!(still.conversations.iter().any(|c| c.id == target.id));

    browser.click(Role::Button, "Cancelar").await;
    browser
        .wait_gone(Role::Dialog, "Finalizar conversación")
        .await;
    browser.reload().await;
    browser.wait_for_rows("Atenciones").await;
    assert!(browser.find_all(Role::Dialog, None).await.is_empty());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_choice_survives_a_reload() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    let target = first_with(&server, ConversationStatus::Queued).await;
    open_action(
        &browser,
        "Conversations",
        &target,
        "Options",
        "Transfer conversation",
    )
    .await;
    // Another department than the conversation's own.
    let chosen: String = eventually("the departments to load", || async {
        browser
            .eval::<Option<String>>(&format!(
                "const s = document.getElementById('transfer-department'); \
                 const o = Array.from(s.options).find(o => o.value && o.value !== '{}'); \
                 if (!o) return null; s.value = o.value; \
                 s.dispatchEvent(new Event('change', {{bubbles: true}})); return o.value;",
                target.department.id
            ))
            .await
    })
    .await;

    browser.reload().await;
    browser
        .wait_for(Role::Dialog, "Transfer conversation")
        .await;
    eventually("the department chosen before the reload", || async {
        (value_of(&browser, Role::ComboBox, "Group").await == chosen).then_some(())
    })
    .await;
    server.stop().await;
}
