"""Assembling: the catalog and the observations of every indicator, sorted and typed as the contract."""

from __future__ import annotations

import pandas as pd

from .. import content as ind
from .. import contract as c
from .raw import BuildError, Raw
from .sources import fact_rows, owid_rows, wdi_rows


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

