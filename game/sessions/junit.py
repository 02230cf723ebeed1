"""`run --junit FILE`: a run's expectations as JUnit XML, one test case per script, seed and expectation.

CI systems (Jenkins, GitLab, GitHub Actions reporters) read this shape: `<testsuites>` holding one
`<testsuite>` per script, each `<testcase>` named for its seed and expectation (unique within the
file), a failed one carrying `<failure message="...">` with the evidence and the way to reproduce it
in the element's body.
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.sessions.batch import BatchResult
from game.sessions.expectations import ExpectationResult
from game.sessions.replay import write_atomically
from game.sessions.runner import RunResult

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF)."""


@dataclass(frozen=True, slots=True)
class Case:
    """One test case: its name, its class (level and script), and its failure text when it failed."""

    classname: str
    name: str
    failure: str = ""
    message: str = ""


def run_cases(result: RunResult) -> list[Case]:
    """The test cases of one run."""
    return _cases(result.level.id, _script_name(result), result.seed, result.expectations, result)


def batch_cases(batch: BatchResult) -> list[Case]:
    """The test cases of a batch: every seed's expectations, in seed order."""
    script = _script_path(batch.script)
    cases: list[Case] = []
    for run in batch.runs:
        cases += _cases(batch.level.id, script, run.seed, run.expectations, None, run.end_reason)
    return cases


def junit_xml(
    suite: str, cases: list[Case], seconds: float = 0.0, properties: dict[str, str] | None = None
) -> str:
    """The JUnit XML document for one suite of test cases (names made unique)."""
    unique = _unique(cases)
    failures = sum(1 for case in unique if case.failure)
    root = ET.Element(
        "testsuites",
        name="rrt run",
        tests=str(len(unique)),
        failures=str(failures),
        errors="0",
        time=f"{seconds:.3f}",
    )
    element = ET.SubElement(
        root,
        "testsuite",
        name=_text(suite),
        tests=str(len(unique)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time=f"{seconds:.3f}",
        timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
    )
    if properties:
        props = ET.SubElement(element, "properties")
        for key, value in properties.items():
            ET.SubElement(props, "property", name=_text(key), value=_text(value))
    for case in unique:
        node = ET.SubElement(
            element, "testcase", classname=_text(case.classname), name=_text(case.name), time="0"
        )
        if case.failure:
            failure = ET.SubElement(
                node, "failure", message=_text(case.message), type="expectation"
            )
            failure.text = _text(case.failure)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(path: str | Path, result: RunResult | BatchResult, seconds: float = 0.0) -> int:
    """Write the JUnit file for a run or a batch atomically; returns the number of test cases."""
    if isinstance(result, BatchResult):
        cases = batch_cases(result)
        level, script = result.level, result.script
        seeds = ",".join(str(run.seed) for run in result.runs)
    else:
        cases = run_cases(result)
        level, script = result.level, result.script
        seeds = str(result.seed)
    suite = _script_path(script) or level.source_path or level.id
    properties = {"level": level.id, "level_path": level.source_path, "seeds": _short(seeds)}
    if script is not None:
        properties["script"] = script.path
    write_atomically(path, junit_xml(suite, cases, seconds, properties))
    return len(_unique(cases))


def _cases(
    level_id: str,
    script: str,
    seed: int,
    expectations: tuple[ExpectationResult, ...],
    result: RunResult | None,
    end_reason: str = "",
) -> list[Case]:
    classname = f"{level_id}.{Path(script).stem}" if script else level_id
    if not expectations:
        return [Case(classname, f"seed {seed}: the run finished")]
    cases = []
    for expectation in expectations:
        where = f" (line {expectation.line})" if expectation.line else ""
        name = f"seed {seed}: {expectation.expected}{where}"
        if expectation.ok:
            cases.append(Case(classname, name))
            continue
        place = (
            f"{script}:{expectation.line}" if script and expectation.line else script or level_id
        )
        ending = end_reason or (result.end_reason if result else "")
        body = [
            f"expected: {expectation.expected}",
            f"got: {expectation.evidence}",
            f"where: {place}",
            f"seed: {seed}" + (f" (the run ended: {ending})" if ending else ""),
        ]
        if script:
            body.append(f"reproduce: python main.py run --script {script} --seed {seed}")
        cases.append(Case(classname, name, "\n".join(body), expectation.message))
    return cases


def _unique(cases: list[Case]) -> list[Case]:
    """Cases with names unique per class: a repeated name gets " #2", " #3"..."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for case in cases:
        key = (case.classname, case.name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            case = Case(case.classname, f"{case.name} #{seen[key]}", case.failure, case.message)
        out.append(case)
    return out


def _script_name(result: RunResult) -> str:
    return _script_path(result.script)


def _script_path(script: object) -> str:
    return str(getattr(script, "path", "") or "") if script is not None else ""


def _short(text: str, limit: int = 2000) -> str:
    return text if len(text) <= limit else text[:limit] + ",..."


def _text(value: object) -> str:
    """Text XML can hold: characters it cannot are replaced."""
    return _NOT_XML.sub("\ufffd", str(value))


def junit_reporter(path: str) -> Callable[[RunResult | BatchResult], int] | int:
    """A hook for `run` that writes the JUnit file, or exit status 2 when the file cannot be written."""
    target = Path(path)
    if target.is_dir():
        print(f"run: --junit {path}: is a folder; give a file name", file=sys.stderr)
        return 2
    started = time.perf_counter()

    def report(result: RunResult | BatchResult) -> int:
        try:
            count = write_junit(target, result, time.perf_counter() - started)
        except OSError as error:
            print(
                f"run: --junit {path}: cannot write it: {error.strerror or error}", file=sys.stderr
            )
            return 2
        print(f"wrote {count} test cases to {path}", file=sys.stderr)
        return 0

    return report
