"""Timelines: dated events along a time axis, labels stacked so that none overlap and no
event's stem runs through another's label, their text shrunk to fit but never below
least_size."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any, ClassVar, Literal, NamedTuple

from ..data import Dataset, Month
from ..models import Field
from .options import Names, categories, category, font_weights, highlight_problems
from .registry import ASPECT_MOST, FigureBase, Problem, chart, text_box
from .timeline_plan import Placement, place

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class TimelineFigure(FigureBase):
    """Options of a timeline."""

    chart: Literal["timeline"] = Field(description="Dated events along a time axis.")
    date: str = Field(description="Column with the dates (YYYY-MM or YYYY-MM-DD).")
    label: str = Field(description="Column with the text of each event.")
    highlight: Names = Field(default=[], description="Event label or labels drawn "
                             "in the highlight colour.")
    label_width: float = Field(110.0, ge=40, le=300, description="Width of an event's label "
                               "in points before it wraps.")

    data_columns: ClassVar = {"date": "date", "label": None}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        return highlight_problems(self.highlight, categories(dataset, self.label), "event label")

    def layout_problems(self, dataset: Dataset, theme: Any) -> list[Problem]:
        """Return a problem if the labels fit no layout in the tallest chart allowed even at
        the least text size (a warning: it still draws, some labels cut off); else the
        aspect's problem, if any (see FigureBase.aspect_problems): how far under their need
        the aspect leaves labels that are cut off would take seconds to stack.

        Planned by arithmetic at the least size only, the first layout that fits ending it.
        """
        events = _events(self, dataset)
        tallest = self._cut_off(events, theme)
        if tallest is None:
            return self.aspect_problems(dataset, theme)
        return [("label", f"the {len(events)} event labels do not fit in "
                 f"{theme.frame_width:.0f} x {tallest:.0f}pt even at "
                 f"{least_size(theme.sizes.small):.3g}pt: some are cut off",
                 "keep fewer events or shorten their labels, or give the chart a taller "
                 f"'aspect' (up to {ASPECT_MOST})")]

    def _cut_off(self, events: list[tuple[Any, str]], theme: Any) -> float | None:
        """Return the tallest chart allowed if the events' labels fit no layout in it at the
        least text size; else None."""
        width, base = theme.frame_width, theme.sizes.small
        tallest = width * self.aspect if self.aspect else self.tallest_sized(width)
        if not events or self._fits(events, width, tallest, least_size(base), base,
                                    theme.fonts.chart):
            return None
        return tallest

    def _fits(self, events: list[tuple[Any, str]], width: float, height: float, size: float,
              base: float, font: str) -> bool:
        """Return whether labels at size in the chart font family font fit a chart width by
        height points in some layout (base is the theme's chart text size)."""
        return any(max(w for w, _ in labels.boxes) <= width
                   and _least_needed(labels, width) <= height
                   and stack(height).needed <= height
                   for labels, stack in self._estimated_stackings(events, width, size, base,
                                                                  font))

    def height(self, dataset: Dataset | None, width: float, theme: Any) -> float:
        """Return the chart's height in points (see FigureBase.height).

        Labels too many to fit the tallest chart allowed, stacked however they may be, make
        it that tall without stacking them: stacking a hundred labels takes seconds.
        """
        if self.aspect is None and dataset is not None and dataset.rows:
            tallest = self.tallest_sized(width)
            if self._least_natural_height(dataset, width, theme.sizes.small,
                                          theme.fonts.chart) > tallest:
                return round(tallest, 1)
        return super().height(dataset, width, theme)

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        """The height the labels need stacked as draw_timeline will stack them at width.

        Narrower charts stack labels deeper, so they come out taller for their width.
        """
        events = _events(self, dataset)
        if not events:
            return 0.0
        layouts = [stack() for _, stack in self._estimated_stackings(events, width, size, size,
                                                                     theme.fonts.chart)]
        fits = [layout for layout in layouts if not layout.crossings]
        fits = [layout for layout in fits if not layout.slides] or fits
        if fits:
            least = min(layout.needed for layout in fits)
            # the widest labels that need little more height than the least
            needed = next(lt.needed for lt in fits if lt.needed <= least * 1.1 + size)
        else:
            needed = min(layout.needed for layout in layouts)
        return _padded(needed, size)

    def _least_natural_height(self, dataset: Dataset, width: float, size: float, font: str
                              ) -> float:
        """Return a height natural_height cannot return less than, known without stacking."""
        events = _events(self, dataset)
        if not events:
            return 0.0
        return _padded(min(_least_needed(labels, width)
                           for labels in self._estimated_labels(events, size, font)), size)

    def _estimated_stackings(self, events: list[tuple[Any, str]], width: float, size: float,
                             base: float, font: str
                             ) -> Iterator[tuple[Labels, Callable[..., Layout]]]:
        """Yield the labels natural_height tries at size (see _estimated_labels), each with
        what stacks them as draw_timeline does at width: given a limit, only as many as need
        no more than it (see _layout). base, the theme's chart text size, sets the dots,
        the stems and the gaps."""
        dot = base * 0.3
        xs = _positions(events, width, dot)
        for labels in self._estimated_labels(events, size, font):
            yield labels, partial(_layout, labels, xs, width, dot, base)

    def _estimated_labels(self, events: list[tuple[Any, str]], size: float, font: str
                          ) -> Iterator[Labels]:
        """Yield the labels natural_height tries, measured as draw_timeline measures them
        (see _measure): one per factor, widest first, but none wrapped as one before it."""
        measure = _measure(size, font)
        weights = font_weights([label for _, label in events], self.highlight)
        made = set()
        for factor in FACTORS:
            labels = _labels(measure, events, weights, self.label_width * factor, size)
            if _alike(labels) not in made:  # (labels alike stack alike)
                made.add(_alike(labels))
                yield labels


FACTORS = (1.0, 0.8, 0.65, 0.5, 0.4)
"""Label widths a timeline tries, as fractions of label_width, widest first."""
LINESPACING = 1.15
"""A label's leading, baseline to baseline, as a multiple of its size."""


def _padded(needed: float, size: float) -> float:
    """Return the height a timeline gives labels that need needed points, both sides of the
    axis, at size: a twentieth more and a size's margin."""
    return needed * 1.05 + size


def least_size(size: float) -> float:
    """Return the smallest text a timeline's labels shrink to when the chart text is size
    points: two thirds of it (5 pt in the journal theme), never under 5 pt, about the least
    at which a printed label of a few words still reads."""
    return max(5.0, size * 2 / 3)


def _measure(size: float, font: str) -> Callable[[str, str], tuple[float, float]]:
    """Return what gives the (width, height) of a label of text in a weight at size, in the
    chart font family font: from the font's advances, the same when the chart is sized and
    when it is drawn, so that the labels stack as planned (see `registry.text_width`)."""

    def measure(text: str, weight: str) -> tuple[float, float]:
        return text_box(text, size, font, weight == "bold", LINESPACING)

    return measure


def _events(options: TimelineFigure, dataset: Dataset) -> list[tuple[Any, str]]:
    """Return (date, label) of every dated event, in date order."""
    return sorted((row[options.date], category(row[options.label])) for row in dataset.rows
                  if isinstance(row.get(options.date), dt.date))


def _positions(events: list[tuple[Any, str]], width: float, dot: float) -> list[float]:
    """Return the x of every event's dot, in points: at its date, but the dots of different
    dates at least a dot and a half apart, nudged as little as may be (1, 2 and 3 February on
    an axis of a year stood 0.6 pt apart, one dot over the next, their stems one line)."""
    from .style import spread

    days = [day.toordinal() for day, _ in events]
    first, last = min(days), max(days)
    if first == last:
        return [width / 2] * len(days)
    low, high = dot + 1, width - dot - 1
    at = {d: low + (d - first) / (last - first) * (high - low) for d in sorted(set(days))}
    gap = min(3 * dot, (high - low) / max(1, len(at) - 1))
    xs = spread(list(at.values()), gap, low)
    xs = [low + high - x for x in reversed(spread([low + high - x for x in reversed(xs)],
                                                  gap, low))]  # and none past the end
    nudged = dict(zip(at, xs, strict=True))
    return [nudged[d] for d in days]


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
        "highlight": "China–Pakistan Joint Statement",
        "title": "Ten months of plans, reports and commitments"})
