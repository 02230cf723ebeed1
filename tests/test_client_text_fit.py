"""A line fitted to a width fits it in its own font, cut with an ellipsis only when it must be,
however often the same line is fitted again in another font or to another width."""

from __future__ import annotations

from game.client.text import Fonts, fit

LINE = "Position   IN COVER, running behind the lockers of the east corridor"


def test_a_line_fits_its_width_in_each_font_asked_in_turn(screen):
    fonts = Fonts(1.0)
    for _ in range(2):  # the second time from what was kept
        for role in ("small", "body", "heading", "title"):
            font = fonts.get(role)
            full = font.size(LINE)[0]
            for width in (full, full - 1, full // 2, 40, 5):
                fitted = fit(font, LINE, width)
                assert font.size(fitted)[0] <= width or fitted == ""
                assert fitted == LINE if width >= full else fitted.endswith("…") or fitted == ""


def test_the_same_line_is_cut_differently_for_a_larger_font(screen):
    small, title = Fonts(1.0).get("small"), Fonts(1.0).get("title")
    width = small.size(LINE)[0]
    assert fit(small, LINE, width) == LINE
    assert fit(title, LINE, width) != LINE
    assert fit(small, LINE, width) == LINE
