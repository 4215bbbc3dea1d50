"""Bars of every kind at awkward sizes: one or two categories, names wrapped down the side or
under the bars, values that are all 0; and value axes whose ticks print fewer decimals than
the chart's labels. Measured on the drawn figure, as the build draws it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from .test_charts_rank_bar import THEMES, build_figure, near, value_axis_ticks


def tick_label_boxes(figure: Any, horizontal: bool) -> list[Any]:
    """Return the boxes in points of the value axis' tick labels a reader sees, in order."""
    axes = figure.axes[0]
    axis = axes.xaxis if horizontal else axes.yaxis
    low, high = sorted(axis.get_view_interval())
    renderer = figure._get_renderer()
    scale = 72 / figure.dpi
    return [tick.label1.get_window_extent(renderer).transformed(_scaled(scale))
            for tick in axis.get_major_ticks()
            if low - 1e-9 <= tick.get_loc() <= high + 1e-9 and tick.label1.get_text()]


def _scaled(scale: float) -> Any:
    from matplotlib.transforms import Affine2D

    return Affine2D().scale(scale)


# value axis ticks ------------------------------------------------------------------------

MBPS = [{"x": "Pakistan", "y": 45.678}, {"x": "India", "y": 70.12}, {"x": "China", "y": 90.5}]


@pytest.mark.parametrize("theme", THEMES)
def test_a_value_axis_gets_the_ticks_its_own_labels_leave_room_for(tmp_path: Path,
                                                                   theme: str) -> None:
    # The ticks print '25 Mbps', but their room was measured as '90.500 Mbps' (the chart's
    # three decimals): the journal column's axis showed only 0 and 50 Mbps.
    options = {"chart": "bar", "x": "x", "y": "y", "horizontal": True, "labels": False,
               "suffix": " Mbps", "decimals": 3}
    chart = build_figure(tmp_path, theme, options, MBPS)
    ticks = value_axis_ticks(chart.figure, True)
    assert len(ticks) >= 4, ticks
    assert all("." not in tick for tick in ticks), ticks  # whole ticks print no decimals
    size = chart.brief.theme.sizes.small
    boxes = tick_label_boxes(chart.figure, True)
    assert all(right.x0 - left.x1 >= size for left, right in itertools.pairwise(boxes))



# bar thickness ---------------------------------------------------------------------------

def bar_boxes(figure: Any) -> list[Any]:
    """Return the boxes in points of a drawn chart's bars (its legend's keys left out)."""
    scale = _scaled(72 / figure.dpi)
    return [patch.get_window_extent().transformed(scale) for patch in figure.axes[0].patches]


def name_boxes(chart: Any, names: list[str]) -> dict[str, Any]:
    """Return the box of each of names as printed (wrapped or not) beside or under its bars."""
    printed = {" ".join(text.split()): box for text, box in chart.boxes}
    return {name: printed[name] for name in names}


def across(box: Any, horizontal: bool) -> float:
    """Return a bar's thickness: across the direction it grows in."""
    return box.height if horizontal else box.width


def across_all(boxes: list[Any], horizontal: bool) -> float:
    """Return how thick bars side by side are together."""
    if horizontal:
        return max(box.y1 for box in boxes) - min(box.y0 for box in boxes)
    return max(box.x1 for box in boxes) - min(box.x0 for box in boxes)


def middle(boxes: list[Any], horizontal: bool) -> float:
    """Return where the middle of boxes together is, across the bars' direction."""
    if horizontal:
        return (min(box.y0 for box in boxes) + max(box.y1 for box in boxes)) / 2
    return (min(box.x0 for box in boxes) + max(box.x1 for box in boxes)) / 2


def slot_middle(figure: Any, position: int, horizontal: bool) -> float:
    """Return where in points the middle of the position-th category's slot is."""
    axes = figure.axes[0]
    point = axes.transData.transform((0, position) if horizontal else (position, 0))
    return float(point[1 if horizontal else 0]) * 72 / figure.dpi


KINDS = {"bar": {"chart": "bar", "x": "x", "y": "y"},
         "grouped_bar": {"chart": "grouped_bar", "x": "x", "y": ["y", "z"]},
         "stacked_bar": {"chart": "stacked_bar", "x": "x", "y": ["y", "z"]}}

COUNTRIES = ["Pakistan", "India", "Bangladesh", "Sri Lanka", "Nepal", "China", "Vietnam",
             "Indonesia"]


def country_rows(count: int, names: list[str] = COUNTRIES) -> list[dict[str, Any]]:
    return [{"x": name, "y": 12 + 3 * i, "z": 4 + i} for i, name in enumerate(names[:count])]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("horizontal", [False, True], ids=["vertical", "horizontal"])
def test_one_or_two_categories_get_bars_not_slabs(tmp_path: Path, theme: str, kind: str,
                                                  horizontal: bool) -> None:
    # One category's bar filled its slot: 118 pt wide in the journal column, 233 in policy,
    # and 53 pt thick drawn horizontally, where the bars of more categories are 11.
    options = {**KINDS[kind], "horizontal": horizontal}
    four = build_figure(tmp_path, theme, options, country_rows(4), "four")
    # the bars of four categories, as thick as those of more (a group of grouped bars)
    usual = max(across_all(group, horizontal) for group in category_bars(four.figure, 4))
    for count in (1, 2):
        chart = build_figure(tmp_path, theme, options, country_rows(count), f"n{count}")
        for position, group in enumerate(category_bars(chart.figure, count)):
            thickness = across_all(group, horizontal)
            # (horizontal: within the few tenths of a point by which a chart's rows vary
            # with what else shares its height; two grouped rows are a fifth thicker)
            most = 1.25 * usual if horizontal else usual + 0.5
            assert thickness <= most, (COUNTRIES[position], thickness, usual)
            # the bars stay in the middle of their slot, where their name's tick is
            assert abs(middle(group, horizontal) - slot_middle(chart.figure, position,
                                                               horizontal)) < 0.1


