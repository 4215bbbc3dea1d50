"""Rank and bar charts with awkward data: many ranks in a narrow column, negative bars, bars
that are all zero. Measured on the drawn figure, as the build draws it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from briefing.charts.options import printed
from briefing.loader import load_spec

from .conftest import draw_as_built, text_boxes

THEMES = ["policy", "journal", "letter"]

COUNTRIES = ["Pakistan", "India", "Bangladesh", "Sri Lanka", "Nepal", "China", "Vietnam",
             "Indonesia", "Malaysia", "Thailand", "Philippines", "Iran"]


class Drawn(NamedTuple):
    """A chart drawn as the build draws it."""

    options: Any
    brief: Any
    figure: Any
    boxes: list[tuple[str, Any]]
    """(text, box in points) of every text the chart prints."""

    def height(self) -> float:
        """Return the height the layout gives the chart (from the spec, before drawing)."""
        theme = self.brief.theme
        return self.options.height(self.brief.datasets["d"], theme.frame_width, theme)


def build_figure(tmp_path: Path, theme: str, figure: dict[str, Any],
                 rows: list[dict[str, Any]], name: str = "brief") -> Drawn:
    """Draw the one figure of a brief in theme, with a dataset of rows, as the build does."""
    spec = {"title": "Test", "date": "2025-05-15", "theme": theme,
            "data": {"d": {"rows": rows, "source": "Test data"}},
            "sections": [{"title": "One", "blocks": [
                {"figure": {"data": "d", "title": "A chart", "alt": "A chart.", **figure}}]}]}
    path = tmp_path / f"{name}-{theme}.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    brief = load_spec(path)
    options = brief.spec.sections[0].blocks[0].figure
    drawn, renderer = draw_as_built(brief, options)
    return Drawn(printed(options, brief.datasets["d"]), brief, drawn, text_boxes(drawn, renderer))


def near(first: Any, second: Any, margin: float) -> bool:
    """Return whether two boxes overlap or come within margin points of each other."""
    return (first.x0 < second.x1 + margin and second.x0 < first.x1 + margin
            and first.y0 < second.y1 + margin and second.y0 < first.y1 + margin)


# rank -----------------------------------------------------------------------------------

def rank_rows(count: int) -> list[dict[str, Any]]:
    return [{"x": name, "r": 1 + 10 * i, "t": 120} for i, name in enumerate(COUNTRIES[:count])]


RANK = {"chart": "rank", "x": "x", "rank": "r", "total": "t"}


def rows_of_text(figure: Any, boxes: list[tuple[str, Any]]) -> list[list[tuple[str, Any]]]:
    """Return the texts of each row of a rank chart, top row first: a text belongs to the
    lowest track at or above its middle (names and ranks beside it, end labels under it)."""
    axes = figure.axes[0]
    tracks = sorted({axes.transData.transform((0, line.get_ydata()[0]))[1]
                     for line in axes.lines if line.get_marker() in ("None", None, "")},
                    reverse=True)
    rows: list[list[tuple[str, Any]]] = [[] for _ in tracks]
    for text, box in boxes:
        middle = (box.y0 + box.y1) / 2
        row = max(i for i, y in enumerate(tracks) if y >= middle - 0.5)
        rows[row].append((text, box))
    return rows


@pytest.mark.parametrize("theme", THEMES)
def test_the_rows_of_a_rank_chart_keep_their_text_apart(tmp_path: Path, theme: str) -> None:
    # Twelve ranks in the journal's column were squeezed to 0.9 × its width: the '1st' and
    # '120th' under each track ran 1.5 pt into the next row's name and rank.
    chart = build_figure(tmp_path, theme, RANK, rank_rows(12))
    rows = rows_of_text(chart.figure, chart.boxes)
    assert [len(row) for row in rows] == [4] * 12  # name, rank, and the track's two ends
    crowded = [(a, b) for upper, lower in itertools.pairwise(rows)
               for a, p in upper for b, q in lower if near(p, q, 1.0)]
    assert crowded == []


def test_large_ranks_are_written_with_thousands_separators(tmp_path: Path) -> None:
    # '12345th of 1,500,000', with '1500000th' at the track's end
    rows = [{"x": "Companies by revenue", "r": 12345, "t": 1500000}]
    texts = [text for text, _ in build_figure(tmp_path, "policy", RANK, rows).boxes]
    assert "12,345th of 1,500,000" in texts and "1,500,000th" in texts, texts


def test_a_rank_chart_grows_past_the_usual_height_only_when_no_aspect_is_given(
        tmp_path: Path) -> None:
    chart = build_figure(tmp_path, "journal", RANK, rank_rows(12))
    width = chart.brief.theme.frame_width
    assert chart.height() > 0.9 * width
    assert chart.figure.get_figheight() * 72 == pytest.approx(chart.height())
    given = chart._replace(options=chart.options.model_copy(update={"aspect": 0.5}))
    assert given.height() == pytest.approx(0.5 * width, abs=1e-4)


# bar ------------------------------------------------------------------------------------

def bar_rows(values: list[float], names: list[str] = COUNTRIES) -> list[dict[str, Any]]:
    return [{"x": name, "y": value} for name, value in zip(names, values, strict=False)]


BAR = {"chart": "bar", "x": "x", "y": "y", "suffix": "%"}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("values", "names"), [
    ([12, -8, 5], COUNTRIES), ([-3.2, 1.5, -0.4, 4.8, -7.1, 0.2], COUNTRIES),
    ([-12.5, -0.3, -5], ["Ministry of Information Technology", "India", "Bangladesh"]),
    # labels half as long as the plot: three widenings of the axis left them 3.5 pt apart
    ([1250000, -340000.5, 87000, -1200000, 5, -12, 0], COUNTRIES),
])
def test_a_negative_bars_label_stands_clear_of_the_category_names(
        tmp_path: Path, theme: str, values: list[float], names: list[str]) -> None:
    # Right-aligned at the end of a negative bar, the label ended 4 pt from its category's
    # name: 'Nepal -7.1%' read as one label.
    chart = build_figure(tmp_path, theme, {**BAR, "horizontal": True}, bar_rows(values, names))
    printed = {chart.options.format_value(v) for v in values}
    labels = [box for text, box in chart.boxes if text in printed]
    shown = [box for text, box in chart.boxes if " ".join(text.split()) in names]
    assert len(labels) == len(values) and len(shown) == len(values)
    clear = 0.8 * chart.brief.theme.sizes.small
    assert [(label, name) for label in labels for name in shown if near(label, name, clear)] \
        == []


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("horizontal", [True, False])
def test_bars_below_zero_have_one_baseline_the_zero_line(tmp_path: Path, theme: str,
                                                          horizontal: bool) -> None:
    # The category axis' line at the plot's edge, beyond the negative bars and their labels,
    # read as a second baseline beside the zero line.
    values = [-3.2, 1.5, -0.4, 4.8, -7.1, 0.2]
    chart = build_figure(tmp_path, theme, {**BAR, "horizontal": horizontal}, bar_rows(values))
    axes = chart.figure.axes[0]
    drawn = [side for side, spine in axes.spines.items() if spine.get_visible()]
    zero_lines = [line for line in axes.get_lines()  # (crowded names turn bars horizontal)
                  if {0} in (set(line.get_xdata()), set(line.get_ydata()))]
    assert drawn == [] and len(zero_lines) == 1


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("values", [[-3.2, 1.5, -0.4, 4.8, -7.1, 0.2], [12, -0.4, 5]])
def test_a_negative_bars_label_moved_past_the_reference_stays_off_its_bar(
        tmp_path: Path, theme: str, values: list[float]) -> None:
    # Moved off the reference line the wrong way, '-0.4%' was printed over its own bar and
    # the zero line.
    options = {**BAR, "horizontal": True, "reference": {"value": -1, "label": "Mean"}}
    chart = build_figure(tmp_path, theme, options, bar_rows(values))
    axes = chart.figure.axes[0]
    label = dict(chart.boxes)["\N{MINUS SIGN}0.4%"]
    bar = axes.patches[values.index(-0.4)].get_window_extent()
    zero, reference = (axes.transData.transform((x, 0))[0] for x in (0, -1))
    assert label.x1 < reference < bar.x0 <= zero  # past the line, on the bar's side of it
    assert not near(label, bar, 1.0)
    names = [box for text, box in chart.boxes if text in COUNTRIES]
    clear = 0.8 * chart.brief.theme.sizes.small
    assert [name for name in names if near(label, name, clear)] == []


def value_axis_ticks(figure: Any, horizontal: bool) -> list[str]:
    """Return the tick labels printed along the value axis (those within its limits)."""
    axes = figure.axes[0]
    axis = axes.xaxis if horizontal else axes.yaxis
    if not axis.get_visible():
        return []
    low, high = sorted(axis.get_view_interval())
    return [tick.label1.get_text() for tick, at in zip(axis.get_major_ticks(),
                                                      axis.get_majorticklocs(), strict=False)
            if low - 1e-9 <= at <= high + 1e-9]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("horizontal", [False, True])
@pytest.mark.parametrize("labels", [True, False])
def test_bars_that_are_all_zero_are_drawn_as_an_ordinary_chart_of_zeros(
        tmp_path: Path, theme: str, horizontal: bool, labels: bool) -> None:
    # With nothing but zeros the value axis ran from 0 to 0.05: ticks at 0.01%, 0.02%, …
    options = {**BAR, "horizontal": horizontal, "labels": labels}
    zero = build_figure(tmp_path, theme, options, bar_rows([0] * 5))
    small = build_figure(tmp_path, theme, options, bar_rows([0.1, 0.2, 0.1, 0.3, 0.1]), "small")
    assert zero.height() <= small.height()
    ticks = value_axis_ticks(zero.figure, horizontal)
    if labels:
        assert [text for text, _ in zero.boxes if text.endswith("%")] == ["0%"] * 5
        assert ticks == []
    else:
        assert ticks[0] == "0"
        assert set(ticks[1:]) <= {zero.options.format_value(n) for n in range(1, 11)}


def ranks_built(folder: Path, count: int, aspect: float | None) -> tuple[Path, list[Any]]:
    """Build a brief of one rank chart of count rows (with aspect, if given); return its
    spec's path and the build's warnings."""
    from briefing.compiler import compile_brief

    rows = [{"x": f"Ranking {n}", "r": n + 1, "t": 190} for n in range(count)]
    options = {**RANK, **({"aspect": aspect} if aspect else {})}
    spec = {"title": "Test", "date": "2025-05-15",
            "data": {"d": {"rows": rows, "source": "Test data"}},
            "sections": [{"title": "One", "blocks": [
                {"figure": {"data": "d", "title": "Ranks", "alt": "Ranks.", **options}}]}]}
    path = folder / "ranks.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path, compile_brief(path, folder / "out.pdf").warnings


@pytest.mark.parametrize(("aspect", "hint"), [
    (None, "split it into charts of fewer rows"), (1.6, "lower 'aspect'")])
def test_a_chart_too_tall_for_a_page_gets_a_hint_that_fits_how_it_is_sized(
        tmp_path: Path, aspect: float | None, hint: str) -> None:
    # A rank chart of 40 rows is as tall as its rows need: lowering an 'aspect' it does not
    # have, as the hint said, squeezes its rows into each other.
    warnings = ranks_built(tmp_path, 40, aspect)[1]
    scaled = [w for w in warnings if "scaled to" in w.message]
    assert len(scaled) == 1 and hint in (scaled[0].hint or ""), scaled


@pytest.mark.parametrize(("aspect", "warned"), [(0.2, True), (None, False), (1.4, False)])
def test_an_aspect_that_squeezes_the_rows_is_a_located_warning(
        tmp_path: Path, aspect: float | None, warned: bool) -> None:
    # 'aspect: 0.2' put 25 ranks in 91 pt: names, tracks and ranks printed over each other,
    # with nothing said.
    path, warnings = ranks_built(tmp_path, 25, aspect)
    found = [w for w in warnings if w.where == "sections[0].blocks[0].figure.aspect"]
    assert bool(found) == warned, found
    if warned:
        assert found[0].message.startswith("aspect 0.2 makes the chart 91pt tall, 13% of the ")
        assert (found[0].hint or "").startswith("raise it to ")
        line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                    if text.strip().startswith("aspect:"))
        assert found[0].location.line == line


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", ["bar", "stacked_bar"])
def test_long_names_down_the_side_of_bars_wrap_and_leave_the_bars_room(
        tmp_path: Path, theme: str, kind: str) -> None:
    # In the journal column, names on one line took 150 pt of 230 and left the bars 70.
    names = ["Ministry of Information Technology and Telecommunication", "Pakistan",
             "Special Technology Zones Authority of Pakistan"]
    rows = [{**row, "z": 5} for row in bar_rows([12, 30, 7], names)]
    options = {**BAR, "horizontal": True} if kind == "bar" else {
        "chart": kind, "x": "x", "y": ["y", "z"], "horizontal": True}
    chart = build_figure(tmp_path, theme, options, rows)
    shown = [box for text, box in chart.boxes if " ".join(text.split()) in names]
    width = chart.brief.theme.frame_width
    assert len(shown) == 3 and max(box.width for box in shown) <= 0.4 * width
    rows = sorted(shown, key=lambda box: box.y0)
    assert not any(near(a, b, 1.0) for a, b in itertools.pairwise(rows))  # wrapped names fit


@pytest.mark.parametrize("theme", THEMES)
def test_a_stacked_bar_too_short_for_its_values_shows_the_totals(tmp_path: Path,
                                                                 theme: str) -> None:
    # KP's 45.25 + 12 and Balochistan's 8 + 1 had no room for their values, and with values
    # printed there is no value axis: they appeared nowhere.
    rows = [{"x": "Punjab", "a": 1200.5, "b": 600}, {"x": "Sindh", "a": 300, "b": 2200.75},
            {"x": "KP", "a": 45.25, "b": 12}, {"x": "Balochistan", "a": 8, "b": 1}]
    chart = build_figure(tmp_path, theme, {"chart": "stacked_bar", "x": "x", "y": ["a", "b"]},
                         rows)
    texts = [text for text, _ in chart.boxes]
    axis = chart.figure.axes[0].yaxis
    if axis.get_visible():  # no value fits its segment (the journal column): a value axis
        assert "1,000" in texts, texts
    else:
        assert {"1,800.50", "2,500.75", "57.25", "9.00"} <= set(texts), texts
    assert overlapping_texts(chart.boxes) == []


def overlapping_texts(boxes: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, p), (b, q) in itertools.combinations(boxes, 2) if near(p, q, -0.5)]


@pytest.mark.parametrize(("rows", "hint"), [
    (40, "raise it to 1.56"),
    (150, "raise it to 3, the most it can be, or show less in the chart")])
def test_the_aspect_warning_hints_only_at_what_can_help(tmp_path: Path, rows: int, hint: str
                                                        ) -> None:
    # It hinted at an aspect above 3, the most allowed, and at leaving it out so that the
    # chart is as tall as its bars need, when bars sized by their content stop at 0.9 of the
    # width.
    from briefing.loader import load_spec

    spec = {"title": "T", "date": "2025-05-15",
            "data": {"d": {"rows": [{"x": f"Category {n}", "y": n + 1} for n in range(rows)],
                           "source": "Test data"}},
            "sections": [{"title": "S", "blocks": [{"figure": {
                **BAR, "data": "d", "x": "x", "y": "y", "horizontal": True, "aspect": 0.2,
                "title": "Bars", "alt": "Bars."}}]}]}
    path = tmp_path / "bars.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    [warning] = load_spec(path).warnings
    assert warning.where == "sections[0].blocks[0].figure.aspect"
    assert warning.hint == hint
