"""Chart text measured at load as drawn, stop 18: the load-time checks and chart heights take
the chart font's advances (not characters × half the size), and a donut's labels are laid out
by the same measure when drawn, so that a warning says what the drawing shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.charts.donut_layout import Layout
from briefing.charts.donut_leaders import least_apart, segments_apart
from briefing.charts.registry import WIDTH_MARGIN, text_width
from briefing.loader import load_spec

from .conftest import assert_figure_warning, draw_as_built, text_boxes
from .test_charts_donut import VENDORS, drawn, problems, spec
from .test_charts_stop18_donut import (
    ONE_COLUMN,
    SLIVERS,
    TALLEST,
    TWO_BIG,
    donut_spec,
    long_names,
)


def drawn_plan(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    """Return the plan the journal donut of the spec at path is drawn by, and what is wrong
    with its drawing (see `problems`)."""
    plans = []
    plan = Layout.plan

    def kept(self: Layout, height: float) -> object:
        plans.append(plan(self, height))
        return plans[-1]

    monkeypatch.setattr(Layout, "plan", kept)
    wrong = problems(drawn(path, "journal"))
    return plans[-1], wrong


def test_seven_slivers_of_sixty_letter_names_that_overprint_are_the_located_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Estimated at half the size a character, the labels fitted the journal column's 207pt
    # in four lines each; drawn, they wrapped to five and overprinted (22 pairs) unwarned.
    path = donut_spec(tmp_path, long_names(60, SLIVERS), "journal", None)
    assert_figure_warning(capsys, path, "x", TALLEST, "shorten the slice names or keep "
                          f"fewer slices, or give the chart 'aspect: 1.16'{ONE_COLUMN}\n")
    plan, wrong = drawn_plan(path, monkeypatch)
    assert plan.last_resort
    assert any(" overlaps " in problem for problem in wrong), wrong
    assert problems(drawn(path, "journal", aspect=1.16)) == []  # (as the hint says)


def test_a_donut_whose_labels_fit_as_drawn_is_no_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 48-letter names around two big slices at aspect 0.9: warned about at load ("too
    # short for the slice labels"), drawn with every label and leader in place.
    path = donut_spec(tmp_path, long_names(48, TWO_BIG), "journal", 0.9)
    assert load_spec(path).warnings == []
    plan, wrong = drawn_plan(path, monkeypatch)
    assert not plan.last_resort
    assert wrong == []


def test_the_warning_on_a_crowded_donut_is_what_its_drawing_shows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 45-letter names around two big slices at aspect 0.9: no label overlaps another, but
    # the leaders of three slivers run closer than two leaders may (they read as one band),
    # which no layout avoids: the chart is drawn as the last resort, and the warning says so.
    path = donut_spec(tmp_path, long_names(45, TWO_BIG), "journal", 0.9)
    (warning,) = load_spec(path).warnings
    assert warning.message.startswith("aspect 0.9 makes the chart 230 x 207pt, too short for "
                                      "the slice labels beside the ring")
    plan, wrong = drawn_plan(path, monkeypatch)
    assert plan.last_resort
    assert wrong == []  # (no overlap, no crossing)
    leaders = [label.leader for label in plan.labels]
    closest = min(segments_apart(a, b, c, d) for i, one in enumerate(leaders)
                  for other in leaders[i + 1:]
                  for a, b in zip(one, one[1:], strict=False)
                  for c, d in zip(other, other[1:], strict=False))
    assert closest < least_apart(load_spec(path).theme.chart.axis_width)


@pytest.mark.parametrize(("length", "aspect"), [(39, None), (45, None), (48, None),
                                                (51, 0.9), (57, 0.9)])
@pytest.mark.parametrize("values", [TWO_BIG, SLIVERS], ids=["two-big", "slivers"])
def test_a_donut_is_warned_about_exactly_when_it_is_drawn_as_the_last_resort(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[float], length: int,
        aspect: float | None) -> None:
    # By the estimate, 48-letter names around two big slices without an aspect were warned
    # about and drew clean; 57-letter slivers at 0.9 were not, and overprinted (22 pairs).
    path = donut_spec(tmp_path, long_names(length, values), "journal", aspect)
    warned = any("slice labels" in w.message for w in load_spec(path).warnings)
    plan, wrong = drawn_plan(path, monkeypatch)
    assert warned == plan.last_resort
    if not warned:
        assert wrong == []


def test_text_widths_at_load_are_the_widths_drawn_regular_and_bold(tmp_path: Path) -> None:
    # The estimate was 10-20 % off either way ('Ministry' 30pt estimated, 25pt drawn).
    rows = [*VENDORS[:4], ("Ministry of IT & Telecom", 9), ("Wi-Fi, 4G/5G (LTE) – 100%", 7)]
    path = spec(tmp_path, rows, "{chart: donut, data: d, x: x, y: y, suffix: '%', "
                "highlight: [Huawei, 'Ministry of IT & Telecom'], title: T, alt: A}")
    brief = load_spec(path, theme="journal")
    options = brief.spec.sections[0].blocks[0].figure
    figure, renderer = draw_as_built(brief, options)
    texts = {text.get_text(): text for axes in figure.axes for text in axes.texts}
    weights = set()
    for text, box in text_boxes(figure, renderer):
        artist = texts[text]
        bold = artist.get_fontweight() == "bold"
        weights.add(bold)
        at_load = text_width(text, artist.get_fontsize(), brief.theme.fonts.chart, bold)
        assert box.width <= at_load <= box.width * 1.01, (text, at_load, box.width)
        assert at_load == pytest.approx(box.width * WIDTH_MARGIN, rel=0.003), text
    assert weights == {False, True}
