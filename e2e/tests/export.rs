//! CSV export: the downloaded file, parsed back, holds exactly the rows the
//! filters show, in table order, with the header in the user's language
//! and ISO timestamps.

use e2e::{api_get, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::export::{conversation_cells, iso};
use monitor_core::query::ConversationQuery;
use monitor_core::select::select_conversations;
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot};
use monitor_core::ConversationStatus;

fn parse(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.expect("a valid CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_conversations_csv_matches_the_filtered_rows() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser
        .goto("/?lang=es&status=queued&status=pending&sort=customer&dir=asc")
        .await;
    browser.wait_for_rows("Atenciones").await;
    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;

    browser.click(Role::Button, "Exportar CSV").await;
    let text = browser.downloaded("conversations-").await;
    let exported_at = server.now();
    assert!(
        text.starts_with('\u{feff}'),
        "a UTF-8 byte-order mark for spreadsheets"
    );
    let records = parse(&text);

    // The header in Spanish, as the page is.
    assert_eq!(
        &records[0][..4],
        ["ID", "Número de ticket", "Canal", "Estado"]
    );

    // The same query, applied by core to the same data, in the same order.
    let query = ConversationQuery {
        statuses: [ConversationStatus::Queued, ConversationStatus::Pending].into(),
        sort: monitor_core::ConversationSort::Customer,
        dir: monitor_core::SortDir::Asc,
        ..ConversationQuery::default()
    };
    let expected = select_conversations(&snapshot.conversations, &query);
    assert!(!expected.is_empty());
    assert_eq!(records.len() - 1, expected.len());
    for (record, &i) in records[1..].iter().zip(&expected) {
        let c = &snapshot.conversations[i];
        let cells = conversation_cells(c, exported_at);
        // Everything but the two durations, which depend on the instant.
        for (k, (got, want)) in record.iter().zip(&cells).enumerate() {
            if k == 12 || k == 13 {
                let got: i64 = got.parse().unwrap();
                let want: i64 = want.parse().unwrap();
                assert!(
                    (got - want).abs() <= 5,
                    "{} column {k}: {got} vs {want}",
                    c.id
                );
            } else {
                assert_eq!(got, want, "{} column {k}", c.id);
            }
        }
        assert_eq!(record[9], iso(c.created_at));
    }
    let said = format!("{} filas exportadas a conversations-", expected.len());
    eventually("the page says how many rows went out", || async {
        let text: String = browser
            .eval("return document.querySelector('.export-result').innerText")
            .await;
        text.starts_with(&said).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agents_csv_matches_the_filtered_agents() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.goto("/agents?lang=en&status=online").await;
    browser.wait_for_rows("Agents").await;
    let snapshot: AgentsSnapshot = api_get(&server, "/monitor/agents", "demo-admin").await;
    browser.click(Role::Button, "Export CSV").await;
    let records = parse(&browser.downloaded("agents-").await);
    assert_eq!(&records[0][..4], ["ID", "Name", "E-mail", "Status"]);
    let online: Vec<&str> = snapshot
        .agents
        .iter()
        .filter(|a| a.status == monitor_core::AgentStatus::Online)
        .map(|a| a.id.as_str())
        .collect();
    let mut exported: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(records[1..].iter().all(|r| r[3] == "online"));
    exported.sort_unstable();
    let mut online = online;
    online.sort_unstable();
    assert_eq!(exported, online);
}
