"""The rubric as data: every category, and every rule with its doctrine point, points, parameters, reads and sources.

One row per rule. `max_points` is the most a rule can award (the rows of a category add up to its
weight); `params` holds every other number the rule uses (penalties end in `_points`; times are in
seconds, distances in tiles); `reads` names the event types the rule may read, which `Facts.view`
enforces in strict mode. The judgements all rules share (audible, closing, stall windows, excuses)
are `STANDARDS`. A level may re-weight the categories (`scoring: weights:`) and tune the time
thresholds; nothing else here is level data.
"""

from __future__ import annotations

from types import MappingProxyType

from game.scoring import hard_failures, rules_a, rules_b, rules_c, rules_d, rules_e, rules_f
from game.scoring.encounter import ENCOUNTER_READS
from game.scoring.exposure import EXPOSURE_READS
from game.scoring.facts import ACCESS, COVER, RADIO, SHOTS, STOPS, TRACK
from game.scoring.rule import Category, Rule, Standards
from game.scoring.stalls import STALL_READS

STANDARDS = Standards()
"""The shared judgements (see `Standards` for each with its reason)."""

CATEGORIES: tuple[Category, ...] = (
    Category("A", "Stop the Killing", 350, "On-scene Security, Protection & Law Enforcement"),
    Category(
        "B",
        "Protection of innocents and weapon discipline",
        200,
        "On-scene Security, Protection & Law Enforcement",
    ),
    Category(
        "C", "Communications and command hand-off", 150, "Operational Communications / Coordination"
    ),
    Category(
        "D",
        "Identification and blue-on-blue avoidance",
        100,
        "On-scene Security, Protection & Law Enforcement",
    ),
    Category(
        "E",
        "Tactics: cover, movement, approach",
        100,
        "On-scene Security, Protection & Law Enforcement",
    ),
    Category("F", "Stop the Dying", 100, "Public Health, Healthcare & EMS"),
)
"""The six categories of doctrine §7.2, 1000 points in all (a level may re-weight them)."""

HARD_FAILURE_CATEGORY = "HF"

STAND_OFF_READS = (*RADIO, "GunfireHeard", *ACCESS, "EnteredBuilding")
"""What deciding that a message orders a stand-off reads (`rules_c.stand_off`)."""


def _row(
    rule_id: str,
    category: str,
    title: str,
    max_points: int,
    sources: tuple[str, ...],
    reads: tuple[str, ...],
    fn,
    **params: float | str,
) -> Rule:
    return Rule(
        rule_id,
        category,
        title,
        max_points,
        sources,
        tuple(dict.fromkeys(reads)),
        fn,
        MappingProxyType(params),
    )


