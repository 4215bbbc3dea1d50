"""Timelines: labels stacked on one side of the axis read in date order, farther from the
axis later; text never shrinks below a readable size, and labels that still do not fit are a
located warning."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from briefing.charts.timeline import least_size
from briefing.loader import load_spec

from .conftest import assert_figure_warning, line_of, write_timelines
from .test_charts_layout import clipped, drawn, overlapping
from .test_charts_timeline_order import many_events
from .test_charts_timeline_stems import MONTHLY, THIRTY_YEARS, stems, stems_through_labels

MONTHS_APART = [  # fourteen events one to five months apart, of two to eight words
    ("2018-02", "Signed plan"),
    ("2018-04", "Passed reports data cabinet signed national"),
    ("2018-06", "Policy auction spectrum reports"),
    ("2018-09", "Digital cabinet spectrum ministry programme cloud"),
    ("2018-10", "Plan cabinet digital joint bill auction"),
    ("2019-01", "Passed national cloud auction programme"),
    ("2019-02", "Spectrum digital tender"),
    ("2019-07", "Signed plan programme"),
    ("2019-08", "Senate statement protection spectrum"),
    ("2019-09", "National comment cabinet broadband bill"),
    ("2019-12", "Plan joint auction protection ministry programme cloud passed"),
    ("2020-01", "Broadband signed generators bill"),
    ("2020-06", "Digital approves statement data broadband cloud sites"),
    ("2020-07", "Reports sites generators"),
]
TIMELINES = {  # title: events that stacked a later label under an earlier one
    "12 monthly events": MONTHLY,
    "Thirty years": THIRTY_YEARS,
    "Fourteen events months apart": MONTHS_APART,
}


def axis_height(figure) -> float:
    """Return the height of a drawn timeline's axis line in the figure, in points."""
    axes = figure.axes[0]
    line = next(line for line in axes.get_lines() if len(set(line.get_ydata())) == 1
                and len(set(line.get_xdata())) > 1)
    return axes.transData.transform((0, line.get_ydata()[0]))[1]


def out_of_date_order(figure, boxes) -> list[tuple[str, str]]:
    """Return (earlier, later) for every two labels on one side of the axis, one over the
    other (their widths overlap), of which the later stands nearer the axis."""
    axis = axis_height(figure)

    def distance(box) -> float:  # from the axis, the label's near edge
        return box.y0 - axis if box.y0 >= axis else axis - box.y1

    assert len(stems(figure)) == len(boxes)  # labels in date order, one per stem
    return [(a.split("\n")[0], b.split("\n")[0])
            for (a, p), (b, q) in combinations(boxes, 2)
            if (p.y0 >= axis) == (q.y0 >= axis) and p.x0 < q.x1 and q.x0 < p.x1
            and distance(q) < distance(p)]


@pytest.fixture(scope="module", params=["policy", "journal", "letter"])
def brief(request, tmp_path_factory):
    return load_spec(write_timelines(tmp_path_factory.mktemp("order"), TIMELINES),
                     theme=request.param)


@pytest.mark.parametrize("title", list(TIMELINES))
def test_labels_stacked_on_one_side_read_in_date_order(brief, title: str) -> None:
    # In the journal column 'Apr 2024' stood under 'Mar 2024' and 'Jul 2024' under
    # 'Jun 2024', and 'Apr 2015' under 'Jul 2013' in every theme: a label turned to run the
    # other way from its stem lets the later one stack beyond it.
    figure, boxes = drawn(brief, title)
    assert len(boxes) == len(TIMELINES[title])
    assert out_of_date_order(figure, boxes) == []
    assert stems_through_labels(figure, boxes) == []
    assert overlapping(boxes) == []
    assert clipped(figure, boxes) == []


def crowded_spec(folder: Path, count: int, theme: str, **options: object) -> Path:
    """Write a brief in theme of one timeline, "Crowded", of count events (with options)
    and return its path."""
    return write_timelines(folder, {"Crowded": many_events(count)}, theme=theme, **options)


@pytest.mark.parametrize("count", [50, 80])
def test_labels_that_fit_no_layout_are_a_located_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int) -> None:
    # 50 events in the journal column were drawn at full size with 44 labels cut off, 80
    # shrank to 0.37 pt; neither said anything.
    path = crowded_spec(tmp_path, count, "journal")
    assert_figure_warning(
        capsys, path, "label",
        f"the {count} event labels do not fit in 230 x 207pt even at 5pt: some are cut off",
        "keep fewer events or shorten their labels, or give the chart a taller 'aspect' (up "
        "to 3)")


@pytest.mark.parametrize("theme", ["policy", "journal", "letter"])
def test_a_timeline_of_eight_events_is_no_warning(tmp_path: Path, theme: str) -> None:
    rows = MONTHLY[:8]
    brief = load_spec(write_timelines(tmp_path, {"Eight events": rows}), theme=theme)
    assert brief.warnings == []


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_the_labels_of_eighty_events_are_no_smaller_than_the_least_size(
        tmp_path: Path, theme: str) -> None:
    brief = load_spec(crowded_spec(tmp_path, 80, theme))
    figure, boxes = drawn(brief, "Crowded")
    assert len(boxes) == 80
    least = least_size(brief.theme.sizes.small)
    assert least >= 5
    sizes = {text.get_fontsize() for text in figure.axes[0].texts}
    assert min(sizes) >= least - 1e-9, sizes
    # as the PDF sets them: each line of a label at least the least size's leading apart
    leading = 1.15 * least
    assert [text for text, box in boxes
            if box.height / len(text.split("\n")) < leading - 0.01] == []


def test_labels_on_one_day_too_many_for_the_least_size_are_a_warning(tmp_path: Path) -> None:
    # 25 events on one day fitted the journal column only at 2 pt: now at the least size,
    # the labels that do not fit cut off, and said
    rows = [("2024-05-01", f"Event {n} on the day") for n in range(25)]
    path = write_timelines(tmp_path, {"One busy day": rows})
    brief = load_spec(path, theme="journal")
    assert [(w.location.line, w.where, w.message) for w in brief.warnings] == [
        (line_of(path, "label"), "sections[0].blocks[0].figure.label",
         "the 25 event labels do not fit in 230 x 207pt even at 5pt: some are cut off")]
    figure, boxes = drawn(brief, "One busy day")
    assert min(text.get_fontsize() for text in figure.axes[0].texts) == 5
    assert overlapping(boxes) == []
    assert stems_through_labels(figure, boxes) == []


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_an_aspect_that_cuts_labels_off_is_one_warning(tmp_path: Path, theme: str) -> None:
    # it was two: the labels cut off, and the aspect "9% of the 2636pt its content needs",
    # hinting at an aspect of 5.81 (3 is the most) after seconds of stacking every label
    path = crowded_spec(tmp_path, 80, theme, aspect=0.5)
    assert [w.where for w in load_spec(path).warnings] == [
        "sections[0].blocks[0].figure.label"]
