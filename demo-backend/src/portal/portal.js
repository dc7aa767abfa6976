// The demo portal's side of the embedding handshake (README, "Portal and
// embedding"). A file rather than an inline script, so that the portal runs
// under a Content-Security-Policy without 'unsafe-inline'.
"use strict";

(function () {
  const PROTOCOL_VERSION = 1;
  // A content height outside these is a bug in the embedded page; the portal
  // stays usable whatever it reports.
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 20000;
  const LOG_LIMIT = 100;
  // Answering token-expired with a token the backend keeps refusing would
  // loop forever: past this many in the window, the portal stops answering.
  const EXPIRY_LIMIT = 3;
  const EXPIRY_WINDOW_MS = 30000;

  const body = document.body;
  const monitorOrigin = body.dataset.monitorOrigin;
  const monitorUrl = body.dataset.monitorUrl;
  const frame = document.getElementById("monitor");
  const profile = document.getElementById("profile");
  const language = document.getElementById("language");
  const theme = document.getElementById("theme");
  const log = document.getElementById("handshake-log");
  let expiries = [];
  let height = null;

  function note(text) {
    const item = document.createElement("li");
    item.textContent = text;
    log.appendChild(item);
    while (log.children.length > LOG_LIMIT) {
      log.removeChild(log.firstElementChild);
    }
  }

  function profileName() {
    const option = profile.selectedOptions[0];
    return option ? option.dataset.profile : profile.value;
  }

  // (Re)loads the monitor. A new profile or language starts a new monitor:
  // it asks for its token with a fresh ready, and the language comes with
  // the token (as a real portal sends it), not in the monitor's address.
  function load() {
    const url = new URL(monitorUrl);
    expiries = [];
    // Kept in the portal's address, so that a reload keeps the choices.
    const query = new URLSearchParams({
      profile: profileName(),
      lang: language.value,
      theme: theme.value,
    });
    if (holdToken) {
      query.set("hold", "1");
    }
    history.replaceState(null, "", "?" + query.toString());
    frame.src = url.href;
    note("loading " + url.href);
  }

  function sendToken(why) {
    const message = {
      type: "ops-monitor:token",
      token: profile.value,
      locale: language.value,
      theme: theme.value,
    };
    // Never the wildcard: if the frame navigated elsewhere, the token stays here.
    frame.contentWindow.postMessage(message, monitorOrigin);
    note("token sent (" + why + "): " + profileName() + ", " + language.value + ", " + theme.value);
  }

  function expiredTooOften() {
    const now = Date.now();
    expiries = expiries.filter((at) => now - at < EXPIRY_WINDOW_MS);
    expiries.push(now);
    return expiries.length > EXPIRY_LIMIT;
  }

  function resize(reported) {
    const wanted = Number(reported);
    if (!Number.isFinite(wanted)) {
      note("ignored a resize without a numeric height");
      return;
    }
    const px = Math.round(Math.min(Math.max(wanted, MIN_HEIGHT), MAX_HEIGHT));
    if (px !== height) {
      height = px;
      frame.style.height = px + "px";
      note("resized to " + px + "px");
    }
  }

  window.addEventListener("message", (event) => {
    // Only the monitor, in this very frame, may talk to the portal.
    if (event.origin !== monitorOrigin || event.source !== frame.contentWindow) {
      note("ignored a message from " + event.origin);
      return;
    }
    const data = event.data;
    if (data === null || typeof data !== "object" || typeof data.type !== "string") {
      note("ignored a message without a type");
      return;
    }
    switch (data.type) {
      case "ops-monitor:ready":
        if (data.version !== PROTOCOL_VERSION) {
          note("ignored ready of version " + String(data.version));
          return;
        }
        if (holdToken) {
          note("ready received: holding the token back (?hold=1)");
          return;
        }
        note("ready received");
        sendToken("ready");
        break;
      case "ops-monitor:token-expired":
        if (expiredTooOften()) {
          note("token-expired received again: not answering (pick another profile)");
          return;
        }
        note("token-expired received");
        sendToken("token-expired");
        break;
      case "ops-monitor:resize":
        resize(data.height);
        break;
      default:
        note("ignored " + data.type);
    }
  });

  // ?profile=agent&lang=en&theme=dark preselects, for links and tests;
  // ?hold=1 never answers ready, to show what the monitor says when a
  // portal fails to hand over its session.
  const query = new URLSearchParams(location.search);
  const holdToken = query.get("hold") === "1";
  function preselect(select, wanted) {
    for (const option of select.options) {
      if (wanted !== null && (option.value === wanted || option.dataset.profile === wanted)) {
        select.value = option.value;
        return;
      }
    }
  }
  preselect(profile, query.get("profile"));
  preselect(language, query.get("lang"));
  preselect(theme, query.get("theme"));
  for (const select of [profile, language, theme]) {
    select.addEventListener("change", load);
  }
  // The listener is in place before the monitor can say ready.
  load();
})();
