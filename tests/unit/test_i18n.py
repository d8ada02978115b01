"""The Chinese edition: message catalog, catalog content, labels, unit scaling, CSV and language choice."""

import base64
import io
import re

import pandas as pd
import pytest

from dashboard.callbacks import Callbacks
from dashboard.data import load_store
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import _, get_lang, negotiate, parse_lang, po_path, use_lang
from dashboard.data.i18n_content import ZH, load_zh, localize_row
from dashboard.data.labels import FLAGS, REGIONS, SECTORS, ContentError, flag_label, region_name, sector_name
from dashboard.i18n_tool import extract, missing
from dashboard.model.catalog import catalog_row, state_from_raw, view_payload
from dashboard.model.chart_data import timeseries_data
from dashboard.model.textsearch import fold, matches
from dashboard.render import render_card
from dashboard.settings import DEFAULT_DATA_DIR

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


# ---------------------------------------------------------------- message catalog
def test_every_ui_string_has_a_chinese_translation():
    extracted = [m.id for m in extract() if m.id]
    assert len(extracted) > 100  # the extraction really found the app's strings
    assert missing("zh") == []


def test_catalog_translations_keep_their_placeholders():
    from babel.messages.pofile import read_po

    with open(po_path("zh"), "rb") as fh:
        catalog = read_po(fh, locale="zh")
    for m in catalog:
        if m.id:
            assert set(re.findall(r"\{\w+\}", m.id)) == set(re.findall(r"\{\w+\}", m.string)), m.id


def test_gettext_follows_the_current_language():
    assert _("Compare years") == "Compare years"
    with use_lang("zh"):
        assert _("Compare years") == "年份比较"
        assert get_lang() == "zh"
    assert get_lang() == "en"
    with use_lang("fr"):  # not one of ours: English
        assert _("Compare years") == "Compare years"


def test_language_tags_and_accept_language():
    assert parse_lang("zh-CN") == parse_lang("zh_Hans") == parse_lang("ZH") == "zh"
    assert parse_lang("en-GB") == "en"
    assert parse_lang("fr") is None and parse_lang("<script>") is None and parse_lang(3) is None
    assert negotiate("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert negotiate("en-US,en;q=0.9,zh-CN;q=0.8") == "en"
    assert negotiate("fr-FR,zh;q=0.5") == "zh"
    assert negotiate("de-DE") == "en" and negotiate(None) == "en" and negotiate("zh;q=0") == "en"


# ---------------------------------------------------------------- content
def test_every_catalog_row_has_its_chinese_fields(store):
    catalog = store.catalog
    for ind, row in catalog.iterrows():
        zh = ZH["indicator"].get(ind)
        assert zh is not None, f"{ind}: no [indicator.{ind}] in indicators.zh.toml"
        for key in ("name", "definition"):
            assert CJK.search(zh[key]), f"{ind}.{key} is not Chinese"
        assert row["group"] in ZH["groups"], row["group"]
        assert row["source"] in ZH["sources"], row["source"]
        assert row["unit"] in ZH["units"], row["unit"]
    with use_lang("zh"):
        meta = catalog_row(store, "rd_intensity_nbs")
    assert meta["name"] == "研究与试验发展（R&D）经费投入强度（国家统计局）"
    assert "国家统计局" in meta["source"] and meta["name_en"] == "R&D intensity (NBS, China)"


def test_chinese_publishers_are_named_in_chinese():
    joined = " ".join(ZH["sources"].values())
    for name in ("国家统计局", "世界银行", "工业和信息化部", "商务部", "国家能源局"):
        assert name in joined


def test_labels_and_dimensions_in_chinese():
    with use_lang("zh"):
        assert region_name("CHN") == "中国" and sector_name("secondary") == "第二产业"
        assert all(CJK.search(region_name(c)) for c in REGIONS)
        assert all(CJK.search(sector_name(c)) for c in SECTORS)
        assert all(CJK.search(flag_label(c)) for c in FLAGS)
        assert all(CJK.search(d.label) and CJK.search(d.intro) for d in DIMENSIONS)
        assert region_name("XKX") == "XKX"  # the one fallback rule still applies
    assert region_name("CHN") == "China"


def test_bad_zh_content_is_rejected_with_its_place(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text('[units]\n"billion yuan" = { unit = "亿元", scale = -10 }\n', encoding="utf-8")
    with pytest.raises(ContentError, match="billion yuan"):
        load_zh(bad)
    bad.write_text('[indicator.x]\nname = "名"\n', encoding="utf-8")
    with pytest.raises(ContentError, match="definition"):
        load_zh(bad)


# ---------------------------------------------------------------- numbers as Chinese readers expect
def test_yuan_are_shown_in_yi_yuan(store):
    """R&D expenditure: trillion yuan in English, 亿元 (x 10,000) in Chinese, values from the Parquet file."""
    obs = pd.read_parquet(DEFAULT_DATA_DIR / "endowments.parquet")
    raw = obs[(obs["indicator_id"] == "rd_expenditure_yuan") & (obs["region"] == "CHN")].set_index("year")["value"]
    en, _n = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan"})
    zh, _n = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan", "lang": "zh"})
    with use_lang("zh"):
        frame = timeseries_data(store, zh)
        assert localize_row(catalog_row(store, "rd_expenditure_yuan"))["unit"] == "亿元"
    for year, value in zip(frame["year"], frame["value"]):
        assert value == pytest.approx(raw[year] * 10000)
    assert timeseries_data(store, en)["value"].tolist() == pytest.approx(raw.loc[frame["year"]].tolist())


def test_zh_card_has_chinese_title_axis_and_source(store):
    state, notes = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan", "lang": "zh"})
    assert notes == [] and state.lang == "zh"
    card = render_card(store, state, "ts")
    export = card["figure"]["layout"]["meta"]["export"]
    assert CJK.search(export["title"]) and export["source"].startswith("来源：")
    assert card["figure"]["layout"]["yaxis"]["title"]["text"] == "亿元"
    en_state, _n = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan"})
    assert render_card(store, en_state, "ts")["figure"]["layout"]["meta"]["export"]["source"].startswith("Source:")


def test_language_is_in_the_url_query(store):
    state, _n = state_from_raw(store, "green", {"lang": "zh"})
    assert "lang=zh" in view_payload(store, state)["query"]
    en, _n = state_from_raw(store, "green", {})
    assert "lang" not in view_payload(store, en)["query"]
    bad, notes = state_from_raw(store, "green", {"lang": "xx"})
    assert bad.lang == "en" and len(notes) == 1


# ---------------------------------------------------------------- CSV
def test_chinese_csv_has_bom_and_chinese_headers(store):
    cb = Callbacks(store)
    state, _n = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan", "lang": "zh"})
    sent = cb.csv(1, view_payload(store, state), "ts")
    raw = base64.b64decode(sent["content"])
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))
    assert {"指标代码", "地区", "年份", "数值", "单位"} <= set(csv.columns)
    assert set(csv["地区"]) == {"中国"} and set(csv["单位"]) == {"亿元"}


