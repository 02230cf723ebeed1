"""The after-action report as one printable HTML file, in the HSEEP AAR/IP shape (doctrine §6, §7.7).

Each session is one report: exercise overview, overall rating and screen-outs, the capability
ratings, strengths, areas for improvement, the improvement plan (with blank cells for the instructor),
the timeline against the benchmarks, the path picture (inline SVG), the ledger with its sources, and a
sign-off block. Everything is escaped; the file needs no network, script or image file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.records.model import SessionRecord
from game.records.picture_svg import picture_svg
from game.records.plain import local_time, trainee_text
from game.scoring import CATEGORIES, RATING_WORDS, RULES, SOURCES
from game.scoring.improvement import DRILLS
from game.sessions.summary import MOMENTS
from game.sessions.times import seconds_clock

STYLE = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0;
       background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
article { page-break-after: always; break-after: page; }
article:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; border-bottom: 1.5px solid #222; margin: 6mm 0 2mm; padding-bottom: 1mm; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: #444;
          margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
th, td { border: 1px solid #888; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
tr, li, figure { page-break-inside: avoid; break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
.facts th { width: 32%; }
.rating { font-size: 14pt; font-weight: 700; margin: 1mm 0; }
.r-P { color: #0d652d; } .r-S { color: #5b6b00; } .r-M { color: #9a5b00; } .r-U { color: #a50e0e; }
.screenout { border: 2px solid #a50e0e; padding: 2mm 3mm; margin: 2mm 0; }
.note { color: #444; font-style: italic; }
.pos { color: #0d652d; } .neg { color: #a50e0e; }
.fill { min-width: 22mm; }
figure.path { margin: 2mm 0; }
figure.path .map svg { width: 100%; height: auto; max-height: 120mm; border: 1px solid #888; }
figcaption { font-size: 9pt; color: #333; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm;
            font-size: 8.5pt; }
ul.legend svg { vertical-align: middle; }
.sign td { height: 12mm; }
footer { font-size: 8pt; color: #444; margin-top: 4mm; word-break: break-all; }
.cover td, .cover th { font-size: 9.5pt; }
.cover td:nth-child(2) { white-space: nowrap; }
"""


def report_html(records: Sequence[SessionRecord], title: str = "") -> str:
    """The whole document: a cover list when there are several sessions, then one report each."""
    heading = title or (
        f"After-action report: {records[0].level_title}"
        if len(records) == 1
        else "After-action reports"
    )
    body = []
    if not records:
        body.append(
            '<article><h1>After-action reports</h1><p class="note">'
            "No sessions match the filters.</p></article>"
        )
    if len(records) > 1:
        body.append(_cover(records))
    body += [_report(record) for record in records]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _cover(records: Sequence[SessionRecord]) -> str:
    rows = "".join(
        f"<tr><td class='num'>{r.id}</td><td>{escape(local_time(r.started_at))}</td>"
        f"<td>{escape(trainee_text(r))}</td><td>{escape(r.level_title)}</td>"
        f"<td class='num'>{r.seed}</td><td class='r-{escape(r.rating)}'>{escape(r.rating)}</td>"
        f"<td class='num'>{_score(r)}</td><td>{escape(', '.join(r.hard_failures) or '-')}</td></tr>"
        for r in records
    )
    return (
        '<article class="cover"><p class="kicker">After-Action Reports / Improvement Plans</p>'
        f"<h1>{len(records)} training sessions</h1><table><thead><tr><th class='num'>Session</th>"
        "<th>Date</th><th>Trainee</th><th>Scenario</th><th class='num'>Seed</th><th>Rating</th>"
        f"<th class='num'>Score</th><th>Screen-outs</th></tr></thead><tbody>{rows}</tbody></table>"
        "</article>"
    )


def _report(r: SessionRecord) -> str:
    sections = [
        '<p class="kicker">After-Action Report / Improvement Plan</p>',
        f"<h1>{escape(r.level_title)}</h1>",
        _overview(r),
        _overall(r),
    ]
    if not r.complete:
        sections.append(
            '<p class="note">This result was imported from the earlier records file, which kept '
            "only the best score per level: it has no ledger, clocks or path.</p>"
        )
    else:
        sections += [
            _capabilities(r),
            _list_section("3. Strengths", r.strengths, "No rule was earned nearly in full."),
            _list_section(
                "4. Areas for improvement", r.improvements, "No area for improvement was found."
            ),
            _plan(r),
            _timeline(r),
            "<h2>7. The path taken</h2>" + picture_svg(r.picture, f"s{r.id}"),
            _ledger(r),
            _sources(r),
        ]
    sections += [_sign_off(), _footer(r)]
    return f'<article id="session-{r.id}">' + "\n".join(sections) + "</article>"


