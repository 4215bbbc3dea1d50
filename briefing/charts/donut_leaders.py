"""A donut's leader lines: where they start, and whether they keep clear of the ring and of
each other (for donut_layout.py)."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

from .style import spread as least_moved

WHITE = 1.5
"""Least white in points between two leaders side by side: about half a millimetre, which
shows in print and on screen at 100 % (2 px); closer, two thin lines read as one thick one."""

Point = tuple[float, float]


def least_apart(line: float) -> float:
    """Return the least distance in points between the middles of two leaders line points
    wide: WHITE points of white between them, or twice the line's width if that is more (two
    thick lines closer than that read as one band)."""
    return line + max(WHITE, 2 * line)


def spread(turns: list[float], radius: float, apart: float) -> list[float]:
    """Return where the leaders of slices whose middles are turns (degrees clockwise from 12
    o'clock, in ring order) leave a ring of radius points: at the middles, those of thin
    neighbouring slices moved apart as little as they must to start apart points apart."""
    if len(turns) < 2:
        return turns
    step = math.degrees(2 * math.asin(min(1.0, apart / (2 * (radius + 1)))))
    after = max(range(len(turns)), key=lambda k: (turns[k] - turns[k - 1]) % 360)
    order = list(range(after, len(turns))) + list(range(after))  # from the widest gap on
    unwrapped = [turns[k] + (360 if k < after else 0) for k in order]
    result = list(turns)
    for k, turn, moved in zip(order, unwrapped, least_moved(unwrapped, step), strict=True):
        result[k] = moved % 360 if moved != turn else turns[k]
    return result


def edge(radius: float, cos: float, sin: float) -> tuple[float, float]:
    """Return where a leader starts: just off the ring's outer edge, cos and sin along."""
    return (radius + 1) * cos, (radius + 1) * sin


def clean(leaders: list[list[Point]], centre: Point, radius: float, apart: float) -> bool:
    """Return whether no leader passes over the ring and any two leaders stay apart points
    apart."""
    segments = [(k, a, b) for k, points in enumerate(leaders) for a, b in pairwise(points)]
    if any(segment_distance(centre, a, b) < radius + 0.5 for _, a, b in segments):
        return False
    near = apart - 1e-6  # (leaders spread to start just apart points apart are apart)
    return not any(k != m and _near(a, b, c, d, near) and segments_apart(a, b, c, d) < near
                   for (k, a, b), (m, c, d) in combinations(segments, 2))


def _near(a: Point, b: Point, c: Point, d: Point, apart: float) -> bool:
    """Return whether the boxes around segments ab and cd come within apart points."""
    return (min(a[0], b[0]) < max(c[0], d[0]) + apart
            and min(c[0], d[0]) < max(a[0], b[0]) + apart
            and min(a[1], b[1]) < max(c[1], d[1]) + apart
            and min(c[1], d[1]) < max(a[1], b[1]) + apart)


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
