"""The Chinese edition in a real browser: every page in both languages, the switch, exports."""

import io
import re
import tomllib
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from browser_helpers import ROOT, figure, goto, observations, wait_drawn

from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.official.provinces import load_provinces

PAGES = ["/"] + [f"/{d.id}" for d in DIMENSIONS]
#: pages without the dimension pages' charts, and the element that shows each is drawn
OTHER_PAGES = {
    "/provinces": "#prank-graph .js-plotly-plot .barlayer .trace",
    "/scorecard": ".scorecard-table tbody tr",
    "/scorecard?dimension=green&a=2015": ".scorecard-table tbody tr",
    "/report?page=overview": ".report-milestones tbody tr",
    "/report?page=endowments": ".report-card",
    "/report?page=scorecard&dimension=internationalization": ".scorecard-table tbody tr",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
# English words allowed on a Chinese page: codes, units and proper names (names of sources and the paper)
ALLOWED = {
    "via", "kbit", "and", "net", "kg",  # inside source names / units kept as published
    "techme",  # the name of the R package that compiled the NBS R&D tables (in the licence line)
}

#: visible text of the page, without elements explicitly tagged English (untranslated source notes),
#: link addresses and series codes; every disclosure (<details>: the milestones' "how this verdict is
#: reached" with its computed lines, the Sources panels) opened first, and the names and hover texts
#: of the page's controls (aria-label, title, alt, placeholder) added, one per line
VISIBLE_TEXT_JS = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('[lang="en"], .lang-switch, script, style, .js-plotly-plot, pre').forEach(e => e.remove());
  clone.querySelectorAll('details').forEach(d => d.open = true);
  document.body.appendChild(clone); clone.style.position = 'absolute'; clone.style.left = '-99999px';
  const attrs = [];
  clone.querySelectorAll('[aria-label], [title], [alt], [placeholder]').forEach(e => {
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) { if (e.getAttribute(a)) attrs.push(e.getAttribute(a)); }
  });
  const text = clone.innerText + '\\n' + attrs.join('\\n'); clone.remove(); return text;
}"""
#: the hover texts of the dated events (★) drawn on a time series
EVENT_HOVER_JS = """() => {
  const gd = document.querySelector('#ts-graph .js-plotly-plot');
  return gd.data.filter(t => t.meta && t.meta.events).flatMap(t => Array.from(t.text || []));
}"""


def open_page(page, path: str) -> None:
    """Go to ``path`` and wait until it is drawn (charts, or the overview's cards)."""
    if path.split("?")[0] == "/":
        page.goto(path)
        page.wait_for_selector(".kpi-card")
        page.wait_for_selector(".milestone-card")
    elif path.split("&lang")[0].split("?lang")[0] in OTHER_PAGES:
        page.goto(path)
        page.wait_for_selector(OTHER_PAGES[path.split("&lang")[0].split("?lang")[0]])
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
    assert page.title().endswith(" · 中国产业升级") and CJK.search(page.title().split(" · ")[0])  # the browser tab
    text = page.evaluate(VISIBLE_TEXT_JS)
    assert CJK.search(text)
    assert english_words(text) == [], path
    if path != "/":
        fig = figure(page, "ts")
        assert CJK.search(fig["layout"]["meta"]["export"]["title"])
        assert page.evaluate("() => document.querySelector('#ts-graph .js-plotly-plot')._context.locale") == "zh-CN"
    else:  # the milestone cards' computed lines were in the text above: they are there, and Chinese
        lines = page.locator(".milestone-rule li, .milestone-rule p.mb-0, .milestone-differs li, .milestone-missing")
        assert lines.count() > 30
        texts = lines.all_text_contents()
        assert all(CJK.search(t) for t in texts) and english_words(" ".join(texts)) == []
        assert page.locator('.milestone-card [lang="en"]').count() == 0  # nothing left marked as English


def test_milestone_events_on_a_chinese_chart_have_chinese_hover_text(page):
    """The ★ markers (content/events.toml, dated from the data) on the time series: label, the computed
    sentence and the source in Chinese, with the value in the Chinese unit (R&D intensity: 占GDP的%)."""
    goto(page, "/endowments?indicator=rd_intensity_wdi&lang=zh")
    hovers = page.evaluate(EVENT_HOVER_JS)
    assert hovers, "no dated event drawn on the R&D intensity chart"
    for text in hovers:
        plain = re.sub(r"<[^>]+>", " ", text).replace("&amp;", "&")
        assert CJK.search(plain) and english_words(plain) == [], plain
    assert any("占GDP的%" in re.sub(r"<[^>]+>", " ", t) for t in hovers)


@pytest.mark.parametrize("path", list(OTHER_PAGES))
def test_provinces_scorecard_and_report_in_chinese_have_no_untranslated_ui_text(page, path):
    """The pages added after the first Chinese edition: every visible text Chinese (codes, units and
    proper names aside); the fixtures fail the test on a console error or an outside request."""
    sep = "&" if "?" in path else "?"
    open_page(page, path + sep + "lang=zh")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    text = page.evaluate(VISIBLE_TEXT_JS)
    assert CJK.search(text)
    assert english_words(text) == [], path
    nav = page.inner_text(".app-navbar .navbar-nav")
    assert "分省" in nav and "要素禀赋" in nav  # the navbar's short labels in Chinese
    if path.startswith("/scorecard") or path.startswith("/report"):  # links keep the language
        hrefs = page.eval_on_selector_all(".scorecard-table a, .report-back", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all("lang=zh" in h for h in hrefs)


def test_provinces_in_chinese_name_the_provinces_in_chinese(page):
    """Bars, map polygons and series carry the short Chinese names of content/provinces.toml, and
    China's reference line is 中国."""
    zh_names = {p.code: p.name_zh for p in load_provinces().provinces}
    page.goto("/provinces?lang=zh&province=CN-BJ~CN-GD")
    for key in ("pmap", "prank", "pts"):
        wait_drawn(page, key)
    ranking = _traces(page, "prank")[0]
    assert [zh_names[c] for c in ranking["customdata"]] == ranking["y"]
    assert len(ranking["y"]) == 31
    polygons = {t["meta"]: t["name"] for t in _traces(page, "pmap") if str(t.get("meta", "")).startswith("CN-")}
    assert polygons["CN-BJ"] == "北京" and polygons["CN-XZ"] == zh_names["CN-XZ"]
    names = [t["name"] for t in _traces(page, "pts")]
    assert names[:2] == [zh_names["CN-BJ"], zh_names["CN-GD"]] and names[2].startswith("中国")
    options = page.inner_text("#prov-provinces")
    assert "北京" in options


def _traces(page, key: str) -> list[dict]:
    """Name, meta, y and customdata of every trace the browser holds for a chart."""
    return page.evaluate("""(key) => document.querySelector('#' + key + '-graph .js-plotly-plot').data.map(
        t => ({name: t.name, meta: t.meta, y: Array.from(t.y || []), customdata: Array.from(t.customdata || [])}))""", key)


def test_chinese_provincial_csv_has_bom_and_values_in_yi_yuan(page):
    """gerd_province is stored in billion yuan; on a Chinese page the ranking's CSV starts with the
    UTF-8 BOM, has Chinese headers and gives each province's value in 亿元 (x10), from the Parquet file."""
    page.goto("/provinces?indicator=gerd_province&year=2020&lang=zh")
    wait_drawn(page, "prank")
    with page.expect_download() as dl:
        page.click('#prank-card button.export-btn:text-is("CSV")')
    raw = dl.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.StringIO(raw[3:].decode("utf-8")))
    assert {"指标代码", "地区代码", "地区", "年份", "数值"} <= set(frame.columns)
    expected = {r: v * 10 for r, v in _parquet_values("gerd_province", 2020).items()}
    got = dict(zip(frame["地区代码"], frame["数值"]))
    assert set(got) == set(expected) and len(got) == 31
    for code, value in expected.items():
        assert got[code] == pytest.approx(value, rel=1e-9)
    assert set(frame["单位"]) == {"亿元"} and "北京" in set(frame["地区"])


def _parquet_values(indicator: str, year: int) -> dict[str, float]:
    obs = observations(indicator)
    obs = obs[(obs["year"] == year) & (obs["sector"] == "total") & obs["region"].str.startswith("CN-")]
    return dict(zip(obs["region"], obs["value"]))


def test_milestone_cards_show_the_chinese_claims_and_verdicts(page):
    """The overview's cards in Chinese: claim_zh and rule_text_zh of content/milestones.toml, verdict
    badges in Chinese."""
    claims = tomllib.loads((ROOT / "dashboard/content/milestones.toml").read_text(encoding="utf-8"))["claim"]
    open_page(page, "/?lang=zh")
    for c in claims:
        card = page.locator(f'.milestone-card[data-claim="{c["id"]}"]')
        assert card.locator(".milestone-claim").inner_text().strip() == c["claim_zh"]
        assert card.locator(".milestone-rule p").first.text_content() == c["rule_text_zh"]
        badge = card.locator(".verdict-badge").inner_text()
        assert re.sub(r"^\W+", "", badge).strip() in {"得到支持", "部分得到支持", "未得到支持", "本项目暂无数据"}
    page.click('.milestone-card[data-claim="innovation_capability"] .milestone-rule summary')
    first = next(c for c in claims if c["id"] == "innovation_capability")
    assert page.inner_text('.milestone-card[data-claim="innovation_capability"] .milestone-rule p') == first["rule_text_zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [1440, 1024])
def test_navbar_fits_on_one_line_on_desktop(context_factory, screenshot_dir, width, lang):
    """Brand, seven links and the language switch on one line (one link's height), none wrapped."""
    p = context_factory(viewport=(width, 900)).new_page()
    open_page(p, "/provinces" + ("?lang=zh" if lang == "zh" else ""))
    tops = p.eval_on_selector_all(".app-navbar .nav-link, .app-navbar .lang-switch, .app-navbar .navbar-brand",
                                  "els => els.map(e => [e.getBoundingClientRect().top, e.getBoundingClientRect().height])")
    assert len(tops) >= 1 + 7 + 1  # brand, Overview, 5 dimensions, Provinces, the language switch
    link_h = max(h for _t, h in tops[1:])
    assert link_h < 48  # no link or the switch wraps onto two lines
    assert p.evaluate("() => document.querySelector('.app-navbar').getBoundingClientRect().height") < 64
    assert not p.is_visible(".app-navbar .navbar-toggler")
    labels = p.inner_text(".app-navbar .navbar-nav")
    assert ("Endowments" if lang == "en" else "要素禀赋") in labels and "Factor endowments" not in labels
    p.screenshot(path=str(screenshot_dir / f"navbar-{lang}-{width}.png"), clip={"x": 0, "y": 0, "width": width, "height": 80})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_navbar_collapses_on_phones(context_factory, screenshot_dir, lang):
    p = context_factory(viewport=(390, 844)).new_page()
    open_page(p, "/provinces" + ("?lang=zh" if lang == "zh" else ""))
    assert p.is_visible(".app-navbar .navbar-toggler") and not p.is_visible(".app-navbar .nav-link[href='/provinces']")
    p.click(".app-navbar .navbar-toggler")
    p.wait_for_selector(".app-navbar .nav-link[href='/provinces']", state="visible")
    assert p.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    p.screenshot(path=str(screenshot_dir / f"navbar-{lang}-390-open.png"))


def test_back_after_switching_language_tags_the_page_with_its_language(page):
    """Back from /structure?lang=zh to /structure: the reader chose Chinese (cookie), the page is drawn
    in Chinese, and <html lang> says so (it said "en": the browser reused the first visit's HTML)."""
    open_page(page, "/structure")
    assert page.get_attribute("html", "lang") == "en"
    page.click(".lang-link[data-lang=zh]")
    page.wait_for_url("**lang=zh**")
    page.wait_for_selector("#ts-graph .main-svg")
    page.go_back()
    page.wait_for_url("**/structure")
    page.wait_for_selector("#ts-graph .main-svg")
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hans'", timeout=5000)
    green = next(d for d in DIMENSIONS if d.id == "green")
    assert page.inner_text(".app-navbar .nav-link[href='/green']").strip() == green.nav_label_zh
    assert page.get_attribute(".lang-link[data-lang=zh]", "aria-current") == "true"


def test_phone_menu_closes_when_a_link_in_it_opens_a_page(context_factory):
    """A link picked in the phone menu opens its page and the menu closes (it stayed open over the
    new page before), also for the link of the page already shown; Back closes it too."""
    p = context_factory(viewport=(390, 844)).new_page()
    open_page(p, "/provinces")
    link = ".app-navbar .nav-link[href='/green']"
    p.click(".app-navbar .navbar-toggler")
    p.wait_for_selector(link, state="visible")
    p.click(link)
    p.wait_for_url("**/green")
    p.wait_for_selector("#ts-graph .main-svg")
    p.wait_for_selector(link, state="hidden")
    assert p.get_attribute(".app-navbar .navbar-toggler", "aria-expanded") in (None, "false")
    p.click(".app-navbar .navbar-toggler")
    p.wait_for_selector(link, state="visible")
    p.go_back()
    p.wait_for_url("**/provinces")
    p.wait_for_selector(link, state="hidden")
    here = ".app-navbar .nav-link[href='/provinces']"
    p.click(".app-navbar .navbar-toggler")
    p.wait_for_selector(here, state="visible")
    p.click(here)  # the page already shown: the address does not change, the menu closes all the same
    p.wait_for_selector(here, state="hidden")


@pytest.mark.parametrize("path", PAGES + list(OTHER_PAGES))
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
    for name, path in (("provinces", "/provinces"), ("scorecard", "/scorecard"), ("report", "/report?page=overview")):
        open_page(p, path + "?lang=zh" if "?" not in path else path + "&lang=zh")
        p.screenshot(path=str(screenshot_dir / f"zh-{name}-{width}.png"), full_page=True)


def test_browser_tab_title_follows_the_language(page):
    """document.title names the page and the site in Chinese on Chinese pages (also after moving to
    another page inside the app and on the 404 page) and in English on English pages."""
    green = next(d for d in DIMENSIONS if d.id == "green")
    open_page(page, "/scorecard?lang=zh")
    assert page.title() == "记分卡 · 中国产业升级"
    page.click('.app-navbar a.nav-link[href="/green"]')
    page.wait_for_function("(t) => document.title === t", arg=f"{green.label_zh} · 中国产业升级")
    page.goto("/no-such-page?lang=zh")
    page.wait_for_selector("main h1")
    page.wait_for_function("() => document.title === '页面不存在 · 中国产业升级'")
    open_page(page, "/report?page=overview&lang=en")
    page.wait_for_function("() => document.title === 'Report · China Industrial Upgrading'")


def test_switch_links_carry_the_view_for_a_new_tab(page):
    """A language link opened in a new tab (or copied) keeps the view too: its href is the current URL
    with only ``lang`` changed, once pointed at or focused (found by a new-user check: it read ?lang=zh)."""
    goto(page, "/green?region=CHN~USA&time=2005..2020")
    link = page.locator('.lang-switch a[data-lang="zh"]')
    link.focus()
    href = link.get_attribute("href")
    assert href.startswith("/green?") and "region=CHN~USA" in href and "time=2005..2020" in href
    assert href.endswith("lang=zh")


def test_no_share_to_cloud_button_on_any_chart(page):
    """plotly.js 3 adds a "Share chart..." modebar button that uploads the chart to Plotly Cloud; the
    app's charts never offer it (no request leaves the host)."""
    goto(page, "/structure?lang=zh")
    wait_drawn(page, "ts")
    assert page.locator(".modebar-btn").count() > 0
    assert page.locator('.modebar-btn[data-title*="Share"], .modebar-btn[data-attr*="cloud" i]').count() == 0


#: hover each point of the time series whose hover names a series break; the label's box and text
BREAK_HOVERS_JS = """() => {
  const gd = document.querySelector('#ts-graph .js-plotly-plot');
  gd.scrollIntoView({block: 'center'});
  const out = [];
  gd.data.forEach((t, c) => (t.customdata || []).forEach((cd, i) => {
    if (typeof cd !== 'string' || !/Series break|序列断点/.test(cd)) return;
    Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: i}]);
    const label = gd.querySelector('.hoverlayer .hovertext');
    const r = label.getBoundingClientRect();
    out.push({x: t.x[i], left: r.left, right: r.right,
              lines: Array.from(label.querySelectorAll('text tspan.line')).map(s => s.textContent)});
    Plotly.Fx.unhover(gd);
  }));
  return out;
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_series_break_hover_names_sources_in_words_and_fits_a_phone(context_factory, lang):
    """China's government expenditure on education changes source in 2007 (Datahub's WDI mirror ->
    the World Bank's 2024 country file) and back in 2023: on a 390 px phone the hover label of both
    points stays inside the screen and names the sources in words (labels.toml), no source codes."""
    names = tomllib.loads((ROOT / "dashboard" / "content" / "labels.toml").read_text(encoding="utf-8"))[lang]["sources"]
    p = context_factory(viewport=(390, 844)).new_page()
    goto(p, "/endowments?indicator=education_expenditure" + ("&lang=zh" if lang == "zh" else ""))
    hovers = p.evaluate(BREAK_HOVERS_JS)
    assert sorted(h["x"] for h in hovers) == [2007, 2023], hovers
    for h in hovers:
        assert 0 <= h["left"] and h["right"] <= 390, h
        text = "\n".join(h["lines"])
        assert names["DH"] in text and names["BULK"] in text, text
        assert not re.search(r"\b(?:DH|BULK|SE\.XPD)\b|:\w+:\d", text), text
