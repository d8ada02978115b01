"""Source adapters: rows of one indicator from WDI, OWID or the facts file, with their flag rules.

Each adapter returns a long frame with the observation columns ``region, sector, year, value, flag,
source_vintage`` (facts: plus ``_url`` and ``_title`` of the page each row comes from).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from .. import content as ind
from .. import contract as c
from .raw import BuildError, Raw

#: facts region names -> region codes
FACT_REGIONS: dict[str, str] = {
    "China": "CHN",
    "United States": "USA",
    "Japan": "JPN",
    "Germany": "DEU",
    "South Korea": "KOR",
    "India": "IND",
    "United Kingdom": "GBR",
    "France": "FRA",
    "World": "WLD",
}
#: OWID entity names -> region codes (iso_code is used first; OWID_WRL / OWID_EU27 are mapped too)
OWID_ISO: dict[str, str] = {"OWID_WRL": "WLD", "OWID_EU27": "EUU"}
OWID_ENTITIES: dict[str, str] = {"World": "WLD", "European Union (27)": "EUU"}
#: regions kept from WDI (OED, OECD members, is left out)
WDI_REGIONS: tuple[str, ...] = ("CHN", "USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA", "EUU", "WLD")


# ------------------------------------------------------------------------------------------
# WDI and OWID series
# ------------------------------------------------------------------------------------------
def wdi_flag(rule: str, region: pd.Series, year: pd.Series,
             preliminary_from: int = ind.WDI_PRELIMINARY_FROM) -> pd.Series:
    """Flags of WDI rows: a function of the indicator's rule, the region and the year only.

    Never of the row's source file: the same cell must get the same flag whichever mirror or vintage delivered
    it, and the sectors of one stacked year must agree (DATA-AUDIT.md fault 22). Rules:

    * ``default``: ``preliminary`` from ``preliminary_from`` on (:data:`dashboard.data.content.WDI_PRELIMINARY_FROM`,
      every economy: the newest World Bank files carry those years as first estimates), ``observed`` before;
    * ``observed``: always ``observed`` (counts without a revision cycle, e.g. certificate counts);
    * ``estimate``: every row is a modelled estimate (ILO employment shares, UN urbanisation estimates);
    * ``chn_2012_estimate``: as ``default``, but China from 2012 on is ``estimate`` (a constant in the source).

    ``region`` and ``year`` are aligned Series; returns a str Series on their index. Unknown rule: BuildError.
    """
    if rule not in ind.WDI_FLAG_RULES:
        raise BuildError(f"unknown WDI flag rule {rule!r}")
    if rule == "estimate":
        return pd.Series("estimate", index=region.index, dtype="str")
    flags = pd.Series("observed", index=region.index, dtype="str")
    if rule == "observed":
        return flags
    flags[year >= preliminary_from] = "preliminary"
    if rule == "chn_2012_estimate":
        flags[(region == "CHN") & (year >= 2012)] = "estimate"
    return flags


def wdi_rows(spec: ind.Wdi, raw: Raw) -> pd.DataFrame:
    frames = []
    for sector, code in spec.codes.items():
        if spec.vintage:
            src = raw.wdi_selected
            d = src[(src["indicator_code"] == code) & (src["source_id"] == spec.vintage)]
        else:
            src = raw.wdi
            d = src[src["indicator_code"] == code]
        d = d[d["country_code"].isin(WDI_REGIONS) & d["value"].notna()]
        if d.empty:
            raise BuildError(f"{spec.meta.id}: no WDI rows for {code}")
        region = d["country_code"].astype("str")
        year = d["year"].astype("int64")
        source = d["source_id"].astype("str")
        frames.append(
            pd.DataFrame(
                {
                    "region": region,
                    "sector": sector,
                    "year": year,
                    "value": d["value"].astype("float64") / spec.per,
                    "flag": wdi_flag(spec.flag, region, year),
                    "source_vintage": source,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def owid_region(owid: pd.DataFrame) -> pd.Series:
    iso = owid["iso_code"].astype("str")
    region = iso.where(iso.isin(WDI_REGIONS), iso.map(OWID_ISO))
    by_entity = owid["entity"].map(OWID_ENTITIES)
    return region.fillna(by_entity)


def owid_rows(spec: ind.Owid, raw: Raw) -> pd.DataFrame:
    owid = raw.owid.assign(region=owid_region(raw.owid))
    frames = []
    for sector, prefs in spec.variables.items():
        chosen: list[pd.DataFrame] = []
        taken: set[tuple[str, int]] = set()
        for rank, (variable, source_id) in enumerate(prefs):
            d = owid[(owid["variable"] == variable) & (owid["source_id"] == source_id)]
            if d.empty and rank == 0:
                raise BuildError(f"{spec.meta.id}: no OWID rows for {variable} from {source_id}")
            d = d[d["region"].isin(WDI_REGIONS) & d["value"].notna()]
            d = d[(d["year"] >= c.YEAR_MIN) & (d["year"] <= c.YEAR_MAX)]
            keys = list(zip(d["region"], d["year"].astype(int)))
            keep = np.array([k not in taken for k in keys], dtype=bool)
            d = d[keep]
            taken |= set(zip(d["region"], d["year"].astype(int)))
            chosen.append(d)
        d = pd.concat(chosen, ignore_index=True)
        frames.append(
            pd.DataFrame(
                {
                    "region": d["region"].astype("str"),
                    "sector": sector,
                    "year": d["year"].astype("int64"),
                    "value": d["value"].astype("float64") / spec.per,
                    "flag": spec.flag,
                    "source_vintage": d["source_id"].astype("str"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------------------------------
# facts
# ------------------------------------------------------------------------------------------
#: part-year figures are not annual values and must never be picked
PART_YEAR = re.compile(
    r"\((?:[^)]*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|H[12]\b|Q[1-4]\b|"
    r"end of (?:January|February|March|April|May|June|July|August|September|October|November))",
)
FLAG_RANK = {"observed": 0, "estimate": 1, "preliminary": 2, "approximate": 3, "lower_bound": 4,
             "upper_bound": 4}
#: source tiers for choosing between two figures of one key (lower wins)
OFFICIAL_HOSTS = ("gov.cn",)  # stats.gov.cn, english.www.gov.cn, ...
NEWS_AGENCY_HOSTS = ("news.cn", "xinhuanet.com", "people.cn", "chinadaily.com.cn", "ecns.cn",
                     "globaltimes.cn", "csstoday.com", "china.org.cn", "c114.com.cn")
LOW_HOSTS = ("soft-clouds.com", "datasetsearch.research.google.com", "scribd.com",
             "phroot.kroovy.de", "138479.xyz")  # the last two: a gopher proxy and a mirror (DATA-AUDIT.md fault 28)


def source_tier(url: str) -> int:
    """0 official site, 1 state media / news agency, 2 other news, 3 blogs and dataset summaries."""
    host = urlparse(url).netloc.lower()

    def under(hosts: tuple[str, ...]) -> bool:
        return any(host == h or host.endswith("." + h) for h in hosts)

    if under(OFFICIAL_HOSTS):
        return 0
    if under(NEWS_AGENCY_HOSTS):
        return 1
    if under(LOW_HOSTS):
        return 3
    return 2


def fact_flag(indicator: str) -> str:
    """Flag implied by the wording of a facts row's indicator name."""
    text = indicator.lower()
    if "lower bound" in text or re.search(r"\b(over|more than)\b", text):
        return "lower_bound"
    if "upper bound" in text:
        return "upper_bound"
    if "approx." in text or re.search(r"\babout\b", text):
        return "approximate"
    if "preliminary" in text:
        return "preliminary"
    if "estimate" in text:
        return "estimate"
    return "observed"


