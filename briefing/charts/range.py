"""Range charts: a low–high interval per category against an optional benchmark."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .options import Marker, Names, NumberFormat, categories, font_weights, highlight_problems
from .registry import FigureBase, Problem, chart, text_height


class RangeFigure(FigureBase, NumberFormat):
    """Options of a range chart."""

    chart: Literal["range"] = Field(description="Low–high intervals per category.")
    x: str = Field(description="Column with the categories.")
    low: str = Field(description="Column with the low end of each interval.")
    high: str = Field(description="Column with the high end of each interval.")
    benchmark: Marker | None = Field(None, description="A labelled marker line, e.g. an "
                                     "international standard.")
    highlight: Names = Field(default=[], description="Category or categories drawn "
                             "in the highlight colour.")

    data_columns: ClassVar = {"x": None, "low": "number", "high": "number"}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        names = categories(dataset, self.x)
        problems: list[Problem] = []
        for name, row in zip(names, dataset.rows, strict=True):
            low, high = row.get(self.low), row.get(self.high)
            if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
                problems.append(("low", f"{name!r} has a low value {low!r} above its high "
                                 f"value {high!r}", "swap the two values"))
        return problems + highlight_problems(self.highlight, names)

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        # rows of a comfortable height, the value axis below, the benchmark's label above
        height = len(dataset.rows) * 2.2 * size + text_height(1, size) + 6
        if self.benchmark:
            height += text_height(1, size) + 4
        return height


@chart(RangeFigure, "Low–high intervals per category, with an optional labelled benchmark.",
       {"chart": "range", "data": "internet_speed", "x": "measure", "low": "low_mbps",
        "high": "high_mbps", "suffix": " Mbps",
        "benchmark": {"value": 100, "label": "International average, 100 Mbps"},
        "title": "Pakistan's internet runs at a fifth of the international standard or less"})
def draw_range(figure: Any, options: RangeFigure, dataset: Dataset, style: Any) -> None:
    from .style import fit_axes, text_size, value_ticks

    names = categories(dataset, options.x)
    lows = [float(v or 0) for v in dataset.values(options.low)]
    highs = [float(v or 0) for v in dataset.values(options.high)]
    axes = figure.add_subplot()
    style.clean(axes, value_axis="x")
    axes.spines["left"].set_visible(False)
    positions = list(range(len(names)))
    thickness = style.size * 0.9
    axes.set_yticks(positions, names)
    axes.set_ylim(len(names) - 0.5, -0.5)
    top = max([*highs, options.benchmark.value if options.benchmark else 0])
    bottom = min(0, *lows)
    axes.set_xlim(bottom, top + (top - bottom) * 0.04)
    value_ticks(axes.xaxis, options.format_value, style.size)
    labels = [_interval(options, low, high) for low, high in zip(lows, highs, strict=True)]
    weights = font_weights(names, options.highlight)
    widths = [text_size(figure, t, style.size, w)[0] for t, w in zip(labels, weights,
                                                                      strict=True)]
    fit_axes(figure, axes)  # the axes' final length (interval labels are outside the layout)
    length = axes.get_window_extent().width * 72 / figure.dpi
    pad = thickness / 2 + 3
    # widen the axis so that every label right of its interval fits
    low_limit, high_limit = axes.get_xlim()
    for _ in range(3):
        span = high_limit - low_limit
        high_limit = max([high_limit, *(h + (pad + w + 2) / length * span
                                        for h, w in zip(highs, widths, strict=True))])
    axes.set_xlim(low_limit, high_limit)
    span = high_limit - low_limit
    benchmark = options.benchmark.value if options.benchmark else None
    for position, name, low, high, text, width, weight in zip(
            positions, names, lows, highs, labels, widths, weights, strict=True):
        emphasised = name in options.highlight
        color = style.mark(emphasised)
        # the round caps reach half the bar's thickness past its ends: they end at the values
        inset = min(thickness / 2 / length * span, (high - low) / 2)
        axes.plot([low + inset, high - inset], [position, position], color=color,
                  linewidth=thickness, solid_capstyle="round", zorder=3)
        end = high + (pad + width) / length * span
        xy, shift, ha = (high, position), pad, "left"
        if benchmark is not None and high - pad / length * span < benchmark < end:
            room = (low - low_limit) / span * length
            if room >= pad + width:
                xy, shift, ha = (low, position), -pad, "right"
            else:
                xy, shift = (max(high, benchmark), position), pad
        label = axes.annotate(text, xy, xytext=(shift, 0), textcoords="offset points", ha=ha,
                              va="center", color=color if emphasised else style.text,
                              weight=weight, zorder=4,
                              bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                                    "edgecolor": "none"})
        label.set_in_layout(False)
    if options.benchmark:
        style.marker_line(axes, options.benchmark.value, vertical=True, zorder=2)
        style.marker_label_above(axes, options.benchmark.value, options.benchmark.label)
    fit_axes(figure, axes)


def _interval(options: RangeFigure, low: float, high: float) -> str:
    """Return '10–20 Mbps' for an interval, '10 Mbps' when both ends agree."""
    if low == high:
        return options.format_value(low)
    return (options.format_value(low).removesuffix(options.suffix) + "–"
            + options.format_value(high).removeprefix(options.prefix))
