// Printing (issue 9, item 8): plotly draws fixed-pixel SVG at the screen width, which paper cuts.
// Before printing every chart is redrawn at the width of its card on A4 portrait (12 mm margins,
// assets/30_print.css) and the "Sources & definition" panels are opened; after printing the
// charts go back to the screen width and the panels to how they were.
// On screen a legend is capped (legend.maxheight, dashboard/figures/common.py) and scrolls; paper
// cannot scroll, so for print a legend longer than its cap gets the room for all its entries and
// the chart grows by the legend's extra height (the plot area keeps its height). A legend so long
// that the chart would grow beyond PRINT_CHART_MAX_PX (40 series: 41 entries in one column, 800 px)
// is printed as an HTML list in columns under the chart instead (printLegend): the chart keeps its
// screen height, so the page heading, the chart's title and the plot share page 1, and the list
// flows on to the next page line by line (an SVG legend would be cut through its text there).
// A chart whose card (title, heading, chart, caption) is taller than a page (compare years with
// 12 rows: 1006 px) is drawn lower for print when its rows keep MIN_ROW_SHARE of their height, so
// the card prints on one page instead of its axis title and caption going on to the next (fitPage).
(function () {
  "use strict";
  var A4_CONTENT_PX = Math.floor((210 - 2 * 12) / 25.4 * 96); // 703 px at 96 px/in
  var A4_PAGE_PX = Math.floor((297 - 2 * 12) / 25.4 * 96);    // 1031 px: the page's height inside 12 mm margins
  var CARD_INSET_PX = 2 * 12 + 2 * 8 + 2 + 10;  // page container and card body padding, border, a margin
  var PRINT_CHART_MAX_PX = 640;  // a chart with its whole legend up to this tall keeps it in the chart
  var MIN_ROW_SHARE = 0.7;       // fitPage: a chart is drawn at least this share of its height
  // fitPage: the title, heading and caption wrap into more lines at the print width than on screen
  var TEXT_GROWTH = 1.5;
  var CARD_SPARE_PX = 48;        // card padding and borders, rounding
  var LEGEND_SYMBOL_PX = 40;     // a legend entry's symbol as plotly draws it (itemwidth 30 and gaps)
  var LEGEND_FONT_SCALE = 0.8;   // the printed list's text (assets/30_print.css: 9.6 px) to plotly's 12 px
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
      window.Plotly.relayout(gd, { width: width, height: gd._fullLayout.height, autosize: false });
      fullLegend(gd, s, width);
      fitPage(gd, s);
      hold(gd, s, width);
    });
    document.querySelectorAll(".chart-card .chart-details:first-of-type").forEach(function (d) {
      saved.details.push({ el: d, open: d.open });
      d.open = true;
    });
  }

  // The legend as laid out at the print width: plotly keeps the height of all its entries
  // (_height) and the height it shows (_effHeight, at most its maxheight, the rest scrolls).
  // The graph's box (dcc.Graph's inline height, which plotly's container fills) grows with it.
  function fullLegend(gd, s, width) {
    var full = gd._fullLayout;
    var lg = full && full.showlegend && full.legend;
    if (!lg || !(lg._height > lg._effHeight + 0.5)) { return; }
    var height = full.height + Math.ceil(lg._height - lg._effHeight);
    if (height > PRINT_CHART_MAX_PX) { printLegend(gd, s, width); return; }
    setBox(gd, s, height);
    // maxheight above 1 is in px: the whole legend, and a px to spare against rounding
    window.Plotly.relayout(gd, { "legend.maxheight": Math.ceil(lg._height) + 1, height: height });
  }

  // The graph's box (dcc.Graph's inline height, which plotly's container fills) at ``height`` px.
  function setBox(gd, s, height) {
    var box = gd.closest(".dash-graph") || gd.parentElement;
    if (!s.box) {
      s.box = box;
      s.boxHeight = [box.style.getPropertyValue("height"), box.style.getPropertyPriority("height")];
    }
    box.style.setProperty("height", height + "px", "important");
  }

  // The legend as a list after the chart's figure block, in the order of the traces (read down each
  // column), each entry its own symbol (a copy of plotly's) and name; as many columns as the longest
  // name allows at the list's font. The chart drops its legend and the bottom margin the legend took.
  function printLegend(gd, s, width) {
    var full = gd._fullLayout, lg = full.legend;
    var items = Array.prototype.slice.call(gd.querySelectorAll(".legend .traces"));
    items.sort(function (a, b) {  // plotly draws them by legendrank, then trace order
      var ta = ((a.__data__ || [{}])[0] || {}).trace || {}, tb = ((b.__data__ || [{}])[0] || {}).trace || {};
      return ((ta.legendrank || 1000) - (tb.legendrank || 1000)) || ((ta.index || 0) - (tb.index || 0));
    });
    var block = gd.closest(".chart-figure");
    if (!items.length || !block) { return; }
    var list = document.createElement("div");
    list.className = "print-legend";
    list.setAttribute("aria-hidden", "true");  // printed only: screen readers have the chart's legend
    var widest = 0;
    items.forEach(function (item) {
      var text = item.querySelector(".legendtext");
      var name = text ? text.textContent : "";
      widest = Math.max(widest, text && text.getBBox ? text.getBBox().width : name.length * 7);
      var entry = document.createElement("div");
      entry.className = "print-legend-item";
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", String(LEGEND_SYMBOL_PX));
      svg.setAttribute("height", "14");
      svg.setAttribute("viewBox", "0 -7 " + LEGEND_SYMBOL_PX + " 14");
      var layers = item.querySelector(".layers");
      if (layers) { svg.appendChild(layers.cloneNode(true)); }
      var label = document.createElement("span");
      label.textContent = name;
      entry.appendChild(svg);
      entry.appendChild(label);
      list.appendChild(entry);
    });
    var columns = Math.max(1, Math.min(4, Math.floor(width / (widest * LEGEND_FONT_SCALE + LEGEND_SYMBOL_PX + 12))));
    list.style.setProperty("--print-legend-columns", String(columns));
    block.parentNode.insertBefore(list, block.nextSibling);
    s.list = list;
    s.showlegend = gd.layout.showlegend;
    s.marginB = (gd.layout.margin || {}).b;
    var height = Math.round(full.height - lg._effHeight);
    setBox(gd, s, height);
    // plotly keeps the bottom margin it reserved for a legend anchored to the container after the
    // legend is hidden (plotly.js 4.1: fullLayout._reservedMargin.legend): without it the plot area
    // lost the legend's height and a blank band stood between the axis and the list
    if (full._reservedMargin) { delete full._reservedMargin.legend; }
    window.Plotly.relayout(gd, { showlegend: false, height: height,
                                 "margin.b": Math.max(0, Math.round(full._size.b - lg._effHeight)) });
  }

  // A chart whose card would be taller than a page is drawn lower, down to MIN_ROW_SHARE of its height.
  // A chart taller than a page even so (compare years of 40 rows: 1809 px) is marked print-tall: its
  // figure may then break across pages where it stands (assets/30_print.css). Kept whole, it went to
  // the next page anyway, was cut there all the same, and left half a page of its card's empty border
  // behind.
  function fitPage(gd, s) {
    var card = gd.closest(".card-body");
    if (!card) { return; }
    var h = function (sel) { var el = card.parentNode.querySelector(sel); return el ? el.getBoundingClientRect().height : 0; };
    var rest = h(".card-header") + TEXT_GROWTH * (h(".chart-heading") + h(".chart-caption")) + CARD_SPARE_PX;
    var height = gd._fullLayout.height, room = Math.floor(A4_PAGE_PX - rest);
    if (height > A4_PAGE_PX - h(".card-header") - TEXT_GROWTH * h(".chart-heading") && room < MIN_ROW_SHARE * height) {
      s.tall = card.parentNode;
      s.tall.classList.add("print-tall");
    }
    if (height <= room || room < MIN_ROW_SHARE * height) { return; }
    setBox(gd, s, room);
    window.Plotly.relayout(gd, { height: room });
  }

  // dcc.Graph writes the keys of a relayout other than width, height and autosize (showlegend,
  // margin.b, legend.maxheight) back into its figure and redraws that with Plotly.react, which has
  // no width or height: the chart went back to the width of its box a moment after beforePrint, and
  // a print whose media came on without a beforeprint event (a print preview, Playwright's
  // emulate_media) cut it at the paper's edge. While printing, every such redraw gets the print
  // width and height back; both set also keep the graph's resize handler (Plots.resize) from
  // autosizing it when its box changes.
  function hold(gd, s, width) {
    var height = gd._fullLayout.height;
    s.onReact = function () {
      var l = gd.layout || {};
      if (!saved || (l.width === width && l.height === height && l.autosize === false)) { return; }
      window.Plotly.relayout(gd, { width: width, height: height, autosize: false });
    };
    gd.on("plotly_react", s.onReact);
  }

  function afterPrint() {
    if (!saved) { return; }
    saved.charts.forEach(function (s) {
      if (s.onReact) { s.gd.removeListener("plotly_react", s.onReact); }
      if (s.tall) { s.tall.classList.remove("print-tall"); }
      if (s.box) { s.box.style.setProperty("height", s.boxHeight[0], s.boxHeight[1]); }
      var back = { width: s.width === undefined ? null : s.width,
                   autosize: s.autosize === undefined ? null : s.autosize,
                   height: s.height === undefined ? null : s.height,
                   "legend.maxheight": s.maxheight === undefined ? null : s.maxheight };
      if (s.list) {
        s.list.remove();
        back.showlegend = s.showlegend === undefined ? null : s.showlegend;
        back["margin.b"] = s.marginB === undefined ? null : s.marginB;
      }
      window.Plotly.relayout(s.gd, back);
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
