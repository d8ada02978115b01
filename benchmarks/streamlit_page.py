"""A Streamlit page doing the job of one dashboard dimension page, for the side-by-side benchmark only.

    pip install -e .[bench]
    streamlit run benchmarks/streamlit_page.py -- --dimension structure [--data-dir datasets]
    (or open it with ?dimension=green)

Indicator, regions and year-range pickers; a line chart (one line per region) and a compare-years bar
chart (each region's value in the first and the last year of the range), over the same Parquet files as
the app. Written the way Streamlit's docs suggest: the Parquet read is cached with ``st.cache_data``, the
charts are Streamlit's own (Vega-Lite). Not part of the app and never needed to run or test it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
REGION_NAMES = {"CHN": "China", "USA": "United States", "JPN": "Japan", "DEU": "Germany", "KOR": "South Korea",
                "IND": "India", "GBR": "United Kingdom", "FRA": "France", "EUU": "European Union", "WLD": "World"}

ap = argparse.ArgumentParser()
ap.add_argument("--dimension", default="structure")
ap.add_argument("--data-dir", type=Path, default=ROOT / "datasets")
args, _ = ap.parse_known_args()


@st.cache_data
def load(data_dir: str, dimension: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    catalog = pd.read_parquet(Path(data_dir) / "catalog.parquet")
    catalog = catalog[catalog["dimension"] == dimension].set_index("indicator_id")
    obs = pd.read_parquet(Path(data_dir) / f"{dimension}.parquet",
                          columns=["indicator_id", "region", "sector", "year", "value"])
    return catalog, obs


DIMENSIONS = ("endowments", "structure", "digital", "green", "internationalization")
dimension = st.query_params.get("dimension", args.dimension)  # ?dimension=green
dimension = dimension if dimension in DIMENSIONS else args.dimension
st.set_page_config(page_title=f"{dimension} (Streamlit benchmark page)", layout="wide")
catalog, obs = load(str(args.data_dir), dimension)
st.title(dimension.capitalize())

indicator = st.selectbox("Indicator", catalog.index, key="indicator",
                         format_func=lambda i: f"{catalog.at[i, 'name']} ({catalog.at[i, 'unit']})")
meta = catalog.loc[indicator]
data = obs[obs["indicator_id"] == indicator]
sector = "total" if (data["sector"] == "total").any() else data["sector"].min()
data = data[data["sector"] == sector]
regions_available = sorted(data["region"].unique(), key=lambda r: (r != "CHN", r))
regions = st.multiselect("Regions", regions_available, default=regions_available[:1], key="regions",
                         format_func=lambda r: REGION_NAMES.get(r, r))
years = sorted(data["year"].unique())
start, end = st.select_slider("Years", options=years, value=(years[0], years[-1]), key="years")

shown = data[data["region"].isin(regions) & data["year"].between(start, end)]
wide = shown.pivot(index="year", columns="region", values="value").rename(columns=REGION_NAMES)

left, right = st.columns(2)
with left:
    st.subheader(f"{meta['name']}, {start}-{end}")
    st.line_chart(wide, x_label="year", y_label=meta["unit"])
with right:
    st.subheader(f"{meta['name']}: {start} and {end}")
    compare = wide.reindex([start, end]).T
    compare.columns = [str(start), str(end)]
    st.bar_chart(compare, stack=False, y_label=meta["unit"])
st.caption(f"{meta['definition']} Source: {meta['source']}.")
