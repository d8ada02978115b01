"""Benchmark the dashboard against a straightforward baseline, side by side, in one run.

    python benchmarks/bench.py                       # shipped datasets/, full run
    python benchmarks/bench.py --quick               # CI smoke: small, bounded (well under 2 minutes)
    python benchmarks/bench.py --data-dir DIR        # any directory that follows the data contract
    python benchmarks/bench.py --synthetic 10000000  # generate SYNTHETIC data (not real) first, then run

For each app (``product`` = ``gunicorn app:server``; ``baseline`` = ``gunicorn benchmarks.baseline_app:server``)
it starts a real gunicorn process on 127.0.0.1 and measures:

* cold start: process start -> first served page ("/" answers 200); data load time (load_store, separately);
* RSS of the gunicorn processes after the first page and after the whole run;
* server-side callback latency over HTTP (POST /_dash-update-component, the payload a browser sends):
  build_state, then render, for filter changes on every dimension page; render is reported cache-cold
  (first time a state is seen: every state in the run is distinct) and cache-warm (the same states again);
  response bytes;
* time from navigation to all three charts drawn, per dimension page, in headless Chromium
  (fresh browser cache, then a repeat visit);
* throughput of the render endpoint with N concurrent clients (bounded by count and time).

Prints one table with product, baseline and baseline/product ratios. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
DIMENSIONS = ("endowments", "structure", "digital", "green", "internationalization")
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
APPS = {"product": "app:server", "baseline": "benchmarks.baseline_app:server"}


# ---------------------------------------------------------------- helpers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q / 100.0
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """(PSS summed over the gunicorn master and workers, largest single worker RSS) in MB.

    PSS splits pages shared after fork (``preload_app``) between the processes, so the sum is the
    real footprint; RSS of one worker is what that worker alone maps."""
    try:
        p = psutil.Process(pid)
        kids = p.children(recursive=True)
        pss = sum(q.memory_full_info().pss for q in [p] + kids)
        worker = max(q.memory_info().rss for q in (kids or [p]))
        return pss / 1e6, worker / 1e6
    except psutil.Error:
        return float("nan"), float("nan")


def parse_outputs(spec: str):
    """The ``outputs`` of a payload from the ``output`` string of /_dash-dependencies."""
    def one(s):
        i, _, prop = s.rpartition(".")
        return {"id": i, "property": prop}
    if spec.startswith("..") and spec.endswith(".."):
        return [one(s) for s in spec[2:-2].split("...")]
    return one(spec)


class Server:
    def __init__(self, name: str, data_dir: Path, workers: int, threads: int):
        self.name = name
        self.port = free_port()
        env = dict(os.environ, DASHBOARD_DATA_DIR=str(data_dir), DASHBOARD_PORT=str(self.port),
                   DASHBOARD_HOST="127.0.0.1", PYTHONPATH=str(ROOT), GUNICORN_WORKERS=str(workers),
                   GUNICORN_THREADS=str(threads))
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            # the production configuration (gunicorn.conf.py: gthread, preload_app), same for both apps
            [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), APPS[name], "--timeout", "300", "--graceful-timeout",
             "5", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 300
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} server exited; log: {Path(self.log.name).read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"{name} server did not answer within 300 s")
            time.sleep(0.05)
        self.cold_start = time.perf_counter() - t0
        self.rss_after_load = tree_rss_mb(self.proc.pid)
        deps = requests.get(self.url + "/_dash-dependencies", timeout=30).json()
        # one callback answers a control change: dependent controls, view state and every chart
        # (one round trip per user action)
        self.update_dep = next(d for d in deps if "ts-graph.figure" in d["output"])
        self.chart_latencies: list[float] = []
        self._pool = ThreadPoolExecutor(max_workers=8)
        self._local = threading.local()
        self.session = requests.Session()

    def post(self, dep: dict, inputs: list, state: list | None = None, session=None, changed: str | None = None):
        changed = changed or f"{inputs[0]['id']}.{inputs[0]['property']}"
        payload = {
            "output": dep["output"],
            "outputs": parse_outputs(dep["output"]),
            "inputs": inputs,
            "changedPropIds": [changed],
            "parsedChangedPropsIds": [changed],
        }
        if state:
            payload["state"] = state
        t0 = time.perf_counter()
        r = (session or self.session).post(self.url + "/_dash-update-component", json=payload, timeout=300)
        dt = time.perf_counter() - t0
        r.raise_for_status()
        return dt, len(r.content), r

    def _update_items(self, specs: list, values: dict) -> list:
        return [{**i, "value": values.get(i["id"])} for i in specs]

    def build_state(self, controls: dict, dimension: str):
        """A filter change as the browser posts it (previous view: the page's), timed end to end;
        returns (seconds, the new view state)."""
        values = dict(controls, **{"page-dimension": dimension})
        dt, n, r = self.post(self.update_dep, self._update_items(self.update_dep["inputs"], values),
                             self._update_items(self.update_dep["state"], values), changed="regions.value")
        return dt, r.json()["response"]["view-state"]["data"]

    def _session(self):
        if not hasattr(self._local, "s"):
            self._local.s = requests.Session()
        return self._local.s

    def render(self, view_state: dict, session=None):
        """Post the update callback for ``view_state`` with no previous view (every chart drawn);
        (time, bytes)."""
        st = view_state["state"]
        values = {"indicator": st["indicator"], "regions": st["regions"], "sectors": st["sectors"],
                  "years": [st["start"], st["end"]], "transform": st["transform"], "base-year": st["base_year"],
                  "log": ["log"] if st["log"] else [], "year-a": st["year_a"], "year-b": st["year_b"],
                  "stack": st["stack"], "page-dimension": st["dimension"]}
        inputs = self._update_items(self.update_dep["inputs"], values)
        dt, n, _ = self.post(self.update_dep, inputs, self._update_items(self.update_dep["state"], values),
                             session=session, changed="regions.value")
        self.chart_latencies.append(dt)
        return dt, n

    def stop(self):
        self.rss_after_run = tree_rss_mb(self.proc.pid)
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# ---------------------------------------------------------------- workload
def catalog(data_dir: Path):
    import pyarrow.parquet as pq
    return pq.read_table(data_dir / "catalog.parquet", columns=["indicator_id", "dimension", "stack_sectors"]) \
        .to_pylist()


def filter_changes(data_dir: Path, per_dim: int, variants: int) -> dict[str, list[dict]]:
    """Representative control values per dimension page: several indicators, each with filter changes
    (regions, sectors, years, transform, compare years, stack). Every one is a distinct view state."""
    rows = catalog(data_dir)
    peers = ["CHN", "USA", "JPN", "DEU", "KOR", "IND", "BEJ", "SHH", "GUD", "JSU", "ZHJ", "SCH"]
    changes: dict[str, list[dict]] = {}
    for dim in DIMENSIONS:
        inds = [r for r in rows if r["dimension"] == dim]
        # prefer indicators with a sector stack, they exercise all three charts
        inds.sort(key=lambda r: (r["stack_sectors"] == "", r["indicator_id"]))
        picked = inds[:per_dim]
        out = []
        for r in picked:
            stack = [s for s in r["stack_sectors"].split(",") if s]
            sectors = stack[:3] or ["total"]
            base = dict(indicator=r["indicator_id"], regions=["CHN", "USA", "JPN"], sectors=sectors,
                        years=[1990, 2023], transform="level", **{"base-year": 2015, "log": [],
                        "year-a": 2012, "year-b": 2022, "stack": "absolute"})
            variants_all = [
                {},
                {"regions": peers[:6]},
                {"transform": "yoy"},
                {"years": [2005, 2020]},
                {"transform": "index", "base-year": 2010},
                {"year-a": 2015, "year-b": 2020},
                {"stack": "percent"},
                {"regions": ["CHN"], "sectors": (stack or ["total"])[:6]},
                {"transform": "share"} if stack else {"log": ["log"]},
                {"years": [2012, 2023], "regions": peers[3:9]},
            ]
            for v in variants_all[:variants]:
                out.append({**base, **v})
        changes[dim] = out
    return changes


def measure_latency(server: Server, changes: dict[str, list[dict]]) -> dict:
    res: dict = {"per_dim": {}, "views": []}
    cold_all, warm_all, bytes_all, build_all, chart_cold_all = [], [], [], [], []
    for dim, controls_list in changes.items():
        cold, warm, sizes = [], [], []
        views = []
        for controls in controls_list:
            dt_b, view = server.build_state(controls, dim)
            build_all.append(dt_b)
            views.append(view)
        seen = set()
        i0 = len(server.chart_latencies)
        for view in views:  # first sight of each distinct state: cache-cold
            key = json.dumps(view["state"], sort_keys=True)
            dt, n = server.render(view)
            (warm if key in seen else cold).append(dt)
            seen.add(key)
            sizes.append(n)
        chart_cold_all += server.chart_latencies[i0:]
        for view in views:  # the same states again: cache-warm in the product
            dt, _ = server.render(view)
            warm.append(dt)
        res["per_dim"][dim] = {"cold_p95": pct(cold, 95), "warm_p95": pct(warm, 95),
                               "bytes_med": statistics.median(sizes), "n": len(cold)}
        cold_all += cold
        warm_all += warm
        bytes_all += sizes
        res["views"] += views
    res["cold"] = cold_all
    res["chart_cold"] = chart_cold_all
    res["warm"] = warm_all
    res["build"] = build_all
    res["bytes"] = bytes_all
    return res


def measure_throughput(server: Server, views: list[dict], clients: int, seconds: float, max_requests: int) -> dict:
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    count = [0]

    def worker(k: int):
        s = requests.Session()
        i = k
        while time.perf_counter() < stop_at:
            with lock:
                if count[0] >= max_requests:
                    return
                count[0] += 1
            try:
                dt, _ = server.render(views[i % len(views)], session=s)
                with lock:
                    lat.append(dt)
            except Exception:  # noqa: BLE001 - counted, reported
                with lock:
                    errors[0] += 1
            i += clients

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"rps": len(lat) / wall if wall else float("nan"), "p95": pct(lat, 95), "n": len(lat),
            "errors": errors[0], "wall": wall}


CHARTS_DRAWN_JS = """() => {
  const ids = ['ts-graph', 'cmp-graph', 'comp-graph'];
  return ids.every(id => {
    const gd = document.querySelector('#' + id + ' .js-plotly-plot');
    // the render callback has delivered a figure (it carries a template) and Plotly has drawn it
    return gd && gd._fullLayout && gd.layout && gd.layout.template !== undefined && Array.isArray(gd.data);
  });
}"""


def wait_drawn(page, timeout: float) -> None:
    """Poll (every 10 ms) until the three charts are drawn; the page may still be navigating."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if page.evaluate(CHARTS_DRAWN_JS):
                return
        except Exception:  # noqa: BLE001 - execution context replaced by the navigation
            pass
        page.wait_for_timeout(10)
    raise TimeoutError(f"charts not drawn within {timeout} s")


def measure_browser(url: str, pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
        try:
            for page_name in pages:
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                times = []
                for _ in range(2):  # fresh browser cache, then a repeat visit (assets cached)
                    t0 = time.perf_counter()
                    page.goto(f"{url}/{page_name}", wait_until="commit")
                    try:
                        wait_drawn(page, 30.0)
                        times.append(time.perf_counter() - t0)
                    except TimeoutError:
                        times.append(float("nan"))  # reported as nan, the run goes on
                    page.goto("about:blank")
                out[page_name] = times
                ctx.close()
        finally:
            browser.close()
    return out


def data_load_seconds(data_dir: Path) -> float:
    code = ("import time,sys; t=time.perf_counter(); from dashboard.data import load_store; "
            "s=load_store(sys.argv[1]); print(time.perf_counter()-t)")
    r = subprocess.run([PY, "-c", code, str(data_dir)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        return float(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return float("nan")


# ---------------------------------------------------------------- run and report
def run_app(name: str, args, data_dir: Path, changes, pages) -> dict:
    print(f"[{name}] starting gunicorn ...", file=sys.stderr, flush=True)
    server = Server(name, data_dir, args.workers, args.threads)
    try:
        r: dict = {"cold_start": server.cold_start, "rss_load": server.rss_after_load}
        print(f"[{name}] up in {server.cold_start:.2f} s; latency ...", file=sys.stderr, flush=True)
        r["lat"] = measure_latency(server, changes)
        if not args.no_browser:
            print(f"[{name}] browser ...", file=sys.stderr, flush=True)
            r["browser"] = measure_browser(server.url, pages)
        print(f"[{name}] throughput ...", file=sys.stderr, flush=True)
        r["tput"] = measure_throughput(server, r["lat"]["views"], args.clients, args.seconds, args.max_requests)
    finally:
        server.stop()
    r["rss_run"] = server.rss_after_run
    return r


def report(res: dict, args, data_dir: Path, n_rows: int, load_s: float) -> str:
    P, B = res["product"], res["baseline"]
    lines = []

    def row(label, p, b, fmt="{:.1f}", ratio=True):
        fp = fmt.format(p) if isinstance(p, (int, float)) else str(p)
        fb = fmt.format(b) if isinstance(b, (int, float)) else str(b)
        rt = f"{b / p:.2f}x" if ratio and isinstance(p, (int, float)) and p and isinstance(b, (int, float)) else ""
        lines.append(f"| {label} | {fp} | {fb} | {rt} |")

    ms = lambda v: v * 1000  # noqa: E731
    lines.append(f"Data: {data_dir} ({n_rows:,} observation rows); gunicorn -c gunicorn.conf.py (gthread, preload) "
                 f"workers={args.workers} threads={args.threads}, "
                 f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.machine()}")
    lines.append("")
    lines.append("| metric | product | baseline | baseline/product |")
    lines.append("|---|---|---|---|")
    row("cold start: process start -> first page (s)", P["cold_start"], B["cold_start"], "{:.2f}")
    row("data load, load_store in a fresh process (s)", load_s, "(same app start-up)", "{:.2f}", ratio=False)
    row("memory after first page, PSS of all processes (MB)", P["rss_load"][0], B["rss_load"][0], "{:.0f}",
        ratio=False)
    row("memory after the run, PSS of all processes (MB)", P["rss_run"][0], B["rss_run"][0], "{:.0f}", ratio=False)
    row("RSS after the run, largest worker (MB)", P["rss_run"][1], B["rss_run"][1], "{:.0f}", ratio=False)
    for kind, label in (("cold", "cache-cold"), ("warm", "cache-warm")):
        for q in (50, 95, 99):
            row(f"filter change -> all chart callbacks answered, {label} p{q} (ms)", ms(pct(P["lat"][kind], q)),
                ms(pct(B["lat"][kind], q)))
    for q in (50, 95, 99):
        row(f"one chart callback, cache-cold p{q} (ms)", ms(pct(P["lat"]["chart_cold"], q)),
            ms(pct(B["lat"]["chart_cold"], q)))
    row("build_state callback p95 (ms)", ms(pct(P["lat"]["build"], 95)), ms(pct(B["lat"]["build"], 95)))
    row("render response size, median (kB)", statistics.median(P["lat"]["bytes"]) / 1e3,
        statistics.median(B["lat"]["bytes"]) / 1e3, ratio=False)
    for dim in P["lat"]["per_dim"]:
        pd_, bd = P["lat"]["per_dim"][dim], B["lat"]["per_dim"][dim]
        lines.append(f"| /{dim}: render cold p95 / warm p95 (ms), n={pd_['n']} | "
                     f"{ms(pd_['cold_p95']):.1f} / {ms(pd_['warm_p95']):.1f} | "
                     f"{ms(bd['cold_p95']):.1f} / {ms(bd['warm_p95']):.1f} | "
                     f"{bd['cold_p95'] / pd_['cold_p95']:.2f}x cold |")
    if "browser" in P:
        for page in P["browser"]:
            pf, ps = P["browser"][page]
            bf, bs = B["browser"][page]
            row(f"/{page}: navigation -> all charts drawn, first visit (s)", pf, bf, "{:.2f}")
            row(f"/{page}: navigation -> all charts drawn, repeat visit (s)", ps, bs, "{:.2f}")
    tp, tb = P["tput"], B["tput"]
    lines.append(f"| throughput, {args.clients} clients, repeated states (filter changes/s, each = all chart "
                 f"callbacks) | {tp['rps']:.1f} | "
                 f"{tb['rps']:.1f} | {tp['rps'] / tb['rps'] if tb['rps'] else float('nan'):.2f}x (product/baseline) |")
    row(f"filter change p95 under {args.clients} clients (ms)", ms(tp["p95"]), ms(tb["p95"]))
    row("throughput filter changes / errors", f"{tp['n']} / {tp['errors']}", f"{tb['n']} / {tb['errors']}", ratio=False)
    lines.append("")
    lines.append("Ratios are baseline/product: above 1 means the product is faster (for the throughput row, "
                 "product/baseline). Cache-cold = first render of a distinct view state; cache-warm = the same "
                 "states again (the baseline has no cache, so its warm figures are cold too).")
    return "\n".join(lines)


def count_rows(data_dir: Path) -> int:
    import pyarrow.parquet as pq
    return sum(pq.ParquetFile(p).metadata.num_rows for p in data_dir.glob("*.parquet") if p.name != "catalog.parquet")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small bounded run for CI smoke tests")
    ap.add_argument("--data-dir", type=Path, default=ROOT / "datasets")
    ap.add_argument("--synthetic", type=int, metavar="ROWS", help="generate SYNTHETIC data of ROWS rows first")
    ap.add_argument("--workers", type=int, default=2, help="GUNICORN_WORKERS for gunicorn.conf.py (default 2)")
    ap.add_argument("--threads", type=int, default=4, help="GUNICORN_THREADS for gunicorn.conf.py (default 4)")
    ap.add_argument("--clients", type=int, default=None, help="concurrent clients for throughput (default 4)")
    ap.add_argument("--seconds", type=float, default=None, help="throughput duration bound (default 10)")
    ap.add_argument("--max-requests", type=int, default=2000, help="throughput request-count bound")
    ap.add_argument("--no-browser", action="store_true", help="skip the headless Chromium timings")
    ap.add_argument("--apps", default="product,baseline", help=argparse.SUPPRESS)
    ap.add_argument("--per-dim", type=int, help="indicators per dimension page (default 3; quick 1)")
    ap.add_argument("--variants", type=int, help="filter changes per indicator (default 10; quick 3)")
    ap.add_argument("--pages", help="comma-separated pages for the browser timings (default: all five)")
    ap.add_argument("--json", type=Path, help="also write the raw results as JSON here")
    args = ap.parse_args(argv)
    args.clients = args.clients or (2 if args.quick else 4)
    args.seconds = args.seconds or (2.0 if args.quick else 10.0)
    if args.quick:
        args.max_requests = min(args.max_requests, 200)
    data_dir = args.data_dir
    if args.synthetic:
        from dashboard.data.synthetic import generate
        data_dir = Path(tempfile.mkdtemp(prefix="synthetic-"))
        print(f"generating {args.synthetic:,} SYNTHETIC rows in {data_dir} ...", file=sys.stderr, flush=True)
        generate(args.synthetic, data_dir)
    data_dir = data_dir.resolve()
    if args.quick and not (shutil_which(CHROMIUM)):
        args.no_browser = True
    per_dim, variants = (1, 3) if args.quick else (3, 10)
    changes = filter_changes(data_dir, args.per_dim or per_dim, args.variants or variants)
    pages = args.pages.split(",") if args.pages else (["structure"] if args.quick else list(DIMENSIONS))
    load_s = data_load_seconds(data_dir)
    res = {name: run_app(name, args, data_dir, changes, pages) for name in ("product", "baseline")}
    text = report(res, args, data_dir, count_rows(data_dir), load_s)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(res, default=str, indent=1))
    return 0


def shutil_which(path: str) -> bool:
    return Path(path).exists()


if __name__ == "__main__":
    raise SystemExit(main())
