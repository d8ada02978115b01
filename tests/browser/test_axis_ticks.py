"""Value axes show plain numbers with thousands separators, never plotly's SI suffixes beside the unit:
China's GDP in 亿元 read "1.4M" (1.4 million 亿元), FDI on a log axis "100µ" billion US$. Expected
magnitudes: the Parquet files."""

from __future__ import annotations

import re

from browser_helpers import goto, series

PLAIN = re.compile(r"^−?[\d,]+(\.\d+)?$")  # plotly draws the minus sign as U+2212


def _ticks(page, key: str, axis: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#{key}-graph .{axis}tick text").all_text_contents()]


def test_chinese_gdp_in_yi_yuan_has_plain_ticks(page):
    top = series("nbs_gdp_yuan").max() * 10_000  # trillion yuan -> 亿元 (content/i18n [units])
    assert top > 1_000_000  # the premise: over a million 亿元
    goto(page, "/structure?indicator=nbs_gdp_yuan&lang=zh")
    ticks = _ticks(page, "ts", "y")
    assert ticks and all(PLAIN.match(t) for t in ticks), ticks
    assert max(float(t.replace(",", "")) for t in ticks) >= 1_000_000  # "1,400,000", not "1.4M"


def test_log_axis_of_small_values_has_no_si_suffix(page):
    low = series("fdi_inflows_usd").min()
    assert 0 < low < 0.01  # the premise: China's early FDI in billion US$
    goto(page, "/internationalization?indicator=fdi_inflows_usd&log=1")
    ticks = _ticks(page, "ts", "y")
    assert ticks and all(PLAIN.match(t) for t in ticks), ticks  # "0.001", not "1m"/"100µ"


def test_compare_years_value_axis_has_plain_ticks(page):
    goto(page, "/structure?indicator=nbs_gdp_yuan&lang=zh")
    ticks = _ticks(page, "cmp", "x")
    assert ticks and all(PLAIN.match(t) for t in ticks), ticks
