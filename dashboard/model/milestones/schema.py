"""The rule vocabulary of ``milestones.toml`` and ``events.toml`` and the content objects.

Parameter checks, :data:`RULE_KINDS` / :data:`EVENT_KINDS` (name -> parameter -> (check, default)),
the verdict names and the frozen dataclasses that parsing builds and evaluation returns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
CLAIMS_FILE = CONTENT_DIR / "milestones.toml"
EVENTS_FILE = CONTENT_DIR / "events.toml"

#: the peers of the project (contract.REGIONS without China and the aggregates)
PEERS: tuple[str, ...] = ("USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA")

SUPPORTED = "supported"
PARTLY = "partly supported"
NO_DATA = "no data yet"
NOT_SUPPORTED = "not supported"
VERDICTS: tuple[str, ...] = (SUPPORTED, PARTLY, NO_DATA, NOT_SUPPORTED)

_SLUG = re.compile(r"^[a-z0-9_]+$")
_REGION = re.compile(r"^[A-Z]{3}$")
_REQUIRED = object()


class ContentError(ValueError):
    """A content file breaks its schema; ``problems`` lists one message per fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- parameter checks
# Each check takes a value and returns an error text or None.

def _is_str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "must be a non-empty string"


def _is_slug(v: Any) -> str | None:
    return None if isinstance(v, str) and _SLUG.match(v) else "must be an id of [a-z0-9_]"


def _is_region(v: Any) -> str | None:
    return None if isinstance(v, str) and _REGION.match(v) else "must be a three-letter upper-case region code"


