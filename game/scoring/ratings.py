"""HSEEP-style ratings (doctrine §6, §7.2): P >= 85 %, S 70-84 %, M 50-69 %, U < 50 %."""

from __future__ import annotations

RATING_WORDS: dict[str, str] = {
    "P": "Performed",
    "S": "Performed with some challenges",
    "M": "Performed with major challenges",
    "U": "Unable to perform",
}
"""The plain words a trainee sees beside each rating letter."""

BANDS: tuple[tuple[str, float], ...] = (("P", 85.0), ("S", 70.0), ("M", 50.0), ("U", 0.0))
"""Each rating with the lowest percentage that earns it, best first."""


def rating(points: int, max_points: int) -> str:
    """The rating letter for points out of a maximum."""
    if max_points <= 0:
        return "P"
    percent = 100.0 * points / max_points
    for letter, lowest in BANDS:
        if percent >= lowest:
            return letter
    return "U"


def label(letter: str) -> str:
    """The plain words with the letter beside them, as the debrief shows a rating: "Performed (P)"."""
    return f"{RATING_WORDS[letter]} ({letter})"


def worst(*letters: str) -> str:
    """The lowest of some rating letters (P best, U worst)."""
    order = [letter for letter, _ in BANDS]
    return max(letters, key=order.index)


def ceiling(letter: str, max_points: int) -> int:
    """The most points out of a maximum that still rate no better than this letter."""
    top = max_points
    while top > 0 and worst(rating(top, max_points), letter) != rating(top, max_points):
        top -= 1
    return top