def test_every_milestone_claim_has_its_chinese_text():
    from dashboard.model.milestones import load_claims

    claims = load_claims()
    assert len(claims) >= 17
    for claim in claims:
        assert CJK.search(claim.claim_zh), claim.id


def test_indicator_search_holds_both_names_in_both_languages(store):
    from dashboard.components.controls import indicator_options

    catalog = store.indicators("endowments")
    for lang in ("en", "zh"):
        with use_lang(lang):
            options = {o["value"]: o for o in indicator_options(catalog)}
        search = options["rd_intensity_nbs"]["search"]
        # the keys are folded (model.textsearch, as the browser folds what is typed): both names, folded
        assert fold("R&D intensity (NBS, China)") in search and fold("研究与试验发展（R&D）经费投入强度") in search, lang
        assert matches("研究与试验发展（R&D）经费投入强度", search) and matches("r&d INTENSITY", search)


# ---------------------------------------------------------------- provinces, milestones, navbar
def test_provincial_rows_in_chinese_are_in_yi_yuan_with_chinese_names(store):
    """gerd_province (billion yuan in the Parquet file): x10 in 亿元 with the short Chinese names of
    content/provinces.toml on a Chinese page; unchanged in English."""
    from dashboard.data.official.provinces import load_provinces
    from dashboard.model.province_data import normalize_province, province_query, year_data

    obs = pd.read_parquet(DEFAULT_DATA_DIR / "endowments.parquet")
    raw = obs[(obs["indicator_id"] == "gerd_province") & (obs["year"] == 2020) & obs["region"].str.startswith("CN-")]
    expected = dict(zip(raw["region"], raw["value"]))
    zh_names = {p.code: p.name_zh for p in load_provinces().provinces}
    state, notes = normalize_province(store, {"indicator": "gerd_province", "year": "2020", "lang": "zh"})
    assert notes == [] and state.lang == "zh" and "lang=zh" in province_query(store, state)
    with use_lang("zh"):
        rows = year_data(store, state)
    assert len(rows) == 31
    for code, name, value in zip(rows["region"], rows["region_name"], rows["value"]):
        assert value == pytest.approx(expected[code] * 10) and name == zh_names[code]
    en_rows = year_data(store, state)
    assert dict(zip(en_rows["region"], en_rows["value"])) == pytest.approx(expected)
    bad, notes = normalize_province(store, {"lang": "xx"})
    assert bad.lang == "en" and len(notes) == 1


def test_every_claim_has_its_chinese_texts_and_cards_show_them(store):
    from dashboard.components.milestones import claim_text, rule_text
    from dashboard.model.milestones.cached import store_verdicts

    verdicts, problems = store_verdicts(store)
    assert verdicts and problems == []
    for v in verdicts:
        assert CJK.search(v.claim_zh) and CJK.search(v.rule_text_zh), v.claim_id
        with use_lang("zh"):
            assert (claim_text(v), rule_text(v)) == (v.claim_zh, v.rule_text_zh)
        assert (claim_text(v), rule_text(v)) == (v.claim, v.rule_text)


