"""Build every Parquet file under ``datasets/`` from the raw files in ``datasets/raw``.

    python -m dashboard.data.build --raw datasets/raw --out datasets

Deterministic: the same raw files give byte-identical output (sorted rows, fixed schema, fixed
compression, no pandas metadata). The build validates what it wrote and exits non-zero if its own
output is invalid. It also regenerates ``datasets/README.md`` (contract + indicator table).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import contract as c
from . import content as ind
from .validate import validate_dir

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RAW = PROJECT_ROOT / "datasets" / "raw"
DEFAULT_OUT = PROJECT_ROOT / "datasets"
ROW_GROUP_SIZE = 100_000


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


class BuildError(RuntimeError):
    """The raw files or the indicator definitions do not produce valid output."""


# ------------------------------------------------------------------------------------------
# raw files
# ------------------------------------------------------------------------------------------
@dataclass
class Raw:
    wdi: pd.DataFrame
    wdi_selected: pd.DataFrame
    owid: pd.DataFrame
    facts: pd.DataFrame


def read_raw(raw_dir: Path) -> Raw:
    raw_dir = Path(raw_dir)
    files = {
        "wdi": raw_dir / "raw" / "wdi_combined.csv",
        "wdi_selected": raw_dir / "raw" / "wdi_selected.csv",
        "owid": raw_dir / "raw" / "owid_energy_selected.csv",
        "facts": raw_dir / "facts" / "paper_facts.csv",
    }
    missing = [str(p) for p in files.values() if not p.exists()]
    if missing:
        raise BuildError(f"raw files missing: {', '.join(missing)}")
    wdi_cols = ["indicator_code", "country_code", "year", "value", "source_id"]
    return Raw(
        wdi=pd.read_csv(files["wdi"], usecols=wdi_cols),
        wdi_selected=pd.read_csv(files["wdi_selected"], usecols=wdi_cols),
        owid=pd.read_csv(files["owid"]),
        # the quote column is never read into the project
        facts=pd.read_csv(
            files["facts"],
            usecols=["dimension", "indicator", "region", "sector", "year", "value", "unit",
                     "source_title", "source_url"],
        ),
    )


# ------------------------------------------------------------------------------------------
# WDI and OWID series
# ------------------------------------------------------------------------------------------
def wdi_flag(rule: str, region: pd.Series, year: pd.Series, source: pd.Series) -> pd.Series:
    """Flags of WDI rows.

    default: observed, except China 2024+ from the Datahub mirror (early estimates) -> preliminary;
    estimate: every row is a modelled estimate; chn_2012_estimate: China from 2012 on -> estimate.
    """
    flags = pd.Series("observed", index=region.index, dtype="str")
    if rule == "estimate":
        return pd.Series("estimate", index=region.index, dtype="str")
    early = (region == "CHN") & (year >= 2024) & source.str.startswith("DH:")
    flags[early] = "preliminary"
    if rule == "chn_2012_estimate":
        flags[(region == "CHN") & (year >= 2012)] = "estimate"
    elif rule != "default":
        raise BuildError(f"unknown WDI flag rule {rule!r}")
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
                    "flag": wdi_flag(spec.flag, region, year, source),
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
LOW_HOSTS = ("soft-clouds.com", "datasetsearch.research.google.com", "scribd.com")


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


def fact_rows(spec: ind.Facts, facts: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str]:
    """Rows of one facts indicator, the conflict notes and the main source URL."""
    picked = []
    for order, pick in enumerate(spec.picks):
        if PART_YEAR.search(pick.indicator):
            raise BuildError(f"{spec.meta.id}: {pick.indicator!r} is a part-year figure")
        d = facts[(facts["indicator"] == pick.indicator) & (facts["unit"] == pick.unit)]
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
                    "flag": [fact_flag(t) for t in d["indicator"]],
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


# ------------------------------------------------------------------------------------------
# assembling
# ------------------------------------------------------------------------------------------
def _fit(text: str, limit: int = c.MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def load_specs() -> list[ind.Spec]:
    """The indicator specs of ``dashboard/content/indicators``; invalid content raises BuildError."""
    try:
        return ind.load_indicators()
    except ind.ContentError as exc:
        raise BuildError(str(exc)) from exc


def build_frames(raw: Raw, specs: list[ind.Spec] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalog, observations) built from the raw files, sorted and typed as the contract.

    ``specs``: the indicator specs (default: :func:`load_specs`).
    """
    cat_rows = []
    obs_frames = []
    seen: set[str] = set()
    for spec in specs if specs is not None else load_specs():
        m = spec.meta
        if m.id in seen:
            raise BuildError(f"duplicate indicator id {m.id}")
        seen.add(m.id)
        notes = m.notes
        source_url = m.source_url
        if isinstance(spec, ind.Wdi):
            rows = wdi_rows(spec, raw)
        elif isinstance(spec, ind.Owid):
            rows = owid_rows(spec, raw)
        else:
            rows, conflicts, source_url = fact_rows(spec, raw.facts)
            pages = list(dict.fromkeys(u for u in rows["_url"] if u != source_url))
            extra = []
            if conflicts:
                extra.append("Two figures for one year: " + "; ".join(conflicts) + ".")
            if pages:
                extra.append("Other pages used: " + " ; ".join(pages))
            notes = " ".join([notes] + extra).strip()
            rows = rows.drop(columns=["_url", "_title"])
        rows = rows.assign(indicator_id=m.id)
        if rows.duplicated(["region", "sector", "year"]).any():
            raise BuildError(f"{m.id}: duplicate (region, sector, year) rows")
        if "CHN" not in set(rows["region"]):
            raise BuildError(f"{m.id}: no observations for China")
        obs_frames.append(rows)
        sectors = set(rows["sector"])
        stack = [s for s in m.stack_sectors.split(",") if s]
        if set(stack) - sectors:
            raise BuildError(f"{m.id}: stack sectors without data: {sorted(set(stack) - sectors)}")
        cat_rows.append(
            {
                "indicator_id": m.id,
                "dimension": m.dimension,
                "group": m.group,
                "name": m.name,
                "unit": m.unit,
                "definition": m.definition,
                "source": m.source,
                "source_url": source_url,
                "source_codes": m.source_codes,
                "licence": m.licence,
                "decimals": m.decimals,
                "default_chart": m.default_chart,
                "has_sectors": sectors != {"total"},
                "stack_sectors": m.stack_sectors,
                "share_of_total": m.share_of_total,
                "headline": m.headline,
                "notes": _fit(notes),
            }
        )
    catalog = pd.DataFrame(cat_rows)
    catalog["_dim"] = catalog["dimension"].map({d: i for i, d in enumerate(c.DIMENSIONS)})
    catalog = catalog.sort_values(["_dim"], kind="stable").drop(columns="_dim").reset_index(drop=True)
    obs = pd.concat(obs_frames, ignore_index=True)
    obs = obs.sort_values(list(c.OBSERVATION_KEY), kind="stable").reset_index(drop=True)
    return catalog, obs