def category_bars(figure: Any, count: int) -> list[list[Any]]:
    """Return the boxes of each category's bars, category by category (the bars are drawn
    a series at a time, each series in the categories' order)."""
    bars = bar_boxes(figure)
    return [bars[position::count] for position in range(count)]


LONG = "Ministry of Information Technology and Telecommunication of Pakistan"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_wrapped_name_down_the_side_grows_its_row_not_its_bars(tmp_path: Path, theme: str,
                                                                 kind: str) -> None:
    # The rows of bars whose names wrap grew to the names' height, and the bars with them:
    # 33 pt thick in the journal column, against 12.5 for names on one line.
    options = {**KINDS[kind], "horizontal": True}
    short = build_figure(tmp_path, theme, options, country_rows(3), "short")
    names = [LONG, *COUNTRIES[1:3]]
    wrapped = build_figure(tmp_path, theme, options, country_rows(3, names), "wrapped")
    thickness = [across(box, True) for box in bar_boxes(short.figure)]
    for box in bar_boxes(wrapped.figure):
        assert across(box, True) <= max(thickness) + 0.3
    printed = name_boxes(wrapped, names)
    assert printed[LONG].height > 1.5 * wrapped.brief.theme.sizes.small  # it is wrapped
    rows = sorted(printed.values(), key=lambda box: box.y0)
    assert not any(near(a, b, 1.0) for a, b in itertools.pairwise(rows))  # and has its room


@pytest.mark.parametrize(("theme", "names"), [
    ("journal", ["International bandwidth per user", "Pakistan", "India"]),
    ("policy", ["Households with a computer at home", *COUNTRIES[:5]])])
@pytest.mark.parametrize("kind", list(KINDS))
def test_names_under_bars_take_the_lines_the_chart_is_given(tmp_path: Path, theme: str,
                                                            names: list[str],
                                                            kind: str) -> None:
    # The chart is made taller by the lines its wrapped names take at 0.9 of a slot, but
    # grouped and stacked bars wrapped them at 0.85: a line more, taken from the plot.
    short = build_figure(tmp_path, theme, KINDS[kind], country_rows(len(names)), "short")
    wrapped = build_figure(tmp_path, theme, KINDS[kind], country_rows(len(names), names),
                           "wrapped")
    lines = name_boxes(wrapped, names)[names[0]].height / name_boxes(short, [names[1]])[
        names[1]].height
    assert lines > 1.5  # the long name is wrapped
    plot = [chart.figure.axes[0].get_window_extent().height * 72 / chart.figure.dpi
            for chart in (short, wrapped)]
    assert plot[1] >= plot[0] - 1.0, plot


# values that are all zero ----------------------------------------------------------------

ZEROS = [{"x": name, "year": 2020 + i, "y": 0} for i, name in enumerate(COUNTRIES[:4])]


@pytest.mark.parametrize("theme", THEMES)
def test_lines_and_bars_of_zeros_get_the_same_value_axis(tmp_path: Path, theme: str) -> None:
    # Bars of zeros got an axis up to 1 (0 and 1%), a line of zeros a bare 0: no scale.
    bars = build_figure(tmp_path, theme, {"chart": "bar", "x": "x", "y": "y", "suffix": "%",
                                          "labels": False}, ZEROS, "bars")
    line = build_figure(tmp_path, theme, {"chart": "line", "x": "year", "y": "y",
                                          "suffix": "%"}, ZEROS, "line")
    ticks = value_axis_ticks(line.figure, False)
    assert ticks == value_axis_ticks(bars.figure, False) == ["0", "1%"]
    axes = line.figure.axes[0]  # the line lies on the zero baseline, drawn whole
    baseline = axes.get_window_extent().y0
    points = axes.transData.transform(axes.get_lines()[0].get_xydata())
    assert all(abs(y - baseline) < 0.5 for _, y in points)


@pytest.mark.parametrize(("figure", "warned"), [
    ("chart: bar\n          x: x\n          y: y\n", True),
    ("chart: line\n          x: year\n          y: [y, w]\n", True),
    ("chart: line\n          x: year\n          y: [y, v]\n", False)])
def test_a_chart_whose_values_are_all_zero_is_a_located_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], figure: str, warned: bool) -> None:
    from briefing.cli import main

    from .conftest import line_of, write_brief

    rows = "".join(f"      - {{x: {row['x']}, year: {row['year']}, y: 0, w: 0, v: {i}}}\n"
                   for i, row in enumerate(ZEROS))
    block = (f"      - figure:\n          {figure}          data: d\n"
             "          title: Nothing\n          alt: Nothing.\n")
    spec = write_brief(tmp_path, block, data=f"  d:\n    source: Test\n    rows:\n{rows}")
    out = str(tmp_path / "out.pdf")
    assert main(["build", str(spec), "-o", out, "-q"]) == 0
    err = capsys.readouterr().err
    y_line = line_of(spec, "y")
    located = f"{spec}:{y_line}:14: warning: sections[0].blocks[0].figure.y: every value of"
    assert (located in err) == warned, err
    if warned:
        assert "is 0: the chart shows nothing to compare" in err
        assert "hint: " in err.split(located)[1].splitlines()[1]
        assert main(["build", str(spec), "-o", out, "--strict"]) == 2
