"""Where a donut's ring, centre text, slice labels and leader lines go (for donut.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..data import Dataset
from .donut_centre import Centre, CentreText
from .donut_columns import Bounds, pushed_apart, squeezed, window
from .donut_leaders import Point, clean, edge, least_apart, spread
from .donut_text import GAP, PAD, Measure, wrap_within
from .options import categories
from .registry import proportional

if TYPE_CHECKING:
    from .donut import DonutFigure

CLEAR = 4.0
"""Points a leader handed over the top of the ring keeps above it."""
LEAST_RADIUS = 12.0


class _Try(NamedTuple):
    """One way of laying a donut out; they are tried in turn until one fits."""

    stacked: bool
    """Whether labels set the name above the value, or run the value on after it."""
    compact: bool
    """Whether labels may be pushed back towards the ring's waist to fit the height."""
    ring: Literal["size", "least", "any"]
    """How small the ring may get: about its full size, its least radius, any size."""
    narrow: bool = True
    """Whether labels wrap narrower where that leaves the ring its least radius."""


TRIES = (_Try(True, False, "size"), _Try(False, False, "size"), _Try(False, True, "least"),
         _Try(False, True, "any"), _Try(False, True, "any", narrow=False))


Sides = dict[int, list["_Label"]]
"""The labels of each side of the ring (1: right, -1: left), top down."""


@dataclass(frozen=True)
class _Label:
    """The text of one slice's label, and where its slice points."""

    index: int
    turn: float
    """Degrees clockwise from 12 o'clock to the middle of the slice."""
    text: str
    width: float
    height: float
    stacked: bool

    @property
    def middle(self) -> float:
        """Angle of the slice's middle in radians, counter-clockwise from 3 o'clock."""
        return math.radians(90 - self.turn)


@dataclass(frozen=True)
class _Placed:
    """A label where it stands (x: the edge nearer the ring), and its leader's points."""

    index: int
    side: int
    text: str
    x: float
    y: float
    leader: list[Point]


@dataclass(frozen=True)
class Plan:
    """Where the ring's centre is, its radius, the labels, the centre text (once chosen), the
    height of the chart it was planned for, and whether it is the last resort."""

    cx: float
    cy: float
    radius: float
    labels: list[_Placed]
    centre: Centre | None
    height: float
    last_resort: bool = False
    """Whether no try fitted: the ring in the middle, and its labels squeezed into the height
    over each other or past the chart's sides."""


