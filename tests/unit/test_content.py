"""Indicator content (dashboard/content/indicators/*.toml): loaded, derived and validated with clear messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import content as ct
from dashboard.data import contract as c

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "datasets" / c.CATALOG_FILE


@pytest.fixture(scope="module")
def specs():
    return ct.load_indicators()


def test_every_dimension_has_a_file_and_94_indicators_load(specs):
    assert sorted(p.stem for p in ct.INDICATORS_DIR.glob("*.toml")) == sorted(c.DIMENSIONS)
    assert len(specs) == 94
    assert len({s.meta.id for s in specs}) == 94
    assert sum(s.meta.geography == "province" for s in specs) == 7


def test_content_matches_the_shipped_catalog(specs):
    """Every catalog field the build takes from content equals the committed catalog.parquet."""
    catalog = pd.read_parquet(CATALOG).set_index("indicator_id")
    assert sorted(catalog.index) == sorted(s.meta.id for s in specs)
    for s in specs:
        row = catalog.loc[s.meta.id]
        for key in ("dimension", "group", "name", "unit", "definition", "source", "source_codes", "licence",
                    "decimals", "default_chart", "stack_sectors", "share_of_total", "headline", "kind"):
            assert row[key] == getattr(s.meta, key), (s.meta.id, key)


def test_wdi_source_derived_from_its_codes(specs):
    gdp = next(s for s in specs if s.meta.id == "gdp_usd")
    assert isinstance(gdp, ct.Wdi)
    assert gdp.meta.source_url == "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD"
    assert gdp.meta.source_codes == "NY.GDP.MKTP.CD"
    assert gdp.meta.licence == "CC BY 4.0 (World Bank)"
    assert gdp.meta.source == "World Bank, World Development Indicators (World Bank and OECD national accounts)"
    assert gdp.per == 1e12
    va = next(s for s in specs if s.meta.id == "va_share_gdp_by_industry")
    assert va.meta.source_url.endswith("/NV.IND.TOTL.ZS")  # main_code, not the first code
    assert va.meta.source_codes == "NV.AGR.TOTL.ZS, NV.IND.TOTL.ZS, NV.SRV.TOTL.ZS, NV.IND.MANF.ZS"


def test_owid_source_derived_from_its_series(specs):
    mix = next(s for s in specs if s.meta.id == "electricity_mix_share")
    assert isinstance(mix, ct.Owid)
    assert mix.meta.source_url == "https://ourworldindata.org/grapher/share-elec-by-source"
    # one export for the whole stack (DATA-AUDIT.md fault 19): every sector names the same single source
    assert mix.variables["hydro"] == [("hydro_share_elec", "OWID:share-elec-by-source")]
    assert {prefs[0][1] for prefs in mix.variables.values()} == {"OWID:share-elec-by-source"}
    ev = next(s for s in specs if s.meta.id == "ev_sales")
    assert ev.meta.source_codes == "ev_sales" and ev.per == 1e6
    assert ev.meta.licence == ct.OWID_LICENCE


# --- validation on synthetic content files ---------------------------------------------------------
GOOD = '''
[[indicator]]
id = "synthetic_gdp"
group = "Test"
name = "Synthetic GDP"
unit = "trillion current US$"
definition = "Synthetic entry for a test."

[indicator.wdi]
codes = { total = "NY.GDP.MKTP.CD" }
per = 1e12
'''


def _dir(tmp_path: Path, text: str, dimension: str = "structure") -> Path:
    """A content folder (synthetic, for tests): the real files, with ``dimension``'s replaced by ``text``."""
    d = tmp_path / "indicators"
    shutil.copytree(ct.INDICATORS_DIR, d)
    (d / f"{dimension}.toml").write_text(text, encoding="utf-8")
    return d


