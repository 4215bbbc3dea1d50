"""Donut charts: labels apart and in slice order, leaders that neither cross each other nor
pass over the ring, and the centre text inside the hole."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest

from briefing.loader import load_spec

from .conftest import ROOT, SPECS, draw_as_built

THEMES = ["policy", "journal", "letter"]
VENDORS = [("Huawei", 41), ("ZTE", 22), ("Ericsson", 15), ("Nokia", 12), ("Samsung", 5),
           ("Cisco", 2), ("Juniper Networks", 1), ("Other vendors", 2)]
"""Shares with slices of 1 and 2 % side by side just before 12 o'clock."""
AGENCIES = [("Ministry of Information Technology and Telecom", 30),
            ("Pakistan Telecommunication Authority (PTA)", 25),
            ("Special Technology Zones Authority of Pakistan", 20),
            ("National Information Technology Board", 15),
            ("Pakistan Software Export Board and partners", 8),
            ("Universal Service Fund Company (USF)", 2)]
"""Slice names long enough to squeeze the ring of a narrow column."""
VENDOR_FIGURE = ("{chart: donut, data: d, x: x, y: y, suffix: '%', highlight: Huawei, "
                 "center_label: 63%, center_note: Chinese vendors, title: Vendors, alt: A}")
AGENCY_FIGURE = ("{chart: donut, data: d, x: x, y: y, suffix: '%', center_label: 100%, "
                 "center_note: of budget allocated to ministries and agencies, "
                 "title: Agencies, alt: A}")
SHIPPED = [ROOT / "templates" / "briefs" / "china-pakistan-ict.yaml",
           SPECS / "charts" / "all-kinds.yaml", SPECS / "charts" / "edge-cases.yaml"]


@dataclass
class Donut:
    """A donut as drawn: its ring, its texts' extents and its leaders, in points."""

    width: float
    height: float
    centre: tuple[float, float]
    radius: float
    hole: float
    labels: list[tuple[str, Any]]
    centre_texts: list[tuple[str, Any, float]]
    leaders: list[list[tuple[float, float]]]
    turns: dict[str, float]
    """Degrees clockwise from 12 o'clock to the middle of each named slice."""


def spec(folder: Path, rows: list[tuple[str, float]], figure: str) -> Path:
    lines = "".join(f"      - {{x: {name!r}, y: {value}}}\n" for name, value in rows)
    path = folder / "spec.yaml"
    path.write_text("title: T\ndate: 2025-05-15\ndata:\n  d:\n    source: Test\n    rows:\n"
                    f"{lines}sections:\n  - title: S\n    blocks:\n      - figure: {figure}\n",
                    encoding="utf-8")
    return path


def drawn(path: Path, theme: str, title: str | None = None, aspect: float | None = None
          ) -> Donut:
    """Return the donut (titled title) of the spec at path, drawn as a build draws it."""
    from matplotlib.patches import Wedge

    brief = load_spec(path, theme=theme)
    options = next(b.figure for s in brief.spec.sections for b in s.blocks
                   if getattr(b, "figure", None) and b.figure.chart == "donut"
                   and title in (None, b.figure.title))
    if aspect is not None:
        options = options.model_copy(update={"aspect": aspect})
    dataset = brief.datasets[options.data]
    figure, renderer = draw_as_built(brief, options)
    width, height = (size * 72 for size in figure.get_size_inches())
    (axes,) = figure.axes
    ring = next(p for p in axes.patches if isinstance(p, Wedge))
    texts = [(t.get_text(), t.get_window_extent(renderer), t.get_fontsize(),
              t.get_horizontalalignment()) for t in axes.texts]
    values = [float(v) for v in dataset.values(options.y)]
    turns, start = {}, 0.0
    for name, value in zip(dataset.values(options.x), values, strict=True):
        turns[str(name)] = start + value / sum(values) * 180
        start += value / sum(values) * 360
    return Donut(width, height, ring.center, ring.r, ring.r - ring.width,
                 [(text, box) for text, box, _, ha in texts if ha != "center"],
                 [(text, box, size) for text, box, size, ha in texts if ha == "center"],
                 [[tuple(point) for point in line.get_xydata()] for line in axes.get_lines()],
                 turns)


