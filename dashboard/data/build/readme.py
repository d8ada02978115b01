"""``datasets/README.md``: the contract and the indicator table, rendered from ``readme_template.md``.

The template is plain Markdown with :class:`string.Template` placeholders (``$name``; a literal dollar is ``$$``).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import pandas as pd
import pyarrow as pa

from .. import content as ind
from .. import contract as c
from .write import ROW_GROUP_SIZE

TEMPLATE = Path(__file__).with_name("readme_template.md")

_COLUMN_DOC = {
    "indicator_id": "stable slug `[a-z0-9_]`, key into the catalog",
    "region": "upper-case three-letter code (ISO 3166 alpha-3; WLD World, EUU European Union), or the "
              "ISO 3166-2:CN code of a province (`CN-BJ`, ...) in provincial indicators",
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
    "geography": "`country` (economies; dimension pages) or `province` (China's provinces plus `CHN`; "
                 "provincial view only)",
    "counterpart": "id of an indicator of the same quantity and unit from another source (mutual), for an "
                   "overlay; empty if none",
    "counterpart_note": "why the indicator and its counterpart differ (empty if no counterpart)",
    "kind": "`level` (an amount, ratio or share: every transform) or `rate` (itself a rate of change, e.g. "
            "annual % growth: no index, no year-on-year %)",
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
        provinces = [r for r in regions if r.startswith("CN-")]
        if provinces:
            regions = [r for r in regions if not r.startswith("CN-")] + [f"+ {len(provinces)} provinces"]
        years = f"{o['year'].min()}-{o['year'].max()}" if len(o) else ""
        lines.append(
            f"| `{row['indicator_id']}` | {row['dimension']} | {_cell(row['name'])} | {_cell(row['unit'])} "
            f"| {' '.join(regions)} | {years} | [{_cell(row['source'])}]({row['source_url']}) |"
        )
    return "\n".join(lines)


def official_section(catalog: pd.DataFrame, obs: pd.DataFrame, log) -> str:
    """Markdown: one row per official indicator (years, points per flag, source, link) and every dropped
    alternative with its reason. ``log``: :class:`.official.OfficialLog` (None -> a note that none was built)."""
    if log is None or not (log.national or log.provincial):
        return "No official series in this build."
    cat = catalog.set_index("indicator_id")
    lines = ["| id | geography | name | unit | years | points by flag | source |", "|---|---|---|---|---|---|---|"]
    for i in log.national + log.provincial:
        o = obs[obs["indicator_id"] == i]
        flags = ", ".join(f"`{f}` {n}" for f, n in o["flag"].value_counts().sort_index().items())
        years = f"{o['year'].min()}-{o['year'].max()} ({o['year'].nunique()} years)" if len(o) else ""
        row = cat.loc[i]
        lines.append(f"| `{i}` | {row['geography']} | {_cell(row['name'])} | {_cell(row['unit'])} | {years} "
                     f"| {flags} | [{_cell(row['source'])}]({row['source_url']}) |")
    lines += ["", "Alternatives not kept (values in the indicator's unit):", "",
              "| indicator | sector | year | value | flag | source | reason |", "|---|---|---|---|---|---|---|"]
    for r in log.dropped.itertuples(index=False):
        lines.append(f"| `{r.indicator_id}` | {r.sector} | {r.year} | {r.value:,.6g} | `{r.flag}` | {_cell(r.source)} "
                     f"| {_cell(r.reason)} |")
    return "\n".join(lines)


def gate_section(gate_log: list) -> str:
    """Markdown of the gate's rules and of every written exception with the points it dropped or flagged."""
    lines = [
        "Before anything is written, every series is checked against its indicator's rules (defaults by unit, "
        "overridden in the indicator's `[indicator.check]` table; see `dashboard/data/build/gate.py`): values in "
        "range (a share `% of ...` within 0-100, no negative values unless allowed), no run of exact zeros after "
        "non-zero values (a source's missing value), no year-to-year change beyond the credible bound. A point "
        "that breaks a rule is dropped or flagged by a written exception "
        "(`dashboard/content/exceptions.toml`); the build fails on a violation no exception covers.",
        "",
        "| indicator | action | points | reason |",
        "|---|---|---|---|",
    ]
    for ind_id, exc, action, points in gate_log:
        shown = ", ".join(points[:6]) + (f" and {len(points) - 6} more" if len(points) > 6 else "")
        lines.append(f"| `{ind_id}` | {action} | {len(points)}: {_cell(shown)} | {_cell(exc.reason)} |")
    return "\n".join(lines)


def facts_licences(catalog: pd.DataFrame) -> str:
    """Markdown bullets, one per licence text of the facts indicators (neither WDI nor OWID), each with its ids.

    ``catalog``: the built catalog (columns ``indicator_id``, ``licence``). Licences in order of first use.
    """
    rows = catalog[~catalog["licence"].isin([ind.WDI_LICENCE, ind.OWID_LICENCE])]
    lines = []
    for licence, ids in rows.groupby("licence", sort=False)["indicator_id"]:
        lines.append(f"  - {_cell(licence)}: " + ", ".join(f"`{i}`" for i in ids))
    return "\n".join(lines)


def render_readme(catalog: pd.DataFrame, obs: pd.DataFrame, gate_log: list | None = None, official=None) -> str:
    """The README text for a built ``catalog`` and ``obs`` (the frames :func:`assemble.build_checked` returns)
    and the gate log (one (indicator_id, exception, action, points) per applied exception); ``official``: the
    :class:`.official.OfficialLog` of the build (None: the official section says none was built)."""
    counts = catalog.groupby("dimension").size()
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        n_indicators=len(catalog),
        per_dim=", ".join(f"{d} {int(counts.get(d, 0))}" for d in c.DIMENSIONS),
        n_observations=len(obs),
        dimension_files=", ".join(f"`{d}.parquet`" for d in c.DIMENSIONS),
        observation_schema=_schema_table(c.OBSERVATION_SCHEMA),
        catalog_schema=_schema_table(c.CATALOG_SCHEMA),
        year_min=c.YEAR_MIN,
        year_max=c.YEAR_MAX,
        max_text=c.MAX_TEXT,
        max_id=c.MAX_ID,
        flags="\n".join(f"| `{k}` | {v} |" for k, v in c.FLAGS.items()),
        sectors="\n".join(f"| `{k}` | {v} |" for k, v in c.SECTOR_LABELS.items()),
        regions=", ".join(f"`{k}` {v}" for k, v in c.REGIONS.items()),
        official=official_section(catalog, obs, official),
        row_group_size=f"{ROW_GROUP_SIZE:,}",
        indicators=indicator_table(catalog, obs),
        gate=gate_section(gate_log or []),
        facts_licences=facts_licences(catalog),
        wdi_preliminary_from=ind.WDI_PRELIMINARY_FROM,
    )
