"""Custom flowables: outline headings, anchors, floats, tables kept with their source, boxes,
lists kept with their lead-in, stat cards and the cover band."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, KeepTogether, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.paragraph import ParagraphStyle

from .context import markup
from .paragraph import Paragraph


@cache
def _scratch_canvas() -> Any:
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


def wrap_item(item: Flowable, canv: Any, width: float, height: float) -> tuple[float, float]:
    """Return the size of item at width, wrapped on canv (or a scratch canvas for measuring)."""
    return item.wrapOn(canv if canv is not None else _scratch_canvas(), width, height)


def stack_height(items: list[Flowable], canv: Any, width: float) -> float:
    """Return the height items take set one under another in a frame of width, counting the
    space between them as a frame does (see gap_before)."""
    return sum(gap + height for gap, height in stacked(items, canv, width, 1e6))


def gap_before(items: list[Flowable], index: int) -> float:
    """Return the space between items[index] and the one before it, as a frame leaves it:
    the larger of the space after one and the space before the next, with ReportLab's
    default overlapping of attached space, else both (none before the first)."""
    return gap_between(items[index - 1], items[index]) if index else 0.0


def gap_between(previous: Flowable, item: Flowable) -> float:
    """Return the space a frame leaves between previous and item (see gap_before)."""
    after, before = previous.getSpaceAfter(), item.getSpaceBefore()
    return max(after, before) if rl_config.overlapAttachedSpace else after + before


def stacked(items: list[Flowable], canv: Any, width: float, height: float
            ) -> list[tuple[float, float]]:
    """Return the space before and the height of each of items set one under another."""
    return [(gap_before(items, index), wrap_item(item, canv, width, height)[1])
            for index, item in enumerate(items)]


def draw_stacked(canv: Any, items: list[Flowable], sizes: list[tuple[float, float]],
                 x: float, top: float) -> None:
    """Draw items one under another from top down, at their sizes (from `stacked`)."""
    for item, (gap, height) in zip(items, sizes, strict=True):
        top -= gap + height
        item.drawOn(canv, x, top)


def kept_with_next(flowables: list[Flowable], start: int = 0) -> int:
    """Return the index of the first flowable from start on that does not keep with the
    next (len(flowables) if all do)."""
    index = start
    while index < len(flowables) and flowables[index].getKeepWithNext():
        index += 1
    return index


def at_frame_top(item: Flowable) -> bool:
    """Return whether item is being set at the top of its frame (where moving on to the
    next frame would not give it more room)."""
    return bool(getattr(getattr(item, "_frame", None), "_atTop", False))


def frame_height(item: Flowable) -> float:
    """Return the height item's frame has for content at its top (infinite outside one)."""
    return float(getattr(getattr(item, "_frame", None), "_aH", float("inf")))


def split_item(item: Flowable, canv: Any, width: float, height: float) -> list[Flowable]:
    """Return the pieces of item split at height (see wrap_item)."""
    return item.splitOn(canv if canv is not None else _scratch_canvas(), width, height)


class Heading(Paragraph):
    """A heading that becomes a link target, an outline entry and (if toc) a TOC entry.

    rank is the heading's nominal level (0 for a section, then 1 for `#`/`##`, 2 for `###`
    and so on); level is its depth in the outline, set by the story from the ranks of the
    headings around it and equal to rank until then.
    """

    def __init__(self, text: str, style: ParagraphStyle, *, key: str, outline: str,
                 rank: int, toc: bool = True) -> None:
        super().__init__(text, style)
        self.key = key
        self.outline = outline
        self.rank = self.level = rank
        self.toc = toc

    def toc_entry(self, page: int) -> tuple[int, str, int, str]:
        """Return the heading's contents entry (level, markup, page, key)."""
        return self.level, markup(self.outline), page, self.key

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + self.style.fontSize * 0.5)
        super().draw()


class Anchor(Flowable):
    """A zero-size link target (for figures and tables with an id)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 12)


class Float(KeepTogether):
    """A figure or table kept together that may float: when it does not fit in the space left
    in a frame, the document sets it at the top of the next frame and lets the text that
    follows fill the space (see render._BriefDocument). Floats of a series (figures, tables)
    keep their order. ReportLab sets a float's content one flowable after another (as
    KeepTogether does): its first flowable knows its float (float_of)."""

    def __init__(self, content: list[Flowable], *, series: str = "figure") -> None:
        super().__init__(content)
        self.series = series
        self._content[0].float_of = self

    @property
    def content(self) -> list[Flowable]:
        """What the float holds, in order."""
        return list(self._content)


class SpanFloat(ActionFlowable):
    """A table (with its caption) set across all the columns of a page, as journals set wide
    tables. It takes no room where it stands: reached, it hands itself to the document,
    which sets it at the top of the next page, above the columns (see briefing.columns).
    in_column is the table set in one column (a float, or a conditional break and the block
    that splits), for where spanning would leave a heading with nothing under it."""

    series = "table"

    def __init__(self, content: list[Flowable], in_column: list[Flowable]) -> None:
        super().__init__()
        self.content = content
        self.in_column = in_column

    def apply(self, doc: Any) -> None:
        doc.wait_for_next_page(self)


class NotesRule(HRFlowable):
    """The short rule above a section's notes; it stays with the first note."""

    keepWithNext = 1


