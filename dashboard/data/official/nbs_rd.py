"""Readers of ``raw/nbs_rd/``: China's official R&D statistics, national (CHN) and by province.

Files (see ``raw/nbs_rd/PROVENANCE.md``):

* ``rd_intensity_by_province.csv`` - NBS/MOST/MOF S&T expenditure communiqués (final figures),
  2011-2023: ``RD经费`` GERD in 亿元 (100 million yuan), ``RD强度`` GERD / GDP in %;
* ``rd_expenditure_by_activity_by_province.csv`` - China Statistical Yearbook on Science and
  Technology, 2010-2023: R&D expenditure by type of activity in 万元 (10,000 yuan);
* ``rd_personnel_fte_by_province.csv`` - same yearbook: R&D personnel in full-time equivalent,
  人年 (person-years), total and researchers.

Every reader returns a long frame with the observation contract's columns (``indicator_id``,
``region``, ``sector``, ``year``, ``value``, ``flag``, ``source_vintage``), regions ``CHN`` and the 31
ISO 3166-2:CN codes. Province names are normalised by :func:`.provinces.region_codes` (unknown name
-> UnknownRegionError); :func:`read_table` raises NbsRdError when a region lacks a year, a cell is
duplicated, a unit is not the expected one, or a value is missing. Flags are ``observed``: these are
the final published figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .provinces import NATIONAL_CODE, province_codes, region_codes

INTENSITY_FILE = "rd_intensity_by_province.csv"
ACTIVITY_FILE = "rd_expenditure_by_activity_by_province.csv"
PERSONNEL_FILE = "rd_personnel_fte_by_province.csv"

#: source_vintage of each file's rows
VINTAGE = {
    INTENSITY_FILE: "NBS-RD:S&T expenditure communiqué",
    ACTIVITY_FILE: "NBS-RD:S&T yearbook, R&D expenditure by activity",
    PERSONNEL_FILE: "NBS-RD:S&T yearbook, R&D personnel FTE",
}

#: item (``chn_block4``) -> expected unit, per file
UNITS = {
    INTENSITY_FILE: {"RD经费": "亿元", "RD强度": "%"},
    ACTIVITY_FILE: {"合计": "万元", "基础研究": "万元", "应用研究": "万元", "试验发展": "万元"},
    PERSONNEL_FILE: {"合计": "人年", "研究人员": "人年", "基础研究": "人年", "应用研究": "人年", "试验发展": "人年"},
}

#: type of R&D activity (Frascati manual) -> sector code, in stacking order
ACTIVITY_SECTORS = {"基础研究": "basic_research", "应用研究": "applied_research", "试验发展": "experimental_development"}

#: indicator ids written by this module (proposed; the catalog entries are the lead's)
IDS = {
    "gerd": "gerd_province",
    "intensity": "rd_intensity_province",
    "activity": "rd_expenditure_by_activity_province",
    "activity_share": "rd_activity_share_province",
    "personnel": "rd_personnel_fte_province",
    "researchers": "researchers_fte_province",
    "gerd_per_fte": "gerd_per_rd_fte_province",
}

OBS_COLUMNS = ["indicator_id", "region", "sector", "year", "value", "flag", "source_vintage"]

__all__ = [
    "NbsRdError",
    "read_table",
    "gerd",
    "rd_intensity",
    "rd_expenditure_by_activity",
    "rd_activity_shares",
    "activity_total_gaps",
    "rd_personnel_fte",
    "researchers_fte",
    "gerd_per_rd_fte",
    "provincial_indicators",
]


class NbsRdError(ValueError):
    """A raw nbs_rd file breaks an assumption the readers rely on."""


def read_table(path: Path) -> pd.DataFrame:
    """One raw nbs_rd CSV, names normalised and checked.

    Returns columns ``region`` (CHN or CN-XX), ``year`` (int), ``item`` (the Chinese breakdown
    label), ``value`` (float, unit as published), ``unit``. Raises UnknownRegionError for an
    unknown province name and NbsRdError when: a unit differs from :data:`UNITS`; a value is missing
    or negative; a (region, year, item) cell appears twice after normalisation; or a region does not
    have every year of the file (the rule of PROVENANCE.md: a province must end up with every year).
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype={"province": str, "chn_block4": str, "units": str})
    units = UNITS.get(path.name)
    if units is None:
        raise NbsRdError(f"{path.name}: not a known nbs_rd file ({', '.join(UNITS)})")
    out = pd.DataFrame(
        {
            "region": region_codes(raw["province"]),
            "year": raw["year"].astype(int),
            "item": raw["chn_block4"].str.strip(),
            "value": pd.to_numeric(raw["value"], errors="coerce").astype(float),
            "unit": raw["units"].str.strip(),
        }
    )
    bad_item = ~out["item"].isin(list(units))
    if bad_item.any():
        raise NbsRdError(f"{path.name}: unexpected item(s) {sorted(out.loc[bad_item, 'item'].unique())}")
    bad_unit = out["unit"] != out["item"].map(units)
    if bad_unit.any():
        r = out[bad_unit].iloc[0]
        raise NbsRdError(f"{path.name}: {r['item']} in {r['unit']!r}, expected {units[r['item']]!r}")
    if out["value"].isna().any() or (out["value"] < 0).any():
        raise NbsRdError(f"{path.name}: {int((out['value'].isna() | (out['value'] < 0)).sum())} missing or negative values")
    dup = out.duplicated(["region", "year", "item"], keep=False)
    if dup.any():
        keys = out.loc[dup, ["region", "year", "item"]].drop_duplicates().head(5).values.tolist()
        raise NbsRdError(f"{path.name}: duplicate cells after name normalisation: {keys}")
    years = sorted(out["year"].unique())
    expected = {NATIONAL_CODE, *province_codes()}
    missing_regions = expected - set(out["region"])
    if missing_regions:
        raise NbsRdError(f"{path.name}: no rows for {sorted(missing_regions)}")
    counts = out.groupby(["region", "item"])["year"].nunique()
    short = counts[counts < len(years)]
    if len(short):
        raise NbsRdError(
            f"{path.name}: {len(short)} region/item series lack years of {years[0]}-{years[-1]}, "
            f"e.g. {short.index[0]}"
        )
    return out.sort_values(["item", "region", "year"]).reset_index(drop=True)


