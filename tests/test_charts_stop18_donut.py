"""Donuts, stop 18: an aspect that crowds the slice labels out is one warning, on the aspect,
whose hint names only what gives them room; wrapping a label measures no more than it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.charts.donut_text import LEADING, wrap_within
from briefing.charts.registry import text_height, text_width
from briefing.loader import load_spec

from .conftest import assert_figure_warning, write_brief
from .test_charts_donut import AGENCIES, THEMES, VENDORS, drawn, problems
from .test_charts_donut_labels import figure_block

RAISE_OR_LEAVE_OUT = ("raise it to 0.66 or leave it out (the chart is then as tall as its "
                      "labels need), or shorten the slice names")
"""The hint for AGENCIES crowded out by an aspect in a journal column."""
LONG_NAMES = ["Ministry of Information Technology and Telecommunication Services",
              "Pakistan Telecommunication Authority and its regional offices (PTA)",
              "Special Technology Zones Authority of Pakistan and the provinces",
              "National Information Technology Board and federal e-government units",
              "Pakistan Software Export Board and its partner associations abroad",
              "Universal Service Fund Company (USF) and rural connectivity programmes",
              "Ignite National Technology Fund and its incubators in five cities",
              "Other ministries, divisions, attached departments and autonomous bodies"]


def donut_spec(folder: Path, rows: list[tuple[str, float]], theme: str,
               aspect: float | None) -> Path:
    """Write a brief in theme of one donut of rows (the aspect, if any, on a line of its
    own) and return its path."""
    options = ["suffix: '%'", "center_label: 100%"]
    data, block = figure_block(rows, *options, *([f"aspect: {aspect}"] if aspect else []))
    return write_brief(folder, block, data=data, theme=theme)


SLIVERS = [1] * 7 + [93]
"""Seven slivers of 1 % on the right of the ring, and one slice of the rest."""
TWO_BIG = [30, 1, 1, 1, 30, 1, 1, 35]
"""Two slivers of 1 % between big slices, on each side of the ring."""


def long_names(length: int, values: list[float]) -> list[tuple[str, float]]:
    """Return eight slices of values named by LONG_NAMES cut to length letters."""
    return [(name[:length], value) for name, value in zip(LONG_NAMES, values, strict=True)]


@pytest.mark.parametrize(("aspect", "height"), [(0.25, 57), (0.3, 69), (0.4, 92)])
def test_an_aspect_that_crowds_the_labels_out_is_one_warning_on_the_aspect(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], aspect: float, height: int
        ) -> None:
    # Six long names in a journal column: a warning on the slice names (x) that the labels
    # do not fit, and at 0.25 and 0.3 a second one on the aspect, for the one cause.
    path = donut_spec(tmp_path, AGENCIES, "journal", aspect)
    strict = assert_figure_warning(
        capsys, path, "aspect", f"aspect {aspect:g} makes the chart 230 x {height}pt, too "
        "short for the slice labels beside the ring: they may overlap or be cut off\n",
        RAISE_OR_LEAVE_OUT)
    assert len(load_spec(path).warnings) == 1
    assert strict.count(": error: ") == 1, strict
    assert ": warning: " not in strict


def test_the_aspect_the_hint_names_and_leaving_it_out_both_fit_the_labels(tmp_path: Path
                                                                          ) -> None:
    for folder, aspect in [("raised", 0.66), ("left-out", None)]:
        (tmp_path / folder).mkdir()
        path = donut_spec(tmp_path / folder, AGENCIES, "journal", aspect)
        assert load_spec(path).warnings == []
        assert problems(drawn(path, "journal")) == []


def test_the_hint_leaves_leaving_the_aspect_out_unsaid_where_that_crowds_the_labels_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Seven slivers of long names on one side: they need more than the 0.9 of the width a
    # chart without an aspect may have, and overprint in it.
    rows = long_names(54, SLIVERS)
    path = donut_spec(tmp_path, rows, "journal", 0.5)
    assert_figure_warning(
        capsys, path, "aspect", "aspect 0.5 makes the chart 230 x 115pt, too short for the "
        "slice labels beside the ring", "raise it to 1.17, or shorten the slice names\n")
    assert len(load_spec(path).warnings) == 1
    assert problems(drawn(path, "journal", aspect=1.17)) == []
    (tmp_path / "left-out").mkdir()
    left_out = donut_spec(tmp_path / "left-out", rows, "journal", None)
    assert problems(drawn(left_out, "journal")) != []


def test_labels_that_fit_no_layout_at_the_estimated_widths_still_name_the_aspect(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Estimated on the wide side, these labels fit no layout at any height; drawn, they
    # overprint at 0.9 and fit at 1.5. One warning, which names no aspect as enough.
    path = donut_spec(tmp_path, long_names(54, TWO_BIG), "journal", 0.9)
    assert_figure_warning(
        capsys, path, "aspect", "aspect 0.9 makes the chart 230 x 207pt, too short for the "
        "slice labels beside the ring", "shorten the slice names, or raise it (up to 3); a "
        "one-column theme gives the chart more width\n")
    assert len(load_spec(path).warnings) == 1
    assert problems(drawn(path, "journal")) != []
    assert problems(drawn(path, "journal", aspect=1.5)) == []


@pytest.mark.parametrize("theme", THEMES)
def test_an_aspect_that_fits_the_labels_is_no_warning(tmp_path: Path, theme: str) -> None:
    path = donut_spec(tmp_path, VENDORS, theme, 0.6)
    assert load_spec(path).warnings == []
    assert problems(drawn(path, theme)) == []


def test_an_aspect_well_under_the_labels_need_that_still_fits_them_keeps_its_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = donut_spec(tmp_path, VENDORS, "journal", 0.25)
    assert_figure_warning(
        capsys, path, "aspect", "aspect 0.25 makes the chart 57pt tall, 40% of the 145pt its "
        "content needs: its text may crowd or overprint", "raise it to 0.63, or leave it out "
        "and the chart is as tall as its content needs")
    assert len(load_spec(path).warnings) == 1


def test_slices_of_zero_and_crowding_labels_are_a_warning_each(tmp_path: Path) -> None:
    path = donut_spec(tmp_path, [*AGENCIES, ("Solar", 0)], "journal", 0.3)
    assert [(w.where.rsplit(".", 1)[-1], w.message.split(":")[0])
            for w in load_spec(path).warnings] == [
        ("y", "1 slice of 0 not drawn"),
        ("aspect", "aspect 0.3 makes the chart 230 x 69pt, too short for the slice labels "
         "beside the ring")]


class Counted:
    """A measure of text by arithmetic that keeps every text it is asked to measure."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str, size: float, bold: bool) -> tuple[float, float]:
        self.texts.append(text)
        return (text_width(text, size, "Source Sans Pro", bold),
                text_height(text.count("\n") + 1, size, LEADING))


