"""The client's benchmark report: what it prints of its figures."""

from __future__ import annotations

from game.client.benchmark import client_lines

_TIMES = {"median": 1.5, "p95": 2.0, "p99": 3.9, "worst": 5.0}
_FRAME = {
    "level": "campus_sro",
    "frames": 900,
    "cpu": _TIMES,
    "wall": _TIMES,
    "first_frame_cpu": 8.1,
}


def test_a_failed_review_measurement_is_reported_as_its_error_after_the_other_figures():
    failed = {"error": "the measuring process ended with status 1"}
    lines = client_lines(
        {"frame_ms": _FRAME, "startup_ms": {"best": 650.0}, "review_viewer": failed}
    )
    assert lines[0].startswith("Frame at 1280×720 on campus_sro, 900 frames")
    assert "3.90" in lines[1]
    assert lines[-1] == "Review viewer: the measuring process ended with status 1"
