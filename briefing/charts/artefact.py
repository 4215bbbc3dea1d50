"""The drawn chart: a one-page vector PDF, its size and its alt text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    """A drawn chart: a one-page vector PDF of exactly width × height points, and its alt text."""

    pdf: bytes
    width: float
    height: float
    alt: str
