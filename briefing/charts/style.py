"""Chart style from a theme: fonts, colours and the axes conventions of a policy brief."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from ..theme import Theme


@dataclass(frozen=True)
class Style:
    """What every chart kind draws with: sizes, colours and line weights from the theme."""

    theme: Theme

    @property
    def size(self) -> float:
        return self.theme.sizes.small

    @property
    def text(self) -> str:
        return self.theme.colors.text

    @property
    def muted(self) -> str:
        return self.theme.colors.muted

    @property
    def rule(self) -> str:
        return self.theme.colors.rule

    @property
    def highlight(self) -> str:
        return self.theme.colors.highlight

    @property
    def palette(self) -> list[str]:
        return self.theme.colors.palette

    @property
    def line_width(self) -> float:
        return self.theme.chart.line_width

    @property
    def axis_width(self) -> float:
        return self.theme.chart.axis_width

    def series_color(self, index: int) -> str:
        """Return the colour of the index-th series."""
        return self.palette[index % len(self.palette)]

    def colors(self, names: list[str], highlight: list[str]) -> list[str]:
        """Return one colour per category: the highlight colour for highlighted ones."""
        if not highlight:
            return [self.palette[0]] * len(names)
        quiet = self.palette[min(1, len(self.palette) - 1)]
        return [self.highlight if name in highlight else quiet for name in names]

    def rc(self) -> dict[str, Any]:
        """Return the matplotlib rcParams of charts in this theme."""
        return {
            "pdf.fonttype": 42,
            "pdf.compression": 6,
            "font.family": [self.theme.fonts.chart],
            "font.size": self.size,
            "text.color": self.text,
            "axes.labelcolor": self.muted,
            "axes.edgecolor": self.rule,
            "axes.linewidth": self.axis_width,
            "axes.titlesize": self.size,
            "axes.labelsize": self.size,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "xtick.labelcolor": self.text,
            "ytick.labelcolor": self.text,
            "xtick.labelsize": self.size,
            "ytick.labelsize": self.size,
            "xtick.major.width": self.axis_width,
            "ytick.major.width": self.axis_width,
            "xtick.major.size": 3,
            "ytick.major.size": 0,
            "legend.fontsize": self.size,
            "legend.frameon": False,
            "lines.linewidth": self.line_width,
            "grid.color": self.rule,
            "grid.linewidth": self.axis_width * 0.7,
            "svg.hashsalt": "briefing",
            "path.simplify": True,
        }

    def clean(self, axes: Any, *, value_axis: str | None = "y", grid: bool | None = None) -> None:
        """Remove chart junk: frames, the value axis when values are labelled, heavy grids."""
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if value_axis == "y":
            axes.spines["left"].set_visible(False)
        elif value_axis == "x":
            axes.spines["bottom"].set_visible(False)
        show_grid = self.theme.chart.grid if grid is None else grid
        axes.set_axisbelow(True)
        if value_axis and show_grid:
            axes.grid(True, axis=value_axis)
        else:
            axes.grid(False)
        axes.tick_params(axis="both", length=0, pad=3)
        if value_axis != "x":
            axes.tick_params(axis="x", length=3 if value_axis == "y" else 0)


def wrap(text: str, width_pt: float, size: float) -> str:
    """Return text wrapped to lines of about width_pt points at the given font size."""
    chars = max(6, int(width_pt / (size * 0.5)))
    return "\n".join(textwrap.wrap(text, chars, break_long_words=False)) or text


def text_box(text: Any, renderer: Any) -> Any:
    """Return the display extent of a text artist."""
    return text.get_window_extent(renderer)
