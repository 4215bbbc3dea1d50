"""Chart style from a theme: fonts, colours and the axes conventions of a policy brief."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..fonts import FALLBACK_FAMILY
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

    @cached_property
    def empty(self) -> str:
        """Colour of a slot with nothing in it (a waffle's empty square): a third of the way
        from the theme's tint to its rule colour, so it shows on white in every theme."""
        tint, rule = (self.theme.colors.tint, self.theme.colors.rule)
        mixed = (round(int(tint[i:i + 2], 16) * 2 / 3 + int(rule[i:i + 2], 16) / 3)
                 for i in (1, 3, 5))
        return "#" + "".join(f"{channel:02x}" for channel in mixed)

    @property
    def palette(self) -> list[str]:
        return self.theme.colors.palette

    @property
    def line_width(self) -> float:
        return self.theme.chart.line_width

    @property
    def axis_width(self) -> float:
        return self.theme.chart.axis_width

    @property
    def figure_size(self) -> float:
        """Size of the one big number a chart may carry (a donut's centre, a waffle's share)."""
        return self.size * 2.2

    def series_color(self, index: int) -> str:
        """Return the colour of the index-th series."""
        return self.palette[index % len(self.palette)]

    def mark(self, emphasised: bool) -> str:
        """Return the colour of one mark: the highlight colour, or the first of the palette."""
        return self.highlight if emphasised else self.palette[0]

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
            # characters the chart font lacks come from the fallback font, as in the text
            "font.family": [self.theme.fonts.chart, FALLBACK_FAMILY],
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
            "path.simplify": True,
            "text.parse_math": False,
        }

    def marker_line(self, axes: Any, value: float, *, vertical: bool, zorder: int) -> None:
        """Draw the dashed line of a reference value across the plot."""
        line = axes.axvline if vertical else axes.axhline
        line(value, color=self.muted, linewidth=self.axis_width * 1.4, linestyle=(0, (4, 2)),
             zorder=zorder)

    def marker_label_above(self, axes: Any, value: float, label: str) -> None:
        """Label a vertical reference line above the plot, kept within the plot's width."""
        low, high = axes.get_xlim()
        where = (value - low) / ((high - low) or 1)
        ha = "left" if where < 0.25 else "right" if where > 0.75 else "center"
        axes.annotate(label, (value, 1), xycoords=("data", "axes fraction"), xytext=(0, 3),
                      textcoords="offset points", ha=ha, va="bottom", color=self.muted,
                      style="italic")

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
    """Return text wrapped to lines of about width_pt points at the given font size (see
    `wrap_to`)."""
    return wrap_to(text, max(6, int(width_pt / (size * 0.5))))


@lru_cache(maxsize=4096)
def wrap_to(text: str, chars: int) -> str:
    """Return text wrapped to lines of at most chars characters, as evenly as that many
    lines allow (never one word left alone on the last line when the others could give it
    company)."""
    lines = textwrap.wrap(text, chars, break_long_words=False)
    if len(lines) > 1:  # the narrowest measure that still needs no more lines
        low, high = max(len(word) for word in text.split()), chars
        while low < high:
            middle = (low + high) // 2
            narrower = textwrap.wrap(text, middle, break_long_words=False)
            if len(narrower) <= len(lines):
                high, lines = middle, narrower
            else:
                low = middle + 1
    return "\n".join(lines) or text


def text_size(figure: Any, text: str, size: float | None = None, weight: str = "normal",
              style: str = "normal", linespacing: float = 1.2) -> tuple[float, float]:
    """Return (width, height) in points of text set in the current chart font.

    Measured line by line and cached: making a Text artist per measurement costs 4 ms.
    Widths are the PDF's (see `_advance_width`), whatever the figure's canvas; heights come
    from the renderer at hand (Agg, or the PDF writer once `fit_axes` has given the figure
    its canvas), and their cache tells those apart: a height one chart measured after its
    fit must not be reused by another before its own, or a chart's bytes would depend on the
    charts drawn before it in the same process.
    """
    from matplotlib import rcParams

    font = (tuple(rcParams["font.family"]), float(size or rcParams["font.size"]), weight, style)
    lines = text.split("\n")
    width = max(_width(line, font) for line in lines)
    return width, _height(figure, len(lines), font, linespacing)


_MEASURED: dict[tuple[Any, ...], float] = {}
"""Widths of lines by (line, font), heights of texts by (lines, font, leading, renderer)."""

Font = tuple[tuple[str, ...], float, str, str]
"""(family, size, weight, style) of chart text."""


