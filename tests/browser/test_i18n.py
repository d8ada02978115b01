"""The Chinese edition in a real browser: every page in both languages, the switch, exports."""

import re
import xml.etree.ElementTree as ET

import pytest
from browser_helpers import figure, goto

from dashboard.data.dimensions import DIMENSIONS

PAGES = ["/"] + [f"/{d.id}" for d in DIMENSIONS]
CJK = re.compile(r"[\u4e00-\u9fff]")
# English words allowed on a Chinese page: codes, units and proper names (names of sources and the paper)
ALLOWED = {
    "via", "kbit", "and", "net", "kg",  # inside source names / units kept as published
}

#: visible text of the page, without elements explicitly tagged English (untranslated source notes),
#: link addresses and series codes
VISIBLE_TEXT_JS = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('[lang="en"], .lang-switch, script, style, .js-plotly-plot, pre').forEach(e => e.remove());
  document.body.appendChild(clone); clone.style.position = 'absolute'; clone.style.left = '-99999px';
  const text = clone.innerText; clone.remove(); return text;
}"""


def open_page(page, path: str) -> None:
    """Go to ``path`` and wait until it is drawn (charts, or the overview's cards)."""
    if path.split("?")[0] == "/":
        page.goto(path)
        page.wait_for_selector(".kpi-card")
    else:
        goto(page, path)


def english_words(text: str) -> list[str]:
    """Lower-case English words of 3+ letters (prose), outside URLs, series codes and the allow-list."""
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"python -m dashboard \w+", " ", text)
    words = re.findall(r"(?<![A-Za-z0-9._/-])[a-z]{3,}(?![A-Za-z0-9._/-])", text)  # not inside codes such as rd_intensity
    return [w for w in words if w not in ALLOWED]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_chinese_has_no_untranslated_ui_text(page, path):
    sep = "&" if "?" in path else "?"
    open_page(page, path + sep + "lang=zh")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    text = page.evaluate(VISIBLE_TEXT_JS)
    assert CJK.search(text)
    assert english_words(text) == [], path
    if path != "/":
        fig = figure(page, "ts")
        assert CJK.search(fig["layout"]["meta"]["export"]["title"])
        assert page.evaluate("() => document.querySelector('#ts-graph .js-plotly-plot')._context.locale") == "zh-CN"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_english_stays_english(page, path):
    open_page(page, path)
    assert page.get_attribute("html", "lang") == "en"
    text = page.evaluate(VISIBLE_TEXT_JS.replace("'[lang=\"en\"], ", "'"))
    assert not CJK.search(text.replace("中文", ""))


def test_browser_language_picks_the_first_visit(context_factory):
    ctx = context_factory()
    ctx.set_extra_http_headers({"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    p = ctx.new_page()
    goto(p, "/green")
    assert p.get_attribute("html", "lang") == "zh-Hans"
    p.wait_for_function("() => location.search.includes('lang=zh')")  # the shareable URL carries it


def test_switch_keeps_the_view(page):
    goto(page, "/green?region=CHN~USA&time=2005..2020")
    page.click('.lang-switch a[data-lang="zh"]')
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hans'")
    goto(page, page.url)
    assert "region=CHN~USA" in page.url and "time=2005..2020" in page.url and "lang=zh" in page.url
    names = {t.get("name") for t in figure(page, "ts")["data"] if t.get("name")}
    assert names == {"中国", "美国"}
    page.click('.lang-switch a[data-lang="en"]')
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert "region=CHN~USA" in page.url


def test_chinese_svg_export_and_csv(page, tmp_path):
    goto(page, "/structure?lang=zh")
    export = figure(page, "ts")["layout"]["meta"]["export"]
    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("SVG")')
    path = tmp_path / "chart.svg"
    dl.value.save_as(path)
    root = ET.parse(path).getroot()
    text = " ".join(" ".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert export["title"] in text and CJK.search(export["title"])
    assert "来源" in text and "世界银行" in text
    assert "第一产业" in text  # the legend
    assert "Noto Sans CJK SC" in path.read_text(encoding="utf-8")  # the CJK font stack travels with the picture

    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("CSV")')
    raw = dl.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert "指标代码" in header and "年份" in header and "数值" in header


@pytest.mark.parametrize("width", [1440, 390])
def test_chinese_screenshots(context_factory, screenshot_dir, width):
    p = context_factory(viewport=(width, 900)).new_page()
    goto(p, "/endowments?lang=zh")
    p.screenshot(path=str(screenshot_dir / f"zh-endowments-{width}.png"), full_page=True)
    open_page(p, "/?lang=zh")
    p.screenshot(path=str(screenshot_dir / f"zh-overview-{width}.png"), full_page=True)
