"""Where a drawn line must break: missing years and changes of source vintage (issue 9, item 3).

Nothing is interpolated (README, "Gaps and breaks"): a line joins two points only when they
are consecutive calendar years with values from the same source vintage. Everywhere else the
line ends and a new segment starts, and plotly is told so by a point with no value (NaN x and
y, ``connectgaps`` false) between the two. The rules:

- **Gap**: the next row is more than one year later (e.g. 1969 -> 1997), or a row's value is
  NaN (a change that is n/a by rule, see :func:`dashboard.model.transforms.base_note`).
- **Vintage break**: the *vintage prefix* of ``source_vintage`` (its leading word: ``RW`` for
  the December 2013 WDI vintage, ``BULK`` for a World Bank country file, ``DH``, ``API``,
  ``OWID``; see ``datasets/raw/SOURCES.md``) changes between two rows. Official rows, those
  taken from the facts files (``facts: <title>``, ``facts (communique, line 12)``) and from the
  NBS tables (``NBS-RD:S&T expenditure communiqué``), are one source for this rule
  (:data:`OFFICIAL_PREFIXES`): an official series is merged by precedence from several
  releases (``docs/official-series.md``), and which release a figure comes from is that
  rule's business, not a break of the series.
  Level steps at such joins are revisions, not changes (``datasets/README.md``, "Plausibility
  gate"), so the line does not join them and the first point of the new vintage says so on
  hover (as does the first point after a gap whose vintage differs from the row before).
- **Isolated point**: a point with no joined neighbour on either side; it always gets a
  marker (a line of one point is invisible).
- **Sparse series**: more than half of its points are isolated (a few scattered years, as in
  many official series); it is drawn as markers only, so it reads as separate observations.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from dashboard.data.i18n import _
from dashboard.data.labels import source_name

GAP = "gap"
VINTAGE = "vintage"


_PREFIX = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*)")
#: vintage prefixes of official statistics (facts files, NBS tables): one source for the break rule
OFFICIAL_PREFIXES = frozenset({"facts", "NBS"})
OFFICIAL = "official"


def vintage_prefix(vintage: object) -> str:
    """The leading word of a ``source_vintage`` (``"BULK:USA:3173"`` -> ``"BULK"``, ``"facts (paper,
    line 18)"`` -> ``"facts"``); ``""`` for a missing one or one that starts with no letter."""
    if vintage is None or (isinstance(vintage, float) and math.isnan(vintage)):
        return ""
    m = _PREFIX.match(str(vintage))
    return m.group(1) if m else ""


@lru_cache(maxsize=4096)  # a few hundred distinct vintages; called for every point of every line drawn
def break_source(vintage: object) -> str:
    """The source a ``source_vintage`` counts as for the break rule: its :func:`vintage_prefix`,
    or :data:`OFFICIAL` for every official prefix (:data:`OFFICIAL_PREFIXES`), so that
    ``"facts (communique, line 90)"`` and ``"NBS-RD:S&T expenditure communiqué"`` are one source."""
    prefix = vintage_prefix(vintage)
    return OFFICIAL if prefix in OFFICIAL_PREFIXES else prefix


def breaks_before(years: Sequence[int], values: Sequence[float],
                  vintages: Sequence[object] | None = None) -> list[str]:
    """For each row of one series (sorted by year), why the line may not join it to the row before.

    Returns a list as long as ``years``: ``""`` (joined), :data:`GAP` (the first row, a missing
    year, or a NaN value on either side) or :data:`VINTAGE` (consecutive years whose vintage
    prefixes differ; only when ``vintages`` is given and both prefixes are non-empty).
    """
    out: list[str] = []
    for i, (year, value) in enumerate(zip(years, values)):
        if i == 0 or not _finite(value) or not _finite(values[i - 1]) or int(year) != int(years[i - 1]) + 1:
            out.append(GAP)
            continue
        if vintages is not None:
            a, b = break_source(vintages[i - 1]), break_source(vintages[i])
            if a and b and a != b:
                out.append(VINTAGE)
                continue
        out.append("")
    return out


def isolated(breaks: Sequence[str]) -> list[bool]:
    """Rows joined to neither neighbour (see :func:`breaks_before`)."""
    n = len(breaks)
    return [bool(breaks[i]) and (i == n - 1 or bool(breaks[i + 1])) for i in range(n)]


def is_sparse(breaks: Sequence[str], values: Sequence[float]) -> bool:
    """True when more than half of the series' points with a value are isolated."""
    alone = [a for a, v in zip(isolated(breaks), values) if _finite(v)]
    return bool(alone) and sum(alone) * 2 > len(alone)


def with_breaks(breaks: Sequence[str], *columns: Sequence) -> tuple[list[int], list[list]]:
    """Insert one empty point before every row whose break is not ``""`` (except the first row).

    Returns ``(rows, columns)``: ``rows`` gives, for each output position, the input row index
    or ``-1`` for an inserted point; each output column holds the input's values with ``None``
    at inserted points. Use :func:`as_floats` to turn x and y into arrays with NaN there.
    """
    rows: list[int] = []
    for i, kind in enumerate(breaks):
        if kind and i > 0:
            rows.append(-1)
        rows.append(i)
    return rows, [[None if r < 0 else col[r] for r in rows] for col in columns]


def as_floats(values: Sequence) -> np.ndarray:
    """A float64 array with NaN for ``None`` (plotly draws no point there, and with
    ``connectgaps`` false the line breaks)."""
    return np.asarray([np.nan if v is None else v for v in values], dtype="float64")


def vintage_changes(vintages: Sequence[object] | None, n: int) -> list[bool]:
    """For each of ``n`` rows, whether its vintage prefix differs from the row before's (both
    known), with or without a gap between them; all False without ``vintages``."""
    if vintages is None:
        return [False] * n
    prefixes = [break_source(v) for v in vintages]
    return [i > 0 and bool(prefixes[i]) and bool(prefixes[i - 1]) and prefixes[i] != prefixes[i - 1]
            for i in range(n)]


def vintage_note(previous: object, current: object) -> str:
    """Hover text of the first point after a vintage break (HTML, starts with ``<br>``): the two
    sources in plain words (:func:`~dashboard.data.labels.source_name` of their
    :func:`break_source`, not the ``source_vintage`` codes), in short lines (``<br>``) so that the
    label fits beside or over a point on a 390 px wide phone."""
    # the year before may be missing (education_expenditure: none from 2000 to 2006): the note speaks
    # of the step across the break, not of the year before
    text = _("Series break: the source changes<br>from {previous}<br>to {current};<br>"
             "a step across the break can<br>come from the change of source")
    return "<br><i>" + text.format(previous=source_name(break_source(previous)),
                                   current=source_name(break_source(current))) + "</i>"


def year_runs(years: Sequence[int]) -> list[list[int]]:
    """The distinct ``years`` in runs of consecutive years: ``[2000, 2001, 2003]`` ->
    ``[[2000, 2001], [2003]]`` (NaN ignored; ``[]`` for none)."""
    runs: list[list[int]] = []
    for year in sorted({int(y) for y in years if _finite(y)}):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


__all__ = ["GAP", "OFFICIAL", "OFFICIAL_PREFIXES", "VINTAGE", "as_floats", "break_source",
           "breaks_before", "is_sparse", "isolated", "vintage_changes", "vintage_note",
           "vintage_prefix", "with_breaks", "year_runs"]
