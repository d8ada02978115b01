"""Fixtures for the browser suite: the app as a real server process, and headless Chromium.

The server is started once per session on a free 127.0.0.1 port (``python app.py``) and the
suite waits for ``/health`` before any test runs. Every page a test opens records all its
request URLs and console errors, and each test fails if a request went to another host or
the console logged an error.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT_S = 60
DATA_TIMEOUT_MS = 20_000  # a chart must show its data within this time

DIMENSIONS = ["endowments", "structure", "digital", "green", "internationalization"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of the app running as its own process; stopped at the end of the session."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    env = dict(os.environ, PYTHONUNBUFFERED="1", DASHBOARD_DEBUG="0")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as resp:
                    body = json.loads(resp.read())
                    if resp.status == 200 and body.get("status") == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"app did not answer /health in {STARTUP_TIMEOUT_S}s:\n"
                                   f"{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


#: the address the tests open as a page that does not exist
NOT_FOUND_PATH = "/no-such-page"


class PageWatch:
    """Everything a page requested and every console error / page error it raised."""

    def __init__(self, base: str):
        self.base_netloc = urlparse(base).netloc
        self.requests: list[str] = []
        self.errors: list[str] = []

    def attach(self, page):
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("console", lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}")
                if msg.type == "error" and not self.expected_404(msg) else None)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        return page

    @staticmethod
    def expected_404(msg) -> bool:
        """Chromium's console line for the tests' deliberately missing page, which answers 404
        (the app still draws its not-found page); any other 404 stays an error."""
        url = (msg.location or {}).get("url", "")
        return "status of 404" in msg.text and urlparse(url).path == NOT_FOUND_PATH

    def foreign_requests(self) -> list[str]:
        out = []
        for url in self.requests:
            u = urlparse(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if u.netloc != self.base_netloc:
                out.append(url)
        return out


@pytest.fixture
def context_factory(browser, server):
    """Make browser contexts (viewport, downloads) whose pages are all watched."""
    contexts = []
    watch = PageWatch(server)

    def make(viewport=(1440, 900)):
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  accept_downloads=True, base_url=server)
        ctx.set_default_timeout(DATA_TIMEOUT_MS)
        ctx.on("page", watch.attach)
        contexts.append(ctx)
        return ctx

    make.watch = watch
    yield make
    for ctx in contexts:
        ctx.close()
    foreign = watch.foreign_requests()
    assert not foreign, f"requests left the app's host: {foreign[:10]}"
    assert not watch.errors, f"browser console errors: {watch.errors[:10]}"


@pytest.fixture
def page(context_factory):
    ctx = context_factory()
    return ctx.new_page()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
