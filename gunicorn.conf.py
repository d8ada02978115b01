"""Gunicorn configuration for production (used by the Dockerfile and scripts/loadtest.py).

``gunicorn -c gunicorn.conf.py app:server``. Bind address from DASHBOARD_HOST / DASHBOARD_PORT
(default 127.0.0.1:8050: only the container image sets DASHBOARD_HOST=0.0.0.0). Other knobs:
GUNICORN_WORKERS (default 2 * cores, at most 8), GUNICORN_THREADS (default 4).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


_host = os.environ.get("DASHBOARD_HOST", "").strip() or "127.0.0.1"
_port = _int("DASHBOARD_PORT", 8050)
bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"

# The app is CPU-bound (pandas + plotly figure building) and holds ~100 MB per worker:
# a few processes, each with a few threads to overlap socket I/O.
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count(), 8))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

# Load the data once in the master and fork: faster start, shared pages, and a bad data
# directory is reported once. The app holds no open files or sockets at import time.
preload_app = True

timeout = 30            # a callback takes < 1 s; a worker silent for 30 s is stuck: restart it
graceful_timeout = 20
keepalive = 5
backlog = 256

# Recycle workers now and then (with jitter) so a slow leak can never grow unbounded.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = 2000

# Request-line and header limits (gunicorn's defaults, stated): oversized URLs get 4xx.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "china-dashboard"

# gunicorn 27's control socket (a Unix socket under $HOME/.gunicorn) is not used here; keep
# the container's filesystem untouched and one fewer interface open.
control_socket_disable = True


def post_worker_init(worker):
    """Warm each worker before it takes requests: it builds and encodes every page's first view once,
    so the first users it serves do not pay for the memory it shares with the master after fork and
    for code run cold (dashboard.app_factory.warm_worker; issue 14)."""
    import app as entry  # already imported by the master (preload_app)
    from dashboard.app_factory import warm_worker

    worker.log.info("worker warm-up: %.2f s", warm_worker(entry.app))
