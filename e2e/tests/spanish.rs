//! The monitor in Spanish speaks the product's own words, as its help
//! centre teaches them: the columns, statuses, presences, indicators and
//! menus of "Atenciones" and "Agentes", for an administrative profile and
//! for an agent.

use e2e::{api_get, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::wire::ConversationsSnapshot;

const ATENCIONES: &str = "Atenciones";
const AGENTES: &str = "Agentes";

async fn signed_in(token: &str) -> (demo_backend::Server, Browser) {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=es").await;
    let field = browser.wait_for(Role::TextBox, "Token de acceso").await;
    field.send_keys(token).await.expect("type the token");
    browser.click(Role::Button, "Ingresar").await;
    browser.wait_for_rows(ATENCIONES).await;
    (server, browser)
}

/// The column headers of the table named `table`, as shown.
async fn headers(browser: &Browser, table: &str) -> Vec<String> {
    browser
        .client
        .execute(
            "const t = Array.from(document.querySelectorAll('[role=table]')).find(t => t.getAttribute('aria-label') === arguments[0]);
             return Array.from(t.querySelectorAll('[role=columnheader]')).map(h => h.innerText.trim()).filter(t => t);",
            vec![serde_json::json!(table)],
        )
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// The choices of a filter, opened by its button.
async fn choices(browser: &Browser, filter: &str) -> Vec<String> {
    browser.click(Role::Button, filter).await;
    let group = browser.wait_for(Role::Group, filter).await;
    let text = group.text().await.unwrap_or_default();
    browser.click(Role::Button, filter).await;
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sees_atenciones_and_agentes_in_the_products_words() {
    let (server, browser) = signed_in("demo-admin").await;
    for tab in [ATENCIONES, AGENTES] {
        browser.wait_for(Role::Tab, tab).await;
    }
    assert_eq!(
        headers(&browser, ATENCIONES).await,
        [
            "Número de ticket",
            "Canal",
            "Estado",
            "Cliente",
            "Agente",
            "Grupo",
            "Creación en",
            "Actualizado en",
            "Tiempo de estado",
            "Duración",
            "Transferencias",
            "Opciones",
        ]
    );
    let statuses = choices(&browser, "Estado").await;
    for status in ["En cola", "En progreso", "Pendiente", "Inactivo"] {
        assert!(
            statuses.iter().any(|s| s == status),
            "{status} in {statuses:?}"
        );
    }
    for filter in ["Agente", "Grupo", "Canal"] {
        browser.wait_for(Role::Button, filter).await;
    }
    let indicators: bool = browser
        .eval("return !!document.querySelector('section[aria-label=\"Indicadores de atención\"]')")
        .await;
    assert!(
        indicators,
        "the indicators are titled «Indicadores de atención»"
    );
    let badges: String = browser
        .eval("return document.querySelector('[role=table][aria-label=Atenciones]').innerText")
        .await;
    assert!(
        ["En cola", "En progreso", "Pendiente", "Inactivo"]
            .iter()
            .any(|s| badges.contains(s)),
        "status badges in Spanish: {badges}"
    );

    // The row menu and the conversation view.
    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let target = &snapshot.conversations[0];
    let ticket = target
        .ticket
        .clone()
        .expect("the demo's conversations have tickets");
    let field = browser.wait_for(Role::SearchBox, "Buscar").await;
    field.send_keys(&ticket).await.expect("type the ticket");
    eventually("the ticket finds its conversation", || async {
        let rows = browser.table_rows(ATENCIONES).await;
        (rows.len() == 1 && rows[0].iter().any(|c| c == &ticket)).then_some(())
    })
    .await;
    browser.click_in_row(ATENCIONES, &ticket, "Opciones").await;
    assert_eq!(
        browser.names(Role::MenuItem).await,
        [
            "Ver conversación",
            "Transferir conversación",
            "Finalizar conversación"
        ]
    );
    browser.click(Role::MenuItem, "Ver conversación").await;
    let dialog = browser
        .wait_for(
            Role::Dialog,
            &format!("Conversación con {}", target.customer.name),
        )
        .await;
    let text = dialog.text().await.unwrap_or_default();
    assert!(
        text.contains("Número de ticket") && text.contains(&ticket),
        "{text}"
    );
    browser.click(Role::Button, "Cerrar").await;

    // Agentes.
    browser.goto("/agents?lang=es").await;
    browser.wait_for_rows(AGENTES).await;
    assert_eq!(
        headers(&browser, AGENTES).await,
        [
            "Agente",
            "Estado",
            "Tiempo en el estado actual",
            "Conversaciones activas",
            "Transferencias",
            "Grupos",
        ]
    );
    let presences = choices(&browser, "Estado").await;
    for presence in ["En línea", "Conectado", "Desconectado"] {
        assert!(
            presences.iter().any(|s| s == presence),
            "{presence} in {presences:?}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_can_only_see_a_conversation_in_spanish() {
    let (_server, browser) = signed_in("demo-agent").await;
    let first = browser.wait_for_rows(ATENCIONES).await;
    let ticket = first[0][0].clone();
    browser.click_in_row(ATENCIONES, &ticket, "Opciones").await;
    assert_eq!(browser.names(Role::MenuItem).await, ["Ver conversación"]);
}

/// The names of the buttons on screen.
async fn buttons(browser: &Browser) -> Vec<String> {
    browser.names(Role::Button).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agents_monitor_is_atenciones_only_without_supervisor_tools() {
    let (server, browser) = signed_in("demo-agent").await;
    assert_eq!(browser.names(Role::Tab).await, [ATENCIONES]);
    assert_eq!(
        browser.names(Role::Radio).await,
        ["En curso", "Finalizadas"]
    );
    for filter in ["Estado", "Agente", "Grupo", "Canal"] {
        browser.wait_for(Role::Button, filter).await;
    }
    browser.wait_for(Role::SearchBox, "Buscar").await;
    let cards: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('section[aria-label=\"Indicadores de atención\"] [role=group]')).map(c => c.getAttribute('aria-label'))")
        .await;
    assert_eq!(cards, ["En cola", "En progreso", "Pendiente", "Inactivo"]);
    let shown = buttons(&browser).await;
    for tool in [
        "Exportar CSV",
        "Vistas",
        "Columnas",
        "Alertas",
        "Pausar actualizaciones",
        "Esperas por departamento y canal",
    ] {
        assert!(!shown.iter().any(|b| b == tool), "{tool} in {shown:?}");
    }
    let tools: bool = browser
        .eval("return !!document.querySelector('.tools-menu, a[href*=wallboard]')")
        .await;
    assert!(!tools, "no tools menu and no wallboard link");
    let selection: bool = browser
        .eval("return !!document.querySelector('[role=table] input[type=checkbox]')")
        .await;
    assert!(!selection, "no bulk selection");

    // Their finished conversations, with only "Ver conversación".
    browser.click(Role::Radio, "Finalizadas").await;
    browser
        .wait_for(Role::Table, "Atenciones finalizadas")
        .await;
    assert!(!buttons(&browser).await.iter().any(|b| b == "Exportar CSV"));

    // The supervisor's pages, typed by hand, lead back with a notice.
    for (path, notice) in [
        (
            "/agents?lang=es",
            "La sección Agentes no está disponible para su perfil.",
        ),
        (
            "/wallboard?lang=es",
            "Esa página no está disponible para su perfil.",
        ),
    ] {
        browser.goto(path).await;
        browser.wait_for(Role::Status, notice).await;
        browser.wait_for_rows(ATENCIONES).await;
        assert!(browser
            .find_all(Role::Table, Some(AGENTES))
            .await
            .is_empty());
        let url = browser.current_url().await;
        assert!(
            !url.contains("/agents") && !url.contains("/wallboard"),
            "{url}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_1280_pixels_no_header_is_cut_in_any_language() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser
        .client
        .set_window_size(1280, 900)
        .await
        .expect("resize");
    browser.sign_in("demo-admin").await;
    for lang in ["es", "pt-BR", "en"] {
        for path in ["/", "/agents"] {
            browser.goto(&format!("{path}?lang={lang}")).await;
            let cut: Vec<String> = eventually("the rows and their headers", || async {
                let cut: Option<Vec<String>> = browser
                    .eval(
                        "if (!document.querySelector('[role=table] [role=cell]')) return null;
                         const heads = Array.from(document.querySelectorAll('[role=columnheader]'));
                         return heads.filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.innerText);",
                    )
                    .await;
                cut
            })
            .await;
            assert!(cut.is_empty(), "{lang} {path}: cut headers {cut:?}");
        }
    }
}
