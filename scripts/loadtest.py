#!/usr/bin/env python
"""Bounded load test on 127.0.0.1 against gunicorn started with gunicorn.conf.py (the Docker setup).

    python scripts/loadtest.py [--clients 50] [--seconds 60] [--port 0]

Starts ``gunicorn -c gunicorn.conf.py app:server`` on 127.0.0.1 (a free port by default), runs
N client threads for T seconds that mix page loads, ``/_dash-layout``, the page router callback and
chart callbacks with varied view states, then stops the server. Prints errors (any non-2xx or
connection failure), latency p50/p95/p99, requests/s and the memory (PSS, summed) of the gunicorn processes after
the first minute (or half-way for shorter runs) and at the end. Exits 1 on any error.
Only ever talks to 127.0.0.1; bounded by --seconds (hard stop) and --max-requests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["/", "/endowments", "/structure", "/digital", "/green", "/internationalization"]
DIMENSIONS = PAGES[1:]
UPDATE = "/_dash-update-component"
ROUTER = ".._pages_content.children..._pages_store.data.."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def states() -> list[dict]:
    """Varied, valid view states (all indicators, some regions/years/transforms)."""
    from dashboard.data import load_store
    from dashboard.model.catalog import indicator_meta
    from dashboard.model.state import default_state
    from dashboard.settings import DEFAULT_DATA_DIR

    store = load_store(DEFAULT_DATA_DIR)
    rng = random.Random(1)
    out = []
    for ind in store.catalog.index:
        meta = indicator_meta(store, ind)
        st = default_state(meta).to_dict()
        for _ in range(3):
            s = dict(st)
            s["regions"] = rng.sample(list(meta.regions), k=min(len(meta.regions), rng.randint(1, 5)))
            s["transform"] = rng.choice(["level", "yoy", "index"])
            s["start"] = rng.randint(meta.year_min, meta.year_max)
            s["end"] = rng.randint(s["start"], meta.year_max)
            s["stack"] = rng.choice(["absolute", "percent"])
            out.append({"state": s, "query": ""})
    return out


def router_body(path: str, search: str = "") -> dict:
    return {"output": ROUTER,
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname", "_pages_location.search"]}


def control_values(view: dict) -> dict:
    """Component id -> value of a dimension page's controls showing the view state ``view``."""
    s = view["state"]
    return {"indicator": s["indicator"], "regions": s["regions"], "sectors": s["sectors"],
            "years": [s["start"], s["end"]], "transform": s["transform"], "base-year": s["base_year"],
            "log": ["log"] if s["log"] else [], "year-a": s["year_a"], "year-b": s["year_b"], "stack": s["stack"],
            "page-dimension": s["dimension"]}


def render_body(dep: dict, view: dict) -> dict:
    """A body of the update callback (one round trip per user action) for a regions change that
    leads to ``view``; no previous view state, so every chart is drawn."""
    outs = []
    for p in dep["output"][2:-2].split("..."):
        id_, _, prop = p.rpartition(".")
        outs.append({"id": id_, "property": prop})
    values = control_values(view)
    return {"output": dep["output"], "outputs": outs,
            "inputs": [{**i, "value": values.get(i["id"])} for i in dep["inputs"]],
            "state": [{**i, "value": values.get(i["id"])} for i in dep["state"]],
            "changedPropIds": ["regions.value"]}


