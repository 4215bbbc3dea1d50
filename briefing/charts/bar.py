"""Bar charts: one series, vertical or horizontal, with highlights and a reference line; and
the rules bars of every kind share: when names turn bars horizontal, how names wrap, how thick
a bar may be (`narrow_bars`)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypeVar

from ..data import Dataset
from ..models import Field
from .options import Marker, Names, NumberFormat, categories, font_weights, highlight_problems
from .registry import (
    FigureBase,
    Problem,
    all_zero_problems,
    chart,
    proportional,
    text_height,
    text_width,
)

ROW = 2.2
"""Height of a horizontal bar's row, in chart text sizes."""

FEWEST_SLOTS = 4
"""Vertical bars are no thicker than those of this many categories across the same plot.
One category's bar filled its slot, 118 pt wide in the journal column and 233 in policy: a
slab, which reads as an area, not a length. Think-tank charts draw one or two bars as
they would draw them among a few others, centred in their wide slots; four is the fewest
categories whose bars (65 pt in policy, 33 in journal) read as bars, so charts of four
and more are drawn as they were. Tied to the slot rather than the text size, so a bar
keeps its proportion to the column it is drawn in."""

HEADROOM = 0.05
"""How far the value axis reaches past the tallest bar (and past the lowest below 0), as a
share of the values' span."""


