"""Range charts: a low–high interval per category against an optional benchmark."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset
from .options import Marker, Names, NumberFormat, categories, empty_problems, highlight_problems
from .registry import FigureBase, Problem, chart


class RangeFigure(FigureBase, NumberFormat):
    """Options of a range chart."""

    chart: Literal["range"] = Field(description="Low–high intervals per category.")
    x: str = Field(description="Column with the categories.")
    low: str = Field(description="Column with the low end of each interval.")
    high: str = Field(description="Column with the high end of each interval.")
    benchmark: Marker | None = Field(None, description="A labelled marker line, e.g. an "
                                     "international standard.")
    highlight: Names = Field(default_factory=list, description="Category or categories drawn "
                             "in the highlight colour.")

    data_columns: ClassVar = {"x": None, "low": "number", "high": "number"}

    def check(self, dataset: Dataset) -> list[Problem]:
        problems = empty_problems(dataset)
        if problems:
            return problems
        names = categories(dataset, self.x)
        for name, row in zip(names, dataset.rows, strict=True):
            low, high = row.get(self.low), row.get(self.high)
            if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
                problems.append(("low", f"{name!r} has a low value {low!r} above its high "
                                 f"value {high!r}", "swap the two values"))
        return problems + highlight_problems(self.highlight, names)


@chart(RangeFigure, "Low–high intervals per category, with an optional labelled benchmark.",
       {"chart": "range", "data": "speeds", "x": "city", "low": "low", "high": "high",
        "suffix": " Mbps", "benchmark": {"value": 100, "label": "International standard"},
        "title": "Broadband speeds are a fraction of the standard"})
def draw_range(figure: Any, options: RangeFigure, dataset: Dataset, style: Any) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    names = categories(dataset, options.x)
    lows = [float(v or 0) for v in dataset.values(options.low)]
    highs = [float(v or 0) for v in dataset.values(options.high)]
    axes = figure.add_subplot()
    style.clean(axes, value_axis="x")
    axes.spines["left"].set_visible(False)
    positions = list(range(len(names)))
    thickness = style.size * 0.9
    for position, name, low, high in zip(positions, names, lows, highs, strict=True):
        color = style.highlight if name in options.highlight else style.palette[0]
        axes.plot([low, high], [position, position], color=color, linewidth=thickness,
                  solid_capstyle="round", zorder=3)
        text = options.format_value(low) if low == high else options.format_value(
            low).removesuffix(options.suffix) + "–" + options.format_value(high).removeprefix(
            options.prefix)
        axes.annotate(text, (high, position), xytext=(thickness / 2 + 3, 0),
                      textcoords="offset points", ha="left", va="center",
                      color=style.highlight if name in options.highlight else style.text,
                      weight="bold" if name in options.highlight else "normal")
    axes.set_yticks(positions, names)
    axes.set_ylim(len(names) - 0.4, -0.8 if options.benchmark else -0.6)
    top = max([*highs, options.benchmark.value if options.benchmark else 0])
    axes.set_xlim(min(0, *lows), top * 1.18)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: options.format_value(v)))
    if options.benchmark:
        value = options.benchmark.value
        axes.axvline(value, color=style.muted, linewidth=style.axis_width * 1.4,
                     linestyle=(0, (4, 2)), zorder=2)
        axes.annotate(options.benchmark.label, (value, 1), xycoords=("data", "axes fraction"),
                      xytext=(-3, -1), textcoords="offset points", ha="right", va="top",
                      color=style.muted, style="italic")