def _obs(d: pd.DataFrame, indicator_id: str, vintage: str, sector: str | pd.Series = "total") -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "region": d["region"].astype(str).to_numpy(),
            "sector": sector if isinstance(sector, str) else sector.to_numpy(),
            "year": d["year"].astype("int32").to_numpy(),
            "value": d["value"].astype(float).to_numpy(),
            "flag": "observed",
            "source_vintage": vintage,
        }
    )
    return out[OBS_COLUMNS].sort_values(["region", "sector", "year"]).reset_index(drop=True)


def _item(table: pd.DataFrame, item: str) -> pd.DataFrame:
    return table[table["item"] == item]


def gerd(intensity: pd.DataFrame) -> pd.DataFrame:
    """GERD (gross domestic expenditure on R&D), **billion yuan**, current prices, 2011-2023.

    ``intensity``: :func:`read_table` of ``rd_intensity_by_province.csv`` (``RD经费``, 亿元).
    1 亿元 = 0.1 billion yuan, so value = 亿元 / 10.
    """
    d = _item(intensity, "RD经费").assign(value=lambda x: x["value"] / 10.0)
    return _obs(d, IDS["gerd"], VINTAGE[INTENSITY_FILE])


def rd_intensity(intensity: pd.DataFrame) -> pd.DataFrame:
    """R&D intensity: GERD as **% of GDP** (of the region's GDP), as first published, 2011-2023."""
    return _obs(_item(intensity, "RD强度"), IDS["intensity"], VINTAGE[INTENSITY_FILE])


def rd_expenditure_by_activity(activity: pd.DataFrame) -> pd.DataFrame:
    """R&D expenditure by type of activity, **billion yuan**, 2010-2023.

    Sectors ``basic_research``, ``applied_research``, ``experimental_development`` (they add up to
    the yearbook total). ``activity``: :func:`read_table` of the activity file (万元);
    1 万元 = 1e-5 billion yuan, so value = 万元 / 100,000.
    """
    d = activity[activity["item"].isin(list(ACTIVITY_SECTORS))].assign(value=lambda x: x["value"] / 1e5)
    return _obs(d, IDS["activity"], VINTAGE[ACTIVITY_FILE], d["item"].map(ACTIVITY_SECTORS))


def rd_activity_shares(activity: pd.DataFrame) -> pd.DataFrame:
    """Shares of basic / applied research / experimental development in R&D expenditure, **%**.

    Rule: each activity's expenditure divided by the **sum of the three activities** of the same
    region and year, times 100, so the three shares add up to 100. The published total (合计)
    equals that sum within rounding except where :func:`activity_total_gaps` lists a gap (Shanghai
    2021: the parts exceed the total by 0.11 %); such gaps belong in the indicator's notes.
    Raises NbsRdError if the sum of a region-year is zero.
    """
    parts = activity[activity["item"].isin(list(ACTIVITY_SECTORS))]
    sums = parts.groupby(["region", "year"])["value"].transform("sum")
    if (sums <= 0).any():
        raise NbsRdError("R&D expenditure by activity sums to zero for "
                         + str(parts.loc[sums <= 0, ["region", "year"]].iloc[0].tolist()))
    d = parts.assign(value=parts["value"] / sums * 100)
    return _obs(d, IDS["activity_share"], VINTAGE[ACTIVITY_FILE] + " (share of the three activities)",
                d["item"].map(ACTIVITY_SECTORS))