def draw_timeline(figure: Any, options: TimelineFigure, dataset: Dataset, style: Any) -> None:
    from .style import point_axes

    events = _events(options, dataset)
    axes, width, height = point_axes(figure)
    dot = style.size * 0.3
    xs = _positions(events, width, dot)
    weights = font_weights([label for _, label in events], options.highlight)
    best = _best_layout(options, events, weights, xs, dot, (width, height), style)
    size, texts, placed = best.size, best.texts, best.placed
    above, below = best.above, best.below
    axis = below + (height - above - below) / 2
    axes.axhline(axis, color=style.muted, linewidth=style.axis_width * 1.5, zorder=1)
    for x, text, weight, (box, side, _) in zip(xs, texts, weights, placed, strict=True):
        emphasised = weight == "bold"
        color = style.mark(emphasised)
        left, bottom, box_width, _, _ = box
        right_anchored = left + box_width <= x + 0.5
        axes.plot([x, x], [axis, axis + side * bottom], color=color,
                  linewidth=style.axis_width, zorder=2, solid_capstyle="butt")
        axes.plot([x], [axis], marker="o", markersize=dot * 2, color=color,
                  markeredgecolor="white", markeredgewidth=0.6, zorder=3)
        axes.add_artist(_even_lines()(
            left + box_width if right_anchored else left, axis + side * bottom, text,
            leading=size * LINESPACING, ha="right" if right_anchored else "left",
            va="bottom" if side > 0 else "top", fontsize=size, color=style.text,
            weight=weight, clip_on=False))


