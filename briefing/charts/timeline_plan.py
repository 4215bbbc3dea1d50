"""Where a timeline's labels go: each on the side of the axis and at the height that keeps it
lowest, no label overlapping another and no stem running through another event's label.

Labels that reach over one another on one side stack in date order, the later farther from
the axis: a label may then span the stems of the earlier labels under it, not a later one's.
Only a label that can run neither way from its stem without spanning a later one's stacks
beyond that later label.

Pure arithmetic on label boxes in points, without matplotlib: the chart's height is planned
before it is drawn.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from heapq import heapify, heappop, heappush
from itertools import product

# a label's box in points: left, bottom (distance from the axis), width, height, stem x
Box = tuple[float, float, float, float, float]
# a label's placement: its box, its side of the axis (1 above, -1 below) and its top
Placement = tuple[Box, int, float]


def place(xs: list[float], sizes: list[tuple[float, float]], width: float, stem: float,
          gap: float, limit: float = math.inf) -> tuple[list[Placement], int, int]:
    """Return (box, side, top) per label: each on the side and height that keeps it lowest.

    xs are in date order. A label never overlaps another label, stays within the width and
    stacks beyond the earlier labels it reaches over. Where every height left for a label
    would put its stem across an earlier label, the labels that span its stem turn to run the
    other way from their stems, or if they cannot, stack beyond it; also return how many
    stems still had to cross a label, and how many labels had to stack out of date order.

    Stop once the labels placed need more than limit points, both sides of the axis together,
    and leave the rest unplaced: placing more labels has not been seen to need less.
    """
    placed: list[Placement] = []
    crossings = 0
    out_of_order = {1: 0, -1: 0}  # per side
    needs = {1: 0.0, -1: 0.0}  # the height each side's labels need
    for x, (w, h) in zip(xs, sizes, strict=True):
        if needs[1] + needs[-1] > limit:
            break
        lefts = _lefts(x, w, width, 0.0) or [min(max(0.0, x - w / 2), width - w)]
        best: tuple[bool, float, float, Box, int] | None = None
        for side in (1, -1):
            same = [(box, top) for box, s, top in placed if s == side]
            extent = needs[side]
            for left in lefts:
                bottom, clear = _lowest(x, left, w, h, stem, gap, [b for b, _ in same])
                score = (not clear, bottom, max(bottom + h, extent) - extent)
                if best is None or score < best[:3]:
                    best = (*score, (left, bottom, w, h, x), side)
        assert best is not None
        restacked = _turned_aside(placed, x, w, h, width, stem, gap) if best[0] else None
        if restacked is not None:
            placed, side, out_of_order[side] = restacked
            needs[side] = max(top for _, s, top in placed if s == side)
            continue
        crossings += best[0]
        placed.append((best[3], best[4], best[3][1] + best[3][3]))
        needs[best[4]] = max(needs[best[4]], placed[-1][2])
    return placed, crossings, sum(out_of_order.values())


_NEAR = 1.0
"""Points within which a stem counts as running through a label, and two labels' widths as
reaching over each other."""
_STEM_CLEARANCE = 2.0
"""Points between a stem and a label set beside it rather than on it: past _NEAR, within
which a stem counts as crossing a label."""


def _lefts(x: float, w: float, width: float, clearance: float) -> list[float]:
    """Return where a label w wide may start within the width: beginning or ending at its
    stem x, or clearance points beyond it."""
    return [left for left in (x + clearance, x - w - clearance)
            if left >= 0 and left + w <= width]


def _turned_aside(placed: list[Placement], x: float, w: float, h: float, width: float,
                  stem: float, gap: float) -> tuple[list[Placement], int, int] | None:
    """Return placed and a new label at x, the labels of its side that span its stem turned
    to run the other way from their stems and the side stacked anew, that side and how many
    of its labels stack out of date order: the fewest, then the side and left that add the
    least height; None if none can.

    A label that cannot turn, or whose turning would have it span the stem of a label that
    spans its own, stacks beyond the new label instead. A label may stand clear of its stem
    when one flush with it would span another's stem at the same date.
    """
    best: tuple[tuple[int, float, float], int, list[int], list[Box]] | None = None
    for side in (1, -1):
        members = [i for i, (_, s, _) in enumerate(placed) if s == side]
        extent = max([placed[i][2] for i in members], default=0.0)
        kept = [placed[i][0] for i in members]
        turned = [_turned(box, x, width) for box in kept]
        variants = (turned, kept) if turned != kept else (kept,)
        for clearance in (0.0, _STEM_CLEARANCE):
            for left, boxes in product(_lefts(x, w, width, clearance), variants):
                restacked = _restack([*boxes, (left, 0.0, w, h, x)], stem, gap)
                if restacked is None:
                    continue
                boxes, out_of_order = restacked
                score = (out_of_order, max(b + bh for _, b, _, bh, _ in boxes) - extent,
                         clearance)
                if best is None or score < best[0]:
                    best = (score, side, members, boxes)
    if best is None:
        return None
    (out_of_order, _, _), side, members, boxes = best
    moved = dict(zip(members, boxes[:-1], strict=True))
    return [*((moved[i], side, moved[i][1] + moved[i][3]) if i in moved else placement
              for i, placement in enumerate(placed)),
            (boxes[-1], side, boxes[-1][1] + boxes[-1][3])], side, out_of_order


def _turned(box: Box, x: float, width: float) -> Box:
    """Return a placed label box, anchored elsewhere on its stem if it spans a later stem at
    x and can be."""
    left, bottom, w, h, own = box
    if not _spans(box, x):
        return box
    return next(((other, bottom, w, h, own) for clearance in (0.0, _STEM_CLEARANCE)
                 for other in _lefts(own, w, width, clearance)
                 if not _spans((other, bottom, w, h, own), x)), box)


def _restack(boxes: list[Box], stem: float, gap: float) -> tuple[list[Box], int] | None:
    """Return boxes, in date order, stacked anew on one side, each at the lowest height clear
    of those stacked before it and beyond every one it reaches over, and how many stack
    before an earlier label; None if two labels span each other's stems, so that one must
    cross the other.

    A label goes after every label whose stem it spans, so it stacks beyond them; otherwise
    labels go in date order.
    """
    spanned = _spanned_stems(boxes)
    order = _stacking_order(spanned)
    if order is None:
        return None
    stacked: list[Box] = list(boxes)
    # of each label stacked: its reach (twice the gap) each side, the space it keeps, its
    # left, right and bottom
    spaces: list[tuple[float, float, float, float, float, float, float]] = []
    tops = [stem]  # the stem's least length and the top of each label stacked, in order
    # _lowest's rules, inlined on purpose: calling _lowest took 50 events from 0.34 s to 0.47 s
    for i in order:
        left, _, w, h, x = boxes[i]
        right = left + w
        beside: list[tuple[float, float]] = []
        floor = -math.inf
        for near, far, low, top, other_left, other_right, other_bottom in spaces:
            if near < right and left < far:
                beside.append((low, top))
            if _reaches(other_left, other_right, left, right):
                floor = max(floor, other_bottom)
        bottom = _lowest_clear(tops, beside, h, math.inf, floor)
        assert bottom is not None
        stacked[i] = (left, bottom, w, h, x)
        top = bottom + h + gap
        insort(tops, top)
        spaces.append((left - 2 * gap, right + 2 * gap, bottom - gap + _SLACK, top, left, right,
                       bottom))
    return stacked, _out_of_order(order)


def _out_of_order(order: list[int]) -> int:
    """Return how many labels of a stacking order go before a label earlier in date."""
    count, earliest = 0, math.inf
    for i in reversed(order):
        count += i > earliest
        earliest = min(earliest, i)
    return count


def _spanned_stems(boxes: list[Box]) -> list[list[int]]:
    """Return, per label box, the other labels whose stems it spans (see _spans)."""
    stems = sorted((x, k) for k, (_, _, _, _, x) in enumerate(boxes))
    xs = [x for x, _ in stems]
    return [[k for _, k in stems[bisect_left(xs, left - _NEAR):
                                 bisect_right(xs, left + w + _NEAR)]
             if k != i] for i, (left, _, w, _, _) in enumerate(boxes)]


def _stacking_order(spanned: list[list[int]]) -> list[int] | None:
    """Return the order to stack labels in: each after the labels whose stems it spans, and
    among the labels free to go next the first in date order; None if there is none."""
    waiting = [len(stems) for stems in spanned]
    spanners: list[list[int]] = [[] for _ in spanned]
    for i, stems in enumerate(spanned):
        for k in stems:
            spanners[k].append(i)
    ready = [i for i, count in enumerate(waiting) if not count]
    heapify(ready)
    order: list[int] = []
    while ready:
        i = heappop(ready)
        order.append(i)
        for spanner in spanners[i]:
            waiting[spanner] -= 1
            if not waiting[spanner]:
                heappush(ready, spanner)
    return order if len(order) == len(spanned) else None


def _reaches(left: float, right: float, other_left: float, other_right: float) -> bool:
    """Return whether two labels' widths overlap, or come within _NEAR of each other: a
    label stacked over another reaches over it."""
    return left - _NEAR <= other_right and other_left - _NEAR <= right


def _spans(box: Box, x: float) -> bool:
    """Return whether a stem at x runs through a label box's width, or within _NEAR of it."""
    left, _, w, _, _ = box
    return left - _NEAR <= x <= left + w + _NEAR


