"""Source adapters for China's official statistics: the national official series and the provincial R&D tables.

* :func:`official_rows` - rows of an ``[indicator.official]`` entry: one quantity of
  ``dashboard/content/official_series.toml`` merged year by year by :mod:`dashboard.data.official.series` under
  the precedence rule of ``docs/official-series.md`` (exact over bound; final > revised > communiqué first
  release > other report > weak copy; shares of a whole as one complete set per year). Flags are the rule's
  (``final``, ``preliminary``, ``weak_source``, ``lower_bound``, ``observed``...).
* :func:`provincial_rows` - rows of an ``[indicator.provincial]`` entry: one series of
  :func:`dashboard.data.official.nbs_rd.provincial_indicators`, regions ``CHN`` and the 31 ISO 3166-2:CN codes.
  These are the final figures of the S&T expenditure communiqués and of the S&T yearbook, flagged ``final``.

Both read their raw files from ``Raw.raw_dir`` (``facts/`` and ``raw/nbs_rd/``) once per build
(:func:`official_inputs`, cached by folder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import content as ind
from ..official import nbs_rd
from ..official.series import DROPPED_COLUMNS, FACTS_FILES, SeriesError, official_national
from .raw import BuildError, Raw
from .sources import source_tier

#: one-sentence summary of the precedence rule, added to the notes of every official indicator
PRECEDENCE_SUMMARY = (
    "One value per year from all sources that report it (docs/official-series.md): an exact figure beats a "
    "bound; then a final figure (S&T expenditure communique or S&T yearbook) beats a revised one, which beats "
    "the February statistical communique's first release (preliminary), which beats other reports, which beat "
    "weak copies (exam material, reposts, mirrors, dataset summaries).")
SHARES_SUMMARY = (" Shares of a whole are taken as one complete set from one release per year (all sectors, "
                  "adding up to 100 +- 0.3); a year without such a set is left out.")
_FACTS_REF = re.compile(r"^facts \((\w+), line (\d+)\)")


@dataclass(frozen=True)
class OfficialInputs:
    """What the official adapters need, read once from a raw folder.

    ``national``: kept points of every quantity (observation columns, ``indicator_id`` = quantity id, region
    CHN); ``dropped``: every alternative not kept (:data:`dashboard.data.official.series.DROPPED_COLUMNS`);
    ``provincial``: :func:`nbs_rd.provincial_indicators` (``indicator_id`` = the nbs_rd id); ``urls``: (facts
    file key, line) -> source_url of that facts row (header = line 1).
    """

    national: pd.DataFrame
    dropped: pd.DataFrame
    provincial: pd.DataFrame
    urls: dict[tuple[str, int], str]

    @property
    def all_urls(self) -> frozenset[str]:
        return frozenset(self.urls.values())


@lru_cache(maxsize=2)
def _inputs(raw_dir: str) -> OfficialInputs:
    path = Path(raw_dir)
    try:
        merged = official_national(path)
        provincial = nbs_rd.provincial_indicators(path / "raw" / "nbs_rd")
    except (SeriesError, ValueError, FileNotFoundError) as exc:
        raise BuildError(f"official series: {exc}") from exc
    urls: dict[tuple[str, int], str] = {}
    for key, name in FACTS_FILES.items():
        df = pd.read_csv(path / "facts" / name, usecols=["source_url"])
        urls.update({(key, i + 2): str(u) for i, u in enumerate(df["source_url"])})
    return OfficialInputs(merged.observations, merged.dropped, provincial, urls)


def official_inputs(raw: Raw) -> OfficialInputs:
    """The official inputs of ``raw.raw_dir`` (cached per folder). Raises BuildError without a raw folder."""
    if raw.raw_dir is None:
        raise BuildError("official series need the raw folder (Raw.raw_dir is not set; use read_raw)")
    return _inputs(str(Path(raw.raw_dir).resolve()))


def _row_url(inputs: OfficialInputs, source_vintage: str) -> str | None:
    m = _FACTS_REF.match(source_vintage)
    return inputs.urls.get((m.group(1), int(m.group(2)))) if m else None


def _main_url(spec: ind.Official, kept: pd.DataFrame, dropped: pd.DataFrame, inputs: OfficialInputs) -> str:
    """The indicator's source_url: the content's (must be a facts row's URL) or else the best page among the
    facts rows of the quantity, kept or not: weak copies last, then by :func:`source_tier` (official site >
    state media > other news > blogs), then kept rows before alternatives, then row order."""
    if spec.meta.source_url:
        if spec.meta.source_url not in inputs.all_urls:
            raise BuildError(f"{spec.meta.id}: source_url is not the URL of any row of the facts files")
        return spec.meta.source_url
    ranked = []
    for kept_rank, frame in enumerate((kept["source_vintage"], dropped["source"])):
        for order, v in enumerate(frame):
            u = _row_url(inputs, v)
            if u:
                ranked.append(("[weak source:" in v, source_tier(u), kept_rank, order, u))
    if not ranked:
        raise BuildError(f"{spec.meta.id}: no page among the rows; give a source_url of a facts row")
    return min(ranked)[-1]


def _fmt(v: float) -> str:
    return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"


def dropped_summary(dropped: pd.DataFrame, kept: pd.DataFrame, per: float, sectors: bool) -> str:
    """One sentence naming every dropped alternative whose value differs from the kept one, in the
    indicator's unit: 'Not used: 2012 1.024 (communique first release, preliminary); ...'."""
    kept_v = {(r.sector, int(r.year)): float(r.value) for r in kept.itertuples(index=False)}
    parts = []
    for r in dropped.itertuples(index=False):
        v = float(r.value) / per
        if kept_v.get((r.sector, int(r.year))) is not None and abs(kept_v[(r.sector, int(r.year))] - v) < 1e-9:
            continue  # the same figure from another copy
        what = {"communique": "communique first release", "secondary": "other report", "weak": "weak copy",
                "final": "final figure, other copy", "revised": "revised"}.get(r.category, r.category)
        sector = f" {r.sector}" if sectors else ""
        why = "" if str(r.reason).startswith("outranked") else f"; {r.reason}"
        parts.append(f"{int(r.year)}{sector} {_fmt(v)} ({what}, {r.flag}{why})")
    return ("Not used (other sources or releases for the same year): " + "; ".join(parts) + ".") if parts else ""


def official_rows(spec: ind.Official, raw: Raw) -> tuple[pd.DataFrame, str, str, pd.DataFrame]:
    """(rows, extra notes, source_url, dropped alternatives) of one ``[indicator.official]`` entry.

    rows: region, sector, year, value (quantity value / ``per``), flag, source_vintage. The extra notes hold the
    quantity's notes, the precedence rule and the dropped alternatives; the dropped frame (columns
    :data:`DROPPED_COLUMNS`, ``indicator_id`` = the indicator's id, values in the indicator's unit) goes to
    ``datasets/README.md``. Raises BuildError for an unknown quantity or a bad source_url.
    """
    inputs = official_inputs(raw)
    from ..official.series import load_spec

    q = {x["id"]: x for x in load_spec()["quantity"]}[spec.quantity]
    rows = inputs.national[inputs.national["indicator_id"] == spec.quantity]
    dropped = inputs.dropped[inputs.dropped["indicator_id"] == spec.quantity]
    if spec.sectors is not None:
        rows = rows[rows["sector"].isin(spec.sectors)]
        dropped = dropped[dropped["sector"].isin(spec.sectors)]
    if rows.empty:
        raise BuildError(f"{spec.meta.id}: official quantity {spec.quantity} has no rows")
    out = pd.DataFrame({
        "region": rows["region"].astype(str).to_numpy(),
        "sector": rows["sector"].astype(str).to_numpy(),
        "year": rows["year"].astype("int64").to_numpy(),
        "value": rows["value"].astype(float).to_numpy() / spec.per,
        "flag": rows["flag"].astype(str).to_numpy(),
        "source_vintage": rows["source_vintage"].astype(str).to_numpy(),
    })
    url = _main_url(spec, rows, dropped, inputs)
    summary = PRECEDENCE_SUMMARY + (SHARES_SUMMARY if q.get("parts_sum_to_100") else "")
    extra = " ".join(x for x in (q.get("notes", ""), summary,
                                 dropped_summary(dropped, out, spec.per, len(q["sectors"]) > 1)) if x)
    log = dropped.assign(indicator_id=spec.meta.id, value=dropped["value"] / spec.per)[DROPPED_COLUMNS]
    return out, extra, url, log.reset_index(drop=True)


def provincial_rows(spec: ind.Provincial, raw: Raw) -> pd.DataFrame:
    """Rows of one ``[indicator.provincial]`` entry: regions CHN and CN-XX, value / ``per``, flag ``final``.

    Raises BuildError if the source_url is not the URL of a facts row (no URL is ever made up).
    """
    inputs = official_inputs(raw)
    if spec.meta.source_url not in inputs.all_urls:
        raise BuildError(f"{spec.meta.id}: source_url is not the URL of any row of the facts files")
    d = inputs.provincial[inputs.provincial["indicator_id"] == nbs_rd.IDS[spec.series]]
    return pd.DataFrame({
        "region": d["region"].astype(str).to_numpy(),
        "sector": d["sector"].astype(str).to_numpy(),
        "year": d["year"].astype("int64").to_numpy(),
        "value": d["value"].astype(float).to_numpy() / spec.per,
        "flag": "final",
        "source_vintage": d["source_vintage"].astype(str).to_numpy(),
    })


def dropped_log(raw: Raw, specs: list[ind.Spec]) -> pd.DataFrame:
    """Every dropped alternative of the ``[indicator.official]`` entries among ``specs``, in content order
    (columns :data:`DROPPED_COLUMNS`, values in each indicator's unit), for ``datasets/README.md``."""
    logs = [official_rows(s, raw)[3] for s in specs if isinstance(s, ind.Official)]
    return pd.concat(logs, ignore_index=True) if logs else pd.DataFrame(columns=DROPPED_COLUMNS)


@dataclass(frozen=True)
class OfficialLog:
    """What ``datasets/README.md`` says about the official indicators: their ids (national and provincial, in
    content order) and every dropped alternative (:func:`dropped_log`)."""

    national: tuple[str, ...]
    provincial: tuple[str, ...]
    dropped: pd.DataFrame


def official_log(raw: Raw, specs: list[ind.Spec]) -> OfficialLog:
    """The :class:`OfficialLog` of ``specs`` built from ``raw``."""
    return OfficialLog(
        tuple(s.meta.id for s in specs if isinstance(s, ind.Official)),
        tuple(s.meta.id for s in specs if isinstance(s, ind.Provincial)),
        dropped_log(raw, specs),
    )
