"""Lists in links (issue 9, item 4): a repeated key draws every region and the address bar
is rewritten to the canonical ``~`` form."""

from __future__ import annotations

from browser_helpers import goto, series, traces

from dashboard.data.contract import SECTOR_LABELS


def test_repeated_region_key_draws_all_three_and_canonicalises_the_url(page):
    goto(page, "/green?indicator=renewable_capacity_gw&region=CHN&region=USA&region=DEU")
    # "Region – Sector" traces (the indicator has a breakdown); the event markers are not a series
    drawn = {k: v for k, v in traces(page, "ts").items() if k != "Milestones"}
    sector_code = {label: code for code, label in SECTOR_LABELS.items()}
    seen = set()
    for name, (x, y) in drawn.items():
        region_name, _, sector_label = name.partition(" – ")
        code = {"China": "CHN", "United States": "USA", "Germany": "DEU"}[region_name]
        seen.add(code)
        expected = series("renewable_capacity_gw", code, sector_code[sector_label])
        assert {a: b for a, b in zip(x, y) if a is not None} == expected.to_dict(), name  # None: a line break
    assert seen == {"CHN", "USA", "DEU"}
    page.wait_for_function("() => location.search.includes('region=CHN~USA~DEU')", polling=100)
    assert page.url.endswith("/green?indicator=renewable_capacity_gw&region=CHN~USA~DEU")
    assert page.locator(".url-notice").count() == 0  # nothing dropped, nothing to say


def test_a_dropped_code_in_a_pasted_list_gets_a_notice(page):
    goto(page, "/green?indicator=renewable_capacity_gw&region=chn,usa,XXX")
    assert {n.partition(" – ")[0] for n in traces(page, "ts") if n != "Milestones"} == {"China", "United States"}
    notice = page.locator(".url-notice")
    assert notice.is_visible() and "XXX" in notice.inner_text()
    page.wait_for_function("() => location.search.includes('region=CHN~USA')", polling=100)
