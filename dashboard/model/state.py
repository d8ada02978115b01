"""The view state of a dimension page, and its round trip through the URL query.

One :class:`ViewState` drives every chart on a page. It is built from untrusted input
(URL query parameters or callback payloads) only through :func:`normalize`, which checks
every value against what the indicator really has and falls back to defaults with a
notice, so nothing downstream ever sees an unknown indicator, region or year.

The URL holds only what differs from the defaults, OWID-style::

    /green?indicator=elec_mix_share&region=CHN~USA&time=2000..2024&compare=2012..2024
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Collection, Mapping, Sequence
from urllib.parse import urlencode

from dashboard.data.i18n import DEFAULT_LANG, N_, _, parse_lang
from dashboard.model.links import LIST_SEP, url_query
from dashboard.model.meta import DEFAULT_COMPARE_FROM, MAX_SECTORS, IndicatorMeta
from dashboard.model.parsing import _as_bool, _as_int, _as_list, _as_range, _clamp
from dashboard.model.transforms import TRANSFORMS

MAX_REGIONS = 10
STACK_MODES = ("absolute", "percent")


@dataclass(frozen=True)
class ViewState:
    dimension: str
    indicator: str
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    start: int
    end: int
    transform: str = "level"
    base_year: int = DEFAULT_COMPARE_FROM
    log: bool = False
    year_a: int = DEFAULT_COMPARE_FROM
    year_b: int = DEFAULT_COMPARE_FROM
    stack: str = "absolute"
    lang: str = DEFAULT_LANG  # the language of every text the charts show (dashboard.data.i18n)
    events: bool = True  # dated milestones (content/events.toml) on the time series
    overlay: bool = False  # the counterpart indicator's series drawn dashed on the time series

    def to_dict(self) -> dict[str, Any]:
        """The fields by name, in field order (``asdict``; regions and sectors as lists)."""
        d = {name: getattr(self, name) for name in _VIEW_FIELDS}  # asdict's deep copy costs ~40 us a call
        d["regions"] = list(self.regions)
        d["sectors"] = list(self.sectors)
        return d

    def cache_key(self) -> tuple:
        return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(self.to_dict().items()))


_VIEW_FIELDS = tuple(f.name for f in fields(ViewState))


def default_state(meta: IndicatorMeta) -> ViewState:
    a, b = meta.default_compare()
    return ViewState(
        dimension=meta.dimension,
        indicator=meta.indicator_id,
        regions=meta.default_regions(),
        sectors=meta.default_sectors(),
        start=meta.year_min,
        end=meta.year_max,
        transform="level",
        base_year=meta.default_base_year(),
        log=False,
        year_a=a,
        year_b=b,
        stack="absolute",
    )


# ---------------------------------------------------------------- normalisation
def _refused_transform(meta: IndicatorMeta, transform: str) -> str:
    """The notice of a known transform the indicator does not offer, with its own reason: a share of
    total needs sectors that are parts of one whole; an index or a change of a rate of change means nothing."""
    name = _(TRANSFORMS[transform])
    if transform == "share" and not meta.has_sectors:
        return _("'{name}' is not offered for this indicator: it has no sectors to take a share of. "
                 "Showing levels.").format(name=name)
    if transform == "share":
        return _("'{name}' is not offered for this indicator: its sectors are not separate parts "
                 "adding up to one whole. Showing levels.").format(name=name)
    return _("'{name}' is not offered for this indicator: its values are already a rate of "
             "change, and an index or a change of a growth rate means nothing. Showing levels.").format(name=name)


def normalize(
    raw: Mapping[str, Any],
    dimension: str,
    indicator_ids: list[str],
    meta_for,
    *,
    default_indicator: str | None = None,
    empty_lists_ok: bool = False,
    compare_default: Callable[[IndicatorMeta, Sequence[str], Sequence[str]], tuple[int, int]] | None = None,
    log_check: Callable[[ViewState], str] | None = None,
    known_regions: Collection[str] | None = None,
) -> tuple[ViewState, list[str]]:
    """Build a valid :class:`ViewState` from untrusted values.

    ``raw`` uses the URL keys (``indicator``, ``region``, ``sector``, ``time``,
    ``transform``, ``base``, ``log``, ``compare``, ``stack``, ``events``, ``overlay``); values may be strings
    (from a URL) or JSON values (from a callback). ``meta_for(indicator_id)`` returns an
    :class:`IndicatorMeta`. Returns the state and a list of human-readable notices, one
    per value that was not acceptable and was replaced by its default.

    ``empty_lists_ok`` keeps an explicitly empty region/sector selection (a user who
    cleared the dropdown gets an empty state, not a silent reset).

    ``compare_default(meta, regions, sectors)`` gives the compared years when ``raw`` has no
    ``compare`` (or an unusable one) for the chosen regions and sectors
    (:func:`dashboard.model.compare_default.default_compare_years`); without it
    :meth:`IndicatorMeta.default_compare`.

    ``log_check(state)`` gives why the chart of a state asking for a log scale cannot draw one (its
    drawn values include one <= 0: :func:`dashboard.model.log_scale.drawn_log_reason`), or ``""``;
    with a reason the state gets a linear scale and a notice says why.

    ``known_regions``: every region code in the dashboard's data; a region of ``raw`` outside it is
    reported as not in the data, one the indicator lacks as not available for this indicator.
    """
    if not isinstance(raw, Mapping):
        raw = {}
    notices: list[str] = []
    if not indicator_ids:
        raise LookupError(f"no indicators are available for '{dimension}'")
    fallback = default_indicator if default_indicator in indicator_ids else indicator_ids[0]

    ind = raw.get("indicator")
    if ind is None or ind == "":
        indicator = fallback
    elif isinstance(ind, str) and ind in indicator_ids:
        indicator = ind
    else:
        shown = str(ind)[:40]
        notices.append(_("Unknown indicator '{shown}' for this page: showing the default indicator.").format(shown=shown))
        indicator = fallback

    meta: IndicatorMeta = meta_for(indicator)
    state = default_state(meta)

    def pick(key: str, allowed: tuple[str, ...], default: tuple[str, ...], limit: int, what: str):
        value = raw.get(key)
        if value is None:
            return default
        items = _as_list(value)
        if items is None:
            notices.append(_("Ignored an invalid {what} list: showing the default.").format(what=_(what)))
            return default
        # codes match whatever their case ("chn" is CHN); the canonical spelling is kept
        canonical = {a.casefold(): a for a in allowed}
        good = list(dict.fromkeys(canonical[v.casefold()] for v in items if v.casefold() in canonical))
        bad = [v for v in items if v.casefold() not in canonical]
        # a region code the dashboard has no data for at all is said so (BRA), apart from one this indicator lacks
        unknown = [v for v in bad if key == "region" and known_regions is not None
                   and v.casefold() not in {k.casefold() for k in known_regions}]
        if unknown:
            notices.append(_("Ignored economies that are not in the dashboard's data: {shown}.").format(
                shown=", ".join(b[:12].upper() for b in unknown[:5])))  # ISO codes: "bra" is BRA
        bad = [v for v in bad if v not in unknown]
        if bad:
            shown = ", ".join(b[:12] for b in bad[:5])
            notices.append(_("Ignored {what} not available for this indicator: {shown}.").format(what=_(what), shown=shown))
        if len(good) > limit:
            text = _("At most {limit} {what} can be shown at once: kept the first {limit}.")
            notices.append(text.format(limit=limit, what=_(what)))
            good = good[:limit]
        if not good:
            if not items and empty_lists_ok:
                return ()
            return default
        # keep the indicator's canonical order so colours and stacking are stable
        return tuple(v for v in allowed if v in good)

    regions = pick("region", meta.regions, state.regions, MAX_REGIONS, N_("regions"))
    sectors = pick("sector", meta.sectors, state.sectors, MAX_SECTORS, N_("sectors"))

    start, end = state.start, state.end
    if raw.get("time") is not None:
        rng = _as_range(raw.get("time"))
        if rng is None:
            notices.append(_("Ignored an invalid year range: showing all years."))
        else:
            s, e = _clamp(rng[0], meta.year_min, meta.year_max), _clamp(rng[1], meta.year_min, meta.year_max)
            if (s, e) != rng:
                text = _("Year range limited to the data available ({lo}-{hi}).")
                notices.append(text.format(lo=meta.year_min, hi=meta.year_max))
            start, end = s, e

    transform = state.transform
    t = raw.get("transform")
    if t is not None:
        if isinstance(t, str) and meta.transform_allowed(t):
            transform = t
        elif isinstance(t, str) and t in TRANSFORMS:
            notices.append(_refused_transform(meta, t))
        else:
            notices.append(_("Transform '{name}' is not available for this indicator: showing levels.").format(name=str(t)[:20]))

    base_year = state.base_year
    if raw.get("base") is not None:
        b = _as_int(raw.get("base"))
        if b is None or not (meta.year_min <= b <= meta.year_max):
            notices.append(_("Ignored an invalid base year."))
        else:
            base_year = b

    log = state.log
    if raw.get("log") is not None:
        lv = _as_bool(raw.get("log"))
        if lv is None:
            notices.append(_("Ignored an invalid log-scale setting."))
        elif lv and meta.is_rate:
            notices.append(_("A rate of change can be zero or negative: shown on a linear scale."))
        else:
            log = lv

    year_a, year_b = compare_default(meta, regions, sectors) if compare_default else (state.year_a, state.year_b)
    if raw.get("compare") is not None:
        rng = _as_range(raw.get("compare"))
        if rng is None:
            notices.append(_("Ignored invalid comparison years."))
        else:
            a, b = _clamp(rng[0], meta.year_min, meta.year_max), _clamp(rng[1], meta.year_min, meta.year_max)
            if a == b and rng[0] != rng[1]:
                # both years fell outside the data: comparing a year with itself shows nothing
                notices.append(_("Ignored comparison years outside the data: showing the defaults."))
            else:
                if (a, b) != rng:
                    notices.append(_("Comparison years limited to the data available."))
                year_a, year_b = a, b

    lang = parse_lang(raw.get("lang")) or DEFAULT_LANG
    if raw.get("lang") is not None and parse_lang(raw.get("lang")) is None:
        notices.append(_("Ignored an unknown language: showing English."))
    events = state.events
    if raw.get("events") is not None:
        ev = _as_bool(raw.get("events"))
        if ev is None:
            notices.append(_("Ignored an invalid milestones setting."))
        else:
            events = ev
    overlay = state.overlay
    if raw.get("overlay") is not None:
        ov = _as_bool(raw.get("overlay"))
        if ov is None:
            notices.append(_("Ignored an invalid overlay setting."))
        elif ov and not meta.counterpart:
            notices.append(_("This indicator has no counterpart series to overlay."))
        else:
            overlay = ov

    stack = state.stack
    if raw.get("stack") is not None:
        if raw.get("stack") in STACK_MODES:
            stack = raw["stack"]
        else:
            notices.append(_("Ignored an invalid stacking mode."))

    result = replace(state, regions=regions, sectors=sectors, start=start, end=end, transform=transform,
                     base_year=base_year, log=log, year_a=year_a, year_b=year_b, stack=stack, lang=lang,
                     events=events, overlay=overlay)
    reason = log_check(result) if log and log_check is not None else ""
    if reason:
        notices.append(_("Log scale is not available: {reason}. Shown on a linear scale.").format(reason=reason))
        result = replace(result, log=False)
    return result, notices


def to_query(state: ViewState, meta: IndicatorMeta, default_indicator: str | None = None,
             default_compare: tuple[int, int] | None = None) -> dict[str, str]:
    """The URL query of a state: only what differs from the defaults. ``default_compare``: the
    compared years :func:`normalize` gives the state's selection without a ``compare`` (the same
    ``compare_default``), else :meth:`IndicatorMeta.default_compare`."""
    d = default_state(meta)
    q: dict[str, str] = {}
    if state.indicator != default_indicator:
        q["indicator"] = state.indicator
    if state.regions != d.regions:
        q["region"] = LIST_SEP.join(state.regions)
    if state.sectors != d.sectors:
        q["sector"] = LIST_SEP.join(state.sectors)
    if (state.start, state.end) != (d.start, d.end):
        q["time"] = f"{state.start}..{state.end}"
    if state.transform != d.transform:
        q["transform"] = state.transform
    if state.transform == "index" and state.base_year != d.base_year:
        q["base"] = str(state.base_year)
    if state.log:
        q["log"] = "1"
    if (state.year_a, state.year_b) != (default_compare or (d.year_a, d.year_b)):
        q["compare"] = f"{state.year_a}..{state.year_b}"
    if state.stack != d.stack:
        q["stack"] = state.stack
    if state.lang != DEFAULT_LANG:
        q["lang"] = state.lang
    if not state.events:
        q["events"] = "0"
    if state.overlay:
        q["overlay"] = "1"
    return q


def query_string(query: Mapping[str, str]) -> str:
    """``?a=b&c=d`` (``~`` and ``..`` kept readable) or an empty string."""
    if not query:
        return ""
    return "?" + urlencode(query, safe="~.")


def state_from_dict(d: Mapping[str, Any]) -> ViewState:
    """Rebuild a state that :meth:`ViewState.to_dict` produced (trusted, server-made)."""
    fields = dict(d)
    fields["regions"] = tuple(fields.get("regions", ()))
    fields["sectors"] = tuple(fields.get("sectors", ()))
    return ViewState(**fields)


__all__ = [
    "IndicatorMeta",
    "ViewState",
    "default_state",
    "normalize",
    "to_query",
    "query_string",
    "url_query",
    "state_from_dict",
    "MAX_REGIONS",
    "MAX_SECTORS",
    "DEFAULT_COMPARE_FROM",
]


# ---------------------------------------------------------------- the URL keys (a public contract)
#: Every query key a shared link may carry; anything else is ignored with a notice.
QUERY_KEYS: tuple[str, ...] = ("indicator", "region", "sector", "time", "transform", "base", "log", "compare",
                               "stack", "lang", "events", "overlay")


def raw_from_state_dict(d: Mapping[str, Any]) -> dict[str, Any]:
    """The URL-keyed raw values of a :meth:`ViewState.to_dict` payload (untrusted: it comes back
    from the browser), ready for :func:`normalize`."""
    return {
        "indicator": d.get("indicator"),
        "region": d.get("regions"),
        "sector": d.get("sectors"),
        "time": [d.get("start"), d.get("end")],
        "transform": d.get("transform"),
        "base": d.get("base_year"),
        "log": d.get("log"),
        "compare": [d.get("year_a"), d.get("year_b")],
        "stack": d.get("stack"),
        "lang": d.get("lang"),
        "events": d.get("events"),
        "overlay": d.get("overlay"),
    }
