"""Measuring, wrapping and spacing a donut's texts (for donut_layout.py and donut_centre.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

LEADING = 1.1
GAP = 2.0
"""Points between two labels, and between a leader and its label."""
PAD = 1.0
"""Points left free at the chart's edges, and inside the hole around the centre text."""

Measure = Callable[[str, float, bool], tuple[float, float]]
"""(text, size, bold) -> (width, height) in points of text set with the labels' leading."""


def wrap_within(measure: Measure, text: str, width: float, size: float,
                bold: bool = False) -> str:
    """Return text wrapped evenly to lines no wider than width where its words allow."""
    chars = int(width / (size * 0.5))
    while True:
        wrapped = _wrapped(text, max(6, chars), size)
        if chars <= 6 or measure(wrapped, size, bold)[0] <= width:
            return wrapped
        chars = min(chars - 1, int(chars * 0.92))


@lru_cache(maxsize=4096)
def _wrapped(text: str, chars: int, size: float) -> str:
    """Return text wrapped as `style.wrap` does to lines of about chars characters."""
    from .style import wrap

    return wrap(text, (chars + 0.5) * size * 0.5, size)


def sizes(largest: float, least: float) -> list[float]:
    """Return font sizes from largest down to least in half points."""
    found = [largest]
    while found[-1] - 0.5 >= least - 1e-9:
        found.append(found[-1] - 0.5)
    return found
