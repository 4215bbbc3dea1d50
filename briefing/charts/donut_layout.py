"""Where a donut's ring, centre text, slice labels and leader lines go (for donut.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..data import Dataset
from .options import categories
from .registry import proportional

if TYPE_CHECKING:
    from .donut import DonutFigure

HOLE = 0.64
"""Radius of the hole as a share of the ring's."""
LEADING = 1.1
GAP = 2.0
"""Points between two labels, and between a leader and its label."""
PAD = 1.0
"""Points left free at the chart's edges, and inside the hole around the centre text."""
CLEAR = 4.0
"""Points a leader handed over the top of the ring keeps above it."""
APART = 0.4
"""Points kept between two leaders: those of thin neighbouring slices start closer than
thicker lines could."""
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


class _Bounds(NamedTuple):
    """Where a label may stand, in points above the ring's centre."""

    wanted: float
    """Where a leader out along the slice's middle bends to it."""
    lowest: float
    highest: float
    """How far a slanted leader can reach while still pointing away from the ring."""
    height: float
    """The label's own height."""


Measure = Callable[[str, float, bool], tuple[float, float]]
"""(text, size, bold) -> (width, height) in points of text set with the labels' leading."""
Point = tuple[float, float]
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
class _Centre:
    """The centre label's and the note's lines and sizes, as they fit the hole."""

    label: str
    label_size: float
    label_height: float
    note: str
    note_size: float
    note_height: float
    gap: float
    """Between the label and the note (none without both)."""


@dataclass(frozen=True)
class Plan:
    """Where the ring's centre is, its radius, the labels, the centre text (once chosen) and
    the height of the chart it was planned for."""

    cx: float
    cy: float
    radius: float
    labels: list[_Placed]
    centre: _Centre | None
    height: float


