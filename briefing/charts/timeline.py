"""Timelines: dated events along a time axis, labels stacked so that none overlap and no
event's stem runs through another's label."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, ClassVar, Literal, NamedTuple

from pydantic import Field

from ..data import Dataset, Month
from .options import Names, categories, category, highlight_problems
from .registry import FigureBase, Problem, chart, text_height, text_width

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class TimelineFigure(FigureBase):
    """Options of a timeline."""

    chart: Literal["timeline"] = Field(description="Dated events along a time axis.")
    date: str = Field(description="Column with the dates (YYYY-MM or YYYY-MM-DD).")
    label: str = Field(description="Column with the text of each event.")
    highlight: Names = Field(default=[], description="Event label or labels drawn "
                             "in the highlight colour.")
    label_width: float = Field(110, ge=40, le=300, description="Width of an event's label "
                               "in points before it wraps.")

    data_columns: ClassVar = {"date": "date", "label": None}

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        return highlight_problems(self.highlight, categories(dataset, self.label), "event label")

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Any
                       ) -> float:
        """The height the labels need stacked as draw_timeline will stack them at width.

        Narrower charts stack labels deeper, so they come out taller for their width.
        """
        events = _events(self, dataset)
        if not events:
            return 0.0
        dot = size * 0.3
        xs = _positions(events, width, dot)
        heads = [date_text(day, _precision(day)) for day, _ in events]
        weights = ["bold" if label in self.highlight else "normal" for _, label in events]

        def measure(text: str, weight: str) -> tuple[float, float]:
            return text_width(text, size, weight == "bold") * 0.93, _label_height(text, size)

        layouts = [_attempt(measure, heads, events, weights, xs, self.label_width * factor,
                            size, width, dot, size) for factor in FACTORS]
        fits = [layout for layout in layouts if not layout.crossings]
        fits = [layout for layout in fits if not layout.slides] or fits
        if fits:
            least = min(layout.needed for layout in fits)
            # the widest labels that need little more height than the least
            needed = next(lt.needed for lt in fits if lt.needed <= least * 1.1 + size)
        else:
            needed = min(layout.needed for layout in layouts)
        return needed * 1.05 + size


FACTORS = (1.0, 0.8, 0.65, 0.5, 0.4)
"""Label widths a timeline tries, as fractions of label_width, widest first."""
LINESPACING = 1.15
"""A label's leading, baseline to baseline, as a multiple of its size."""


def _label_height(text: str, size: float) -> float:
    """Return the height of a label of text's lines at size: its lines times the leading."""
    return text_height(text.count("\n") + 1, size, LINESPACING)


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


# a label's box in points: left, bottom (distance from the axis), width, height, stem x
Box = tuple[float, float, float, float, float]
# a label's placement: its box, its side of the axis (1 above, -1 below) and its top
Placement = tuple[Box, int, float]


@chart(TimelineFigure, "Dated events along a time axis, labels stacked above and below it so "
       "that none overlap.",
       {"chart": "timeline", "data": "milestones", "date": "date", "label": "event",
        "highlight": "China–Pakistan Joint Statement",
        "title": "Ten months of plans, reports and commitments"})
def draw_timeline(figure: Any, options: TimelineFigure, dataset: Dataset, style: Any) -> None:
    from .style import point_axes, text_size

    events = _events(options, dataset)
    axes, width, height = point_axes(figure)
    dot = style.size * 0.3
    xs = _positions(events, width, dot)
    heads = [date_text(day, _precision(day)) for day, _ in events]
    weights = ["bold" if label in options.highlight else "normal" for _, label in events]
    # narrower labels stack deeper but collide less: take the widest, largest labels that fit
    # the height with no stem crossing a label (stacked in date order if they can be);
    # failing that, the fewest crossings; failing that (too many events for the space),
    # smaller text
    attempts = [(size, factor) for size in (style.size, style.size * 0.9, style.size * 0.8)
                for factor in FACTORS]
    best: Layout | None = None
    while attempts:
        size, factor = attempts.pop(0)

        def measure(text: str, weight: str, size: float = size) -> tuple[float, float]:
            return text_size(figure, text, size, weight)[0], _label_height(text, size)

        layout = _attempt(measure, heads, events, weights, xs, options.label_width * factor,
                          size, width, dot, style.size)
        if best is None or _rank(layout, height) < _rank(best, height):
            best = layout
        if layout.needed <= height and not layout.crossings and not layout.slides:
            break
        if not attempts and best.needed > height and size > style.size * 0.5:
            # from the last try's size, not the best's: a larger best that stays best would
            # have the same size tried again forever
            attempts.append((size * height / layout.needed * 0.97, 0.4))
    assert best is not None
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
    """How many labels slid in under others (see _slid_under) rather than stacking in date
    order."""
    size: float
    texts: list[str]
    placed: list[Placement]

    @property
    def needed(self) -> float:
        """The height its labels need, both sides of the axis, in points."""
        return self.above + self.below