class BarFigure(FigureBase, NumberFormat):
    """Options of a bar chart."""

    chart: Literal["bar"] = Field(description="A bar chart of one series.")
    x: str = Field(description="Column with the categories.")
    y: str = Field(description="Column with the values (numbers).")
    horizontal: bool = Field(False, description="Draw bars left to right, categories down "
                             "the side (good for long names or many categories; done anyway "
                             "when the names would not fit under vertical bars).")
    highlight: Names = Field(default=[], description="Category or categories drawn "
                             "in the highlight colour.")
    labels: bool = Field(True, description="Print each bar's value at its end (the value axis "
                         "is then left out).")
    sort: Literal["ascending", "descending"] | None = Field(None, description="Order bars by "
                                                            "value; empty keeps the data order.")
    reference: Marker | None = Field(None, description="A labelled reference line, e.g. an "
                                     "international average.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        return highlight_problems(self.highlight, categories(dataset, self.x))

    def layout_problems(self, dataset: Dataset, theme: Any) -> list[Problem]:
        return [*super().layout_problems(dataset, theme),
                *all_zero_problems("y", [self.y], dataset)]

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        names = categories(dataset, self.x)
        font = theme.fonts.chart
        if as_drawn(self, names, width, size, font).horizontal:
            return self.rows_height(len(names),
                                    row_height(side_names(names, width, size, font)), size)
        return vertical_height(names, width, size)

    def rows_height(self, count: int, row: float, size: float) -> float:
        """Return the height of count horizontal bars in rows of row text sizes: the rows,
        the reference label above, the value axis below."""
        return rows_height(count, row, size, line_above=self.reference is not None,
                           labels=self.labels)


def rows_height(count: int, row: float, size: float, *, line_above: bool, labels: bool
                ) -> float:
    """Return the height of count horizontal bars (or groups of bars) in rows of row text
    sizes: the rows, a line of text above them (a reference line's label, a legend), and the
    value axis below them when the bars carry no value labels."""
    height = count * row * size + 4
    if line_above:
        height += text_height(1, size) + 4
    if not labels:
        height += text_height(1, size) + 6
    return height


NAMES_SHARE = 0.35
"""The most of a chart's width the names down the side of horizontal bars take on one line;
a longer name wraps (the bars keep the rest)."""


def side_names(names: list[str], width: float, size: float, font: str) -> list[str]:
    """Return the names down the side of horizontal bars, wrapped where they are longer than
    NAMES_SHARE of the chart's width (set in the chart font family font)."""
    from .style import wrap

    most = width * NAMES_SHARE
    return [wrap(name, most, size) if text_width(name, size, font) > most else name
            for name in names]


def row_height(names: list[str]) -> float:
    """Return the height of a row of horizontal bars in text sizes: room for its name."""
    return max(ROW, 1.2 * max((name.count("\n") + 1 for name in names), default=1) + 0.8)


OptionsT = TypeVar("OptionsT", bound=FigureBase)


def as_drawn(options: OptionsT, names: list[str], width: float, size: float, font: str
             ) -> OptionsT:
    """Return options as bars of names are drawn width points wide: horizontally when the
    names would not fit under vertical bars (a word wider than a bar's slot in the chart
    font family font, or a name of more than three lines), their names down the side."""
    from .style import wrap

    if options.horizontal:
        return options
    slot = name_slot(names, width)
    if any(text_width(word, size, font) > slot for name in names for word in name.split()) \
            or any(wrap(name, slot, size).count("\n") >= 3 for name in names):
        return options.model_copy(update={"horizontal": True})
    return options


def vertical_height(names: list[str], width: float, size: float) -> float:
    """Return the natural height of vertical bars: proportional, plus wrapped names' lines."""
    from .style import wrap

    slot = name_slot(names, width)
    lines = max([wrap(name, slot, size).count("\n") + 1 for name in names], default=1)
    return proportional(width, 0.55, 130, 190) + (lines - 1) * text_height(1, size)


def name_slot(names: list[str], width: float) -> float:
    """Return the width in points a vertical bar's name may take under it (a bar chart's,
    a grouped or stacked bar chart's): names are wrapped to it, turn the bars horizontal by
    it, and the chart's height makes room for the lines it gives."""
    return width * 0.9 / max(1, len(names))


def narrow_bars(figure: Any, axes: Any, containers: list[Any], horizontal: bool,
                bar_width: float, *, spare: float = 0.0, fewest_span: float = 0.0,
                settled: bool = False) -> None:
    """Narrow each category's bars (those side by side together) about the middle of their
    slot, bar_width being the share of a slot they take.

    Horizontal bars in a chart spare points taller than its rows need with their names on
    one line, to the thickness they would have in the chart at that height: a row grows
    for a name wrapped to more lines, its bars do not; nor do those of one or two rows for
    the least height of a chart. Vertical bars, to the thickness of those of a chart of
    FEWEST_SLOTS categories as wide, whose plot spans fewest_span units of category
    position.

    The axes is fitted first, unless settled: the caller's `fit_axes` just settled it."""
    from .style import fit_axes

    span = category_span(axes, horizontal)
    # (a chart's height is rounded to a tenth of a point, its plot's span is a sum)
    if (spare <= 0.5) if horizontal else (fewest_span - span <= 1e-6):
        return
    if not settled:
        fit_axes(figure, axes)
    box = axes.get_window_extent()
    length = (box.height if horizontal else box.width) * 72 / figure.dpi
    # a row is a unit of category position; matplotlib's margins spread a few rows over
    # less than their number of units, which would leave one or two bars filling the plot
    rows = max(span, len(containers[0]))
    most = bar_width * ((length - spare) / rows if horizontal else length / fewest_span)
    for group in zip(*containers, strict=True):
        start, end = _extent(group, horizontal)
        if (end - start) * length / span <= most + 0.05:
            continue
        factor, middle = most / ((end - start) * length / span), (start + end) / 2
        for bar in group:
            low, thickness = (bar.get_y(), bar.get_height()) if horizontal else \
                (bar.get_x(), bar.get_width())
            low, thickness = middle + (low - middle) * factor, thickness * factor
            if horizontal:
                bar.set_y(low)
                bar.set_height(thickness)
            else:
                bar.set_x(low)
                bar.set_width(thickness)


def _vertical_span(count: int) -> float:
    """Return how many units of category position the plot of count vertical bars spans."""
    return count + 0.2


def category_span(axes: Any, horizontal: bool) -> float:
    """Return how many units of category position the axes spans."""
    low, high = axes.get_ylim() if horizontal else axes.get_xlim()
    return abs(high - low)


def _extent(group: tuple[Any, ...], horizontal: bool) -> tuple[float, float]:
    """Return where (in category position) a category's bars start and end across."""
    if horizontal:
        return (min(bar.get_y() for bar in group),
                max(bar.get_y() + bar.get_height() for bar in group))
    return (min(bar.get_x() for bar in group), max(bar.get_x() + bar.get_width() for bar in group))


def bars(options: BarFigure, dataset: Dataset) -> list[tuple[str, float]]:
    """Return (category, value) of every bar in drawing order."""
    pairs = [(name, float(value or 0)) for name, value in
             zip(categories(dataset, options.x), dataset.values(options.y), strict=True)]
    if options.sort:
        pairs.sort(key=lambda pair: pair[1], reverse=options.sort == "descending")
    return pairs


@chart(BarFigure, "Bars of one series, vertical or horizontal, with highlights, value labels "
       "and an optional reference line.",
       {"chart": "bar", "data": "rd_spending", "x": "country", "y": "share_of_gdp",
        "horizontal": True, "highlight": "Pakistan", "suffix": "%", "sort": "ascending",
        "title": "Pakistan spends a fraction of its Asian peers' share on R&D",
        "subtitle": "R&D expenditure, % of GDP"})
def draw_bar(figure: Any, options: BarFigure, dataset: Dataset, style: Any) -> None:
    from .style import fit_axes, value_ticks, wrap

    pairs = bars(options, dataset)
    names = [name for name, _ in pairs]
    values = [value for _, value in pairs]
    options = as_drawn(options, names, figure.get_figwidth() * 72, style.size,
                       style.theme.fonts.chart)
    colors = style.colors(names, options.highlight)
    axes = figure.add_subplot()
    positions = list(range(len(pairs)))
    value_axis = "x" if options.horizontal else "y"
    style.clean(axes, value_axis=value_axis, grid=None if not options.labels else False)
    reference = options.reference.value if options.reference else 0.0
    top = max([0.0, *values, reference])
    bottom = min([0.0, *values, reference])
    all_zero = top == bottom
    if all_zero:  # an axis up to 1 with whole ticks, not 0.01 to 0.05 around nothing
        top = 1.0
    span = top - bottom
    width = style.theme.chart.bar_width
    if options.horizontal:
        drawn = axes.barh(positions, values, height=width, color=colors)
        axes.set_yticks(positions, side_names(names, figure.get_figwidth() * 72, style.size,
                                              style.theme.fonts.chart))
        axes.invert_yaxis()
        axes.set_xlim(bottom - (HEADROOM * span if bottom < 0 else 0), top + HEADROOM * span)
        axes.tick_params(axis="y", length=0)
        axes.axvline(0, color=style.rule, linewidth=style.axis_width)
    else:
        slot = name_slot(names, figure.get_figwidth() * 72)
        drawn = axes.bar(positions, values, width=width, color=colors)
        axes.set_xticks(positions, [wrap(n, slot, style.size) for n in names])
        axes.set_ylim(bottom - (HEADROOM * span if bottom < 0 else 0), top + HEADROOM * span)
        axes.set_xlim(-0.6, -0.6 + _vertical_span(len(names)))
        axes.axhline(0, color=style.rule, linewidth=style.axis_width)
    if bottom < 0:  # the zero line is the baseline: a line at the plot's edge would be another
        axes.spines["left" if options.horizontal else "bottom"].set_visible(False)
        if not options.horizontal:  # (horizontal bars' category ticks are bare already)
            axes.tick_params(axis="x", length=0)
    if options.reference:
        _reference(axes, options, style)
    if options.labels:
        (axes.xaxis if options.horizontal else axes.yaxis).set_visible(False)
        _value_labels(figure, axes, options, names, values, colors, style)
    else:
        # all zero: an axis up to 1 with whole ticks
        value_ticks(axes.xaxis if options.horizontal else axes.yaxis, options.format_value,
                    style.size, vertical=not options.horizontal, integer=all_zero)
    settled = fit_axes(figure, axes)
    # (the value labels stand at the bars' middles, which narrowing keeps)
    spare = figure.get_figheight() * 72 - options.rows_height(len(names), ROW, style.size)
    narrow_bars(figure, axes, [drawn], options.horizontal, width, spare=spare,
                fewest_span=_vertical_span(FEWEST_SLOTS), settled=settled)


def _value_labels(figure: Any, axes: Any, options: BarFigure, names: list[str],
                  values: list[float], colors: list[str], style: Any) -> None:
    """Print each value at its bar's end; where it would touch the reference line, inside the
    bar, or past the line when the bar is too short.

    The value axis is widened so that every label outside its bar fits in the plot, and
    those of negative bars, on the side of the category names, a text size clear of them.
    """
    from .style import contrast_text, fit_axes, text_size

    fit_axes(figure, axes)  # the axes' final length (value labels are outside the layout)
    box = axes.get_window_extent()
    scale = 72 / figure.dpi
    length = (box.width if options.horizontal else box.height) * scale
    texts = [options.format_value(v) for v in values]
    weights = font_weights(names, options.highlight)
    sizes = [text_size(figure, t, style.size, w) for t, w in zip(texts, weights, strict=True)]
    extents = [w if options.horizontal else h for w, h in sizes]
    reference = options.reference.value if options.reference else None
    clear = max(1.0, style.size - _names_offset(axes, options))
    low, high = _widened(axes.get_xlim() if options.horizontal else axes.get_ylim(), values,
                         extents, reference, length, clear)
    (axes.set_xlim if options.horizontal else axes.set_ylim)(low, high)
    span = high - low
    for position, (name, value, text, extent, color) in enumerate(
            zip(names, values, texts, extents, colors, strict=True)):
        emphasised = name in options.highlight
        inside, start = _placed(value, extent, reference, span, length)
        sign = _sign(value)
        # points from the bar's end to where the label starts (its end nearer the bar)
        offset = -sign * _PAD if inside else (start - value) / span * length + sign * _PAD
        if options.horizontal:
            ha = ("right" if sign > 0 else "left") if inside else ("left" if sign > 0 else "right")
            xy, xytext, va = (value, position), (offset, 0), "center"
        else:
            va = ("top" if sign > 0 else "bottom") if inside else ("bottom" if sign > 0 else "top")
            xy, xytext, ha = (position, value), (0, offset), "center"
        label = axes.annotate(text, xy, xytext=xytext, textcoords="offset points", ha=ha, va=va,
                              color=contrast_text(color) if inside else
                              (style.highlight if emphasised else style.text),
                              weight="bold" if emphasised else "normal", zorder=4)
        label.set_in_layout(False)


_PAD = 3.0
"""Points between a bar's end (or the reference line) and its value label."""


def _names_offset(axes: Any, options: BarFigure) -> float:
    """Return how far in points the category names stand off the axes (tick and pad)."""
    ticks = (axes.yaxis if options.horizontal else axes.xaxis).get_major_ticks()
    return ticks[0].get_tick_padding() + ticks[0].get_pad() if ticks else 0.0


def _widened(limits: tuple[float, float], values: list[float], extents: list[float],
             reference: float | None, length: float, clear: float) -> tuple[float, float]:
    """Return the value axis' limits widened until every label outside its bar fits: a
    point inside the plot's edge, or clear points for those of negative bars (on the side of
    the category names). What a label needs in data units grows as the axis widens, so the
    limits are widened again until they settle (labels half the plot long take some twenty
    passes to come within a hundredth of a point; three left them 4 pt short), or until the
    labels plainly cannot fit."""
    low, high = limits
    first = high - low
    for _ in range(_WIDENINGS):
        span = high - low
        reaches = [(_reach(value, extent, reference, span, length), value)
                   for value, extent in zip(values, extents, strict=True)]
        new_high = max([high, *(end + 1 / length * span for (_, end), _ in reaches)])
        new_low = min([low, *(start - (clear if value < 0 else 1) / length * span
                              for (start, _), value in reaches)])
        settled = (new_high - new_low) - span < 0.01 / length * span
        low, high = new_low, new_high
        if settled or high - low > 50 * first:
            break
    return low, high


_WIDENINGS = 60
"""The most passes of `_widened`."""


def _reach(value: float, extent: float, reference: float | None, span: float, length: float
           ) -> tuple[float, float]:
    """Return the data interval a label needs outside its bar: past the bar's end, and past
    the reference line too when it is moved there."""
    _, start = _placed(value, extent, reference, span, length)
    ends = [*_outside(value, _sign(value), extent, span, length),
            *_outside(start, _sign(value), extent, span, length)]
    return min(ends), max(ends)


def _outside(start: float, sign: int, extent: float, span: float, length: float
             ) -> tuple[float, float]:
    """Return the data interval a label covers from start on, in the direction of sign."""
    reach = (_PAD + extent) / length * span
    return (start, start + reach) if sign > 0 else (start - reach, start)


def _sign(value: float) -> int:
    """Return the direction a bar (and the label past its end) goes from 0."""
    return 1 if value >= 0 else -1


def _placed(value: float, extent: float, reference: float | None, span: float, length: float
            ) -> tuple[bool, float]:
    """Return whether a bar's label goes inside the bar, and where (in data) a label outside
    starts: at the bar's end, or at the reference line when the label there would touch it
    and the bar has no room inside."""
    if reference is None:
        return False, value
    near = 3 / length * span  # how close to the reference line a label may come
    start, end = _outside(value, _sign(value), extent, span, length)
    if not start - near < reference < end + near:
        return False, value
    if abs(value) / span * length >= extent + 2 * _PAD:
        return True, value
    return False, reference


def _reference(axes: Any, options: BarFigure, style: Any) -> None:
    """Draw the reference line with its label outside the plot, clear of bars and labels."""
    assert options.reference is not None
    from .style import wrap

    value = options.reference.value
    style.marker_line(axes, value, vertical=options.horizontal, zorder=3)
    if options.horizontal:
        style.marker_label_above(axes, value, options.reference.label)
    else:
        axes.annotate(wrap(options.reference.label, 80, style.size), (1, value),
                      xytext=(4, 0), xycoords=("axes fraction", "data"),
                      textcoords="offset points", ha="left", va="center", color=style.muted,
                      style="italic")