class Layout:
    """Where a donut's ring, centre text, labels and leaders go in a chart width points wide.

    Labels stand in a column on each side of the ring, top down in slice order, pushed
    apart so that none overlap. Each leader runs from its slice's outer edge out along the
    slice's middle and then level to its label, so leaders never cross and never pass over
    the ring; a label pushed back towards the ring's waist is reached by a slanted first
    run that still points away from the ring.
    """

    def __init__(self, options: DonutFigure, dataset: Dataset, width: float, size: float,
                 big: float, measure: Measure) -> None:
        self.options, self.width, self.size, self.big, self.measure = \
            options, width, size, big, measure
        self.names = categories(dataset, options.x)
        self.values = [float(v or 0) for v in dataset.values(options.y)]
        total = sum(self.values) or 1.0
        self._made: dict[tuple[int, bool, float], _Label] = {}
        self._sets: dict[tuple[bool, bool], list[_Label]] = {}
        self._shown = [index for index, value in enumerate(self.values) if value]
        self.angles: list[tuple[float, float]] = []
        start = 90.0
        for value in self.values:
            sweep = value / total * 360
            self.angles.append((start - sweep, start))
            start -= sweep
        self.reach = 1.6 * size  # from the ring to the labels' column
        self.stub = 0.45 * self.reach  # how far out a leader first runs along its slice
        self.target = proportional(width, 0.16, 55, 75)
        # (a centre text long enough to want more sets smaller, rather than the ring growing)
        self.least = min(max(0.8 * self.target, min(self._centre_radius(), 1.25 * self.target)),
                         width / 2 - PAD)

    # -- the choice between label styles, sides and ring sizes

    def natural_height(self) -> float:
        """Return the height the chart needs: its labels stacked name above value where
        that costs little height, run on where it does not."""
        need = math.inf
        for stacked in (True, False):
            plans = [self._fit(sides, self._cap(sides), None)
                     for sides in self._choices(self._labels(stacked))]
            need = min([plan.height for plan in plans if plan is not None], default=need)
            if need <= 2.6 * self.target + 2 * PAD:
                break
        return need if need < math.inf else 2 * self.target + 2 * PAD

    def plan(self, height: float) -> Plan:
        """Return where everything goes in a chart height points high: as the first of
        TRIES that fits lays it out, or else with run-on labels wherever they fall."""
        for attempt in TRIES:
            best: Plan | None = None
            for sides in self._choices(self._labels(attempt.stacked, attempt.narrow)):
                cap = min(self._cap(sides), (height - 2 * PAD) / 2)
                low = {"size": max(0.92 * cap, min(self.least, cap)),
                       "least": min(self.least, cap), "any": LEAST_RADIUS}[attempt.ring]
                plan = self._largest(sides, low, cap, height, attempt.compact)
                if plan is not None and (best is None or plan.radius > best.radius + 0.5):
                    best = plan
            if best is not None:
                return replace(best, centre=self._centre(best.radius))
        sides = self._sides(self._labels(False))
        radius = max(1.0, min(self._cap(sides), (height - 2 * PAD) / 2))
        plan = self._fit(sides, radius, height, compact=True, strict=False)
        assert plan is not None  # not strict, a ring that fits the height always fits
        return replace(plan, centre=self._centre(radius))

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
            name = self._wrap_within(name, measure, bold=bold)
            text = f"{name}\n{value}"
        else:
            text = self._wrap_within(f"{name} {value}", measure, bold=bold)
        width, height = self.measure(text, self.size, bold)
        low, high = self.angles[index]
        return _Label(index, 90 - (low + high) / 2, text, width, height, stacked)

    def _choices(self, labels: list[_Label]) -> list[Sides]:
        """Return the ways of sharing the labels between the sides: each on its slice's side,
        or up to three of one side's topmost labels handed over the top to the other."""
        choices = [self._sides(labels)]
        for moves in (1, 2, 3, -1, -2, -3):
            sides = self._handed(choices[0], moves)
            if sides is not None and sides != choices[-1]:
                choices.append(sides)
        return choices

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
        columns = {side: self._column(items, side, radius) for side, items in sides.items()
                   if items}
        ys = {side: _pushed_apart(column) for side, column in columns.items()}
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
            found = _window(columns, ys, radius, space, up, down) if compact else None
            if found is not None:
                top, ys = found
            elif strict:
                return None
        cx = PAD + max(0.0, room) / 2 + self._column_width(sides[-1]) + radius
        cy = PAD + space - top
        labels = [self._placed(label, side, radius, cx, cy, y) for side in columns
                  for label, y in zip(sides[side], ys[side], strict=True)]
        if strict and not _clean([label.leader for label in labels], (cx, cy), radius):
            return None
        return Plan(cx, cy, radius, labels, None, space + 2 * PAD)

    def _column(self, items: list[_Label], side: int, radius: float) -> list[_Bounds]:
        """Return where each label of one side may stand."""
        bend = self._bend(radius)
        column = []
        for label in items:
            cos, sin = side * math.cos(label.middle), math.sin(label.middle)
            wanted = (radius + self.stub) * sin
            if cos < -1e-9:  # handed over the top: its leader passes above the ring
                wanted = max(wanted, radius + CLEAR)
                column.append(_Bounds(wanted, wanted, math.inf, label.height))
                continue
            x0, y0 = _edge(radius, cos, sin)
            slack = 0.8 * (bend - x0) * cos / abs(sin) if abs(sin) > 1e-9 else math.inf
            column.append(_Bounds(wanted, y0 - slack, math.inf, label.height) if sin >= 0 else
                          _Bounds(wanted, -math.inf, y0 + slack, label.height))
        return column

    def _bend(self, radius: float) -> float:
        """Return the furthest out from the ring's centre a leader bends to go level."""
        return radius + self.reach - GAP - 0.3 * self.size

    def _placed(self, label: _Label, side: int, radius: float, cx: float, cy: float,
                y: float) -> _Placed:
        """Return the label standing y points above the ring's centre, with its leader: out
        from the slice's edge along its middle (or, pushed back towards the waist, slanted
        to the labels' column) and then level to the label."""
        cos, sin = side * math.cos(label.middle), math.sin(label.middle)
        bend = self._bend(radius)
        if abs(sin) > 1e-9 and y / sin >= radius + 3:  # on the slice's middle, past the ring
            bend = min(bend, y * cos / sin)
        points = [_edge(radius, cos, sin), (bend, y),
                  (radius + self.reach - GAP, y)]
        return _Placed(label.index, side, label.text, cx + side * (radius + self.reach),
                       cy + y, [(cx + side * px, cy + py) for px, py in points])

    # -- the centre

    def _centre(self, radius: float) -> _Centre:
        """Return the centre text set as large as fits the hole's inscribed square: the label
        shrunk first, then the note, down to least sizes that the ring's least radius leaves
        room for; below those only in a ring its labels keep smaller."""
        box = math.sqrt(2) * HOLE * radius - 2 * PAD
        for note_size in _sizes(self.size, 0.85 * self.size):
            for label_size in _sizes(self.big, 1.25 * self.size):
                centre = self._centre_at(box, note_size, label_size)
                if centre is not None:
                    return centre
        for size in _sizes(0.85 * self.size, 4.0):  # the label still the larger where it can
            for label_size in _sizes(1.25 * self.size, size):
                centre = self._centre_at(box, size, label_size)
                if centre is not None:
                    return centre
        return self._centre_at(box, 4.0, 4.0, force=True)  # type: ignore[return-value]

    def _centre_at(self, box: float, note_size: float, label_size: float,
                   force: bool = False) -> _Centre | None:
        label, note = self.options.center_label, self.options.center_note
        lines, label_w, label_h = "", 0.0, 0.0
        if label:  # a figure in one line; words, such as 'Almost all', wrapped
            lines = self._wrap_within(label, box, label_size, bold=True)
            label_w, label_h = self.measure(lines, label_size, True)
        text, note_w, note_h = "", 0.0, 0.0
        if note:
            text = self._wrap_within(note, box, note_size)
            note_w, note_h = self.measure(text, note_size, False)
        gap = GAP if label and note else 0.0
        fits = max(label_w, note_w) <= box and label_h + gap + note_h <= box
        return _Centre(lines, label_size if label else 0.0, label_h, text, note_size, note_h,
                       gap) \
            if fits or force else None

    def _centre_radius(self) -> float:
        """Return the least radius whose hole holds the centre text at its least sizes."""
        if not (self.options.center_label or self.options.center_note):
            return 0.0
        label, note = self.options.center_label, self.options.center_note
        box = max([0.0, *(self.measure(word, 1.25 * self.size, True)[0]
                          for word in (label or "").split()),
                   *(self.measure(word, 0.85 * self.size, False)[0]
                     for word in (note or "").split())])
        if self._centre_at(box, 0.85 * self.size, 1.25 * self.size) is None:
            low, box = box, self.width
            while box - low > 1:
                middle = (low + box) / 2
                if self._centre_at(middle, 0.85 * self.size, 1.25 * self.size) is None:
                    low = middle
                else:
                    box = middle
        return (box + 2 * PAD) / (math.sqrt(2) * HOLE)

    def _wrap_within(self, text: str, width: float, size: float | None = None,
                     bold: bool = False) -> str:
        """Return text wrapped evenly to lines no wider than width where its words allow."""
        size = size or self.size
        chars = int(width / (size * 0.5))
        while True:
            wrapped = _wrapped(text, max(6, chars), size)
            if chars <= 6 or self.measure(wrapped, size, bold)[0] <= width:
                return wrapped
            chars = min(chars - 1, int(chars * 0.92))


