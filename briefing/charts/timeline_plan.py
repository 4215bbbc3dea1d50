"""Where a timeline's labels go: each on the side of the axis and at the height that keeps it
lowest, no label overlapping another and no stem running through another event's label.

Pure arithmetic on label boxes in points, without matplotlib: the chart's height is planned
before it is drawn.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from heapq import heapify, heappop, heappush

# a label's box in points: left, bottom (distance from the axis), width, height, stem x
Box = tuple[float, float, float, float, float]
# a label's placement: its box, its side of the axis (1 above, -1 below) and its top
Placement = tuple[Box, int, float]


def place(xs: list[float], sizes: list[tuple[float, float]], width: float, stem: float,
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
    spanned = _spanned_stems(boxes)
    order = _stacking_order(boxes, spanned)
    if order is None:
        return None
    stacked: list[Box] = list(boxes)
    # of each label stacked: its reach (twice the gap) each side, and the space it keeps
    spaces: list[tuple[float, float, float, float]] = []
    tops = [stem]  # the stem's least length and the top of each label stacked, in order
    for i in order:
        left, _, w, h, x = boxes[i]
        right = left + w
        beside = [(low, top) for near, far, low, top in spaces if near < right and left < far]
        # no label stacked yet spans its stem; it spans those of labels stacked before it
        floor = max((stacked[k][1] for k in spanned[i]), default=-math.inf)
        bottom = _lowest_clear(tops[bisect_left(tops, stem):], beside, h, math.inf, floor)
        assert bottom is not None
        stacked[i] = (left, bottom, w, h, x)
        top = bottom + h + gap
        insort(tops, top)
        spaces.append((left - 2 * gap, right + 2 * gap, bottom - gap + _SLACK, top))
    return stacked


def _spanned_stems(boxes: list[Box]) -> list[list[int]]:
    """Return, per label box, the other labels whose stems it spans (see _spans)."""
    stems = sorted((x, k) for k, (_, _, _, _, x) in enumerate(boxes))
    xs = [x for x, _ in stems]
    return [[k for _, k in stems[bisect_left(xs, left - 1):bisect_right(xs, left + w + 1)]
             if k != i] for i, (left, _, w, _, _) in enumerate(boxes)]


def _stacking_order(boxes: list[Box], spanned: list[list[int]]) -> list[int] | None:
    """Return the order to stack boxes in: each after the labels whose stems it spans, and
    among the labels free to go next the lowest (then the first); None if there is none."""
    waiting = [len(stems) for stems in spanned]
    spanners: list[list[int]] = [[] for _ in boxes]
    for i, stems in enumerate(spanned):
        for k in stems:
            spanners[k].append(i)
    ready = [(boxes[i][1], i) for i, count in enumerate(waiting) if not count]
    heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heappop(ready)
        order.append(i)
        for spanner in spanners[i]:
            waiting[spanner] -= 1
            if not waiting[spanner]:
                heappush(ready, (boxes[spanner][1], spanner))
    return order if len(order) == len(boxes) else None


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
    """Return the lowest bottom at which a label box fits among boxes on its side: on the
    stem's least length or on a label's top (and its gap).

    The bool is False when only a bottom whose stem crosses a label was left.
    """
    right = left + w
    tops = {stem}
    beside: list[tuple[float, float]] = []  # (bottom, top) of the space each label keeps
    ceiling, floor = math.inf, -math.inf
    for bl, bb, bw, bh, bx in boxes:
        top = bb + bh + gap
        tops.add(top)
        if bl - 2 * gap < right and left < bl + bw + 2 * gap:  # side by side, twice the gap:
            beside.append((bb - gap + _SLACK, top))  # not read as one line
        if bl - 1 <= x <= bl + bw + 1:  # its stem would cross a label nearer the axis
            ceiling = min(ceiling, bb + _SLACK)
        if left - 1 <= bx <= right + 1:  # it would sit across a longer stem
            floor = max(floor, bb)
    candidates = sorted(tops)
    bottom = _lowest_clear(candidates[bisect_left(candidates, stem):], beside, h, ceiling,
                           floor)
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
