"""Donut charts: shares of a whole with a centre label and direct slice labels."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset
from .options import Names, NumberFormat, categories, highlight_problems
from .registry import FigureBase, Problem, chart, proportional, text_width

MAX_SLICES = 8


class DonutFigure(FigureBase, NumberFormat):
    """Options of a donut chart."""

    chart: Literal["donut"] = Field(description="Shares of a whole as a ring.")
    x: str = Field(description="Column with the slice names.")
    y: str = Field(description="Column with the slice values (numbers ≥ 0).")
    center_label: str | None = Field(None, description="Big text in the hole, e.g. '42%'.")
    center_note: str | None = Field(None, description="Small text under the centre label.")
    highlight: Names = Field(default=[], description="Slice or slices drawn in the "
                             "highlight colour.")

    data_columns: ClassVar = {"x": None, "y": "number"}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        names = categories(dataset, self.x)
        problems: list[Problem] = []
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

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        from .style import wrap

        names = categories(dataset, self.x)
        values = [float(v or 0) for v in dataset.values(self.y)]
        total = sum(values) or 1.0
        # the labels of each side stacked (name above value), as draw_donut first tries them
        need = {1: 0.0, -1: 0.0}
        label_w = {1: 0.0, -1: 0.0}
        start = 90.0
        for name, value in zip(names, values, strict=True):
            sweep = value / total * 360
            if value:
                middle = math.radians(start - sweep / 2)
                side = 1 if math.cos(middle) >= -1e-9 else -1
                text = f"{wrap(name, width * 0.26, size)}\n{self.format_value(value)}"
                need[side] += (text.count("\n") + 1) * 1.1 * size + 2
                label_w[side] = max(label_w[side], text_width(text, size))
            start -= sweep
        # a ring as wide as the labels leave room for, but not a big one
        ring = width - label_w[1] - label_w[-1] - 2 * 1.6 * size - 4 + 8
        return max(max(need.values()) + 4, min(proportional(width, 0.32, 110, 150), ring))


@chart(DonutFigure, "Shares of a whole as a ring, slices labelled directly, a big number in "
       "the hole.",
       {"chart": "donut", "data": "energy_projects", "x": "project_type", "y": "projects",
        "highlight": "Coal-fired power stations", "center_label": "15",
        "center_note": "projects in operation",
        "title": "Seven of China's 15 energy projects in Pakistan are coal-fired"})
def draw_donut(figure: Any, options: DonutFigure, dataset: Dataset, style: Any) -> None:
    from matplotlib.patches import Wedge

    from .style import point_axes, text_size, wrap

    names = categories(dataset, options.x)
    values = [float(v or 0) for v in dataset.values(options.y)]
    if options.highlight:
        colors = [style.highlight if n in options.highlight else
                  style.palette[1 + i % max(1, len(style.palette) - 1)]
                  for i, n in enumerate(names)]
    else:
        colors = [style.series_color(i) for i in range(len(names))]
    axes, width, height = point_axes(figure)
    total = sum(values) or 1.0
    angles, start = [], 90.0
    for value in values:
        sweep = value / total * 360
        angles.append((start - sweep, start))
        start -= sweep
    sides: dict[int, list[int]] = {1: [], -1: []}
    for index, (low, high) in enumerate(angles):
        if values[index]:
            middle = math.radians((low + high) / 2)
            sides[1 if math.cos(middle) >= -1e-9 else -1].append(index)
    # name above value where the height allows; value run on after the name where it does not
    for one_line in (False, True):
        texts: dict[int, tuple[str, float, float]] = {}
        for index in (i for items in sides.values() for i in items):
            weight = "bold" if names[index] in options.highlight else "normal"
            value = options.format_value(values[index])
            text = wrap(f"{names[index]} {value}", width * 0.3, style.size) if one_line else \
                f"{wrap(names[index], width * 0.26, style.size)}\n{value}"
            texts[index] = (text, *text_size(figure, text, style.size, weight,
                                             linespacing=1.1))
        if all(sum(texts[i][2] + 2 for i in items) <= height for items in sides.values()):
            break
    # still too tall on one side: hand its topmost slices to the other side
    for side in (-1, 1):
        items = sides[side]
        while len(items) > 1 and sum(texts[i][2] + 2 for i in items) > height and sum(
                texts[i][2] + 2 for i in sides[-side]) + texts[items[-1]][2] + 2 <= height:
            top = max(items, key=lambda i: math.sin(math.radians(sum(angles[i]) / 2)))
            items.remove(top)
            sides[-side].append(top)
    reach = style.size * 1.6  # from the ring to the labels
    label_w = {side: max([texts[i][1] for i in items], default=0.0)
               for side, items in sides.items()}
    radius = max(10.0, min(height / 2 - 2, (width - label_w[1] - label_w[-1]
                                             - 2 * reach - 4) / 2))
    free = width - 2 * radius - label_w[1] - label_w[-1] - 2 * reach
    cx = label_w[-1] + reach + radius + max(0.0, free) / 2 + (2 if not sides[-1] else 0)
    cy = height / 2
    for (low, high), color in zip(angles, colors, strict=True):
        if high > low:
            axes.add_patch(Wedge((cx, cy), radius, low, high, width=radius * 0.36,
                                 facecolor=color, edgecolor="white", linewidth=0.8))
    hole = radius * 0.64
    _centre(figure, axes, options, style, cx, cy, hole)
    for side, items in sides.items():
        _side_labels(axes, items, angles, texts, options, names, style, side, cx, cy, radius,
                     reach, height)


def _centre(figure: Any, axes: Any, options: DonutFigure, style: Any, cx: float, cy: float,
            hole: float) -> None:
    """Write the centre label and note in the hole, the label shrunk until it fits."""
    from .style import text_size, wrap

    note = wrap(options.center_note, hole * 1.5, style.size) if options.center_note else ""
    note_h = text_size(figure, note, style.size, linespacing=1.1)[1] if note else 0.0
    size, label_h = style.figure_size, 0.0
    if options.center_label:
        while size > style.size:
            label_w, label_h = text_size(figure, options.center_label, size, "bold")
            if label_w <= hole * 1.6 and label_h + note_h <= hole * 1.7:
                break
            size -= 0.5
    top = cy + (label_h + note_h + (2 if note else 0)) / 2
    if options.center_label:
        axes.text(cx, top, options.center_label, ha="center", va="top", fontsize=size,
                  weight="bold", color=style.highlight if options.highlight else style.text)
    if note:
        axes.text(cx, top - label_h - (2 if options.center_label else 0), note, ha="center",
                  va="top", color=style.muted, linespacing=1.1)


def _side_labels(axes: Any, items: list[int], angles: list[tuple[float, float]],
                 texts: dict[int, tuple[str, float, float]], options: DonutFigure,
                 names: list[str], style: Any, side: int, cx: float, cy: float, radius: float,
                 reach: float, height: float) -> None:
    """Label one side's slices in angle order, pushed apart so that none overlap."""
    if not items:
        return
    spots = []
    for index in items:
        middle = math.radians(sum(angles[index]) / 2)
        spots.append((cy + radius * math.sin(middle), index, middle))
    spots.sort(reverse=True)  # top down
    gap = 2.0
    centres: list[float] = []
    for y, index, _ in spots:
        h = texts[index][2]
        if centres:
            previous = texts[spots[len(centres) - 1][1]][2]
            y = min(y, centres[-1] - previous / 2 - gap - h / 2)
        centres.append(min(y, height - h / 2))
    # pushed through the bottom: push back up from there
    for k in range(len(centres) - 1, -1, -1):
        h = texts[spots[k][1]][2]
        floor = h / 2 if k == len(centres) - 1 else \
            centres[k + 1] + texts[spots[k + 1][1]][2] / 2 + gap + h / 2
        centres[k] = max(centres[k], floor)
    for (_, index, middle), y in zip(spots, centres, strict=True):
        text = texts[index][0]
        emphasised = names[index] in options.highlight
        x = cx + side * (radius + reach)
        edge = (cx + (radius + 1) * math.cos(middle), cy + (radius + 1) * math.sin(middle))
        axes.plot([edge[0], x - side * 2], [edge[1], y], color=style.rule,
                  linewidth=style.axis_width, solid_capstyle="butt")
        axes.text(x, y, text, ha="left" if side > 0 else "right", va="center",
                  color=style.highlight if emphasised else style.text,
                  weight="bold" if emphasised else "normal", linespacing=1.1)
