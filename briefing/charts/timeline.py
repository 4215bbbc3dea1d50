"""Timelines: dated events along a time axis, labels stacked so that none overlap."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..data import Dataset, Month
from .options import Names, categories, empty_problems, highlight_problems
from .registry import FigureBase, Problem, chart

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class TimelineFigure(FigureBase):
    """Options of a timeline."""

    chart: Literal["timeline"] = Field(description="Dated events along a time axis.")
    date: str = Field(description="Column with the dates (YYYY-MM or YYYY-MM-DD).")
    label: str = Field(description="Column with the text of each event.")
    highlight: Names = Field(default_factory=list, description="Event label or labels drawn "
                             "in the highlight colour.")
    label_width: float = Field(110, ge=40, le=300, description="Width of an event's label "
                               "in points before it wraps.")

    data_columns: ClassVar = {"date": "date", "label": None}

    def check(self, dataset: Dataset) -> list[Problem]:
        return empty_problems(dataset) or highlight_problems(
            self.highlight, categories(dataset, self.label), "event label")


def date_text(day: dt.date, precision: str) -> str:
    """Return a date as printed on a timeline: '2015', 'Apr 2015' or '3 Apr 2015'."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _precision(day: dt.date) -> str:
    return "month" if isinstance(day, Month) else "day"


@chart(TimelineFigure, "Dated events along a time axis, labels stacked above and below it so "
       "that none overlap.",
       {"chart": "timeline", "data": "milestones", "date": "date", "label": "event",
        "highlight": "CPEC launched", "aspect": 0.45,
        "title": "A decade of digital cooperation"})
def draw_timeline(figure: Any, options: TimelineFigure, dataset: Dataset, style: Any) -> None:
    import matplotlib.dates as mdates

    from .style import wrap

    events = sorted((row[options.date], str(row[options.label] or "")) for row in dataset.rows
                    if isinstance(row.get(options.date), dt.date))
    axes = figure.add_subplot()
    axes.set_axis_off()
    numbers = [mdates.date2num(d) for d, _ in events]
    first, last = min(numbers), max(numbers)
    pad = (last - first) * 0.02 or 30
    axes.set_xlim(first - pad, last + pad)
    axes.set_ylim(-1, 1)
    axes.axhline(0, color=style.muted, linewidth=style.axis_width * 1.5, zorder=1)
    texts = []
    for (day, label), number in zip(events, numbers, strict=True):
        emphasised = label in options.highlight
        color = style.highlight if emphasised else style.palette[0]
        axes.plot([number], [0], marker="o", markersize=style.size * 0.55, color=color,
                  markeredgecolor="white", markeredgewidth=0.6, zorder=3)
        text = axes.annotate("", (number, 0), xytext=(0, 0), textcoords="offset points",
                             ha="left", va="bottom", color=style.text, linespacing=1.15,
                             annotation_clip=False, weight="bold" if emphasised else "normal")
        texts.append((text, number, color, f"{date_text(day, _precision(day))}\n", label))
    # narrower labels stack deeper but collide less; take the widest that fits
    for factor in (1.0, 0.8, 0.65, 0.5):
        for text, _, _, head, label in texts:
            text.set_text(head + wrap(label, options.label_width * factor, style.size))
        placed = _stack(figure, axes, [t[:3] for t in texts], style)
        if placed is not None:
            break
    else:
        placed = _stack(figure, axes, [t[:3] for t in texts], style, force=True)
    assert placed is not None
    for number, end, color in placed:
        axes.plot([number, number], [0, end], color=color, linewidth=style.axis_width,
                  zorder=2)


def _stack(figure: Any, axes: Any, texts: list[Any], style: Any, force: bool = False
           ) -> list[tuple[float, float, str]] | None:
    """Put each label on the nearest free level above or below the axis; return the stems.

    Return None when some label finds no free level (unless force, which then takes the
    least crowded level).
    """
    renderer = figure._get_renderer()
    figure.draw_without_rendering()
    box = axes.get_window_extent(renderer)
    scale = 72 / figure.dpi
    gap = style.size * 0.4
    stem = style.size * 0.9
    height = max(t.get_window_extent(renderer).height for t, _, _ in texts) * scale + gap
    half = box.height * scale / 2
    levels = max(1, int((half - stem) // height))
    taken: dict[int, list[tuple[float, float]]] = {}
    stems: list[tuple[float, int]] = []
    placed: list[tuple[float, float, str]] = []
    order = [k for i in range(1, levels + 1) for k in (i, -i)]
    for text, number, color in texts:
        x = axes.transData.transform((number, 0))[0] * scale
        width = text.get_window_extent(renderer).width * scale
        spans = {"left": (x - 2, x + width + 2), "right": (x - width - 2, x + 2)}
        if x + width > box.x1 * scale + 2:
            del spans["left"]
        choice = next(((k, a) for k in order for a in spans
                       if _free(k, x, spans[a], taken, stems)), None)
        if choice is None:
            if not force:
                return None
            # crowded: let stems cross labels, then stack beyond the chart's height,
            # but never let two labels overlap
            deeper = [k for i in range(1, 40) for k in (i, -i)]
            choice = next((k, a) for k in deeper for a in spans
                          if not any(p < spans[a][1] and spans[a][0] < q
                                     for p, q in taken.get(k, [])))
        level, anchor = choice
        taken.setdefault(level, []).append(spans[anchor])
        stems.append((x, level))
        offset = stem + (abs(level) - 1) * height
        text.set_horizontalalignment(anchor)
        text.xyann = (0, offset if level > 0 else -offset)
        text.set_verticalalignment("bottom" if level > 0 else "top")
        end = (offset - 1) / half * (1 if level > 0 else -1)
        placed.append((number, end, color))
    return placed


def _free(level: int, x: float, span: tuple[float, float],
          taken: dict[int, list[tuple[float, float]]], stems: list[tuple[float, int]]) -> bool:
    """Return whether a label fits at level without touching other labels or stems."""
    side = 1 if level > 0 else -1
    if any(a < span[1] and span[0] < b for a, b in taken.get(level, [])):
        return False
    # its stem must not cross labels nearer the axis on its side
    for inner in range(1, abs(level)):
        if any(a <= x <= b for a, b in taken.get(inner * side, [])):
            return False
    # and no longer stem may cross it
    return not any(span[0] <= sx <= span[1] and sl * side > 0 and abs(sl) > abs(level)
                   for sx, sl in stems)
