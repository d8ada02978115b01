"""What a chart cites: the short caption under it and the Sources & definition panel."""

from __future__ import annotations

from typing import Iterable, Mapping

from dash import html

from dashboard.data.i18n import _
from dashboard.data.labels import PLAIN_FLAGS, flag_mark, flag_short


def sources_panel(meta: Mapping) -> html.Dl:
    """Unit, definition, source with link, codes, licence and caveats; catalog text is plain text."""
    def row(label, content):
        return html.Div([html.Dt(label), html.Dd(content)], className="src-row")
    items = [
        row(_("Indicator"), meta["name"]),
        row(_("Unit"), meta["unit"]),
        row(_("Definition"), html.Span(str(meta["definition"]))),
        row(_("Source"), [html.Span(str(meta["source"])), " — ",
                       html.A(str(meta["source_url"]), href=str(meta["source_url"]), target="_blank",
                              rel="noopener noreferrer")]),
        row(_("Series code"), str(meta["source_codes"])),
        row(_("Licence"), str(meta["licence"])),
    ]
    if str(meta.get("notes", "")).strip():
        notes = html.Span(str(meta["notes"]))
        if meta.get("notes_lang") == "en":  # untranslated notes are marked English
            notes = html.Span(str(meta["notes"]), lang="en")
        items.append(row(_("Notes"), notes))
    return html.Dl(items, className="mb-0 sources-list")


def source_caption(meta: Mapping, extra: list | None = None) -> list:
    """The short citation shown under every chart."""
    parts = [html.Span(_("Unit: {unit}. ").format(unit=meta["unit"])), html.Span(_("Source: ")),
             html.A(str(meta["source"]), href=str(meta["source_url"]), target="_blank", rel="noopener noreferrer"),
             html.Span(_("."))]
    return parts + (extra or [])


def flag_legend(flags: Iterable[str]) -> list:
    """The markers legend of the flagged values a chart shows (nothing if all are observed)."""
    used = [f for f in dict.fromkeys(flags) if f not in PLAIN_FLAGS]
    if not used:
        return []
    return [html.Span(_(" Markers: ") + _("; ").join(f"{flag_mark(f) or '•'} {flag_short(f)}" for f in used) + _("."),
                      className="flag-legend")]
