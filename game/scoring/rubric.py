"""The rubric: every rule with its doctrine point, category, points, the events it reads and its sources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.scoring import hard_failures, rules_a, rules_b, rules_c, rules_d, rules_e, rules_f
from game.scoring.facts import Facts
from game.scoring.ledger import Finding


@dataclass(frozen=True, slots=True)
class Category:
    """A rubric category (doctrine §7.2) and the points it is worth."""

    id: str
    title: str
    max_points: int
    capability: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One doctrine point: what it reads, the most it can give, its sources, and the function that judges it."""

    id: str
    category: str
    title: str
    max_points: int
    sources: tuple[str, ...]
    reads: tuple[str, ...]
    fn: Callable[[Facts, int], list[Finding]]

    @property
    def doctrine(self) -> str:
        """The doctrine point, as the rule's docstring states it."""
        return (self.fn.__doc__ or "").strip()


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
"""The six categories of doctrine §7.2, 1000 points in all."""

HARD_FAILURE_CATEGORY = "HF"

RULES: tuple[Rule, ...] = (
    Rule(
        "A1",
        "A",
        "Entry latency",
        120,
        ("S8", "S19", "S20"),
        ("TraineeArrived", "EnteredBuilding", "GunfireHeard"),
        rules_a.entry_latency,
    ),
    Rule(
        "A2",
        "A",
        "Moves toward gunfire",
        10,
        ("S8",),
        ("GunfireHeard", "TraineeMoved", "ShotFired"),
        rules_a.gunfire_cues,
    ),
    Rule(
        "A3",
        "A",
        "Contact latency",
        150,
        ("S8", "S9"),
        ("EnteredBuilding", "ContactMade", "SuspectBarricaded", "TraineeMoved"),
        rules_a.contact_latency,
    ),
    Rule(
        "A4",
        "A",
        "Persistence (no stall)",
        0,
        ("S18", "S19"),
        (
            "GunfireHeard",
            "ShotFired",
            "TraineeMoved",
            "ThreatStopped",
            "SuspectBarricaded",
            "RadioSent",
            "BreachStarted",
            "ChallengeIssued",
        ),
        rules_a.persistence,
    ),
    Rule(
        "A5",
        "A",
        "Re-engagement after being fired on",
        40,
        ("S18",),
        ("ShotFired", "TraineeMoved"),
        rules_a.reengagement,
    ),
    Rule(
        "A6",
        "A",
        "No waiting for backup or equipment",
        30,
        ("S10", "S17", "S18", "S19"),
        ("GunfireHeard", "OfficerArrived", "EnteredBuilding"),
        rules_a.no_waiting,
    ),
    Rule(
        "B1",
        "B",
        "No unsafe shot (line of fire)",
        100,
        ("S45", "S34"),
        ("ShotFired",),
        rules_b.unsafe_shots,
    ),
    Rule(
        "B3",
        "B",
        "Justified engagement",
        40,
        ("S36", "S37", "S33"),
        ("ShotFired", "ThreatStopped"),
        rules_b.justified_engagement,
    ),
    Rule(
        "B4",
        "B",
        "Evacuation discipline",
        20,
        ("S18",),
        ("CiviliansDirected", "TraineeMoved", "GunfireHeard"),
        rules_b.evacuation_discipline,
    ),
    Rule(
        "B5",
        "B",
        "Warning when feasible",
        20,
        ("S36", "S37"),
        ("ChallengeIssued", "ShotFired"),
        rules_b.warning_when_feasible,
    ),
    Rule(
        "B6",
        "B",
        "Surrender handling",
        20,
        ("S37", "S45"),
        ("SuspectSurrendered", "ShotFired", "ChallengeIssued", "TookCover"),
        rules_b.surrender_handling,
    ),
    Rule(
        "C1",
        "C",
        "Initial report",
        70,
        ("S20", "S22", "S49"),
        ("RadioSent", "TraineeArrived"),
        rules_c.initial_report,
    ),
    Rule(
        "C2",
        "C",
        "Entry announcement and point",
        15,
        ("S20", "S22"),
        ("RadioSent", "EnteredBuilding"),
        rules_c.entry_announcement,
    ),
    Rule(
        "C3",
        "C",
        "Command and staging",
        25,
        ("S23", "S24", "S21"),
        ("RadioSent",),
        rules_c.command_and_staging,
    ),
    Rule(
        "C4",
        "C",
        "Status updates",
        25,
        ("S18",),
        ("RadioSent", "ShotFired", "SuspectBarricaded"),
        rules_c.status_updates,
    ),
    Rule(
        "C5",
        "C",
        "Post-stop report",
        15,
        ("S14", "S21", "S40"),
        ("RadioSent", "ThreatStopped"),
        rules_c.post_stop_report,
    ),
    Rule(
        "C6",
        "C",
        "Radio discipline",
        0,
        ("S48", "S19"),
        ("RadioSent", "EnteredBuilding"),
        rules_c.radio_discipline,
    ),
    Rule(
        "D1",
        "D",
        "Challenge an ambiguous armed person",
        60,
        ("S26b", "S28"),
        ("PersonSighted", "ChallengeIssued", "ShotFired", "TookCover"),
        rules_d.challenge_ambiguous,
    ),
    Rule(
        "D2",
        "D",
        "Checks identification cues",
        10,
        ("S28", "S29", "S31", "S33"),
        ("PersonSighted", "ShotFired"),
        rules_d.checks_cues,
    ),
    Rule(
        "D3",
        "D",
        "Deconfliction with partners",
        10,
        ("S20",),
        ("OfficerArrived", "RadioSent", "ShotFired"),
        rules_d.deconfliction,
    ),
    Rule(
        "D4",
        "D",
        "Hand-off of a plain-clothes officer",
        10,
        ("S28", "S29", "S27"),
        ("ChallengeIssued", "Complied", "WeaponHolstered"),
        rules_d.hands_off,
    ),
    Rule(
        "D5",
        "D",
        "Self-identification",
        10,
        ("S30", "S28"),
        ("PoliceAnnounced", "RaidJacketDonned", "BadgeShown", "ChallengeIssued", "RadioSent"),
        rules_d.self_identification,
    ),
    Rule(
        "E1",
        "E",
        "Covered approach outside",
        30,
        ("S6",),
        ("TraineeArrived", "TraineeMoved", "EnteredBuilding"),
        rules_e.covered_approach,
    ),
    Rule(
        "E2",
        "E",
        "Cover when engaging",
        20,
        ("S35", "S13"),
        ("ShotFired",),
        rules_e.cover_when_engaging,
    ),
    Rule(
        "E3",
        "E",
        "Speed matched to situation",
        20,
        ("S8",),
        ("TraineeMoved", "GunfireHeard"),
        rules_e.speed_matched,
    ),
    Rule(
        "E4",
        "E",
        "Threshold evaluation",
        15,
        ("S8",),
        ("EnteredZone", "ShotFired", "PersonSighted", "ContactMade", "TraineeMoved"),
        rules_e.threshold_evaluation,
    ),
    Rule(
        "E5",
        "E",
        "No lone approach to a downed attacker",
        15,
        ("S45",),
        ("ThreatStopped", "PersonWounded", "SuspectSurrendered", "TraineeMoved", "OfficerArrived"),
        rules_e.downed_attacker,
    ),
    Rule(
        "F1",
        "F",
        "Kill then die: correct sequencing",
        20,
        ("S8", "S39"),
        ("TourniquetApplied", "ShotFired", "ThreatStopped", "TraineeMoved"),
        rules_f.sequencing,
    ),
    Rule(
        "F2",
        "F",
        "Time to first hemorrhage control",
        40,
        ("S38", "S41"),
        ("TourniquetApplied", "ThreatStopped", "PersonWounded"),
        rules_f.first_hemorrhage_control,
    ),
    Rule(
        "F3",
        "F",
        "Triage and CCP",
        20,
        ("S21", "S40"),
        ("RadioSent", "CiviliansDirected", "ThreatStopped"),
        rules_f.triage_and_ccp,
    ),
    Rule(
        "F4",
        "F",
        "Zone declaration",
        20,
        ("S21", "S40"),
        ("RadioSent", "ThreatStopped"),
        rules_f.zone_declaration,
    ),
    Rule(
        "HF1",
        "HF",
        "Innocent hit",
        0,
        ("S16", "S17", "S34"),
        ("ShotFired", "PersonWounded"),
        hard_failures.innocent_hit,
    ),
    Rule(
        "HF2",
        "HF",
        "Blue-on-blue",
        0,
        ("S26", "S20", "S32"),
        ("ShotFired", "PersonWounded"),
        hard_failures.blue_on_blue,
    ),
    Rule(
        "HF3",
        "HF",
        "Barricade misclassification / holding",
        0,
        ("S18",),
        ("GunfireHeard", "ShotFired", "TraineeMoved", "RadioSent"),
        hard_failures.holding,
    ),
    Rule(
        "HF4",
        "HF",
        "Unjustified force on a surrendered or incapacitated suspect",
        0,
        ("S36", "S37"),
        ("ShotFired", "ThreatStopped"),
        hard_failures.unjustified_force,
    ),
    Rule(
        "HF5",
        "HF",
        "Ordering a stand-off",
        0,
        ("S19",),
        ("RadioSent", "GunfireHeard", "EnteredBuilding"),
        hard_failures.stand_off,
    ),
)
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
