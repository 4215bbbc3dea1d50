"""Drawing every figure of a brief (placeholder until the chart builders land)."""

from __future__ import annotations

from dataclasses import dataclass

from ..loader import Brief


@dataclass(frozen=True)
class Chart:
    """A drawn chart: a one-page vector PDF of exactly width × height points, and its alt text."""

    pdf: bytes
    width: float
    height: float
    alt: str


def draw_charts(brief: Brief) -> dict[tuple[int, int], Chart]:
    """Return the chart of every figure, keyed by (section index, block index)."""
    return {}
