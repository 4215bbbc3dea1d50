"""Timelines of many events: planned in reasonable time, their labels still apart and clear
of stems, and labels stacked on one side of the axis in date order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.loader import load_spec

from .conftest import Events, write_timelines
from .test_charts_layout import clipped, drawn, overlapping
from .test_charts_timeline_stems import stems_through_labels

WORDS = ["Spectrum", "auction", "plan", "published", "for", "comment", "cabinet", "approves",
         "cloud", "policy", "fibre", "programme", "launched", "regulator", "reports", "sites",
         "without", "generators", "joint", "statement", "signed"]


def many_events(count: int) -> Events:
    """Return count events over five years, some on days and some in months, with labels of
    three to eight words."""
    rows = []
    for n in range(count):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=(n * 7919) % 1826)
        words = [WORDS[(n * 5 + k * 3) % len(WORDS)] for k in range(3 + n % 6)]
        rows.append((day.isoformat() if n % 3 else day.strftime("%Y-%m"),
                     " ".join(words).capitalize() + f" {n}"))
    return rows


def test_a_timeline_of_forty_events_keeps_its_labels_apart(tmp_path: Path) -> None:
    # Planning was about O(n⁴) (80 events took half a minute); planned faster, a big
    # timeline must still come out as a small one does.
    brief = load_spec(write_timelines(tmp_path, {"Forty events": many_events(40)}),
                      theme="policy")
    figure, boxes = drawn(brief, "Forty events")
    assert len(boxes) == 40
    assert overlapping(boxes) == []
    assert stems_through_labels(figure, boxes) == []
    assert clipped(figure, boxes) == []
