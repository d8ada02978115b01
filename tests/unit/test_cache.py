"""The render cache (dashboard/cache.py): settings, failure handling, directory safety, key namespace.

The real backends shared between processes (filesystem and a real redis-server) are tested in
test_cache_redis.py.
"""

import logging
import os
import shutil
from pathlib import Path

import pytest
from flask import Flask

from dashboard.cache import RenderCache, default_cache_dir, fingerprint, make_cache, render_cache_of
from dashboard.settings import DEFAULT_DATA_DIR, Settings


class FlakyBackend:
    """A backend whose get/set raise ConnectionError while ``down`` is True (like RedisCache with Redis down)."""

    def __init__(self):
        self.down = False
        self.data = {}
        self.calls = 0

    def get(self, key):
        self.calls += 1
        if self.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return self.data.get(key)

    def set(self, key, value, timeout=None):
        self.calls += 1
        if self.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.data[key] = value
        return True


# ---------------------------------------------------------------- settings
def test_cache_settings_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_CACHE_SECONDS", "120")
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_CACHE_THRESHOLD", "50")
    monkeypatch.setenv("DASHBOARD_CACHE_REDIS_URL", "redis://127.0.0.1:6390/2")
    s = Settings.from_args([])
    assert (s.cache_seconds, s.cache_dir, s.cache_threshold, s.cache_redis_url) == \
        (120, tmp_path, 50, "redis://127.0.0.1:6390/2")


