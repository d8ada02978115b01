"""Indicator definitions as content: one TOML file per dimension, validated on load.

The package: :mod:`.specs` (constants, the spec dataclasses), :mod:`.schema` (key tables and the checks they
share), :mod:`.sources` (one parser per source table), :mod:`.indicators` (entries and files,
:func:`load_indicators`), :mod:`.aliases` (:func:`load_aliases`) and :mod:`.exceptions`
(:func:`load_exceptions`). Everything public is re-exported here: ``from dashboard.data import content as ct;
ct.load_indicators()``.

Files: ``dashboard/content/indicators/<dimension>.toml`` (the file name is the dimension, one of
:data:`dashboard.data.contract.DIMENSIONS`), read with the standard library's :mod:`tomllib`. Each file is a list of
``[[indicator]]`` tables in the order the indicator picker shows them. No number of the data is typed here: an entry
says which raw series or which rows of the facts file make up the indicator, how units are converted and how flags
are set; every value comes from a raw file through the build (:mod:`dashboard.data.build`).

Format of one entry (keys are named; ``?`` marks an optional key, with its default)::

    [[indicator]]
    id = "gdp_usd"                    # slug [a-z0-9_], unique over all files
    group = "Output structure"        # heading in the indicator picker
    name = "GDP"                      # chart title
    unit = "trillion current US$"     # unit of the stored values
    definition = "..."                # what it measures, in our own words
    decimals? = 1                     # decimals shown
    default_chart? = "line"           # line | bar | area
    stack_sectors? = []               # sectors that partition a whole, in stacking order
    share_of_total? = false           # the share-of-total transform makes sense
    headline? = false                 # card on the overview page
    kind? = "level"                   # level | rate: "rate" when the values are themselves a rate of change
                                      # (annual % growth, "% per year", a CAGR): index and year-on-year % are
                                      # then not offered (contract.INDICATOR_KINDS); a share ("% of GDP") is
                                      # a level
    notes? = ""                       # caveats shown in the Sources panel
    source? / source_url? / source_codes? / licence?   # catalog citation; derived for WDI and OWID

    [indicator.check]?                # plausibility rules overriding the unit's defaults (build/gate.py):
    min? max? max_step? max_ratio? jump_floor? (numbers; -inf / inf allowed), zero_runs? (bool)

    # exactly one of the three source tables:
    [indicator.wdi]                   # World Bank WDI (raw/wdi_combined.csv)
    codes = { total = "NY.GDP.MKTP.CD" }   # sector -> WDI code ("total" = no breakdown)
    provider? = "..."                 # original provider, named in the source citation
    main_code? = first code           # the code whose WDI page is the source_url
    per? = 1                          # divisor of the published value (1e12: US$ -> trillion US$)
    vintage? = "API:...:2160"         # take rows of that source_id from raw/wdi_selected.csv instead
    flag? = "default"                 # default | observed | estimate | chn_2012_estimate
                                      # (see dashboard.data.build.sources.wdi_flag; the flag depends on the
                                      # rule, the region and the year only, never on the row's source file)

    [[indicator.owid.series]]         # Our World in Data (raw/owid_energy_selected.csv), one per sector
    sector? = "total"
    variable = "co2_per_capita"
    sources = ["OWID:co-emissions-per-capita"]   # source_ids in order of preference per (region, year)
    # [indicator.owid] may also hold provider?, per? = 1, flag? = "observed"

    [[indicator.facts]]               # rows of a facts file, one table per indicator text
    indicator = "Outward FDI stock"   # exact text of the facts row's indicator column
    unit = "trillion US$"             # unit the rows must have
    sector? = "total"; per? = 1; regions? = ["China"]; years? = all; priority? = 0 (lower wins)
    file? = "paper"                   # paper (facts/paper_facts.csv) | communique (facts/communique_facts.csv)
    flag? = wording of the row        # a flag of contract.FLAGS overriding the one the indicator text implies
                                      # (build.sources.fact_flag), where the page's wording is stronger than
                                      # the facts row's label (e.g. "nearly 30%" -> upper_bound)

What a source implies is derived once, here, unless the entry overrides it:

* WDI: ``source`` = "World Bank, World Development Indicators (<provider>)", ``source_url`` = the WDI page of
  ``main_code`` (:func:`wdi_url`), ``source_codes`` = the codes joined by ", ", ``licence`` = :data:`WDI_LICENCE`.
* OWID: ``source`` = "<provider>, via Our World in Data", ``source_url`` = the grapher page named by the first
  series' first source_id (:func:`owid_url`), ``source_codes`` = the variables joined by ", ",
  ``licence`` = :data:`OWID_LICENCE`.
* Facts: ``source`` and ``source_codes`` are required; ``licence`` defaults to :data:`FACTS_LICENCE` (official
  statistics of the PRC government); an indicator from another publisher (IFR, CAICT, CAAM, WIPO, a blog) must
  name its own terms (the ``*_LICENCE`` constants of :mod:`.specs` give the wording used);
  ``source_url`` may be left out (the build then takes the best-tier page among the rows).

Exceptions to those rules live in ``dashboard/content/exceptions.toml`` (:func:`load_exceptions`, format in
that file's header and in :class:`GateException`).

Errors: :func:`load_indicators` raises :class:`ContentError` listing every problem, each naming the file, the
indicator id and the field (unknown or missing keys, wrong types, unknown dimension, chart kind or indicator
kind, duplicate ids, empty unit/definition/source).

Official statistics of China (two more source tables, and three more entry keys)::

    [indicator.official]              # an official national series (dashboard/content/official_series.toml),
    quantity = "gerd_official"        # merged year by year under the precedence rule of docs/official-series.md
    per? = 1                          # divisor of the quantity's values (1000: billion -> trillion yuan)
    sectors? = all of the quantity's  # the sectors kept (e.g. ["tertiary"] of value added by industry)

    [indicator.provincial]            # a provincial R&D series (dashboard.data.official.nbs_rd.IDS key):
    series = "gerd"                   # rows for the 31 provinces (ISO 3166-2:CN codes) and CHN (national total)
    per? = 1

    geography? = "country"            # country | province (contract.GEOGRAPHIES); "province" exactly for
                                      # [indicator.provincial] entries (they are not offered by dimension pages)
    counterpart? = ""                 # id of an indicator of the same quantity, same unit, from another source;
    counterpart_note? = ""            # mutual; the note (required with it) says why the two differ

Both official tables need ``source`` and ``source_codes``; ``licence`` defaults to :data:`OFFICIAL_LICENCE`
(:data:`NBS_RD_LICENCE` where the rows come from ``raw/nbs_rd``). ``source_url``: for ``official`` it may be
left out (the build takes the best-tier page among the rows' facts pages); when given it must be the URL of a
row of a facts file (the build checks it), never a URL found nowhere in the raw files. Flags come from the
precedence rule (``final``, ``preliminary``, ``weak_source``, ...); provincial rows are ``final``.

Old ids of indicators whose concept was split or renamed map to their new ids in
``dashboard/content/aliases.toml`` (:func:`load_aliases`): a shared link with an old id keeps working
(:func:`dashboard.model.catalog.state_from_raw` applies the map, with a notice).
"""

