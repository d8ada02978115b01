"""The language switch of the navbar (EN / 中文).

Each choice is a plain link to ``?lang=<code>`` (it works without JavaScript); the asset
``assets/25_i18n.js`` turns a click into the current page's URL with its view query kept and
only ``lang`` changed, so switching keeps the view. The server reads ``lang`` from the query,
remembers it in a cookie and renders every page in that language (see :mod:`dashboard.lang`).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.i18n import HTML_LANG, _, get_lang

CHOICES = (("en", "EN", "English"), ("zh", "中文", "简体中文"))


def language_switch() -> dbc.NavItem:
    """EN / 中文 links; the current language is marked with ``aria-current``. Each link carries its
    ``<html lang>`` value (``data-html-lang``): ``assets/25_i18n.js`` sets the document's from the
    current one, so a page whose HTML came from the browser's cache (Back after switching the
    language) is tagged with the language it is drawn in."""
    current = get_lang()
    links = []
    for code, text, title in CHOICES:
        attrs = {"aria-current": "true"} if code == current else {}
        links.append(html.A(text, href=f"?lang={code}", hrefLang=code, lang=code, title=title,
                            className="lang-link" + (" active" if code == current else ""),
                            **{"data-lang": code, "data-html-lang": HTML_LANG[code]}, **attrs))  # type: ignore[arg-type]
    return dbc.NavItem(html.Div([links[0], html.Span("/", className="lang-sep"), links[1]],
                                className="lang-switch", role="group", **{"aria-label": _("Language")}))  # type: ignore[arg-type]


def dropdown_labels() -> dcc.Dropdown.Labels:
    """The texts dcc.Dropdown draws itself (search box, select all, "3 selected"...), translated."""
    return {
        "select_all": _("Select All"), "deselect_all": _("Deselect All"),
        "selected_count": _("{num_selected} selected"), "search": _("Search"),
        "clear_search": _("Clear search"), "clear_selection": _("Clear selection"),
        "no_options_found": _("No options found"),
    }
