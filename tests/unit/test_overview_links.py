"""The overview with link parameters it does not read (``/?indicator=nope``): the page is built as usual and
a notice in the page's language names the ignored keys, as the dimension pages do."""

from __future__ import annotations

import json

import pytest

from dashboard.app_factory import create_app
from dashboard.settings import Settings


@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


def _content(app, url: str) -> str:
    """The overview's first view as Dash's layout response carries it for a page at ``url``."""
    r = app.server.test_client().get("/_dash-layout", headers={"Referer": f"http://localhost{url}"})
    assert r.status_code == 200
    found: list = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "_pages_content":
                found.append(node["props"]["children"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(json.loads(r.get_data(as_text=True)))
    assert found and found[0] is not None
    return json.dumps(found[0], ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unknown_overview_parameters_get_a_notice_and_the_page_works(app, lang):
    query = "?indicator=nope&regoin=USA" + ("&lang=zh" if lang == "zh" else "")
    content = _content(app, "/" + query)
    # the sentence ends with the language's own full stop (it was "。" missing, an ASCII "." in Chinese)
    expected = {"en": "Ignored unknown link parameters: indicator, regoin.",
                "zh": "已忽略无法识别的链接参数：indicator, regoin。"}[lang]
    assert expected in content
    assert "overview-page" in content and "milestones" in content  # the whole page is still there
    assert ("中国" in content) == (lang == "zh")


@pytest.mark.parametrize("url", ["/", "/?lang=zh", "/?lang=en"])
def test_a_plain_overview_link_has_no_notice(app, url):
    content = _content(app, url)
    assert "url-notice" not in content and "overview-page" in content


@pytest.mark.parametrize("path", ["/structure", "/provinces"])
def test_dimension_and_province_pages_name_unknown_parameters_in_one_sentence(app, path):
    # one message shared by every page (layouts.unknown_parameters), with the language's full stop
    assert "Ignored unknown link parameters: regoin." in _content(app, path + "?regoin=USA")
    assert "已忽略无法识别的链接参数：regoin。" in _content(app, path + "?regoin=USA&lang=zh")