def test_a_label_that_fits_as_first_wrapped_is_measured_once() -> None:
    # With no limit on a word's width, each word was measured too: four measures, not one.
    measure = Counted()
    text = "Pakistan Telecommunication Authority 25%"
    assert wrap_within(measure, text, 70, 7) == "Pakistan\nTelecommunication\nAuthority 25%"
    assert measure.texts == ["Pakistan\nTelecommunication\nAuthority 25%"]


def test_a_label_with_a_word_too_long_is_broken_without_being_wrapped_first() -> None:
    # The narrowing loop wrapped and measured the label ever narrower, all for nothing: a
    # word wider than the longest a label may be breaks it piece by piece instead.
    measure = Counted()
    word = "Telecommunicationsauthorityofpakistan"
    broken = wrap_within(measure, f"The {word} 25%", 60, 7, longest=80.0)
    assert broken.replace("\n", "").replace(" ", "") == f"The{word}25%"  # (nothing lost)
    assert all(text in f"The {word} 25%" for text in measure.texts), measure.texts


TALLEST = ("the slice labels do not fit beside the ring in 230 x 207pt, the tallest a donut "
           "without an aspect is: they may overlap or be cut off\n")
"""The warning of a journal donut without an aspect whose labels need more height."""
ONE_COLUMN = "; a one-column theme gives the chart more width"


def test_slivers_that_need_more_than_the_tallest_chart_are_a_warning_on_the_slice_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Without an aspect the chart stops at 0.9 of the column's width, 207pt, and seven
    # slivers of long names overprinted there (22 overlapping pairs) without a word.
    path = donut_spec(tmp_path, long_names(54, SLIVERS), "journal", None)
    assert_figure_warning(capsys, path, "x", TALLEST, "shorten the slice names or keep "
                          f"fewer slices, or give the chart 'aspect: 1.17'{ONE_COLUMN}\n")
    assert len(load_spec(path).warnings) == 1
    assert problems(drawn(path, "journal")) != []
    assert problems(drawn(path, "journal", aspect=1.17)) == []


def test_labels_that_fit_no_layout_without_an_aspect_are_a_warning_that_names_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = donut_spec(tmp_path, long_names(54, TWO_BIG), "journal", None)
    assert_figure_warning(capsys, path, "x", TALLEST,
                          f"shorten the slice names or keep fewer slices{ONE_COLUMN}\n")
    assert problems(drawn(path, "journal")) != []


@pytest.mark.parametrize("theme", ["policy", "letter"])
def test_the_one_column_the_hint_names_fits_the_labels_without_a_warning(
        tmp_path: Path, theme: str) -> None:
    for folder, values in [("slivers", SLIVERS),
                           ("mixed", TWO_BIG)]:
        (tmp_path / folder).mkdir()
        path = donut_spec(tmp_path / folder, long_names(54, values), theme, None)
        assert load_spec(path).warnings == []
        assert problems(drawn(path, theme)) == []


def test_labels_that_fit_no_layout_get_the_tallest_chart_and_stand_apart_in_it(
        tmp_path: Path) -> None:
    # Laid out at no height, these labels made the chart 112pt tall, where five pairs of
    # them overlapped; at the tallest it may be (0.9 of the width) they stand apart.
    path = donut_spec(tmp_path, long_names(45, TWO_BIG), "journal", None)
    donut = drawn(path, "journal")
    assert donut.height == pytest.approx(230 * 0.9, abs=0.5)
    assert problems(donut) == []
