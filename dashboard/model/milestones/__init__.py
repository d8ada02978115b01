"""The paper's milestones checked against the shipped data, and dated events derived from it.

Content lives in two TOML files next to each other (``dashboard/content/``):

* ``milestones.toml``: one ``[[claim]]`` per claim of the paper's abstract (IIE-CASS, *China
  Economist* 2024 no. 3), each with a rule written as data in the vocabulary of :data:`RULE_KINDS`;
* ``events.toml``: one ``[[event]]`` per dated event, each a rule of :data:`EVENT_KINDS` whose year
  is computed from the data (the first year a threshold or rank was reached), never typed.

Both files are validated on load: an unknown kind, an unknown or missing parameter or a value of the
wrong type raises :class:`ContentError`, whose messages name the file, the claim (or event) and the
field. Indicator ids are checked against a catalog when one is given (strict mode, used by the
tests); without one, a rule on an indicator that the project does not ship (yet) is evaluated as
"no data yet" and says which id is missing, so a renamed indicator never takes the app down.

Evaluation is pure: ``evaluate_claims(source, claims)`` reads ``source.catalog`` (a frame indexed
by indicator id, as :class:`dashboard.data.store.DataStore` has) and ``source.observations(id)``
(a long frame with region, sector, year, value, flag, source_vintage) and returns one
:class:`Verdict` per claim, with the evidence figures, their years and sources, and a one-line
explanation computed from the values.

Year rule (documented here and shown with each verdict): ``"latest"`` is the latest year in which
the region has a value for the sector; a numbered year with no value is replaced by the nearest
year with a value within ``max_shift`` years (ties go to the later year), and the explanation names
the year actually used. Nothing is interpolated.

The package: :mod:`.schema` (vocabulary, content objects), :mod:`.parse` (reading and
validation), :mod:`.evaluate` (claims), :mod:`.events` (dated events), :mod:`.cached` (verdicts
and events computed once per data store, for the pages).
"""

from __future__ import annotations

from .evaluate import (
    NO_DATA_PREFIX,
    combine_outcomes,
    evaluate_claim,
    evaluate_claims,
    evaluate_rule,
    fmt,
    region_label,
    scale_of,
    shown,
)
from .events import evaluate_event, evaluate_events, events_for
from .parse import load_claims, load_events, parse_claims, parse_events
from .schema import (
    CLAIMS_FILE,
    CONTENT_DIR,
    EVENT_KINDS,
    EVENTS_FILE,
    NO_DATA,
    NOT_SUPPORTED,
    PARTLY,
    PEERS,
    RULE_KINDS,
    SUPPORTED,
    VERDICTS,
    Alternative,
    Claim,
    ContentError,
    Event,
    EventRule,
    Evidence,
    Outcome,
    Rule,
    Verdict,
)

__all__ = [
    "CLAIMS_FILE", "CONTENT_DIR", "NO_DATA_PREFIX", "EVENTS_FILE", "EVENT_KINDS", "NO_DATA", "NOT_SUPPORTED", "PARTLY", "PEERS",
    "RULE_KINDS", "SUPPORTED", "VERDICTS", "Alternative", "Claim", "ContentError", "Event", "EventRule",
    "Evidence", "Outcome", "Rule", "Verdict", "combine_outcomes", "evaluate_claim", "evaluate_claims",
    "evaluate_event", "evaluate_events", "evaluate_rule", "events_for", "fmt", "load_claims", "load_events",
    "parse_claims", "parse_events", "region_label", "scale_of", "shown",
]