def _width(line: str, font: Font) -> float:
    """Return the width of a line in points."""
    key = (line, font)
    if key not in _MEASURED:
        _MEASURED[key] = _advance_width(line, *font)
    return _MEASURED[key]


def _height(figure: Any, lines: int, font: Font, linespacing: float) -> float:
    """Return the height in points of a text of that many lines, as the figure's renderer
    sets it."""
    key = (lines, font, linespacing, figure.dpi, type(figure.canvas).__name__)
    if key not in _MEASURED:
        from matplotlib.text import Text

        family, size, weight, style = font
        artist = Text(0, 0, "\n".join(["Ålp"] * lines), fontsize=size, weight=weight,
                      style=style, linespacing=linespacing, family=list(family))
        artist.set_figure(figure)
        box = artist.get_window_extent(figure._get_renderer())  # a new renderer each time
        _MEASURED[key] = box.height * 72 / figure.dpi
    return _MEASURED[key]


def _advance_width(line: str, family: tuple[str, ...], size: float, weight: str, style: str
                   ) -> float:
    """Return the width of line in pixels at 72 dpi (points), as the PDF sets it: from the
    font's unhinted advances, as matplotlib's PDF writer measures. Agg's hinted widths at 72
    dpi ran up to 5% long or short ('Submarine cable landing' at 6 pt: 60.0 against 62.5), so
    labels placed by them came out closer than planned, or wrapped early."""
    if not line:
        return 0.0
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont, get_font

    flags = getattr(ft2font, "LoadFlags", None)
    no_hinting = flags.NO_HINTING if flags is not None else ft2font.LOAD_NO_HINTING
    font = get_font(findfont(FontProperties(family=list(family), weight=weight, style=style)))
    font.clear()
    font.set_size(size, 72)
    font.set_text(line, 0.0, flags=no_hinting)
    return font.get_width_height()[0] / 64


def series_legend(axes: Any, series: int) -> None:
    """Name the series (by their artists' labels) in a row above the plot, where nothing
    beside the marks names them."""
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=series, borderaxespad=0.2,
                handlelength=1.0, handleheight=0.8, columnspacing=1.2, borderpad=0)


def contrast_text(color: str) -> str:
    """Return white or near-black, whichever reads better on the colour."""
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(color)[:3]
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.6 else "#1d1d1d"


def value_ticks(axis: Any, format_value: Any, size: float, *, vertical: bool = False,
                integer: bool = False) -> None:
    """Give a value axis ticks that fit its length, labelled by format_value with as many
    decimals as the ticks need, whatever the chart's labels print (the baseline as a bare 0:
    '0m' or '$0' reads as a value, not as the axis' origin)."""
    from matplotlib.ticker import Formatter

    from .options import tick_decimals

    class TickFormatter(Formatter):
        places = tick_decimals([])

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            self.places = tick_decimals(list(locs))

        def __call__(self, value: float, pos: Any = None) -> str:
            return tick_text(format_value, value, self.places)

    axis.set_major_locator(fitting_locator(format_value, size, vertical=vertical,
                                           integer=integer))
    axis.set_major_formatter(TickFormatter())


def tick_text(format_value: Any, value: float, places: int) -> str:
    """Return a value axis' label of the tick at value: with the decimal places its ticks
    need between them (`format_value(value, places)`), the baseline as a bare 0."""
    return "0" if value == 0 else format_value(value, places)