@cache
def _even_lines() -> type:
    """Return the class of a label whose lines are one leading apart, baseline to baseline.

    A Text spaces its lines by each line's own ascent and descent, so a line of 'programme'
    or '(draft)' stood further from the next than the others. This one is the same block,
    leading times its lines high, with each line drawn as a Text of its own on an even grid.
    Only va 'top' and 'bottom' place the block.
    """
    from matplotlib.artist import allow_rasterization
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox, IdentityTransform

    class EvenLines(Text):
        def __init__(self, x: float, y: float, text: str, *, leading: float,
                     **properties: Any) -> None:
            super().__init__(x, y, text, **properties)
            self.leading = leading

        def lines(self, renderer: Any) -> tuple[list[Text], float, float]:
            """Return a Text at its baseline per line, and the block's top and bottom, in
            display coordinates."""
            leading = renderer.points_to_pixels(self.leading)
            _, height, descent = renderer.get_text_width_height_descent(
                "lp", self.get_fontproperties(), ismath=False)
            texts = self.get_text().split("\n")
            x, y = self.get_transform().transform(self.get_unitless_position())
            top = y + len(texts) * leading if self.get_verticalalignment() == "bottom" else y
            # the first baseline sits where a Text puts it under "lp": ink centred in the line
            first = top - (leading - height) / 2 - (height - descent)
            return ([self._line(x, first - i * leading, text) for i, text in enumerate(texts)],
                    top, top - len(texts) * leading)

        def _line(self, x: float, baseline: float, text: str) -> Text:
            line = Text(x, baseline, text)
            line.update_from(self)
            line.set_transform(IdentityTransform())
            line.set_verticalalignment("baseline")
            line.set_figure(self.figure)
            return line

        @allow_rasterization
        def draw(self, renderer: Any) -> None:
            if self.get_visible():
                for line in self.lines(renderer)[0]:
                    line.draw(renderer)
            self.stale = False

        def get_window_extent(self, renderer: Any = None, dpi: Any = None) -> Any:
            renderer = renderer or self.figure._get_renderer()
            lines, top, bottom = self.lines(renderer)
            x = lines[0].get_unitless_position()[0]
            xs = [end for line in lines if line.get_text()
                  for end in line.get_window_extent(renderer).intervalx]
            return Bbox.from_extents(min(xs, default=x), bottom, max(xs, default=x), top)

    return EvenLines


class Layout(NamedTuple):
    """One way to label a timeline."""

    above: float
    below: float
    """The height its labels need on each side of the axis (at least a dot), in points."""
    crossings: int
    """How many stems cross a label."""
    slides: int
    """How many labels stack out of date order, beyond a later label whose stem they cannot
    help spanning (see timeline_plan)."""
    size: float
    texts: list[str]
    placed: list[Placement]

    @property
    def needed(self) -> float:
        """The height its labels need, both sides of the axis, in points."""
        return self.above + self.below


def _rank(layout: Layout, height: float) -> tuple[Any, ...]:
    """Return what orders layouts for a chart height points high, the best first: fitting
    it (else the least beyond it, the fewest labels cut off), fewer crossings, larger text,
    labels in date order, less height."""
    return (max(0.0, layout.needed - height), layout.crossings,
            -layout.size, layout.slides > 0, layout.needed)


class Labels(NamedTuple):
    """A timeline's labels at one size and measure, not yet placed."""

    size: float
    texts: list[str]
    """Each event's date and its text wrapped, in date order."""
    boxes: list[tuple[float, float]]
    """The width and height of each label, in points."""


def _labels(measure: Any, events: list[tuple[Any, str]], weights: list[str], wide: float,
            size: float) -> Labels:
    """Return the labels of events, in weights, wrapped to wide points at size;
    measure(text, weight) is a label's (width, height)."""
    from .style import wrap

    texts = [f"{date_text(day, _precision(day))}\n{wrap(label, wide, size)}"
             for day, label in events]
    return Labels(size, texts, [measure(t, w) for t, w in zip(texts, weights, strict=True)])


