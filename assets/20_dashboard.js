// Browser-side helpers for the dashboard: image export and URL sync.
// Served from /assets (no CDN). Registered as window.dash_clientside.dashboard.
(function () {
  "use strict";
  var CHART_NAMES = { ts: "timeseries", cmp: "compare", comp: "composition" };
  var EXPORT = { width: 1600, height: 900 };

  function exportImage(nClicks, data) {
    var noUpdate = window.dash_clientside.no_update;
    if (!nClicks) { return noUpdate; }
    var trig = (window.dash_clientside.callback_context.triggered || [])[0];
    if (!trig) { return noUpdate; }
    var id;
    try { id = JSON.parse(trig.prop_id.split(".")[0]); } catch (e) { return noUpdate; }
    var host = document.getElementById(id.chart + "-graph");
    var gd = host && host.querySelector(".js-plotly-plot");
    if (!gd || !window.Plotly) { return noUpdate; }
    var indicator = (data && data.state && data.state.indicator) || "chart";
    var filename = indicator + "-" + (CHART_NAMES[id.chart] || id.chart);
    var fmt = id.format === "svg" ? "svg" : "png";
    window.Plotly.downloadImage(gd, { format: fmt, width: EXPORT.width, height: EXPORT.height,
                                      filename: filename, scale: 1 });
    return { format: fmt, filename: filename + "." + fmt, at: Date.now() };
  }

  function syncUrl(data) {
    var noUpdate = window.dash_clientside.no_update;
    if (!data || typeof data.query !== "string") { return noUpdate; }
    var q = data.query;
    if (q !== "" && q.charAt(0) !== "?") { return noUpdate; }
    var next = window.location.pathname + q;
    if (next !== window.location.pathname + window.location.search) {
      // replaceState: no reload, no router event, no new history entry per slider move
      window.history.replaceState(window.history.state, "", next);
    }
    return q;
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dashboard = { exportImage: exportImage, syncUrl: syncUrl };
})();