def activity_total_gaps(activity: pd.DataFrame, tolerance_pct: float = 0.05) -> pd.DataFrame:
    """Region-years whose three activities do not add up to the published total (合计).

    Returns columns region, year, total_wan_yuan, sum_of_activities_wan_yuan, gap_pct
    (= (sum / total - 1) * 100) for every |gap_pct| > ``tolerance_pct``; empty when all agree.
    """
    total = _item(activity, "合计").set_index(["region", "year"])["value"]
    sums = activity[activity["item"].isin(list(ACTIVITY_SECTORS))].groupby(["region", "year"])["value"].sum()
    gap = (sums / total - 1) * 100
    bad = gap[gap.abs() > tolerance_pct]
    return pd.DataFrame(
        {
            "region": bad.index.get_level_values(0),
            "year": bad.index.get_level_values(1).astype(int),
            "total_wan_yuan": total.loc[bad.index].to_numpy(),
            "sum_of_activities_wan_yuan": sums.loc[bad.index].to_numpy(),
            "gap_pct": bad.to_numpy(),
        }
    )


def rd_personnel_fte(personnel: pd.DataFrame) -> pd.DataFrame:
    """R&D personnel, full-time equivalent, **thousand person-years**, 2010-2023 (人年 / 1,000)."""
    d = _item(personnel, "合计").assign(value=lambda x: x["value"] / 1e3)
    return _obs(d, IDS["personnel"], VINTAGE[PERSONNEL_FILE])


def researchers_fte(personnel: pd.DataFrame) -> pd.DataFrame:
    """Researchers (研究人员), full-time equivalent, **thousand person-years**, 2010-2023."""
    d = _item(personnel, "研究人员").assign(value=lambda x: x["value"] / 1e3)
    return _obs(d, IDS["researchers"], VINTAGE[PERSONNEL_FILE])


def gerd_per_rd_fte(gerd_obs: pd.DataFrame, personnel_obs: pd.DataFrame) -> pd.DataFrame:
    """GERD per full-time-equivalent R&D person, **thousand yuan per person-year**.

    ``gerd_obs``: :func:`gerd` (billion yuan); ``personnel_obs``: :func:`rd_personnel_fte`
    (thousand person-years). value = GERD * 1e9 / (FTE * 1e3) / 1e3 = GERD / FTE * 1,000.
    Only the (region, year) pairs both have (2011-2023).
    """
    m = gerd_obs.merge(personnel_obs, on=["region", "year"], suffixes=("_g", "_p"))
    if (m["value_p"] <= 0).any():
        raise NbsRdError("R&D personnel FTE is zero for " + str(m.loc[m["value_p"] <= 0, ["region", "year"]].iloc[0].tolist()))
    d = m.assign(value=m["value_g"] / m["value_p"] * 1e3)
    return _obs(d, IDS["gerd_per_fte"], "NBS-RD:GERD (S&T expenditure communiqué) / R&D personnel FTE (S&T yearbook)")


def provincial_indicators(nbs_rd_dir: Path) -> pd.DataFrame:
    """All seven provincial indicators of :data:`IDS` in one long frame (CHN and the 31 provinces).

    ``nbs_rd_dir``: the ``raw/nbs_rd`` directory. Rows sorted by indicator, region, sector, year;
    dtypes as the observation contract (year int32, value float64).
    """
    nbs_rd_dir = Path(nbs_rd_dir)
    inten = read_table(nbs_rd_dir / INTENSITY_FILE)
    act = read_table(nbs_rd_dir / ACTIVITY_FILE)
    pers = read_table(nbs_rd_dir / PERSONNEL_FILE)
    g = gerd(inten)
    p = rd_personnel_fte(pers)
    frames = [
        g,
        rd_intensity(inten),
        rd_expenditure_by_activity(act),
        rd_activity_shares(act),
        p,
        researchers_fte(pers),
        gerd_per_rd_fte(g, p),
    ]
    out = pd.concat(frames, ignore_index=True)
    if not np.isfinite(out["value"].to_numpy()).all():  # pragma: no cover - guarded above
        raise NbsRdError("non-finite value in the provincial indicators")
    return out.sort_values(["indicator_id", "region", "sector", "year"]).reset_index(drop=True)
