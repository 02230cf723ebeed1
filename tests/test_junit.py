"""`run --junit FILE`: one test case per script, seed and expectation, unique names, failures explained."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.sessions.junit import Case, junit_xml
from main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
GOOD, WRONG = FIXTURES / "good.yaml", FIXTURES / "wrong_expectation.yaml"


def _check_shape(path: Path) -> ET.Element:
    """The JUnit shape CI systems read: counts that add up, unique names, failure text in the body."""
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert suites and all(
        set(s.attrib) >= {"name", "tests", "failures", "errors", "time"} for s in suites
    )
    cases = [c for s in suites for c in s.findall("testcase")]
    assert int(root.get("tests")) == len(cases) == sum(int(s.get("tests")) for s in suites)
    failed = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("failures")) == len(failed) == sum(int(s.get("failures")) for s in suites)
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(set(names)) == len(names)
    for case in cases:
        assert case.get("classname") and case.get("name") and float(case.get("time")) >= 0
        assert {child.tag for child in case} <= {"failure"} and len(case) <= 1
    for case in failed:
        failure = case.find("failure")
        assert failure.get("message") and failure.text and failure.text.strip()
    return root


def test_one_test_case_per_expectation_of_a_passing_script(tmp_path, capsys):
    out = tmp_path / "ci" / "report.xml"
    assert main(["run", "--script", str(GOOD), "--junit", str(out)]) == 0
    root = _check_shape(out)
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 16 and root.get("failures") == "0"
    assert all(c.get("name").startswith("seed 7: ") for c in cases)
    assert all(c.get("classname") == "tiny_school.good" for c in cases)
    assert any("rating at least M" in c.get("name") for c in cases)
    assert "wrote 16 test cases" in capsys.readouterr().err


def test_a_failed_expectation_carries_its_evidence_and_how_to_reproduce_it(tmp_path):
    out = tmp_path / "report.xml"
    assert main(["run", "--script", str(WRONG), "--junit", str(out)]) == 1
    root = _check_shape(out)
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert len(failed) == 1 and root.get("tests") == "2"
    failure = failed[0].find("failure")
    assert "EnteredBuilding" in failed[0].get("name") and "(line " in failed[0].get("name")
    assert "EnteredBuilding" in failure.get("message")
    assert "got: " in failure.text and "wrong_expectation.yaml:" in failure.text
    assert f"reproduce: python main.py run --script {WRONG} --seed 7" in failure.text


def test_with_seeds_every_seed_has_its_own_cases(tmp_path):
    out = tmp_path / "report.xml"
    assert main(["run", "--script", str(WRONG), "--seeds", "1-3", "--junit", str(out)]) == 1
    root = _check_shape(out)
    names = [c.get("name") for c in root.iter("testcase")]
    assert len(names) == 6
    assert [n.split(":")[0] for n in names] == [
        "seed 1",
        "seed 1",
        "seed 2",
        "seed 2",
        "seed 3",
        "seed 3",
    ]
    assert sum(c.find("failure") is not None for c in root.iter("testcase")) == 3


def test_a_run_without_expectations_still_reports_one_case(tmp_path):
    out = tmp_path / "report.xml"
    assert (
        main(["run", str(FIXTURES / "tiny_school.yaml"), "--until", "0:20", "--junit", str(out)])
        == 0
    )
    root = _check_shape(out)
    assert [c.get("name") for c in root.iter("testcase")] == ["seed 1: the run finished"]


def test_repeated_names_are_made_unique_and_text_xml_cannot_hold_is_replaced():
    cases = [Case("lvl.s", "seed 1: x"), Case("lvl.s", "seed 1: x", "got \x01 bad", "m\x02")]
    root = ET.fromstring(junit_xml("suite\x00", cases).split("\n", 1)[1])
    assert [c.get("name") for c in root.iter("testcase")] == ["seed 1: x", "seed 1: x #2"]
    assert root.find("testsuite").get("name") == "suite\ufffd"
    assert "\ufffd" in root.find("testsuite/testcase/failure").text


@pytest.mark.parametrize("make", [lambda p: p.mkdir() or p])
def test_a_junit_path_that_is_a_folder_exits_2_before_running(tmp_path, capsys, make):
    folder = make(tmp_path / "dir")
    assert main(["run", "--script", str(GOOD), "--junit", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "is a folder" in captured.err and "Key times" not in captured.out
