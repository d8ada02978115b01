"""The language of a request (the web edge of :mod:`dashboard.data.i18n`).

Rule, first match wins: the URL's ``lang`` query value (``?lang=zh``; what a shared link
carries), then the ``dashboard_lang`` cookie (the reader's last explicit choice, set whenever a
page is opened with a valid ``lang`` value), then the browser's ``Accept-Language``, then English.
:func:`install` applies it to every request (so the app frame, page layouts and callbacks all see
the same language through :func:`~dashboard.data.i18n.get_lang`), sets the cookie, and writes
``<html lang="en">`` / ``<html lang="zh-Hans">`` and the page's ``<title>`` in that language into
the page Dash serves. Page titles (the browser tab, ``document.title``) are functions made by
:func:`page_title`: Dash calls them after the page's layout has set the language, so a page
reached by a link in the app is titled in its language too.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import dash
import flask

from dashboard.data.i18n import DEFAULT_LANG, HTML_LANG, N_, _, get_lang, negotiate, parse_lang, set_lang

COOKIE = "dashboard_lang"
COOKIE_SECONDS = 365 * 24 * 3600
#: the site's short name, the second half of every page title (translated where shown)
SITE = N_("China Industrial Upgrading")


def page_title(name: str | Callable[[], str]) -> Callable[..., str]:
    """A page's title for ``dash.register_page(title=...)``: "<name> · <site>" in the current
    language, e.g. "Overview · China Industrial Upgrading" / "概览 · 中国产业升级". ``name`` is an
    English UI string (marked with ``N_`` where it is written, translated here) or a function giving
    the name in the current language (a dimension's label)."""
    def title(**_path_variables: Any) -> str:
        return f"{name() if callable(name) else _(name)} · {_(SITE)}"
    return title


def request_title(path: str) -> str:
    """The title of the page Dash serves for ``path`` in the current language (the 404 page's for
    an unknown path; the app's own title if there is neither)."""
    pages = list(dash.page_registry.values())
    page = next((p for p in pages if p.get("path") == (path.rstrip("/") or "/")), None)
    if page is None:
        page = next((p for p in pages if str(p.get("module", "")).endswith("not_found_404")), None)
    title = page.get("title") if page else None
    if callable(title):
        return str(title())
    return str(title) if title else _("China Industrial Upgrading Dashboard")


def request_lang(query: Mapping[str, Any] | None = None) -> str:
    """The language of the current Flask request (see the module rule); ``query`` (a page's
    query values, which Dash passes to page layouts) wins over the request's own query."""
    for source in (query or {}, flask.request.args):
        lang = parse_lang(source.get("lang"))
        if lang:
            return lang
    lang = parse_lang(flask.request.cookies.get(COOKIE))
    if lang:
        return lang
    return negotiate(flask.request.headers.get("Accept-Language"))


def page_lang(query: Mapping[str, Any] | None) -> str:
    """Set and return the language of a page layout built from ``query`` (in a request)."""
    if not flask.has_request_context():
        return set_lang(parse_lang((query or {}).get("lang")) or DEFAULT_LANG)
    return set_lang(request_lang(query))


def install(app: dash.Dash) -> None:
    """Resolve the language of every request, remember an explicit choice in a cookie and tag
    the served page's ``<html>`` with the language."""
    server = app.server

    @server.before_request
    def _set_request_lang() -> None:
        flask.g.dashboard_lang_before = get_lang()
        set_lang(request_lang())

    @server.teardown_request
    def _restore_lang(_exc: BaseException | None) -> None:
        # a request's language ends with it (a server that runs requests in one context, like
        # Flask's test client, would otherwise carry ?lang=zh into whatever runs next)
        before = flask.g.pop("dashboard_lang_before", None)
        if before:
            set_lang(before)

    @server.after_request
    def _remember(response: flask.Response) -> flask.Response:
        chosen = parse_lang(flask.request.args.get("lang"))
        if chosen and flask.request.method == "GET" and response.mimetype == "text/html":
            response.set_cookie(COOKIE, chosen, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True)
        return response

    index = app.interpolate_index

    def interpolate_index(**kwargs: Any) -> str:
        if flask.has_request_context():
            kwargs["title"] = request_title(flask.request.path)
        html = index(**kwargs)
        return html.replace("<html>", f'<html lang="{HTML_LANG.get(get_lang(), "en")}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign, assignment]


__all__ = ["COOKIE", "SITE", "install", "page_lang", "page_title", "request_lang", "request_title"]
