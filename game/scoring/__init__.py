"""Scoring: every decision judged against the active-shooter training priorities (doctrine §7, §7.8).

The rubric is data (`rubric.RULES`): one row per doctrine point with its category, the most it can
award, its parameters (points, thresholds, windows), the event types it reads and its sources; the
judgements every rule shares are `rubric.STANDARDS`. Each rule is a plain function (one module per
category, `rules_a` ... `rules_f`, `hard_failures`) that reads the event log through `Facts` and
returns findings; each finding becomes a `LedgerEntry` naming the rule, its category, the points, the
sentence the trainee sees, the events behind it and its sources (§9). Rules read what happened only
from events, and only the types they declare (enforced in strict mode, which the tests use); the
level supplies the map (distances, cover, zone kinds) and its `scoring:` tuning.

Scoring model:

* Every category is worth its §7.2 weight (A 350, B 200, C 150, D 100, E 100, F 100), or what the
  level's `scoring: weights:` sets (rules and their point parameters scale with it). The most each rule
  can award sums to its category's weight. A category's points are the sum of its entries, clamped to
  0..weight.
* Award rules give up to their maximum; penalty rules (A4, C6, E6, E7) are worth 0 at most and only
  subtract; some award rules also carry penalties (A2, A6, B1, B4, C4, D6, E2, F1).
* Not applicable (doctrine §7.8): a rule the scenario made inapplicable (no casualties, no armed
  person of unclear identity, the threat stopped before the trainee could reach it) awards its
  maximum in one entry that begins "Not applicable, full credit:". A rule the trainee's own inaction
  kept from applying (never entered, never closed on the attacker) earns nothing, in an entry that
  begins "Not credited:".
* Caps: an entry with a cap limits its category's rating (its points become what the cap removes), or
  the overall rating. A7 caps Stop the Killing and the overall rating at S when the run ends with the
  trainee down and the attacker free; D6 caps the overall rating at M when a challenged trainee out of
  uniform did not comply and was fired on.
* Hard failures (HF1-HF5) are 0-point entries in category "HF": the breakdown still counts, and any
  one caps the overall rating at U.
* Ratings: P >= 85 %, S 70-84 %, M 50-69 %, U < 50 %, per category and overall.
* Outcomes (civilians hurt after arrival, officers hurt, each attacker stopped / isolated / free) are
  part of the assessment (`Assessment.outcome`), in the order of the priorities.
"""

from game.scoring.assessment import Assessment, CategoryResult, assess, assessment_to_dict
from game.scoring.benchmarks import Benchmark
from game.scoring.clocks import Clocks, clocks
from game.scoring.facts import UndeclaredRead
from game.scoring.ledger import LedgerEntry
from game.scoring.outcomes import Outcome
from game.scoring.ratings import RATING_WORDS, label
from game.scoring.rubric import CATEGORIES, NOT_SCORED, RULES, STANDARDS
from game.scoring.rule import Rule
from game.scoring.sources import SOURCES

__all__ = [
    "CATEGORIES",
    "NOT_SCORED",
    "RATING_WORDS",
    "RULES",
    "SOURCES",
    "STANDARDS",
    "Assessment",
    "Benchmark",
    "CategoryResult",
    "Clocks",
    "LedgerEntry",
    "Outcome",
    "Rule",
    "UndeclaredRead",
    "assess",
    "assessment_to_dict",
    "clocks",
    "label",
]
