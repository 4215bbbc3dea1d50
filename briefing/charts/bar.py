"""Bar charts: one series, vertical or horizontal, with highlights and a reference line."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset
from .options import Marker, Names, NumberFormat, categories, empty_problems, highlight_problems
from .registry import FigureBase, Problem, chart


class BarFigure(FigureBase, NumberFormat):
    """Options of a bar chart."""

    chart: Literal["bar"] = Field(description="A bar chart of one series.")
    x: str = Field(description="Column with the categories.")
    y: str = Field(description="Column with the values (numbers).")
    horizontal: bool = Field(False, description="Draw bars left to right, categories down "
                             "the side (good for long names or many categories).")
    highlight: Names = Field(default_factory=list, description="Category or categories drawn "
                             "in the highlight colour.")
    labels: bool = Field(True, description="Print each bar's value at its end (the value axis "
                         "is then left out).")
    sort: Literal["ascending", "descending"] | None = Field(None, description="Order bars by "
                                                            "value; empty keeps the data order.")
    reference: Marker | None = Field(None, description="A labelled reference line, e.g. an "
                                     "international average.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def check(self, dataset: Dataset) -> list[Problem]:
        return empty_problems(dataset) or highlight_problems(self.highlight,
                                                             categories(dataset, self.x))


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
        "highlight": "Pakistan", "suffix": "%", "sort": "ascending",
        "reference": {"value": 1.9, "label": "World average 1.9%"},
        "title": "Pakistan spends least on R&D", "subtitle": "R&D spending, % of GDP"})
def draw_bar(figure: Any, options: BarFigure, dataset: Dataset, style: Any) -> None:
    from .style import wrap

    pairs = bars(options, dataset)
    names = [name for name, _ in pairs]
    values = [value for _, value in pairs]
    colors = style.colors(names, options.highlight)
    axes = figure.add_subplot()
    positions = list(range(len(pairs)))
    value_axis = "x" if options.horizontal else "y"
    style.clean(axes, value_axis=value_axis, grid=None if not options.labels else False)
    top = max([0.0, *values, options.reference.value if options.reference else 0.0])
    bottom = min([0.0, *values])
    span = (top - bottom) or 1.0
    width = style.theme.chart.bar_width
    if options.horizontal:
        axes.barh(positions, values, height=width, color=colors)
        axes.set_yticks(positions, names)
        axes.invert_yaxis()
        axes.set_xlim(bottom - (0.1 * span if bottom < 0 else 0), top + 0.14 * span)
        axes.tick_params(axis="y", length=0)
    else:
        step = style.theme.frame_width * 0.9 / max(1, len(names))
        axes.bar(positions, values, width=width, color=colors)
        axes.set_xticks(positions, [wrap(n, step, style.size) for n in names])
        axes.set_ylim(bottom - (0.1 * span if bottom < 0 else 0), top + 0.12 * span)
        axes.set_xlim(-0.6, len(names) - 0.4)
    axes.axhline(0, color=style.rule, linewidth=style.axis_width) if not options.horizontal \
        else axes.axvline(0, color=style.rule, linewidth=style.axis_width)
    if options.labels:
        _value_labels(axes, options, names, values, style)
        (axes.xaxis if options.horizontal else axes.yaxis).set_visible(False)
    else:
        from matplotlib.ticker import FuncFormatter

        formatter = FuncFormatter(lambda v, _: options.format_value(v))
        (axes.xaxis if options.horizontal else axes.yaxis).set_major_formatter(formatter)
    if options.reference:
        _reference(axes, options, style)


def _value_labels(axes: Any, options: BarFigure, names: list[str], values: list[float],
                  style: Any) -> None:
    for position, (name, value) in enumerate(zip(names, values, strict=True)):
        weight = "bold" if name in options.highlight else "normal"
        color = style.highlight if name in options.highlight else style.text
        text = options.format_value(value)
        if options.horizontal:
            axes.annotate(text, (value, position), xytext=(3 if value >= 0 else -3, 0),
                          textcoords="offset points", va="center",
                          ha="left" if value >= 0 else "right", color=color, weight=weight)
        else:
            axes.annotate(text, (position, value), xytext=(0, 2 if value >= 0 else -2),
                          textcoords="offset points", ha="center",
                          va="bottom" if value >= 0 else "top", color=color, weight=weight)


def _reference(axes: Any, options: BarFigure, style: Any) -> None:
    assert options.reference is not None
    line = {"color": style.muted, "linewidth": style.axis_width * 1.4, "linestyle": (0, (4, 2)),
            "zorder": 3}
    if options.horizontal:
        axes.axvline(options.reference.value, **line)
        axes.annotate(options.reference.label, (options.reference.value, 1), xytext=(0, 3),
                      xycoords=("data", "axes fraction"), textcoords="offset points",
                      ha="center", va="bottom", color=style.muted, style="italic")
    else:
        from .style import wrap

        axes.axhline(options.reference.value, **line)
        axes.annotate(wrap(options.reference.label, 80, style.size), (1, options.reference.value),
                      xytext=(4, 0), xycoords=("axes fraction", "data"),
                      textcoords="offset points", ha="left", va="center", color=style.muted,
                      style="italic")
