"""Line charts over dates: they build with their end labels, each beside its line's last point."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.cli import main
from briefing.loader import load_spec

from .test_charts_layout import drawn

FULL_DATES = "when,v\n2024-11-01,3\n2024-12-15,5\n2025-01-01,4.25\n"
MONTHS = "when,v\n2024-11,3\n2024-12,5\n2025-01,4.25\n"
TWO_SERIES = ("when,Broadband,Mobile\n2024-11-01,3,6\n2024-12-15,5,2\n"
              "2025-01-01,4,7\n2025-03-20,6,3\n")
TWO_SERIES_MONTHS = "when,Broadband,Mobile\n2024-11,3,6\n2024-12,5,2\n2025-01,4,7\n2025-02,6,3\n"


def write_spec(folder: Path, csv: str, y: str) -> Path:
    """Write a brief with one line chart of csv (x column `when`) and return its path."""
    (folder / "d.csv").write_text(csv)
    spec = folder / "spec.yaml"
    spec.write_text(
        "title: Lines over dates\ndate: 2025-05-15\n"
        "data:\n  d:\n    file: d.csv\n    source: Test\n"
        "sections:\n  - title: S\n    blocks:\n      - figure:\n"
        f"          chart: line\n          data: d\n          x: when\n          y: {y}\n"
        "          title: Lines over dates\n          alt: Line chart.\n")
    return spec


CASES = {
    "full-dates": (FULL_DATES, "v", ["4.25"]),
    "months": (MONTHS, "v", ["4.25"]),
    "two-series": (TWO_SERIES, "[Broadband, Mobile]", ["Broadband 6", "Mobile 3"]),
    "two-series-months": (TWO_SERIES_MONTHS, "[Broadband, Mobile]", ["Broadband 6", "Mobile 3"]),
}


@pytest.mark.parametrize(("csv", "y", "labels"), CASES.values(), ids=CASES.keys())
def test_line_over_dates_builds_with_end_labels(csv: str, y: str, labels: list[str],
                                                tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_JOBS", "1")
    spec = write_spec(tmp_path, csv, y)
    assert main(["build", str(spec), "-o", str(tmp_path / "out")]) == 0
    text = PdfReader(tmp_path / "out" / "spec.pdf").pages[0].extract_text()
    for label in labels:
        assert label in text


@pytest.mark.parametrize("csv", [TWO_SERIES, TWO_SERIES_MONTHS], ids=["full-dates", "months"])
def test_end_labels_sit_beside_the_last_points(csv: str, tmp_path: Path) -> None:
    brief = load_spec(write_spec(tmp_path, csv, "[Broadband, Mobile]"))
    figure, boxes = drawn(brief, "Lines over dates")
    axes = figure.axes[0]
    ends = {line.get_color(): axes.transData.transform(line.get_xydata()[-1])
            for line in axes.get_lines()}
    for text in axes.texts:
        x, y = ends[text.get_color()]
        box = dict(boxes)[text.get_text()]
        assert x < box.x0 < x + 10
        assert box.y0 < y < box.y1


@pytest.mark.parametrize(("csv", "ticks"), [
    (MONTHS, ["Nov 2024", "Dec", "2025"]),  # whole months, and the year told once
    (FULL_DATES, ["Nov 2024", "15", "Dec", "15", "Jan 2025"]),
    ("when,v\n2019-03-01,3\n2024-12-31,6\n", ["2020", "2021", "2022", "2023", "2024", "2025"]),
    # days written without a leading zero: '08' reads as a month
    ("when,v\n2024-03-01,3\n2024-03-28,6\n", ["Mar 2024", "5", "9", "13", "17", "21", "25"]),
], ids=["months", "days", "years", "weeks"])
def test_a_time_axis_tells_the_year(csv: str, ticks: list[str], tmp_path: Path) -> None:
    figure, _ = drawn(load_spec(write_spec(tmp_path, csv, "v")), "Lines over dates")
    axis = figure.axes[0].xaxis
    low, high = figure.axes[0].get_xlim()
    shown = [(tick.get_loc(), tick.label1.get_text()) for tick in axis.get_major_ticks()]
    assert [text for loc, text in shown if low <= loc <= high] == ticks


def test_dated_labels_add_the_year_to_months_only() -> None:
    import datetime as dt

    from briefing.charts.dateaxis import dated_labels

    dates = [dt.date(2024, 12, 1), dt.date(2024, 12, 15), dt.date(2025, 1, 1),
             dt.date(2025, 1, 15)]
    assert dated_labels(["Dec", "15", "Jan", "15"], dates) == ["Dec 2024", "15", "Jan 2025", "15"]
    assert dated_labels(["15", "Jan", "15"], dates[1:]) == ["15", "Jan 2025", "15"]


def test_centuries_of_months_get_as_many_ticks_as_fit(tmp_path: Path) -> None:
    months = "".join(f"{year}-{month:02d},{year % 7}\n" for year in range(1850, 2025)
                     for month in (1, 7))
    figure, _ = drawn(load_spec(write_spec(tmp_path, "when,v\n" + months, "v")),
                      "Lines over dates")
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    shown = [t for t in axes.xaxis.get_major_ticks() if low <= t.get_loc() <= high]
    assert 3 <= len(shown) <= 8  # a tick every ten years gave 18 overlapping labels