def short_title(title: str) -> str:
    """Source title without the trailing '(publisher, date)' part, at most 90 characters."""
    head = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip() or title
    return head if len(head) <= 90 else head[:87].rstrip() + "..."


def _facts_file(facts: pd.DataFrame) -> pd.Series:
    """The facts file (``paper`` / ``communique``) of each row; a frame without a ``file`` column is the paper's."""
    if "file" in facts.columns:
        return facts["file"].astype(str)
    return pd.Series("paper", index=facts.index, dtype="str")


def fact_rows(spec: ind.Facts, facts: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str]:
    """Rows of one facts indicator, the conflict notes and the main source URL.

    ``facts``: the rows of the facts files (:func:`.raw.read_facts`; column ``file`` names each row's file).
    Each :class:`Pick` takes the rows of its ``file`` with its exact indicator text and unit; the flag is the
    pick's ``flag`` if given, else the one the indicator text implies (:func:`fact_flag`).
    """
    picked = []
    for order, pick in enumerate(spec.picks):
        if PART_YEAR.search(pick.indicator):
            raise BuildError(f"{spec.meta.id}: {pick.indicator!r} is a part-year figure")
        d = facts[(facts["indicator"] == pick.indicator) & (facts["unit"] == pick.unit)]
        d = d[_facts_file(d) == pick.file]
        if pick.regions is not None:
            d = d[d["region"].isin(pick.regions)]
        if pick.years is not None:
            d = d[d["year"].isin(pick.years)]
        if d.empty:
            raise BuildError(f"{spec.meta.id}: no facts row matches {pick.indicator!r} [{pick.unit}]")
        unknown = sorted(set(d["region"]) - set(FACT_REGIONS))
        if unknown:
            raise BuildError(f"{spec.meta.id}: facts regions without a code: {unknown}")
        picked.append(
            pd.DataFrame(
                {
                    "region": d["region"].map(FACT_REGIONS).astype("str"),
                    "sector": pick.sector,
                    "year": d["year"].astype("int64"),
                    "value": d["value"].astype("float64") / pick.per,
                    "flag": [pick.flag or fact_flag(t) for t in d["indicator"]],
                    "source_vintage": ["facts: " + short_title(t) for t in d["source_title"]],
                    "_priority": pick.priority,
                    "_tier": [source_tier(u) for u in d["source_url"]],
                    "_order": order * 10_000 + d.index.to_numpy(),
                    "_url": d["source_url"].astype("str"),
                    "_title": d["source_title"].astype("str"),
                }
            )
        )
    df = pd.concat(picked, ignore_index=True)
    df["_rank"] = df["flag"].map(FLAG_RANK)
    df = df.sort_values(["region", "sector", "year", "_priority", "_rank", "_tier", "_order"], kind="stable")
    key = ["region", "sector", "year"]
    dropped = df[df.duplicated(key, keep="first")]
    kept = df.drop_duplicates(key, keep="first")
    conflicts = []
    for _, row in dropped.iterrows():
        win = kept[(kept["region"] == row["region"]) & (kept["sector"] == row["sector"])
                   & (kept["year"] == row["year"])].iloc[0]
        if win["value"] == row["value"] and win["flag"] == row["flag"]:
            continue  # the same figure from two pages
        conflicts.append(
            f"{row['region']} {row['year']}"
            + (f" {row['sector']}" if row["sector"] != "total" else "")
            + f": kept {win['value']:g} ({win['flag']}, {short_title(win['_title'])}) over "
            f"{row['value']:g} ({row['flag']}, {short_title(row['_title'])})"
        )
    # main URL: the one given in the definition (must be among the rows) or the best-tier page
    urls = list(dict.fromkeys(kept.sort_values(["_tier", "_order"])["_url"]))
    if spec.meta.source_url:
        if spec.meta.source_url not in set(df["_url"]):
            raise BuildError(f"{spec.meta.id}: source_url is not the URL of any of its facts rows")
        main = spec.meta.source_url
    else:
        main = urls[0]
    return kept[["region", "sector", "year", "value", "flag", "source_vintage", "_url", "_title"]], conflicts, main