@lru_cache(maxsize=4096)
def _wrapped(text: str, chars: int, size: float) -> str:
    """Return text wrapped as `style.wrap` does to lines of about chars characters."""
    from .style import wrap

    return wrap(text, (chars + 0.5) * size * 0.5, size)


def _sizes(largest: float, least: float) -> list[float]:
    """Return font sizes from largest down to least in half points."""
    sizes = [largest]
    while sizes[-1] - 0.5 >= least - 1e-9:
        sizes.append(sizes[-1] - 0.5)
    return sizes


def _edge(radius: float, cos: float, sin: float) -> tuple[float, float]:
    """Return where a leader starts: just off the ring's outer edge, cos and sin along."""
    return (radius + 1) * cos, (radius + 1) * sin


def _pushed_apart(column: list[_Bounds]) -> list[float]:
    """Return where the labels of one side stand: where they want to, those above the
    ring's waist pushed up and those below pushed down until none overlap."""
    ys = [bounds.wanted for bounds in column]
    spacing = [(a.height + b.height) / 2 + GAP for a, b in pairwise(column)]
    waist = next((k for k, y in enumerate(ys) if y < 0), len(ys))
    for _ in range(2):
        for k in range(waist - 2, -1, -1):
            ys[k] = max(ys[k], ys[k + 1] + spacing[k])
        for k in range(waist + 1, len(ys)):
            ys[k] = min(ys[k], ys[k - 1] - spacing[k - 1])
        if 0 < waist < len(ys):  # the two labels at the waist share their overlap
            overlap = spacing[waist - 1] - (ys[waist - 1] - ys[waist])
            if overlap > 0:
                ys[waist - 1] += overlap / 2
                ys[waist] -= overlap / 2
    return ys