def _rank(layout: Layout, height: float) -> tuple[Any, ...]:
    """Return what orders layouts for a chart height points high, the best first: fitting
    it, fewer crossings, larger text, labels in date order, less height."""
    return (layout.needed > height, layout.crossings, -layout.size, layout.slides > 0,
            layout.needed)


def _attempt(measure: Any, heads: list[str], events: list[tuple[Any, str]], weights: list[str],
             xs: list[float], wide: float, size: float, width: float, dot: float, base: float
             ) -> Layout:
    """Return one way to label: its labels wrapped to wide points and stacked.

    measure(text, weight) is a label's (width, height) at size; base, the theme's chart text
    size, sets the stems' least length and the gap between labels.
    """
    from .style import wrap

    texts = [f"{head}\n{wrap(label, wide, size)}"
             for head, (_, label) in zip(heads, events, strict=True)]
    sizes = [measure(t, w) for t, w in zip(texts, weights, strict=True)]
    placed, crossings, slides = _place(xs, sizes, width, base * 0.9, base * 0.45)
    above, below = (max([dot, *(top for _, s, top in placed if s == side)]) for side in (1, -1))
    return Layout(above, below, crossings, slides, size, texts, placed)


def _place(xs: list[float], sizes: list[tuple[float, float]], width: float, stem: float,
           gap: float) -> tuple[list[Placement], int, int]:
    """Return (box, side, top) per label: each on the side and height that keeps it lowest.

    A label never overlaps another label and stays within the width. Where every height left
    for a label would put a label across a stem, it slides in under the labels that span its
    stem, and they move out; also return how many stems still had to cross a label, and how
    many labels slid.
    """
    placed: list[Placement] = []
    crossings = slides = 0
    for x, (w, h) in zip(xs, sizes, strict=True):
        lefts = _lefts(x, w, width, 0.0) or [min(max(0.0, x - w / 2), width - w)]
        best: tuple[bool, float, float, Box, int] | None = None
        for side in (1, -1):
            same = [(box, top) for box, s, top in placed if s == side]
            extent = max([top for _, top in same], default=0.0)
            for left in lefts:
                bottom, clear = _lowest(x, left, w, h, stem, gap, [b for b, _ in same])
                score = (not clear, bottom, max(bottom + h, extent) - extent)
                if best is None or score < best[:3]:
                    best = (*score, (left, bottom, w, h, x), side)
        assert best is not None
        slid = _slid_under(placed, x, w, h, width, stem, gap) if best[0] else None
        if slid is not None:
            placed = slid
            slides += 1
            continue
        crossings += best[0]
        placed.append((best[3], best[4], best[3][1] + best[3][3]))
    return placed, crossings, slides


_STEM_CLEARANCE = 2.0
"""Points between a stem and a label set beside it rather than on it: past the point of
tolerance within which a stem counts as crossing a label."""


def _lefts(x: float, w: float, width: float, clearance: float) -> list[float]:
    """Return where a label w wide may start within the width: beginning or ending at its
    stem x, or clearance points beyond it."""
    return [left for left in (x + clearance, x - w - clearance)
            if left >= 0 and left + w <= width]


