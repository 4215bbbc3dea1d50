"""The text in a donut's hole: its lines and sizes as they fit the hole (for donut_layout.py)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from .donut_text import GAP, PAD, Measure, sizes, wrap_within

HOLE = 0.64
"""Radius of the hole as a share of the ring's."""


@dataclass(frozen=True)
class Centre:
    """The centre label's and the note's lines and sizes, as they fit the hole."""

    label: str
    label_size: float
    label_height: float
    note: str
    note_size: float
    note_height: float
    gap: float
    """Between the label and the note (none without both)."""


class CentreText:
    """The centre label (big, bold) and note (small) of a donut, to be set in its hole."""

    def __init__(self, label: str | None, note: str | None, size: float, big: float,
                 measure: Measure) -> None:
        self.label, self.note, self.size, self.big, self.measure = \
            label, note, size, big, measure

    def fitted(self, radius: float) -> Centre:
        """Return the centre text set as large as fits the hole's inscribed square: the label
        shrunk first, then the note, down to least sizes that the ring's least radius leaves
        room for; below those only in a ring its labels keep smaller."""
        box = math.sqrt(2) * HOLE * radius - 2 * PAD
        for note_size, label_size in self._sizes():
            centre = self._set_in(box, note_size, label_size)
            if centre is not None:
                return centre
        return self._set_in(box, 4.0, 4.0, force=True)  # type: ignore[return-value]

    def _sizes(self) -> Iterator[tuple[float, float]]:
        """Yield the (note, label) sizes `fitted` tries, in turn."""
        for note_size in sizes(self.size, 0.85 * self.size):
            for label_size in sizes(self.big, 1.25 * self.size):
                yield note_size, label_size
        for note_size in sizes(0.85 * self.size, 4.0):  # the label still the larger where it can
            for label_size in sizes(1.25 * self.size, note_size):
                yield note_size, label_size

    def least_radius(self, widest: float) -> float:
        """Return the least radius whose hole holds the text at its least sizes (a box no
        wider than widest points searched for one that holds it)."""
        if not (self.label or self.note):
            return 0.0
        box = max([0.0, *(self.measure(word, 1.25 * self.size, True)[0]
                          for word in (self.label or "").split()),
                   *(self.measure(word, 0.85 * self.size, False)[0]
                     for word in (self.note or "").split())])
        if self._set_in(box, 0.85 * self.size, 1.25 * self.size) is None:
            low, box = box, widest
            while box - low > 1:
                middle = (low + box) / 2
                if self._set_in(middle, 0.85 * self.size, 1.25 * self.size) is None:
                    low = middle
                else:
                    box = middle
        return (box + 2 * PAD) / (math.sqrt(2) * HOLE)

    def _set_in(self, box: float, note_size: float, label_size: float,
                force: bool = False) -> Centre | None:
        """Return the text set in a square box points wide at these sizes; None if it does
        not fit (force: however it fits)."""
        label, note = self.label, self.note
        lines, label_w, label_h = "", 0.0, 0.0
        if label:  # a figure in one line; words, such as 'Almost all', wrapped
            lines = wrap_within(self.measure, label, box, label_size, bold=True)
            label_w, label_h = self.measure(lines, label_size, True)
        text, note_w, note_h = "", 0.0, 0.0
        if note:
            text = wrap_within(self.measure, note, box, note_size)
            note_w, note_h = self.measure(text, note_size, False)
        gap = GAP if label and note else 0.0
        fits = max(label_w, note_w) <= box and label_h + gap + note_h <= box
        return Centre(lines, label_size if label else 0.0, label_h, text, note_size, note_h,
                      gap) \
            if fits or force else None
