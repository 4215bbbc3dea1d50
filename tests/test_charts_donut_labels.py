"""Donut labels and leaders as a reader sees them: leaders of thin slices apart, slices left
out and layouts that fall short said aloud, labels clear of the source line and within the
figure."""

from __future__ import annotations

import math
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from .test_charts_donut import THEMES, distance, drawn, label_of, name_of, problems, spec

SLIVERS = [("Very large share of something", 97.5), ("Tiny", 0.5), ("Smaller", 0.25),
           ("Tiniest", 0.01)]
"""Three slivers side by side just before 12 o'clock: their middles under 1 pt apart."""
SLIVER_FIGURE = "{chart: donut, data: d, x: x, y: y, suffix: '%', title: Slivers, alt: A}"


def segments_apart(a, b, c, d) -> float:
    """Return the distance between two segments that do not cross."""
    return min(distance(a, c, d), distance(b, c, d), distance(c, a, b), distance(d, a, b))


@pytest.mark.parametrize("theme", THEMES)
def test_the_leaders_of_slivers_side_by_side_keep_a_visible_gap(tmp_path: Path, theme: str
                                                                 ) -> None:
    # Their leaders left the ring at the slivers' middles, 0.5-0.6 pt apart: two 0.6 pt
    # lines read as one thick one.
    donut = drawn(spec(tmp_path, SLIVERS, SLIVER_FIGURE), theme)
    assert problems(donut) == []
    assert len(donut.leaders) == len(SLIVERS)
    for k, m in combinations(range(len(donut.leaders)), 2):
        gap = min(segments_apart(a, b, c, d) for a, b in pairwise(donut.leaders[k])
                  for c, d in pairwise(donut.leaders[m]))
        assert gap >= 2.0, (label_of(donut, k), label_of(donut, m), gap)
    # each still leaves the ring at its slice, or within that gap of it
    cx, cy = donut.centre
    for k, leader in enumerate(donut.leaders):
        x, y = leader[0]
        turn = math.degrees(math.atan2(x - cx, y - cy)) % 360
        middle = donut.turns[name_of(donut, label_of(donut, k))]
        off = min(abs(turn - middle), 360 - abs(turn - middle))
        assert math.radians(off) * (donut.radius + 1) <= 2.1, (label_of(donut, k), off)
