// Printing (issue 9, item 8): plotly draws fixed-pixel SVG at the screen width, which paper cuts.
// Before printing every chart is redrawn at the width of its card on A4 portrait (12 mm margins,
// assets/30_print.css) and the "Sources & definition" panels are opened; after printing the
// charts go back to the screen width and the panels to how they were.
(function () {
  "use strict";
  var A4_CONTENT_PX = Math.floor((210 - 2 * 12) / 25.4 * 96); // 703 px at 96 px/in
  var CARD_INSET_PX = 2 * 12 + 2 * 8 + 2 + 10;  // page container and card body padding, border, a margin
  var saved = null;

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".chart-card .js-plotly-plot"));
  }

  function beforePrint() {
    if (saved || !window.Plotly) { return; }
    saved = { charts: [], details: [] };
    var width = A4_CONTENT_PX - CARD_INSET_PX;
    charts().forEach(function (gd) {
      if (!gd.layout) { return; }
      saved.charts.push({ gd: gd, width: gd.layout.width, autosize: gd.layout.autosize });
      window.Plotly.relayout(gd, { width: width, autosize: false });
    });
    document.querySelectorAll(".chart-card .chart-details:first-of-type").forEach(function (d) {
      saved.details.push({ el: d, open: d.open });
      d.open = true;
    });
  }

  function afterPrint() {
    if (!saved) { return; }
    saved.charts.forEach(function (s) {
      window.Plotly.relayout(s.gd, { width: s.width === undefined ? null : s.width,
                                     autosize: s.autosize === undefined ? null : s.autosize });
      window.Plotly.Plots.resize(s.gd);
    });
    saved.details.forEach(function (s) { s.el.open = s.open; });
    saved = null;
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {  // print previews that do not send beforeprint still switch the media
    var mq = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) { beforePrint(); } else { afterPrint(); } };
    if (mq.addEventListener) { mq.addEventListener("change", onChange); } else if (mq.addListener) { mq.addListener(onChange); }
  }
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dashboard_print = { beforePrint: beforePrint, afterPrint: afterPrint };
})();
