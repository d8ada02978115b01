"""The province code list (content/provinces.toml), the name normaliser and the contract's province codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry
import pytest

from dashboard.data import contract as c
from dashboard.data import validate as v
from dashboard.data.official import provinces as pv
from dashboard.data.official.paths import find_raw_dir


def test_codes_are_the_current_iso_3166_2_cn_codes():
    iso = {s.code: s for s in pycountry.subdivisions.get(country_code="CN")}
    plist = pv.load_provinces()
    mainland = {p.code for p in plist.provinces}
    outline = {p.code for p in plist.outline}
    assert len(mainland) == 31
    assert mainland | outline == set(iso), "content and ISO 3166-2:CN differ"
    assert outline == {"CN-TW", "CN-HK", "CN-MO"}
    # ISO types agree with the content's kind
    kinds = {"Province": "province", "Municipality": "municipality", "Autonomous region": "autonomous_region"}
    for p in plist.provinces:
        assert kinds[iso[p.code].type] == p.kind, p.code
    assert pv.province_codes()[:3] == ("CN-BJ", "CN-TJ", "CN-HE")
    assert "CN-NM" in pv.province_codes()


@pytest.mark.parametrize(
    "name, code",
    [
        ("上   海", "CN-SH"),
        ("上海市", "CN-SH"),
        ("内蒙 古", "CN-NM"),
        ("内蒙占", "CN-NM"),  # OCR misspelling in the personnel table, 2013
        ("内蒙古自治区", "CN-NM"),
        ("黑龙 江", "CN-HL"),
        ("广西壮族自治区", "CN-GX"),
        ("新疆维吾尔自治区", "CN-XJ"),
        ("宁夏回族自治区", "CN-NX"),
        ("陕西省", "CN-SN"),
        ("山西", "CN-SX"),
        ("Inner Mongolia", "CN-NM"),
        ("inner mongolia", "CN-NM"),
        ("全国", "CHN"),
        ("全\u3000国", "CHN"),
        ("CN-XZ", "CN-XZ"),
    ],
)
def test_region_code_normalises_source_names(name, code):
    assert pv.region_code(name) == code


@pytest.mark.parametrize("name", ["香港", "台湾省", "上虞", "", "Atlantis", "内蒙", "省"])
def test_unknown_name_raises(name):
    with pytest.raises(pv.UnknownRegionError, match="unknown region name"):
        pv.region_code(name)


def test_region_codes_lists_every_unknown_name():
    with pytest.raises(pv.UnknownRegionError) as err:
        pv.region_codes(pd.Series(["北京", "火星", "北京", "月球"]))
    assert "'火星'" in str(err.value) and "'月球'" in str(err.value)


def test_every_name_in_the_raw_nbs_rd_files_is_known_and_every_province_has_every_year():
    nbs = find_raw_dir() / "raw" / "nbs_rd"
    for path in sorted(nbs.glob("*.csv")):
        df = pd.read_csv(path)
        df["region"] = pv.region_codes(df["province"])
        years = sorted(df["year"].unique())
        per_region = df.groupby("region")["year"].nunique()
        assert set(per_region.index) == set(pv.province_codes()) | {"CHN"}, path.name
        assert (per_region == len(years)).all(), f"{path.name}: a region lacks a year"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "provinces.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_content_rules_are_enforced(tmp_path):
    good = pv.CONTENT_FILE.read_text(encoding="utf-8")
    pv.load_provinces.cache_clear()
    bad_code = good.replace('code = "CN-BJ"', 'code = "CN-BJJ"')
    with pytest.raises(pv.ContentError, match="not an ISO 3166-2:CN code"):
        pv.load_provinces(_write(tmp_path, bad_code))
    dup = good.replace('code = "CN-TJ"', 'code = "CN-BJ"')
    with pytest.raises(pv.ContentError, match="duplicate code: CN-BJ"):
        pv.load_provinces(_write(tmp_path, dup))
    dup_alias = good.replace('variants = ["内蒙占"]', 'variants = ["内蒙占", "北京"]')
    with pytest.raises(pv.ContentError, match="given to both"):
        pv.load_provinces(_write(tmp_path, dup_alias))
    missing = good.replace(
        '[[province]]\ncode = "CN-XJ"', '[[dropped]]\ncode = "CN-XJ"'
    )
    with pytest.raises(pv.ContentError, match="expected 31"):
        pv.load_provinces(_write(tmp_path, missing))


def _obs(regions):
    n = len(regions)
    return pd.DataFrame(
        {
            "indicator_id": ["x"] * n,
            "region": regions,
            "sector": ["total"] * n,
            "year": list(range(2000, 2000 + n)),
            "value": [1.0] * n,
            "flag": ["observed"] * n,
            "source_vintage": ["test"] * n,
        }
    )


def test_contract_accepts_province_codes_and_rejects_others():
    assert c.subnational_regions()["CN-NM"] == "Inner Mongolia"
    assert len(c.subnational_regions()) == 31
    df, problems = v.validate_observations(
        _obs(["CN-BJ", "CN-NM", "CHN", "CN-TW", "CN-ZZ", "cn-bj", "CN-B", "上海"]), "t.parquet"
    )
    assert df["region"].tolist() == ["CN-BJ", "CN-NM", "CHN"]
    text = " | ".join(str(p) for p in problems)
    assert "2 rows are not the ISO 3166-2:CN code of one of the 31 mainland provinces (rows 3, 4)" in text
    assert "3 rows are not an upper-case three-letter code (rows 5, 6, 7)" in text
