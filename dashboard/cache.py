"""The render cache: chart renders shared by all workers of the app, and by all app instances that
point at the same Redis.

``make_cache(server, settings)`` builds it with flask-caching (``render_cache_of(server)`` finds it again):

* **filesystem** (default): ``FileSystemCache`` in ``settings.cache_dir`` or, when that is unset, in
  ``<system temp dir>/china-dashboard-cache-<uid>``; every gunicorn worker of one machine or container
  reads and writes the same files. At most ``settings.cache_threshold`` entries (older ones are pruned).
* **redis**: ``RedisCache`` at ``settings.cache_redis_url`` (``redis://host:port/db``), the standard when
  the app runs as several containers behind a load balancer.
* **off**: ``settings.cache_seconds == 0``: every render is computed.

Entries live ``settings.cache_seconds`` seconds. Keys are namespaced by a fingerprint of the data files
and of the app's code, so a new deploy or new data never serves renders made by the old one.

A cache failure never fails a request: :class:`RenderCache` catches every backend error, logs it once
(without a traceback), answers a miss, and leaves the backend alone for ``retry_seconds`` before trying
again. flask-caching's ``RedisCache`` does not do this itself: with Redis down its ``get``/``set`` raise
``redis.exceptions.ConnectionError``, after redis-py's default retries with back-off (seconds per call);
here the client makes one attempt with short socket timeouts instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask
from flask_caching import Cache

from dashboard.settings import Settings

__all__ = ["RenderCache", "make_cache", "render_cache_of", "fingerprint", "default_cache_dir"]

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
REDIS_SOCKET_TIMEOUT = 0.25  # s: a cache lookup must cost less than the render it saves
RETRY_SECONDS = 5.0
EXTENSION = "dashboard_render_cache"  # key in Flask's app.extensions


def redact(url: str) -> str:
    """``url`` without its password (for logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def fingerprint(data_dir: Path) -> str:
    """16 hex digits identifying the data (every file's name and bytes in ``data_dir``) and the app's code
    (every ``.py`` file of the ``dashboard`` package). Same data and code -> same fingerprint on every
    machine, so containers built from one image share cache entries; anything else never does."""
    h = hashlib.blake2b(digest_size=8)
    for root, files in ((Path(data_dir), sorted(Path(data_dir).glob("*.parquet"))),
                        (PACKAGE_DIR, sorted(PACKAGE_DIR.rglob("*.py")))):
        for path in files:
            h.update(str(path.relative_to(root)).encode() + b"\0")
            with open(path, "rb") as f:
                h.update(hashlib.file_digest(f, "blake2b").digest())
    return h.hexdigest()


def default_cache_dir() -> Path:
    """``<system temp dir>/china-dashboard-cache-<uid>``: one per user, so gunicorn workers share it."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"china-dashboard-cache-{uid}"


def _safe_dir(path: Path, configured: bool) -> Path:
    """Create ``path`` (mode 0700) and check nobody else can write into it: the cache holds pickles, and a
    pickle planted by another user would run code when read. A configured directory that fails the check
    is a configuration error (ValueError); the default one is replaced by a fresh private temp dir."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = path.stat()
    uid = os.getuid() if hasattr(os, "getuid") else st.st_uid
    problem = None
    if st.st_uid != uid:
        problem = f"is owned by uid {st.st_uid}, not by this process (uid {uid})"
    elif st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = "is writable by other users"
    if problem is None:
        return path
    if configured:
        raise ValueError(f"DASHBOARD_CACHE_DIR {path} {problem}; the render cache stores pickles, "
                         "so it needs a directory only this user can write")
    fresh = Path(tempfile.mkdtemp(prefix="china-dashboard-cache-"))
    log.warning("render cache: %s %s; using %s instead", path, problem, fresh)
    return fresh


class RenderCache:
    """A cache of render results that never raises.

    ``get(key)`` returns the stored value or None (a miss, also when the backend fails);
    ``set(key, value)`` returns True when stored. ``key`` is any value whose ``repr`` is stable across
    processes (tuples of str/int/float/bool/None, e.g. ``("render", "ts") + ViewState.cache_key()``);
    values are pickled. ``stats()`` gives this process's counters.
    """

    def __init__(self, backend: Any | None, kind: str, namespace: str, timeout: int,
                 retry_seconds: float = RETRY_SECONDS, where: str = ""):
        self.backend = backend
        self.kind = kind
        self.namespace = namespace
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.where = where
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._counts = {"hits": 0, "misses": 0, "sets": 0, "errors": 0, "skipped": 0}

    def key(self, key: Any) -> str:
        """The backend key of ``key``: ``<namespace>:<sha1 of repr(key)>``."""
        return f"{self.namespace}:{hashlib.sha1(repr(key).encode()).hexdigest()}"

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def _live_backend(self) -> Any | None:
        """The backend to call now: None when the cache is off or marked down (counted as skipped)."""
        if self.backend is None:
            return None
        if self._down_until and time.monotonic() < self._down_until:
            self._count("skipped")
            return None
        return self.backend

    def _failed(self, op: str, exc: BaseException) -> None:
        with self._lock:
            self._counts["errors"] += 1
            first = not self._down_until
            self._down_until = time.monotonic() + self.retry_seconds
        if first:
            log.warning("render cache (%s %s) failed on %s: %s: %s; answering misses, retrying every %.0f s",
                        self.kind, self.where, op, type(exc).__name__, exc, self.retry_seconds)

    def _ok(self) -> None:
        if self._down_until:
            with self._lock:
                was_down, self._down_until = bool(self._down_until), 0.0
            if was_down:
                log.warning("render cache (%s %s) answers again", self.kind, self.where)

    def get(self, key: Any) -> Any | None:
        """The cached value of ``key``, or None (miss, cache off, or backend failure)."""
        value = None
        backend = self._live_backend()
        if backend is not None:
            try:
                value = backend.get(self.key(key))
            except Exception as exc:  # noqa: BLE001 - any backend failure is a miss
                self._failed("get", exc)
                value = None
            else:
                self._ok()
        self._count("hits" if value is not None else "misses")
        return value

    def set(self, key: Any, value: Any) -> bool:
        """Store ``value`` under ``key`` for ``timeout`` seconds; False if not stored (never raises)."""
        backend = self._live_backend()
        if backend is None:
            return False
        try:
            stored = bool(backend.set(self.key(key), value, timeout=self.timeout))
        except Exception as exc:  # noqa: BLE001 - a failed store only costs a later render
            self._failed("set", exc)
            return False
        self._ok()
        if stored:
            self._count("sets")
        return stored

    def clear(self) -> bool:
        """Remove every entry of the backend (all namespaces). False on failure."""
        if self.backend is None:
            return True
        try:
            return bool(self.backend.clear())
        except Exception as exc:  # noqa: BLE001
            self._failed("clear", exc)
            return False

    def stats(self) -> dict[str, Any]:
        """This process's counters: hits, misses, sets, errors (backend failures), skipped (calls not
        sent while the backend was marked down), plus kind, namespace and whether it is marked down."""
        with self._lock:
            out: dict[str, Any] = dict(self._counts)
        out.update(kind=self.kind, namespace=self.namespace,
                   down=bool(self._down_until and time.monotonic() < self._down_until))
        return out


def make_cache(server: Flask, settings: Settings) -> RenderCache:
    """Build the render cache of ``server`` from ``settings`` (see the module docstring).

    Raises ValueError for a configured cache directory that other users can write, RuntimeError when
    ``cache_redis_url`` is set but the ``redis`` package is not installed (``pip install -e .[redis]``).
    An unreachable Redis is not an error at start-up: requests answer misses until it is reachable.
    """
    namespace = "cidash:" + fingerprint(Path(settings.data_dir))
    timeout = settings.cache_seconds
    if timeout == 0:
        log.info("render cache off (DASHBOARD_CACHE_SECONDS=0)")
        return _register(server, RenderCache(None, "off", namespace, 0))
    if settings.cache_redis_url:
        try:
            import redis  # noqa: F401
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError:
            raise RuntimeError("DASHBOARD_CACHE_REDIS_URL is set but the redis client is not installed: "
                               "pip install -e '.[redis]'") from None
        config = {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": settings.cache_redis_url,
            "CACHE_DEFAULT_TIMEOUT": timeout,
            "CACHE_KEY_PREFIX": "",  # our keys carry their own namespace
            # one attempt with short timeouts: a cache that is down costs milliseconds, not seconds
            "CACHE_OPTIONS": {"socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                              "socket_timeout": REDIS_SOCKET_TIMEOUT,
                              "retry": Retry(NoBackoff(), 0), "health_check_interval": 30},
        }
        where = redact(settings.cache_redis_url)
        kind = "redis"
    else:
        configured = settings.cache_dir is not None
        path = _safe_dir(Path(settings.cache_dir) if settings.cache_dir is not None else default_cache_dir(),
                         configured)
        config = {
            "CACHE_TYPE": "FileSystemCache",
            "CACHE_DIR": str(path),
            "CACHE_THRESHOLD": settings.cache_threshold,
            "CACHE_DEFAULT_TIMEOUT": timeout,
            "CACHE_OPTIONS": {"mode": 0o600},
        }
        where = str(path)
        kind = "filesystem"
    cache = Cache(config=config)
    cache.init_app(server)
    backend = server.extensions["cache"][cache]
    log.info("render cache: %s at %s, entries live %d s, namespace %s", kind, where, timeout, namespace)
    return _register(server, RenderCache(backend, kind, namespace, timeout, where=where))


def _register(server: Flask, cache: RenderCache) -> RenderCache:
    server.extensions[EXTENSION] = cache
    return cache


def render_cache_of(server: Flask) -> RenderCache | None:
    """The render cache ``make_cache`` built for ``server`` (None if it built none)."""
    return server.extensions.get(EXTENSION)
