"""Waffle charts: 100 squares per category, filled by its share, labelled directly."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .options import Names, NumberFormat, categories, font_weights, highlight_problems
from .registry import FigureBase, Problem, chart, text_box, text_height, text_width

SHAPES = ((10, 10), (5, 20), (4, 25), (20, 5))
"""The grids a waffle may take, as (rows, columns)."""

Layout = tuple[float, int, int, bool, str, float, float]
"""A waffle panel's layout: cell, rows, columns, label beside the grid, name text, label size."""


class WaffleFigure(FigureBase, NumberFormat):
    """Options of a waffle chart."""

    chart: Literal["waffle"] = Field(description="Shares as filled squares of a 10×10 grid.")
    x: str = Field(description="Column with the categories, one grid each.")
    y: str = Field(description="Column with each category's share of the total.")
    total: float = Field(100.0, gt=0, description="What a full grid stands for (100 for "
                         "percentages).")
    highlight: Names = Field(default=[], description="Category or categories drawn "
                             "in the highlight colour.")
    suffix: str = Field("", description="Text after every printed share; empty: '%' when "
                        "total is 100.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        names = categories(dataset, self.x)
        problems: list[Problem] = []
        for name, value in zip(names, dataset.values(self.y), strict=True):
            if isinstance(value, (int, float)) and not 0 <= value <= self.total:
                problems.append(("y", f"{name!r} has {value!r}, outside 0 to {self.total:g}",
                                 "a waffle shows shares of 'total'; set 'total:' to match"))
        return problems + highlight_problems(self.highlight, names)

    def shares(self) -> NumberFormat:
        """Return how shares are printed: with '%' after them when no suffix is set for 100."""
        return self.model_copy(update={"suffix": self.suffix or ("%" if self.total == 100
                                                                 else "")})

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        """The least height at which every grid gets comfortable squares, if it can."""
        names = categories(dataset, self.x)
        number = self.shares()
        font = theme.fonts.chart
        per_row, panel_rows = panels_per_row(self, dataset, width, size, font)
        panel, gap, big_size = width / per_row, size, size * 2.2
        most, comfortable = 1.6 * size, size

        def measure(text: str) -> tuple[float, float]:
            return text_box(text, size, font, True, 1.15)

        heights = []
        for name, value in zip(names, dataset.values(self.y), strict=True):
            share = number.format_value(float(value or 0))
            big = (text_width(share, big_size, font, True) * 1.2, text_height(1, big_size))
            candidates = []  # (enough, height, cell) of each grid at its widest
            for beside in (True, False):
                for rows, columns in SHAPES:
                    cell, *_, label_h = grid_layout(panel, 1e6, gap, big, name, measure, size,
                                                    beside, (rows, columns))
                    cell = min(cell, most)
                    need = max(rows * cell, label_h) if beside else rows * cell + label_h + gap
                    # the least height with comfortable squares, failing that the largest
                    # squares; a grid taller than wide only when no other fits at all
                    candidates.append((rows > columns, cell < comfortable,
                                       need if cell >= comfortable else -cell, need))
            heights.append(min(candidates)[3] + 2)
        return panel_rows * max(heights) + (panel_rows - 1) * gap


def panels_per_row(options: WaffleFigure, dataset: Dataset, width: float, size: float,
                   font: str) -> tuple[int, int]:
    """Return how many grids a row of the chart holds, and how many rows: all grids in one,
    unless their panels would be too narrow for their printed shares (set in the chart font
    family font; then they wrap)."""
    number = options.shares()
    widest = max(text_width(number.format_value(float(v or 0)), size * 2.2, font, True)
                 for v in dataset.values(options.y))
    least = max(widest * 1.25 + size, 8 * size)
    count = len(categories(dataset, options.x))
    per_row = max(1, min(count, int(width // least)))
    return per_row, -(-count // per_row)


def grid_layout(panel: float, height: float, gap: float, big: tuple[float, float], name: str,
                measure: Any, size: float, beside_only: bool | None = None,
                shape: tuple[int, int] | None = None) -> Layout:
    """Return the layout of a panel's grid and label with the largest squares.

    measure(text) gives the (width, height) of the name's text; big that of the share.
    """
    from .style import wrap

    best: Layout | None = None
    for beside in (True, False) if beside_only is None else (beside_only,):
        wide = max(big[0], min(panel * 0.45, 140)) if beside else panel - gap
        text = wrap(name, wide, size)
        small = measure(text)
        label_w, label_h = max(big[0], small[0]), big[1] + small[1] + 2
        for rows, columns in SHAPES if shape is None else (shape,):
            room_w = panel - gap - (label_w + gap if beside else 0)
            room_h = height - (0 if beside else label_h + gap)
            cell = min(room_w / columns, room_h / rows)
            if best is None or cell > best[0] + 0.01:
                best = (cell, rows, columns, beside, text, label_w, label_h)
    assert best is not None
    return best


@chart(WaffleFigure, "Shares as 100 filled squares, one grid per category, each labelled "
       "with its share and name.",
       {"chart": "waffle", "data": "telecom_sites_power", "x": "status", "y": "share_of_sites",
        "highlight": "Sites without generators",
        "title": "More than two in five telecom sites have no backup generator"})
def draw_waffle(figure: Any, options: WaffleFigure, dataset: Dataset, style: Any) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    from .style import point_axes, text_size

    names = categories(dataset, options.x)
    values = [float(v or 0) for v in dataset.values(options.y)]
    axes, width, height = point_axes(figure)
    number = options.shares()
    per_row, rows_of_panels = panels_per_row(options, dataset, width, style.size,
                                             style.theme.fonts.chart)
    panel = width / per_row
    gap = style.size
    panel_h = (height - (rows_of_panels - 1) * gap) / rows_of_panels
    labels = []
    for name, value, weight in zip(names, values, font_weights(names, options.highlight),
                                   strict=True):
        share = number.format_value(value)
        big = text_size(figure, share, style.figure_size, "bold")
        labels.append((share, big, weight, name))
    layouts = [grid_layout(panel, panel_h, gap, big, name, lambda text, weight=weight: text_size(
        figure, text, style.size, weight, linespacing=1.15), style.size)
        for share, big, weight, name in labels]
    common = min(layout[0] for layout in layouts)  # every grid's squares the same size
    squares, colors = [], []
    for index, (value, (share, big, weight, _name), layout) in enumerate(zip(
            values, labels, layouts, strict=True)):
        emphasised = weight == "bold"
        color = style.mark(emphasised)
        left = index % per_row * panel
        bottom = (rows_of_panels - 1 - index // per_row) * (panel_h + gap)
        _, rows, columns, beside, text, label_w, label_h = layout
        cell = common
        grid_w, grid_h = cell * columns, cell * rows
        block_w = grid_w + (gap + label_w if beside else 0)
        x0 = left + (panel - block_w) / 2 if len(names) > 1 or not beside else left
        y0 = bottom + ((panel_h - grid_h) / 2 if beside else panel_h - grid_h)
        filled = round(value / options.total * 100)
        inset = max(0.6, cell * 0.12)
        for k in range(100):
            column, row = divmod(k, rows)  # fill column by column from the left
            squares.append(Rectangle((x0 + column * cell, y0 + grid_h - (row + 1) * cell),
                                     cell - inset, cell - inset))
            colors.append(color if k < filled else style.empty)
        if beside:
            tx, ty, va = x0 + grid_w + gap, y0 + grid_h / 2 + label_h / 2, "top"
        else:
            tx, ty, va = x0, y0 - gap, "top"
        axes.text(tx, ty, share, ha="left", va=va, fontsize=style.figure_size, weight="bold",
                  color=color if emphasised else style.text)
        axes.text(tx, ty - big[1] - 2, text, ha="left", va="top", linespacing=1.15,
                  color=color if emphasised else style.text, weight=weight)
    axes.add_collection(PatchCollection(squares, facecolors=colors, edgecolors="none"))
