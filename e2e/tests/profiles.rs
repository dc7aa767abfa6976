//! What each profile sees: the layout comes from the permissions in `/me`,
//! and the data from the backend's scope for that user.

use e2e::{api_get, quiet_options, start_backend, Browser, Role};
use monitor_core::wire::{ConversationsSnapshot, DepartmentsList, Me};

const ADMINISTRATIVE: [&str; 3] = ["demo-admin", "demo-operator", "demo-advanced"];

async fn indicator_names(browser: &Browser) -> Vec<String> {
    browser
        .eval("return Array.from(document.querySelectorAll('[aria-label=\"Conversation indicators\"] [role=group]')).map(g => g.getAttribute('aria-label'))")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrative_profiles_see_both_tabs_and_every_indicator() {
    let server = start_backend(quiet_options()).await;
    for token in ADMINISTRATIVE {
        let browser = Browser::open(&server.base_url()).await;
        browser.sign_in(token).await;
        browser.wait_for_rows("Conversations").await;
        assert_eq!(
            browser.names(Role::Tab).await,
            ["Conversations", "Agents"],
            "{token}"
        );
        browser.find_all(Role::Button, Some("Options")).await[0]
            .click()
            .await
            .unwrap();
        browser.wait_for(Role::MenuItem, "View conversation").await;
        assert_eq!(
            browser.names(Role::MenuItem).await,
            [
                "View conversation",
                "Transfer conversation",
                "End conversation"
            ],
            "{token}"
        );
        browser
            .client
            .execute("document.querySelector('.menu-overlay').click()", vec![])
            .await
            .unwrap();
        let cards = indicator_names(&browser).await;
        for card in [
            "Queued",
            "In progress",
            "Pending",
            "Inactive",
            "Online",
            "Connected",
            "Offline",
            "Average wait",
            "Longest wait",
            "Average duration",
            "Agent occupancy",
            "Transfers per conversation",
        ] {
            assert!(
                cards.iter().any(|c| c == card),
                "{token} misses the {card} indicator: {cards:?}"
            );
        }
        browser.click(Role::Tab, "Agents").await;
        let agents = browser.wait_for_rows("Agents").await;
        assert_eq!(
            browser.names(Role::ColumnHeader).await,
            [
                "Agent",
                "Status",
                "Time in current status",
                "Active conversations",
                "Transfers",
                "Groups"
            ]
        );
        assert!(
            agents[0][3].contains(" / "),
            "load reads active / capacity: {:?}",
            agents[0]
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_profile_sees_only_its_work_with_main_indicators() {
    let server = start_backend(quiet_options()).await;
    let me: Me = api_get(&server, "/me", "demo-agent").await;
    let departments: DepartmentsList = api_get(&server, "/departments", "demo-agent").await;
    let own_departments: Vec<String> = departments
        .departments
        .iter()
        .filter(|d| d.agent_ids.contains(&me.id))
        .map(|d| d.name.clone())
        .collect();
    let scope: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-agent").await;

    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-agent").await;
    browser.wait_for_rows("Conversations").await;
    assert_eq!(browser.names(Role::Tab).await, ["Conversations"]);
    let cards = indicator_names(&browser).await;
    // The counts of their own work: no averages, no wait breakdown.
    assert_eq!(
        cards,
        ["Queued", "In progress", "Pending", "Inactive"],
        "main values only"
    );

    let count: String = browser
        .eval("return document.querySelector('.toolbar__count').innerText")
        .await;
    assert_eq!(
        count,
        format!("{0} of {0} conversations", scope.conversations.len())
    );
    for row in browser.table_rows("Conversations").await {
        let (status, agent, group) = (&row[2], &row[4], &row[5]);
        let own = agent == &me.name;
        let queued_in_own_department = status == "Queued" && own_departments.contains(group);
        assert!(
            own || queued_in_own_department,
            "row outside the agent's scope: {row:?}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_the_agents_url_as_an_agent_lands_on_conversations_with_a_notice() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-agent").await;
    browser.wait_for_rows("Conversations").await;
    browser.goto("/agents?lang=en").await;
    browser
        .wait_for(
            Role::Status,
            "The Agents section is not available for your profile.",
        )
        .await;
    browser.wait_for_rows("Conversations").await;
    assert!(browser
        .find_all(Role::Table, Some("Agents"))
        .await
        .is_empty());
    assert!(!browser.current_url().await.contains("/agents"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_as_another_profile_leaves_nothing_of_the_previous_one() {
    let server = start_backend(quiet_options()).await;
    let admin_total =
        api_get::<ConversationsSnapshot>(&server, "/monitor/conversations", "demo-admin")
            .await
            .conversations
            .len();
    let agent_total =
        api_get::<ConversationsSnapshot>(&server, "/monitor/conversations", "demo-agent")
            .await
            .conversations
            .len();
    assert!(agent_total < admin_total);

    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.click(Role::Button, "Sign out").await;
    browser.sign_in("demo-agent").await;
    browser.wait_for_rows("Conversations").await;
    let count: String = browser
        .eval("return document.querySelector('.toolbar__count').innerText")
        .await;
    assert_eq!(
        count,
        format!("{agent_total} of {agent_total} conversations")
    );
    assert_eq!(browser.names(Role::Tab).await, ["Conversations"]);
    assert!(!indicator_names(&browser)
        .await
        .iter()
        .any(|c| c == "Online"));
    server.stop().await;
}
