"""Exports: CSV (sessions and findings), JSON, and the printable HSEEP-shaped after-action report."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from records_data import JANE, record, screened_out

from game.records.export_csv import findings_csv, findings_path, sessions_csv, write_csv
from game.records.export_html import report_html
from game.records.model import Trainee
from game.records.picture_svg import picture_svg
from game.records.plain import FORMAT, session_to_dict


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_row_per_session_and_a_findings_file_with_a_row_per_ledger_entry(tmp_path):
    sessions = [replace(record(), id=1), replace(screened_out(), id=2)]
    path = tmp_path / "out" / "records.csv"
    _, findings, count = write_csv(sessions, path)
    assert findings == tmp_path / "out" / "records-findings.csv" == findings_path(path)
    rows = _rows(path.read_text(encoding="utf-8"))
    assert [r["session_id"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first["trainee"] == "Jane Doe" and first["badge"] == "4471"
    assert first["level"] == "tiny_school" and first["seed"] == "7"
    assert int(first["A_points"]) == sessions[0].category("A").points
    assert first["A_max"] == "350" and first["rating"] == sessions[0].rating
    assert rows[1]["hard_failures"] == "HF1" and rows[1]["rating"] == "U"
    found = _rows(findings.read_text(encoding="utf-8"))
    assert len(found) == count == len(sessions[0].findings) + len(sessions[1].findings)
    hf = [r for r in found if r["rule"] == "HF1"]
    assert hf and hf[0]["session_id"] == "2" and hf[0]["sources"] == "S16; S17"
    assert "Region 1 SWAT" in hf[0]["source_titles"]
    assert path.read_bytes().count(b"\r\n") == len(rows) + 1


def test_csv_text_cannot_run_as_a_spreadsheet_formula():
    sneaky = record(Trainee(3, '=HYPERLINK("http://x")', "-1"))
    row = _rows(sessions_csv([sneaky]))[0]
    assert row["trainee"].startswith("'=") and row["badge"] == "'-1"
    assert _rows(findings_csv([sneaky]))[0]["trainee"].startswith("'=")


def test_json_holds_every_session_whole():
    made = replace(record(), id=4)
    data = session_to_dict(made)
    assert json.loads(json.dumps(data)) == data
    assert data["trainee"] == {"id": 0, "name": "Jane Doe", "badge": "4471"}
    assert len(data["ledger"]) == len(made.findings) and data["replay"] == made.replay
    assert {c["id"] for c in data["categories"]} == {"A", "B", "C", "D", "E", "F"}
    assert FORMAT == "rapid-response-trainer-records"


def test_the_after_action_report_has_the_hseep_shape():
    made = replace(screened_out(), id=9)
    page = report_html([made])
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for heading in (
        "Exercise overview",
        "Overall rating",
        "Core capability ratings",
        "Strengths",
        "Areas for improvement",
        "Improvement plan",
        "Timeline",
        "The path taken",
        "Ledger",
    ):
        assert heading in text, heading
    assert "Unable to perform (U)" in text and "Screen-outs" in text
    assert "Your round hit a bystander." in text
    for category in made.categories:
        assert category.capability in text and category.title in text
    for finding in made.findings:
        for source in finding.sources:
            assert f"[{source}]" in text
    assert page.count("<svg") >= 2 and "<polyline" in page
    assert "<script" not in page.lower() and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_report_is_well_formed_and_escapes_what_people_typed():
    evil = record(Trainee(5, "<script>alert(1)</script> & Co", ""))
    page = report_html([replace(evil, id=1), replace(screened_out(), id=2)])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    body = page.split("<body>", 1)[1].split("</body>", 1)[0]
    ET.fromstring("<body>" + body.replace("&nbsp;", " ") + "</body>")
    assert page.count("<article") == 3  # the cover list and one report per session
    assert 'id="s1-0-concealment"' in page and 'id="s2-0-concealment"' in page


def test_an_empty_selection_gives_a_report_that_says_so():
    assert "No sessions match" in report_html([])


def test_the_path_picture_marks_start_end_and_the_wounded():
    made = record()
    svg = picture_svg(made.picture)
    assert svg.count("<svg") == len(made.picture.floors) + 8  # the floors and the legend swatches
    assert "<title>start</title>" in svg and "<title>end</title>" in svg
    if made.picture.wounded:
        assert "a person was wounded here" in svg
    root = ET.fromstring(svg.split('<div class="map">', 1)[1].split("</div>", 1)[0])
    assert root.tag.endswith("svg") and root.get("viewBox").startswith("0 0 ")
    points = root.find("{http://www.w3.org/2000/svg}polyline").get("points").split()
    assert len(points) == len(
        [p for p in made.picture.path if p[0] == made.picture.floors[0].floor]
    )


def test_a_session_without_a_path_says_so():
    assert "No path was recorded" in picture_svg(replace(record(JANE).picture, floors=()))