class KeepWithNext(KeepTogether):
    """Headings and what follows them (the document's keepTogetherClass): when they do not fit
    whole, the headings stay if the next flowable can split and leave its first lines with
    them, else everything moves on."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        *heads, last = self._content
        canv = getattr(self, "canv", None)
        if heads and not isinstance(last, KeepTogether | ActionFlowable):
            room = aH - last.getSpaceBefore()
            for index, item in enumerate(heads):
                room -= (item.getSpaceBefore() if index else 0) + item.getSpaceAfter()
                room -= wrap_item(item, canv, aW, aH)[1]
            if room > 0:
                pieces = split_item(last, canv, aW, room)
                if len(pieces) > 1 and not isinstance(pieces[0], ActionFlowable):
                    return [*heads, *pieces]
        return super().split(aW, aH)


CARRIED_ROWS = 2
"""The fewest rows of a split table on either side of a page break (the last part's go
with the table's caption, note and source)."""


class TableWithTail(Flowable):
    """A table that splits across pages and what follows it (caption, note and source),
    which never starts a page on its own: the last part of the table, of at least
    `CARRIED_ROWS` rows, goes with it, even when the table alone would fit. Nor does the
    table begin at a page's foot with fewer rows than that."""

    def __init__(self, table: Table, tail: list[Flowable]) -> None:
        super().__init__()
        self.table, self.tail = table, tail
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = stacked([self.table, *self.tail], getattr(self, "canv", None),
                              availWidth, availHeight)
        self.width, self.height = availWidth, sum(gap + h for gap, h in self._sizes)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        canv = getattr(self, "canv", None)
        wrap_item(self.table, canv, availWidth, availHeight)
        rows = self.table._rowHeights  # noqa: SLF001 - known once the table is wrapped
        kept = len(rows) - CARRIED_ROWS  # the most rows that may stay here
        pieces = split_item(self.table, canv, availWidth,
                            min(availHeight, sum(rows[:kept]) + 0.5)
                            ) if kept > self.table.repeatRows else []
        body = len(pieces[0]._cellvalues) - self.table.repeatRows if pieces else 0  # noqa: SLF001
        at_top = at_frame_top(self)
        if not (len(pieces) == 2 and (body >= CARRIED_ROWS or at_top)):
            if not at_top:
                return []
            # too tall for any frame with those rules: as many rows as fit, then the rest
            pieces = split_item(self.table, canv, availWidth, availHeight)
            if len(pieces) != 2:
                return [self.table, *self.tail]
        return [pieces[0], TableWithTail(pieces[1], self.tail)]

    def draw(self) -> None:
        draw_stacked(self.canv, [self.table, *self.tail], self._sizes, 0, self.height)


class FlushFloats(ActionFlowable):
    """Marks where floats still waiting for the next frame must be set at the latest."""

    def apply(self, doc: Any) -> None:
        return None


class Box(Flowable):
    """Flowables in a padded box with an optional tint and accent bar; splits between or
    inside its flowables, never leaving a single line of text on either side (a `whole`
    box, such as a pull quote, splits only when it is taller than a frame). A box that
    breaks_as_text holds running text (a lead-in and its list): balancing a last page does
    not keep it whole nor count its breaks as blocks split."""

    def __init__(self, content: list[Flowable], *, background: Color | None = None,
                 bar: Color | None = None, bar_width: float = 3, padding: float = 10,
                 space_before: float = 6, space_after: float = 10, whole: bool = False,
                 breaks_as_text: bool = False) -> None:
        super().__init__()
        self.content = content
        self.whole = whole
        self.breaks_as_text = breaks_as_text
        self.background = background
        self.bar = bar
        self.bar_width = bar_width
        self.padding = padding
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._sizes: list[tuple[float, float]] = []

    def _inner_width(self, width: float) -> float:
        left = self.padding + (self.bar_width if self.bar is not None else 0)
        return max(width - left - self.padding, 1)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = stacked(self.content, getattr(self, "canv", None),
                              self._inner_width(availWidth), availHeight)
        self.width = availWidth
        self.height = sum(gap + h for gap, h in self._sizes) + 2 * self.padding
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.whole and not at_frame_top(self) \
                and self.wrap(availWidth, availHeight)[1] <= frame_height(self):
            return []
        canv = getattr(self, "canv", None)
        inner = self._inner_width(availWidth)
        room = availHeight - 2 * self.padding
        used = 0.0
        for index, item in enumerate(self.content):
            gap = gap_before(self.content, index)
            _, h = wrap_item(item, canv, inner, room)
            if used + gap + h <= room:
                used += gap + h
                continue
            pieces = split_item(item, canv, inner, room - used - gap)
            if pieces and wrap_item(pieces[0], canv, inner, room)[1] > room - used - gap:
                pieces = []  # a part that does not fit either (a list item's own split)
            if len(pieces) > 2 and item not in pieces:
                # a container that splits into all its parts (a list into its items): as
                # many of them as fit stay in this part
                return self._copy([*self.content[:index], *pieces, *self.content[index + 1:]]
                                  ).split(availWidth, availHeight)
            first = self.content[:index] + pieces[:1]
            rest = pieces[1:] + self.content[index + 1:]
            if not pieces:
                first, rest = self.content[:index], self.content[index:]
            while first and first[-1].getKeepWithNext():
                rest.insert(0, first.pop())
            if not first or self._one_line([i for i in first if not i.getKeepWithNext()], inner):
                return []  # nothing, or one line left alone at the foot: the box moves on
            if not rest:
                return []
            if self._one_line(rest, inner):  # one line alone on the next page: another goes
                return self.split(availWidth, availHeight - self._leading(self.content))
            return [self._copy(first, space_after=0), self._copy(rest, space_before=0)]
        return [self]

    def _one_line(self, items: list[Flowable], width: float) -> bool:
        """Return whether items (a part of a split box) hold at most one line of text."""
        canv = getattr(self, "canv", None)
        height = sum(wrap_item(item, canv, width, 1e6)[1] for item in items)
        return height < 1.5 * self._leading(items or self.content)

    @staticmethod
    def _leading(items: list[Flowable]) -> float:
        """Return the largest leading of the text in items (in list items too)."""
        leadings, todo = [0.0], list(items)
        while todo:
            item = todo.pop()
            style = getattr(item, "style", None)
            leadings.append(getattr(style, "leading", 0.0) if isinstance(item, Paragraph)
                            else 0.0)
            for inner in ("_content", "_flowables", "content"):
                todo += [f for f in getattr(item, inner, None) or () if isinstance(f, Flowable)]
        return max(leadings) or 12.0

    def _copy(self, content: list[Flowable], **spaces: float) -> Box:
        return Box(content, background=self.background, bar=self.bar, bar_width=self.bar_width,
                   padding=self.padding, whole=self.whole, breaks_as_text=self.breaks_as_text,
                   space_before=spaces.get("space_before", self.spaceBefore),
                   space_after=spaces.get("space_after", self.spaceAfter))

    def draw(self) -> None:
        canv = self.canv
        if self.background is not None:
            canv.setFillColor(self.background)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.bar is not None:
            canv.setFillColor(self.bar)
            canv.rect(0, 0, self.bar_width, self.height, stroke=0, fill=1)
        x = self.padding + (self.bar_width if self.bar is not None else 0)
        draw_stacked(canv, self.content, self._sizes, x, self.height - self.padding)


LEAD_IN_KEPT_LINES = 2
"""The lines of a lead-in that a page or column break leaves with the start of its list."""


class LeadIn(Box):
    """A paragraph that introduces a list (it ends with a colon) and the list: a page or
    column break may come inside the list, not between them. A long lead-in may break
    above its last `LEAD_IN_KEPT_LINES` lines, which go on with the list."""

    def __init__(self, lead: Paragraph, items: Flowable) -> None:
        super().__init__([lead, items], padding=0, space_before=lead.getSpaceBefore(),
                         space_after=items.getSpaceAfter(), breaks_as_text=True)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if at_frame_top(self) or (len(parts) == 2 and self._keeps_lead_with_list(parts[0])):
            return parts
        return self._split_lead(availWidth, availHeight)

    @staticmethod
    def _keeps_lead_with_list(part: Flowable) -> bool:
        """Return whether part, the first of a split, ends with the start of the list (or
        is the lines of a lead-in above those it keeps with the list)."""
        if not isinstance(part, Box):
            return True
        return not all(isinstance(item, ActionFlowable) for item in part.content[1:])

    def _split_lead(self, width: float, height: float) -> list[Flowable]:
        """Return the lead-in's lines above its last ones, then those and the list as a
        lead-in; nothing if fewer than two lines would stay above them."""
        lead, items = self.content
        canv = getattr(self, "canv", None)
        lines = round(wrap_item(lead, canv, width, height)[1] / lead.style.leading)
        above = min(height, (lines - LEAD_IN_KEPT_LINES) * lead.style.leading + 0.5)
        if lines - LEAD_IN_KEPT_LINES < 2 or above < 2 * lead.style.leading:
            return []
        pieces = split_item(lead, canv, width, above)
        if len(pieces) != 2:
            return []
        return [pieces[0], LeadIn(pieces[1], items)]


Card = tuple[Paragraph, Paragraph, Paragraph | None]


class StatCards(Flowable):
    """Stat cards (value, label, note) in balanced rows; splits between rows."""

    def __init__(self, cards: list[Card], *, background: Color, rule: Color,
                 min_width: float = 110, max_per_row: int = 4, gap: float = 8,
                 padding: float = 9) -> None:
        super().__init__()
        self.cards = cards
        self.background = background
        self.rule = rule
        self.min_width = min_width
        self.max_per_row = max_per_row
        self.gap = gap
        self.padding = padding
        self.spaceBefore = 4
        self.spaceAfter = 12
        self._rows: list[tuple[float, list[list[tuple[Paragraph, float]]]]] = []
        self.card_width = 0.0
        self._value_width: float | None = None

    def per_row(self, width: float) -> int:
        """Return how many cards share a row at width (rows balanced: 5 → 3 + 2).

        A card is at least min_width wide and wide enough to set its value on one line.
        """
        need = max(self.min_width, self.value_width() + 2 * self.padding)
        fit = max(1, min(self.max_per_row, int((width + self.gap) // (need + self.gap))))
        rows = -(-len(self.cards) // fit)
        return -(-len(self.cards) // rows)

    def value_width(self) -> float:
        """Return the width of the widest value set on one line (measured once)."""
        if self._value_width is None:
            widest = 0.0
            for value, _, _ in self.cards:
                value.wrap(10_000, 10_000)
                widest = max(widest, *value.getActualLineWidths0())
            self._value_width = widest
        return self._value_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        n = self.per_row(availWidth)
        self.card_width = (availWidth - self.gap * (n - 1)) / n
        inner = self.card_width - 2 * self.padding
        self._rows = []
        for start in range(0, len(self.cards), n):
            row = []
            for card in self.cards[start:start + n]:
                parts = [(p, p.wrap(inner, availHeight)[1]) for p in card if p is not None]
                row.append(parts)
            height = max(sum(h + p.getSpaceBefore() for p, h in parts) for parts in row)
            self._rows.append((height + 2 * self.padding + 2, row))
        self.width = availWidth
        self.height = sum(h for h, _ in self._rows) + self.gap * (len(self._rows) - 1)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        n = self.per_row(availWidth)
        used, fit = 0.0, 0
        for height, _ in self._rows:
            if used + height > availHeight:
                break
            used += height + self.gap
            fit += 1
        if fit == 0 or fit == len(self._rows):
            return []
        options = dict(background=self.background, rule=self.rule, min_width=self.min_width,
                       max_per_row=self.max_per_row, gap=self.gap, padding=self.padding)
        return [StatCards(self.cards[:fit * n], **options),  # type: ignore[arg-type]
                StatCards(self.cards[fit * n:], **options)]  # type: ignore[arg-type]

    def draw(self) -> None:
        canv = self.canv
        top = self.height
        for height, row in self._rows:
            for column, parts in enumerate(row):
                x = column * (self.card_width + self.gap)
                canv.setFillColor(self.background)
                canv.rect(x, top - height, self.card_width, height, stroke=0, fill=1)
                canv.setFillColor(self.rule)
                canv.rect(x, top - 2, self.card_width, 2, stroke=0, fill=1)
                y = top - 2 - self.padding
                for paragraph, h in parts:
                    y -= h + paragraph.getSpaceBefore()
                    paragraph.drawOn(canv, x + self.padding, y)
            top -= height + self.gap


class CoverBand(Flowable):
    """The cover's title block; with a band colour it bleeds to the page edges and top."""

    def __init__(self, content: list[Paragraph], *, band: Color | None, rule: Color,
                 padding: float = 18) -> None:
        super().__init__()
        self.content = content
        self.band = band
        self.rule = rule
        self.padding = padding
        self.spaceAfter = 16
        self._sizes: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [p.wrap(availWidth, availHeight)[1] for p in self.content]
        spaces = sum(p.getSpaceAfter() for p in self.content[:-1])
        self.width = availWidth
        self.height = sum(self._sizes) + spaces + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x0, y0 = canv.absolutePosition(0, 0)
        page_width, page_height = canv._pagesize
        if self.band is not None:
            canv.setFillColor(self.band)
            canv.rect(-x0, 0, page_width, page_height - y0, stroke=0, fill=1)
        else:
            canv.setFillColor(self.rule)
            canv.rect(0, self.height - 3, min(self.width, 72), 3, stroke=0, fill=1)
        y = self.height - self.padding
        for paragraph, h in zip(self.content, self._sizes, strict=True):
            y -= h
            paragraph.drawOn(canv, 0, y)
            y -= paragraph.getSpaceAfter()
