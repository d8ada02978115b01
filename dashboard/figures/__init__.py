"""Figure building: pure functions from chart data to Plotly figures, one shared theme."""

from dashboard.figures.charts import (
    compare_figure,
    composition_figure,
    empty_figure,
    sparkline_svg,
    timeseries_figure,
)
from dashboard.figures.theme import register_template

__all__ = [
    "compare_figure",
    "composition_figure",
    "empty_figure",
    "register_template",
    "sparkline_svg",
    "timeseries_figure",
]
