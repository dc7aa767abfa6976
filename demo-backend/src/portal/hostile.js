// A page on an origin the monitor does not allow. It embeds the monitor and
// keeps posting it a valid token, as an attacker's page would; the monitor
// must ignore every one (and never post anything to this origin). The status
// line counts both, for tests to wait on.
"use strict";

(function () {
  const ATTEMPTS = 40;
  const EVERY_MS = 250;

  const body = document.body;
  const monitorOrigin = body.dataset.monitorOrigin;
  const frame = document.getElementById("monitor");
  const status = document.getElementById("hostile-status");
  let posted = 0;
  let heard = 0;

  function show() {
    status.textContent =
      "token messages posted: " + posted + "; messages from the monitor: " + heard;
  }

  function post() {
    const message = { type: "ops-monitor:token", token: body.dataset.token, locale: "en" };
    frame.contentWindow.postMessage(message, monitorOrigin);
    posted += 1;
    show();
  }

  window.addEventListener("message", (event) => {
    if (event.origin === monitorOrigin) {
      heard += 1;
      show();
      post();
    }
  });

  // The app inside boots after the frame's load event: keep posting a while.
  frame.addEventListener("load", () => {
    post();
    const timer = setInterval(() => {
      post();
      if (posted >= ATTEMPTS) {
        clearInterval(timer);
      }
    }, EVERY_MS);
  });

  const url = new URL(body.dataset.monitorUrl);
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) {
    url.searchParams.set("lang", lang);
  }
  frame.src = url.href;
})();
