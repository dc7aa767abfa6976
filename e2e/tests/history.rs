//! Action history in the conversation view: each transfer and the ending,
//! with who did it, when, and the justification, whoever did them.

use e2e::{
    api_get, api_post, eventually, quiet_options, start_backend, with_a_unique_name, Browser, Role,
};
use monitor_core::wire::{ConversationsSnapshot, DepartmentsList, EndRequest, Me, TransferRequest};
use monitor_core::ConversationStatus;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_view_lists_transfers_and_the_ending_with_who_when_and_why() {
    let server = start_backend(quiet_options()).await;
    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let departments: DepartmentsList = api_get(&server, "/departments", "demo-admin").await;
    let operator: Me = api_get(&server, "/me", "demo-operator").await;
    let admin: Me = api_get(&server, "/me", "demo-admin").await;
    let target = &with_a_unique_name(snapshot, |c| c.status == ConversationStatus::Queued)
        .expect("a queued conversation with a name of its own");
    let from = target.department.name.clone();
    let to = departments
        .departments
        .iter()
        .find(|d| d.id != target.department.id)
        .unwrap();

    // The operator transfers it; the admin ends it.
    api_post(
        &server,
        &format!("/conversations/{}/transfer", target.id),
        "demo-operator",
        &TransferRequest {
            department_id: to.id.clone(),
            agent_id: None,
        },
    )
    .await;
    api_post(
        &server,
        &format!("/conversations/{}/end", target.id),
        "demo-admin",
        &EndRequest {
            justification: "Duplicada del ticket anterior".into(),
        },
    )
    .await;

    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.click(Role::Radio, "Finished").await;
    browser
        .click_in_row(
            "Finished conversations",
            &target.customer.name,
            "View conversation",
        )
        .await;
    browser
        .wait_for(
            Role::Dialog,
            &format!("Conversation with {}", target.customer.name),
        )
        .await;
    let items: Vec<(String, String)> = eventually("the history", || async {
        let items: Vec<(String, String)> = browser
            .eval("return Array.from(document.querySelectorAll('.history__item')).map(i => [i.innerText, i.querySelector('time').getAttribute('datetime')])")
            .await;
        (items.len() == 2).then_some(items)
    })
    .await;
    assert!(
        items[0].0.contains(&format!(
            "{} transferred it from {from} to {}",
            operator.name, to.name
        )),
        "{items:?}"
    );
    assert!(
        items[1].0.contains(&format!(
            "{} ended it: “Duplicada del ticket anterior”",
            admin.name
        )),
        "{items:?}"
    );
    // When: each carries its instant, the transfer first.
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    assert!(at(&items[0].1) <= at(&items[1].1));
}
