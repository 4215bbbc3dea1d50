"""Rank charts: a position out of a total ("100th of 111") on one track per row."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .options import Names, categories, highlight_problems
from .registry import FigureBase, Problem, chart, text_height

ROW = 3.4
"""Height of a row in chart text sizes: the name and the rank beside the track, the end
labels 0.9 text sizes under it (reaching 2.1 below its middle), and air before the next."""


class RankFigure(FigureBase):
    """Options of a rank chart."""

    chart: Literal["rank"] = Field(description="Positions out of a total, one track per row.")
    x: str = Field(description="Column naming each ranking, e.g. an index.")
    rank: str = Field(description="Column with the position (1 is first).")
    total: str = Field(description="Column with how many are ranked.")
    highlight: Names = Field(default=[], description="Row or rows drawn in the "
                             "highlight colour.")

    data_columns: ClassVar = {"x": None, "rank": "number", "total": "number"}
    max_aspect: ClassVar = math.inf
    """As tall as its rows need, even in a narrow column (squeezed to 0.9 × its width, a
    journal column's rows ran the end labels of one track into the next row's name)."""

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        names = categories(dataset, self.x)
        problems: list[Problem] = []
        for name, row in zip(names, dataset.rows, strict=True):
            rank, total = row.get(self.rank), row.get(self.total)
            if isinstance(rank, (int, float)) and isinstance(total, (int, float)) and \
                    not 1 <= rank <= total:
                problems.append(("rank", f"{name!r} is ranked {rank!r} of {total!r}; a rank "
                                 "must be between 1 and the total", "check the two columns"))
        return problems + highlight_problems(self.highlight, names)


    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        # a track per row with its end labels under it, and a little air between rows
        return len(dataset.rows) * ROW * size + text_height(1, size) + 4


def ordinal(number: float) -> str:
    """Return '1st', '2nd', '3rd', '11th', '100th' for a rank."""
    if not float(number).is_integer():
        return f"{number:g}th"
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _count(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


@chart(RankFigure, "Positions out of a total ('100th of 111'), one track per ranking.",
       {"chart": "rank", "data": "speed_rankings", "x": "measure", "rank": "rank",
        "total": "total", "title": "Near the bottom for both mobile and broadband speed"})
def draw_rank(figure: Any, options: RankFigure, dataset: Dataset, style: Any) -> None:
    from .style import fit_axes

    names = categories(dataset, options.x)
    axes = figure.add_subplot()
    style.clean(axes, value_axis=None, grid=False)
    axes.spines["left"].set_visible(False)
    axes.spines["bottom"].set_visible(False)
    axes.set_xticks([])
    positions = list(range(len(names)))
    for position, name, row in zip(positions, names, dataset.rows, strict=True):
        rank, total = float(row[options.rank] or 1), float(row[options.total] or 1)
        share = 0.0 if total <= 1 else (rank - 1) / (total - 1)
        emphasised = name in options.highlight
        color = style.mark(emphasised)
        axes.plot([0, 1], [position, position], color=style.rule, linewidth=style.size * 0.45,
                  solid_capstyle="round", zorder=1)
        axes.plot([0, share], [position, position], color=color, linewidth=style.size * 0.45,
                  solid_capstyle="round", alpha=0.35, zorder=2)
        axes.plot([share], [position], marker="o", markersize=style.size * 0.9, color=color,
                  markeredgecolor="white", markeredgewidth=0.8, zorder=3,
                  clip_on=False)  # whole at 1st and last place, past the track's ends
        axes.annotate(f"{ordinal(rank)} of {_count(total)}", (1, position), xytext=(8, 0),
                      textcoords="offset points", ha="left", va="center",
                      color=style.highlight if emphasised else style.text,
                      weight="bold" if emphasised else "normal")
        for end, text in ((0, "1st"), (1, ordinal(total))):
            axes.annotate(text, (end, position), xytext=(0, -style.size * 0.9),
                          textcoords="offset points", ha="center", va="top",
                          color=style.muted)
    axes.set_yticks(positions, names)
    axes.set_ylim(len(names) - 0.3, -0.5)
    axes.set_xlim(-0.02, 1.02)
    fit_axes(figure, axes)
