"""Safe defaults, security headers, the CSP (also in a real browser), body limits, deployment files."""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import Settings, create_app
from dashboard.security import MAX_CONTENT_LENGTH, SECURITY_HEADERS

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/endowments", "/structure", "/digital", "/green", "/internationalization"]


@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


@pytest.fixture()
def client(app):
    return app.server.test_client()


# ---------------------------------------------------------------- safe defaults
def test_settings_defaults_are_safe(monkeypatch):
    for name in ("DASHBOARD_HOST", "DASHBOARD_PORT", "DASHBOARD_DEBUG", "DASHBOARD_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert (s.host, s.debug) == ("127.0.0.1", False)
    s = Settings.from_env()
    assert (s.host, s.port, s.debug) == ("127.0.0.1", 8050, False)
    s = Settings.from_args([])
    assert (s.host, s.debug) == ("127.0.0.1", False)
    assert Settings.from_args(["--debug"]).debug is True
    assert Settings.from_args(["--host", "0.0.0.0", "--port", "9000"]).host == "0.0.0.0"
    monkeypatch.setenv("DASHBOARD_DEBUG", "1")
    assert Settings.from_args([]).debug is True
    assert Settings.from_args(["--no-debug"]).debug is False
    monkeypatch.setenv("DASHBOARD_DEBUG", "maybe")
    with pytest.raises(ValueError):
        Settings.from_env()


def test_app_py_serves_with_debug_off_and_localhost(monkeypatch):
    """app.py as imported by gunicorn, and its CLI parsing."""
    assert "serve(sys.argv[1:])" in (ROOT / "app.py").read_text()  # app.py runs the one run path
    src = (ROOT / "dashboard" / "__main__.py").read_text()
    assert "Settings.from_args(argv)" in src and "debug=settings.debug" in src
    for name in ("DASHBOARD_HOST", "DASHBOARD_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    res = subprocess.run([sys.executable, "-m", "dashboard", "serve", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0 and "default 127.0.0.1" in res.stdout and "default off" in res.stdout


def test_gunicorn_conf_binds_localhost_by_default(monkeypatch):
    import runpy
    for name in ("DASHBOARD_HOST", "DASHBOARD_PORT"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8050"
    assert conf["preload_app"] is True and conf["timeout"] > 0 and conf["workers"] >= 1
    monkeypatch.setenv("DASHBOARD_HOST", "0.0.0.0")
    monkeypatch.setenv("DASHBOARD_PORT", "9001")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["bind"] == "0.0.0.0:9001"


def test_dockerfile_is_non_root_with_healthcheck():
    text = (ROOT / "Dockerfile").read_text()
    # the base is a build argument whose default is the official slim image (scripts/docker_smoke.sh passes a local one)
    assert text.startswith("#") and "ARG BASE_IMAGE=python:3.11-slim" in text and "FROM ${BASE_IMAGE}" in text
    # a failed step fails the build (issue 9 item 11): no RUN line masks its failure
    assert not re.search(r"^(RUN|\s+&&).*\|\| true", text, re.M)
    assert "--uid 10001" in text
    assert re.search(r"^USER app", text, re.M)
    assert "HEALTHCHECK" in text and "urllib.request" in text and "/health" in text
    assert "DASHBOARD_HOST=0.0.0.0" in text and "DASHBOARD_DEBUG=0" in text
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]' in text
    assert "COPY datasets ./datasets" in text
    ignore = (ROOT / ".dockerignore").read_text().split()
    assert ".git" in ignore and ".venv" in ignore


# ---------------------------------------------------------------- headers and CSP
def _csp(resp) -> dict[str, str]:
    out = {}
    for part in resp.headers["Content-Security-Policy"].split(";"):
        name, _, value = part.strip().partition(" ")
        out[name] = value
    return out


def test_security_headers_on_every_response(client):
    for url in ["/", "/green", "/health", "/_dash-layout", "/_dash-dependencies", "/no-such-page",
                "/assets/10_dashboard.css", "/_dash-component-suites/dash/nope.js"]:
        r = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (url, name)
        csp = _csp(r)
        assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'", url
        assert csp["object-src"] == "'none'" and csp["connect-src"] == "'self'", url
    bad = client.post("/_dash-update-component", data=b"null", content_type="application/json")
    assert bad.status_code == 400 and "Content-Security-Policy" in bad.headers


def test_csp_allows_exactly_the_inline_scripts_dash_serves(client):
    r = client.get("/green")
    html = r.get_data(as_text=True)
    csp = _csp(r)
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    html = re.sub(r"<!--\[if IE\]>.*?<!\[endif\]-->", "", html, flags=re.S)  # not run by any current browser
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", html, re.S)
    assert inline, "Dash's renderer bootstrap is inline"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"]


def test_no_resource_from_another_host(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls


def test_oversized_body_gets_413(client, app):
    assert app.server.config["MAX_CONTENT_LENGTH"] == MAX_CONTENT_LENGTH == 1024 * 1024
    r = client.post("/_dash-update-component", data=b"x" * (MAX_CONTENT_LENGTH + 1),
                    content_type="application/json")
    assert r.status_code == 413
    assert b"Traceback" not in r.data


def test_unknown_callback_errors_stay_500(app):
    """The 400 handler only covers Dash's 'request does not match' messages: real bugs stay 500."""
    from dash.exceptions import CallbackException, InvalidCallbackReturnValue
    server = app.server
    with server.test_request_context("/_dash-update-component", method="POST"):
        handler = server._find_error_handler(InvalidCallbackReturnValue("bug"), [])  # noqa: SLF001
        assert handler(InvalidCallbackReturnValue("bug")).status_code == 500
        assert handler(CallbackException("Inputs do not match callback definition")).status_code == 400


def test_first_request_setup_is_thread_safe(tmp_path):
    """Concurrent first requests to a fresh app all succeed (Dash alone gave 500s here)."""
    from concurrent.futures import ThreadPoolExecutor
    fresh = create_app(Settings())
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"',
                         create_app(Settings()).server.test_client().get("/").get_data(as_text=True))
    assert scripts

    def get(url):
        return fresh.server.test_client().get(url).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(get, scripts[:16] + ["/_dash-layout", "/_dash-dependencies"]))
    assert set(codes) == {200}, codes


# ---------------------------------------------------------------- the CSP in a real browser
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
def test_csp_in_chromium_pages_draw_and_png_export_works(tmp_path):
    # a missing browser is a failure, never a skip: scripts/test.sh and .ci/run install Debian's chromium
    assert Path("/usr/bin/chromium").exists(), "needs Debian chromium at /usr/bin/chromium (run scripts/test.sh)"
    import playwright.sync_api as playwright
    import requests
    port = _free_port()
    env = dict(os.environ, DASHBOARD_HOST="127.0.0.1", DASHBOARD_PORT=str(port), GUNICORN_WORKERS="2",
               GUNICORN_ACCESSLOG="", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if requests.get(base + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.time() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.3)
        console: list[str] = []
        foreign: list[str] = []

        def drive_browser():
            with playwright.sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync"])
                try:
                    page = browser.new_context(accept_downloads=True).new_page()
                    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
                    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
                    page.on("request", lambda r: foreign.append(r.url) if not (
                        r.url.startswith(base) or r.url.startswith(("data:", "blob:"))) else None)
                    for path in PAGES:
                        page.goto(base + path)
                        if path == "/":
                            page.wait_for_selector(".kpi-card", timeout=30_000)
                        else:
                            page.wait_for_selector("#ts-graph .scatterlayer .trace", timeout=30_000)
                    page.goto(base + "/green")
                    page.wait_for_selector("#ts-graph .scatterlayer .trace", timeout=30_000)
                    with page.expect_download(timeout=30_000) as info:
                        page.click('[id=\'{"chart":"ts","format":"png","type":"export"}\']')
                    data = Path(info.value.path()).read_bytes()
                    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
                finally:
                    browser.close()

        # own thread: the browser tests' Playwright session (same pytest process) runs an asyncio
        # loop in the main thread, and Playwright's sync API refuses to start inside one
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(drive_browser).result(timeout=300)

        violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
        assert not violations, violations
        assert not foreign, foreign
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_page_serves_no_babel_polyfill_and_preloads_dcc_chunks(client):
    """Issue 14: Dash's @babel/polyfill is left out (native built-ins, ~230 ms less script work on a
    first visit) and dcc's chunks are preloaded; every script the page names is served by the app."""
    page = client.get("/structure").get_data(as_text=True)
    assert "polyfill" not in page
    for chunk in ("async-graph.js", "async-dropdown.js", "async-slider.js"):
        href = f"/_dash-component-suites/dash/dcc/{chunk}"
        assert f'rel="preload" as="script" href="{href}"' in page
        assert client.get(href).status_code == 200
    import re
    for src in re.findall(r'<script src="([^"]+)"', page):
        assert src.startswith("/") and client.get(src).status_code == 200, src


def test_an_address_that_is_no_page_answers_404_with_the_app(client):
    """Dash serves its index for every path; an address that is no page says so in its status (it
    answered 200) while the HTML is the app's own, so the browser draws the not-found page."""
    import dash
    pages = [p["path"] for p in dash.page_registry.values() if "not_found" not in p["module"]]
    assert {"/", "/structure", "/provinces", "/report", "/scorecard"} <= set(pages)
    for path in pages + ["/structure/", "/?lang=zh"]:
        assert client.get(path).status_code == 200, path
    page = client.get("/structure")
    for path in ("/nope", "/structure/x", "/nope?lang=zh"):
        r = client.get(path)
        assert r.status_code == 404 and r.mimetype == "text/html", path
        assert b"_dash-renderer" in r.data or b"dash_renderer" in r.data  # the app itself, scripts included
        assert r.data.count(b"<script") == page.data.count(b"<script")
    assert client.get("/health").status_code == 200 and client.get("/_dash-layout").status_code == 200
    icon = client.get("/favicon.ico", follow_redirects=True)  # browsers ask for it on /health's JSON
    assert icon.status_code == 200 and icon.mimetype in ("image/x-icon", "image/vnd.microsoft.icon")
