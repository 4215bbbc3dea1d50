"""Donut labels and leaders as a reader sees them: leaders of thin slices apart, slices left
out and layouts that fall short said aloud, labels clear of the source line and within the
figure."""

from __future__ import annotations

import math
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from .conftest import assert_figure_warning, write_brief
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


def figure_block(rows: list[tuple[str, float]], *options: str) -> tuple[str, str]:
    """Return (data, blocks) for write_brief: dataset d of rows and one donut figure over it,
    one option a line (so that each has a line of its own to be located at)."""
    data = "  d:\n    source: Test\n    rows:\n" + "".join(
        f"      - {{x: {name!r}, y: {value}}}\n" for name, value in rows)
    lines = ["chart: donut", "data: d", "x: x", "y: y", "title: Shares", "alt: Shares.",
             *options]
    block = "      - figure:\n" + "".join(f"          {line}\n" for line in lines)
    return data, block


def test_slices_of_zero_are_a_located_warning_that_names_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Solar and Wind (0) were left out of the ring and its labels without a word.
    data, block = figure_block([("Coal", 100), ("Solar", 0), ("Wind", 0)])
    path = write_brief(tmp_path, block, data=data)
    strict = assert_figure_warning(
        capsys, path, "y", "2 slices of 0 not drawn: 'Solar', 'Wind'\n",
        "a share of 0 has no slice to label: leave the rows out, or say in the caption or "
        "note that they are 0")
    assert ": error: sections[0].blocks[0].figure.y: 2 slices of 0 not drawn" in strict


def test_a_donut_without_slices_of_zero_says_nothing_about_them(tmp_path: Path) -> None:
    from briefing.loader import load_spec

    data, block = figure_block([("Coal", 100), ("Solar", 1)])
    assert load_spec(write_brief(tmp_path, block, data=data)).warnings == []


LONG_WORD = "PakistanTelecommunicationAuthorityRestructuringOrdinanceOfTwentyTwo"
"""A slice name of 67 letters and no space: wider than a journal column."""


@pytest.mark.parametrize("theme", THEMES)
def test_a_name_longer_than_any_label_can_be_is_broken_to_fit_the_figure(
        tmp_path: Path, theme: str) -> None:
    # In journal it ran 82 pt past the figure's right edge, and the ring with it.
    from briefing.loader import load_spec

    rows = [("Federal", 40), (LONG_WORD, 35), ("Provinces", 25)]
    data, block = figure_block(rows, "suffix: '%'")
    path = write_brief(tmp_path, block, data=data, theme=theme)
    assert load_spec(path).warnings == []
    donut = drawn(path, theme)
    assert problems(donut) == []
    long = next(text for text, _ in donut.labels if text.startswith(LONG_WORD[:6]))
    assert long.replace("\n", "") == f"{LONG_WORD}35%"  # in order, no hyphen, nothing lost
    assert donut.radius >= 40


@pytest.mark.parametrize(("theme", "aspect"), [("journal", 0.4), ("journal", 0.25)])
def test_labels_that_fit_no_layout_are_a_located_warning_and_stay_in_the_figure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], theme: str, aspect: float
        ) -> None:
    # Six long names in a journal column 92 pt tall: the last-resort layout cut labels, the
    # ring and the centre note off at the top and bottom, and said nothing.
    from .test_charts_donut import AGENCIES

    data, block = figure_block(AGENCIES, "suffix: '%'", "center_label: 100%",
                               f"aspect: {aspect}")
    path = write_brief(tmp_path, block, data=data, theme=theme)
    assert_figure_warning(
        capsys, path, "aspect", f"aspect {aspect:g} makes the chart 230 x ",
        "raise it to 0.66 or leave it out (the chart is then as tall as its labels need), "
        "or shorten the slice names")
    donut = drawn(path, theme)
    assert [found for found in problems(donut) if "cut off" in found] == []
    assert donut.height - donut.radius >= donut.centre[1] >= donut.radius


@pytest.mark.parametrize("theme", THEMES)
def test_the_lowest_label_keeps_the_clearance_a_bar_chart_keeps_above_the_source(
        tmp_path: Path, theme: str) -> None:
    # The source line is set a fixed space under every chart, so a chart's clearance from
    # it is its text's from the chart's bottom edge: the names under vertical bars stand
    # 1 pt above it (the pad every chart laid out by matplotlib keeps).
    from briefing.loader import load_spec

    from .conftest import draw_as_built, text_boxes
    from .test_charts_donut import VENDORS

    data, block = figure_block(VENDORS, "suffix: '%'")
    short, bars = figure_block([("A", 1), ("B", 2), ("C", 3)])
    bars = bars.replace("chart: donut", "chart: bar").replace("data: d", "data: e")
    path = write_brief(tmp_path, block + bars, data=data + short.replace("  d:", "  e:"),
                       theme=theme)
    brief = load_spec(path)
    lowest = {}
    for block_ in brief.spec.sections[0].blocks:
        figure, renderer = draw_as_built(brief, block_.figure)
        lowest[block_.figure.chart] = min(box.y0 for _, box in text_boxes(figure, renderer))
    assert lowest["donut"] >= lowest["bar"] - 0.05, lowest
