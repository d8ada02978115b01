"""Chart rules a new user checked on the dimension pages: the Log scale switch follows the values the chart
draws (net FDI inflows: China alone has a log axis, China with Germany cannot), and the empty "Compare
sectors" card of an indicator without sectors offers no export buttons. Expected values: the Parquet files."""

from __future__ import annotations

from browser_helpers import figure, goto, select_option, series, wait_figure

LOG = "#_dbcprivate_checklist_log_input_log"
LOG_LABEL = "label[for='_dbcprivate_checklist_log_input_log']"
EXPORTS = "#comp-exports"


def _axis(page) -> str:
    return figure(page, "ts")["layout"]["yaxis"].get("type", "linear")


def test_log_switch_follows_the_values_drawn(page):
    chn = series("fdi_inflows_usd", "CHN")
    deu = series("fdi_inflows_usd", "DEU")
    assert (chn > 0).all() and (deu <= 0).any()  # the premise, from the Parquet file
    goto(page, "/internationalization?indicator=fdi_inflows_usd&log=1")
    assert page.locator(LOG).is_enabled() and page.locator(LOG).is_checked()
    assert _axis(page) == "log"
    assert page.locator(LOG_LABEL).inner_text().strip() == "Log scale"
    # add Germany: the switch goes off and disabled, saying why, and the axis is linear
    select_option(page, "regions", "DEU")
    wait_figure(page, "ts", "gd.data.some(t => t.name === 'Germany')")
    page.wait_for_function(f"() => document.querySelector(\"{LOG}\").disabled", polling=100)
    assert not page.locator(LOG).is_checked()
    # the reason in a short line under the name (the column is narrow), the whole sentence on hover
    assert page.locator(LOG_LABEL).inner_text().split() == ["Log", "scale", "unavailable:", "values", "≤", "0"]
    assert page.locator(f"{LOG_LABEL} [title]").get_attribute("title") == "the chart has values of zero or below"
    assert _axis(page) == "linear"
    page.wait_for_function("() => !location.search.includes('log=')", polling=100)


def test_link_asking_log_on_negative_values_is_linear_with_a_notice(page):
    goto(page, "/internationalization?indicator=fdi_inflows_usd&region=CHN~DEU&log=1")
    notice = page.locator(".url-notice").inner_text()
    assert "Log scale is not available: the chart has values of zero or below. Shown on a linear scale." in notice
    assert page.locator(LOG).is_disabled() and not page.locator(LOG).is_checked()
    assert _axis(page) == "linear"
    page.wait_for_function("() => !location.search.includes('log=')", polling=100)


def test_log_reason_in_chinese(page):
    goto(page, "/internationalization?indicator=fdi_inflows_usd&region=CHN~DEU&log=1&lang=zh")
    assert "无法使用对数坐标" in page.locator(".url-notice").inner_text()
    assert page.locator(LOG_LABEL).inner_text().split() == ["对数坐标", "不可用：有≤0的值"]


def test_composition_exports_only_when_the_card_draws(page):
    goto(page, "/structure?indicator=gdp_growth")
    assert page.locator(EXPORTS).is_hidden()
    assert page.locator("#comp-card button.export-btn:text-is('CSV')").is_hidden()
    select_option(page, "indicator", "va_share_gdp_by_industry")
    wait_figure(page, "comp", "gd.data.length >= 3")
    page.wait_for_selector(EXPORTS, state="visible")
    with page.expect_download() as dl:
        page.click("#comp-card button.export-btn:text-is('CSV')")
    assert dl.value.suggested_filename == "va_share_gdp_by_industry-composition.csv"
    select_option(page, "indicator", "gdp_growth")
    page.wait_for_selector(EXPORTS, state="hidden")
