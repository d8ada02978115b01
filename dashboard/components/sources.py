"""What a chart cites: the short caption under it and the Sources & definition panel."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from dash import html

from dashboard.data.i18n import _
from dashboard.data.labels import PLAIN_FLAGS, flag_mark, flag_short


def sources_panel(meta: Mapping) -> html.Dl:
    """Unit, definition, source with link, codes, licence and caveats; catalog text is plain text.

    Term and description pairs sit directly in the list (laid out as two grid columns by
    assets/10_dashboard.css) and plain text is a string, not a span: every Dash component costs the
    browser work on each update (issue 14), and this panel is under every chart."""
    items: list = []

    def row(label: str, *content: Any) -> None:
        items.extend([html.Dt(label), html.Dd(list(content) if len(content) > 1 else content[0])])
    row(_("Indicator"), str(meta["name"]))
    row(_("Unit"), str(meta["unit"]))
    row(_("Definition"), str(meta["definition"]))
    row(_("Source"), str(meta["source"]) + " — ",
        html.A(str(meta["source_url"]), href=str(meta["source_url"]), target="_blank", rel="noopener noreferrer"))
    row(_("Series code"), str(meta["source_codes"]))
    row(_("Licence"), str(meta["licence"]))
    if str(meta.get("notes", "")).strip():
        # untranslated notes are marked English
        row(_("Notes"), html.Span(str(meta["notes"]), lang="en") if meta.get("notes_lang") == "en" else str(meta["notes"]))
    return html.Dl(items, className="mb-0 sources-list")


def source_caption(meta: Mapping, extra: list | None = None) -> list:
    """The short citation shown under every chart: "Unit: <unit>. Source: <linked source>." then
    ``extra`` (plain text beside one link: a string, not spans; issue 14)."""
    parts = [_("Unit: {unit}. ").format(unit=meta["unit"]) + _("Source: "),
             html.A(str(meta["source"]), href=str(meta["source_url"]), target="_blank", rel="noopener noreferrer"),
             _(".")]
    return parts + (extra or [])


def flag_legend(flags: Iterable[str]) -> list:
    """The markers legend of the flagged values a chart shows (nothing if all are observed)."""
    used = [f for f in dict.fromkeys(flags) if f not in PLAIN_FLAGS]
    if not used:
        return []
    return [html.Span(_(" Markers: ") + _("; ").join(f"{flag_mark(f) or '•'} {flag_short(f)}" for f in used) + _("."),
                      className="flag-legend")]
