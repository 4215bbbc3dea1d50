"""Line charts at the edges of their data: one point, all zeros, and lines that end close
together, whose end labels must stand apart yet beside their own lines."""

from __future__ import annotations

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
def test_all_zero_values_sit_on_a_bare_baseline(theme: str, tmp_path: Path) -> None:
    rows = [{"year": year, "v": 0} for year in range(2015, 2025)]
    figure, boxes = drawn(load_spec(write_spec(tmp_path, rows, "year", ["v"]), theme=theme),
                          "Lines")
    axes = figure.axes[0]
    assert shown_ticks(axes, axes.yaxis) == ["0"]  # not -0.05, -0.025, 0, 0.025, 0.05
    line = axes.get_lines()[0]
    baseline = axes.get_window_extent().y0
    assert all(abs(y - baseline) < 0.5 for _, y in axes.transData.transform(line.get_xydata()))
    assert clipped(figure, boxes) == [] and overlapping(boxes) == []
