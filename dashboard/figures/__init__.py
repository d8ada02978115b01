"""Figure building: pure functions from chart data to Plotly figure dicts, one shared theme.

One module per chart (``timeseries``, ``compare``, ``composition``, ``sparkline``) over
``common`` (figure frame, empty state, legend labels, numbers) and ``theme`` (template,
palette). Nothing here imports Dash components or the data store.
"""

from dashboard.figures.common import (
    empty_figure,
    figure_heading,
    fmt_number,
    series_labels,
    source_line,
    transform_phrase,
    value_axis_title,
)
from dashboard.figures.compare import compare_figure
from dashboard.figures.composition import composition_figure
from dashboard.figures.sparkline import sparkline_svg
from dashboard.figures.theme import register_template
from dashboard.figures.timeseries import timeseries_figure

__all__ = [
    "compare_figure",
    "composition_figure",
    "empty_figure",
    "figure_heading",
    "fmt_number",
    "register_template",
    "series_labels",
    "source_line",
    "sparkline_svg",
    "timeseries_figure",
    "transform_phrase",
    "value_axis_title",
]
