"""Every unit test starts in the default language: a test that drives the app's test client sets the
request's language in this thread (as the web layer does at the start of each request, ``set_lang``),
and a later test would otherwise run in it (a selection such as ``-k "scorecard or zh"`` failed on
Chinese notes where the whole suite, in its own order, passed)."""

from __future__ import annotations

import pytest

from dashboard.data.i18n import use_lang


@pytest.fixture(autouse=True)
def _default_language():
    with use_lang(None):
        yield
