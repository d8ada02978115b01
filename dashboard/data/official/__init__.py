"""China's official statistics: provinces, NBS R&D tables and official national series.

* :mod:`.provinces` - the province code list (``content/provinces.toml``) and the name normaliser;
* :mod:`.nbs_rd` - readers of ``raw/nbs_rd/`` (national and provincial R&D statistics);
* :mod:`.series` - official national series merged year by year from every source, with a
  written precedence rule and a flag on every point.

Every function here is pure (raw files in, frames out); the build calls them.
"""

from .provinces import (  # noqa: F401
    NATIONAL_CODE,
    Province,
    UnknownRegionError,
    load_provinces,
    province_codes,
    region_code,
    region_codes,
)
