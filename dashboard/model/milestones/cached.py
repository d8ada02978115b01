"""Verdicts and dated events computed once per data store (the pages read these, never typed values).

The content files are read without a catalog (lenient mode): a claim on an indicator the store
does not hold is "no data yet" and says which id is missing. A content file that breaks its
schema never takes a page down: :func:`store_verdicts` then returns no verdicts and the problems
(one message per fault, as :class:`~dashboard.model.milestones.schema.ContentError` lists them),
which the page shows.
"""

from __future__ import annotations

import logging
from typing import Any

from dashboard.data.i18n import get_lang

from .evaluate import evaluate_claims
from .events import evaluate_events
from .parse import load_claims, load_events
from .schema import ContentError, Event, EventRule, Verdict

log = logging.getLogger(__name__)

_VERDICTS = "_milestone_verdicts"
_EVENTS = "_milestone_events"


def store_verdicts(store: Any) -> tuple[list[Verdict], list[str]]:
    """(verdicts in content order, content problems) for ``store``, computed on first call per
    language (the explanations are texts in the current language) and kept on the store instance
    (a store is immutable once loaded)."""
    cache = store.__dict__
    key = (_VERDICTS, get_lang())
    hit = cache.get(key)
    if hit is None:
        try:
            hit = (evaluate_claims(store, load_claims()), [])
        except ContentError as exc:
            log.warning("milestones.toml: %s", exc)
            hit = ([], list(exc.problems))
        cache[key] = hit
    return hit


def _all_events(store: Any) -> list[Event]:
    cache = store.__dict__
    key = (_EVENTS, get_lang())
    hit = cache.get(key)
    if hit is None:
        try:
            rules: list[EventRule] = load_events()
        except ContentError as exc:
            log.warning("events.toml: %s", exc)
            rules = []
        hit = cache[key] = evaluate_events(store, rules)
    return hit


def store_events(store: Any, indicator_id: str) -> list[Event]:
    """Dated events of one indicator (every region and sector), sorted by year; computed once per
    store and language (their explanations are texts in the current language)."""
    return sorted((e for e in _all_events(store) if e.indicator_id == indicator_id), key=lambda e: (e.year, e.id))
