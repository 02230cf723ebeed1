"""Event-log fingerprints of every shipped script over some seeds, to prove a refactor changes nothing.

Run `python tests/log_hashes.py 1-5 > before.txt`, change the code, run again and compare the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.sessions.batch import parse_seeds  # noqa: E402
from game.sessions.runner import run_script  # noqa: E402
from game.sessions.script import load_script  # noqa: E402


def shipped_scripts() -> list[Path]:
    """Every shipped script, in a fixed order."""
    return sorted((ROOT / "levels" / "scripts").glob("*/*.yaml"))


def fingerprints(seeds: tuple[int, ...]) -> list[str]:
    """One line per script and seed: the script, the seed and the event log's sha256."""
    lines = []
    for path in shipped_scripts():
        script = load_script(path)
        for seed in seeds:
            result = run_script(script, seed=seed)
            lines.append(f"{path.relative_to(ROOT).as_posix()} {seed} {result.event_log_sha256}")
    return lines


if __name__ == "__main__":
    print("\n".join(fingerprints(parse_seeds(sys.argv[1] if len(sys.argv) > 1 else "1-5"))))
