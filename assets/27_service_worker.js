// Registers the app's service worker (dashboard/service_worker.py: compiled scripts for the pages a
// reader opens after the first; issue 14) once the page has loaded and the browser is idle, so that
// its caching never competes with the first page's own scripts and charts. Where service workers are
// unavailable (an http:// address other than localhost, a browser setting) nothing happens.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  function prefix() {
    try {
      var config = JSON.parse(document.getElementById("_dash-config").textContent);
      return config.requests_pathname_prefix || "/";
    } catch (err) {
      return "/";
    }
  }
  function register() {
    var base = prefix();
    navigator.serviceWorker.register(base + "service-worker.js", { scope: base }).catch(function () {
      /* no worker: every file comes from the network and the browser's cache, as without one */
    });
  }
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 2000 });
    else window.setTimeout(register, 500);
  });
})();