def _overview(r: SessionRecord) -> str:
    variant = ", ".join(f"{escape(g)} = {escape(o)}" for g, o in r.variant) or "none"
    minutes = seconds_clock(r.duration_seconds)
    rows = [
        ("Trainee", escape(r.trainee.name) if r.trainee else escape(trainee_text(r))),
        (
            "Badge / employee number",
            escape(r.trainee.badge) if r.trainee and r.trainee.badge else "-",
        ),
        ("Date and time", escape(local_time(r.started_at))),
        ("Scenario", f"{escape(r.level_title)} ({escape(r.level_id)})"),
        ("Seed and variant", f"seed {r.seed}; {variant}"),
        ("Scenario time", f"{minutes} (m:ss); {escape(r.end_reason or 'ended')}"),
        (
            "Session",
            f"{r.id} ({escape(r.source.value)}{', script ' + escape(r.script_path) if r.script_path else ''})",
        ),
        ("Evaluation", "Automated rubric of the training priorities, every point with its source"),
    ]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<h2>Exercise overview</h2><table class="facts"><tbody>{body}</tbody></table>'


def _overall(r: SessionRecord) -> str:
    words = RATING_WORDS.get(r.rating, r.rating)
    parts = [
        "<h2>1. Overall rating</h2>",
        f'<p class="rating r-{escape(r.rating)}">{escape(words)} ({escape(r.rating)})</p>',
        f"<p>Score {_score(r)}.</p>",
    ]
    hf = [f for f in r.findings if f.category == "HF"]
    if hf:
        items = "".join(
            f"<li><strong>{escape(f.rule)}</strong> at {escape(f.time)}: {escape(f.message)} "
            f"{escape(_cite(f.sources))}</li>"
            for f in hf
        )
        parts.append(
            '<div class="screenout"><strong>Screen-outs (critical errors): the overall rating is '
            f"U whatever points were earned.</strong><ul>{items}</ul></div>"
        )
    elif r.hard_failures:
        parts.append(f"<p>Screen-outs: {escape(', '.join(r.hard_failures))}</p>")
    else:
        parts.append("<p>No screen-out (critical error).</p>")
    return "".join(parts)


def _capabilities(r: SessionRecord) -> str:
    rows = []
    for c in r.categories:
        rows.append(
            f"<tr><td>{escape(c.capability)}</td><td>{escape(c.id)} {escape(c.title)}</td>"
            f"<td class='num'>{c.points} / {c.max_points}</td>"
            f"<td class='r-{escape(c.rating)}'>{escape(RATING_WORDS.get(c.rating, c.rating))} "
            f"({escape(c.rating)})</td></tr>"
        )
    return (
        "<h2>2. Core capability ratings</h2><table><thead><tr><th>Core capability</th>"
        "<th>Objective (rubric category)</th><th class='num'>Points</th><th>Rating</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">Ratings: P performed without challenges (85% or more); S with some '
        "challenges (70-84%); M with major challenges (50-69%); U unable to be performed (below "
        "50%, or any screen-out).</p>"
    )


def _list_section(title: str, items: Sequence[str], empty: str) -> str:
    if not items:
        return f'<h2>{escape(title)}</h2><p class="note">{escape(empty)}</p>'
    lis = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<h2>{escape(title)}</h2><ul>{lis}</ul>"


def _plan(r: SessionRecord) -> str:
    rule_category = {rule.id: rule.category for rule in RULES}
    capability = {c.id: c.capability for c in CATEGORIES}
    rows = []
    for item in r.improvements:
        rule = _leading_rule(item, rule_category)
        hf = next((f for f in r.findings if f.category == "HF" and f.message in item), None)
        if hf is not None:
            rule = hf.rule
        category = rule_category.get(rule, "")
        action = DRILLS.get(rule) or DRILLS.get(category) or r.next_drill
        where = capability.get(category, "On-scene Security, Protection & Law Enforcement")
        rows.append((where, item, action))
    if not rows and r.next_drill:
        rows.append(("All", "Keep the standard: repeat under a new seed.", r.next_drill))
    cells = "".join(
        f"<tr><td>{escape(c)}</td><td>{escape(a)}</td><td>{escape(d)}</td>"
        "<td class='fill'></td><td class='fill'></td><td class='fill'></td></tr>"
        for c, a, d in rows
    )
    return (
        "<h2>5. Improvement plan</h2><table><colgroup><col style='width:20%'/>"
        "<col style='width:33%'/><col style='width:26%'/><col style='width:9%'/>"
        "<col style='width:6%'/><col style='width:6%'/></colgroup><thead><tr><th>Core capability</th>"
        "<th>Area for improvement</th><th>Corrective action (next drill)</th><th>Responsible</th>"
        f"<th>Start</th><th>Completed</th></tr></thead><tbody>{cells}</tbody></table>"
        f"<p><strong>Next drill:</strong> {escape(r.next_drill or '-')}</p>"
    )


