"""A short run of scripts/loadtest.py (10 clients, 10 s) against gunicorn with gunicorn.conf.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_load_run_has_no_errors(tmp_path):
    out = tmp_path / "load.json"
    res = subprocess.run([sys.executable, "scripts/loadtest.py", "--clients", "10", "--seconds", "10",
                          "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["errors"] == 0 and figures["healthy_after"] and figures["server_tracebacks"] == 0
    assert figures["requests"] > 20