def _arrow(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    arrays = [pa.array(df[f.name].tolist(), type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(df: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    pq.write_table(
        _arrow(df, schema),
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=ROW_GROUP_SIZE,
        version="2.6",
    )


# ------------------------------------------------------------------------------------------
# README
# ------------------------------------------------------------------------------------------
_COLUMN_DOC = {
    "indicator_id": "stable slug `[a-z0-9_]`, key into the catalog",
    "region": "upper-case three-letter code (ISO 3166 alpha-3; WLD World, EUU European Union)",
    "sector": "lower-case sector slug; `total` = no breakdown",
    "year": "calendar year the value refers to",
    "value": "the number, in the catalog's `unit` (finite; never NaN)",
    "flag": "one of the flags below",
    "source_vintage": "raw source of the row: WDI/OWID `source_id` (e.g. `DH:GB.XPD.RSDV.GD.ZS`, "
                      "`BULK:CHN:2097`, `OWID:co2-intensity`) or `facts: <source title>`",
    "dimension": "one of " + ", ".join(f"`{d}`" for d in c.DIMENSIONS),
    "group": "heading in the indicator picker",
    "name": "title shown on charts",
    "unit": "unit of `value`",
    "definition": "what the indicator measures, in our own words",
    "source": "organisation and dataset",
    "source_url": "page of the source (for facts: the main page; others are listed in `notes`)",
    "source_codes": "WDI code(s), OWID variable(s) or release",
    "licence": "licence of the data",
    "decimals": "decimals to show",
    "default_chart": "one of " + ", ".join(f"`{k}`" for k in c.CHART_KINDS),
    "has_sectors": "true if the indicator has a sector breakdown",
    "stack_sectors": "comma-separated sectors that partition a whole, in stacking order (empty if none)",
    "share_of_total": "true if the share-of-total transform makes sense",
    "headline": "shown as a card on the overview page",
    "notes": "caveats shown in the Sources panel",
}


def _schema_table(schema: pa.Schema) -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for f in schema:
        lines.append(f"| `{f.name}` | {f.type} | {_COLUMN_DOC.get(f.name, '')} |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def indicator_table(catalog: pd.DataFrame, obs: pd.DataFrame) -> str:
    lines = ["| id | dimension | name | unit | regions | years | source |", "|---|---|---|---|---|---|---|"]
    order = {r: i for i, r in enumerate(["CHN"] + [r for r in c.REGIONS if r != "CHN"])}
    for _, row in catalog.iterrows():
        o = obs[obs["indicator_id"] == row["indicator_id"]]
        regions = sorted(set(o["region"]), key=lambda r: (order.get(r, 99), r))
        years = f"{o['year'].min()}-{o['year'].max()}" if len(o) else ""
        lines.append(
            f"| `{row['indicator_id']}` | {row['dimension']} | {_cell(row['name'])} | {_cell(row['unit'])} "
            f"| {' '.join(regions)} | {years} | [{_cell(row['source'])}]({row['source_url']}) |"
        )
    return "\n".join(lines)


def render_readme(catalog: pd.DataFrame, obs: pd.DataFrame) -> str:
    counts = catalog.groupby("dimension").size()
    per_dim = ", ".join(f"{d} {int(counts.get(d, 0))}" for d in c.DIMENSIONS)
    flags = "\n".join(f"| `{k}` | {v} |" for k, v in c.FLAGS.items())
    sectors = "\n".join(f"| `{k}` | {v} |" for k, v in c.SECTOR_LABELS.items())
    regions = ", ".join(f"`{k}` {v}" for k, v in c.REGIONS.items())
    return f"""# Datasets

Generated by `python -m dashboard.data.build` - do not edit by hand (this README is rewritten by
the build, so the indicator table below always matches `catalog.parquet`).

{len(catalog)} indicators ({per_dim}); {len(obs)} observations.

## Files

| file | content |
|---|---|
| `catalog.parquet` | one row per indicator: metadata shown beside every chart |
| `<dimension>.parquet` | observations of that dimension in long form: {", ".join(f"`{d}.parquet`" for d in c.DIMENSIONS)} |

The contract lives in `dashboard/data/contract.py` (pyarrow schemas); the loader
(`dashboard/data/store.py`) validates every file against it and drops invalid rows.

## Observation schema (`<dimension>.parquet`)

{_schema_table(c.OBSERVATION_SCHEMA)}

The key (`indicator_id`, `region`, `sector`, `year`) is unique: rows with a duplicated key are
rejected. Years must lie in {c.YEAR_MIN}..{c.YEAR_MAX}; every indicator of a file must belong to that
file's dimension in the catalog. Rows are sorted by the key.

## Catalog schema (`catalog.parquet`)

{_schema_table(c.CATALOG_SCHEMA)}

Text fields are at most {c.MAX_TEXT} characters, ids, regions, sectors and flags at most {c.MAX_ID}.

## Flags

| flag | meaning |
|---|---|
{flags}

Facts flags come from the wording of the source ("over", "more than" -> `lower_bound`; "about" ->
`approximate`; "preliminary"; "estimate"). WDI: ILO modelled employment shares are `estimate`; China
values of 2024-2025 from the World Bank API mirror are `preliminary`; China's medium/high-tech
manufacturing share from 2012 is `estimate` (constant in the source).

## Regions and sectors

Regions: {regions}. Other upper-case three-letter codes are allowed and shown by code.

| sector | label |
|---|---|
{sectors}

## Rebuild and validate

```
python -m dashboard.data.build --raw datasets/raw --out datasets
python -c "from pathlib import Path; from dashboard.data import validate_dir; print(validate_dir(Path('datasets')))"
python -m pytest tests/unit -q -k data
```

The build is deterministic (same raw files -> byte-identical Parquet: rows sorted by the key,
contract schema, zstd level 9, one row group per {ROW_GROUP_SIZE:,} rows, no pandas metadata) and
validates its own output (it fails if anything is invalid). The raw files are in `datasets/raw/`;
`datasets/raw/SOURCES.md` gives the provenance and licence of each.

## Indicators

{indicator_table(catalog, obs)}

## Licences

- World Bank World Development Indicators: CC BY 4.0 - cite "World Bank, World Development
  Indicators" (https://datacatalog.worldbank.org/public-licenses#cc-by).
- Our World in Data: CC BY 4.0; the original providers' terms also apply (Ember CC BY 4.0; Energy
  Institute Statistical Review of World Energy; IRENA; IEA Global EV Outlook CC BY 4.0; Global
  Carbon Project CC BY 4.0; ITU / UN SDG). Cite "<provider> via Our World in Data".
- Facts (`Official statistics, cited`): single figures from official releases (NBS, MIIT, MOFCOM,
  GACC, NEA, CAAM, CAICT, IFR, WIPO) as reported on the page named in each row's
  `source_vintage` and the indicator's `source_url` / `notes`. Only the numbers are used; no text of
  those pages is copied.

## Caveats

- WDI values of one series can splice vintages (revisions); `source_vintage` names the file of each
  row. WDI China 2024-2025 values are early estimates.
- Values published in current US$ are stored in billion (or trillion) US$; see each unit.
- R&D intensity: WDI/UNESCO (`rd_intensity_wdi`) and NBS (`rd_intensity_nbs`) differ and are kept
  apart. Internet users: the latest WDI vintage (`internet_users_share`, ITU-revised) and the
  November 2024 vintage (`internet_users_share_2024v`) are kept apart.
- WDI value added by industry is at basic prices; NBS shares of GDP are at market prices.
- OWID primary-energy shares use the substitution method; WDI's renewables share is of final energy.
- Electricity mix combines two OWID exports (hydro and wind from the 2025 files, other sources from
  a 2024 file); 2024 has hydro and wind only.
- Facts: part-year figures (Jan-Oct, H1, month ends) are left out. Where two pages give different
  figures for one year, one is kept by a written rule (final over preliminary, exact over rounded or
  bounded, official site over news agency over other news over blogs) and the other is named in
  the indicator's notes; values are never averaged.
- Peers' recent years are missing for several WDI series (employment by sector, ICT trade, FDI
  outflows); technicians in R&D (SP.POP.TECH.RD.P6) are not shipped because China has no data.
- No interpolation anywhere; years before {c.YEAR_MIN} in OWID series are left out.
"""


def build(raw_dir: Path, out_dir: Path, readme: bool = True) -> list[Path]:
    """Build every file into ``out_dir``; return the paths written. Raises BuildError if invalid."""
    raw = read_raw(raw_dir)
    catalog, obs = build_frames(raw)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    path = out_dir / c.CATALOG_FILE
    write_parquet(catalog, c.CATALOG_SCHEMA, path)
    written.append(path)
    dims = catalog.set_index("indicator_id")["dimension"]
    obs_dim = obs["indicator_id"].map(dims)
    for dim in c.DIMENSIONS:
        path = out_dir / c.observation_file(dim)
        write_parquet(obs[obs_dim == dim], c.OBSERVATION_SCHEMA, path)
        written.append(path)
    if readme:
        path = out_dir / "README.md"
        path.write_text(render_readme(catalog, obs), encoding="utf-8")
        written.append(path)
    problems = validate_dir(out_dir)
    if problems:
        raise BuildError("the build wrote invalid files:\n" + "\n".join(str(p) for p in problems))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=f"raw data folder (default {DEFAULT_RAW})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README.md")
    args = parser.parse_args(argv)
    try:
        written = build(args.raw, args.out, readme=not args.no_readme)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    for p in written:
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