def _slid_under(placed: list[Placement], x: float, w: float, h: float, width: float,
                stem: float, gap: float) -> list[Placement] | None:
    """Return placed and a new label at x, its side's labels stacked anew so that no stem
    crosses a label, on the side and left that add the least height; None if none can.

    A label may stand clear of its stem when one flush with it would span another's stem
    at the same date; a label and the new one that span each other's stems cannot both stay:
    the placed one turns to its stem's other side, or stands clear of it.
    """
    best: tuple[tuple[float, float], int, list[int], list[Box]] | None = None
    for side in (1, -1):
        members = [i for i, (_, s, _) in enumerate(placed) if s == side]
        extent = max([placed[i][2] for i in members], default=0.0)
        for clearance in (0.0, _STEM_CLEARANCE):
            for left in _lefts(x, w, width, clearance):
                new = (left, 0.0, w, h, x)
                turned = [_turned(placed[i][0], new, width) for i in members]
                boxes = None if None in turned else _restack([*turned, new], stem, gap)
                if boxes is None:
                    continue
                score = (max(b + bh for _, b, _, bh, _ in boxes) - extent, clearance)
                if best is None or score < best[0]:
                    best = (score, side, members, boxes)
    if best is None:
        return None
    _, side, members, boxes = best
    moved = dict(zip(members, boxes[:-1], strict=True))
    return [*((moved[i], side, moved[i][1] + moved[i][3]) if i in moved else placement
              for i, placement in enumerate(placed)),
            (boxes[-1], side, boxes[-1][1] + boxes[-1][3])]


def _turned(box: Box, new: Box, width: float) -> Box | None:
    """Return a placed label box, anchored elsewhere on its stem if it and a new label span
    each other's stems; None if it has nowhere else to go."""
    left, bottom, w, h, x = box
    if not (_spans(box, new[4]) and _spans(new, x)):
        return box
    return next(((other, bottom, w, h, x) for clearance in (0.0, _STEM_CLEARANCE)
                 for other in _lefts(x, w, width, clearance)
                 if not _spans((other, bottom, w, h, x), new[4])), None)


def _restack(boxes: list[Box], stem: float, gap: float) -> list[Box] | None:
    """Return boxes stacked anew on one side, each at the lowest height clear of those
    before it; None if two labels span each other's stems, so that one must cross the other.

    A label goes after every label whose stem it spans, so it stacks beyond them; otherwise
    labels keep the order of their heights, the new label (bottom 0) first.
    """
    after = {i: {k for k, (_, _, _, _, x) in enumerate(boxes) if k != i and _spans(box, x)}
             for i, box in enumerate(boxes)}
    order: list[int] = []
    while len(order) < len(boxes):
        ready = [i for i in after if i not in order and after[i] <= set(order)]
        if not ready:
            return None
        order.append(min(ready, key=lambda i: (boxes[i][1], i)))
    stacked: dict[int, Box] = {}
    for i in order:
        left, _, w, h, x = boxes[i]
        bottom, clear = _lowest(x, left, w, h, stem, gap, list(stacked.values()))
        assert clear  # every label spanning its stem comes later
        stacked[i] = (left, bottom, w, h, x)
    return [stacked[i] for i in range(len(boxes))]


def _spans(box: Box, x: float) -> bool:
    """Return whether a stem at x runs through a label box's width, or within a point of it."""
    left, _, w, _, _ = box
    return left - 1 <= x <= left + w + 1


_SLACK = 1e-6
"""Points a label may reach into another's gap and still fit: a label that fits a space
exactly must not miss it because the same lengths, added in another order, differ in
their last bits."""


def _lowest(x: float, left: float, w: float, h: float, stem: float, gap: float,
            boxes: list[Box]) -> tuple[float, bool]:
    """Return the lowest bottom at which a label box fits among boxes on its side.

    The bool is False when only a bottom whose stem crosses a label was left.
    """
    candidates = sorted({stem, *(b + bh + gap for _, b, _, bh, _ in boxes)})
    for bottom in candidates:
        if bottom < stem:
            continue
        clear = True
        for bl, bb, bw, bh, bx in boxes:  # side by side, twice the gap: not read as one line
            across = bl - 2 * gap < left + w and left < bl + bw + 2 * gap
            if across and bb - gap + _SLACK < bottom + h and bottom + _SLACK < bb + bh + gap:
                clear = False  # overlaps a label
            elif _spans((bl, bb, bw, bh, bx), x) and bb + _SLACK < bottom:
                clear = False  # its stem would cross a label nearer the axis
            elif _spans((left, bottom, w, h, x), bx) and bottom + _SLACK < bb:
                clear = False  # it would sit across a longer stem
            if not clear:
                break
        if clear:
            return bottom, True
    return candidates[-1], False
