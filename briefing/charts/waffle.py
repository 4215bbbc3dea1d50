"""Waffle charts: a 10×10 grid of squares per category, filled by its share."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset
from .options import Names, NumberFormat, categories, empty_problems, highlight_problems
from .registry import FigureBase, Problem, chart


class WaffleFigure(FigureBase, NumberFormat):
    """Options of a waffle chart."""

    chart: Literal["waffle"] = Field(description="Shares as filled squares of a 10×10 grid.")
    x: str = Field(description="Column with the categories, one grid each.")
    y: str = Field(description="Column with each category's share of the total.")
    total: float = Field(100, gt=0, description="What a full grid stands for (100 for "
                         "percentages).")
    highlight: Names = Field(default_factory=list, description="Category or categories drawn "
                             "in the highlight colour.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def check(self, dataset: Dataset) -> list[Problem]:
        problems = empty_problems(dataset)
        if problems:
            return problems
        names = categories(dataset, self.x)
        for name, value in zip(names, dataset.values(self.y), strict=True):
            if isinstance(value, (int, float)) and not 0 <= value <= self.total:
                problems.append(("y", f"{name!r} has {value!r}, outside 0 to {self.total:g}",
                                 "a waffle shows shares of 'total'; set 'total:' to match"))
        return problems + highlight_problems(self.highlight, names)


@chart(WaffleFigure, "Shares as filled squares of a 10×10 grid, one grid per category.",
       {"chart": "waffle", "data": "access", "x": "group", "y": "share", "suffix": "%",
        "highlight": "Rural", "aspect": 0.4, "title": "One in five rural people is online"})
def draw_waffle(figure: Any, options: WaffleFigure, dataset: Dataset, style: Any) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    from .style import wrap

    names = categories(dataset, options.x)
    values = [float(v or 0) for v in dataset.values(options.y)]
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_aspect("equal")
    cell, size, space = 1.0, 0.82, 3.2
    squares, colors = [], []
    for index, (name, value) in enumerate(zip(names, values, strict=True)):
        filled = round(value / options.total * 100)
        color = style.highlight if name in options.highlight else style.palette[0]
        left = index * (10 + space)
        for k in range(100):
            row, column = divmod(k, 10)
            squares.append(Rectangle((left + column * cell, row), size, size))
            colors.append(color if k < filled else style.theme.colors.tint)
        emphasised = name in options.highlight
        step_pt = figure.get_figwidth() * 72 / max(1, len(names))
        axes.text(left + 5 - (1 - size) / 2, -0.6,
                  f"{options.format_value(value)}\n{wrap(name, step_pt * 0.9, style.size)}",
                  ha="center", va="top", linespacing=1.15,
                  color=style.highlight if emphasised else style.text,
                  weight="bold" if emphasised else "normal")
    axes.add_collection(PatchCollection(squares, facecolors=colors, edgecolors="none"))
    axes.set_xlim(-0.5, len(names) * (10 + space) - space + 0.5)
    axes.set_ylim(-0.2, 10)