class Layout:
    """Where a donut's ring, centre text, labels and leaders go in a chart width points wide.

    Labels stand in a column on each side of the ring, top down in slice order, pushed
    apart so that none overlap. Each leader runs from its slice's outer edge out along the
    slice's middle (those of thin neighbouring slices spread just apart) and then level to
    its label, so leaders never cross and never pass over the ring; a label pushed back
    towards the ring's waist is reached by a slanted first run that still points away from
    the ring.
    """

    def __init__(self, options: DonutFigure, dataset: Dataset, width: float, size: float,
                 big: float, line: float, measure: Measure) -> None:
        self.options, self.width, self.size, self.measure = options, width, size, measure
        self.apart = least_apart(line)  # between two leaders drawn line points wide
        self.names = categories(dataset, options.x)
        self.values = [float(v or 0) for v in dataset.values(options.y)]
        total = sum(self.values) or 1.0
        self._made: dict[tuple[int, bool, float], _Label] = {}
        self._sets: dict[tuple[bool, bool], list[_Label]] = {}
        self._sharings: dict[tuple[bool, bool], list[Sides]] = {}
        self._fits: dict[tuple[object, ...], Plan | None] = {}
        self._shown = [index for index, value in enumerate(self.values) if value]
        self.angles: list[tuple[float, float]] = []
        start = 90.0
        for value in self.values:
            sweep = value / total * 360
            self.angles.append((start - sweep, start))
            start -= sweep
        self.reach = 1.6 * size  # from the ring to the labels' column
        self.stub = 0.45 * self.reach  # how far out a leader first runs along its slice
        # the widest a label can be beside the least ring: a word wider is broken
        self.longest = (width - 2 * PAD) / 2 - LEAST_RADIUS - self.reach
        self.target = proportional(width, 0.16, 55, 75)
        self.centre = CentreText(options.center_label, options.center_note, size, big, measure)
        # (a centre text long enough to want more sets smaller, rather than the ring growing)
        self.least = min(max(0.8 * self.target, min(self.centre.least_radius(width),
                                                    1.25 * self.target)), width / 2 - PAD)

    # -- the choice between label styles, sides and ring sizes

    def natural_height(self) -> float:
        """Return the height the chart needs: its labels stacked name above value where
        that costs little height, run on where it does not; math.inf where they fit beside
        the ring at no height."""
        need = math.inf
        for stacked in (True, False):
            plans = [self._fit(sides, self._cap(sides), None)
                     for sides in self._choices(stacked)]
            need = min([plan.height for plan in plans if plan is not None], default=need)
            if need <= 2.6 * self.target + 2 * PAD:
                break
        return need

    def plan(self, height: float) -> Plan:
        """Return where everything goes in a chart height points high: as the first of
        TRIES that fits lays it out, or else with run-on labels wherever they fall."""
        for attempt in TRIES:
            best: Plan | None = None
            for sides in self._choices(attempt.stacked, attempt.narrow):
                cap = min(self._cap(sides), (height - 2 * PAD) / 2)
                low = {"size": max(0.92 * cap, min(self.least, cap)),
                       "least": min(self.least, cap), "any": LEAST_RADIUS}[attempt.ring]
                plan = self._largest(sides, low, cap, height, attempt.compact)
                if plan is not None and (best is None or plan.radius > best.radius + 0.5):
                    best = plan
            if best is not None:
                return replace(best, centre=self.centre.fitted(best.radius))
        sides = self._choices(False)[0]
        radius = max(1.0, min(self._cap(sides), (height - 2 * PAD) / 2))
        plan = self._fit(sides, radius, height, compact=True, strict=False)
        assert plan is not None  # not strict, a ring that fits the height always fits
        return replace(plan, centre=self.centre.fitted(radius), last_resort=True)

    def _largest(self, sides: Sides, low: float, high: float,
                 height: float, compact: bool) -> Plan | None:
        """Return the plan with the largest ring between low and high points that fits."""
        if high < low:
            return None
        plan = self._fit(sides, high, height, compact)
        if plan is not None:
            return plan
        found = self._fit(sides, low, height, compact) if low < high else None
        if found is None:
            return None
        for _ in range(6):
            middle = (low + high) / 2
            plan = self._fit(sides, middle, height, compact)
            if plan is None:
                high = middle
            else:
                low, found = middle, plan
        return found

    def _cap(self, sides: Sides) -> float:
        """Return the radius the ring is given: its target, or what the labels leave."""
        room = (self.width - 2 * PAD - sum(self._column_width(items) for items in
                                           sides.values())) / 2
        return max(LEAST_RADIUS, min(max(self.target, self.least), room))

    def _column_width(self, items: list[_Label]) -> float:
        return max(label.width for label in items) + self.reach if items else 0.0

    # -- the labels

    def _labels(self, stacked: bool, narrow: bool = True) -> list[_Label]:
        """Return the slices' labels, name above value or run on, wrapped no wider than
        leaves the ring its least radius (where the words allow; narrow=False: as wide as
        usual), each then filling the width its side's widest label takes."""
        if (stacked, narrow) not in self._sets:
            self._sets[stacked, narrow] = self._new_labels(stacked, narrow)
        return self._sets[stacked, narrow]

    def _new_labels(self, stacked: bool, narrow: bool) -> list[_Label]:
        measure = self.width * (0.26 if stacked else 0.3)
        while True:
            labels = [self._label(index, stacked, measure) for index in self._shown]
            if not narrow or self._cap(self._sides(labels)) >= self.least or \
                    measure < 3 * self.size:
                break
            measure *= 0.9
        return [self._filled(label, items) for items in self._sides(labels).values()
                for label in items]

    def _filled(self, label: _Label, column: list[_Label]) -> _Label:
        """Return the label wrapped to the width of the widest in its column, if that takes
        no more lines."""
        widest = max((other.width for other in column), default=0.0)
        filled = self._label(label.index, label.stacked, widest)
        return filled if filled.width <= widest and filled.height <= label.height else label

    def _label(self, index: int, stacked: bool, measure: float) -> _Label:
        """Return the label of one slice, wrapped to lines about measure points wide (no
        wider where its words allow)."""
        key = (index, stacked, round(measure, 2))
        if key not in self._made:
            self._made[key] = self._new_label(index, stacked, measure)
        return self._made[key]

    def _new_label(self, index: int, stacked: bool, measure: float) -> _Label:
        name, value = self.names[index], self.options.format_value(self.values[index])
        bold = name in self.options.highlight
        if stacked:
            name = wrap_within(self.measure, name, measure, self.size, bold, self.longest)
            text = f"{name}\n{value}"
        else:
            text = wrap_within(self.measure, f"{name} {value}", measure, self.size, bold,
                               self.longest)
        width, height = self.measure(text, self.size, bold)
        low, high = self.angles[index]
        return _Label(index, 90 - (low + high) / 2, text, width, height, stacked)

    def _choices(self, stacked: bool, narrow: bool = True) -> list[Sides]:
        """Return the ways of sharing the labels (see _labels) between the sides: each on its
        slice's side, or up to three of one side's topmost labels handed over the top to the
        other."""
        if (stacked, narrow) not in self._sharings:
            choices = [self._sides(self._labels(stacked, narrow))]
            for moves in (1, 2, 3, -1, -2, -3):
                sides = self._handed(choices[0], moves)
                if sides is not None and sides != choices[-1]:
                    choices.append(sides)
            self._sharings[stacked, narrow] = choices
        return self._sharings[stacked, narrow]

    @staticmethod
    def _sides(labels: list[_Label]) -> Sides:
        """Return the labels on their slices' sides."""
        return {1: sorted((lb for lb in labels if math.cos(lb.middle) >= -1e-9),
                          key=lambda lb: lb.turn),
                -1: sorted((lb for lb in labels if math.cos(lb.middle) < -1e-9),
                           key=lambda lb: -lb.turn)}

    def _handed(self, sides: Sides, moves: int) -> Sides | None:
        """Return the sides with the topmost |moves| labels of the left (moves > 0) or the
        right (< 0) handed over the top to the other side and wrapped to fit its column; None
        if those slices are not near 12 o'clock."""
        giver, taker = sides[-1 if moves > 0 else 1], sides[1 if moves > 0 else -1]
        handed = giver[:abs(moves)]
        if len(handed) < abs(moves) or any(min(lb.turn, 360 - lb.turn) > 45 for lb in handed):
            return None
        handed = sorted((self._filled(label, taker) for label in handed),
                        key=lambda lb: (lb.turn + 180) % 360 * (1 if moves > 0 else -1))
        return {-1 if moves > 0 else 1: giver[abs(moves):],
                1 if moves > 0 else -1: handed + taker}

    # -- one ring size

    def _fit(self, sides: Sides, radius: float, height: float | None, compact: bool = False,
             strict: bool = True) -> Plan | None:
        """Return the plan with a ring of radius points in a chart height points high (None:
        as high as the labels need), or None when it does not fit; not strict: the plan
        however badly it fits."""
        key = (tuple((side, tuple(items)) for side, items in sides.items()), radius, height,
               compact, strict)
        if key not in self._fits:  # (the tries and their searches ask for many a fit twice)
            self._fits[key] = self._new_fit(sides, radius, height, compact, strict)
        return self._fits[key]

    def _new_fit(self, sides: Sides, radius: float, height: float | None, compact: bool,
                 strict: bool) -> Plan | None:
        starts = self._starts(sides, radius)
        columns = {side: self._column(items, side, radius, starts)
                   for side, items in sides.items() if items}
        ys = {side: pushed_apart(column) for side, column in columns.items()}
        placed = [(y, bounds.height) for side in columns
                  for y, bounds in zip(ys[side], columns[side], strict=True)]
        up = max([radius] + [y + h / 2 for y, h in placed])
        down = max([radius] + [h / 2 - y for y, h in placed])
        room = self.width - 2 * PAD - 2 * radius - sum(map(self._column_width, sides.values()))
        space = up + down if height is None else height - 2 * PAD
        if strict and room < -0.01 or space < 2 * radius - 0.01:
            return None
        top = up + (space - up - down) / 2
        if up + down > space:
            found = window(columns, ys, radius, space, up, down) if compact else None
            if found is not None:
                top, ys = found
            elif strict:
                return None
            else:  # the ring in the middle, its labels squeezed into the height, overlapping
                top = space / 2
                ys = {side: squeezed(column, ys[side], top, top - space)
                      for side, column in columns.items()}
        cx = PAD + max(0.0, room) / 2 + self._column_width(sides[-1]) + radius
        cy = PAD + space - top
        labels = [self._placed(label, side, radius, (cx, cy, y), starts[label.index])
                  for side in columns for label, y in zip(sides[side], ys[side], strict=True)]
        if strict and not clean([label.leader for label in labels], (cx, cy), radius,
                                self.apart):
            return None
        return Plan(cx, cy, radius, labels, None, space + 2 * PAD)

    def _starts(self, sides: Sides, radius: float) -> dict[int, float]:
        """Return the angle in radians, counter-clockwise from 3 o'clock, at which each
        label's leader leaves the ring: its slice's middle, or off it just as far as keeps the
        leaders of thin neighbouring slices apart."""
        labels = sorted((label for items in sides.values() for label in items),
                        key=lambda label: label.index)
        turns = spread([label.turn for label in labels], radius, self.apart)
        return {label.index: math.radians(90 - turn)
                for label, turn in zip(labels, turns, strict=True)}

    def _column(self, items: list[_Label], side: int, radius: float,
                starts: dict[int, float]) -> list[Bounds]:
        """Return where each label of one side may stand."""
        bend = self._bend(radius)
        column = []
        for label in items:
            start = starts[label.index]
            cos, sin = side * math.cos(start), math.sin(start)
            wanted = (radius + self.stub) * sin
            if cos < -1e-9:  # handed over the top: its leader passes above the ring
                wanted = max(wanted, radius + CLEAR)
                column.append(Bounds(wanted, wanted, math.inf, label.height))
                continue
            x0, y0 = edge(radius, cos, sin)
            slack = 0.8 * (bend - x0) * cos / abs(sin) if abs(sin) > 1e-9 else math.inf
            column.append(Bounds(wanted, y0 - slack, math.inf, label.height) if sin >= 0 else
                          Bounds(wanted, -math.inf, y0 + slack, label.height))
        return column

    def _bend(self, radius: float) -> float:
        """Return the furthest out from the ring's centre a leader bends to go level."""
        return radius + self.reach - GAP - 0.3 * self.size

    def _placed(self, label: _Label, side: int, radius: float,
                at: tuple[float, float, float], start: float) -> _Placed:
        """Return the label standing y points above the ring's centre (cx, cy, y = at),
        with its leader: out from the slice's edge at the start angle (or, pushed back towards
        the waist, slanted to the labels' column) and then level to the label."""
        cx, cy, y = at
        cos, sin = side * math.cos(start), math.sin(start)
        bend = self._bend(radius)
        if abs(sin) > 1e-9 and y / sin >= radius + 3:  # on the slice's middle, past the ring
            bend = min(bend, y * cos / sin)
        points = [edge(radius, cos, sin), (bend, y),
                  (radius + self.reach - GAP, y)]
        return _Placed(label.index, side, label.text, cx + side * (radius + self.reach),
                       cy + y, [(cx + side * px, cy + py) for px, py in points])