def test_navbar_labels_are_short_and_headings_full():
    for d in DIMENSIONS:
        assert len(d.nav_label) <= 13 and d.nav_label != "" and d.label == d.label_en
        with use_lang("zh"):
            assert CJK.search(d.nav_label) and d.label == d.label_zh
    assert [d.nav_label for d in DIMENSIONS] == ["Endowments", "Structure", "Digital", "Green", "International"]


def test_every_catalog_note_has_chinese_text(store):
    # issue 13: no caveat is shown in English on a Chinese page
    with_notes = [i for i, n in store.catalog["notes"].items() if str(n).strip()]
    assert len(with_notes) > 60
    for ind in with_notes:
        with use_lang("zh"):
            row = catalog_row(store, ind)
        assert row["notes_lang"] == "zh" and CJK.search(str(row["notes"])), ind


def test_every_counterpart_note_has_chinese_text(store):
    # the note shown when a counterpart series is overlaid is never English on a Chinese page
    with_notes = [i for i, n in store.catalog["counterpart_note"].items() if str(n).strip()]
    assert len(with_notes) == 4
    for ind in with_notes:
        with use_lang("zh"):
            row = catalog_row(store, ind)
        assert row["counterpart_note_lang"] == "zh" and CJK.search(str(row["counterpart_note"])), ind


def test_page_titles_follow_the_language():
    """The browser tab (<title>, og:title) names the page and the site in the page's language; a
    fresh client per language, since an explicit ?lang= is remembered in a cookie."""
    from dashboard.app_factory import create_app
    from dashboard.settings import Settings

    app = create_app(Settings.from_env())
    green = next(d for d in DIMENSIONS if d.id == "green")
    expected = {
        "/": ("Overview · China Industrial Upgrading", "概览 · 中国产业升级"),
        "/green": (f"{green.label_en} · China Industrial Upgrading", f"{green.label_zh} · 中国产业升级"),
        "/scorecard": ("Scorecard · China Industrial Upgrading", "记分卡 · 中国产业升级"),
        "/report": ("Report · China Industrial Upgrading", "报告 · 中国产业升级"),
        "/provinces": ("Provinces · China Industrial Upgrading", "分省 · 中国产业升级"),
        "/no-such-page": ("Page not found · China Industrial Upgrading", "页面不存在 · 中国产业升级"),
    }
    for lang, i in (("en", 0), ("zh", 1)):
        client = app.server.test_client()
        for path, titles in expected.items():
            with use_lang("en"):  # the test client runs requests in this thread: keep their language in here
                page = client.get(f"{path}?lang={lang}").get_data(as_text=True)
            assert re.search(r"<title>(.*?)</title>", page).group(1) == titles[i], (lang, path)
    # the title Dash's router sends to the browser (document.title) after a page is built
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/scorecard")
    for lang, title in (("zh", "记分卡 · 中国产业升级"), ("en", "Scorecard · China Industrial Upgrading")):
        with use_lang(lang):
            assert page["title"]() == title


def test_series_code_lines_that_name_a_release_are_chinese(store):
    """The Sources panel's "series code" line: codes (NY.GDP.MKTP.CD, renewables_share_elec) stay, a
    line naming a release in English words ("NBS statistical communiques") is Chinese on Chinese pages."""
    prose = re.compile(r"(?<![A-Za-z0-9._/-])[a-z]{3,}(?![A-Za-z0-9._/-])")
    named = [i for i, c in store.catalog["source_codes"].items() if prose.search(str(c))]
    assert len(named) >= 20
    with use_lang("zh"):
        for ind in named:
            codes = str(catalog_row(store, ind)["source_codes"])
            assert CJK.search(codes) and not prose.search(codes.replace("raw/nbs_rd", "")), (ind, codes)
        assert catalog_row(store, "rd_intensity_wdi")["source_codes"] == "GB.XPD.RSDV.GD.ZS"
    assert catalog_row(store, "gerd_province")["source_codes"] == store.catalog.loc["gerd_province", "source_codes"]


def test_chinese_text_puts_notes_in_full_width_brackets(store):
    # "政府教育支出 (占GDP的%)" in the picker and the print line: ASCII brackets after a space in Chinese text
    from dashboard.components.controls import indicator_options
    from dashboard.model.summary import view_summary

    for lang, left, right in (("en", " (", ")"), ("zh", "（", "）")):
        with use_lang(lang):
            options = {o["value"]: o["label"] for o in indicator_options(store.catalog) if not o.get("disabled")}
            for ind, label in options.items():
                row = localize_row({**catalog_row(store, ind), "indicator_id": ind})
                assert label.startswith(f"{row['name']}{left}{row['unit']}{right}"), (lang, label)
                if lang == "zh":
                    assert " (" not in label, label
            state, _msgs = state_from_raw(store, "endowments", {"indicator": "education_expenditure"})
            row = localize_row({**catalog_row(store, "education_expenditure"), "indicator_id": "education_expenditure"})
            assert view_summary(state, row).startswith(f"{row['name']}{left}{row['unit']}{right}")
    with use_lang("zh"):
        assert options["education_expenditure"] == "政府教育支出（占GDP的%）"