def fitting_locator(format_value: Any, size: float, *, vertical: bool = False,
                    integer: bool = False, most: int = 5) -> Any:
    """Return a tick locator whose number of ticks suits the axis length and the widths of
    the labels the ticks print (`tick_text` of format_value, called with the value and the
    ticks' decimal places): the most ticks, up to most intervals, whose widest label and a
    gap fit in the axis' length divided by that many."""
    from matplotlib.ticker import MaxNLocator

    from .options import tick_decimals

    class FittingLocator(MaxNLocator):
        def tick_values(self, vmin: float, vmax: float) -> Any:
            if self.axis is None:
                return super().tick_values(vmin, vmax)
            length = _axis_length(self.axis, vertical)
            if vertical:
                self.set_params(nbins=int(max(1, min(most, length // (size * 2.6)))))
                return super().tick_values(vmin, vmax)
            figure = self.axis.axes.figure
            for bins in range(most, 0, -1):
                self.set_params(nbins=bins)
                ticks = super().tick_values(vmin, vmax)
                shown = [t for t in ticks if min(vmin, vmax) <= t <= max(vmin, vmax)]
                places = tick_decimals(list(ticks))
                need = max((text_size(figure, tick_text(format_value, t, places), size)[0]
                            for t in shown), default=0.0) + size * 1.6
                if bins == 1 or bins <= length // need:
                    return ticks
            return ticks  # (not reached: the last pass has one bin)

    return FittingLocator(nbins=most, integer=integer, min_n_ticks=2, steps=[1, 2, 2.5, 5, 10])


def _axis_length(axis: Any, vertical: bool) -> float:
    """Return the length in points of an axes' vertical or horizontal axis."""
    figure = axis.axes.figure
    box = axis.axes.get_position()
    inches = figure.get_size_inches()
    return float((box.height * inches[1] if vertical else box.width * inches[0]) * 72)


def fit_axes(figure: Any, axes: Any, pad: float = 1.0, passes: int = 3) -> bool:
    """Place the one axes of figure so that everything laid out around it fits, pad points in.

    Does what matplotlib's constrained layout does for a single axes (margins = how far
    ticks, tick labels, legend and annotations reach outside the axes, measured by one
    renderer pass), without its solver and its second pass: the axes is moved once and
    measured again only when that moved an edge by more than a point (text anchored to data
    reaches out further from a smaller axes) or changed its ticks (a locator fitting the
    length). Constrained layout always measures twice; the final fit of a chart whose axes
    was fitted before its labels were placed (bar, range, line) usually measures once.

    Return whether the last pass left the axes where it was, its ticks too: fitted again
    before anything else changes, it would be measured the same and stay there.
    """
    figure.set_layout_engine("none")
    renderer = _pdf_renderer(figure)
    width, height = figure.bbox.width, figure.bbox.height
    pad = pad * figure.dpi / 72
    settled = False
    for _ in range(passes):
        ticks, place = _ticks(axes), _place(axes)
        tight = axes.get_tightbbox(renderer, for_layout_only=True)
        box = axes.get_window_extent(renderer)
        left = box.x0 - tight.x0 + pad
        bottom = box.y0 - tight.y0 + pad
        right = tight.x1 - box.x1 + pad
        top = tight.y1 - box.y1 + pad
        moved = max(abs(left - box.x0), abs(bottom - box.y0), abs(width - right - box.x1),
                    abs(height - top - box.y1)) * 72 / figure.dpi
        axes.set_position((left / width, bottom / height,
                           max(1.0, width - left - right) / width,
                           max(1.0, height - bottom - top) / height))
        same_ticks = _ticks(axes) == ticks
        settled = same_ticks and _place(axes) == place
        if moved <= 1.0 and same_ticks:
            break
    return settled


def _place(axes: Any) -> tuple[float, ...]:
    """Return the corners of the axes' box, as shares of the figure."""
    return tuple(axes.get_position().get_points().flat)


def _pdf_renderer(figure: Any) -> Any:
    """Return the renderer that will write the figure's PDF.

    A figure without a canvas measures text with Agg, whose hinted widths run short of the
    PDF's: fitted by them, a long right-aligned tick label started 1.6 pt left of the chart
    and was cut."""
    from matplotlib.backend_bases import _get_renderer
    from matplotlib.backends.backend_pdf import FigureCanvasPdf

    return _get_renderer(figure, FigureCanvasPdf(figure).print_pdf)


def _ticks(axes: Any) -> tuple[Any, ...]:
    """Return where the visible axes' ticks are: what decides their labels' extents."""
    return tuple(tuple(axis.get_majorticklocs()) for axis in (axes.xaxis, axes.yaxis)
                 if axis.get_visible())


def point_axes(figure: Any) -> tuple[Any, float, float]:
    """Return one invisible axes over the whole figure in points, and the figure's size.

    For charts whose marks and labels are placed by arithmetic rather than by matplotlib's
    layout: x runs from 0 to the width, y from 0 to the height, both in points.
    """
    width, height = figure.get_figwidth() * 72, figure.get_figheight() * 72
    figure.set_layout_engine("none")
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    return axes, width, height


def spread(targets: list[float], gap: float, floor: float = -math.inf) -> list[float]:
    """Return positions for labels wanted at targets (in increasing order) that are at least
    gap apart, in the same order and none below floor, as near their targets as can be.

    Labels that crowd each other stand as a group centred on their targets (the least-squares
    nearest placement: pool-adjacent-violators on each target less its place times gap), so
    they are pushed down as much as up; a group that would sink below floor rises to it.
    """
    blocks: list[list[float]] = []  # [sum of the shifted targets, how many]
    for place, target in enumerate(targets):
        blocks.append([target - place * gap, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    starts = [max(total / count, floor) for total, count in blocks for _ in range(int(count))]
    return [start + place * gap for place, start in enumerate(starts)]
