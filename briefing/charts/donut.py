"""Donut charts: shares of a whole with a centre label and direct slice labels."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset
from .options import Names, NumberFormat, categories, empty_problems, highlight_problems
from .registry import FigureBase, Problem, chart

MAX_SLICES = 8


class DonutFigure(FigureBase, NumberFormat):
    """Options of a donut chart."""

    chart: Literal["donut"] = Field(description="Shares of a whole as a ring.")
    x: str = Field(description="Column with the slice names.")
    y: str = Field(description="Column with the slice values (numbers ≥ 0).")
    center_label: str | None = Field(None, description="Big text in the hole, e.g. '42%'.")
    center_note: str | None = Field(None, description="Small text under the centre label.")
    highlight: Names = Field(default_factory=list, description="Slice or slices drawn in the "
                             "highlight colour.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def check(self, dataset: Dataset) -> list[Problem]:
        problems = empty_problems(dataset)
        if problems:
            return problems
        names = categories(dataset, self.x)
        if len(names) > MAX_SLICES:
            problems.append(("x", f"a donut can label at most {MAX_SLICES} slices; dataset "
                             f"{dataset.name!r} has {len(names)}",
                             "group the smallest slices into 'Other', or use a bar chart"))
        for name, value in zip(names, dataset.values(self.y), strict=True):
            if isinstance(value, (int, float)) and value < 0:
                problems.append(("y", f"donut values must be 0 or more; {name!r} has {value!r}",
                                 "a share of a whole cannot be negative; use a bar chart"))
        if not any(isinstance(v, (int, float)) and v > 0 for v in dataset.values(self.y)):
            problems.append(("y", f"column {self.y!r} has no value above 0",
                             "a donut needs at least one positive share"))
        return problems + highlight_problems(self.highlight, names)


@chart(DonutFigure, "Shares of a whole as a ring, slices labelled directly, a big number in "
       "the hole.",
       {"chart": "donut", "data": "vendors", "x": "vendor", "y": "share", "highlight": "Huawei",
        "suffix": "%", "center_label": "63%", "center_note": "Chinese vendors",
        "title": "Chinese vendors supply most of the network"})
def draw_donut(figure: Any, options: DonutFigure, dataset: Dataset, style: Any) -> None:
    from .style import wrap

    names = categories(dataset, options.x)
    values = [float(v or 0) for v in dataset.values(options.y)]
    if options.highlight:
        colors = [style.highlight if n in options.highlight else
                  style.palette[1 + i % max(1, len(style.palette) - 1)]
                  for i, n in enumerate(names)]
    else:
        colors = [style.series_color(i) for i in range(len(names))]
    axes = figure.add_subplot()
    axes.set_axis_off()
    wedges, _ = axes.pie(values, colors=colors, startangle=90, counterclock=False,
                         wedgeprops={"width": 0.36, "edgecolor": "white", "linewidth": 0.8},
                         radius=1)
    axes.set_aspect("equal", adjustable="datalim")
    axes.set_ylim(-1.12, 1.12)
    axes.set_autoscalex_on(True)
    if options.center_label:
        axes.text(0, 0.1 if options.center_note else 0, options.center_label, ha="center",
                  va="center", fontsize=style.size * 2.6, weight="bold",
                  color=style.highlight if options.highlight else style.text)
    if options.center_note:
        axes.text(0, -0.14 if options.center_label else 0, wrap(options.center_note, 60,
                                                                style.size),
                  ha="center", va="top", color=style.muted, linespacing=1.1)
    _slice_labels(figure, axes, wedges, names, values, options, style)


def _slice_labels(figure: Any, axes: Any, wedges: list[Any], names: list[str],
                  values: list[float], options: DonutFigure, style: Any) -> None:
    """Label slices left and right of the ring, pushed apart so that none overlap."""
    figure.draw_without_rendering()
    bbox = axes.get_window_extent()
    per_unit = bbox.height / (axes.get_ylim()[1] - axes.get_ylim()[0])
    gap = style.size * 2.35 / per_unit * 72 / figure.dpi
    sides: dict[int, list[tuple[float, float, int]]] = {1: [], -1: []}
    for index, wedge in enumerate(wedges):
        if not values[index]:
            continue
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        x, y = math.cos(angle), math.sin(angle)
        sides[1 if x >= 0 else -1].append((y, x, index))
    limit = axes.get_ylim()[1] - gap / 2
    for side, items in sides.items():
        items.sort(reverse=True)
        placed: list[float] = []
        for y, _, _ in items:
            target = min(y * 1.05, limit) if not placed else min(y * 1.05, placed[-1] - gap)
            placed.append(target)
        overflow = -limit - placed[-1] if placed and placed[-1] < -limit else 0
        placed = [p + overflow for p in placed]
        for (y, x, index), target in zip(items, placed, strict=True):
            name = names[index]
            emphasised = name in options.highlight
            label = f"{name}\n{options.format_value(values[index])}"
            anchor = (1.18 * side, target)
            axes.annotate(label, (x, y), xytext=anchor, ha="left" if side > 0 else "right",
                          va="center", color=style.highlight if emphasised else style.text,
                          weight="bold" if emphasised else "normal", linespacing=1.1,
                          arrowprops={"arrowstyle": "-", "color": style.rule,
                                      "linewidth": style.axis_width, "shrinkA": 2,
                                      "shrinkB": 0, "connectionstyle": "arc3"},
                          annotation_clip=False)
