"""One look for every chart: a Plotly template, a colour-blind-safe palette, China highlighted.

Colours follow Okabe & Ito (2008), distinguishable under the common colour-vision
deficiencies. China always gets vermillion and a thicker line; every other economy keeps
one colour across all charts, so a reader learns the legend once.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
    '"Liberation Sans", Arial, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
)
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
#: value-axis and colour-bar ticks as plain numbers: plotly's default SI suffixes (k, M, µ) would stand
#: beside the unit ("1.4M 亿元", "100µ billion US$"). Plotly separates thousands from five digits on
#: ("1,400,000"; "5000" stays as it is, the width figures/margins.py fits the left margin to)
VALUE_TICKS: dict = {"exponentformat": "none"}

CHINA = "CHN"
CHINA_COLOR = "#D55E00"  # vermillion

REGION_COLORS: dict[str, str] = {
    "CHN": CHINA_COLOR,
    "USA": "#0072B2",  # blue
    "JPN": "#CC79A7",  # reddish purple
    "DEU": "#000000",  # black
    "KOR": "#009E73",  # bluish green
    "IND": "#E69F00",  # orange
    "GBR": "#56B4E9",  # sky blue
    "FRA": "#7F6A93",  # muted violet
    "EUU": "#332288",  # indigo (Tol)
    "WLD": "#8E8E8E",  # grey
}
FALLBACK_COLORS = ["#117733", "#882255", "#44AA99", "#999933", "#AA4499", "#6699CC"]

SECTOR_COLORS: dict[str, str] = {
    "primary": "#009E73",
    "secondary": "#0072B2",
    "tertiary": "#E69F00",
    "manufacturing": "#CC79A7",
    "coal": "#3C3C3C",
    "gas": "#9C9C9C",
    "oil": "#8C510A",
    "nuclear": "#7F6A93",
    "hydro": "#0072B2",
    "wind": "#56B4E9",
    "solar": "#E69F00",
    "bioenergy": "#009E73",
    "other_renewables": "#44AA99",
    "2g": "#CC79A7",
    "3g": "#56B4E9",
    "4g": "#0072B2",
    "total": "#1f2933",
}

# Marker symbols for data quality flags (the legend of flags sits under each chart).
FLAG_SYMBOLS: dict[str, str] = {
    "observed": "circle",
    "estimate": "circle-open",
    "preliminary": "diamond-open",
    "approximate": "circle-open-dot",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
    "final": "circle",
    "revised": "square-open",
    "weak_source": "x-thin-open",
}

#: The counterpart overlay's look (figures/timeseries.add_overlay): a dash pattern that is none of
#: figures.common.DASHES (the dash patterns sectors get when regions and sectors both vary) nor the
#: world's "dot", with a square on every point, symbols no data-quality flag uses
#: (FLAG_SYMBOLS). It keeps the colour of the series it pairs with, so the pair reads as one quantity
#: from two sources, and no other line of the chart has its (colour, dash, marker).
OVERLAY_DASH = "4px,2px"
#: one symbol per sector drawn (in order; a single sector: the square), so that the overlay lines of one
#: economy's sectors, which share its colour and the overlay's dash, still differ
OVERLAY_SYMBOLS = ("square", "pentagon", "hexagon", "hexagram", "bowtie")  # not the diamond (preliminary), star (milestones)
OVERLAY_SYMBOL = OVERLAY_SYMBOLS[0]
#: an overlay point with a data-quality flag (named on hover and in the table): the open symbol with a dot,
#: so the overlay keeps its symbol (and its legend entry one) where a main series shows the flag's symbol
OVERLAY_FLAGGED_SUFFIX = "-open-dot"
OVERLAY_FLAGGED_SYMBOL = OVERLAY_SYMBOL + OVERLAY_FLAGGED_SUFFIX
OVERLAY_MARKER_SIZE = 6

EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900

TEMPLATE_NAME = "dashboard"


def region_color(code: str, index: int = 0) -> str:
    return REGION_COLORS.get(code, FALLBACK_COLORS[index % len(FALLBACK_COLORS)])


def sector_color(code: str, index: int = 0) -> str:
    return SECTOR_COLORS.get(code, FALLBACK_COLORS[index % len(FALLBACK_COLORS)])


def _template() -> go.layout.Template:
    t = go.layout.Template()
    t.layout = go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color=INK),
        title=dict(font=dict(size=18, color=INK), x=0.0, xanchor="left", y=0.97, yanchor="top",
                   subtitle=dict(font=dict(size=13, color=MUTED))),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(REGION_COLORS.values()),
        margin=dict(l=64, r=24, t=84, b=96),
        hovermode="closest",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13)),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.14, yanchor="top",
                    font=dict(size=13), bgcolor="rgba(255,255,255,0)", title=dict(text="")),
        xaxis=dict(showgrid=False, linecolor="#9aa5b1", ticks="outside", tickcolor="#9aa5b1",
                   tickfont=dict(color=MUTED), title=dict(font=dict(color=MUTED)), automargin=True,
                   zeroline=False),
        yaxis=dict(gridcolor=GRID, zeroline=False, **VALUE_TICKS, tickfont=dict(color=MUTED),
                   title=dict(font=dict(color=MUTED, size=13), standoff=8), automargin=True),
        separators=".,",
    )
    return t


def register_template() -> None:
    """Register the template and make it the default (idempotent)."""
    pio.templates[TEMPLATE_NAME] = _template()
    pio.templates.default = TEMPLATE_NAME


register_template()

#: The template as plain JSON, embedded in every figure dict (built once: figure builders
#: return dicts, which skips plotly's per-property validation on the request path).
TEMPLATE_JSON: dict = pio.templates[TEMPLATE_NAME].to_plotly_json()
