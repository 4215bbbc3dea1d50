"""A donut's leader lines: where they start, and whether they keep clear of the ring and of
each other (for donut_layout.py)."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

APART = 0.4
"""Points kept between two leaders: those of thin neighbouring slices start closer than
thicker lines could."""

Point = tuple[float, float]


def edge(radius: float, cos: float, sin: float) -> tuple[float, float]:
    """Return where a leader starts: just off the ring's outer edge, cos and sin along."""
    return (radius + 1) * cos, (radius + 1) * sin


def clean(leaders: list[list[Point]], centre: Point, radius: float) -> bool:
    """Return whether no leader passes over the ring and no two leaders meet."""
    segments = [(k, a, b) for k, points in enumerate(leaders) for a, b in pairwise(points)]
    if any(segment_distance(centre, a, b) < radius + 0.5 for _, a, b in segments):
        return False
    return not any(k != m and _near(a, b, c, d) and segments_apart(a, b, c, d) < APART
                   for (k, a, b), (m, c, d) in combinations(segments, 2))


def _near(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Return whether the boxes around segments ab and cd come within APART points."""
    return (min(a[0], b[0]) < max(c[0], d[0]) + APART
            and min(c[0], d[0]) < max(a[0], b[0]) + APART
            and min(a[1], b[1]) < max(c[1], d[1]) + APART
            and min(c[1], d[1]) < max(a[1], b[1]) + APART)


def segment_distance(p: Point, a: Point, b: Point) -> float:
    """Return the distance from point p to the segment from a to b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) if length else 0
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def segments_apart(a: Point, b: Point, c: Point, d: Point) -> float:
    """Return the distance between the segments ab and cd: 0 where they cross."""
    def turn(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    if turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0:
        return 0.0
    return min(segment_distance(a, c, d), segment_distance(b, c, d), segment_distance(c, a, b),
               segment_distance(d, a, b))
