"""Timeline stems: no stem runs through another event's label, dense or on one date."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import pytest

from briefing.loader import load_spec

from .conftest import ROOT, write_timelines
from .test_charts_layout import EDGES, clipped, drawn, overlapping

MONTHS = ["CPADE launched by 160+ partners", "Spectrum auction plan published for comment",
          "Cloud-first policy approved by the cabinet", "Ranked 100th of 111 on mobile speed",
          "Digital Nation Pakistan Act passed", "Submarine cable cut slows traffic nationwide",
          "Firewall trials reported", "X (Twitter) blocked nationwide",
          "National AI policy drafted", "Huawei ICT competition final",
          "5G auction postponed again", "China–Pakistan Joint Statement"]
THIRTY_YEARS = [
    ("1996-01", "PTA established"), ("2000-06", "IT policy"),
    ("2004-01", "Mobile boom begins"), ("2013-07", "CPEC agreed"),
    ("2014-04", "3G/4G auction"), ("2015-04", "CPEC launched with $46bn of projects"),
    ("2018-01", "Cross-border fibre link completed"),
    ("2021-08", "Digital Pakistan policy"), ("2024-12", "5G plan")]
MONTHLY = [(f"2024-{month:02}", event) for month, event in enumerate(MONTHS, 1)]
"""MONTHS, one a month through 2024."""
TIMELINES = {  # title: (highlight, [(date, event)]), dense, spread out or on one date
    "12 monthly events": ("China–Pakistan Joint Statement", MONTHLY),
    "12 events in two weeks": ("Firewall trials reported",
                               [(f"2024-05-{day:02}", event) for day, event in
                                zip([1, 2, 3, 5, 6, 8, 9, 10, 12, 13, 14, 15], MONTHS,
                                    strict=True)]),
    "Thirty years": ("CPEC launched with $46bn of projects", THIRTY_YEARS),
    "Long labels": (None, [(f"2024-{month:02}", "The Ministry of Information Technology and "
                            f"Telecom announces a national plan number {month}")
                           for month in range(1, 7)]),
    "Same date x5": (None, [("2024-05-01", f"Event number {n} on the same day")
                            for n in range(5)]),
}


def stems(figure) -> list[tuple[float, float, float]]:
    """Return the (x, low y, high y) of every stem, in points, in the order of the events."""
    axes = figure.axes[0]
    found = []
    for line in axes.get_lines():
        xs, ys = line.get_xdata(), line.get_ydata()
        if len(xs) == 2 and xs[0] == xs[1]:
            (x, low), (_, high) = axes.transData.transform([(xs[0], min(ys)), (xs[1], max(ys))])
            found.append((x, low, high))
    return found


def stems_through_labels(figure, boxes) -> list[tuple[str, str]]:
    """Return (event, label) for every stem that runs through another event's label box,
    or passes within a point of its side."""
    lines = stems(figure)
    assert len(lines) == len(boxes)
    return [(boxes[i][0].split("\n")[0], text.split("\n")[0])
            for i, (x, low, high) in enumerate(lines) for j, (text, box) in enumerate(boxes)
            if i != j and box.x0 - 1 < x < box.x1 + 1
            and min(high, box.y1) - max(low, box.y0) > 0.5]


@pytest.fixture(scope="module", params=["policy", "journal", "letter"])
def brief(request, tmp_path_factory):
    path = write_timelines(tmp_path_factory.mktemp("timelines"),
                           {title: events for title, (_, events) in TIMELINES.items()},
                           highlights={title: highlight for title, (highlight, _)
                                       in TIMELINES.items() if highlight})
    return load_spec(path, theme=request.param)


@pytest.mark.parametrize("title", list(TIMELINES))
def test_no_stem_runs_through_another_events_label(brief, title: str) -> None:
    figure, boxes = drawn(brief, title)
    assert len(boxes) == len(TIMELINES[title][1])
    assert stems_through_labels(figure, boxes) == []
    assert overlapping(boxes) == []
    assert clipped(figure, boxes) == []


@pytest.mark.parametrize("theme", ["policy", "journal", "letter"])
@pytest.mark.parametrize(("spec", "title"), [
    (EDGES, "A crowded timeline"),
    (ROOT / "templates" / "briefs" / "china-pakistan-ict.yaml",
     "Ten months of plans, reports and commitments"),
])
def test_shipped_timelines_keep_stems_clear_of_labels(spec: Path, title: str,
                                                      theme: str) -> None:
    figure, boxes = drawn(load_spec(spec, theme=theme), title)
    assert stems_through_labels(figure, boxes) == []
    assert overlapping(boxes) == []
    assert clipped(figure, boxes) == []


def test_many_events_on_one_date_shrink_to_fit_the_narrow_column(tmp_path: Path) -> None:
    # too many for the height at any size tried first: smaller text is tried until they fit
    # (25 fitted only at 2 pt, under the least size: see test_charts_timeline_stop17)
    events = [("2024-05-01", f"Event {n} on the day") for n in range(12)]
    path = write_timelines(tmp_path, {"One busy day": events})
    figure, boxes = drawn(load_spec(path, theme="journal"), "One busy day")
    assert len(boxes) == 12
    assert stems_through_labels(figure, boxes) == []
    assert overlapping(boxes) == []
    assert clipped(figure, boxes) == []


def side_by_side(boxes, gap: float) -> list[tuple[str, str]]:
    """Return the pairs of labels that share a line's height and stand less than gap apart."""
    return [(a.split("\n")[0], b.split("\n")[0])
            for (a, p), (b, q) in combinations(boxes, 2)
            if min(p.y1, q.y1) - max(p.y0, q.y0) > 0.5 and max(p.x0, q.x0) - min(p.x1, q.x1)
            < gap]


@pytest.mark.parametrize("title", list(TIMELINES))
def test_labels_side_by_side_in_dense_timelines_are_apart(brief, title: str) -> None:
    # Kept only the vertical gap apart (3.4 pt), two labels at one height read as one line,
    # as 'Submarine cable landing Fibre Optic Programme' did.
    figure, boxes = drawn(brief, title)
    assert side_by_side(boxes, 0.8 * brief.theme.sizes.small) == []


@pytest.mark.parametrize("theme", ["policy", "journal", "letter"])
def test_the_dots_of_events_days_apart_do_not_cover_each_other(theme: str,
                                                               tmp_path: Path) -> None:
    # 1, 2 and 3 February on an axis of a year stood 0.6 pt apart: one dot hid the next
    # (the highlighted one among them) and their stems read as one line.
    events = [(day, f"Event of {day}") for day in (
        "2024-01-10", "2024-02-01", "2024-02-02", "2024-02-03", "2024-06-15", "2024-12-20")]
    path = write_timelines(tmp_path, {"Close days": events}, highlight="Event of 2024-02-02")
    brief = load_spec(path, theme=theme)
    figure, boxes = drawn(brief, "Close days")
    dots = sorted(line.get_xdata()[0] for line in figure.axes[0].get_lines()
                  if len(line.get_xdata()) == 1)
    diameter = 2 * 0.3 * brief.theme.sizes.small
    assert len(dots) == 6 and min(b - a for a, b in pairwise(dots)) >= diameter + 1
    assert stems_through_labels(figure, boxes) == [] and overlapping(boxes) == []
    assert clipped(figure, boxes) == []