RULES: tuple[Rule, ...] = (
    # -- A Stop the Killing (350) --
    _row("A1", "A", "Entry latency", 120, ("S8", "S19", "S20"),
         ("TraineeArrived", "EnteredBuilding", "GunfireHeard"), rules_a.entry_latency),
    _row("A2", "A", "Moves toward gunfire", 10, ("S8",),
         ("GunfireHeard", *TRACK, *SHOTS, *STOPS, "BreachStarted", "ChallengeIssued"),
         rules_a.gunfire_cues),
    _row("A3", "A", "Contact latency", 150, ("S8", "S9"),
         ENCOUNTER_READS, rules_a.contact_latency,
         full_factor=1.5, zero_factor=4, min_ideal_seconds=5, search_factor=2),
    _row("A4", "A", "Persistence (no stall)", 0, ("S18", "S19", "S17"),
         (*STALL_READS, "PersonWounded"), rules_a.persistence,
         per_10s_points=-5, harm_points=-10, harm_cap_points=-50),
    _row("A5", "A", "Re-engagement after being fired on", 40, ("S18",),
         ENCOUNTER_READS, rules_a.reengagement,
         within_seconds=30, retreat_tiles=3),
    _row("A6", "A", "No waiting for backup or equipment", 30, ("S10", "S17", "S18", "S19"),
         (*STALL_READS, "EnteredBuilding", "OfficerArrived"), rules_a.no_waiting),
    _row("A7", "A", "Threat status at the end", 0, ("S8", "S18"),
         (*ENCOUNTER_READS, *EXPOSURE_READS, *STALL_READS, "PersonWounded"), rules_a.threat_status,
         cap="S", held_cap="M"),
    # -- B Protection of innocents and weapon discipline (200) --
    _row("B1", "B", "No unsafe shot (line of fire)", 100, ("S45", "S34"),
         (*ENCOUNTER_READS, "TraineeArrived"), rules_b.unsafe_shots,
         unsafe_points=-40),
    _row("B3", "B", "Justified engagement", 40, ("S36", "S37", "S33"),
         ENCOUNTER_READS, rules_b.justified_engagement),
    _row("B4", "B", "Evacuation discipline", 20, ("S18",),
         (*STALL_READS, "CiviliansDirected"), rules_b.evacuation_discipline,
         escort_seconds=30, retreat_tiles=3),
    _row("B5", "B", "Warning when feasible", 20, ("S36", "S37"),
         ENCOUNTER_READS, rules_b.warning_when_feasible),
    _row("B6", "B", "Surrender handling", 20, ("S37", "S45"),
         ENCOUNTER_READS, rules_b.surrender_handling,
         commands_before_seconds=5),
    # -- C Communications and command hand-off (150) --
    _row("C1", "C", "Initial report", 70, ("S20", "S22", "S49"),
         (*STAND_OFF_READS, "TraineeArrived", "TraineeMoved"), rules_c.initial_report),
    _row("C2", "C", "Entry announcement and point", 15, ("S20", "S22"),
         (*RADIO, "EnteredBuilding"), rules_c.entry_announcement),
    _row("C3", "C", "Command and staging", 25, ("S23", "S24", "S21"),
         STAND_OFF_READS, rules_c.command_and_staging,
         command_share=0.4, staging_share=0.4, perimeter_share=0.2),
    _row("C4", "C", "Status updates", 25, ("S18",),
         (*RADIO, *ACCESS), rules_c.status_updates,
         update_points=5, misreport_points=-10, spacing_seconds=10, repeat_after_seconds=60),
    _row("C5", "C", "Post-stop report", 15, ("S14", "S21", "S40"),
         (*RADIO, *STOPS), rules_c.post_stop_report),
    _row("C6", "C", "Radio discipline", 0, ("S48", "S19"),
         (*RADIO, "EnteredBuilding", *STOPS), rules_c.radio_discipline,
         per_call_points=-5, cap_points=-20, redundant_seconds=30, long_slots=6),
    # -- D Identification and blue-on-blue avoidance (100) --
    _row("D1", "D", "Challenge an ambiguous armed person", 40, ("S26b", "S28", "S33"),
         (*ENCOUNTER_READS, "PersonSighted"), rules_d.challenge_ambiguous,
         open_share=2 / 3),
    _row("D2", "D", "Checks identification cues", 10, ("S28", "S29", "S31", "S33"),
         (*ENCOUNTER_READS, "PersonSighted"), rules_d.checks_cues),
    _row("D3", "D", "Deconfliction with partners", 10, ("S20",),
         ("OfficerArrived", *RADIO, *SHOTS), rules_d.deconfliction),
    _row("D4", "D", "Hand-off of a plain-clothes officer", 10, ("S28", "S29", "S27"),
         (*ENCOUNTER_READS, "PersonSighted", "WeaponHolstered"), rules_d.hands_off),
    _row("D5", "D", "Self-identification", 10, ("S30", "S28"),
         ("TraineeArrived", "RaidJacketDonned", "BadgeShown", "OfficerArrived", "PoliceAnnounced",
          "ChallengeIssued", *RADIO), rules_d.self_identification),
    _row("D6", "D", "Comply when challenged", 20, ("S26b", "S28", "S29"),
         (*ENCOUNTER_READS, "PoliceAnnounced", "PersonIdentified", "RaidJacketDonned", "BadgeShown"),
         rules_d.comply_when_challenged,
         defy_points=-40, partial_points=10, comply_within_seconds=5, cap="M"),
    # -- E Tactics: cover, movement, approach (100) --
    _row("E1", "E", "Covered approach outside", 30, ("S6",),
         (*ENCOUNTER_READS, *COVER), rules_e.covered_approach,
         near_tiles=2, fast_memory_seconds=0.5),
    _row("E2", "E", "Cover when engaging", 20, ("S35", "S13"),
         ENCOUNTER_READS, rules_e.cover_when_engaging,
         avoidable_points=-10, cover_reach_tiles=3, engagement_gap_seconds=3),
    _row("E3", "E", "Speed matched to situation", 20, ("S8",),
         ENCOUNTER_READS, rules_e.speed_matched),
    _row("E4", "E", "Threshold evaluation", 15, ("S8",),
         (*ENCOUNTER_READS, "EnteredZone", "PersonSighted"), rules_e.threshold_evaluation,
         stall_seconds=5, pause_seconds=1, gunfire_recent_seconds=30),
    _row("E5", "E", "No lone approach to a downed attacker", 15, ("S45",),
         (*ENCOUNTER_READS, "PersonWounded", "OfficerArrived"), rules_e.downed_attacker,
         too_close_tiles=1.5),
    _row("E6", "E", "Exposure when hit", 0, ("S6", "S13", "S35"),
         (*EXPOSURE_READS, "PersonWounded"), rules_e.exposure_when_hit,
         per_hit_points=-20),
    _row("E7", "E", "Officer harmed", 0, ("S16", "S17"),
         ("PersonWounded",), rules_e.officers_harmed,
         down_points=-30),
    # -- F Stop the Dying (100) --
    _row("F1", "F", "Kill then die: correct sequencing", 20, ("S8", "S39"),
         ("TourniquetApplied", "PersonWounded", *ACCESS, "TraineeMoved"), rules_f.sequencing,
         early_care_points=-20, resume_within_seconds=2),
    _row("F2", "F", "Time to first hemorrhage control", 40, ("S38", "S41"),
         ("TourniquetApplied", "PersonWounded", *STOPS), rules_f.first_hemorrhage_control),
    _row("F3", "F", "Triage and CCP", 20, ("S21", "S40"),
         ("PersonWounded", *RADIO, "CiviliansDirected", *STOPS), rules_f.triage_and_ccp),
    _row("F4", "F", "Zone declaration", 20, ("S21", "S40"),
         ("PersonWounded", *RADIO, *STOPS), rules_f.zone_declaration),
    # -- hard failures (screen-outs) --
    _row("HF1", "HF", "Innocent hit, fired at, or in sight on the line of fire", 0,
         ("S16", "S17", "S34", "S33", "S45"),
         (*SHOTS, "PersonWounded", "OfficerArrived"), hard_failures.innocent_hit),
    _row("HF2", "HF", "Blue-on-blue (fired on, hit, or in sight on the line of fire)", 0,
         ("S26", "S20", "S32", "S45"),
         (*SHOTS, "PersonWounded", "OfficerArrived"), hard_failures.blue_on_blue),
    _row("HF3", "HF", "Barricade misclassification / holding", 0, ("S18",),
         STALL_READS, hard_failures.holding,
         hold_after_misreport_seconds=30),
    _row("HF4", "HF", "Unjustified force on a surrendered or incapacitated suspect", 0, ("S36", "S37"),
         (*SHOTS, *STOPS), hard_failures.unjustified_force),
    _row("HF5", "HF", "Ordering a stand-off", 0, ("S19",),
         STAND_OFF_READS, hard_failures.stand_off_order),
)  # fmt: skip
"""Every scored rule, in debrief order."""

NOT_SCORED: tuple[tuple[str, str, str], ...] = (
    (
        "B2",
        "Muzzling",
        "No event says where the trainee points the weapon between shots; needs an aim event.",
    ),
)
"""Doctrine points the rubric does not score yet, with why (shown in the debrief, never faked)."""


def category(category_id: str) -> Category:
    """The category with this id."""
    return next(c for c in CATEGORIES if c.id == category_id)


def rule(rule_id: str) -> Rule:
    """The rule with this id."""
    return next(r for r in RULES if r.id == rule_id)