_SLACK = 1e-6
"""Points a label may reach into another's gap and still fit: a label that fits a space
exactly must not miss it because the same lengths, added in another order, differ in
their last bits."""


def _lowest(x: float, left: float, w: float, h: float, stem: float, gap: float,
            boxes: list[Box]) -> tuple[float, bool]:
    """Return the lowest bottom at which a label box fits among the earlier boxes on its
    side, beyond those it reaches over: on the stem's least length or on a label's top (and
    its gap).

    The bool is False when only a bottom whose stem crosses a label was left.
    """
    right = left + w
    tops = {stem}
    beside: list[tuple[float, float]] = []  # (bottom, top) of the space each label keeps
    ceiling, floor = math.inf, -math.inf
    for bl, bb, bw, bh, _ in boxes:
        top = bb + bh + gap
        tops.add(top)
        if bl - 2 * gap < right and left < bl + bw + 2 * gap:  # side by side, twice the gap:
            beside.append((bb - gap + _SLACK, top))  # not read as one line
        if bl - _NEAR <= x <= bl + bw + _NEAR:  # its stem would cross a label nearer the axis
            ceiling = min(ceiling, bb + _SLACK)
        if _reaches(bl, bl + bw, left, right):  # later, it stacks beyond
            floor = max(floor, bb)
    candidates = sorted(tops)
    bottom = _lowest_clear(candidates, beside, h, ceiling, floor)
    return (candidates[-1], False) if bottom is None else (bottom, True)


def _lowest_clear(candidates: list[float], beside: list[tuple[float, float]], h: float,
                  ceiling: float, floor: float) -> float | None:
    """Return the first of candidates (in increasing order) at which a label h high overlaps
    none of the spaces (bottom, top) beside it, is no higher than ceiling and starts no lower
    than floor; None if none is."""
    beside.sort()
    reached, over = 0, -math.inf  # the spaces it reaches, and the highest top among them
    at = 0
    while at < len(candidates):
        bottom = candidates[at]
        if ceiling < bottom:
            return None
        while reached < len(beside) and beside[reached][0] < bottom + h:
            over = max(over, beside[reached][1])
            reached += 1
        if bottom + _SLACK < over:
            short_of = over
        elif bottom + _SLACK < floor:
            short_of = floor
        else:
            return bottom
        at = max(at + 1, bisect_left(candidates, short_of, at, key=_slackened))
    return None


def _slackened(bottom: float) -> float:
    return bottom + _SLACK
