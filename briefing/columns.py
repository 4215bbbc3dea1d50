"""Pages of several columns: tables spanning the columns at the top of a page (or under the
text, where the text ends), and a last page whose columns end level. A part of the document
(see render._BriefDocument)."""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    ListFlowable,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import ActionFlowable, CurrentFrameFlowable

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
    split_item,
    stack_height,
    wrap_item,
)
from .layout.pages import Column
from .layout.tables import cut_table_block

SPANS_SHARE = 0.7
"""Most of a page's column height the tables spanning its columns may take together."""


@dataclass(frozen=True)
class SetBlock:
    """A flowable as set in a column: where it starts and ends below the column's top (its
    space after, as the frame counts it, below that), and where the column may end inside
    it (between lines of text) or after it."""

    top: float
    bottom: float
    space_after: float
    at_top: bool
    inner: tuple[float, ...]
    may_end: bool
    blank: bool
    """A spacer (dropped at a column's top) or a mark that takes no room."""

    @property
    def end(self) -> float:
        """Where the next flowable's space before is counted from."""
        return self.bottom + self.space_after


class ColumnPages:
    """What a document of several columns does besides flowing text: it keeps spanning
    tables for the top of the next page, and notes how its last page's columns end so that
    the story can be set again with them level (see render.render_pdf). Spanning tables
    still waiting when the text ends are set under it, on its page, in a setting whose
    columns there are shortened to share that text out (`below`)."""

    canv: Canvas
    frame: Frame
    page: int
    pageTemplate: PageTemplate
    _curPageFlowableCount: int
    _floats: list[Flowable]
    handle_frameBegin: Any  # BaseDocTemplate's

    line: float
    _balance: tuple[int, float] | None
    below: tuple[int, float] | None

    def _reset_columns(self) -> None:
        """Forget what a previous pass of the document noted."""
        self._spans: list[SpanFloat] = []
        self._behind_spans: list[Float] = []
        self._reset_page()
        self._last_columns: list[float] = []
        self._last_unbroken = 0.0
        self._last_split = 0
        self._last_tails: dict[str, Flowable] = {}
        self._last_blocks: list[list[SetBlock]] = []
        self._last_overtaken = False
        self._last_fitting: list[float] | None = None
        self.text_end: tuple[int, float, float] | None = None
        self.spans_below_text = False

    # Tables spanning the columns.


    def _reset_page(self) -> None:
        """Forget what was noted of the page before (a page begins)."""
        self._unbroken = 0.0
        self._tails: dict[str, Flowable] = {}
        self._set_blocks: dict[str, list[SetBlock]] = {}
        self._float_parts_left = 0
        self._float_set = self._floats_overtaken = False
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
            if not blocks:  # the rest of a table begun under the text: the next page's top
                return []
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

    def _spans_under_text(self) -> list[Flowable]:
        """Set the first spanning table still waiting when the story's text ends across the
        page under that text, if this is the page shaped for it (see `below`): whole, then
        columns under it for what follows, or its first rows, the rest waiting for the next
        page's top. Return what moves on from there; nothing if it is not set (in a first
        setting, which notes where the text ends instead)."""
        columns = [f for f in self.pageTemplate.frames if _is_column(f)]
        if self.frame not in columns or len(columns) < 2 or self.spans_below_text:
            return []
        if self.below is None:
            if self.text_end is None:  # the end of the text, not of the back matter
                self._note_text_end(columns)
            return []
        if self.below[0] != self.page or self.frame is not columns[-1]:
            return []  # the text ran on, or left a column empty
        return self._set_span_under(columns)

    def _note_text_end(self, columns: list[Frame]) -> None:
        """Note the page the text ends on, the even share of its text in each column and
        the height the largest block on it needs in one column."""
        index = columns.index(self.frame)
        used = sum(_top(f) - f._y for f in columns[:index + 1])  # frames reset at page begin
        self.text_end = (self.page, used / len(columns), self._unbroken)

    def _set_span_under(self, columns: list[Frame]) -> list[Flowable]:
        """Draw the first waiting spanning table (whole or its first rows) under columns;
        return the flowables that move on to where the story goes on."""
        plain = [f for f in getattr(self.pageTemplate, "plain", self.pageTemplate).frames
                 if _is_column(f)]
        left, right = columns[0].x1, columns[-1].x1 + columns[-1].width
        width, bottom = right - left, min(f.y1 for f in plain)
        top = min(f.y1 for f in columns) - self.line
        placed, height, rest = _first_part(self._spans[0].content, self.canv, width,
                                           top - bottom)
        if not placed:
            return []
        _draw_across(placed, self.canv, left, top, width, height)
        self._spans[0:1] = [SpanFloat(rest, [])] if rest else []
        self.spans_below_text = True
        under = top - height - placed[-1].getSpaceAfter()
        if rest or under - bottom < 3 * self.line:
            return [NewPage()]
        if self._balance is not None and self._balance[0] == self.page:
            bottom = max(bottom, under - self._balance[1])
        self.pageTemplate = _with_frames(self.pageTemplate, [*self.pageTemplate.frames, *(
            _frame(f, top=under, height=under - bottom, name=f"{f.id}-under") for f in plain)])
        return [CurrentFrameFlowable(f"{plain[0].id}-under")]

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
        self._reset_page()
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
        the page to balance or the one whose text the spanning tables go under (spanning
        tables at its top already set)."""
        shaping = next((shape for shape in (self.below, self._balance)
                        if shape is not None and shape[0] == page), None)
        if shaping is None or not _in_columns(template):
            return template
        return _with_frames(template, [
            _frame(f, top=f.y1 + f.height, height=min(f.height, shaping[1]))
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
            _draw_across(items, canv, left, top, width, height)

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
            if self._balance is None and not isinstance(flowable, ActionFlowable) \
                    and _in_columns(self.pageTemplate):  # (only such pages are balanced)
                self._note_set_block(frame, flowable)
        self._float_set = self._float_set and not isinstance(flowable, FlushFloats)

    def _note_set_block(self, frame: Frame, flowable: Flowable) -> None:
        """Note where flowable was set in frame (in a first setting, for balancing): the
        frame's own arithmetic of the space between flowables, and where a column could end
        in it or after it (not inside a float, nor after what keeps with the next)."""
        blocks = self._set_blocks.setdefault(frame.id, [])
        before = blocks[-1] if blocks else None
        space = 0.0 if before is None or before.at_top else max(
            flowable.getSpaceBefore() - before.space_after, 0.0)
        top = (before.end if before else 0.0) + space
        bottom = max(top, _top(frame) - frame._y - flowable.getSpaceAfter())
        float_of = getattr(flowable, "float_of", None)
        if float_of is not None:
            self._float_parts_left = len(float_of.content)
        self._float_parts_left = max(self._float_parts_left - 1, 0)
        in_float = float_of is not None or self._float_parts_left > 0
        kept = (flowable.getKeepWithNext() or isinstance(flowable, Heading | NotesRule)
                or self._float_parts_left > 0)
        blank = bottom <= top or type(flowable) is Spacer
        # text after a float set on the page could also have been set before it
        self._floats_overtaken |= self._float_set and not (in_float or blank)
        self._float_set |= in_float
        blocks.append(SetBlock(top, bottom, frame._prevASpace, bool(frame._atTop),
                               () if kept else self._line_ends(flowable, top, bottom),
                               not kept, blank))

    def _line_ends(self, flowable: Flowable, top: float, bottom: float) -> tuple[float, ...]:
        """Return where a column may end inside flowable set from top to bottom: between
        the lines of text that splits, keeping the lines its style keeps together."""
        lines = getattr(getattr(flowable, "blPara", None), "lines", None)
        if lines is not None:
            style = flowable.style
            first, last = (1 if style.allowOrphans else 2,
                           len(lines) - (1 if style.allowWidows else 2))
            return tuple(top + k * style.leading for k in range(first, last + 1))
        if isinstance(flowable, ListFlowable) or getattr(flowable, "breaks_as_text", False):
            count = int((bottom - top) / self.line)
            return tuple(top + k * self.line for k in range(2, count - 1))
        return ()

    def afterPage(self) -> None:
        columns = [f for f in self.pageTemplate.frames if _is_column(f)]
        # under a spanning table set under the text, only the columns below it are the page's
        columns = [f for f in columns if f.id.endswith("-under")] or columns
        self._last_columns = [_top(f) - f._y for f in columns]
        self._last_blocks = [self._set_blocks.get(f.id, []) for f in columns]
        self._last_fitting = None  # worked out from the blocks when asked
        self._last_overtaken = self._floats_overtaken
        self._last_split = sum(getattr(f, "split_blocks", 0) for f in columns)
        self._last_unbroken, self._last_tails = self._unbroken, self._tails

    def balanced_last_page(self) -> list[tuple[int, float]]:
        """Return the last page with the column heights to try, closest first, that would
        even out its columns; none when they end within two lines of each other (or it has
        no columns). A column is never shorter than what must stay together on the page,
        nor than the shortest that holds the page's blocks in their order (see
        `taller_columns`), unless text could overtake a float: that height is then the one
        to try."""
        used, line = self._last_columns, self.line
        if len(used) < 2 or max(used) - min(used) <= 2 * line:
            return []
        tries = self._tries(self.page, sum(used) / len(used), self._last_unbroken)
        if not self._last_overtaken:
            fitting = self._fitting_heights()
            least = fitting[0] + _SLACK if fitting else 0.0
            tries = [t for t in tries if t[1] >= least] or [(self.page, least)]
        return [(page, height) for page, height in tries if height < max(used)]

    def taller_columns(self, low: float) -> list[float]:
        """Return the column heights over low and under the longest column of the last page,
        shortest first, at which its content could be set anew: one for each place a column
        could end (after a block, between lines of text) and each place one could begin, if
        the blocks as the first setting set them fit the page's columns so. Heights between
        two of these set the page as the lower one does. Where text could overtake a float,
        which the blocks in order do not tell, heights every half line are added."""
        fitting = [h + _SLACK for h in self._fitting_heights() if h > low]
        if not self._last_overtaken:
            return fitting
        longest = max(self._last_columns, default=0.0)
        steps = int((longest - low) / (self.line / 2))
        return sorted({*fitting, *(low + k * self.line / 2 for k in range(1, steps + 1))})

    def _fitting_heights(self) -> list[float]:
        """Return the column heights under the longest column of the last page, shortest
        first, at which the blocks as the first setting set them fit the page's columns
        (see `taller_columns`, which asks for them more than once); worked out once."""
        if self._last_fitting is None:
            ends, starts = _column_breaks(self._last_blocks)
            columns, longest = len(self._last_columns), max(self._last_columns, default=0.0)
            heights = sorted({round(end - start, 6) for end in ends
                              for start in (0.0, *starts) if 0.0 < end - start < longest})
            # a height that fits, and every taller one: columns take no less at a taller one
            first = bisect.bisect_left(heights, True,
                                       key=lambda h: _fits_columns(ends, starts, columns, h))
            self._last_fitting = heights[first:]
        return self._last_fitting

    def under_text_tries(self) -> list[tuple[int, float]]:
        """Return the page the text ends on, with spanning tables still waiting, and the
        column heights to try there, closest to an even share first, that would leave room
        under the text for them; none if they were set before the text ended."""
        if self.text_end is None or self.text_end[1] < self.line:
            return []
        return self._tries(*self.text_end)

    def _tries(self, page: int, even: float, unbroken: float) -> list[tuple[int, float]]:
        """Return page with the column heights to try, closest first: half a line and two
        lines over an even share, never shorter than what must stay together (unbroken)."""
        return [(page, height) for height in sorted(
            {max(even + slack, unbroken) for slack in (self.line / 2, 2 * self.line)})]

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


_SLACK = 0.01
"""Points over a height found by measuring, so that rounding never loses a line."""


def _column_breaks(columns: list[list[SetBlock]]) -> tuple[list[float], list[float]]:
    """Return the blocks of a page's columns as if set in one: where a column may end
    (ascending, the last where the content ends), and for each but the last where the
    column after it begins (at what follows, less a spacer)."""
    ends: list[float] = []
    starts: list[float] = []
    offset = 0.0
    flat: list[SetBlock] = []
    for blocks in columns:
        flat += [replace(b, top=b.top + offset, bottom=b.bottom + offset,
                         inner=tuple(e + offset for e in b.inner)) for b in blocks]
        offset = flat[-1].bottom if flat else offset
    filled = [b for b in flat if not b.blank]
    if not filled:
        return [], []
    for index, block in enumerate(flat):
        ends += block.inner
        starts += block.inner
        after = next((b.top for b in flat[index + 1:] if not b.blank), None)
        if block.may_end and after is not None:
            ends.append(block.bottom)
            starts.append(after)
    return [*ends, filled[-1].bottom], starts


def _fits_columns(ends: list[float], starts: list[float], columns: int, height: float) -> bool:
    """Return whether content that may end a column at ends (each with the start of the
    next column in starts) fills no more than columns columns height tall, each column
    taking all it can."""
    start = 0.0
    for _ in range(columns):
        at = bisect.bisect_right(ends, start + height + _SLACK) - 1
        if at < 0 or ends[at] <= start:
            return False
        if at == len(ends) - 1:
            return True
        start = starts[at]
    return False


def _is_column(frame: Frame) -> bool:
    """Return whether frame is a text column (not the cover block above them on page one)."""
    return isinstance(frame, Column)


def _in_columns(template: PageTemplate) -> bool:
    """Return whether template sets its text in several columns."""
    return sum(_is_column(f) for f in template.frames) > 1


def _frame(frame: Frame, *, top: float, height: float, name: str | None = None) -> Frame:
    """Return a frame like frame (its column and padding), height tall from top down (named
    name, or as frame is)."""
    return type(frame)(frame.x1, top - height, frame.width, height, frame.leftPadding,
                       frame.bottomPadding, frame.rightPadding, frame.topPadding,
                       id=name or frame.id)


def _top(frame: Frame) -> float:
    """Return where content starts in frame."""
    return frame.y1 + frame.height - frame.topPadding


def _first_part(content: list[Flowable], canv: Canvas, width: float, room: float
                ) -> tuple[list[Flowable], float, list[Flowable]]:
    """Return what of a spanning table's block (content) fits in room set across the
    page, with its height: all of it, or its label, title and first rows (split as a long
    table splits); and the rest. Nothing fits if the table cannot begin there."""
    whole = stack_height(content, canv, width)
    if whole <= room:
        return content, whole, []
    head, table, end = cut_table_block(content)
    above = stack_height(head, canv, width) + (gap_between(head[-1], table) if head else 0)
    pieces = split_item(table, canv, width, room - above)
    if len(pieces) != 2:
        return [], 0.0, content
    placed = [*head, pieces[0]]
    return placed, stack_height(placed, canv, width), [pieces[1], end]


def _draw_across(items: list[Flowable], canv: Canvas, left: float, top: float, width: float,
                 height: float) -> None:
    """Draw items one under another from top down, across width from left."""
    area = Frame(left, top - height - 1, width, height + 1, 0, 0, 0, 0, id="spans")
    left_over = list(items)
    area.addFromList(left_over, canv)
    if left_over:
        raise AssertionError(f"{len(left_over)} items of spanning tables left over")


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
