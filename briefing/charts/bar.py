"""Bar charts: one series, vertical or horizontal, with highlights and a reference line."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .registry import FigureBase, chart


class BarFigure(FigureBase):
    """Options of a bar chart."""

    chart: Literal["bar"] = Field(description="A bar chart of one series.")
    x: str = Field(description="Column with the categories.")
    y: str = Field(description="Column with the values (numbers).")

    data_columns: ClassVar = {"x": None, "y": "number"}


@chart(BarFigure, "Bars of one series.", {"chart": "bar", "x": "country", "y": "share"})
def draw_bar(figure, options, dataset, style) -> None:  # placeholder until the chart builders land
    axes = figure.add_subplot()
    axes.bar([str(v) for v in dataset.values(options.x)], dataset.values(options.y))