def problems(donut: Donut) -> list[str]:
    """Return what is wrong with the donut's labels, leaders and centre text."""
    found = []
    boxes = donut.labels + [(text, box) for text, box, _ in donut.centre_texts]
    for (a, p), (b, q) in combinations(boxes, 2):
        if p.x0 < q.x1 and q.x0 < p.x1 and p.y0 < q.y1 and q.y0 < p.y1:
            found.append(f"{a!r} overlaps {b!r}")
    for text, box in boxes:
        if box.x0 < 0 or box.y0 < 0 or box.x1 > donut.width or box.y1 > donut.height:
            found.append(f"{text!r} is cut off")
    segments = [(k, a, b) for k, leader in enumerate(donut.leaders) for a, b in pairwise(leader)]
    for (k, a, b), (m, c, d) in combinations(segments, 2):
        if k != m and crossing(a, b, c, d):
            found.append(f"the leaders of {label_of(donut, k)!r} and {label_of(donut, m)!r} "
                         "cross")
    for k, a, b in segments:
        if distance(donut.centre, a, b) < donut.radius:
            found.append(f"the leader of {label_of(donut, k)!r} passes over the ring")
    half = donut.hole / math.sqrt(2)  # of the square inscribed in the hole
    (cx, cy) = donut.centre
    for text, box, _ in donut.centre_texts:
        if box.x0 < cx - half or box.x1 > cx + half or box.y0 < cy - half or \
                box.y1 > cy + half:
            found.append(f"the centre text {text!r} reaches out of the hole")
    return found


def label_of(donut: Donut, leader: int) -> str:
    """Return the text of the label the leader ends at."""
    end = donut.leaders[leader][-1]
    return min(donut.labels, key=lambda label: abs((label[1].y0 + label[1].y1) / 2 - end[1])
               + min(abs(label[1].x0 - end[0]), abs(label[1].x1 - end[0])))[0]


def crossing(a: Any, b: Any, c: Any, d: Any) -> bool:
    """Return whether segments ab and cd meet."""
    def turn(p: Any, q: Any, r: Any) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    if turn(a, b, c) * turn(a, b, d) <= 0 and turn(c, d, a) * turn(c, d, b) <= 0:
        return min(distance(a, c, d), distance(b, c, d), distance(c, a, b),
                   distance(d, a, b)) < 0.1 or (turn(a, b, c) * turn(a, b, d) < 0
                                                and turn(c, d, a) * turn(c, d, b) < 0)
    return False