def gunicorn_rss(pid: int) -> float:
    """Memory (PSS, MiB) of the gunicorn master and its workers."""
    try:
        master = psutil.Process(pid)
        procs = [master] + master.children(recursive=True)
        # PSS: shared pages (the preloaded app, forked) are split between the processes, so the
        # sum is the real footprint; plain RSS would count them once per worker
        return sum(p.memory_full_info().pss for p in procs) / 2**20
    except psutil.Error:
        return float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--port", type=int, default=0, help="0 = a free port")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="hard cap on requests sent")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if not (1 <= args.clients <= 500 and 1 <= args.seconds <= 3600):
        ap.error("--clients must be 1..500 and --seconds 1..3600")

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DASHBOARD_HOST="127.0.0.1", DASHBOARD_PORT=str(port), GUNICORN_ACCESSLOG="",
               PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        deadline = time.time() + 90
        while True:
            if server.poll() is not None or time.time() > deadline:
                print("server did not start", file=sys.stderr)
                return 2
            try:
                if requests.get(base + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        deps = requests.get(base + "/_dash-dependencies", timeout=10).json()
        render_dep = next(d for d in deps if "ts-graph.figure" in d["output"])
        views = states()
        print(f"gunicorn pid {server.pid} on {base}; {args.clients} clients for {args.seconds:.0f} s; "
              f"{len(views)} view states", flush=True)

        lock = threading.Lock()
        latencies: dict[str, list[float]] = {"page": [], "layout": [], "router": [], "render": []}
        errors: list[str] = []
        sent = [0]
        stop = threading.Event()
        t0 = time.time()
        end = t0 + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            session = requests.Session()
            while not stop.is_set() and time.time() < end:
                with lock:
                    if sent[0] >= args.max_requests:
                        return
                    sent[0] += 1
                r = rng.random()
                try:
                    t = time.perf_counter()
                    if r < 0.15:
                        kind, resp = "page", session.get(base + rng.choice(PAGES), timeout=30)
                    elif r < 0.25:
                        kind, resp = "layout", session.get(base + "/_dash-layout", timeout=30)
                    elif r < 0.45:
                        kind, resp = "router", session.post(base + UPDATE, json=router_body(rng.choice(PAGES)),
                                                            timeout=30)
                    else:
                        kind, resp = "render", session.post(base + UPDATE,
                                                            json=render_body(render_dep, rng.choice(views)),
                                                            timeout=30)
                    dt = time.perf_counter() - t
                    ok = 200 <= resp.status_code < 300
                    with lock:
                        latencies[kind].append(dt)
                        if not ok:
                            errors.append(f"{kind} {resp.status_code}")
                except requests.RequestException as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}")

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
        for th in threads:
            th.start()
        checkpoint = min(60.0, args.seconds / 2)
        time.sleep(checkpoint)
        rss_first = gunicorn_rss(server.pid)
        for th in threads:
            th.join(timeout=max(0.0, end - time.time()) + 35)
        stop.set()
        elapsed = time.time() - t0
        rss_end = gunicorn_rss(server.pid)
        healthy = requests.get(base + "/health", timeout=10).status_code == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()

    every = sorted(x for v in latencies.values() for x in v)
    n = len(every)

    def pct(values, q):
        return 1000 * values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    result = {
        "clients": args.clients, "seconds": round(elapsed, 1), "requests": n + len(errors),
        "errors": len(errors), "error_kinds": sorted(set(errors))[:10],
        "requests_per_s": round((n + len(errors)) / elapsed, 1),
        "p50_ms": round(pct(every, 0.50), 1), "p95_ms": round(pct(every, 0.95), 1),
        "p99_ms": round(pct(every, 0.99), 1),
        "by_kind": {k: {"n": len(v), "p50_ms": round(pct(sorted(v), 0.5), 1), "p95_ms": round(pct(sorted(v), 0.95), 1)}
                    for k, v in latencies.items()},
        "rss_mb_checkpoint": round(rss_first, 1), "checkpoint_s": checkpoint, "rss_mb_end": round(rss_end, 1),
        "rss_growth_pct": round(100 * (rss_end - rss_first) / rss_first, 1) if rss_first else None,
        "healthy_after": healthy,
        "server_tracebacks": err.count(b"Traceback"),
    }
    print(json.dumps(result, indent=2))
    print(f"errors: {result['errors']} ({'OK' if not errors else 'FAIL'}); latency p50/p95/p99: "
          f"{result['p50_ms']}/{result['p95_ms']}/{result['p99_ms']} ms; {result['requests_per_s']} req/s; "
          f"RSS {result['rss_mb_checkpoint']} MB at {checkpoint:.0f} s -> {result['rss_mb_end']} MB at end "
          f"({result['rss_growth_pct']:+}%)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if not errors and healthy and not result["server_tracebacks"] else 1


if __name__ == "__main__":
    sys.exit(main())
