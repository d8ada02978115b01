// The app's service worker (dashboard/service_worker.py serves this file with VERSION, URLS, PREFIX
// and ASSETS filled in; issue 14). It keeps the page's fingerprinted scripts and style sheets in the browser's
// Cache Storage, put there while it installs, and answers the browser's requests for them from that
// cache without running any of this script (the Static Routing API: a declared route, no fetch
// handler). Why: Chromium stores a script's compiled code beside a copy a service worker caches while
// it installs, so the next page opened by its address runs plotly.js, React and the Dash renderer
// from compiled code; the browser's own cache only keeps compiled code once a script has run twice.
//
// Safe by construction: only fingerprinted addresses are cached (the address changes whenever the
// file does), so a cached answer is never an old version of a file; a request the cache cannot
// answer (another file, a new fingerprint after an upgrade) goes to the network as before. Pages,
// data and callbacks are never cached or seen. A new URL list is a new VERSION: the new worker
// caches it and deletes the old caches when it takes over.
"use strict";
const VERSION = "__VERSION__";
const URLS = __URLS__;
const CACHE = "dashboard-static-" + VERSION;
const PREFIX = "__PREFIX__";
const ASSETS = "__ASSETS__";

self.addEventListener("install", (event) => {
  if (!event.addRoutes) {
    // a browser without static routes would have to run this script for every request: cache nothing
    event.waitUntil(self.skipWaiting());
    return;
  }
  // the browser answers these from Cache Storage when it holds the address, else from the network
  event.addRoutes([ASSETS + "*", PREFIX + "_dash-component-suites/*"].map((p) => ({
    condition: { urlPattern: new URLPattern({ pathname: p }) },
    source: "cache",
  })));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("dashboard-static-") && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
