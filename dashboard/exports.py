"""The CSV download in the page's language.

The file is UTF-8 with a byte-order mark (``utf-8-sig``), which is what Excel needs to open
Chinese text correctly (without it Excel reads a CSV in the system's ANSI code page). With
``lang="zh"`` the column headers are Chinese (the English column names are in
:data:`COLUMN_LABELS`, translated through the catalog); codes and numbers stay as they are.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc

from dashboard.data.i18n import DEFAULT_LANG, N_, _, parse_lang, use_lang

#: export column -> its header (English source text of the translation)
COLUMN_LABELS: dict[str, str] = {
    "indicator_id": N_("indicator_id"), "region": N_("region"), "region_name": N_("region_name"),
    "sector": N_("sector"), "sector_name": N_("sector_name"), "year": N_("year"), "value": N_("value"),
    "flag": N_("flag"), "unit": N_("unit"), "year_a": N_("year_a"), "year_b": N_("year_b"),
    "value_a": N_("value_a"), "value_b": N_("value_b"), "abs_change": N_("abs_change"),
    "pct_change": N_("pct_change"), "cagr": N_("cagr"), "note": N_("note"), "indicator": N_("indicator"),
    "source_vintage": N_("source_vintage"),
}


def csv_text(frame: pd.DataFrame, lang: str) -> str:
    """The CSV of an export frame (see ``render.chart_export``) with headers in ``lang``
    (English headers are the column names themselves); numbers with up to 10 significant digits."""
    with use_lang(lang):
        columns = {c: _(COLUMN_LABELS[c]) if c in COLUMN_LABELS else c for c in frame.columns}
    return frame.rename(columns=columns).to_csv(index=False, float_format="%.10g")


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """:func:`csv_text` encoded as UTF-8 with a BOM (starts with ``b"\\xef\\xbb\\xbf"``)."""
    return csv_text(frame, lang).encode("utf-8-sig")


def csv_download_data(frame: pd.DataFrame, filename: str, lang: str) -> dict[str, Any]:
    """The ``dcc.Download`` payload of the CSV (base64 of :func:`csv_bytes`)."""
    return dcc.send_bytes(csv_bytes(frame, lang), filename, type="text/csv")


def payload_lang(payload: Any) -> str:
    """The language of a view-state payload from the browser (``{"state": {"lang": ...}}``);
    the default if it has none or an unknown one."""
    state = payload.get("state") if isinstance(payload, dict) else None
    lang = state.get("lang") if isinstance(state, dict) else None
    return parse_lang(lang) or DEFAULT_LANG


__all__ = ["COLUMN_LABELS", "csv_bytes", "csv_download_data", "csv_text", "payload_lang"]
