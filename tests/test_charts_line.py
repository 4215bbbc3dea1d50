"""Line charts at the edges of their data: one point, all zeros, and lines that end close
together, whose end labels must stand apart yet beside their own lines."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from briefing.loader import load_spec

from .test_charts_layout import clipped, drawn, overlapping

THEMES = ["policy", "journal", "letter"]


def write_spec(folder: Path, rows: list[dict[str, object]], x: str, y: list[str]) -> Path:
    """Write a brief with one line chart titled 'Lines' of rows and return its path."""
    lines = "".join("    - {" + ", ".join(f"{k}: {v!r}" for k, v in row.items()) + "}\n"
                    for row in rows)
    spec = folder / "spec.yaml"
    spec.write_text(
        "title: Lines\ndate: '2025-05-15'\n"
        f"data:\n  d:\n    source: Test\n    rows:\n{lines}"
        "sections:\n  - title: S\n    blocks:\n      - figure:\n"
        f"          chart: line\n          data: d\n          x: {x}\n"
        f"          y: [{', '.join(y)}]\n"
        "          suffix: '%'\n          title: Lines\n          alt: Line chart.\n")
    return spec


def shown_ticks(axes, axis) -> list[str]:
    """Return the tick labels a reader sees on axis: those within the axes' limits."""
    low, high = sorted(axis.get_view_interval())
    return [tick.label1.get_text() for tick in axis.get_major_ticks()
            if low <= tick.get_loc() <= high and tick.label1.get_text()]


@pytest.mark.parametrize("theme", THEMES)
def test_one_year_gets_an_axis_around_it_not_two_centuries(theme: str, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, [{"year": 2024, "v": 5.0}], "year", ["v"])
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    axes = figure.axes[0]
    ticks = shown_ticks(axes, axes.xaxis)
    assert "2024" in ticks  # 1950, 2000, 2050, 2100 before
    assert all(abs(float(tick) - 2024) <= 2 for tick in ticks)
    assert "5%" in dict(boxes)  # the point is still labelled, inside the chart
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("when", "tick"), [("2024-03-01", "1 Mar 2024"),
                                            ("2024-03", "Mar 2024")], ids=["day", "month"])
def test_one_date_gets_an_axis_of_that_date(when: str, tick: str, theme: str,
                                            tmp_path: Path) -> None:
    spec = write_spec(tmp_path, [{"date": when, "v": 5.0}], "date", ["v"])
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    axes = figure.axes[0]
    assert shown_ticks(axes, axes.xaxis) == [tick]  # 'Jul 2022' to '2026' for one day before
    assert "5%" in dict(boxes)
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []


@pytest.mark.parametrize("theme", THEMES)
def test_all_zero_values_sit_on_the_baseline_of_an_axis_up_to_1(theme: str,
                                                                tmp_path: Path) -> None:
    rows = [{"year": year, "v": 0} for year in range(2015, 2025)]
    figure, boxes = drawn(load_spec(write_spec(tmp_path, rows, "year", ["v"]), theme=theme),
                          "Lines")
    axes = figure.axes[0]
    # not -0.05, -0.025, 0, 0.025, 0.05; as bars of zeros (a bare 0 gave no scale)
    assert shown_ticks(axes, axes.yaxis) == ["0", "1%"]
    line = axes.get_lines()[0]
    baseline = axes.get_window_extent().y0
    assert all(abs(y - baseline) < 0.5 for _, y in axes.transData.transform(line.get_xydata()))
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []


def crowded(count: int, last: float, step: float) -> list[dict[str, object]]:
    """Return ten years of count rising lines, the i-th ending at last + i * step."""
    return [{"year": 2015 + year, **{f"s{i}": round(last - 9 + year + i * step, 2)
                                     for i in range(count)}} for year in range(10)]


def end_labels(figure, boxes) -> list[tuple[float, float, float]]:
    """Return (end of its line, centre, height) of each end label, bottom line first."""
    axes = figure.axes[0]
    extents = dict(boxes)
    labels = []
    for text in axes.texts:
        end = axes.transData.transform((axes.convert_xunits(text.xy[0]), text.xy[1]))[1]
        box = extents[text.get_text()]
        labels.append((end, (box.y0 + box.y1) / 2, box.height))
    return sorted(labels)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("count", "step"), [(6, 0.3), (3, 0.05), (6, 0.0)],
                         ids=["six-close", "three-closer", "six-equal"])