def _timeline(r: SessionRecord) -> str:
    dispatch, arrival = r.clocks.get("dispatch"), r.clocks.get("arrival")
    rows = []
    for name, label in MOMENTS:
        at = r.clocks.get(name)
        since_dispatch = None if at is None or dispatch is None else at - dispatch
        since_arrival = None if at is None or arrival is None else at - arrival
        rows.append(
            f"<tr><td>{escape(label)}</td><td class='num'>{_clock(at)}</td>"
            f"<td class='num'>{_clock(since_dispatch, True)}</td>"
            f"<td class='num'>{_clock(since_arrival, True)}</td></tr>"
        )
    marks = []
    for b in r.benchmarks:
        met = b.get("met")
        verdict = "no such moment" if met is None else ("met" if met else "missed")
        actual = b.get("actual_seconds")
        target = b.get("benchmark_seconds")
        marks.append(
            f"<tr><td>{escape(str(b.get('label', '')))}</td>"
            f"<td class='num'>{'-' if actual is None else f'{round(actual)} s'}</td>"
            f"<td class='num'>{'-' if target is None else f'{round(target)} s'}</td>"
            f"<td class='{'pos' if met else 'neg' if met is False else ''}'>{verdict}</td>"
            f"<td>{escape(_cite(tuple(b.get('sources', ()))))}</td></tr>"
        )
    bench = (
        "<table><thead><tr><th>Benchmark</th><th class='num'>This run</th>"
        "<th class='num'>Benchmark</th><th>Verdict</th><th>Source</th></tr></thead>"
        f"<tbody>{''.join(marks)}</tbody></table>"
        if marks
        else ""
    )
    return (
        "<h2>6. Timeline</h2><table><thead><tr><th>Moment</th><th class='num'>From start</th>"
        "<th class='num'>From dispatch</th><th class='num'>From arrival</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{bench}"
    )


def _ledger(r: SessionRecord) -> str:
    rows = []
    for f in r.findings:
        kind = "pos" if f.points > 0 else "neg" if f.points < 0 else ""
        sources = "; ".join(f"[{s}] {SOURCES.get(s, '')}".strip() for s in f.sources)
        rows.append(
            f"<tr><td class='num'>{escape(f.time)}</td><td>{escape(f.rule)}</td>"
            f"<td class='num {kind}'>{f.points:+d}</td><td>{escape(f.message)}</td>"
            f"<td>{escape(sources) or '-'}</td></tr>"
        )
    if not rows:
        return '<h2>8. Ledger</h2><p class="note">The ledger is empty.</p>'
    return (
        "<h2>8. Ledger: every point, when, why, and the source</h2><table><colgroup>"
        "<col style='width:7%'/><col style='width:6%'/><col style='width:8%'/>"
        "<col style='width:47%'/><col style='width:32%'/></colgroup><thead><tr>"
        "<th class='num'>Time</th><th>Rule</th><th class='num'>Points</th><th>Observation</th>"
        f"<th>Source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _sources(r: SessionRecord) -> str:
    cited = sorted(
        {s for f in r.findings for s in f.sources},
        key=lambda s: (int("".join(ch for ch in s if ch.isdigit()) or 0), s),
    )
    if not cited:
        return ""
    items = "".join(f"<li>[{escape(s)}] {escape(SOURCES.get(s, ''))}</li>" for s in cited)
    return f"<h2>Sources cited</h2><ul>{items}</ul>"


def _sign_off() -> str:
    return (
        "<h2>Review</h2><table class='sign'><tbody>"
        "<tr><th>Instructor / evaluator</th><td></td><th>Date</th><td></td></tr>"
        "<tr><th>Trainee</th><td></td><th>Date</th><td></td></tr>"
        "</tbody></table>"
    )


def _footer(r: SessionRecord) -> str:
    return (
        f"<footer>Rapid Response Trainer {escape(r.app_version or '')}; event log sha256 "
        f"{escape(r.event_log_sha256 or '-')}; level sha256 {escape(r.level_sha256 or '-')}. "
        "The ledger is generated from the session's event log; the same level, seed and commands "
        "reproduce it exactly.</footer>"
    )


def _score(r: SessionRecord) -> str:
    if r.score is None:
        return "-"
    return f"{r.score} of {r.max_score}" if r.max_score else str(r.score)


def _cite(sources: Sequence[str]) -> str:
    return "".join(f"[{s}]" for s in sources)


def _clock(seconds: float | None, signed: bool = False) -> str:
    return escape(seconds_clock(seconds, signed=signed))


def _leading_rule(text: str, known: dict[str, str]) -> str:
    first = text.split(" ", 1)[0]
    return first if first in known else ""
