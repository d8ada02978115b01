"""Assembling: the catalog and the observations of every indicator, sorted and typed as the contract."""

from __future__ import annotations

import pandas as pd

from .. import content as ind
from .. import contract as c
from .gate import apply_gate, rules_for
from .official import official_rows, provincial_rows
from .raw import BuildError, Raw
from .sources import fact_rows, owid_rows, wdi_rows

#: one (indicator_id, exception, action, points) per applied exception, in content order
GateLog = list[tuple[str, ind.GateException, str, list[str]]]


def _fit(text: str, limit: int = c.MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def load_specs() -> list[ind.Spec]:
    """The indicator specs of ``dashboard/content/indicators``; invalid content raises BuildError."""
    try:
        return ind.load_indicators()
    except ind.ContentError as exc:
        raise BuildError(str(exc)) from exc


def load_exceptions(ids: set[str]) -> list[ind.GateException]:
    """The written exceptions of ``dashboard/content/exceptions.toml``; invalid content raises BuildError."""
    try:
        return ind.load_exceptions(indicator_ids=ids)
    except ind.ContentError as exc:
        raise BuildError(str(exc)) from exc


def build_frames(raw: Raw, specs: list[ind.Spec] | None = None,
                 exceptions: list[ind.GateException] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalog, observations) built from the raw files, sorted and typed as the contract.

    ``specs``: the indicator specs (default: :func:`load_specs`); ``exceptions``: the gate's written exceptions
    (default: :func:`load_exceptions`). See :func:`build_checked`.
    """
    catalog, obs, _ = build_checked(raw, specs, exceptions)
    return catalog, obs


def build_checked(raw: Raw, specs: list[ind.Spec] | None = None,
                  exceptions: list[ind.GateException] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, GateLog]:
    """(catalog, observations, gate log): every series passed through the plausibility gate (:mod:`.gate`).

    Raises BuildError naming every violation that no written exception covers.
    """
    specs = specs if specs is not None else load_specs()
    if exceptions is None:
        exceptions = load_exceptions({s.meta.id for s in specs})
    cat_rows = []
    obs_frames = []
    gate_log: GateLog = []
    gate_problems: list[str] = []
    seen: set[str] = set()
    for spec in specs:
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
        elif isinstance(spec, ind.Official):
            rows, extra_notes, source_url, _ = official_rows(spec, raw)
            notes = " ".join([notes, extra_notes]).strip()
        elif isinstance(spec, ind.Provincial):
            rows = provincial_rows(spec, raw)
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
        try:
            rows, log = apply_gate(m.id, rows, rules_for(m.unit, spec.check),
                                   [e for e in exceptions if e.indicator == m.id])
        except ValueError as exc:
            gate_problems.append(str(exc))
            continue
        flagged = [exc.reason for exc, action, points in log if action == "flag"]
        if flagged:
            notes = " ".join([notes, "Marked points (kept as published):"] + flagged).strip()
        gate_log += [(m.id, exc, action, points) for exc, action, points in log]
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
                "geography": m.geography,
                "counterpart": m.counterpart,
                "counterpart_note": m.counterpart_note,
                "kind": m.kind,
            }
        )
    if gate_problems:
        raise BuildError(
            "plausibility gate: violations no written rule covers (add a rule to the indicator's "
            "[indicator.check] in dashboard/content/indicators, or an exception to "
            "dashboard/content/exceptions.toml):\n" + "\n".join(gate_problems))
    catalog = pd.DataFrame(cat_rows)
    catalog["_dim"] = catalog["dimension"].map({d: i for i, d in enumerate(c.DIMENSIONS)})
    catalog = catalog.sort_values(["_dim"], kind="stable").drop(columns="_dim").reset_index(drop=True)
    obs = pd.concat(obs_frames, ignore_index=True)
    obs = obs.sort_values(list(c.OBSERVATION_KEY), kind="stable").reset_index(drop=True)
    return catalog, obs, gate_log

