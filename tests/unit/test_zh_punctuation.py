"""Chinese text uses full-width brackets: （R&D）, never "(R&D)" beside or around Chinese characters.

Checked over every Chinese string the app shows: the values of ``content/i18n/indicators.zh.toml``,
the ``*_zh`` fields and ``[zh.*]`` tables of the other content files, and every ``msgstr`` of the
message catalog. TOML comments are not shown and are not checked.
"""

import re
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po

from dashboard.data.i18n import po_path

CONTENT = Path(__file__).resolve().parents[2] / "dashboard" / "content"
CJK = "\u3400-\u9fff\u3000-\u303f\uff01-\uff5e"  # ideographs, CJK punctuation, full-width forms
# a half-width bracket with a Chinese character right beside it, or a pair of them enclosing Chinese
HALF_WIDTH = re.compile(rf"[{CJK}][()]|[()][{CJK}]|\([^()]*[{CJK}][^()]*\)")


def half_width_brackets(text: str) -> list[str]:
    """The places in ``text`` where a half-width bracket stands in Chinese text."""
    return [m.group(0) for m in HALF_WIDTH.finditer(text)]


def _strings(value, path: str, chinese: bool):
    """(path, text) of every string in a TOML value; ``chinese`` when the value is a Chinese field."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}", chinese or k == "zh" or k.endswith("_zh"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]", chinese)
    elif isinstance(value, str) and chinese:
        yield path, value


def chinese_content_strings() -> list[tuple[str, str]]:
    out = []
    for f in sorted(CONTENT.rglob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        out += list(_strings(data, f.relative_to(CONTENT).as_posix(), f.name.endswith(".zh.toml")))
    return out


def test_the_rule_finds_half_width_brackets_in_chinese_text():
    assert half_width_brackets("研究与试验发展(R&D)经费") == ["展(", ")经"]
    assert half_width_brackets("对比国家(美国)") == ["家(", "国)"]
    assert half_width_brackets("GDP (国内生产总值)") == ["(国", "值)"]
    assert half_width_brackets("（raw/nbs_rd）") == [] and half_width_brackets("CC BY 4.0 (World Bank)") == []
    assert half_width_brackets("研究与试验发展（R&D）经费") == []


def test_chinese_content_uses_full_width_brackets():
    strings = chinese_content_strings()
    files = {p.split(".")[0] for p, _ in strings}
    # the walk really reaches the Chinese fields of each kind of content file
    assert {"i18n/indicators", "labels", "dimensions", "milestones", "events", "provinces"} <= files, files
    assert any("（R&D）" in t for _, t in strings)
    bad = [(p, t[:60]) for p, t in strings if half_width_brackets(t)]
    assert bad == []


def test_chinese_message_catalog_uses_full_width_brackets():
    with open(po_path("zh"), "rb") as fh:
        catalog = read_po(fh)
    texts = [m.string for m in catalog if m.id and isinstance(m.string, str) and m.string]
    assert len(texts) > 100
    bad = [t[:60] for t in texts if half_width_brackets(t)]
    assert bad == []
