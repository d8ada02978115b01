// Browser-side helpers for the dashboard: image export and URL sync.
// Served from /assets (no CDN). Registered as window.dash_clientside.dashboard.
(function () {
  "use strict";
  var CHART_NAMES = { ts: "timeseries", cmp: "compare", comp: "composition" };
  // picture size (px); font sizes of the legend and source line; a source line wraps after this
  // many character cells (a wide CJK character counts two: about 1400 px at 14 px) and takes
  // ``sourceLine`` px; ``belowAxis``: px under the plot for the x-axis tick labels and title (75 px
  // drawn at 17 px), above the source
  var EXPORT = { width: 1600, height: 900, legendFont: 15, sourceFont: 14, sourceCells: 180, sourceLine: 20,
                 belowAxis: 86 };

  // ``text`` broken with <br> at spaces into lines of at most ``cells`` character cells (a wide
  // East Asian character, U+1100-U+FFEF outside the half-width forms, counts two); a word longer
  // than a line stays whole
  function wrapText(text, cells) {
    var width = function (w) {
      var n = 0;
      for (var i = 0; i < w.length; i++) {
        var c = w.charCodeAt(i);
        n += (c >= 0x1100 && c <= 0xFFEF && !(c >= 0xFF61 && c <= 0xFFDC)) ? 2 : 1;
      }
      return n;
    };
    var out = [], line = "";
    String(text).split(" ").forEach(function (word) {
      var next = line === "" ? word : line + " " + word;
      if (line !== "" && width(next) > cells) { out.push(line); line = word; } else { line = next; }
    });
    out.push(line);
    return out.join("<br>");
  }

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
    // the source line goes under the plot, below the x-axis tick labels and title (the bottom margin
    // holds the axis, then the source's lines); a long one wraps instead of running off the edge
    var source = wrapText(meta.source || "", EXPORT.sourceCells);
    var lines = (source.match(/<br>/g) || []).length + 1;
    layout.annotations = (layout.annotations || []).concat([{
      text: source, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "top",
      yshift: -EXPORT.belowAxis, showarrow: false, align: "left",
      font: { size: EXPORT.sourceFont, color: "#52606d" }
    }]);
    // in the picture the legend goes under the subtitle (on screen it is under the plot): plotly
    // pushes the top of the plot down below it. Its columns were sized for the screen's font
    // (figures/common.py legend_layout): wider in proportion to the picture's larger font, so that no
    // entry runs into the next or past the right edge
    var legend = layout.legend || {};
    var columns = legend.entrywidthmode !== "fraction" && legend.entrywidth > 0 ?
      { entrywidth: Math.ceil(legend.entrywidth * EXPORT.legendFont / ((legend.font && legend.font.size) || 12)) } : {};
    layout.legend = Object.assign({}, legend, columns, { x: 0.02, xref: "container", y: 0.86, yref: "container",
                                                        yanchor: "top", maxheight: 0.3,
                                                        font: { size: EXPORT.legendFont } });
    layout.margin = { t: 150, b: EXPORT.belowAxis + lines * EXPORT.sourceLine + 14, l: 100, r: 60, autoexpand: true };
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
    // ``parts``: [chart, part, component id] in the order of the outputs; ``data``: {chart: {part: value}}
    var noUpdate = window.dash_clientside.no_update;
    var has = function (o, k) { return !!o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); };
    var values = parts.map(function (cp) {
      return has(data, cp[0]) && has(data[cp[0]], cp[1]) ? data[cp[0]][cp[1]] : noUpdate;
    });
    if (!values.some(function (v) { return v !== noUpdate; })) { return values; }
    // the charts among them are drawn now (26_early_draw.js; cp[2] is the output's component id), the
    // rest after the next painted frame (or 100 ms if a hidden or throttled page paints none)
    var early = window.dashboardEarlyDraw;
    if (!early) { return values; }
    parts.forEach(function (cp, i) {
      if (cp[1] === "figure" && values[i] !== noUpdate) { early.draw(cp[2], values[i]); }
    });
    return new Promise(function (resolve) { early.afterPaint(function () { resolve(values); }); });
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
