// Browser-side helpers for the dashboard: image export and URL sync.
// Served from /assets (no CDN). Registered as window.dash_clientside.dashboard.
(function () {
  "use strict";
  var CHART_NAMES = { ts: "timeseries", cmp: "compare", comp: "composition" };
  var EXPORT = { width: 1600, height: 900 };

  // The on-screen chart keeps its title in HTML (it wraps on phones); the exported
  // picture gets title, subtitle (unit, scope, years) and source inside the image.
  function exportFigure(gd) {
    var layout = JSON.parse(JSON.stringify(gd.layout || {}));
    var meta = (layout.meta && layout.meta.export) || {};
    layout.title = {
      text: "<b>" + (meta.title || "") + "</b>",
      subtitle: { text: meta.subtitle || "", font: { size: 17, color: "#52606d" } },
      font: { size: 26, color: "#1f2933" },
      x: 0.02, xanchor: "left", xref: "container", y: 0.965, yanchor: "top", yref: "container"
    };
    layout.annotations = (layout.annotations || []).concat([{
      text: meta.source || "", xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left",
      yanchor: "top", yshift: -64, showarrow: false, align: "left",
      font: { size: 14, color: "#52606d" }
    }]);
    // in the picture the legend goes under the subtitle (on screen it is under the plot), the source under the plot
    layout.legend = Object.assign({}, layout.legend || {}, { x: 0.02, y: 0.86, yanchor: "top", maxheight: 0.3,
                                                             font: { size: 15 } });
    layout.margin = { t: 150, b: 110, l: 100, r: 60, autoexpand: true };
    layout.font = Object.assign({}, layout.font || {}, { size: 17 });
    layout.width = EXPORT.width;
    layout.height = EXPORT.height;
    return { data: gd.data, layout: layout };
  }

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
    window.Plotly.downloadImage(exportFigure(gd), { format: fmt, width: EXPORT.width, height: EXPORT.height,
                                                    filename: filename, scale: 1 });
    return { format: fmt, filename: filename + "." + fmt, at: Date.now() };
  }

  function syncUrl(data) {
    var noUpdate = window.dash_clientside.no_update;
    if (!data || typeof data.query !== "string") { return noUpdate; }
    var summary = document.getElementById("print-summary");  // the print-only line (30_print.css)
    if (summary && typeof data.summary === "string") { summary.textContent = data.summary; }
    var q = data.query;
    if (q !== "" && q.charAt(0) !== "?") { return noUpdate; }
    var next = window.location.pathname + q;
    if (next !== window.location.pathname + window.location.search) {
      // replaceState: no reload, no router event, no new history entry per slider move
      window.history.replaceState(window.history.state, "", next);
    }
    return q;
  }

  // The parts of a chart card that the update callback leaves for later (dashboard/callbacks.py
  // DRAWN_FIRST: everything but the first chart, its title and caption), applied after the browser
  // has painted the frame with the first chart: the chart in view is drawn first, the rest one
  // frame later instead of all in one long task. ``parts`` names the outputs in order.
  function applyLater(data, parts) {
    // ``parts``: [chart, part] pairs in the order of the outputs; ``data``: {chart: {part: value}}
    var noUpdate = window.dash_clientside.no_update;
    var has = function (o, k) { return !!o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); };
    var values = parts.map(function (cp) {
      return has(data, cp[0]) && has(data[cp[0]], cp[1]) ? data[cp[0]][cp[1]] : noUpdate;
    });
    if (!values.some(function (v) { return v !== noUpdate; })) { return values; }
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { window.setTimeout(function () { resolve(values); }, 0); });
    });
  }

  // the phone menu closes when one of its page links is followed, the current page's too (its address
  // does not change, so the callback on the location does not run); a new page closes it as well
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("#navbar-collapse a.nav-link") : null;
    if (link && window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("navbar-collapse", {is_open: false});
    }
  }, true);

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dashboard = { exportImage: exportImage, syncUrl: syncUrl, exportFigure: exportFigure,
                                       applyLater: applyLater };
})();