from __future__ import annotations

from .aliases import ALIAS_KEYS, ALIASES_FILE, load_aliases
from .exceptions import (
    EXCEPTION_ACTIONS,
    EXCEPTION_KEYS,
    EXCEPTIONS_FILE,
    VIOLATION_KINDS,
    GateException,
    load_exceptions,
)
from .indicators import CHECK_KEYS, ENTRY_KEYS, SOURCE_KINDS, load_file, load_indicators
from .schema import Problems
from .sources import OFFICIAL_KEYS, OWID_KEYS, OWID_SERIES_KEYS, PICK_KEYS, PROVINCIAL_KEYS, WDI_KEYS
from .specs import (
    BLOG_LICENCE,
    CAAM_LICENCE,
    CAICT_LICENCE,
    CONTENT_DIR,
    FACTS_FILES,
    FACTS_LICENCE,
    ID_PATTERN,
    IFR_LICENCE,
    INDICATORS_DIR,
    NBS_RD_LICENCE,
    OFFICIAL_LICENCE,
    OWID_LICENCE,
    WDI_FLAG_RULES,
    WDI_LICENCE,
    WDI_PRELIMINARY_FROM,
    WDI_SOURCE,
    ContentError,
    Facts,
    Meta,
    Official,
    Owid,
    Pick,
    Provincial,
    Spec,
    Wdi,
    owid_url,
    wdi_url,
)

__all__ = [
    "ALIAS_KEYS", "ALIASES_FILE", "BLOG_LICENCE", "CAAM_LICENCE", "CAICT_LICENCE", "CHECK_KEYS", "CONTENT_DIR",
    "ENTRY_KEYS", "EXCEPTION_ACTIONS", "EXCEPTION_KEYS", "EXCEPTIONS_FILE", "FACTS_FILES", "FACTS_LICENCE",
    "ID_PATTERN", "IFR_LICENCE", "INDICATORS_DIR", "NBS_RD_LICENCE", "OFFICIAL_KEYS", "OFFICIAL_LICENCE",
    "OWID_KEYS", "OWID_LICENCE", "OWID_SERIES_KEYS", "PICK_KEYS", "PROVINCIAL_KEYS", "SOURCE_KINDS",
    "VIOLATION_KINDS", "WDI_FLAG_RULES", "WDI_KEYS", "WDI_LICENCE", "WDI_PRELIMINARY_FROM", "WDI_SOURCE",
    "ContentError", "Facts", "GateException", "Meta", "Official", "Owid", "Pick", "Problems", "Provincial",
    "Spec", "Wdi", "load_aliases", "load_exceptions", "load_file", "load_indicators", "owid_url", "wdi_url",
]
