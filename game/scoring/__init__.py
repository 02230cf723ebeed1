"""Scoring: every decision judged against the active-shooter training priorities (doctrine §7).

The rubric is a list of small rules (`rubric.RULES`), one per doctrine point, grouped one module per
category (`rules_a` ... `rules_f`, `hard_failures`). Each rule is a plain function of the event log and
the level's parameters and returns findings; each finding becomes a `LedgerEntry` naming the rule, its
category, the points, the sentence the trainee sees, the events behind it and its sources (§9).
Score, category ratings, the overall rating and hard failures are all derived from the ledger.

Scoring model:

* Every category is worth its §7.2 weight (A 350, B 200, C 150, D 100, E 100, F 100). The most each
  rule can award sums to exactly its category's weight. A category's points are the sum of its ledger
  entries, clamped to 0..weight, so a clamp is the only place a point is not shown one to one.
* Award rules (a "0-N" range) give up to their maximum; pure penalty rules (A4 stall, C6 radio
  discipline) are worth 0 at most and only subtract. Some award rules also carry the doctrine's
  penalties (A2, A6, B4, C4, E2, F1), which subtract from the same category.
* B1 (unsafe shot) is a penalty rule with an allowance: it opens with a +100 entry ("weapon discipline
  starts at full marks") and each unsafe shot deducts 40, so a clean run shows where its B points came
  from.
* A rule that cannot apply in a run (no casualties for F, no ambiguous armed person for D, no shot for
  B3) awards its full maximum in one entry whose message starts "Not applicable, full credit:". The
  maximum score is therefore always 1000, and a run is never penalised for what its scenario lacked.
  Strengths leave these entries out.
* Hard failures (HF1-HF5) are 0-point entries in category "HF": the full breakdown still counts, and
  any one caps the overall rating at U.
* Ratings: P >= 85 %, S 70-84 %, M 50-69 %, U < 50 %, per category and overall.
"""

from game.scoring.assessment import Assessment, CategoryResult, assess, assessment_to_dict
from game.scoring.benchmarks import Benchmark
from game.scoring.clocks import Clocks, clocks
from game.scoring.ledger import LedgerEntry
from game.scoring.ratings import RATING_WORDS, label
from game.scoring.rubric import CATEGORIES, NOT_SCORED, RULES, Rule
from game.scoring.sources import SOURCES

__all__ = [
    "CATEGORIES",
    "NOT_SCORED",
    "RATING_WORDS",
    "RULES",
    "SOURCES",
    "Assessment",
    "Benchmark",
    "CategoryResult",
    "Clocks",
    "LedgerEntry",
    "Rule",
    "assess",
    "assessment_to_dict",
    "clocks",
    "label",
]
