"""A tiny inline SVG line for the overview cards (no JS, no plot library per card)."""

from __future__ import annotations

import numpy as np


def sparkline_svg(years: np.ndarray, values: np.ndarray, width: int = 160, height: int = 40,
                  color: str = "#D55E00") -> str:
    """A tiny inline SVG line (no JS, no plot library) for the overview cards."""
    years = np.asarray(years, dtype="float64")
    values = np.asarray(values, dtype="float64")
    ok = np.isfinite(years) & np.isfinite(values)
    years, values = years[ok], values[ok]
    if len(values) < 2:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}"></svg>')
    pad = 3.0
    x0, x1 = years.min(), years.max()
    y0, y1 = values.min(), values.max()
    sx = (width - 2 * pad) / ((x1 - x0) or 1)
    sy = (height - 2 * pad) / ((y1 - y0) or 1)
    pts = " ".join(f"{pad + (x - x0) * sx:.1f},{height - pad - (y - y0) * sy:.1f}" for x, y in zip(years, values))
    lx, ly = pts.split(" ")[-1].split(",")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f'<polyline fill="none" stroke="{color}" stroke-width="2" stroke-linejoin="round" '
        f'stroke-linecap="round" points="{pts}"/>'
        f'<circle cx="{lx}" cy="{ly}" r="3" fill="{color}"/></svg>'
    )
