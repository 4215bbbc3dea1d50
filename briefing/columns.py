"""Pages of several columns: tables spanning the columns at the top of a page, and a last
page whose columns end level. A part of the document (see render._BriefDocument)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)

from .layout.flowables import (
    Box,
    Float,
    FlushFloats,
    Heading,
    NotesRule,
    SpanFloat,
    StatCards,
    gap_between,
    kept_with_next,
    stack_height,
    wrap_item,
)
from .layout.pages import Column

SPANS_SHARE = 0.7
"""Most of a page's column height the tables spanning its columns may take together."""


class ColumnPages:
    """What a document of several columns does besides flowing text: it keeps spanning
    tables for the top of the next page, and notes how its last page's columns end so that
    the story can be set again with them level (see render.render_pdf)."""

    canv: Canvas
    frame: Frame
    page: int
    pageTemplate: PageTemplate
    _curPageFlowableCount: int
    _floats: list[Flowable]
    handle_frameBegin: Any  # BaseDocTemplate's

    line: float
    _balance: tuple[int, float] | None

    def _reset_columns(self) -> None:
        """Forget what a previous pass of the document noted."""
        self._spans: list[SpanFloat] = []
        self._behind_spans: list[Float] = []
        self._unbroken = 0.0
        self._tails: dict[str, Flowable] = {}
        self._last_columns: list[float] = []
        self._last_unbroken = 0.0
        self._last_split = 0
        self._last_tails: dict[str, Flowable] = {}

    # Tables spanning the columns.

    def wait_for_next_page(self, span: SpanFloat) -> None:
        """Keep span for the top of the next page (a SpanFloat reached applies itself so);
        on a page with nothing in its columns yet (after a page break), set it at the top
        of this one."""
        self._spans.append(span)
        if not (self._curPageFlowableCount == 0 and self.frame._atTop
                and self.frame is self.pageTemplate.frames[0]):
            return
        template, draw, placed = self._shape_page(self.pageTemplate, self.page)
        if draw is None:
            return
        draw(self.canv)
        self.pageTemplate = template
        self.frame = template.frames[0]
        self.handle_frameBegin()
        self._curPageFlowableCount += placed

    def _set_aside_spans(self, flowables: list[Flowable]) -> None:
        """Take a spanning table from behind the headings kept with what follows them, so
        that they keep with the text after it instead (one reached first applies itself).
        Headings that would be left with nothing of their own under them keep the table in
        their column instead."""
        kept = kept_with_next(flowables)
        while kept and kept < len(flowables) and isinstance(flowables[kept], SpanFloat):
            span = flowables.pop(kept)
            after = next((f for f in flowables[kept:] if not isinstance(f, SpanFloat)), None)
            if not _ends_a_run(after):
                self._spans.append(span)
                continue
            lead, *rest = span.in_column
            if isinstance(lead, CondPageBreak):  # it goes above the headings
                width = self.frame._getAvailableWidth()
                flowables[kept:kept] = rest
                flowables.insert(0, CondPageBreak(
                    lead.height + stack_height(flowables[:kept], self.canv, width)))
            else:
                flowables.insert(kept, lead)
            return

    def _spans_set_in_columns(self) -> list[Flowable]:
        """Return the spanning tables still waiting when the story's text ends, each as set
        in one column, if each fits whole in the room this page has left (its columns would
        otherwise stay empty, and the tables go to a page of their own); else nothing."""
        frames = self.pageTemplate.frames
        if self._behind_spans or self.frame not in frames:
            return []  # floats that must follow the tables; a page of no columns
        later = frames[frames.index(self.frame) + 1:]
        rooms = [self.frame._y - self.frame._y1p, *(f._height for f in later)]
        width = self.frame._getAvailableWidth()
        placed: list[Flowable] = []
        for span in self._spans:
            blocks = [f for f in span.in_column if not isinstance(f, CondPageBreak)]
            parts = [p for f in blocks for p in (f.content if isinstance(f, Float) else [f])]
            tables = [getattr(p, "table", p) for p in parts]
            if any(getattr(t, "breaks_words", False) for t in tables):
                return []
            height = stack_height(parts, self.canv, width)
            fits = next((i for i, room in enumerate(rooms) if height <= room), None)
            if fits is None:
                return []
            rooms[fits] -= height
            placed += blocks
        self._spans = []
        return placed

    def _table_waits(self, item: Float) -> bool:
        """Return whether the floating item must wait for the spanning tables before it:
        tables keep their numbering order."""
        return bool(self._spans) and item.series == SpanFloat.series

    def _column_page(self) -> int:
        """Shape the page about to begin (see `_shape_page`); return how many spanning
        tables it holds at its top."""
        template, draw, placed = self._shape_page(self.pageTemplate, self.page + 1)
        if draw is not None:
            furniture = template.onPage

            def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
                furniture(canv, doc)
                draw(canv)

            template = _with_frames(template, template.frames, on_page)
        self.pageTemplate = template
        self._unbroken, self._tails = 0.0, {}
        for frame in template.frames:
            frame.split_blocks = 0
        return placed

    def _shape_page(self, template: PageTemplate, page: int
                    ) -> tuple[PageTemplate, Callable[[Canvas], None] | None, int]:
        """Return template shaped for page: the waiting spanning tables that fit set at its
        top (with what draws them and how many they are; the floats that waited behind
        them may then be set), and on the page to balance, shorter columns."""
        template = getattr(template, "plain", template)
        draw, placed = None, 0
        if self._spans and template.id == "body" and _in_columns(template):
            frames, draw, placed = self._spans_on(template)
            template = _with_frames(template, frames)
            if not self._spans:
                self._floats += self._behind_spans
                self._behind_spans = []
        return self._balanced(template, page), draw, placed

    def _balanced(self, template: PageTemplate, page: int) -> PageTemplate:
        """Return template with its columns shortened to the height being tried, if page is
        the page to balance (spanning tables at its top already set)."""
        if self._balance is None or page != self._balance[0] or not _in_columns(template):
            return template
        return _with_frames(template, [
            _frame(f, top=f.y1 + f.height, height=min(f.height, self._balance[1]))
            if _is_column(f) else f for f in template.frames])

    def _spans_on(self, template: PageTemplate
                  ) -> tuple[list[Frame], Callable[[Canvas], None], int]:
        """Take as many waiting spanning tables as fit at the top of a page of template;
        return its columns shortened below them, what draws them, and how many they are."""
        frames = template.frames
        left, top = frames[0].x1, frames[0].y1 + frames[0].height
        width = frames[-1].x1 + frames[-1].width - left
        items: list[Flowable] = []
        taken, height = 0, 0.0
        while self._spans:
            content = self._spans[0].content
            tall = height + stack_height(content, self.canv, width)
            if taken:  # the space between the last table taken and this one
                tall += gap_between(items[-1], content[0])
                if tall > frames[0].height * SPANS_SHARE:
                    break
            items, taken, height = [*items, *content], taken + 1, tall
            self._spans.pop(0)
        below = height + items[-1].getSpaceAfter()

        def draw(canv: Canvas) -> None:
            area = Frame(left, top - height - 1, width, height + 1, 0, 0, 0, 0, id="spans")
            left_over = list(items)
            area.addFromList(left_over, canv)
            if left_over:
                raise AssertionError(f"{len(left_over)} items of spanning tables left over")

        shortened = [_frame(f, top=f.y1 + f.height - below, height=f.height - below)
                     for f in frames]
        return shortened, draw, taken

    # The last page's columns.

    def _note_unbroken(self, flowables: list[Flowable]) -> None:
        """Note the height the next flowables need in one column of this page, if it has
        columns (in a first setting: only its last page is ever balanced)."""
        if self._balance is None and _in_columns(self.pageTemplate):
            self._unbroken = max(self._unbroken, self._unbroken_height(flowables))

    def _unbroken_height(self, flowables: list[Flowable]) -> float:
        """Return the height the next flowables need in one column: a float's, a box's or
        key figures', a heading's with what it keeps and three lines, a conditional
        break's; 0 for text, which splits between lines (a lead-in and its list too)."""
        first = flowables[0]
        if isinstance(first, CondPageBreak):
            return first.height
        width = self.frame._getAvailableWidth()
        kept = first if isinstance(first, Float) else getattr(first, "float_of", None)
        if kept is not None:  # a float, or its content reaching a new column on its own
            return stack_height(kept.content, self.canv, width)
        if isinstance(first, StatCards) or (isinstance(first, Box) and not first.breaks_as_text):
            return wrap_item(first, self.canv, width, self.frame.height)[1]
        if isinstance(first, Heading):  # counted from 1: a heading split from its group
            kept = kept_with_next(flowables, 1)  # no longer says it keeps with the next
            return stack_height(flowables[:kept], self.canv, width) + 3 * self.line
        return 0.0

    def _note_tail(self, flowable: Flowable) -> None:
        frame = getattr(self, "frame", None)
        if frame is not None and _is_column(frame):
            self._tails[frame.id] = flowable

    def afterPage(self) -> None:
        columns = [f for f in self.pageTemplate.frames if _is_column(f)]
        self._last_columns = [f.y1 + f.height - f.topPadding - f._y for f in columns]
        self._last_split = sum(getattr(f, "split_blocks", 0) for f in columns)
        self._last_unbroken, self._last_tails = self._unbroken, self._tails

    def balanced_last_page(self) -> list[tuple[int, float]]:
        """Return the last page with the column heights to try, closest first, that would
        even out its columns; none when they end within two lines of each other (or it has
        no columns). A column is never shorter than what must stay together on the page."""
        used, line = self._last_columns, self.line
        if len(used) < 2 or max(used) - min(used) <= 2 * line:
            return []
        even = sum(used) / len(used)
        heights = sorted({max(even + slack, self._last_unbroken)
                          for slack in (line / 2, 2 * line)})
        return [(self.page, height) for height in heights if height < max(used)]

    def longest_last_column(self) -> float:
        """Return how far down its longest column the last page's content reaches."""
        return max(self._last_columns)

    def last_page_set_well(self, first: ColumnPages) -> bool:
        """Return whether this setting's last page is better than first's: every column
        holds something, none ends on a heading or a rule kept with what follows, no more
        boxes, key figures or tables are split, and the columns end at most half as far
        apart (two lines in one column and a block in the other is not balanced)."""
        used, before = self._last_columns, first._last_columns
        return (all(used) and self._last_split <= first._last_split
                and not any(isinstance(tail, Heading | NotesRule)
                            for tail in self._last_tails.values())
                and max(used) - min(used) <= (max(before) - min(before)) / 2)


