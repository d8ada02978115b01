// Early draw of a callback's charts (issue 14). When the answer to one of Dash's callback requests
// arrives, this script draws each chart figure in it at once (Plotly.react on that dcc.Graph), lets
// the browser paint that frame, and then hands Dash the same parsed answer, which Dash applies as
// always (the other outputs: titles, controls, stores).
//
// Why: between the answer's arrival and dcc.Graph's own Plotly.react, Dash's renderer applies every
// output to its store (each store update re-runs the selector of every component on the page) and
// React re-renders the changed components: 20-45 ms measured on the benchmark machine
// (benchmarks/side_by_side.py), during which the new data is already in the browser. Drawn first,
// the chart the user is looking at changes that much sooner.
//
// Safe by construction: only the answer to Dash's own request is drawn (never a guess), and only if no
// newer request of the same callback has been sent since (an answer Dash will apply), only into a
// dcc.Graph that is on the page and has been drawn by dcc.Graph before, and only a whole figure
// ({data: [...], layout}), never a partial update (Dash Patch). Dash receives the very objects that
// were drawn, so dcc.Graph's own Plotly.react afterwards finds nothing changed (same data arrays,
// equal layout and config) and does next to no work. Anything unexpected (a non-JSON or non-200
// answer, a drawing error) leaves the answer to Dash untouched. Counters in
// window.dashboardEarlyDraw.stats (read by the tests); window.dashboardEarlyDraw.enabled = false
// turns it off (the benchmark's A/B).
(function () {
  "use strict";
  var ENDPOINT = "_dash-update-component";
  var stats = { drawn: 0, failed: 0, overtaken: 0 };
  var api = window.dashboardEarlyDraw = { enabled: true, stats: stats };
  var innerFetch = window.fetch;  // 24_prefetch.js's (assets load in name order)

  function isFigure(v) {
    return v !== null && typeof v === "object" && Array.isArray(v.data) &&
      (v.layout === undefined || (v.layout !== null && typeof v.layout === "object")) &&
      !("__dash_patch_update" in v);
  }

  // the drawn plotly div of dcc.Graph ``id`` (null when not on the page or not drawn yet)
  function graphDiv(id) {
    var host = typeof id === "string" ? document.getElementById(id) : null;
    if (!host) return null;
    var gd = host.classList.contains("js-plotly-plot") ? host : host.querySelector(".js-plotly-plot");
    return gd && gd._fullLayout && gd.data ? gd : null;
  }

  // [[graph id, figure], ...] in an answer: Dash's multi-output format {multi, response: {id: props}}
  // or a single output's {response: {props}} for the output named in the request body
  function figuresIn(data, body) {
    var out = [];
    var resp = data && data.response;
    if (!resp || typeof resp !== "object") return out;
    var byId = resp;
    if (!data.multi) {
      var output = body && body.output;
      if (typeof output !== "string" || !resp.props) return out;
      byId = {};
      byId[output.slice(0, output.lastIndexOf("."))] = resp.props;
    }
    Object.keys(byId).forEach(function (id) {
      var props = byId[id];
      if (props && isFigure(props.figure)) out.push([id, props.figure]);
    });
    return out;
  }

  // draws ``figure`` into dcc.Graph ``id`` if it is on the page and drawn: true when drawn
  function drawOne(id, figure) {
    var gd = isFigure(figure) && window.Plotly ? graphDiv(id) : null;
    if (!gd) return false;
    try {
      // no config argument: the graph keeps the config dcc.Graph gave it
      window.Plotly.react(gd, figure.data, figure.layout || {});
    } catch (err) {
      stats.failed++;  // dcc.Graph draws it when Dash applies the figure
      return false;
    }
    stats.drawn++;
    return true;
  }

  function draw(figs) {
    return figs.filter(function (pair) { return drawOne(pair[0], pair[1]); }).length;
  }

  // For a browser-side callback that is about to return figures to Dash (20_dashboard.js applyLater):
  // draw ``figure`` into dcc.Graph ``id`` now; Dash then applies the same object, which dcc.Graph
  // finds unchanged. Does nothing when switched off.
  api.draw = function (id, figure) { return api.enabled && drawOne(id, figure); };

  // after the next painted frame (a frame's animation callbacks run before its paint), or after
  // 100 ms if no frame comes first (a hidden or throttled page paints no frames: Dash must not wait)
  function afterPaint(fn) {
    var done = false;
    var once = function () { if (!done) { done = true; fn(); } };
    window.requestAnimationFrame(function () { window.setTimeout(once, 0); });
    window.setTimeout(once, 100);
  }
  api.afterPaint = afterPaint;

  // the number of the latest request of each callback (by its output spec): only the answer to the
  // latest is drawn. Dash drops an answer that a newer request of the same callback has overtaken;
  // drawn, it would stay on the chart under the newer view's title.
  var sent = 0;
  var latest = {};

  window.fetch = function (url, init) {
    var promise = innerFetch.apply(window, arguments);
    if (!api.enabled || typeof url !== "string" || url.indexOf(ENDPOINT) === -1 || !window.Plotly) {
      return promise;
    }
    var body = null;
    try {
      body = init && typeof init.body === "string" ? JSON.parse(init.body) : null;
    } catch (err) {
      return promise;
    }
    var key = body && typeof body.output === "string" ? body.output : null;
    if (key === null) return promise;
    var seq = ++sent;
    latest[key] = seq;
    return promise.then(function (res) {
      if (!res || res.status !== 200) return res;
      if (latest[key] !== seq) { stats.overtaken++; return res; }  // overtaken: Dash drops it
      var copy = res.clone();
      return res.text().then(function (text) {
        var data, figs;
        try {
          data = JSON.parse(text);
          figs = figuresIn(data, body);
        } catch (err) {
          return copy;  // not JSON: Dash reads and reports it as usual
        }
        if (latest[key] !== seq) { stats.overtaken++; return copy; }
        if (!figs.length || !draw(figs)) return copy;
        var handed = new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
        handed.json = function () { return Promise.resolve(data); };  // the objects just drawn
        return new Promise(function (resolve) { afterPaint(function () { resolve(handed); }); });
      });
    });
  };
})();
