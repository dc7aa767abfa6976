//! The last hour's trends as charts on the wallboard: an image per trend
//! whose text alternative carries the numbers `/monitor/trends` gives,
//! updating live; and the service figures in the product's Spanish words.

use std::time::Duration;

use demo_backend::{Options, Server};
use e2e::{api_get, eventually, start_backend, Browser, Role};
use monitor_core::chart::{summary, Trend};
use monitor_core::kpi::TrendsSnapshot;

/// A running operation polled every second, paused once it has a history.
async fn paused_operation() -> Server {
    let server = start_backend(Options {
        conversations: 120,
        agents: 20,
        rate: 300.0,
        indicators_interval_ms: 1_000,
        ..Options::default()
    })
    .await;
    eventually("a history of waits and services", || async {
        let (waits, handles) = server.day_records();
        (waits.len() >= 10 && handles.len() >= 10).then_some(())
    })
    .await;
    server.pause_simulation(true);
    tokio::time::sleep(Duration::from_millis(300)).await;
    server
}

/// (role, accessible name, line) of each wallboard chart.
const READ_CHARTS: &str = r#"
    return Array.from(document.querySelectorAll('figure.trend-chart svg')).map(s =>
        [s.getAttribute('role') || '', s.getAttribute('aria-label') || '',
         s.querySelector('.trend-chart__line')?.getAttribute('d') || '']);
"#;

/// The English text alternative of the queue chart for these trends.
fn queue_label(trends: &TrendsSnapshot) -> String {
    let s = summary(&Trend::Queue.series(&trends.points)).expect("queue values");
    format!(
        "Queued, last hour: first {}, now {}, lowest {}, highest {}",
        s.first, s.last, s.min, s.max
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wallboard_charts_the_last_hour_live_with_its_numbers_in_words() {
    let server = paused_operation().await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.goto("/wallboard?lang=en").await;
    browser.wait_for(Role::Heading, "Last hour's trend").await;

    let matched = || async {
        let trends: TrendsSnapshot = api_get(&server, "/monitor/trends", "demo-admin").await;
        let charts: Vec<(String, String, String)> = browser.eval(READ_CHARTS).await;
        let (_, label, _) = charts.first()?;
        (*label == queue_label(&trends)).then_some((trends, charts))
    };
    let (trends, charts) = eventually("the queue chart says /monitor/trends", matched).await;
    assert_eq!(charts.len(), 3, "{charts:?}");
    let names = ["Queued", "Longest wait", "Service level"];
    for ((role, label, _), name) in charts.iter().zip(names) {
        assert_eq!(role, "img");
        assert!(
            label.starts_with(&format!("{name}, last hour: ")),
            "{label}"
        );
    }
    assert!(charts[0].2.starts_with('M'), "the queue is drawn");
    assert!(charts[1].2.starts_with('M'), "the longest wait is drawn");
    // The history has ended waits in the last half hour: a service level.
    assert!(charts[2].2.starts_with('M'), "the service level is drawn");

    // Live: one more in the queue shows at the next poll, no reload: the
    // label says the new number (the drawing may not move: a last point
    // that is the highest stays at the top as the scale grows with it).
    let before = trends.points.last().unwrap().queued;
    server.inject_arrival("Chart Watcher");
    eventually("the chart counts the arrival", || async {
        let (trends, charts) = matched().await?;
        (trends.points.last()?.queued == before + 1 && charts[0].2.starts_with('M')).then_some(())
    })
    .await;
    let images = browser.find_all(Role::Img, None).await;
    assert_eq!(images.len(), 3, "the charts are the page's only images");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_figures_and_trends_speak_spanish() {
    let server = paused_operation().await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=es").await;
    let field = browser.wait_for(Role::TextBox, "Token de acceso").await;
    field.send_keys("demo-admin").await.expect("type the token");
    browser.click(Role::Button, "Ingresar").await;
    browser.wait_for_rows("Atenciones").await;

    for group in ["Hoy", "Últimos 30 minutos", "Tendencia de la última hora"] {
        browser.wait_for(Role::Group, group).await;
    }
    let cards: Vec<String> = browser
        .eval(
            "return Array.from(document.querySelector('[role=group][aria-label=\"Hoy\"]').querySelectorAll('.kpi')).map(c => c.getAttribute('aria-label'))",
        )
        .await;
    assert_eq!(
        cards,
        [
            "Nivel de servicio",
            "Tasa de abandono",
            "Atendidas",
            "Tiempo medio de respuesta",
            "Tiempo medio de atención"
        ]
    );
    let sparkline: String = eventually("a sparkline described in Spanish", || async {
        let label: String = browser
            .eval(
                "return document.querySelector('svg.sparkline')?.getAttribute('aria-label') || ''",
            )
            .await;
        label.contains("ahora").then_some(label)
    })
    .await;
    assert!(
        sparkline.starts_with("En cola, última hora: al inicio "),
        "{sparkline}"
    );

    browser.goto("/wallboard?lang=es").await;
    browser
        .wait_for(Role::Heading, "Tendencia de la última hora")
        .await;
    let captions: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('figure.trend-chart figcaption')).map(c => c.innerText)")
        .await;
    assert_eq!(
        captions,
        ["En cola", "Espera más larga", "Nivel de servicio"]
    );
    browser.wait_for(Role::Group, "Nivel de servicio").await;
    server.stop().await;
}
