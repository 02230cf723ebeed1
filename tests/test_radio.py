"""The radio message model: slots per kind, enumerated values, readable labels, and meaning by content."""

from __future__ import annotations

import pytest

from game.core.commands import ACTIONS, RADIO_KINDS, RADIO_SLOTS, REQUESTS, SHOTS_STATUS, Radio
from game.core.radio import (
    MAX_AIRTIME_SECONDS,
    MIN_AIRTIME_SECONDS,
    acknowledgement,
    airtime_seconds,
    meaning,
    message_slots,
    problem,
    slot_choices,
    spoken,
    value_label,
)

STAND_OFF_WORDS = (
    "All units stay 500 feet away from the building",
    "stay away from 1200, stay 500 feet back",
    "Everyone keep back from Building 12",
    "units, do not enter the building",
    "Nobody goes in until SWAT arrives",
    "hold back and wait for SWAT",
)


def test_every_kind_lists_its_slots_in_panel_order_from_the_known_slots():
    for kind in RADIO_KINDS:
        slots = message_slots(kind)
        assert slots and set(slots) <= set(RADIO_SLOTS), kind
        assert len(set(slots)) == len(slots)
    assert message_slots("initial_report") == RADIO_SLOTS
    assert "status" in message_slots("update") and "status" in message_slots("post_stop")
    assert message_slots("no_such_kind") == ()


def test_enumerated_slots_offer_their_values_and_free_slots_ready_words_or_none():
    assert slot_choices("shots") == SHOTS_STATUS
    assert slot_choices("requests") == REQUESTS
    assert slot_choices("action") == ACTIONS
    assert "barricaded" in slot_choices("status") and "active" in slot_choices("status")
    assert slot_choices("location") is None
    assert "handgun" in slot_choices("weapon")


def test_values_read_as_words_and_zones_by_their_names():
    zones = {"hall_2": "Upper-floor hallway"}
    assert value_label("location", "hall_2", zones) == "Upper-floor hallway"
    assert value_label("action", "making_entry", zones) == "making entry"
    assert value_label("requests", "ems, rtf", zones) == "EMS, rescue task force"
    assert value_label("description", "male, grey hoodie", zones) == "male, grey hoodie"
    text = spoken(Radio.of("update", location="hall_2", status="barricaded"), zones)
    assert "Upper-floor hallway" in text and "barricaded" in text and "hall_2" not in text


def test_a_status_outside_its_values_is_refused_with_the_values_named():
    assert "status must be one of" in problem(Radio.of("update", status="holed up"), set())
    assert problem(Radio.of("update", status="barricaded", action="free words"), set()) == ""


@pytest.mark.parametrize("kind", RADIO_KINDS)
@pytest.mark.parametrize("words", STAND_OFF_WORDS)
def test_telling_units_to_stay_away_is_a_stand_off_whatever_kind_carries_it(kind, words):
    assert meaning(kind, (("action", words),)).orders_stand_off


@pytest.mark.parametrize(
    "words",
    [
        "do not hold back, follow me in",
        "SRO holding at Building 700",
        "units to the west doors of 1200, follow me in",
        "making entry at the east doors",
    ],
)
def test_orders_to_come_in_or_reports_of_holding_are_not_a_stand_off(words):
    assert not meaning("command", (("action", words),)).orders_stand_off


def test_the_enumerated_hold_back_action_is_a_stand_off_and_making_entry_is_entry():
    assert meaning("command", (("action", "hold_back"),)).orders_stand_off
    assert meaning("initial_report", (("action", "making_entry"),)).making_entry
    assert meaning("initial_report", (("action", "going in the west side doors"),)).making_entry
    assert not meaning("update", (("action", "units, do not enter"),)).making_entry


def test_a_status_in_words_is_read_but_a_negated_one_is_not():
    assert meaning("update", (("action", "suspect contained in room C"),)).says_contained
    assert meaning("update", (("status", "barricaded"),)).says_contained
    assert not meaning("update", (("action", "not barricaded, still shooting"),)).says_contained


def test_a_repeat_carries_no_new_information_and_free_words_in_the_action_slot_do_not_count():
    first = meaning("update", (("location", "hall_2"), ("shots", "active")))
    again = meaning("update", (("location", "hall_2"), ("shots", "active"), ("action", "x")))
    other = meaning("update", (("location", "hall_2"), ("shots", "active"), ("action", "y")))
    assert again.facts == other.facts
    assert first.facts <= again.facts


def test_airtime_grows_with_the_message_and_stays_a_momentary_pause():
    short = airtime_seconds("update", (("shots", "active"),))
    full = airtime_seconds(
        "initial_report", tuple((s, "a long free text value with many words") for s in RADIO_SLOTS)
    )
    assert MIN_AIRTIME_SECONDS <= short < full == MAX_AIRTIME_SECONDS


def test_dispatch_answers_what_a_message_means_not_its_kind():
    assert acknowledgement(Radio.of("command", action=STAND_OFF_WORDS[0])).startswith(
        "Copy, units to hold back"
    )
    reply = acknowledgement(Radio.of("initial_report", action="making_entry", requests="ems"))
    assert "making entry" in reply and "Sending EMS" in reply
