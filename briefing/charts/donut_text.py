"""Measuring, wrapping and spacing a donut's texts (for donut_layout.py and donut_centre.py)."""

from __future__ import annotations

import math
from collections.abc import Callable

from .style import wrap_to

LEADING = 1.1
GAP = 2.0
"""Points between two labels, and between a leader and its label."""
PAD = 1.0
"""Points left free at the chart's edges, and inside the hole around the centre text."""

Measure = Callable[[str, float, bool], tuple[float, float]]
"""(text, size, bold) -> (width, height) in points of text set with the labels' leading."""


def wrap_within(measure: Measure, text: str, width: float, size: float, bold: bool = False,
                longest: float = math.inf) -> str:
    """Return text wrapped evenly to lines no wider than width where its words allow; a word
    wider than longest points (which nothing would leave room for) broken into pieces no
    wider than width."""
    if longest < math.inf and any(measure(word, size, bold)[0] > longest
                                  for word in text.split()):
        return _broken(measure, text, width, size, bold)
    chars = int(width / (size * 0.5))
    while True:
        wrapped = wrap_to(text, max(6, chars))
        if chars <= 6 or measure(wrapped, size, bold)[0] <= width:
            return wrapped
        chars = min(chars - 1, int(chars * 0.92))


def _broken(measure: Measure, text: str, width: float, size: float, bold: bool) -> str:
    """Return text wrapped greedily to lines no wider than width, each word wider than that
    on lines of its own, broken (without a hyphen) into pieces that are."""
    lines: list[str] = []
    for word in text.split():
        pieces = _pieces(measure, word, width, size, bold)
        if lines and len(pieces) == 1 and \
                measure(f"{lines[-1]} {word}", size, bold)[0] <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines += pieces
    return "\n".join(lines)


def _pieces(measure: Measure, word: str, width: float, size: float, bold: bool) -> list[str]:
    """Return word cut into as few pieces no wider than width as it can be, in order, of
    about as many letters each where that fits."""
    greedy = []
    rest = word
    while rest:
        fits, wider = 1, len(rest) + 1  # rest[:fits] fits (or is one letter); rest[:wider] not
        while wider - fits > 1:
            middle = (fits + wider) // 2
            if measure(rest[:middle], size, bold)[0] <= width:
                fits = middle
            else:
                wider = middle
        greedy.append(rest[:fits])
        rest = rest[fits:]
    step = -(-len(word) // len(greedy))
    even = [word[k:k + step] for k in range(0, len(word), step)]
    fits = len(even) == len(greedy) and all(measure(piece, size, bold)[0] <= width
                                             for piece in even)
    return even if fits else greedy


def sizes(largest: float, least: float) -> list[float]:
    """Return font sizes from largest down to least in half points."""
    found = [largest]
    while found[-1] - 0.5 >= least - 1e-9:
        found.append(found[-1] - 0.5)
    return found
