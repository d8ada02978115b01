"""The app beside a Streamlit page doing the same job, driven by one headless Chromium script (issue 14).

    pip install -e .[test,bench]                     # Playwright + Streamlit (a benchmark-only extra)
    python benchmarks/side_by_side.py                # full run on the shipped datasets/, /structure
    python benchmarks/side_by_side.py --quick        # a short run that shows the harness works
    python benchmarks/side_by_side.py --data-dir /tmp/syn10m --pages structure   # SYNTHETIC data

Starts, on 127.0.0.1 and free ports, the app under gunicorn as the README deploys it
(``gunicorn -c gunicorn.conf.py app:server``, with a fresh render-cache folder) and
``benchmarks/streamlit_page.py`` under ``streamlit run``, over the same Parquet files, and measures with
the same browser (Debian's /usr/bin/chromium through Playwright; the two pages in separate contexts,
measurements interleaved so that both see the same machine load):

a. indicator change -> new chart drawn: the time from the click on the option (captured in the page) to
   the first animation frame in which the new chart is in the DOM: for the app, the Plotly graph holds a
   new figure (``gd.data``/``gd.layout`` replaced) and its traces are drawn; for Streamlit, the Vega-Lite
   chart's SVG marks differ from before. "line" = the time-series chart; "both" = it and the compare-years
   chart. Median of ``--repeat`` rounds over ``--indicators`` indicators (round 1 is cache-cold for the app).
b. other filter changes on the app (regions, years, transform, log): until the time series is redrawn.
c. navigation: a fresh browser context (cold HTTP cache) until all charts of the page are drawn,
   ``performance.now()`` in the new document (relative to the start of the navigation); median of
   ``--nav-repeat`` visits, app and Streamlit alternating. Also, for the app, navigation within it:
   from another dimension page (drawn), a click on the navbar link until every chart of the page
   (not yet visited in that browser context) is drawn; and by the page's URL: from another dimension page
   (drawn, so the site's scripts are in the browser's cache), loading the page's address until all its
   charts are drawn. Before the action measured, the first page of the app has finished loading: its
   charts drawn and the service worker it registers once loaded installed (``settle``), then 0.5 s.
d. server time per chart callback: the chart-callback requests the browser made in (a)+(b), as the browser
   saw them (request sent -> first response byte), and replayed over HTTP one at a time (like bench.py)
   against the app and against a second app started with the render cache off (DASHBOARD_CACHE_SECONDS=0):
   p95.

Prints one table with both apps and the Streamlit/app ratio, then the issue's goals with met / not met.
Every loop is bounded and every wait has a timeout (a timed-out sample is reported as nan and the run goes
on). Control ids (``CONTROLS``) and chart ids (``APP_CHARTS``) are the app's; adjust them if the UI changes.
No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CHROME_ARGS, CHROMIUM, GUNICORN, PY, ROOT, count_rows, free_port, pct  # noqa: E402

STREAMLIT = str(Path(PY).with_name("streamlit"))
APP_CHARTS = ("ts", "cmp", "comp")            # #<key>-graph holds a Plotly graph
CONTROLS = {"indicator": "indicator", "regions": "regions", "years": "years", "transform": "transform",
            "log": "log"}
GOALS_MS = {"indicator": 150.0, "ratio": 1.8, "filter": 120.0, "navigation": 800.0,
            "p95_shipped": 25.0, "p95_10m": 100.0}
TIMEOUT_MS = 20_000

# ---------------------------------------------------------------- in-page measurement
# Snapshot the charts, then time from the next pointerdown/mousedown/keydown (capture phase on window:
# before any listener of the page, such as the app's prefetch at pointerdown) to the first animation
# frame in which every chart has changed and is drawn. Result in window.__bench.result: {chart: ms} or
# {error}. Runs in the page's JS world through CDP (not subject to the page's CSP).
WATCH_JS = """([kind, charts, timeoutMs]) => {
  const dashGd = (k) => document.querySelector('#' + k + '-graph .js-plotly-plot');
  const vega = (i) => document.querySelectorAll('[data-testid="stVegaLiteChart"]')[i];
  const dashDrawn = (gd) => !!(gd && gd._fullLayout && gd.data && gd.layout &&
      (gd.querySelector('.scatterlayer .trace, .barlayer .trace') ||
       (gd.layout.meta && gd.layout.meta.empty && gd.querySelector('.annotation-text'))));
  const vegaSig = (el) => el ? Array.from(el.querySelectorAll('svg .role-mark path'))
      .map(p => p.getAttribute('d')).join('|') : '';
  const snap = {};
  for (const c of charts) {
    if (kind === 'dash') { const gd = dashGd(c); snap[c] = gd ? {d: gd.data, l: gd.layout} : {}; }
    else snap[c] = vegaSig(vega(c));
  }
  const changed = (c) => {
    if (kind === 'dash') { const gd = dashGd(c);
      return dashDrawn(gd) && (gd.data !== snap[c].d || gd.layout !== snap[c].l); }
    const el = vega(c); const s = vegaSig(el);
    return s !== '' && s !== snap[c];
  };
  const b = window.__bench = {t0: null, result: null, done: {}};
  const arm = () => { if (b.t0 === null) b.t0 = performance.now(); };
  window.addEventListener('pointerdown', arm, {capture: true, once: true});
  window.addEventListener('mousedown', arm, {capture: true, once: true});
  window.addEventListener('keydown', arm, {capture: true, once: true});
  const started = performance.now();
  const tick = () => {
    const now = performance.now();
    if (b.t0 !== null) {
      for (const c of charts) if (!(c in b.done) && changed(c)) b.done[c] = now - b.t0;
      if (charts.every(c => c in b.done)) { b.result = b.done; return; }
    }
    if (now - started > timeoutMs) { b.result = {error: 'timeout', done: b.done, armed: b.t0 !== null}; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return true;
}"""

# Installed before any page script: records performance.now() at the first frame with all charts drawn.
NAV_JS = {
    "dash": """(() => {
  const keys = %s;
  const drawn = () => keys.every(k => { const gd = document.querySelector('#' + k + '-graph .js-plotly-plot');
    return gd && gd._fullLayout && gd.layout && gd.layout.template !== undefined && Array.isArray(gd.data) &&
      (gd.querySelector('.scatterlayer .trace, .barlayer .trace') ||
       (gd.layout.meta && gd.layout.meta.empty && gd.querySelector('.annotation-text'))); });
  const tick = () => { if (drawn()) { window.__navDone = performance.now(); return; }
    if (performance.now() < 60000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();""" % json.dumps(list(APP_CHARTS)),  # noqa: UP031 (JS braces)
    "streamlit": """(() => {
  const drawn = () => { const els = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
    const app = document.querySelector('[data-testid="stApp"]');
    return els.length >= 2 && Array.from(els).every(el => el.querySelector('svg .role-mark path')) &&
      app && app.getAttribute('data-test-script-state') === 'notRunning'; };
  const tick = () => { if (drawn()) { window.__navDone = performance.now(); return; }
    if (performance.now() < 60000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();""",
}


def median(values: list[float]) -> float:
    v = [x for x in values if not math.isnan(x)]
    return statistics.median(v) if v else float("nan")


# ---------------------------------------------------------------- servers
class Proc:
    """A server process on 127.0.0.1 with its log in a temp file; stopped by pid."""

    def __init__(self, name: str, argv: list[str], env: dict, url: str, ready_path: str = "/",
                 cleanup: Path | None = None):
        self.name, self.url, self.cleanup = name, url, cleanup
        self.log = tempfile.NamedTemporaryFile(prefix=f"side-{name}-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env}, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited; log {self.log.name}:\n{Path(self.log.name).read_text()[-3000:]}")
            try:
                if requests.get(url + ready_path, timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not answer within 180 s (log {self.log.name})")
            time.sleep(0.1)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.cleanup:
            shutil.rmtree(self.cleanup, ignore_errors=True)


def start_app(data_dir: Path, workers: int | None, cache_seconds: int | None = None) -> Proc:
    port = free_port()
    cache_dir = Path(tempfile.mkdtemp(prefix="side-cache-"))  # a fresh, empty render cache for this run
    env = {"DASHBOARD_HOST": "127.0.0.1", "DASHBOARD_PORT": str(port), "DASHBOARD_DATA_DIR": str(data_dir),
           "DASHBOARD_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT),
           "GUNICORN_ACCESSLOG": ""}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    if cache_seconds is not None:
        env["DASHBOARD_CACHE_SECONDS"] = str(cache_seconds)
    proc = Proc("app", [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "app:server"], env,
                f"http://127.0.0.1:{port}", cleanup=cache_dir)
    wait_workers_warm(proc)
    return proc


def wait_workers_warm(proc: Proc, timeout_s: float = 90) -> None:
    """Wait until every gunicorn worker has logged its warm-up (gunicorn.conf.py post_worker_init):
    the first worker answers while the others still warm up, and measuring then measures start-up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        log = Path(proc.log.name).read_text(errors="replace")
        booted = log.count("Booting worker")
        if booted and log.count("worker warm-up") >= booted:
            return
        time.sleep(0.2)
    print(f"  {proc.name}: workers not all warm after {timeout_s:.0f} s; measuring anyway", file=sys.stderr)


def start_streamlit(data_dir: Path, dimension: str) -> Proc:
    if not Path(STREAMLIT).exists():
        raise SystemExit("streamlit is not installed: pip install -e '.[bench]' (benchmark-only extra)")
    port = free_port()
    argv = [STREAMLIT, "run", str(ROOT / "benchmarks" / "streamlit_page.py"), "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--", "--dimension", dimension, "--data-dir", str(data_dir)]
    return Proc("streamlit", argv, {}, f"http://127.0.0.1:{port}", "/_stcore/health")


# ---------------------------------------------------------------- catalog
def indicators_for(data_dir: Path, dimension: str, n: int) -> list[dict]:
    """``n`` indicators of the page after its first one, with the app's value and Streamlit's label."""
    import pyarrow.parquet as pq
    rows = [r for r in pq.read_table(data_dir / "catalog.parquet",
                                     columns=["indicator_id", "dimension", "name", "unit", "headline"]).to_pylist()
            if r["dimension"] == dimension]
    return [{"id": r["indicator_id"], "label": f"{r['name']} ({r['unit']})"} for r in rows[1:1 + n]]


# ---------------------------------------------------------------- browser actions
def watch(page, kind: str, charts: list) -> None:
    page.evaluate(WATCH_JS, [kind, charts, TIMEOUT_MS])


def result(page, charts: list) -> dict:
    page.wait_for_function("() => window.__bench && window.__bench.result !== null", timeout=TIMEOUT_MS + 5000)
    r = page.evaluate("() => window.__bench.result")
    if "error" in r:
        print(f"    timeout: {r}", file=sys.stderr, flush=True)
        return {c: float("nan") for c in charts}
    return {c: float(r[str(c)]) for c in charts}  # JS object keys are strings


def timed(page, kind: str, charts: list, action) -> dict:
    try:
        watch(page, kind, charts)
        action()
        return result(page, charts)
    except Exception as exc:  # noqa: BLE001 - a failed sample is nan; the run goes on
        print(f"    sample failed: {type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr, flush=True)
        return {c: float("nan") for c in charts}


def app_select(page, dd_id: str, value: str, charts=("ts",), close: bool = True) -> dict:
    """Open a Dash dropdown, then time the click on the option ``value`` until ``charts`` are redrawn."""
    page.click(f"#{dd_id}")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]", timeout=TIMEOUT_MS)
    option = page.locator(f".dash-dropdown-content .dash-options-list-option:has(input[value=\"{value}\"])")
    option.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
    out = timed(page, "dash", list(charts), lambda: option.click(timeout=TIMEOUT_MS))
    if close and page.locator(".dash-dropdown-content").count():
        page.keyboard.press("Escape")
    return out


def streamlit_select(page, label: str) -> dict:
    box = page.locator('input[aria-label="Indicator"]')
    box.click(timeout=TIMEOUT_MS)
    box.fill(label[:40])
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for(timeout=TIMEOUT_MS)
    return timed(page, "streamlit", [0, 1], lambda: option.click(timeout=TIMEOUT_MS))


def other_region(data_dir: Path, dimension: str) -> str:
    """The region the filter round adds and removes: the United States, or (synthetic data) the
    second region of the dimension's file."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    regions = pc.unique(pq.read_table(data_dir / f"{dimension}.parquet", columns=["region"])["region"]).to_pylist()
    return "USA" if "USA" in regions else sorted(r for r in regions if r != "CHN")[0]


def app_filter_changes(page, region: str = "USA") -> list[tuple[str, dict]]:
    """One round of filter changes on the app, each redrawing the time series; ends where it started."""
    c = CONTROLS
    thumb = page.locator(f"#{c['years']} [role=slider]").first
    steps = [
        ("regions", lambda: app_select(page, c["regions"], region)),
        ("years", lambda: (thumb.focus(), timed(page, "dash", ["ts"], lambda: page.keyboard.press("PageUp")))[1]),
        ("log", lambda: timed(page, "dash", ["ts"], lambda: page.click(f"#{c['log']} input[value=log]"))),
        ("log", lambda: timed(page, "dash", ["ts"], lambda: page.click(f"#{c['log']} input[value=log]"))),
        ("transform", lambda: timed(page, "dash", ["ts"],
                                    lambda: page.click(f"#{c['transform']} input[value=yoy]"))),
        ("transform", lambda: timed(page, "dash", ["ts"],
                                    lambda: page.click(f"#{c['transform']} input[value=level]"))),
        ("years", lambda: (thumb.focus(), timed(page, "dash", ["ts"], lambda: page.keyboard.press("PageDown")))[1]),
        ("regions", lambda: app_select(page, c["regions"], region)),
    ]
    out = []
    for kind, step in steps:
        out.append((kind, step()))
        page.wait_for_timeout(200)  # let the page settle between user actions
    return out


def _in_fresh_context(browser, init_js: str, what: str, measure) -> float:
    """``measure(page)`` in a new browser context (cold HTTP cache) with ``init_js`` installed; the
    time it returns, or nan (reported) when it fails."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        ctx.add_init_script(init_js)
        return measure(ctx.new_page())
    except Exception as exc:  # noqa: BLE001
        print(f"    {what} failed: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
        return float("nan")
    finally:
        ctx.close()


#: after a first page of the app has drawn its charts: resolves once the page's service worker (the app
#: registers one after the load, when the browser is idle: dashboard/service_worker.py) is installed and
#: active, i.e. the page has finished caching the site's scripts; "none" when no worker is registered
#: within 3 s, "timeout" after 15 s
WORKER_SETTLED_JS = """async () => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return 'none';
  const t0 = performance.now();
  while (performance.now() - t0 < 15000) {
    const reg = await navigator.serviceWorker.getRegistration();
    if (reg && reg.active && !reg.installing && !reg.waiting) return 'active';
    if (!reg && performance.now() - t0 > 3000) return 'none';
    await new Promise(r => setTimeout(r, 50));
  }
  return 'timeout';
}"""


def settle(page) -> None:
    """Let a first page of the app finish its loading work (its charts drawn, its service worker
    installed), then 0.5 s, before the measured action: a reader's next action comes after that."""
    state = page.evaluate(WORKER_SETTLED_JS)
    if state == "timeout":
        print("    the page's service worker did not become active within 15 s", file=sys.stderr, flush=True)
    time.sleep(0.5)


def navigation(browser, url: str, kind: str) -> float:
    def measure(page):
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__navDone !== undefined", timeout=60_000)
        return page.evaluate("() => window.__navDone")
    return _in_fresh_context(browser, NAV_JS[kind], f"navigation to {url}", measure)


def url_navigation(browser, base: str, from_page: str, to_page: str) -> float:
    """Load ``/from_page`` (its charts drawn: the site's scripts and styles are now in the browser's
    cache), then load ``/to_page``, a page not yet visited in this browser context, from its URL (the
    address bar, a bookmark, a shared link): ms from that navigation's start until every chart of
    ``/to_page`` is drawn (nan on failure)."""
    def measure(page):
        page.goto(f"{base}/{from_page}", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__navDone !== undefined", timeout=60_000)
        settle(page)
        page.goto(f"{base}/{to_page}", wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__navDone !== undefined", timeout=60_000)
        return page.evaluate("() => window.__navDone")
    return _in_fresh_context(browser, NAV_JS["dash"], f"navigation by URL to /{to_page}", measure)


#: in-page: click the navbar link to ``path``; done at the first frame in which every chart of the
#: new page is drawn (each holds a figure of another indicator than before the click)
INAPP_JS = """([path, keys]) => {
  const gd = (k) => document.querySelector('#' + k + '-graph .js-plotly-plot');
  const ind = (k) => { const g = gd(k); return g && g.layout && g.layout.meta ? g.layout.meta.indicator : null; };
  const before = keys.map(ind);
  const drawn = () => location.pathname === path && keys.every((k, i) => { const g = gd(k);
    return g && g._fullLayout && ind(k) !== before[i] && (g.querySelector('.scatterlayer .trace, .barlayer .trace') ||
      (g.layout.meta && g.layout.meta.empty && g.querySelector('.annotation-text'))); });
  window.__inapp = null;
  const link = document.querySelector('nav a[href^="' + path + '"]');
  const t0 = performance.now();
  const tick = () => { if (drawn()) { window.__inapp = performance.now() - t0; return; }
    if (performance.now() - t0 < 60000) requestAnimationFrame(tick); };
  link.click();
  requestAnimationFrame(tick);
}"""


def inapp_navigation(browser, base: str, from_page: str, to_page: str) -> float:
    """Click the navbar link from ``/from_page`` (its charts drawn) to ``/to_page``, a page not yet
    visited in this browser context: ms until every chart of ``/to_page`` is drawn (nan on failure)."""
    def measure(page):
        page.goto(f"{base}/{from_page}", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__navDone !== undefined", timeout=60_000)
        settle(page)
        page.evaluate(INAPP_JS, [f"/{to_page}", list(APP_CHARTS)])
        page.wait_for_function("() => window.__inapp !== null && window.__inapp !== undefined", timeout=60_000)
        return page.evaluate("() => window.__inapp")
    return _in_fresh_context(browser, NAV_JS["dash"], f"in-app navigation to /{to_page}", measure)


# ---------------------------------------------------------------- server time (d)
def replay(url: str, requests_made: list[tuple[str, str]], reps: int) -> tuple[list[float], int]:
    """Post each recorded (path, body) ``reps`` times, one at a time on one keep-alive connection:
    (times in ms of the 200 answers, number of other answers)."""
    s = requests.Session()
    out, bad = [], 0
    for _ in range(reps):
        for path, body in requests_made:
            t0 = time.perf_counter()
            r = s.post(url + path, data=body.encode(), headers={"Content-Type": "application/json"}, timeout=60)
            dt = time.perf_counter() - t0
            if r.status_code == 200:
                out.append(dt * 1000)
            else:
                bad += 1
    return out, bad


# ---------------------------------------------------------------- run
def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    data_dir = args.data_dir.resolve()
    dim = args.pages[0]
    inds = indicators_for(data_dir, dim, args.indicators)
    region = other_region(data_dir, dim)
    if len(inds) < 2:
        raise SystemExit(f"/{dim} needs at least 3 indicators for the indicator-change measurement")
    res: dict = {"indicator": {"app": [], "streamlit": []}, "filters": [], "nav": {}, "wire": [], "bodies": []}
    print("starting the app (gunicorn) and the Streamlit page ...", file=sys.stderr, flush=True)
    app = start_app(data_dir, args.workers)
    st = None
    try:
        st = start_streamlit(data_dir, dim)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
            try:
                # (c) navigation first: fresh contexts, cold HTTP caches (round 1: the app's render
                # cache empty too), app and Streamlit alternating; then in-app navigation (a navbar
                # link from another dimension page, scripts loaded, the page not yet visited)
                for page_name in args.pages:
                    nav = res["nav"].setdefault(page_name, {"app": [], "streamlit": [], "inapp": [], "url": []})
                    for _ in range(args.nav_repeat):
                        nav["app"].append(navigation(browser, f"{app.url}/{page_name}", "dash"))
                        if page_name == dim:
                            nav["streamlit"].append(navigation(browser, f"{st.url}/?dimension={page_name}", "streamlit"))
                        other = next(p for p in ("green", "structure") if p != page_name)
                        nav["inapp"].append(inapp_navigation(browser, app.url, other, page_name))
                        nav["url"].append(url_navigation(browser, app.url, other, page_name))
                    print(f"  navigation /{page_name}: {nav}", file=sys.stderr, flush=True)

                actx = browser.new_context(viewport={"width": 1400, "height": 1000})
                sctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                apage, spage = actx.new_page(), sctx.new_page()

                def on_request_finished(req):
                    parts = urlsplit(req.url)
                    if req.method == "POST" and parts.path.endswith("/_dash-update-component"):
                        body = req.post_data or ""
                        if ".figure" in body.split('"inputs"')[0]:  # a callback with a figure output
                            t = req.timing
                            res["wire"].append(t["responseStart"] - t["requestStart"])
                            res["bodies"].append((parts.path + (f"?{parts.query}" if parts.query else ""), body))
                apage.on("requestfinished", on_request_finished)
                apage.goto(f"{app.url}/{dim}", timeout=TIMEOUT_MS)
                apage.wait_for_function("(k) => { const gd = document.querySelector('#' + k + '-graph .js-plotly-plot');"
                                        " return !!(gd && gd._fullLayout); }", arg=APP_CHARTS[0], timeout=60_000)
                spage.goto(st.url, timeout=TIMEOUT_MS)
                spage.wait_for_selector('[data-testid="stVegaLiteChart"] svg .role-mark path', timeout=60_000)
                settle(apage)  # the app's page done loading, its service worker installed
                spage.wait_for_timeout(500)

                # (a) indicator change, interleaved: app, then Streamlit, for each indicator, repeat rounds
                for rnd in range(args.repeat):
                    for ind in inds:
                        a = app_select(apage, CONTROLS["indicator"], ind["id"], charts=APP_CHARTS[:2])
                        apage.wait_for_timeout(300)
                        s = streamlit_select(spage, ind["label"])
                        spage.wait_for_timeout(300)
                        res["indicator"]["app"].append({"round": rnd, "indicator": ind["id"],
                                                        "line": a["ts"], "both": max(a["ts"], a["cmp"])})
                        res["indicator"]["streamlit"].append({"round": rnd, "indicator": ind["id"],
                                                              "line": s[0], "both": max(s[0], s[1])})
                        print(f"  round {rnd + 1} {ind['id']}: app {a['ts']:.0f}/{max(a['ts'], a['cmp']):.0f} ms, "
                              f"streamlit {s[0]:.0f}/{max(s[0], s[1]):.0f} ms (line/both)", file=sys.stderr, flush=True)
                # (b) other filter changes on the app
                for rnd in range(args.repeat):
                    for kind, r in app_filter_changes(apage, region):
                        res["filters"].append({"round": rnd, "kind": kind, "ms": r["ts"]})
                    print(f"  filters round {rnd + 1}: " + ", ".join(
                        f"{f['kind']} {f['ms']:.0f}" for f in res["filters"] if f["round"] == rnd),
                        file=sys.stderr, flush=True)
                actx.close()
                sctx.close()
            finally:
                browser.close()
        # (d) the chart-callback requests of (a)+(b), replayed one at a time: warm cache, then cache off
        bodies = list(dict.fromkeys(res["bodies"]))
        res["replay_warm"], res["replay_warm_errors"] = replay(app.url, bodies, args.replays)
    finally:
        app.stop()
        if st:
            st.stop()
    off = start_app(data_dir, args.workers, cache_seconds=0)
    try:
        res["replay_off"], res["replay_off_errors"] = replay(off.url, bodies, args.replays)
    finally:
        off.stop()
    res["n_bodies"] = len(bodies)
    del res["bodies"]
    return res


def fmt(v: float, f: str = "{:.0f}") -> str:
    return "nan" if v is None or (isinstance(v, float) and math.isnan(v)) else f.format(v)


def report(res: dict, args) -> str:
    data_dir = args.data_dir.resolve()
    n_rows = count_rows(data_dir)
    lines = [f"Data: {data_dir} ({n_rows:,} observation rows); app: gunicorn -c gunicorn.conf.py app:server "
             f"(workers {args.workers or 'from gunicorn.conf.py'}); Streamlit: benchmarks/streamlit_page.py; "
             f"headless Chromium; {os.cpu_count()} CPUs, Python {platform.python_version()}; "
             f"{args.repeat} rounds x {args.indicators} indicators on /{args.pages[0]}", "",
             "| metric | app | Streamlit | Streamlit/app |", "|---|---|---|---|"]
    ia, is_ = res["indicator"]["app"], res["indicator"]["streamlit"]
    out = {}
    for what, label in (("line", "new line drawn"), ("both", "both charts drawn")):
        a, s = median([x[what] for x in ia]), median([x[what] for x in is_])
        out[what] = (a, s)
        lines.append(f"| indicator change -> {label}, median (ms), n={len(ia)} | {fmt(a)} | {fmt(s)} | "
                     f"{fmt(s / a if a else float('nan'), '{:.2f}x')} |")
        a1 = median([x[what] for x in ia if x["round"] == 0])
        s1 = median([x[what] for x in is_ if x["round"] == 0])
        lines.append(f"| ... round 1 only (app render cache cold), median (ms) | {fmt(a1)} | {fmt(s1)} | "
                     f"{fmt(s1 / a1 if a1 else float('nan'), '{:.2f}x')} |")
    kinds = {}
    for f in res["filters"]:
        kinds.setdefault(f["kind"], []).append(f["ms"])
    for kind, v in kinds.items():
        lines.append(f"| {kind} change -> time series redrawn, median (ms), n={len(v)} | {fmt(median(v))} | "
                     f"(not measured) | |")
    for page, v in res["nav"].items():
        a, s_ = median(v["app"]), median(v["streamlit"])
        lines.append(f"| /{page}: navigation -> all charts drawn, first visit, cold HTTP cache, median (ms), "
                     f"n={len(v['app'])} | {fmt(a)} | {fmt(s_)} | {fmt(s_ / a if a else float('nan'), '{:.2f}x')} |")
        lines.append(f"| /{page}: navigation in the app (navbar link, page not yet visited), median (ms), "
                     f"n={len(v['inapp'])} | {fmt(median(v['inapp']))} | (one-page app) | |")
        lines.append(f"| /{page}: navigation by the page's URL, site's scripts cached, page not yet visited, "
                     f"median (ms), n={len(v.get('url', []))} | {fmt(median(v.get('url', [])))} | (one-page app) | |")
    for key, label in (("wire", "as the browser saw them (cold and warm)"),
                       ("replay_warm", "replayed, render cache warm"), ("replay_off", "replayed, render cache off")):
        v = res[key]
        errors = f", non-200 answers {res[key + '_errors']}" if key + "_errors" in res else ""
        lines.append(f"| chart callback server time, {label}: p50 / p95 (ms), n={len(v)}{errors} | "
                     f"{fmt(pct(v, 50))} / {fmt(pct(v, 95))} | | |")
    lines += ["", "Times are from the user's input event (or the navigation start) to the first animation frame "
              "with the new chart in the DOM, measured in the page. Ratio > 1: the app is faster.", ""]

    ind_a, ind_s = out["line"]
    filt = [median(v) for v in kinds.values()]
    navs = [median(v[k]) for v in res["nav"].values() for k in ("inapp", "url")]
    cold = [median(v["app"]) for v in res["nav"].values()]
    big = n_rows > 1_000_000
    p95_off = pct(res["replay_off"], 95)
    goals = [
        (f"indicator change -> new chart drawn <= {GOALS_MS['indicator']:.0f} ms median", f"{fmt(ind_a)} ms",
         ind_a <= GOALS_MS["indicator"]),
        (f"... and >= {GOALS_MS['ratio']}x faster than the Streamlit page", fmt(ind_s / ind_a, "{:.2f}x"),
         ind_s / ind_a >= GOALS_MS["ratio"]),
        (f"other filter change -> redrawn <= {GOALS_MS['filter']:.0f} ms median (each kind)",
         ", ".join(f"{k} {fmt(median(v))}" for k, v in kinds.items()) + " ms",
         bool(filt) and all(x <= GOALS_MS["filter"] for x in filt)),
        (f"navigation -> all charts drawn <= {GOALS_MS['navigation']:.0f} ms, first visit of a page (every "
         "page; by navbar link and by its URL with the site's scripts cached)",
         ", ".join(f"/{p} link {fmt(median(v['inapp']))}, URL {fmt(median(v.get('url', [])))}"
                   for p, v in res["nav"].items()) + " ms",
         bool(navs) and all(x <= GOALS_MS["navigation"] for x in navs)),
        (f"p95 server time per chart callback <= {GOALS_MS['p95_10m' if big else 'p95_shipped']:.0f} ms on "
         f"{'10M-row synthetic' if big else 'shipped'} data (render cache off)", f"{fmt(p95_off)} ms",
         p95_off <= GOALS_MS["p95_10m" if big else "p95_shipped"]),
    ]
    lines += ["| goal (issue 14) | measured | verdict |", "|---|---|---|"]
    for goal, measured, ok in goals:
        lines.append(f"| {goal} | {measured} | {'met' if ok else 'NOT met'} |")
    other = "p95 on the shipped data" if big else "p95 on 10M-row synthetic data"
    lines.append(f"| {other} | not measured in this run (use --data-dir) | |")
    lines += ["", "For the record, not a goal as docs/performance.md reads issue 14: the first load of the site "
              "with a cold browser cache (every script downloaded and compiled once) drew all charts in "
              + ", ".join(f"/{p} {fmt(x)}" for p, x in zip(res["nav"], cold)) + f" ms (median; "
              f"{'within' if cold and all(x <= GOALS_MS['navigation'] for x in cold) else 'over'} "
              f"{GOALS_MS['navigation']:.0f} ms)."]
    if args.quick:
        lines += ["", "QUICK RUN (few samples, busy machine): the figures show the harness works, they are "
                      "not results."]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2 rounds x 2 indicators, few replays")
    ap.add_argument("--data-dir", type=Path, default=ROOT / "datasets")
    ap.add_argument("--pages", default="structure",
                    help="comma-separated dimension pages; the first is driven (a, b), all are navigated (c)")
    ap.add_argument("--repeat", type=int, default=None, help="rounds per measurement (default 5; quick 2)")
    ap.add_argument("--indicators", type=int, default=None, help="indicators per round (default 3; quick 2)")
    ap.add_argument("--nav-repeat", type=int, default=None, help="first visits per page and kind (default 3)")
    ap.add_argument("--replays", type=int, default=None, help="HTTP replays of each chart request (default 5)")
    ap.add_argument("--workers", type=int, default=None,
                    help="GUNICORN_WORKERS (default: gunicorn.conf.py's, as deployed)")
    ap.add_argument("--json", type=Path, help="also write the raw samples as JSON here")
    args = ap.parse_args(argv)
    args.pages = [p for p in args.pages.split(",") if p]
    args.repeat = max(1, min(args.repeat or (2 if args.quick else 5), 50))
    args.indicators = max(2, min(args.indicators or (2 if args.quick else 3), 10))
    args.replays = max(1, min(args.replays or (2 if args.quick else 5), 50))
    args.nav_repeat = max(1, min(args.nav_repeat or (1 if args.quick else 3), 20))
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium")
    res = run(args)
    text = report(res, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
