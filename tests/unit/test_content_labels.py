"""The content files (dimensions, labels): loaded, validated with messages naming file and field,
and the one label fallback rule used everywhere a code is shown."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from dashboard.components.controls import sector_options
from dashboard.data import contract as c
from dashboard.data.dimensions import DIMENSIONS, DIMENSIONS_FILE, load_dimensions
from dashboard.data.labels import (
    LABELS_FILE,
    ContentError,
    flag_label,
    load_labels,
    region_name,
    sector_name,
)
from dashboard.figures import series_labels
from dashboard.model.chart_data import export_frame
from dashboard.model.state import IndicatorMeta, ViewState


def test_dimensions_come_from_the_toml_file_in_order():
    raw = tomllib.loads(DIMENSIONS_FILE.read_text())["dimension"]
    assert [d.id for d in DIMENSIONS] == [e["id"] for e in sorted(raw, key=lambda e: e["order"])]
    assert c.DIMENSIONS == ("endowments", "structure", "digital", "green", "internationalization")
    assert DIMENSIONS[1].label == "Industrial structure" and DIMENSIONS[1].intro.startswith("How output")


@pytest.mark.parametrize("text, message", [
    ('[[dimension]]\nid = "x"\nlabel = "X"\norder = 1\n', "dimension x: missing field 'intro'"),
    ('[[dimension]]\nid = "x"\nlabel = "X"\nintro = "i"\norder = "1"\n', "field 'order' must be a non-empty int"),
    ('[[dimension]]\nid = "Bad Id"\nlabel = "X"\nintro = "i"\norder = 1\n', "field 'id' must be a lower-case slug"),
    ('[[dimension]]\nid = "x"\nlabel = "X"\nintro = "i"\norder = 1\ncolour = "red"\n', "unknown field(s) colour"),
    ('[[dimension]]\nid = "x"\nlabel = "X"\nintro = "i"\norder = 1\n'
     '[[dimension]]\nid = "x"\nlabel = "Y"\nintro = "j"\norder = 2\n', "repeated id x"),
    ('id = "x"\n', "no [[dimension]] entries"),
])
def test_bad_dimension_files_are_rejected_naming_file_and_field(tmp_path, text, message):
    path = tmp_path / "dims.toml"
    path.write_text(text)
    with pytest.raises(ContentError) as err:
        load_dimensions(path)
    assert str(err.value).startswith("dims.toml: ") and message in str(err.value)


def test_bad_label_files_are_rejected(tmp_path):
    path = tmp_path / "labels.toml"
    path.write_text('[en.regions]\nCHN = "China"\n[en.sectors]\ntotal = ""\n[en.flags]\nobserved = "x"\n')
    with pytest.raises(ContentError, match=r"labels.toml: \[en.sectors\] total: label must be a non-empty string"):
        load_labels(path)
    path.write_text('[en.regions]\nCHN = "China"\n[en.sectors]\ntotal = "Total"\n[en.flags]\nobserved = "x"\n')
    with pytest.raises(ContentError, match=r"\[zh\.\*\]"):
        load_labels(path, language="zh")
    assert load_labels(LABELS_FILE, language="zh")["regions"]["CHN"] == "中国"


def test_labels_from_the_file_and_the_one_fallback_rule():
    raw = tomllib.loads(LABELS_FILE.read_text())["en"]
    assert region_name("KOR") == raw["regions"]["KOR"] == "South Korea"
    assert sector_name("other_renewables") == "Other renewables"
    assert flag_label("preliminary") == raw["flags"]["preliminary"]
    # unknown codes (a user's own data): underscores -> spaces, first letter upper-cased
    assert sector_name("other_x") == "Other x" and region_name("XKX") == "XKX" and flag_label("guess") == "Guess"
    assert list(c.REGIONS) == list(raw["regions"]) and list(c.FLAGS) == list(raw["flags"])


def test_an_unknown_sector_reads_the_same_in_legend_table_csv_and_dropdown():
    frame = pd.DataFrame({"region": ["CHN", "CHN"], "sector": ["other_x", "primary"], "year": [2020, 2020],
                          "value": [1.0, 2.0], "flag": ["observed", "observed"]})
    state = ViewState("structure", "i", ("CHN",), ("other_x", "primary"), 2020, 2020)
    meta = IndicatorMeta("i", "structure", ("CHN",), ("other_x", "primary"), (), False, 2020, 2020, 2020)
    legend = series_labels(frame).tolist()
    exported = export_frame(frame, {"unit": "%", "indicator_id": "i"}, state, "timeseries")["sector_name"].tolist()
    options = [o["label"] for o in sector_options(meta)]
    assert legend == exported == options == ["Other x", "Primary industry"]
