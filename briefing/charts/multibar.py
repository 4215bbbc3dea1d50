"""Grouped and stacked bar charts: several series per category."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from ..data import Dataset
from ..models import Field
from .options import NumberFormat, categories
from .registry import FigureBase, Problem, chart, text_height, text_width


class _MultiBar(FigureBase, NumberFormat):
    x: str = Field(description="Column with the categories.")
    y: list[str] = Field(min_length=2, description="Columns with the values (0 or more), one "
                         "series each (named by the columns' labels).")
    horizontal: bool = Field(False, description="Draw bars left to right, categories down "
                             "the side (done anyway when the names would not fit under "
                             "vertical bars).")
    labels: bool = Field(True, description="Print values on the bars where they fit.")

    data_columns: ClassVar = {"x": None, "y": "number"}
    labelled_columns: ClassVar = ("y",)

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        names = categories(dataset, self.x)
        for column in self.y:
            for name, value in zip(names, dataset.values(column), strict=True):
                if isinstance(value, (int, float)) and value < 0:
                    return [("y", f"{self.chart} values must be 0 or more; {name!r} has "
                                  f"{value!r} in {column!r}",
                             "show one series with negatives as a bar chart, or a line chart")]
        if not any(isinstance(v, (int, float)) and v > 0
                   for column in self.y for v in dataset.values(column)):
            return [("y", f"the columns {', '.join(map(repr, self.y))} have no value above 0",
                     "a bar chart needs at least one bar to draw")]
        return []

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        from .bar import as_drawn, row_height, side_names, vertical_height

        names, font = categories(dataset, self.x), theme.fonts.chart
        if not as_drawn(self, names, width, size, font).horizontal:
            return vertical_height(names, width, size) + text_height(1, size)  # the legend
        # a row per category, tall enough for its name and a value label on each of its bars
        return self.rows_height(len(names), row_height(side_names(names, width, size, font)),
                                size, theme.chart.bar_width)

    def rows_height(self, count: int, row: float, size: float, bar_width: float) -> float:
        """Return the height of count categories of horizontal bars in rows of row text sizes
        (or taller, for their value labels): the rows, the legend above, the value axis
        below."""
        from .bar import rows_height

        return rows_height(count, max(row, self.labelled_row(bar_width)), size,
                           line_above=True, labels=self.labels)

    def side_by_side(self) -> int:
        """Return how many bars of a category stand side by side (stacked: one)."""
        return 1 if self.chart == "stacked_bar" else len(self.y)

    def labelled_row(self, bar_width: float) -> float:
        """Return the least height of a row of horizontal bars, in text sizes: its bars
        (bar_width of it) thick enough for a value label on each."""
        return 1.25 * self.side_by_side() / bar_width / 0.8


class GroupedBarFigure(_MultiBar):
    """Options of a grouped bar chart."""

    chart: Literal["grouped_bar"] = Field(description="Bars of several series side by side.")


class StackedBarFigure(_MultiBar):
    """Options of a stacked bar chart."""

    chart: Literal["stacked_bar"] = Field(description="Bars of several series stacked.")


_EXAMPLE = {"data": "internet_speed", "x": "measure", "y": ["low_mbps", "high_mbps"],
            "suffix": " Mbps",
            "title": "Pakistan's average internet speed is 10–20 Mbps",
            "subtitle": "Low and high end of the average speed, megabits per second"}


@chart(GroupedBarFigure, "Several series side by side per category, with a legend above.",
       {"chart": "grouped_bar", **_EXAMPLE})
def draw_grouped(figure: Any, options: GroupedBarFigure, dataset: Dataset, style: Any) -> None:
    _draw(figure, options, dataset, style, stacked=False)


@chart(StackedBarFigure, "Several series stacked per category, labelled directly where "
       "they fit.",
       {"chart": "stacked_bar", "data": "speed_rankings", "x": "measure",
        "y": ["ranked_above", "ranked_below"], "horizontal": True,
        "title": "Most countries and territories tested rank above Pakistan",
        "subtitle": "Countries and territories ranked above and below Pakistan, October 2024"})
def draw_stacked(figure: Any, options: StackedBarFigure, dataset: Dataset, style: Any) -> None:
    _draw(figure, options, dataset, style, stacked=True)


def _draw(figure: Any, options: _MultiBar, dataset: Dataset, style: Any, *, stacked: bool
          ) -> None:
    from .bar import FEWEST_SLOTS, ROW, as_drawn, name_slot, narrow_bars, side_names
    from .style import fit_axes, series_legend, wrap

    names = categories(dataset, options.x)
    font = style.theme.fonts.chart
    options = as_drawn(options, names, figure.get_figwidth() * 72, style.size, font)
    series = [[float(v or 0) for v in dataset.values(column)] for column in options.y]
    labels = [dataset.columns[column].label for column in options.y]
    axes = figure.add_subplot()
    style.clean(axes, value_axis="x" if options.horizontal else "y",
                grid=False if options.labels else None)
    count, width = len(series), style.theme.chart.bar_width
    # points per unit of category position, roughly; decides which labels fit
    fig_w, fig_h = figure.get_figwidth() * 72, figure.get_figheight() * 72
    along = (fig_h * 0.8 if options.horizontal else fig_w * 0.85) / max(1, len(names))
    positions = list(range(len(names)))
    base = [0.0] * len(names)
    draw = axes.barh if options.horizontal else axes.bar
    containers = []
    for index, values in enumerate(series):
        color = style.series_color(index)
        if stacked:
            # the fourth argument is where each bar starts: bar's bottom, barh's left
            bars = draw(positions, values, width, base, color=color, label=labels[index],
                        edgecolor="white", linewidth=0.4)
            base = [b + v for b, v in zip(base, values, strict=True)]
        else:
            shift = (index - (count - 1) / 2) * width / count
            spots = [p + shift for p in positions]
            bars = draw(spots, values, width / count, color=color, label=labels[index])
        containers.append(bars)
    top = max(base) if stacked else max(max(s) for s in series)
    limit = (axes.set_xlim if options.horizontal else axes.set_ylim)
    limit(0, top * 1.12 or 1)
    if options.horizontal:
        axes.set_yticks(positions, side_names(names, fig_w, style.size, font))
        axes.invert_yaxis()
    else:
        axes.set_xticks(positions, [wrap(n, name_slot(names, fig_w), style.size) for n in names])
    axis = axes.xaxis if options.horizontal else axes.yaxis
    axis.set_visible(not options.labels)  # (back if no label fits: the bars only get thinner)
    # the legend, when nothing else can name the series, before the bars are narrowed to
    # the room the axes is left (horizontal bars keep the thickness of names on one line)
    legend_first = options.horizontal or not stacked
    if legend_first:
        series_legend(axes, len(labels))
    side_by_side = options.side_by_side()
    # the plot of the fewest categories drawn as they are: their bars and matplotlib's margins
    fewest_span = (FEWEST_SLOTS - 1 + width) * (1 + 2 * axes.margins()[0])
    spare = fig_h - options.rows_height(len(names), ROW, style.size, width)
    narrow_bars(figure, axes, containers, options.horizontal, width, spare=spare,
                fewest_span=fewest_span)
    bar_pt = min(along * width / side_by_side,
                 _thickness(containers[0][0], axes, options.horizontal))
    labelled = options.labels and _value_labels(axes, options, containers, series, style,
                                                bar_pt, stacked, top)
    if not labelled:
        axis.set_visible(True)
        from .style import value_ticks

        if options.labels:  # no label fits: fall back to a value axis with light grid lines
            axes.grid(style.theme.chart.grid, axis="x" if options.horizontal else "y")
        value_ticks(axis, options.format_value, style.size, vertical=not options.horizontal)
    if not legend_first and not _direct_series_labels(axes, options, containers, series,
                                                      labels, style, top):
        series_legend(axes, len(labels))
    fit_axes(figure, axes)


def _thickness(bar: Any, axes: Any, horizontal: bool) -> float:
    """Return about how thick a bar will be in points: the most it can be, over the whole
    figure (the axes' place is not final yet)."""
    figure = axes.figure
    extent = (figure.get_figheight() if horizontal else figure.get_figwidth()) * 72
    from .bar import category_span

    thickness = bar.get_height() if horizontal else bar.get_width()
    return thickness * extent / category_span(axes, horizontal)


def _value_labels(axes: Any, options: _MultiBar, containers: list[Any],
                  series: list[list[float]], style: Any, bar_pt: float, stacked: bool,
                  top: float) -> bool:
    """Print values on the bars; return False when they do not fit (nothing printed)."""
    from .style import contrast_text

    # a label fits when its text is narrower than the bar (vertical) or the bar is tall enough
    texts = [[options.format_value(v) for v in values] for values in series]
    widest = max(len(t) for row in texts for t in row) * style.size * 0.55
    if not options.horizontal and widest > bar_pt * 1.05 or options.horizontal and \
            style.size * 1.1 > bar_pt:
        return False
    extent = _value_extent_pt(axes, options, style)
    hidden = False
    for container, row, values in zip(containers, texts, series, strict=True):
        for bar, text, value in zip(container, row, values, strict=True):
            if stacked:
                length_pt = value / (top * 1.12) * extent
                need = len(text) * style.size * 0.55 if options.horizontal else style.size * 1.2
                if length_pt < need or not value:
                    hidden = hidden or bool(value)
                    continue
                axes.annotate(text, _centre(bar), ha="center", va="center",
                              color=contrast_text(bar.get_facecolor()))
            else:
                _beyond(axes, bar, text, options.horizontal, style)
    if hidden:  # a segment too short for its value: each stack's total is printed at its end
        for bar, total in zip(containers[-1], map(sum, zip(*series, strict=True)), strict=True):
            _beyond(axes, bar, options.format_value(total), options.horizontal, style)
    return True


def _beyond(axes: Any, bar: Any, text: str, horizontal: bool, style: Any) -> None:
    """Print text just past the end of bar."""
    axes.annotate(text, _end(bar, horizontal), xytext=(3, 0) if horizontal else (0, 2),
                  textcoords="offset points", ha="left" if horizontal else "center",
                  va="center" if horizontal else "bottom", color=style.text)


def _value_extent_pt(axes: Any, options: _MultiBar, style: Any) -> float:
    """Return about how long the value axis will be, in points, before the axes are fitted:
    what the category names down the side leave of the width, or most of the height."""
    width, height = axes.figure.get_size_inches() * 72
    if not options.horizontal:
        return height * 0.75
    names = max((text_width(tick.get_text(), style.size, style.theme.fonts.chart)
                 for tick in axes.get_yticklabels()), default=0)
    return max(width - names - 8, width * 0.3) * 0.9


def _centre(bar: Any) -> tuple[float, float]:
    return bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2


def _end(bar: Any, horizontal: bool) -> tuple[float, float]:
    if horizontal:
        return bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2
    return bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()


def _direct_series_labels(axes: Any, options: _MultiBar, containers: list[Any],
                          series: list[list[float]], labels: list[str], style: Any, top: float
                          ) -> bool:
    """Label the series beside the last stack when every segment is tall enough."""
    if options.horizontal:
        return False
    last = [values[-1] for values in series]
    extent = _value_extent_pt(axes, options, style)
    if any(value / (top * 1.12) * extent < style.size * 1.3 for value in last):
        return False
    stack, base = containers[0][-1], 0.0
    for index, value in enumerate(last):
        axes.annotate(labels[index], (stack.get_x() + stack.get_width(), base + value / 2),
                      xytext=(4, 0), textcoords="offset points", ha="left", va="center",
                      color=style.series_color(index), weight="bold")
        base += value
    return True
