"""Line charts: one or several series over numbers or dates, labelled at their ends."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .bar import HEADROOM
from .options import Names, NumberFormat, highlight_problems
from .registry import FigureBase, Problem, all_zero_problems, chart, proportional


class LineFigure(FigureBase, NumberFormat):
    """Options of a line chart."""

    chart: Literal["line"] = Field(description="Lines of one or several series.")
    x: str = Field(description="Column along the horizontal axis (numbers or dates).")
    y: Names = Field(description="Column or columns with the values, one line each.")
    highlight: Names = Field(default=[], description="Names of y columns drawn in "
                             "the highlight colour; the others are muted.")
    labels: bool = Field(True, description="Label each line at its last point with its name "
                         "and value; without, several lines are named in a legend above.")
    markers: bool = Field(True, description="Mark every data point with a dot.")

    data_columns: ClassVar = {"x": None, "y": "number"}
    draws_gaps: ClassVar = True
    labelled_columns: ClassVar = ("y",)

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        problems: list[Problem] = []
        kind = dataset.columns[self.x].kind
        if kind not in ("number", "date"):
            problems.append(("x", f"column {self.x!r} must hold numbers or dates "
                             "(YYYY, YYYY-MM or YYYY-MM-DD) for a line chart",
                             "use a bar chart for categories"))
        return problems + highlight_problems(self.highlight, self.y, "y column")

    def layout_problems(self, dataset: Dataset, theme: Any) -> list[Problem]:
        return [*super().layout_problems(dataset, theme),
                *all_zero_problems("y", self.y, dataset)]

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        # end labels need room to stand apart: a line each, at least
        return max(proportional(width, 0.55, 130, 190), len(self.y) * size * 1.25 * 2.5)


@chart(LineFigure, "Lines of one or several series over numbers or dates, labelled at their "
       "last points.",
       # The shipped data has no time series; this shows the options on real columns.
       {"chart": "line", "data": "speed_rankings", "x": "total", "y": "rank", "labels": True,
        "title": "Pakistan's rank by how many countries and territories were tested",
        "subtitle": "Rank (y) against the number tested (x), October 2024"})
def draw_line(figure: Any, options: LineFigure, dataset: Dataset, style: Any) -> None:
    from .style import fit_axes, fitting_locator, series_legend, value_ticks

    axes = figure.add_subplot()
    style.clean(axes, value_axis="y")
    rows = [r for r in dataset.rows if r.get(options.x) is not None]
    rows.sort(key=lambda r: r[options.x])
    xs = [r[options.x] for r in rows]
    dates = dataset.columns[options.x].kind == "date"
    if dates:
        from .dateaxis import date_axis

        # a date label is at most about five characters wide, a few eight ('Nov 2024')
        fit = int(figure.get_figwidth() * 72 * 0.85 // (style.size * 5))
        date_axis(axes.xaxis, xs, fit)
    else:
        axes.xaxis.set_major_locator(fitting_locator(lambda v, _places: f"{v:g}", style.size,
                                                     integer=True, most=8))
    ends = []
    values: list[float] = []
    for index, column in enumerate(options.y):
        points = [(x, r[column]) for x, r in zip(xs, rows, strict=True)
                  if r.get(column) is not None]
        if not points:
            continue
        values += [p[1] for p in points]
        emphasised = column in options.highlight
        if options.highlight:
            color = style.highlight if emphasised else style.palette[min(index + 1,
                                                                         len(style.palette) - 1)]
        else:
            color = style.series_color(index)
        width = style.line_width * (1.25 if emphasised else 1.0)
        name = dataset.columns[column].label
        axes.plot([p[0] for p in points], [p[1] for p in points], color=color, linewidth=width,
                  marker="o" if options.markers else None, markersize=width * 1.9,
                  zorder=3 if emphasised else 2, solid_capstyle="round", label=name)
        text = options.format_value(points[-1][1])
        label_color = color if emphasised or not options.highlight else style.muted
        ends.append((points[-1], f"{name} {text}" if len(options.y) > 1 else text, label_color,
                     emphasised))
    all_zero = bool(values) and not any(values)
    value_ticks(axes.yaxis, options.format_value, style.size, vertical=True, integer=all_zero)
    if all_zero:
        _zero_axis(axes)
    low, high = axes.get_ylim()  # the axis reaches 0, from below or above
    axes.set_ylim(min(0, low), max(0, high))
    axes.margins(x=0.02)
    if len(set(xs)) == 1:
        if dates:
            from .dateaxis import one_date_axis

            one_date_axis(axes, xs[0])
        else:
            _one_value_axis(axes, xs[0])
    if options.labels:
        _end_labels(figure, axes, ends)
    elif len(ends) > 1:
        series_legend(axes, len(ends))
    fit_axes(figure, axes)


def _zero_axis(axes: Any) -> None:
    """Show all-zero values on the baseline of an axis up to 1 with whole ticks, as bars of
    zeros are: a reader sees lines at 0 on a scale, where matplotlib would centre them
    between -0.05 and 0.05 with ticks at each 0.025 (and a bare 0 tick says nothing of
    the scale)."""
    axes.set_ylim(0, ZERO_TOP)
    for line in axes.get_lines():  # over the axis line and whole, not cut in half by it
        line.set_clip_on(False)
        line.set_zorder(line.get_zorder() + 1)


ZERO_TOP = 1 + HEADROOM
"""The top of the value axis of a line chart whose values are all 0: where bars of zeros reach
too (an axis up to 1, with the headroom bars get above their tallest)."""


def _one_value_axis(axes: Any, value: float) -> None:
    """Centre the x axis on its one value, ticked there, a unit either side (for a value
    under 1, the power of ten below it: 0.1 for 0.25); matplotlib would spread it over a tenth
    of the value, 1923 to 2125 for 2024."""
    from matplotlib.ticker import FixedLocator, ScalarFormatter

    half = 1.0 if value == 0 or abs(value) >= 1 else 10.0 ** math.floor(math.log10(abs(value)))
    axes.set_xlim(value - half, value + half)
    axes.xaxis.set_major_locator(FixedLocator([value]))
    axes.xaxis.set_major_formatter(ScalarFormatter(useOffset=False))


LABEL_GAP = 1.0
"""Points between two end labels spread apart (touching, they read as one block)."""

_LABEL_PASSES = 4
"""How often the end labels are spread again after the axes moved to make room for them."""


def _end_labels(figure: Any, axes: Any, ends: list[Any]) -> None:
    """Label each line at its last point, spread just apart enough not to overlap."""
    from .style import fit_axes

    fit_axes(figure, axes)  # where the points are once the axes has its place
    labels = [axes.annotate(text, point, xytext=(5, 0), textcoords="offset points", ha="left",
                            va="center", color=color, weight="bold" if emphasised else "normal",
                            annotation_clip=False)
              for point, text, color, emphasised in ends]
    if not labels:
        return
    renderer = figure._get_renderer()  # the PDF writer's, which fit_axes gave the figure
    height = max(label.get_window_extent(renderer).height for label in labels) * 72 / figure.dpi
    # labels that reach above the plot make the axes shorter, which moves the points
    for _ in range(_LABEL_PASSES):
        if not _spread_labels(figure, axes, labels, height):
            break
        fit_axes(figure, axes)


def _spread_labels(figure: Any, axes: Any, labels: list[Any], height: float) -> bool:
    """Move each label to where `style.spread` puts it beside its line's end, wholly above
    the plot's baseline (on it is the axis line, below it the x tick labels); return whether any
    moved."""
    from .style import spread

    points = figure.dpi / 72
    ends = [_display_y(axes, label.xy) / points for label in labels]
    order = sorted(range(len(labels)), key=lambda i: (ends[i], i))
    floor = axes.get_window_extent().y0 / points + height / 2 + 1
    wanted = spread([ends[i] for i in order], height + LABEL_GAP, floor)
    moved = False
    for index, y in zip(order, wanted, strict=True):
        offset = (labels[index].xyann[0], y - ends[index])
        moved = moved or bool(abs(offset[1] - labels[index].xyann[1]) > 0.1)
        labels[index].xyann = offset
    return moved


def _display_y(axes: Any, point: tuple[Any, Any]) -> float:
    """Return where a data point sits vertically on the figure, in pixels."""
    # dates must become the axis' own numbers before a transform will take them
    x, y = axes.convert_xunits(point[0]), axes.convert_yunits(point[1])
    return float(axes.transData.transform((x, y))[1])
