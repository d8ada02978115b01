"""Official national series of China, year by year, merged from every source under one rule.

The quantities and where each source reports them are content: ``content/official_series.toml``.
:func:`official_series` builds one quantity; :func:`official_national` builds them all.

Precedence rule (also in ``docs/official-series.md``). For each quantity, sector and year, every
candidate value from every source is ranked, and the best one is kept:

1. an **exact** figure beats a bound or an approximation ("over 3 trillion", "about 30 %"), whatever
   its source;
2. then by source category, best first:
   ``final``     - S&T expenditure communiqué / S&T yearbook figures (``raw/nbs_rd``, or a facts row
                   whose title is that communiqué): the final figure for the year;
   ``revised``   - a later official revision of a first release (e.g. after an economic census);
                   none is in the current raw files, the rank is reserved;
   ``communique``- the NBS annual statistical communiqué (``facts/communique_facts.csv``): the
                   preliminary first release;
   ``secondary`` - other reports of official figures (``facts/paper_facts.csv``);
   ``weak``      - a facts row from a weak secondary copy (``[rules.weak_source]`` in the content:
                   exam material, machine-rewritten reposts, mirror sites, Statista summaries);
3. ties keep the first candidate in content order.

Shares of a whole (``parts_sum_to_100``) are chosen as **sets**: the shares one source gives for a
year form a set (all communiqué rows of one year are one release, the NBS communiqué, whichever
copy they were read from; other rows form one set per page); a set that lacks a sector, or whose shares do
not add up to 100 within
``share_sum_tolerance`` points, is rejected; the best remaining set (by the same rank) is kept, so
one year's shares never mix sources.

Every candidate that is not kept is recorded in :attr:`OfficialSeries.dropped` with the reason.

Flags (``final``, ``revised`` and ``weak_source`` are in ``contract.FLAGS``; :data:`PROPOSED_FLAGS` keeps the
module's own labels): the wording of the
facts row first (``lower_bound`` / ``upper_bound`` / ``approximate``), then ``weak_source`` for a
weak row, then by category: ``final`` -> ``final``, ``revised`` -> ``revised``, ``communique`` ->
``preliminary``, ``secondary`` -> ``preliminary`` when the row reports an NBS communiqué or says
"preliminary", else ``observed``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .nbs_rd import ACTIVITY_SECTORS, OBS_COLUMNS, VINTAGE, read_table

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content" / "official_series.toml"
FACTS_FILES = {"communique": "communique_facts.csv", "paper": "paper_facts.csv"}
CATEGORY_RANK = {"final": 0, "revised": 1, "communique": 2, "secondary": 3, "weak": 4}

#: flags this module writes that contract.FLAGS does not have yet -> label (proposal for the lead)
PROPOSED_FLAGS = {
    "final": "Final figure (replaces the preliminary first release)",
    "revised": "Revised figure (later official revision of the first release)",
    "weak_source": "Read from a weak secondary copy of the official release (not verified against the original)",
}
#: fallback while contract.FLAGS lacks the proposed flags (loses the distinction; see the report)
CONTRACT_FALLBACK = {"final": "observed", "revised": "observed", "weak_source": "observed"}

DROPPED_COLUMNS = ["indicator_id", "sector", "year", "value", "flag", "category", "source", "reason"]

__all__ = ["OfficialSeries", "SeriesError", "load_spec", "official_series", "official_national",
           "to_contract_flags", "PROPOSED_FLAGS"]


class SeriesError(ValueError):
    """The content file is inconsistent with the raw files (a pick matches no row, bad field...)."""


@dataclass(frozen=True)
class OfficialSeries:
    """``observations``: the kept points, observation contract columns (region ``CHN``), flags as in
    the module docstring. ``dropped``: every alternative not kept, columns :data:`DROPPED_COLUMNS`."""

    observations: pd.DataFrame
    dropped: pd.DataFrame


@lru_cache(maxsize=4)
def load_spec(path: Path = CONTENT_FILE) -> dict:
    """The content file as a dict: ``rules`` and ``quantity`` (list); ids checked unique."""
    with Path(path).open("rb") as fh:
        spec = tomllib.load(fh)
    ids = [q["id"] for q in spec["quantity"]]
    if len(set(ids)) != len(ids):
        raise SeriesError("duplicate quantity id in " + Path(path).name)
    return spec


def _wording_flag(indicator: str) -> str | None:
    text = indicator.lower()
    if "lower bound" in text or re.search(r"\b(over|more than)\b", text):
        return "lower_bound"
    if "upper bound" in text:
        return "upper_bound"
    if "approx." in text or re.search(r"\babout\b", text):
        return "approximate"
    return None


def _short(title: str) -> str:
    return title if len(title) <= 120 else title[:117] + "..."


def _candidates_nbs_rd(q: dict, raw_dir: Path) -> list[dict]:
    out = []
    for pick in q.get("nbs_rd", []):
        table = read_table(raw_dir / "raw" / "nbs_rd" / pick["file"])
        nat = table[table["region"] == "CHN"]
        if pick.get("share_of_activities"):
            parts = nat[nat["item"].isin(list(ACTIVITY_SECTORS))]
            sums = parts.groupby("year")["value"].sum()
            d = parts[parts["item"] == pick["item"]].set_index("year")["value"] / sums * 100
        else:
            d = nat[nat["item"] == pick["item"]].set_index("year")["value"] * float(pick["factor"])
        if d.empty:
            raise SeriesError(f"{q['id']}: nbs_rd {pick['file']} has no national item {pick['item']!r}")
        for year, value in d.items():
            out.append(dict(sector=pick.get("sector", "total"), year=int(year), value=float(value),
                            exact=True, category="final", flag="final",
                            source=VINTAGE[pick["file"]], group="nbs_rd:" + pick["file"]))
    return out


def _category(row: pd.Series, which: str, rules: dict) -> tuple[str, str | None]:
    text = f"{row['source_title']} {row['source_url']}"
    for weak in rules.get("weak_source", []):
        if weak["match"] in text:
            return "weak", weak["reason"]
    if any(str(row["source_title"]).startswith(p) for p in rules.get("final_title_prefixes", [])):
        return "final", None
    return ("communique" if which == "communique" else "secondary"), None


def _group(file: str, category: str, year: int, title: str) -> str:
    """Release a facts row belongs to, for sets of shares: all (non-weak) rows of the communiqué file
    for one year are copies of one release, the NBS communiqué of that year; other rows are grouped
    by their page."""
    if file == "communique" and category == "communique":
        return f"communique:{year}"
    return f"{file}:{title}"


def _candidates_facts(q: dict, facts: dict[str, pd.DataFrame], rules: dict) -> list[dict]:
    out = []
    for pick in q.get("facts", []):
        df = facts[pick["file"]]
        rows = df[(df["indicator"] == pick["indicator"]) & (df["unit"] == pick["unit"]) & (df["region"] == "China")]
        if rows.empty:
            raise SeriesError(f"{q['id']}: no row of {FACTS_FILES[pick['file']]} has indicator "
                              f"{pick['indicator']!r} in {pick['unit']!r}")
        for _, r in rows.iterrows():
            sector = pick.get("sector") or (r["sector"] if r["sector"] in q["sectors"] else "total")
            if sector not in q["sectors"]:
                raise SeriesError(f"{q['id']}: sector {sector!r} of {pick['indicator']!r} not in {q['sectors']}")
            category, weak_reason = _category(r, pick["file"], rules)
            wording = _wording_flag(pick["indicator"])
            if wording:
                flag = wording
            elif category == "weak":
                flag = "weak_source"
            elif category == "final":
                flag = "final"
            elif category == "communique" or "preliminary" in pick["indicator"].lower() or re.search(
                r"communiqu|communique|统计公报", str(r["source_title"]), re.I):
                flag = "preliminary"
            else:
                flag = "observed"
            src = f"facts ({pick['file']}, line {int(r['_line'])}): {_short(str(r['source_title']))}"
            if weak_reason:
                src += f" [weak source: {weak_reason}]"
            out.append(dict(sector=sector, year=int(r["year"]), value=float(r["value"]) * float(pick["factor"]),
                            exact=wording is None, category=category, flag=flag, source=src,
                            group=_group(pick["file"], category, int(r["year"]), str(r["source_title"]))))
    return out


def _read_facts(raw_dir: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for key, name in FACTS_FILES.items():
        df = pd.read_csv(raw_dir / "facts" / name)
        df["_line"] = df.index + 2  # header is line 1
        out[key] = df
    return out


def official_series(quantity_id: str, raw_dir: Path, spec_path: Path = CONTENT_FILE,
                    _facts: dict[str, pd.DataFrame] | None = None) -> OfficialSeries:
    """Merge one quantity of the content file under the module's precedence rule.

    ``raw_dir``: directory with ``facts/`` and ``raw/nbs_rd/`` (``datasets/raw`` or
    ``../shared/data``). Returns the kept points (region CHN, unit of the quantity) and the dropped
    alternatives. Raises KeyError for an unknown quantity id and SeriesError when a content pick
    matches no raw row.
    """
    spec = load_spec(Path(spec_path))
    by_id = {q["id"]: q for q in spec["quantity"]}
    if quantity_id not in by_id:
        raise KeyError(f"unknown official quantity {quantity_id!r} (known: {', '.join(by_id)})")
    q = by_id[quantity_id]
    rules = spec["rules"]
    raw_dir = Path(raw_dir)
    facts = _facts if _facts is not None else _read_facts(raw_dir)
    cands = pd.DataFrame(_candidates_nbs_rd(q, raw_dir) + _candidates_facts(q, facts, rules))
    cands["order"] = range(len(cands))
    cands["rank"] = cands["category"].map(CATEGORY_RANK)
    cands["inexact"] = ~cands["exact"]
    key = ["inexact", "rank", "order"]
    kept_idx: list[int] = []
    reasons: dict[int, str] = {}
    if q.get("parts_sum_to_100"):
        tol = float(rules.get("share_sum_tolerance", 0.3))
        sectors = set(q["sectors"])
        for _year, g in cands.groupby("year"):
            ok_sets = []
            for group, s in g.groupby("group", sort=False):
                missing = sectors - set(s["sector"])
                total = s.groupby("sector")["value"].first().sum()
                if missing:
                    why = f"incomplete set of shares (no {', '.join(sorted(missing))} from this source)"
                elif s["sector"].duplicated().any():
                    why = "source gives two values for one sector"
                elif abs(total - 100) > tol:
                    why = f"shares add up to {total:.1f}, not 100 +- {tol}"
                else:
                    ok_sets.append((tuple(s.sort_values(key).iloc[0][key]), group))
                    continue
                for i in s.index:
                    reasons[i] = why
            if ok_sets:
                best = min(ok_sets)[1]
                win = g[g["group"] == best]
                kept_idx += list(win.index)
                wsrc = win["source"].iloc[0]
                for i in g.index:
                    if i not in reasons and i not in win.index:
                        reasons[i] = f"outranked by {wsrc}"
    else:
        for _, g in cands.groupby(["sector", "year"]):
            g = g.sort_values(key)
            kept_idx.append(g.index[0])
            for i in g.index[1:]:
                reasons[i] = f"outranked by {g.loc[g.index[0], 'source']}"
    kept = cands.loc[sorted(kept_idx)]
    obs = pd.DataFrame({
        "indicator_id": quantity_id,
        "region": "CHN",
        "sector": kept["sector"].astype(str).to_numpy(),
        "year": kept["year"].astype("int32").to_numpy(),
        "value": kept["value"].astype(float).to_numpy(),
        "flag": kept["flag"].astype(str).to_numpy(),
        "source_vintage": kept["source"].astype(str).to_numpy(),
    })[OBS_COLUMNS].sort_values(["sector", "year"]).reset_index(drop=True)
    drop = cands.loc[sorted(reasons)]
    dropped = pd.DataFrame({
        "indicator_id": quantity_id,
        "sector": drop["sector"].astype(str).to_numpy(),
        "year": drop["year"].astype(int).to_numpy(),
        "value": drop["value"].astype(float).to_numpy(),
        "flag": drop["flag"].astype(str).to_numpy(),
        "category": drop["category"].astype(str).to_numpy(),
        "source": drop["source"].astype(str).to_numpy(),
        "reason": [reasons[i] for i in drop.index],
    }, columns=DROPPED_COLUMNS).sort_values(["sector", "year"]).reset_index(drop=True)
    return OfficialSeries(obs, dropped)


def official_national(raw_dir: Path, spec_path: Path = CONTENT_FILE) -> OfficialSeries:
    """Every quantity of the content file, concatenated (same shapes as :func:`official_series`)."""
    facts = _read_facts(Path(raw_dir))
    parts = [official_series(q["id"], raw_dir, spec_path, facts) for q in load_spec(Path(spec_path))["quantity"]]
    return OfficialSeries(
        pd.concat([p.observations for p in parts], ignore_index=True),
        pd.concat([p.dropped for p in parts], ignore_index=True),
    )


def to_contract_flags(obs: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``obs`` with the proposed flags mapped by :data:`CONTRACT_FALLBACK` (for a contract
    that does not have them yet). Lossy: a weak source then reads as 'observed'."""
    return obs.assign(flag=obs["flag"].replace(CONTRACT_FALLBACK))