def test_cache_settings_defaults(monkeypatch):
    for name in ("DASHBOARD_CACHE_SECONDS", "DASHBOARD_CACHE_DIR", "DASHBOARD_CACHE_THRESHOLD",
                 "DASHBOARD_CACHE_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_env()
    assert (s.cache_seconds, s.cache_dir, s.cache_threshold, s.cache_redis_url) == (3600, None, 2000, None)


@pytest.mark.parametrize("name,value,message", [
    ("DASHBOARD_CACHE_SECONDS", "-1", "DASHBOARD_CACHE_SECONDS must be >= 0"),
    ("DASHBOARD_CACHE_SECONDS", "soon", "DASHBOARD_CACHE_SECONDS must be an integer"),
    ("DASHBOARD_CACHE_THRESHOLD", "0", "DASHBOARD_CACHE_THRESHOLD must be >= 1"),
    ("DASHBOARD_CACHE_REDIS_URL", "http://127.0.0.1:6379", "DASHBOARD_CACHE_REDIS_URL must start with"),
])
def test_bad_cache_settings_are_refused_with_the_variable_named(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        Settings.from_env()


# ---------------------------------------------------------------- failures never fail a request
def test_backend_failure_is_a_logged_miss_then_skipped_until_the_retry_time(caplog):
    backend = FlakyBackend()
    cache = RenderCache(backend, "redis", "ns", 60, retry_seconds=3600)
    assert cache.set(("render", "ts", 1), {"figure": 1}) is True
    assert cache.get(("render", "ts", 1)) == {"figure": 1}
    backend.down = True
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert cache.get(("render", "ts", 1)) is None        # error -> miss, no exception
        assert cache.set(("render", "ts", 2), {"figure": 2}) is False
        assert cache.get(("render", "ts", 2)) is None
    calls_while_down = backend.calls
    assert calls_while_down == 3  # set, get, then the failing get; the rest were not sent
    stats = cache.stats()
    assert (stats["hits"], stats["misses"], stats["sets"], stats["errors"], stats["skipped"], stats["down"]) == \
        (1, 2, 1, 1, 2, True)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "ConnectionError" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # no traceback in the log


def test_backend_is_tried_again_after_the_retry_time_and_recovers(caplog):
    backend = FlakyBackend()
    cache = RenderCache(backend, "redis", "ns", 60, retry_seconds=0.0)
    backend.down = True
    assert cache.get("k") is None
    backend.down = False
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert cache.set("k", [1, 2]) is True
        assert cache.get("k") == [1, 2]
    assert "answers again" in caplog.text
    assert cache.stats()["down"] is False


def test_any_exception_from_the_backend_is_a_miss():
    class Broken:
        def get(self, key):
            raise ValueError("unpickling failed")

        def set(self, key, value, timeout=None):
            raise OSError("disk full")

    cache = RenderCache(Broken(), "filesystem", "ns", 60)
    assert cache.get("k") is None
    cache._down_until = 0.0
    assert cache.set("k", 1) is False
    assert cache.stats()["errors"] == 2


def test_cache_off_when_seconds_is_zero(tmp_path):
    server = Flask("t")
    cache = make_cache(server, Settings(cache_seconds=0, cache_dir=tmp_path / "c"))
    assert cache.kind == "off" and render_cache_of(server) is cache
    assert cache.set("k", 1) is False
    assert cache.get("k") is None
    assert not (tmp_path / "c").exists()


def test_unreachable_redis_at_start_up_is_not_an_error():
    # port 1 on 127.0.0.1: connection refused at once
    cache = make_cache(Flask("t"), Settings(cache_redis_url="redis://127.0.0.1:1/0"))
    assert cache.kind == "redis"
    assert cache.get(("render", "ts")) is None
    assert cache.set(("render", "ts"), 1) is False
    assert cache.stats()["errors"] == 1


def test_redis_url_password_is_not_logged(caplog):
    with caplog.at_level(logging.INFO, logger="dashboard.cache"):
        cache = make_cache(Flask("t"), Settings(cache_redis_url="redis://user:s3cret@127.0.0.1:1/0"))
        cache.get("k")
    assert "s3cret" not in caplog.text
    assert "redis://user:***@127.0.0.1:1/0" in caplog.text


# ---------------------------------------------------------------- filesystem backend
def entry_files(cache):
    """The cache's entry files (without cachelib's entry-count file)."""
    count_file = Path(cache.backend._get_filename(cache.backend._fs_count_file)).name
    return [p for p in Path(cache.where).iterdir() if p.name != count_file]


def test_filesystem_cache_round_trip_and_private_files(tmp_path):
    server = Flask("t")
    cache = make_cache(server, Settings(cache_dir=tmp_path / "c", cache_seconds=60))
    assert cache.kind == "filesystem" and render_cache_of(server) is cache
    value = ({"data": [{"x": [2012, 2013], "y": [1.5, 2.5]}]}, ["heading"])
    assert cache.set(("render", "ts", ("indicator", "rd_intensity_wdi")), value) is True
    assert cache.get(("render", "ts", ("indicator", "rd_intensity_wdi"))) == value
    assert cache.get(("render", "ts", ("indicator", "other"))) is None
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700
    files = entry_files(cache)
    assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600


def test_filesystem_cache_is_bounded_by_the_threshold(tmp_path):
    cache = make_cache(Flask("t"), Settings(cache_dir=tmp_path / "c", cache_threshold=10))
    for i in range(60):
        assert cache.set(("render", i), list(range(100))) is True
    assert 0 < len(entry_files(cache)) <= 11  # cachelib prunes once the count passes the threshold
    assert cache.get(("render", 59)) == list(range(100))  # the newest survives pruning


def test_configured_cache_dir_writable_by_others_is_refused(tmp_path):
    d = tmp_path / "shared"
    d.mkdir()
    d.chmod(0o777)
    with pytest.raises(ValueError, match="writable by other users"):
        make_cache(Flask("t"), Settings(cache_dir=d))


def test_default_cache_dir_owned_by_someone_else_is_replaced(monkeypatch, caplog):
    real = os.getuid()
    default_cache_dir().mkdir(mode=0o700, exist_ok=True)
    monkeypatch.setattr(os, "getuid", lambda: real + 4242)  # the default dir now belongs to "another user"
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        cache = make_cache(Flask("t"), Settings())
    monkeypatch.setattr(os, "getuid", lambda: real)
    try:
        assert f"is owned by uid {real}" in caplog.text
        assert Path(cache.where) != default_cache_dir()
        assert Path(cache.where).stat().st_mode & 0o777 == 0o700
    finally:
        shutil.rmtree(cache.where, ignore_errors=True)


# ---------------------------------------------------------------- key namespace
def test_fingerprint_follows_the_data_bytes_not_the_folder(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DEFAULT_DATA_DIR, a, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(DEFAULT_DATA_DIR, b, ignore=shutil.ignore_patterns("*.md"))
    assert fingerprint(a) == fingerprint(b) == fingerprint(DEFAULT_DATA_DIR)
    with open(b / "catalog.parquet", "ab") as f:
        f.write(b"\0")
    assert fingerprint(b) != fingerprint(a)


def test_keys_are_namespaced_and_stable():
    cache = RenderCache(None, "off", "cidash:abc", 60)
    key = ("render", "ts", ("indicator", "rd_intensity_wdi"), ("regions", ("CHN", "USA")))
    assert cache.key(key) == cache.key(tuple(key))
    assert cache.key(key).startswith("cidash:abc:") and len(cache.key(key)) == len("cidash:abc:") + 40
    assert cache.key(key) != cache.key(key[:-1] + (("regions", ("USA", "CHN")),))