def _window(columns: dict[int, list[_Bounds]], ys: dict[int, list[float]], radius: float,
            space: float, up: float, down: float) -> tuple[float, dict[int, list[float]]] | None:
    """Return how far above the ring's centre the chart's top is, and where the labels
    stand pushed together to fit space points from top to bottom; None if they cannot.

    up and down are how far the labels reach above and below the ring's centre where they
    stand pushed apart; the top first tried takes from each in proportion to how far it
    reaches beyond the ring."""
    beyond = up + down - 2 * radius
    guess = up - (up + down - space) * (up - radius) / beyond if beyond > 0 else radius
    tops = [guess] + [radius + (space - 2 * radius) * k / 16 for k in range(17)]
    for top in sorted(tops, key=lambda t: abs(t - guess)):
        if radius - 0.01 <= top <= space - radius + 0.01:
            packed = {side: _packed(column, ys[side], top, top - space)
                      for side, column in columns.items()}
            if all(packed.values()):
                return top, packed  # type: ignore[return-value]
    return None


def _packed(column: list[_Bounds], ys: list[float], top: float, bottom: float
            ) -> list[float] | None:
    """Return the labels of one side moved as little as they must from ys to lie between
    top and bottom and within their bounds, still apart; None if they cannot."""
    spacing = [(a.height + b.height) / 2 + GAP for a, b in pairwise(column)]
    highs = [min(bounds.highest, top - bounds.height / 2) for bounds in column]
    lows = [max(bounds.lowest, bottom + bounds.height / 2) for bounds in column]
    for k in range(1, len(column)):
        highs[k] = min(highs[k], highs[k - 1] - spacing[k - 1])
    for k in range(len(column) - 2, -1, -1):
        lows[k] = max(lows[k], lows[k + 1] + spacing[k])
    if any(low > high + 1e-6 for low, high in zip(lows, highs, strict=True)):
        return None
    return [min(max(y, low), high) for y, low, high in zip(ys, lows, highs, strict=True)]


def _clean(leaders: list[list[Point]], centre: Point, radius: float) -> bool:
    """Return whether no leader passes over the ring and no two leaders meet."""

    segments = [(k, a, b) for k, points in enumerate(leaders) for a, b in pairwise(points)]
    if any(segment_distance(centre, a, b) < radius + 0.5 for _, a, b in segments):
        return False
    return not any(k != m and _near(a, b, c, d) and segments_apart(a, b, c, d) < APART
                   for (k, a, b), (m, c, d) in combinations(segments, 2))


def _near(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Return whether the boxes around segments ab and cd come within APART points."""
    return (min(a[0], b[0]) < max(c[0], d[0]) + APART
            and min(c[0], d[0]) < max(a[0], b[0]) + APART
            and min(a[1], b[1]) < max(c[1], d[1]) + APART
            and min(c[1], d[1]) < max(a[1], b[1]) + APART)


def segment_distance(p: Point, a: Point, b: Point) -> float:
    """Return the distance from point p to the segment from a to b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) if length else 0
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def segments_apart(a: Point, b: Point, c: Point, d: Point) -> float:
    """Return the distance between the segments ab and cd: 0 where they cross."""
    def turn(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    if turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0:
        return 0.0
    return min(segment_distance(a, c, d), segment_distance(b, c, d), segment_distance(c, a, b),
               segment_distance(d, a, b))
