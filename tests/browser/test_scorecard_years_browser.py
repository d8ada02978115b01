"""A scorecard link with a year outside the data: one notice, and caption, pickers, rows and address agree.

The data's last year and each row's years are computed here from the Parquet files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "datasets"


def test_a_2030_link_is_corrected_once_and_everything_agrees(page, screenshot_dir):
    obs = pd.read_parquet(DATA / "endowments.parquet")
    chn = obs[(obs.region == "CHN") & obs.value.notna()]
    page.goto("/scorecard?a=2030&b=2012")
    page.wait_for_selector("tr[data-indicator]")
    page.wait_for_function("() => location.search.includes('b=latest')")
    notice = page.locator(".url-notice").inner_text()
    assert "Some link settings were not valid and were reset" in notice and "2030" in notice
    assert "year A = 2012, year B = latest year" in page.locator(".scorecard-table caption").inner_text()
    assert page.locator("#scorecard-year-a").input_value() == "2012"
    assert page.locator("#scorecard-year-b").input_value() == "latest"
    assert "a=2012" in page.evaluate("location.search")
    rows = page.locator("tr[data-indicator]")
    for i in range(rows.count()):
        tr = rows.nth(i)
        ind, sec = tr.get_attribute("data-indicator"), tr.get_attribute("data-sector")
        years = chn[(chn.indicator_id == ind) & (chn.sector == sec)].year
        want_a = min(years, key=lambda y: (abs(y - 2012), -y))
        cells = tr.locator("td").all_inner_texts()
        assert cells[1].split("\n")[-1] == str(want_a) and cells[2].split("\n")[-1] == str(years.max()), (ind, cells)
    page.screenshot(path=str(screenshot_dir / "scorecard_2030.png"))
    # picking year A after year B in the pickers swaps them, and the caption follows
    page.select_option("#scorecard-year-b", "2015")
    page.select_option("#scorecard-year-a", "2020")
    page.wait_for_function("() => document.querySelector('.scorecard-table caption').innerText.includes('year A = 2015')")
    assert page.locator("#scorecard-year-a").input_value() == "2015"
    assert page.locator("#scorecard-year-b").input_value() == "2020"
    assert "year B = 2020" in page.locator(".scorecard-table caption").inner_text()