def _layout(labels: Labels, xs: list[float], width: float, dot: float, base: float,
            limit: float = math.inf) -> Layout:
    """Return one way to label: labels stacked on their stems at xs, or as many as need no
    more than limit points (see place).

    base, the theme's chart text size, sets the stems' least length and the gap between
    labels.
    """
    placed, crossings, slides = place(xs, labels.boxes, width, base * 0.9, base * 0.45,
                                      limit)
    above, below = (max([dot, *(top for _, s, top in placed if s == side)]) for side in (1, -1))
    return Layout(above, below, crossings, slides, labels.size, labels.texts, placed)


def _least_needed(labels: Labels, width: float) -> float:
    """Return a height, both sides of the axis, that labels stacked however they may be
    cannot need less than: their area over the width they stand in (a label wider than the
    chart reaches out of it on the left), a little less for rounding."""
    reach = max([width, *(w for w, _ in labels.boxes)])
    return sum(w * h for w, h in labels.boxes) / reach * (1 - 1e-9)


def _best_layout(options: TimelineFigure, events: list[tuple[Any, str]],
                 weights: list[str], xs: list[float], dot: float, chart: tuple[float, float],
                 style: Any) -> Layout:
    """Return the way to label a chart (width, height) points large, its events' dots at xs
    and dot points wide, that _rank puts first, of those tried in turn: narrower labels
    stack deeper but collide less, so the widest, largest labels that fit the height with
    no stem crossing a label (stacked in date order if they can be); failing that, the
    fewest crossings; failing that (too many events for the space), smaller text, down to
    least_size and every width there; failing that, the labels that reach least beyond the
    height.

    Labels whose area could not fit the height are stacked only if no other labels fit it,
    or to size the smaller text to try next.
    """
    width, height = chart
    least = least_size(style.size)
    sizes = dict.fromkeys(max(least, style.size * share) for share in (1.0, 0.9, 0.8))
    attempts = [(size, factor) for size in sizes for factor in FACTORS]
    tried: list[Layout | Labels] = []
    stacked: dict[tuple[float, tuple[str, ...]], Layout] = {}  # labels alike stack alike
    fitted = False
    while attempts:
        size, factor = attempts.pop(0)
        labels = _labels(_measure(size, style.theme.fonts.chart), events, weights,
                         options.label_width * factor, size)
        last = not attempts and size > least  # then smaller text, if none fit
        if (fitted or not last) and _least_needed(labels, width) > height:
            tried.append(labels)  # cannot fit: stacked only if none do
            continue
        key = _alike(labels)
        if key not in stacked:
            stacked[key] = _layout(labels, xs, width, dot, style.size)
        layout = stacked[key]
        tried.append(layout)
        fitted = fitted or layout.needed <= height
        if layout.needed <= height and not layout.crossings and not layout.slides:
            break
        if last and not fitted:
            # from the last try's size, not the best's: a larger best that stays best would
            # have the same size tried again forever
            smaller = size * height / layout.needed * 0.97
            attempts += [(smaller, 0.4)] if smaller > least else \
                [(least, factor) for factor in FACTORS]
    if fitted:
        layouts = [t for t in tried if isinstance(t, Layout)]
    else:
        layouts = _stacked_least_beyond(tried, stacked, xs, width, dot, style.size)
    return min(layouts, key=lambda layout: _rank(layout, height))


def _alike(labels: Labels) -> tuple[float, tuple[str, ...]]:
    """Return what decides how labels stack: their size and texts (wrapped)."""
    return labels.size, tuple(labels.texts)


def _stacked_least_beyond(tried: list[Layout | Labels],
                          stacked: dict[tuple[float, tuple[str, ...]], Layout],
                          xs: list[float], width: float, dot: float, base: float
                          ) -> list[Layout]:
    """Return the tried layouts, in their order, with the labels not stacked yet at the least
    size tried (larger text, which needs more room, is left out) stacked only as far as they
    could still need less height than the least so far (none fitting, the least is the
    best): those that cannot are left out, as are those stacked only part of the way
    (stopped short, they would lose to it). stacked holds the layouts made so far by
    `_alike` labels, and takes these."""
    best = min((t.needed for t in tried if isinstance(t, Layout)), default=math.inf)
    least = min(t.size for t in tried)
    waiting = [t for t in tried if isinstance(t, Labels) and t.size == least]
    for labels in sorted(waiting, key=lambda labels: _least_needed(labels, width)):
        if _least_needed(labels, width) > best:
            break
        if _alike(labels) not in stacked:  # (else stacked with a limit no lower than best)
            stacked[_alike(labels)] = _layout(labels, xs, width, dot, base, best)
        best = min(best, stacked[_alike(labels)].needed)
    layouts = [t if isinstance(t, Layout) else stacked[_alike(t)] for t in tried
               if isinstance(t, Layout) or _alike(t) in stacked]
    return [layout for layout in layouts if len(layout.placed) == len(layout.texts)]
