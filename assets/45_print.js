// Printing (issue 9, item 8): plotly draws fixed-pixel SVG at the screen width, which paper cuts.
// Before printing every chart is redrawn at the width of its card on A4 portrait (12 mm margins,
// assets/30_print.css) and the "Sources & definition" panels are opened; after printing the
// charts go back to the screen width and the panels to how they were.
// On screen a legend is capped (legend.maxheight, dashboard/figures/common.py) and scrolls; paper
// cannot scroll, so for print a legend longer than its cap gets the room for all its entries and
// the chart grows by the legend's extra height (the plot area keeps its height).
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
      var legend = gd.layout.legend || {};
      var s = { gd: gd, width: gd.layout.width, autosize: gd.layout.autosize,
                height: gd.layout.height, maxheight: legend.maxheight };
      saved.charts.push(s);
      window.Plotly.relayout(gd, { width: width, autosize: false });
      fullLegend(gd, s);
    });
    document.querySelectorAll(".chart-card .chart-details:first-of-type").forEach(function (d) {
      saved.details.push({ el: d, open: d.open });
      d.open = true;
    });
  }

  // The legend as laid out at the print width: plotly keeps the height of all its entries
  // (_height) and the height it shows (_effHeight, at most its maxheight, the rest scrolls).
  // The graph's box (dcc.Graph's inline height, which plotly's container fills) grows with it.
  function fullLegend(gd, s) {
    var full = gd._fullLayout;
    var lg = full && full.showlegend && full.legend;
    if (!lg || !(lg._height > lg._effHeight + 0.5)) { return; }
    var height = full.height + Math.ceil(lg._height - lg._effHeight);
    var box = gd.closest(".dash-graph") || gd.parentElement;
    s.box = box;
    s.boxHeight = [box.style.getPropertyValue("height"), box.style.getPropertyPriority("height")];
    box.style.setProperty("height", height + "px", "important");
    // maxheight above 1 is in px: the whole legend, and a px to spare against rounding
    window.Plotly.relayout(gd, { "legend.maxheight": Math.ceil(lg._height) + 1, height: height });
  }

  function afterPrint() {
    if (!saved) { return; }
    saved.charts.forEach(function (s) {
      if (s.box) { s.box.style.setProperty("height", s.boxHeight[0], s.boxHeight[1]); }
      window.Plotly.relayout(s.gd, { width: s.width === undefined ? null : s.width,
                                     autosize: s.autosize === undefined ? null : s.autosize,
                                     height: s.height === undefined ? null : s.height,
                                     "legend.maxheight": s.maxheight === undefined ? null : s.maxheight });
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