def _is_year(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and 1950 <= v <= 2100
    return None if ok else "must be a year (integer 1950..2100)"


def _is_year_or_latest(v: Any) -> str | None:
    return None if v == "latest" else (None if _is_year(v) is None else 'must be a year or "latest"')


def _is_number(v: Any) -> str | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return None if ok else "must be a finite number"


def _is_count(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 50
    return None if ok else "must be an integer 0..50"


def _is_positive_count(v: Any) -> str | None:
    return None if _is_count(v) is None and v >= 1 else "must be an integer 1..50"


def _is_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


def _is_regions(v: Any) -> str | None:
    ok = isinstance(v, list) and v and all(_is_region(x) is None for x in v)
    return None if ok else "must be a non-empty list of three-letter region codes"


_SERIES = {"indicator": (_is_slug, _REQUIRED), "region": (_is_region, "CHN"), "sector": (_is_slug, "total")}
_SPAN = {"from_year": (_is_year, _REQUIRED), "to_year": (_is_year_or_latest, "latest"), "max_shift": (_is_count, 3)}
_AT = {"year": (_is_year_or_latest, "latest"), "max_shift": (_is_count, 0)}
_PEERS = {"peers": (_is_regions, list(PEERS)), "rank_at_most": (_is_positive_count, 1),
          "min_peers": (_is_count, 3), "higher_is_better": (_is_bool, True)}

#: rule kinds of milestones.toml and their parameters: name -> (check, default or required)
RULE_KINDS: dict[str, dict[str, tuple[Callable[[Any], str | None], Any]]] = {
    # the value in one year is at least a threshold; the indicator's unit must be a percentage
    "share_at_least": {**_SERIES, **_AT, "threshold": (_is_number, _REQUIRED)},
    # the value in one year is at least a threshold, in the indicator's unit
    "level_at_least": {**_SERIES, **_AT, "threshold": (_is_number, _REQUIRED)},
    # the value in to_year is higher (lower) than in from_year
    "rises_between": {**_SERIES, **_SPAN},
    "falls_between": {**_SERIES, **_SPAN},
    # compound annual growth rate from from_year to to_year, percent per year, at least threshold
    "cagr_above": {**_SERIES, **_SPAN, "threshold": (_is_number, _REQUIRED)},
    # rank of the region among the peers with a value in the same year
    "rank_among_peers": {**_SERIES, **_AT, **_PEERS},
    # the region's value as a percentage of another region's (default the World) in the same year
    "share_of_region_at_least": {**_SERIES, **_AT, "of_region": (_is_region, "WLD"),
                                 "threshold": (_is_number, _REQUIRED)},
    # every sub-rule holds (see combine_outcomes for partial results)
    "all_of": {"rules": (lambda v: None if isinstance(v, list) and v else "must be a non-empty list of rules",
                         _REQUIRED)},
    # the project has no data for this (part of the) claim; says what data would be needed
    # (needed_zh: the same in Chinese, shown on Chinese pages; the unit tests require it)
    "no_data": {"needed": (_is_str, _REQUIRED), "needed_zh": (_is_str, "")},
}

#: event kinds of events.toml (each dates the first year a condition holds in the data)
EVENT_KINDS: dict[str, dict[str, tuple[Callable[[Any], str | None], Any]]] = {
    "first_year_at_least": {**_SERIES, "threshold": (_is_number, _REQUIRED)},
    "first_year_rank": {**_SERIES, **_PEERS},
    "first_year_share_of_region_at_least": {**_SERIES, "of_region": (_is_region, "WLD"),
                                            "threshold": (_is_number, _REQUIRED)},
    # first year the series exceeds another series (other_region / other_sector default to its own)
    "first_year_exceeds": {**_SERIES, "other_region": (_is_region, None), "other_sector": (_is_slug, None)},
}


# --------------------------------------------------------------------------- content objects

@dataclass(frozen=True)
class Rule:
    """One rule: its kind, its parameters with defaults filled in, and sub-rules (all_of only)."""

    kind: str
    params: Mapping[str, Any]
    rules: tuple[Rule, ...] = ()

    def indicators(self) -> list[str]:
        """Indicator ids the rule reads, in order, without repeats."""
        out = [self.params["indicator"]] if "indicator" in self.params else []
        for sub in self.rules:
            out += [i for i in sub.indicators() if i not in out]
        return out


@dataclass(frozen=True)
class Alternative:
    """Another definition under which the claim may hold (named on a partly supported verdict);
    ``definition_zh`` is its Chinese text (shown on Chinese pages)."""

    definition: str
    rule: Rule
    definition_zh: str = ""


@dataclass(frozen=True)
class Claim:
    """One claim of the paper's abstract, in our own words, with the rule that checks it."""

    id: str
    dimension: str
    claim: str
    evidence: tuple[str, ...]
    rule: Rule
    rule_text: str
    claim_zh: str = ""
    rule_text_zh: str = ""
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class EventRule:
    """One dated event of events.toml (its year is computed, see :func:`evaluate_events`)."""

    id: str
    label: str
    rule: Rule
    label_zh: str = ""


@dataclass(frozen=True)
class Evidence:
    """One figure behind a verdict or event: the value of a series in one year, with its source."""

    indicator_id: str
    name: str
    region: str
    sector: str
    year: int
    value: float
    unit: str
    flag: str
    source: str
    source_url: str
    decimals: int = 1


@dataclass(frozen=True)
class Outcome:
    """Result of one rule: holds is True, False or None (no data), plus a one-line explanation."""

    holds: bool | None
    line: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict (one of :data:`VERDICTS`) with its evidence and computed explanation.

    ``details`` holds one line per sub-rule of an ``all_of`` rule; ``alternative`` names the
    definition under which a partly supported claim holds ("" otherwise). ``explanation``,
    ``details`` and ``alternative`` are in the language current when the verdict was computed
    (:func:`~dashboard.model.milestones.cached.store_verdicts` keeps one set per language).
    """

    claim_id: str
    dimension: str
    claim: str
    verdict: str
    explanation: str
    evidence: tuple[Evidence, ...]
    rule_text: str
    details: tuple[str, ...] = ()
    alternative: str = ""
    claim_zh: str = ""
    rule_text_zh: str = ""


@dataclass(frozen=True)
class Event:
    """A dated event computed from the data: the year, the value then, and the source."""

    id: str
    indicator_id: str
    region: str
    sector: str
    year: int
    label: str
    explanation: str
    evidence: tuple[Evidence, ...]
    previous_year: int | None = None
    label_zh: str = ""


