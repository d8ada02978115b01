// Browser-side helpers of the milestones, scorecard and report pages (issue 12).
// Served from /assets (no CDN, no inline script). Registered as window.dash_clientside.milestones.
(function () {
  "use strict";

  // The Report button of a dimension page follows its view state: /report?page=<dim>&<query>
  function reportHref(data) {
    var noUpdate = window.dash_clientside.no_update;
    if (!data || !data.state || typeof data.state.dimension !== "string") { return noUpdate; }
    var q = typeof data.query === "string" ? data.query : "";
    if (q !== "" && q.charAt(0) !== "?") { return noUpdate; }
    return "/report?page=" + encodeURIComponent(data.state.dimension) + (q ? "&" + q.slice(1) : "");
  }

  function printReport(n) {
    if (n) { window.print(); }
    return n || 0;
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.milestones = { reportHref: reportHref, printReport: printReport };
})();
