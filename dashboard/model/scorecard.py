"""Scorecard of one dimension: every China series in two years, its change, CAGR and rank among the peers.

The numbers come from :func:`compare_years` and :func:`cagr` of the project's transforms, the same
functions the charts' year comparison uses; nothing is recomputed here.

Year rule: year A (default 2012) and year B (default ``"latest"``) are resolved per series from
China's own data. ``"latest"`` is China's latest year with a value; a numbered year without a
China value is replaced by the nearest year with one (ties go to the later year), and the row says
so in ``note_a`` / ``note_b``. Nothing is interpolated. The peers are compared in the two years
used for China, and only peers with values in both years are ranked (rank 1 = highest value in
year B; the rank says nothing about whether high is good).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.data.i18n import _

from .milestones import PEERS
from .transforms import NA_RATE, compare_years

COLUMNS = [
    "indicator_id", "name", "unit", "decimals", "sector", "year_a", "value_a", "flag_a", "note_a",
    "year_b", "value_b", "flag_b", "note_b", "abs_change", "pct_change", "pct_note", "cagr", "cagr_note",
    "rank", "rank_of", "ranked_peers", "rank_note", "spark_years", "spark_values", "source", "source_url",
]


def resolve_year(years: list[int], wanted: int | str) -> tuple[int, str]:
    """The year used for a wanted year (see the module docstring) and a note ("" if it is the wanted one).

    ``years`` must be non-empty. ``wanted`` is a year or ``"latest"``.
    """
    ys = sorted(set(int(y) for y in years))
    if wanted == "latest":
        return ys[-1], ""
    wanted = int(wanted)
    if wanted in ys:
        return wanted, ""
    used = min(ys, key=lambda y: (abs(y - wanted), -y))
    return used, _("no {wanted} value; nearest year {used}").format(wanted=wanted, used=used)


def _row(meta: pd.Series, indicator: str, sector: str, frame: pd.DataFrame, region: str,
         year_a: int | str, year_b: int | str, peers: tuple[str, ...]) -> dict[str, Any]:
    own = frame[frame["region"] == region].sort_values("year")
    ya, note_a = resolve_year(own["year"].tolist(), year_a)
    yb, note_b = resolve_year(own["year"].tolist(), year_b)
    flags = dict(zip(own["year"].astype(int), own["flag"]))
    values = dict(zip(own["year"].astype(int), own["value"].astype(float)))
    row: dict[str, Any] = {
        "indicator_id": indicator, "name": str(meta["name"]), "unit": str(meta["unit"]),
        "decimals": int(meta["decimals"]), "sector": sector,
        "year_a": ya, "value_a": values[ya], "flag_a": str(flags[ya]), "note_a": note_a,
        "year_b": yb, "value_b": values[yb], "flag_b": str(flags[yb]), "note_b": note_b,
        "abs_change": math.nan, "pct_change": math.nan, "pct_note": "", "cagr": math.nan, "cagr_note": "",
        "rank": math.nan, "rank_of": 0, "ranked_peers": "", "rank_note": "",
        "spark_years": own["year"].astype(int).tolist(), "spark_values": own["value"].astype(float).tolist(),
        "source": str(meta["source"]), "source_url": str(meta["source_url"]),
    }
    if ya == yb:
        row["pct_note"] = row["cagr_note"] = row["rank_note"] = _("one year of data only")
        return row
    cmp = compare_years(frame[frame["region"].isin((region, *peers))], ya, yb)
    mine = cmp[cmp["region"] == region].iloc[0]
    row.update(year_a=int(mine["year_a"]), year_b=int(mine["year_b"]), value_a=float(mine["value_a"]),
               value_b=float(mine["value_b"]), abs_change=float(mine["abs_change"]),
               pct_change=float(mine["pct_change"]), cagr=float(mine["cagr"]))
    if ya > yb:  # compare_years puts the years in order; keep flags and notes with their years
        row.update(flag_a=str(flags[yb]), flag_b=str(flags[ya]), note_a=note_b, note_b=note_a)
    if row["value_a"] <= 0:
        row["pct_change"] = math.nan
        row["pct_note"] = _("not defined: base value {value} <= 0").format(value=f"{row['value_a']:g}")
    if not math.isfinite(row["cagr"]):
        row["cagr_note"] = _("not defined: a value <= 0")
    if str(meta.get("kind", "")) == "rate":  # a growth rate's change is in points (transforms.rate_changes)
        row.update(pct_change=math.nan, cagr=math.nan, pct_note=_(NA_RATE), cagr_note=_(NA_RATE))
    others = cmp[cmp["region"].isin(peers)]
    if not others.empty:
        row["rank"] = 1 + int((others["value_b"] > row["value_b"]).sum())
        row["rank_of"] = len(others) + 1
        row["ranked_peers"] = ",".join(others["region"].tolist())
    else:
        row["rank_note"] = _("no peer has values in both {a} and {b}").format(a=row["year_a"], b=row["year_b"])
    return row


def scorecard(source: Any, dimension: str, *, year_a: int | str = 2012, year_b: int | str = "latest",
              region: str = "CHN", peers: tuple[str, ...] = PEERS) -> pd.DataFrame:
    """One row per China series (indicator x sector) of ``dimension``, in catalog and sector order.

    ``source`` is a :class:`~dashboard.data.store.DataStore` (``indicators(dimension)``,
    ``observations(id)``, ``sectors(id)``). Columns: :data:`COLUMNS`. Values are in the
    indicator's unit; ``pct_change`` and ``cagr`` are in percent (CAGR per year), NaN with a reason
    in ``pct_note`` / ``cagr_note`` when not defined (base <= 0, one year of data). ``rank`` is
    China's rank by value in year B among itself and ``ranked_peers`` (peers with both years),
    ``rank_of`` the number ranked; NaN / 0 with a reason in ``rank_note`` when no peer has both
    years. ``spark_years`` / ``spark_values`` hold China's whole series. An unknown dimension gives
    an empty frame.
    """
    rows = []
    for indicator, meta in source.indicators(dimension).iterrows():
        obs = source.observations(indicator)
        if obs.empty or not (obs["region"] == region).any():
            continue
        for sector in source.sectors(indicator):
            frame = obs[obs["sector"] == sector]
            if (frame["region"] == region).any():
                rows.append(_row(meta, str(indicator), sector, frame, region, year_a, year_b, peers))
    return pd.DataFrame(rows, columns=COLUMNS)