def distance(p: Any, a: Any, b: Any) -> float:
    """Return the distance from point p to the segment ab."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) if length else 0
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def name_of(donut: Donut, text: str) -> str:
    return next(name for name in donut.turns if " ".join(text.split()).startswith(name))


@pytest.fixture
def vendors(tmp_path: Path) -> Path:
    return spec(tmp_path, VENDORS, VENDOR_FIGURE)


@pytest.mark.parametrize("theme", THEMES)
def test_small_slices_get_leaders_that_never_cross_or_pass_over_the_ring(vendors, theme):
    donut = drawn(vendors, theme)
    assert len(donut.leaders) == len(donut.labels) == len(VENDORS)
    assert problems(donut) == []


@pytest.mark.parametrize("theme", THEMES)
def test_labels_stand_on_each_side_in_slice_order(vendors, theme):
    donut = drawn(vendors, theme)
    cx = donut.centre[0]
    for side in (1, -1):
        column = sorted((label for label in donut.labels
                         if (label[1].x0 + label[1].x1) / 2 * side > cx * side),
                        key=lambda label: -label[1].y1)
        turns = [donut.turns[name_of(donut, text)] for text, _ in column]
        # clockwise down the right side, anticlockwise down the left; a slice just past
        # 12 o'clock may be labelled on the other side, at the top
        along = [(t - 360 if t > 315 else t) if side > 0 else -(t if t > 45 else t + 360)
                 for t in turns]
        assert along == sorted(along), [text for text, _ in column]


@pytest.mark.parametrize("theme", THEMES)
def test_a_leader_runs_out_from_its_slice_then_level_to_its_label(vendors, theme):
    donut = drawn(vendors, theme)
    cx, cy = donut.centre
    for k, leader in enumerate(donut.leaders):
        (x0, y0), (x1, y1), (x2, y2) = leader
        turn = math.radians(donut.turns[name_of(donut, label_of(donut, k))])
        middle = (math.sin(turn), math.cos(turn))  # the slice's middle, from the centre
        assert math.hypot(x0 - cx, y0 - cy) == pytest.approx(donut.radius + 1)
        assert (x0 - cx, y0 - cy) == pytest.approx(
            (middle[0] * (donut.radius + 1), middle[1] * (donut.radius + 1)))
        # out along the slice's middle, then level
        assert (x1 - x0) * middle[1] - (y1 - y0) * middle[0] == pytest.approx(0, abs=1e-6)
        assert (x1 - x0) * middle[0] + (y1 - y0) * middle[1] > 0
        assert y2 == y1
        box = next(box for text, box in donut.labels if text == label_of(donut, k))
        assert box.y0 < y2 < box.y1
        assert 1 <= min(abs(box.x0 - x2), abs(box.x1 - x2)) <= 3


@pytest.mark.parametrize(("theme", "aspect"), [("policy", 0.3), ("letter", 0.25),
                                               ("journal", 0.5)])
def test_labels_pushed_together_in_a_fixed_height_still_keep_clean_leaders(vendors, theme,
                                                                           aspect):
    donut = drawn(vendors, theme, aspect=aspect)
    assert donut.radius >= 49
    assert problems(donut) == []


@pytest.mark.parametrize("theme", THEMES)
def test_the_centre_text_fits_the_hole_of_a_ring_with_long_slice_names(tmp_path, theme):
    from briefing.theme import load_theme

    donut = drawn(spec(tmp_path, AGENCIES, AGENCY_FIGURE), theme)
    assert problems(donut) == []
    small = load_theme(theme).sizes.small
    (label, _, label_size), (note, _, note_size) = donut.centre_texts
    assert (label, " ".join(note.split())) == \
        ("100%", "of budget allocated to ministries and agencies")
    # shrunk only so far, in a ring that stays readable: its labels wrap instead
    assert label_size >= 1.25 * small
    assert note_size >= 0.85 * small
    assert donut.radius >= 44
    assert len(donut.labels) == len(AGENCIES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_shipped_donuts_stay_clean(path, theme):
    assert problems(drawn(path, theme)) == []


@pytest.mark.parametrize("theme", THEMES)
def test_a_long_centre_label_wraps_in_the_hole_of_an_ordinary_ring(tmp_path, theme):
    # Set on one line, 'Almost everything is one slice' grew the ring to 146 pt (policy), or
    # shrank to 4.9 pt (journal).
    from briefing.theme import load_theme

    rows = [("Very large share of something", 97.5), ("Tiny", 0.5), ("Smaller", 0.25),
            ("Tiniest", 0.01)]
    figure = ("{chart: donut, data: d, x: x, y: y, suffix: '%', center_label: Almost "
              "everything is one slice, center_note: a note, title: Long, alt: A}")
    donut = drawn(spec(tmp_path, rows, figure), theme)
    assert problems(donut) == []
    (label, _, size), _ = donut.centre_texts
    assert " ".join(label.split()) == "Almost everything is one slice"
    assert size >= 1.25 * load_theme(theme).sizes.small
    assert donut.radius <= 1.25 * 75
