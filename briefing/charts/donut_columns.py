"""Stacking a donut's labels in a column on each side of its ring (for donut_layout.py)."""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from .donut_text import GAP


class Bounds(NamedTuple):
    """Where a label may stand, in points above the ring's centre."""

    wanted: float
    """Where a leader out along the slice's middle bends to it."""
    lowest: float
    highest: float
    """How far a slanted leader can reach while still pointing away from the ring."""
    height: float
    """The label's own height."""


def pushed_apart(column: list[Bounds]) -> list[float]:
    """Return where the labels of one side stand: where they want to, those above the
    ring's waist pushed up and those below pushed down until none overlap."""
    ys = [bounds.wanted for bounds in column]
    spacing = _spacing(column)
    waist = next((k for k, y in enumerate(ys) if y < 0), len(ys))
    for _ in range(2):
        for k in range(waist - 2, -1, -1):
            ys[k] = max(ys[k], ys[k + 1] + spacing[k])
        for k in range(waist + 1, len(ys)):
            ys[k] = min(ys[k], ys[k - 1] - spacing[k - 1])
        if 0 < waist < len(ys):  # the two labels at the waist share their overlap
            overlap = spacing[waist - 1] - (ys[waist - 1] - ys[waist])
            if overlap > 0:
                ys[waist - 1] += overlap / 2
                ys[waist] -= overlap / 2
    return ys


def _spacing(column: list[Bounds]) -> list[float]:
    """Return the least distance between the middles of each two neighbouring labels."""
    return [(a.height + b.height) / 2 + GAP for a, b in pairwise(column)]


def window(columns: dict[int, list[Bounds]], ys: dict[int, list[float]], radius: float,
           space: float, up: float, down: float) -> tuple[float, dict[int, list[float]]] | None:
    """Return how far above the ring's centre the chart's top is, and where the labels
    stand pushed together to fit space points from top to bottom; None if they cannot.

    up and down are how far the labels reach above and below the ring's centre where they
    stand pushed apart; the top first tried takes from each in proportion to how far it
    reaches beyond the ring."""
    beyond = up + down - 2 * radius
    guess = up - (up + down - space) * (up - radius) / beyond if beyond > 0 else radius
    tops = [guess] + [radius + (space - 2 * radius) * k / 16 for k in range(17)]
    for top in sorted(tops, key=lambda t: abs(t - guess)):
        if radius - 0.01 <= top <= space - radius + 0.01:
            packed = {side: _packed(column, ys[side], top, top - space)
                      for side, column in columns.items()}
            if all(packed.values()):
                return top, packed  # type: ignore[return-value]
    return None


def _packed(column: list[Bounds], ys: list[float], top: float, bottom: float
            ) -> list[float] | None:
    """Return the labels of one side moved as little as they must from ys to lie between
    top and bottom and within their bounds, still apart; None if they cannot."""
    spacing = _spacing(column)
    highs = [min(bounds.highest, top - bounds.height / 2) for bounds in column]
    lows = [max(bounds.lowest, bottom + bounds.height / 2) for bounds in column]
    for k in range(1, len(column)):
        highs[k] = min(highs[k], highs[k - 1] - spacing[k - 1])
    for k in range(len(column) - 2, -1, -1):
        lows[k] = max(lows[k], lows[k + 1] + spacing[k])
    if any(low > high + 1e-6 for low, high in zip(lows, highs, strict=True)):
        return None
    return [min(max(y, low), high) for y, low, high in zip(ys, lows, highs, strict=True)]


def squeezed(column: list[Bounds], ys: list[float], top: float, bottom: float) -> list[float]:
    """Return the labels of one side moved from ys to lie between top and bottom, their
    spacing shrunk evenly (so they overlap) where they are too many for the height."""
    high, low = top - column[0].height / 2, bottom + column[-1].height / 2
    if len(ys) == 1 or ys[0] - ys[-1] > high - low:
        span = ys[0] - ys[-1]
        return [(high + low) / 2 if span <= 0 else low + (y - ys[-1]) / span * (high - low)
                for y in ys]
    shift = min(0.0, high - ys[0]) + max(0.0, low - ys[-1])
    return [y + shift for y in ys]
