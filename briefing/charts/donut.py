"""Donut charts: shares of a whole with a centre label and direct slice labels."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .donut_centre import HOLE
from .donut_layout import Layout, Plan
from .donut_text import LEADING, Measure
from .options import Names, NumberFormat, categories, highlight_problems, printed
from .registry import ASPECT_MOST, FigureBase, Problem, aspect_height, chart, text_box

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

    def layout_problems(self, dataset: Dataset, theme: Any) -> list[Problem]:
        """Return a problem for the slices of 0 the donut leaves out, and one with the height
        its aspect gives, if any (see `_aspect_problems`), or without an aspect one if the
        labels need more height than it may take (warnings: it still draws). Both come from
        the one layout planned here."""
        names = categories(dataset, self.x)
        values = dataset.values(self.y)
        problems: list[Problem] = []
        zeros = [name for name, value in zip(names, values, strict=True) if value == 0]
        if zeros:
            problems.append(("y", f"{_counted(len(zeros), 'slice')} of 0 not drawn: "
                             f"{', '.join(map(repr, zeros))}",
                             "a share of 0 has no slice to label: leave the rows out, or say "
                             "in the caption or note that they are 0"))
        width = theme.frame_width
        layout = printed(self, dataset)._estimated_layout(dataset, width, theme.sizes.small,
                                                          theme)
        if self.aspect is not None:
            return problems + self._aspect_problems(layout, dataset, width, theme)
        return problems + self._crowding_problems(layout, width, theme)

    def _aspect_problems(self, layout: Layout, dataset: Dataset, width: float, theme: Any
                         ) -> list[Problem]:
        """Return one problem with the height the aspect gives: that the labels fit no layout
        in it, or else the aspect's problem, if any (see FigureBase.aspect_problems)."""
        plan = layout.plan(self.height(dataset, width, theme))
        need = layout.natural_height()
        if not plan.last_resort:
            return self.aspect_problems_for(need, width) if need < math.inf else []
        return [("aspect", f"aspect {self.aspect:g} makes the chart {width:.0f} x "
                 f"{plan.height:.0f}pt, too short for the slice labels beside the ring: they "
                 "may overlap or be cut off", self._crowded_hint(layout, need, width, theme))]

    def _crowded_hint(self, layout: Layout, need: float, width: float, theme: Any) -> str:
        """Return what gives labels crowded out by the aspect room: the aspect of the height
        they need (see `_fitting_aspect`); leaving it out, where they fit the height the chart
        then has; shorter names."""
        aspect = _fitting_aspect(layout, need, width)
        if aspect is not None and aspect > (self.aspect or 0):
            if layout.plan(self.height_without_aspect(need, width)).last_resort:
                return f"raise it to {aspect:.2f}, or shorten the slice names"
            return f"raise it to {aspect:.2f} or leave it out (the chart is then as tall as " \
                "its labels need), or shorten the slice names"
        # (the labels' widths, estimated on the wide side, fit no layout at any height)
        return f"shorten the slice names, or raise it (up to {ASPECT_MOST}){_wider(theme)}"

    def _crowding_problems(self, layout: Layout, width: float, theme: Any) -> list[Problem]:
        """Return a problem if the labels fit no layout in the tallest chart without an
        aspect (max_aspect of the width), which the chart then is."""
        need = layout.natural_height()
        height = self.height_without_aspect(need, width)
        if need <= height or not layout.plan(height).last_resort:
            return []
        aspect = _fitting_aspect(layout, need, width)
        taller = f", or give the chart 'aspect: {aspect:.2f}'" if aspect is not None else ""
        return [("x", f"the slice labels do not fit beside the ring in {width:.0f} x "
                 f"{height:.0f}pt, the tallest a donut without an aspect is: they may overlap "
                 "or be cut off",
                 f"shorten the slice names or keep fewer slices{taller}{_wider(theme)}")]

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        """Return the height the labels need; the tallest the chart may be where they fit
        no layout at any height (the most room it can give them)."""
        need = self._estimated_layout(dataset, width, size, theme).natural_height()
        return need if need < math.inf else self.tallest_sized(width)

    def _estimated_layout(self, dataset: Dataset, width: float, size: float, theme: Any
                          ) -> Layout:
        """Return the layout of the chart width points wide, as draw_donut lays it out."""
        from .style import Style

        style = Style(theme)
        return Layout(self, dataset, width, size, style.figure_size, style.axis_width,
                      _measure(theme.fonts.chart))