def test_crowded_end_labels_stand_around_their_lines(count: int, step: float, theme: str,
                                                     tmp_path: Path) -> None:
    rows = crowded(count, 19, step)
    spec = write_spec(tmp_path, rows, "year", [f"s{i}" for i in range(count)])
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []
    labels = end_labels(figure, boxes)
    assert len(labels) == count
    # in the order of the lines' ends, each at most half the group's height from its end
    # (the highest line's label was 4.7 label heights above it)
    assert [centre for _, centre, _ in labels] == sorted(centre for _, centre, _ in labels)
    for end, centre, height in labels:
        assert abs(centre - end) <= (count - 1) / 2 * (height + 1) + 0.5
    # apart, not touching: touching, they read as one block of text
    extents = dict(boxes)
    stacked = sorted((extents[text.get_text()] for text in figure.axes[0].texts),
                     key=lambda box: box.y0)
    assert all(upper.y0 - lower.y1 >= 0.8 for lower, upper in pairwise(stacked))
    # pushed down as much as up: the group is centred on the ends it labels
    ends, centres = [end for end, _, _ in labels], [centre for _, centre, _ in labels]
    assert abs(sum(centres) / count - sum(ends) / count) < 1.0


@pytest.mark.parametrize("theme", THEMES)
def test_end_labels_crowded_at_zero_stay_above_the_years(theme: str, tmp_path: Path) -> None:
    rows = [{"year": 2015 + year, **{f"s{i}": round((9 - year) * (i + 1) / 10, 2)
                                     for i in range(5)}} for year in range(10)]
    spec = write_spec(tmp_path, rows, "year", [f"s{i}" for i in range(5)])
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []
    assert len(end_labels(figure, boxes)) == 5


@pytest.mark.parametrize("theme", THEMES)
def test_end_labels_of_lines_far_apart_stay_at_their_ends(theme: str, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, crowded(3, 10, 10), "year", ["s0", "s1", "s2"])
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    for end, centre, _ in end_labels(figure, boxes):
        assert abs(centre - end) < 0.5


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("values", [[-3, -3, -3], [-12, -8, -10]], ids=["constant", "below"])
def test_values_below_zero_get_an_axis_up_to_zero(theme: str, values: list[int],
                                                  tmp_path: Path) -> None:
    # a constant -3 had ticks -3.1, -3 and -2.9 round nothing; negative values had an axis
    # whose top was not 0, unlike positive ones, whose axis starts at 0
    rows = [{"year": 2020 + n, "v": v} for n, v in enumerate(values)]
    figure, boxes = drawn(load_spec(write_spec(tmp_path, rows, "year", ["v"]), theme=theme),
                          "Lines")
    axes = figure.axes[0]
    ticks = shown_ticks(axes, axes.yaxis)
    assert ticks[-1] == "0" and len(ticks) >= 2, ticks
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []


@pytest.mark.parametrize("theme", THEMES)
def test_an_end_label_near_the_bottom_stands_above_the_axis_line(theme: str,
                                                                 tmp_path: Path) -> None:
    # 'Fiscal balance -$46.1bn' sat on the axis line, which ran through it at smaller heights
    rows = [{"year": 2020 + n, "a": -1 - n, "b": -39 - 2 * n, "c": -40 - 2 * n}
            for n in range(4)]  # b and c end close together, at the axis' foot
    figure, boxes = drawn(load_spec(write_spec(tmp_path, rows, "year", ["a", "b", "c"]),
                                    theme=theme), "Lines")
    baseline = figure.axes[0].get_window_extent().y0
    label = next(box for text, box in boxes if text.startswith("C "))
    assert label.y0 >= baseline + 0.5


@pytest.mark.parametrize("theme", THEMES)
def test_lines_without_end_labels_are_named_in_a_legend(theme: str, tmp_path: Path) -> None:
    # with `labels: false` two unnamed lines could not be told apart
    rows = [{"year": 2020 + i, "broadband": 10.0 + i, "mobile": 50.0 + 3 * i} for i in range(5)]
    spec = write_spec(tmp_path, rows, "year", ["broadband", "mobile"])
    spec.write_text(spec.read_text().replace("          suffix:", "          labels: false\n"
                                             "          suffix:"))
    figure, boxes = drawn(load_spec(spec, theme=theme), "Lines")
    texts = dict(boxes)
    assert "Broadband" in texts and "Mobile" in texts
    assert not any(text.endswith("%") and " " in text for text in texts)  # no end labels
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []


def test_one_line_without_end_labels_gets_no_legend(tmp_path: Path) -> None:
    rows = [{"year": 2020 + i, "v": 10.0 + i} for i in range(5)]
    spec = write_spec(tmp_path, rows, "year", ["v"])
    spec.write_text(spec.read_text().replace("          suffix:", "          labels: false\n"
                                             "          suffix:"))
    figure, _ = drawn(load_spec(spec), "Lines")
    assert figure.axes[0].get_legend() is None
