"""What an indicator has (:class:`IndicatorMeta`): the facts a view state is checked against
(:func:`dashboard.model.state.normalize`) and the options the controls offer."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.data.contract import RATE_TRANSFORMS
from dashboard.model.transforms import TRANSFORMS

MAX_SECTORS = 12
DEFAULT_COMPARE_FROM = 2012


@dataclass(frozen=True)
class IndicatorMeta:
    """What an indicator has: the facts normalisation checks against."""

    indicator_id: str
    dimension: str
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    stack_sectors: tuple[str, ...]
    share_of_total: bool
    year_min: int
    year_max: int
    default_end: int  # latest year with data for the default region
    counterpart: str = ""  # an indicator of the same quantity from another source (catalog), "" if none
    kind: str = "level"  # catalog kind (contract.INDICATOR_KINDS): "rate" = itself a rate of change

    @property
    def is_rate(self) -> bool:
        """True for an indicator whose values are a rate of change (catalog ``kind = "rate"``, e.g. real GDP
        growth): an index or a year-on-year % of it means nothing, and its values can be negative."""
        return self.kind == "rate"

    def transform_allowed(self, transform: str) -> bool:
        """Whether ``transform`` (a key of :data:`~dashboard.model.transforms.TRANSFORMS`) is offered:
        share of total only where the sectors partition a whole, index and year-on-year % not for a rate
        of change (:data:`dashboard.data.contract.RATE_TRANSFORMS`)."""
        if transform not in TRANSFORMS or (transform == "share" and not self.share_of_total):
            return False
        return not self.is_rate or transform in RATE_TRANSFORMS

    @property
    def has_sectors(self) -> bool:
        return self.sectors != ("total",) and len(self.sectors) > 0

    def default_regions(self) -> tuple[str, ...]:
        if "CHN" in self.regions:
            return ("CHN",)
        return self.regions[:1]

    def default_sectors(self) -> tuple[str, ...]:
        if self.stack_sectors:
            return self.stack_sectors
        return self.sectors[:MAX_SECTORS]

    def default_compare(self) -> tuple[int, int]:
        start = DEFAULT_COMPARE_FROM if self.year_min <= DEFAULT_COMPARE_FROM <= self.default_end else self.year_min
        return start, self.default_end

    def default_base_year(self) -> int:
        return self.default_compare()[0]
