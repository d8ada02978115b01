"""The data contract: what every Parquet file under ``datasets/`` must look like.

Two kinds of file follow it:

* ``catalog.parquet`` - one row per indicator (metadata shown beside every chart);
* ``<dimension>.parquet`` - observations of that dimension's indicators in long form.

The schemas below are the single source of truth: the build script writes with them,
the loader validates against them, and ``datasets/README.md`` documents them.
"""

from __future__ import annotations

import pyarrow as pa

from .dimensions import DIMENSIONS as _DIMENSIONS
from .labels import FLAGS as _FLAGS
from .labels import REGIONS as _REGIONS
from .labels import SECTORS as _SECTORS

#: Ids of the paper's five dimensions, in the order the app shows them (declared, with their
#: labels and intros, in ``dashboard/content/dimensions.toml``).
DIMENSIONS: tuple[str, ...] = tuple(d.id for d in _DIMENSIONS)

# The code lists. Their display labels live in ``dashboard/content/labels.toml``; code that shows a
# label calls ``dashboard.data.labels`` (region_name, sector_name, flag_label). These read-only
# mappings keep the contract's code order for the validator, the store and the build script.

#: Economies the shipped data covers (ISO 3166 alpha-3; WLD = World, EUU = European Union).
#: A user's own data may carry other upper-case three-letter codes; they are shown by code.
REGIONS = _REGIONS

#: Subnational regions: China's 31 provincial-level divisions, by ISO 3166-2:CN code ("CN-BJ", ...).
#: The list and the names are content (``content/provinces.toml``, read by
#: :mod:`dashboard.data.official.provinces`); an observation's ``region`` is either a three-letter code
#: (above) or one of these codes. Other ``CN-XX`` codes (Taiwan, Hong Kong, Macao: map outline only)
#: are rejected.
SUBNATIONAL_CODE_PATTERN = r"^CN-[A-Z]{2}$"


def subnational_regions() -> dict[str, str]:
    """ISO 3166-2:CN code -> English name of the 31 mainland provincial-level divisions."""
    from .official.provinces import load_provinces

    return {p.code: p.name_en for p in load_provinces().provinces}


#: Sector codes used in ``sector``; ``total`` means "no breakdown".
SECTOR_LABELS = _SECTORS

#: Allowed values of the observation ``flag`` column.
FLAGS = _FLAGS

#: Geographies an indicator can cover (catalog ``geography``): ``country`` = the economies of REGIONS
#: (dimension pages, country picker); ``province`` = China's provincial-level divisions (ISO 3166-2:CN
#: codes) plus ``CHN`` for the national total (provincial view only).
GEOGRAPHIES: tuple[str, ...] = ("country", "province")

CHART_KINDS: tuple[str, ...] = ("line", "bar", "area")

#: What an indicator's values are (catalog ``kind``): ``level`` = an amount, a stock, a flow, a ratio or a share
#: (every transform applies; an index or a year-on-year % of a share is a change of that share); ``rate`` = itself
#: a rate of change (e.g. real GDP growth, "% per year"): an index or a year-on-year % of a growth rate means
#: nothing (a base near or below zero gives -347 or n/a), so those transforms are not offered
#: (:data:`RATE_TRANSFORMS`).
INDICATOR_KINDS: tuple[str, ...] = ("level", "rate")
#: transforms an indicator of kind ``rate`` offers (the rest: :data:`dashboard.model.transforms.TRANSFORMS`)
RATE_TRANSFORMS: tuple[str, ...] = ("level", "share")

YEAR_MIN = 1950
YEAR_MAX = 2100
MAX_TEXT = 2000  # longest catalog text accepted (longer is rejected as absurd)
MAX_ID = 80

OBSERVATION_KEY: tuple[str, ...] = ("indicator_id", "region", "sector", "year")

OBSERVATION_SCHEMA = pa.schema(
    [
        pa.field("indicator_id", pa.string(), nullable=False),
        pa.field("region", pa.string(), nullable=False),
        pa.field("sector", pa.string(), nullable=False),
        pa.field("year", pa.int32(), nullable=False),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("flag", pa.string(), nullable=False),
        pa.field("source_vintage", pa.string(), nullable=False),
    ]
)

CATALOG_SCHEMA = pa.schema(
    [
        pa.field("indicator_id", pa.string(), nullable=False),  # stable slug, [a-z0-9_]
        pa.field("dimension", pa.string(), nullable=False),  # one of DIMENSIONS
        pa.field("group", pa.string(), nullable=False),  # heading in the indicator picker
        pa.field("name", pa.string(), nullable=False),  # title shown on charts
        pa.field("unit", pa.string(), nullable=False),  # e.g. "% of GDP", "trillion yuan"
        pa.field("definition", pa.string(), nullable=False),  # our own words
        pa.field("source", pa.string(), nullable=False),  # organisation and dataset
        pa.field("source_url", pa.string(), nullable=False),
        pa.field("source_codes", pa.string(), nullable=False),  # WDI code / OWID variable / release
        pa.field("licence", pa.string(), nullable=False),
        pa.field("decimals", pa.int32(), nullable=False),
        pa.field("default_chart", pa.string(), nullable=False),  # one of CHART_KINDS
        pa.field("has_sectors", pa.bool_(), nullable=False),
        # sectors that partition a whole (comma separated, in stacking order); "" if none.
        # Only these are stacked in "compare sectors" and used by the share-of-total transform.
        pa.field("stack_sectors", pa.string(), nullable=False),
        pa.field("share_of_total", pa.bool_(), nullable=False),  # share-of-total makes sense
        pa.field("headline", pa.bool_(), nullable=False),  # shown as a card on the overview
        pa.field("notes", pa.string(), nullable=False),  # caveats shown in the Sources panel
        pa.field("geography", pa.string(), nullable=False),  # one of GEOGRAPHIES
        # id of an indicator measuring the same quantity from another source (same unit), for an overlay;
        # "" if none. Always mutual. counterpart_note says why the two differ (our words).
        pa.field("counterpart", pa.string(), nullable=False),
        pa.field("counterpart_note", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),  # one of INDICATOR_KINDS: "rate" = a rate of change
    ]
)

#: catalog columns added after the first release, and the value a file without them is read with
CATALOG_DEFAULTS: dict[str, str] = {"geography": "country", "counterpart": "", "counterpart_note": "",
                                    "kind": "level"}


def observation_file(dimension: str) -> str:
    """File name of a dimension's observations."""
    return f"{dimension}.parquet"


CATALOG_FILE = "catalog.parquet"