def _measure(font: str) -> Measure:
    """Return what measures the donut's texts in the chart font family font: from the
    font's advances, the same when the chart is sized and checked as when it is drawn, so
    that labels wrap and stand as planned (see `registry.text_width`)."""

    def measure(text: str, size: float, bold: bool) -> tuple[float, float]:
        return text_box(text, size, font, bold, LEADING)

    return measure


def _wider(theme: Any) -> str:
    """Return the end of a crowded-labels hint that points to a one-column theme, in a theme
    of several columns."""
    return "; a one-column theme gives the chart more width" if theme.page.columns > 1 else ""


def _fitting_aspect(layout: Layout, need: float, width: float) -> float | None:
    """Return the aspect, in hundredths rounded up and at most ASPECT_MOST, of the height
    the labels need, if they fit a layout in the chart it gives; else None."""
    if need == math.inf:
        return None
    aspect = min(math.ceil(need / width * 100 - 1e-6) / 100, ASPECT_MOST)
    return None if layout.plan(aspect_height(width, aspect)).last_resort else aspect


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


@chart(DonutFigure, "Shares of a whole as a ring, slices labelled directly, a big number in "
       "the hole.",
       {"chart": "donut", "data": "energy_projects", "x": "project_type", "y": "projects",
        "highlight": "Coal-fired power stations", "center_label": "15",
        "center_note": "projects in operation",
        "title": "Seven of China's 15 energy projects in Pakistan are coal-fired"})
def draw_donut(figure: Any, options: DonutFigure, dataset: Dataset, style: Any) -> None:
    from matplotlib.patches import Wedge

    from .style import point_axes

    axes, width, height = point_axes(figure)
    layout = Layout(options, dataset, width, style.size, style.figure_size, style.axis_width,
                    _measure(style.theme.fonts.chart))
    names = layout.names
    if options.highlight:
        colors = [style.highlight if n in options.highlight else
                  style.palette[1 + i % max(1, len(style.palette) - 1)]
                  for i, n in enumerate(names)]
    else:
        colors = [style.series_color(i) for i in range(len(names))]
    plan = layout.plan(height)
    for (low, high), color in zip(layout.angles, colors, strict=True):
        if high > low:
            axes.add_patch(Wedge((plan.cx, plan.cy), plan.radius, low, high,
                                 width=plan.radius * (1 - HOLE), facecolor=color,
                                 edgecolor="white", linewidth=0.8))
    _centre(axes, options, style, plan)
    for label in plan.labels:
        emphasised = names[label.index] in options.highlight
        axes.plot(*zip(*label.leader, strict=True), color=style.rule,
                  linewidth=style.axis_width, solid_capstyle="butt", solid_joinstyle="miter")
        axes.text(label.x, label.y, label.text, ha="left" if label.side > 0 else "right",
                  va="center", color=style.highlight if emphasised else style.text,
                  weight="bold" if emphasised else "normal", linespacing=LEADING)


def _centre(axes: Any, options: DonutFigure, style: Any, plan: Plan) -> None:
    """Write the centre label and note in the hole, the pair centred on the ring's centre."""
    centre = plan.centre
    top = plan.cy + (centre.label_height + centre.gap + centre.note_height) / 2
    if centre.label:
        axes.text(plan.cx, top, centre.label, ha="center", va="top", linespacing=LEADING,
                  fontsize=centre.label_size, weight="bold",
                  color=style.highlight if options.highlight else style.text)
    if centre.note:
        axes.text(plan.cx, top - centre.label_height - centre.gap, centre.note, ha="center",
                  va="top", fontsize=centre.note_size, color=style.muted, linespacing=LEADING)