def test_good_synthetic_file_loads(tmp_path):
    specs = ct.load_indicators(_dir(tmp_path, GOOD))
    s = next(s for s in specs if s.meta.id == "synthetic_gdp")
    assert s.meta.dimension == "structure" and s.meta.source == ct.WDI_SOURCE
    assert s.meta.decimals == 1 and s.meta.default_chart == "line" and s.meta.stack_sectors == ""


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        (GOOD.replace('unit = "trillion current US$"\n', ""), "'unit'", "missing"),
        (GOOD.replace('unit = "trillion current US$"', 'unit = ""'), "'unit'", "must not be empty"),
        (GOOD.replace('definition = "Synthetic entry for a test."', 'definition = " "'), "'definition'",
         "must not be empty"),
        (GOOD.replace('group = "Test"', 'group = "Test"\ncolour = "red"'), "'colour'", "unknown key"),
        (GOOD.replace("per = 1e12", 'per = "1e12"'), "'wdi.per'", "must be a number"),
        (GOOD.replace('name = "Synthetic GDP"', "name = 3"), "'name'", "must be a string"),
        (GOOD.replace('group = "Test"', 'group = "Test"\ndefault_chart = "pie"'), "'default_chart'",
         "must be one of"),
        (GOOD.replace('group = "Test"', 'group = "Test"\nkind = "growth"'), "'kind'", "must be one of level, rate"),
        (GOOD.replace('group = "Test"', 'group = "Test"\nkind = true'), "'kind'", "must be a string"),
        (GOOD.replace("[indicator.wdi]\ncodes = { total = \"NY.GDP.MKTP.CD\" }\nper = 1e12\n", ""),
         "'wdi/owid/facts/official/provincial'", "exactly one source table"),
        (GOOD.replace("per = 1e12", 'flag = "guess"'), "'wdi.flag'", "must be one of"),
        (GOOD.replace("per = 1e12", 'main_code = "XX"'), "'wdi.main_code'", "is not one of the codes"),
        (GOOD.replace('id = "synthetic_gdp"', 'id = "rd_intensity_wdi"'), "'id'", "duplicate"),
        (GOOD.replace('id = "synthetic_gdp"', 'id = "Bad Id"'), "'id'", "must match"),
    ],
)
def test_invalid_synthetic_entry_names_file_indicator_and_field(tmp_path, text, field, message):
    with pytest.raises(ct.ContentError) as err:
        ct.load_indicators(_dir(tmp_path, text))
    text_err = str(err.value)
    assert "structure.toml" in text_err
    assert f"field {field}" in text_err and message in text_err
    assert "indicator '" in text_err


def test_facts_entry_needs_source_and_codes(tmp_path):
    text = '''
[[indicator]]
id = "synthetic_fact"
group = "Test"
name = "Synthetic fact"
unit = "%"
definition = "Synthetic entry for a test."

[[indicator.facts]]
indicator = "Some figure"
unit = "%"
'''
    with pytest.raises(ct.ContentError, match=r"'synthetic_fact': field 'source': missing"):
        ct.load_indicators(_dir(tmp_path, text))


def test_unknown_dimension_file_and_missing_file(tmp_path):
    d = _dir(tmp_path, GOOD)
    (d / "space.toml").write_text(GOOD, encoding="utf-8")
    (d / "green.toml").unlink()
    with pytest.raises(ct.ContentError) as err:
        ct.load_indicators(d)
    assert "space.toml" in str(err.value) and "unknown dimension 'space'" in str(err.value)
    assert "green.toml" in str(err.value) and "missing" in str(err.value)


def test_toml_syntax_error_names_the_file(tmp_path):
    with pytest.raises(ct.ContentError, match=r"structure.toml.*cannot be read as TOML"):
        ct.load_indicators(_dir(tmp_path, GOOD + "\n[[indicator]\n"))


def test_an_entry_that_is_not_a_table_is_a_content_error(tmp_path):
    """``indicator = [1]`` used to crash the loader with AttributeError; now it is a named problem."""
    with pytest.raises(ct.ContentError, match=r"structure.toml: indicator '\? \(indicator 1\)': field 'indicator': "
                                             r"must be a table \[\[indicator\]\], got 1"):
        ct.load_indicators(_dir(tmp_path, "indicator = [1]\n"))


def test_aliases_and_exceptions_that_are_not_tables_are_content_errors(tmp_path):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('alias = "graduate_students"\n', encoding="utf-8")
    with pytest.raises(ct.ContentError, match=r"field 'alias': must be an array of tables \[\[alias\]\]"):
        ct.load_aliases(aliases, indicator_ids={"graduate_admissions"})
    exceptions = tmp_path / "exceptions.toml"
    exceptions.write_text("exception = [2]\n", encoding="utf-8")
    with pytest.raises(ct.ContentError, match=r"'\? \(exception 1\)': field 'exception': must be a table"):
        ct.load_exceptions(exceptions)


def test_package_split_keeps_the_public_names():
    """``dashboard.data.content`` is a package now; every name the build and the tests use is re-exported."""
    for name in ("load_indicators", "load_file", "load_aliases", "load_exceptions", "ContentError", "Spec",
                 "Meta", "Wdi", "Owid", "Facts", "Pick", "Official", "Provincial", "GateException",
                 "FACTS_FILES", "WDI_PRELIMINARY_FROM", "WDI_FLAG_RULES", "INDICATORS_DIR", "wdi_url", "owid_url"):
        assert name in ct.__all__ and hasattr(ct, name), name
    assert ct.CONTENT_DIR == ROOT / "dashboard" / "content"
    assert (ct.CONTENT_DIR / "aliases.toml").is_file() and ct.ALIASES_FILE == ct.CONTENT_DIR / "aliases.toml"
