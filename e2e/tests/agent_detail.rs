//! The agent drill-down: open conversations, today's presence timeline as
//! the stream brings it, and setting presence or signing out through
//! `POST /agents/{id}/presence`, with the acting supervisor recorded.

use e2e::{api_get, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot, Me};
use monitor_core::AgentStatus;

async fn dialog_text(browser: &Browser) -> String {
    browser
        .eval("const d = document.querySelector('dialog[open]'); return d ? d.innerText : ''")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_sees_an_agents_work_and_sets_their_presence() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    let agents: AgentsSnapshot = api_get(&server, "/monitor/agents", "demo-admin").await;
    let conversations: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let me: Me = api_get(&server, "/me", "demo-admin").await;
    // An online agent with work.
    let agent = agents
        .agents
        .iter()
        .filter(|a| a.status == AgentStatus::Online)
        .max_by_key(|a| a.active_conversations)
        .unwrap();
    let theirs: Vec<&str> = conversations
        .conversations
        .iter()
        .filter(|c| c.agent.as_ref().is_some_and(|a| a.id == agent.id))
        .map(|c| c.customer.name.as_str())
        .collect();
    assert!(!theirs.is_empty());

    browser
        .goto(&format!(
            "/agents?lang=en&q={}",
            agent.name.replace(' ', "+")
        ))
        .await;
    browser.wait_for_rows("Agents").await;
    browser
        .click(Role::Button, &format!("Details of {}", agent.name))
        .await;
    browser
        .wait_for(Role::Dialog, &format!("Agent {}", agent.name))
        .await;
    let items: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('.agent-conversations__customer')).map(e => e.innerText)")
        .await;
    let mut shown = items.clone();
    shown.sort();
    let mut expected: Vec<String> = theirs.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(shown, expected);

    // Pause them: the backend records who did it, and the timeline shows
    // the change the stream brought.
    browser
        .click(Role::Button, "Set connected (no new conversations)")
        .await;
    eventually(
        "the backend has them connected, set by the admin",
        || async {
            let now = server.agent(&agent.id)?;
            (now.status == AgentStatus::Connected
                && now.status_set_by.as_ref().is_some_and(|by| by.id == me.id))
            .then_some(())
        },
    )
    .await;
    let set_by = format!("set by {}", me.name);
    eventually("the timeline shows the change and who made it", || async {
        let timeline: Vec<String> = browser
            .eval("return Array.from(document.querySelectorAll('.timeline__item')).map(e => e.innerText)")
            .await;
        (timeline.len() >= 2
            && timeline[0].contains("Connected")
            && timeline[0].contains(&set_by))
            .then_some(())
    })
    .await;
    // The button for the presence they are in now is disabled.
    let disabled: bool = browser
        .eval("return Array.from(document.querySelectorAll('dialog button')).find(b => b.innerText.startsWith('Set connected')).disabled")
        .await;
    assert!(disabled);

    // Sign them out.
    browser.click(Role::Button, "Sign the agent out").await;
    eventually("signed out", || async {
        (server.agent(&agent.id)?.status == AgentStatus::Offline).then_some(())
    })
    .await;
    eventually("the row shows them offline", || async {
        dialog_text(&browser)
            .await
            .contains("Offline")
            .then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_without_the_permission_sees_but_cannot_set_presence() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-advanced").await;
    browser.goto("/agents?lang=en").await;
    browser.wait_for_rows("Agents").await;
    let agents: AgentsSnapshot = api_get(&server, "/monitor/agents", "demo-advanced").await;
    let agent = &agents.agents[0];
    browser
        .goto(&format!(
            "/agents?lang=en&q={}",
            agent.name.replace(' ', "+")
        ))
        .await;
    browser.wait_for_rows("Agents").await;
    browser
        .click(Role::Button, &format!("Details of {}", agent.name))
        .await;
    browser
        .wait_for(Role::Dialog, &format!("Agent {}", agent.name))
        .await;
    let text = dialog_text(&browser).await;
    assert!(text.contains("Presence today"), "{text}");
    for action in ["Set online", "Sign the agent out"] {
        assert!(
            browser
                .find_all(Role::Button, Some(action))
                .await
                .is_empty(),
            "{action}"
        );
    }
}