def _is_column(frame: Frame) -> bool:
    """Return whether frame is a text column (not the cover block above them on page one)."""
    return isinstance(frame, Column)


def _in_columns(template: PageTemplate) -> bool:
    """Return whether template sets its text in several columns."""
    return sum(_is_column(f) for f in template.frames) > 1


def _frame(frame: Frame, *, top: float, height: float) -> Frame:
    """Return a frame like frame (its column and padding), height tall from top down."""
    return type(frame)(frame.x1, top - height, frame.width, height, frame.leftPadding,
                       frame.bottomPadding, frame.rightPadding, frame.topPadding, id=frame.id)


def _with_frames(template: PageTemplate, frames: list[Frame], on_page: Any = None
                 ) -> PageTemplate:
    """Return a copy of template for one page, with frames (and on_page, if given); the
    next page goes back to the template it was made from."""
    page = copy.copy(template)
    page.frames = frames
    if on_page is not None:
        page.onPage = on_page
    page.plain = getattr(template, "plain", template)
    return page


def _ends_a_run(item: Flowable | None) -> bool:
    """Return whether item ends the text under a heading: nothing, a break or a new heading."""
    return item is None or isinstance(item, Heading | PageBreak | CondPageBreak | FlushFloats)


class NewPage(PageBreak):
    """A page break that is never dropped: the page after it holds tables that waited."""
