"""The render cache shared between app processes: a real redis-server (Debian's package, started here on a
free 127.0.0.1 port in a temp dir) and the filesystem backend.

Each app process runs this file as ``python test_cache_redis.py serve``: it builds the app with
``create_app()`` (settings from DASHBOARD_* variables) and, for each JSON line on stdin, requests a dimension
page through Dash's page-routing callback (the page layout renders its first charts through the render
cache), printing the HTTP status, a hash of the body and the change in the cache's counters.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUNTERS = ("hits", "misses", "sets", "errors", "skipped")
REDIS_MISSING = ("redis-server not found on PATH: the Redis cache tests need Debian's redis-server. "
                 "Run `bash .ci/run` (it installs it) or `apt-get install -y redis-server`.")


# ---------------------------------------------------------------- the app process
def serve() -> None:
    """Run in a child process: one app, commands on stdin, one JSON result per line on stdout."""
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from dashboard import Settings, create_app
    from dashboard.cache import render_cache_of

    app = create_app(Settings.from_env())
    cache = render_cache_of(app.server)
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    page_dep = next(d for d in deps if d["output"].startswith("..") and "_pages_content.children" in d["output"])
    outputs = [{"id": s.rpartition(".")[0], "property": s.rpartition(".")[2]}
               for s in page_dep["output"][2:-2].split("...")]
    print(json.dumps({"ready": True, "kind": cache.kind, "namespace": cache.namespace}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        values = {"pathname": cmd["path"], "search": cmd.get("search", "")}
        inputs = [{**i, "value": values.get(i["property"])} for i in page_dep["inputs"]]
        payload = {"output": page_dep["output"], "outputs": outputs, "inputs": inputs,
                   "changedPropIds": ["_pages_location.pathname"], "state": []}
        before = cache.stats()
        r = client.post("/_dash-update-component", json=payload)
        after = cache.stats()
        print(json.dumps({
            "status": r.status_code,
            # keys sorted: Dash writes a component's wildcard aria-* attributes in set order, which
            # differs between processes (hash seed); the page is the same
            "sha": hashlib.sha1(json.dumps(json.loads(r.data), sort_keys=True).encode()).hexdigest(),
            "figures": r.data.count(b'"figure":'),
            "traceback": b"Traceback" in r.data,
            "delta": {k: after[k] - before[k] for k in COUNTERS},
            "down": after["down"],
        }), flush=True)


class AppProcess:
    """``create_app()`` in a child process, driven over stdin/stdout."""

    def __init__(self, env: dict, log_path: Path):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "serve"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self._next(timeout=180)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _next(self, timeout: float = 120) -> dict:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"app process silent for {timeout} s; log:\n{self.stderr()}") from None
        if line is None:
            raise AssertionError(f"app process exited ({self.proc.poll()}); log:\n{self.stderr()}")
        return json.loads(line)

    def page(self, path: str, search: str = "") -> dict:
        self.proc.stdin.write(json.dumps({"path": path, "search": search}) + "\n")
        self.proc.stdin.flush()
        return self._next()

    def stderr(self) -> str:
        self.log.flush()
        return self.log_path.read_text()

    def close(self) -> str:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()
        return self.log_path.read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    def __init__(self, workdir: Path):
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail(REDIS_MISSING, pytrace=False)
        import redis

        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [exe, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(workdir), "--save", "",
             "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.client.ping():
                    break
            except redis.exceptions.ConnectionError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"redis-server did not start on 127.0.0.1:{self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@pytest.fixture()
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def apps(tmp_path):
    started: list[AppProcess] = []

    def start(env: dict) -> AppProcess:
        p = AppProcess(env, tmp_path / f"app{len(started)}.log")
        started.append(p)
        return p

    yield start
    for p in started:
        p.close()


def assert_served(result: dict) -> None:
    assert result["status"] == 200
    assert result["figures"] >= 1  # the page's charts are in the response
    assert not result["traceback"]


# ---------------------------------------------------------------- tests
def test_render_cached_by_one_process_is_a_hit_in_another_via_redis(redis_server, apps):
    env = {"DASHBOARD_CACHE_REDIS_URL": redis_server.url}
    a = apps(env)
    b = apps(env)
    assert a.ready["kind"] == b.ready["kind"] == "redis"
    assert a.ready["namespace"] == b.ready["namespace"]

    first = a.page("/structure")
    assert_served(first)
    assert first["delta"]["hits"] == 0 and first["delta"]["misses"] >= 1
    assert first["delta"]["sets"] == first["delta"]["misses"] and first["delta"]["errors"] == 0
    keys = sorted(k.decode() for k in redis_server.client.keys("*"))
    assert len(keys) == first["delta"]["sets"]
    assert all(k.startswith(a.ready["namespace"] + ":") for k in keys)

    second = b.page("/structure")
    assert_served(second)
    assert second["delta"] == {"hits": first["delta"]["sets"], "misses": 0, "sets": 0, "errors": 0, "skipped": 0}
    assert second["sha"] == first["sha"]  # the other process served the very same page from the cache

    # a view only B has rendered is a hit in A
    third = b.page("/green", "?transform=yoy")
    assert third["delta"]["misses"] >= 1 and third["delta"]["hits"] == 0
    fourth = a.page("/green", "?transform=yoy")
    assert fourth["delta"]["hits"] == third["delta"]["sets"] and fourth["delta"]["misses"] == 0
    assert fourth["sha"] == third["sha"]
    for p in (a, b):
        log = p.close()
        assert "Traceback" not in log and "failed" not in log


def test_redis_stopped_mid_run_the_app_keeps_answering(redis_server, apps):
    app = apps({"DASHBOARD_CACHE_REDIS_URL": redis_server.url})
    warm = app.page("/digital")
    assert_served(warm)
    assert warm["delta"]["sets"] >= 1 and warm["delta"]["errors"] == 0

    redis_server.stop()
    # the pooled connection is now dead and new ones are refused
    first = app.page("/structure")
    assert_served(first)
    assert first["delta"]["hits"] == 0 and first["delta"]["sets"] == 0
    assert first["delta"]["errors"] == 1 and first["down"] is True
    # while marked down the backend is not asked at all: misses, no errors
    again = app.page("/digital")  # was cached before the stop: now computed
    assert_served(again)
    assert again["delta"]["hits"] == 0 and again["delta"]["errors"] == 0 and again["delta"]["skipped"] >= 1
    assert again["sha"] == warm["sha"]  # the same page, computed instead of read
    for path in ("/green", "/endowments", "/internationalization"):
        assert_served(app.page(path))

    log = app.close()
    assert "Traceback" not in log
    failures = [line for line in log.splitlines() if "render cache" in line and "failed" in line]
    assert len(failures) == 1, log
    assert "ConnectionError" in failures[0] and "answering misses" in failures[0]


def test_render_cached_by_one_process_is_a_hit_in_another_via_the_filesystem(tmp_path, apps):
    cache_dir = tmp_path / "render-cache"
    env = {"DASHBOARD_CACHE_DIR": str(cache_dir)}
    a = apps(env)
    b = apps(env)
    assert a.ready["kind"] == b.ready["kind"] == "filesystem"

    first = a.page("/endowments")
    assert_served(first)
    assert first["delta"]["misses"] >= 1 and first["delta"]["sets"] == first["delta"]["misses"]
    entries = [p for p in cache_dir.iterdir() if not p.name.endswith(".__wz_cache")]
    assert len(entries) >= first["delta"]["sets"]

    second = b.page("/endowments")
    assert_served(second)
    assert second["delta"] == {"hits": first["delta"]["sets"], "misses": 0, "sets": 0, "errors": 0, "skipped": 0}
    assert second["sha"] == first["sha"]
    for p in (a, b):
        assert "Traceback" not in p.close()


if __name__ == "__main__" and sys.argv[1:] == ["serve"]:
    serve()
