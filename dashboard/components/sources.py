"""What a chart cites: the short caption under it and the Sources & definition panel."""

from __future__ import annotations

from typing import Iterable, Mapping

from dash import html

from dashboard.data.labels import PLAIN_FLAGS, flag_mark, flag_short


def sources_panel(meta: Mapping) -> html.Dl:
    """Unit, definition, source with link, codes, licence and caveats; catalog text is plain text."""
    def row(label, content):
        return html.Div([html.Dt(label), html.Dd(content)], className="src-row")
    items = [
        row("Indicator", meta["name"]),
        row("Unit", meta["unit"]),
        row("Definition", html.Span(str(meta["definition"]))),
        row("Source", [html.Span(str(meta["source"])), " — ",
                       html.A(str(meta["source_url"]), href=str(meta["source_url"]), target="_blank",
                              rel="noopener noreferrer")]),
        row("Series code", str(meta["source_codes"])),
        row("Licence", str(meta["licence"])),
    ]
    if str(meta.get("notes", "")).strip():
        items.append(row("Notes", str(meta["notes"])))
    return html.Dl(items, className="mb-0 sources-list")


def source_caption(meta: Mapping, extra: list | None = None) -> list:
    """The short citation shown under every chart."""
    parts = [html.Span(f"Unit: {meta['unit']}. "), html.Span("Source: "),
             html.A(str(meta["source"]), href=str(meta["source_url"]), target="_blank", rel="noopener noreferrer"),
             html.Span(".")]
    return parts + (extra or [])


def flag_legend(flags: Iterable[str]) -> list:
    """The markers legend of the flagged values a chart shows (nothing if all are observed)."""
    used = [f for f in dict.fromkeys(flags) if f not in PLAIN_FLAGS]
    if not used:
        return []
    return [html.Span(" Markers: " + "; ".join(f"{flag_mark(f) or '•'} {flag_short(f)}" for f in used) + ".",
                      className="flag-legend")]
