"""Rendering a story into PDF bytes: page templates, `page N of M`, outline and metadata."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from . import __version__
from .epoch import source_date_epoch
from .layout import Story
from .layout.flowables import (
    Float,
    FlushFloats,
    Heading,
    KeepWithNext,
    SpanFloat,
    stack_height,
)
from .loader import Brief

SPANS_SHARE = 0.7
"""Most of a page's column height the tables spanning its columns may take together."""


@dataclass(frozen=True)
class RenderedPdf:
    """PDF bytes and the number of pages they hold."""

    pdf: bytes
    pages: int


def render_pdf(brief: Brief, story: Story) -> RenderedPdf:
    """Return the PDF of the story with the brief's metadata; warn when over the page budget.

    When the last page's columns end far apart, the story is set again with that page's
    columns shortened to even heights, as a typesetter balances a last page; the first
    setting stands if the second needs more pages."""
    spec = brief.spec
    flowables = [*story.flowables, FlushFloats()]
    buffer, document = _render(brief, story, flowables)
    pages = document.page
    for balance in document.balanced_last_page():
        with contextlib.suppress(LayoutError):  # a block too tall for the shorter columns
            balanced, again = _render(brief, story, flowables, balance)
            if again.page == pages and again.last_page_set_well(document):
                buffer = balanced
                break
    if spec.max_pages is not None and pages > spec.max_pages:
        over = pages - spec.max_pages
        brief.warn(("max_pages",), f"the brief has {pages} pages, {over} over its budget of "
                   f"{spec.max_pages}", "cut text, or shrink figures and tables")
    return RenderedPdf(buffer.getvalue(), pages)


def _render(brief: Brief, story: Story, flowables: list[Flowable],
            balance: tuple[int, float] | None = None) -> tuple[io.BytesIO, _BriefDocument]:
    """Set flowables; return the PDF and the document that set it."""
    spec = brief.spec
    buffer = io.BytesIO()
    document = _BriefDocument(
        buffer, pagesize=brief.theme.page_size, pageTemplates=story.templates,
        title=spec.title, author=", ".join(a.name for a in spec.authors),
        subject=spec.subject or spec.subtitle or "", keywords=", ".join(spec.keywords),
        creator=f"briefing {__version__}", lang=spec.language, invariant=1,
        initialFontName=story.styles.body_font.regular,
        initialFontSize=story.styles.body.fontSize, epoch=_epoch(spec.date),
        leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, balance=balance,
        line=story.styles.leading)
    try:
        document.multiBuild(flowables, canvasmaker=document.make_canvas)
    finally:
        document.restore_story()
    return buffer, document


def _epoch(date: dt.date) -> int:
    """Return the build's timestamp: SOURCE_DATE_EPOCH when set, else the brief's date."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())


class _BriefDocument(BaseDocTemplate):
    """A document that records outline and contents entries, knows its page count and sets
    floats the way a typesetter does: a figure that does not fit in the space left goes to
    the top of the next frame while the text after it fills the space. A table spanning
    the columns waits for the top of the next page, above its columns."""

    def __init__(self, filename: Any, *, epoch: int, line: float,
                 balance: tuple[int, float] | None = None, **options: Any) -> None:
        self.epoch = epoch
        self._line = line
        self._balance = balance
        self._last_columns: list[float] = []
        self._whole = self._last_whole = 0.0
        self._tails: dict[str, Flowable] = {}
        self._last_tails: dict[str, Flowable] = {}
        self._edits: list[tuple[Any, ...]] = []
        self._floats: list[Flowable] = []
        self._spans: list[SpanFloat] = []
        self._behind_spans: list[Float] = []
        super().__init__(filename, keepTogetherClass=KeepWithNext, **options)

    def make_canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        """Return a canvas whose timestamps are the build's epoch."""
        canvas = _BriefCanvas(*args, **kwargs)
        stamp = canvas._doc._timeStamp
        stamp.t = self.epoch
        stamp.lt = stamp.YMDhms = tuple(dt.datetime.fromtimestamp(self.epoch, dt.UTC)
                                        .timetuple())[:6]
        stamp.dhh = stamp.dmm = 0
        canvas.showOutline()
        return canvas

    def beforeDocument(self) -> None:
        self._floats = []
        self._spans = []
        self._behind_spans = []
        self._edits = getattr(getattr(self, "_multiBuildEdits", None), "__self__", [])

    def restore_story(self) -> None:
        """Undo what the last pass changed on the flowables (multiBuild undoes it between
        passes, not after the last one), so that the story can be set again."""
        while self._edits:
            undo, *args = self._edits.pop(0)
            undo(*args)

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """Set floats and spanning tables aside or in place (see `_place_floats`), and note
        how much room the next flowable needs in one column."""
        if getattr(self, "frame", None) is None:
            return
        self._place_floats(flowables)
        if flowables[0] is not None:
            self._whole = max(self._whole, self._unbroken_height(flowables))

    def _place_floats(self, flowables: list[Flowable]) -> None:
        """Set waiting floats at the top of a frame (or at the end of the story), and set
        aside a float (with the headings kept with it, if it must leave them) that does not
        fit in the space left, and every table spanning the columns."""
        frame = self.frame
        self._set_aside_spans(flowables)
        first = flowables[0]
        if self._blank_page_start(first):
            flowables[0] = None
            return
        if self._floats and (frame._atTop or isinstance(first, FlushFloats)):
            # What was moved to this frame now follows the floats and may have to move again.
            self._unpostpone(first)
            flowables[0:0] = self._floats
            self._floats = []
            return
        if self._spans and isinstance(first, FlushFloats):
            # Tables still waiting get their page before what follows (the back matter).
            flowables[0:0] = [_NewPage()]
            return
        while True:
            kept = 0
            while kept < len(flowables) and flowables[kept].getKeepWithNext():
                kept += 1
            if kept >= len(flowables) or not isinstance(flowables[kept], Float):
                return
            item = flowables[kept]
            # Floats keep their order: one waits while an earlier one does, and a table
            # while an earlier table waits to span the columns.
            behind = bool(self._spans) and item.series == SpanFloat.series
            if not (behind or self._floats
                    or not (frame._atTop or self._fits(flowables[:kept + 1]))):
                return
            del flowables[kept]
            (self._behind_spans if behind else self._floats).append(item)
            self._set_aside_spans(flowables)
            if isinstance(flowables[0], FlushFloats) and self._floats:
                flowables[0:0] = self._floats
                self._floats = []
                return

    def wait_for_next_page(self, span: SpanFloat) -> None:
        """Keep span for the top of the next page (the way a SpanFloat applies itself)."""
        self._spans.append(span)

    def _set_aside_spans(self, flowables: list[Flowable]) -> None:
        """Move the tables spanning the columns that come next (after the headings kept
        with what follows them) to those waiting for the next page. Headings that would be
        left with nothing of their own under them keep the table in their column instead."""
        kept = 0
        while kept < len(flowables):
            item = flowables[kept]
            if isinstance(item, SpanFloat):
                del flowables[kept]
                after = flowables[kept] if kept < len(flowables) else None
                if kept and _ends_a_run(after):
                    lead, *rest = item.in_column
                    if isinstance(lead, CondPageBreak):  # it goes above the headings
                        width = self.frame._getAvailableWidth()
                        flowables[kept:kept] = rest
                        flowables.insert(0, CondPageBreak(
                            lead.height + stack_height(flowables[:kept], self.canv, width)))
                    else:
                        flowables.insert(kept, lead)
                    return
                self._spans.append(item)
            elif item.getKeepWithNext():
                kept += 1
            else:
                return

    def handle_pageBegin(self) -> None:
        """Begin a page; one on which tables spanning the columns wait has them at its top,
        its columns shortened below them."""
        self.pageTemplate = getattr(self.pageTemplate, "plain", self.pageTemplate)
        placed = 0
        if self._spans and self.pageTemplate.id == "body" and _in_columns(self.pageTemplate):
            self.pageTemplate, placed = self._with_spans(self.pageTemplate)
        if self._balance is not None and self.page + 1 == self._balance[0] \
                and _in_columns(self.pageTemplate):
            self.pageTemplate = _with_frames(self.pageTemplate, [
                _frame(f, top=f._y2, height=min(f._height, self._balance[1]))
                if _is_column(f) else f for f in self.pageTemplate.frames])
        super().handle_pageBegin()
        self._whole, self._tails = 0.0, {}
        self._curPageFlowableCount += placed  # a page of tables is not an empty page
        if placed and not self._spans:
            self._floats += self._behind_spans
            self._behind_spans = []

    def _with_spans(self, template: PageTemplate) -> tuple[PageTemplate, int]:
        """Return template with as many waiting spanning tables as fit set at its top, and
        how many that is."""
        frames = template.frames
        left, top = frames[0]._x1, frames[0]._y1 + frames[0]._height
        width = frames[-1]._x1 + frames[-1]._width - left
        items: list[Flowable] = []
        taken = 0
        while self._spans:
            more = [*items, *self._spans[0].content]
            if taken and stack_height(more, self.canv, width) \
                    > frames[0]._height * SPANS_SHARE:
                break
            items, taken = more, taken + 1
            self._spans.pop(0)
        height = stack_height(items, self.canv, width)
        below = height + items[-1].getSpaceAfter()

        def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
            template.onPage(canv, doc)
            area = Frame(left, top - height - 1, width, height + 1, 0, 0, 0, 0, id="spans")
            left_over = list(items)
            area.addFromList(left_over, canv)
            if left_over:
                raise AssertionError(f"{len(left_over)} items of spanning tables left over")

        shortened = [_frame(f, top=f._y2 - below, height=f._height - below) for f in frames]
        return _with_frames(template, shortened, on_page), taken

    def afterPage(self) -> None:
        self._last_columns = [f._y2 - f._topPadding - f._y for f in self.pageTemplate.frames
                              if _is_column(f)]
        self._last_whole, self._last_tails = self._whole, self._tails

    def balanced_last_page(self) -> list[tuple[int, float]]:
        """Return the last page with the column heights to try, closest first, that would
        even out its columns; none when they end within two lines of each other (or it has
        no columns). A column is never shorter than what must stay together on the page
        (a float, a heading with the lines it keeps, a conditional break's room)."""
        used, line = self._last_columns, self._line
        if len(used) < 2 or max(used) - min(used) <= 2 * line:
            return []
        even = sum(used) / len(used)
        heights = sorted({max(even + slack, self._last_whole) for slack in (line / 2, 2 * line)})
        return [(self.page, height) for height in heights if height < max(used)]

    def last_page_set_well(self, first: _BriefDocument) -> bool:
        """Return whether this setting's last page is better than first's: every column
        holds something, none ends on a heading, and they end closer together."""
        used = self._last_columns
        return (all(used) and len(self._last_tails) == len(used)
                and not any(isinstance(tail, Heading) for tail in self._last_tails.values())
                and max(used) - min(used) < max(first._last_columns) - min(first._last_columns))

    def _unbroken_height(self, flowables: list[Flowable]) -> float:
        """Return the height the next flowables need in one column: a float's, a heading's
        with what it keeps and two lines, a conditional break's; 0 for what can split."""
        first = flowables[0]
        if isinstance(first, CondPageBreak):
            return first.height
        width = self.frame._getAvailableWidth()
        if isinstance(first, Float):
            return stack_height(list(first._content), self.canv, width)
        if isinstance(first, Heading):
            kept = 1
            while kept < len(flowables) and flowables[kept].getKeepWithNext():
                kept += 1
            return stack_height(flowables[:kept], self.canv, width) + 3 * self._line
        return 0.0

    def _blank_page_start(self, item: Flowable) -> bool:
        """Return whether item would only add blank space at the start of a frame: the space
        after a block that ended the page before (it would also make the next heading keep
        its space before), or a page break on a page with nothing on it yet (an empty page)."""
        if not self.frame._atTop or self._floats:
            return False
        return type(item) is Spacer or (type(item) is PageBreak
                                         and self._curPageFlowableCount == 0)

    def _unpostpone(self, item: Flowable) -> None:
        """Clear ReportLab's mark on a flowable already moved to a new frame (a second move
        would be an error), with the edit multiBuild would otherwise undo."""
        if "_postponed" not in item.__dict__:
            return
        del item._postponed
        edits = getattr(getattr(self, "_multiBuildEdits", None), "__self__", None)
        if isinstance(edits, list):
            edits[:] = [e for e in edits
                        if not (e[0] is delattr and e[1] is item and e[2] == "_postponed")]

    def _fits(self, items: list[Flowable]) -> bool:
        frame = self.frame
        room = frame._y - frame._y1p
        width = frame._getAvailableWidth()
        for index, item in enumerate(items):
            room -= 0 if frame._atTop and not index else item.getSpaceBefore()
            height = item.wrapOn(self.canv, width, max(room, 0))[1]
            # KeepTogether answers a huge height to force a split; its content height is _H.
            room -= item._H if isinstance(item, KeepTogether) else height
            room -= item.getSpaceAfter() if index < len(items) - 1 else 0
        return room >= -1e-6

    def afterFlowable(self, flowable: Flowable) -> None:
        frame = getattr(self, "frame", None)
        if frame is not None and _is_column(frame):
            self._tails[frame.id] = flowable
        if not isinstance(flowable, Heading):
            return
        level = flowable.level  # nested by the story: levels rise one step at a time
        self.canv.addOutlineEntry(flowable.outline, flowable.key, level, closed=level > 0)
        if flowable.toc:
            self.notify("TOCEntry", flowable.toc_entry(self.page))


def _is_column(frame: Frame) -> bool:
    """Return whether frame is a text column (not the cover block above them on page one)."""
    return frame.id.startswith("column")


def _in_columns(template: PageTemplate) -> bool:
    """Return whether template sets its text in several columns."""
    return sum(_is_column(f) for f in template.frames) > 1


def _frame(frame: Frame, *, top: float, height: float) -> Frame:
    """Return a frame like frame (its column and padding), height tall from top down."""
    return Frame(frame._x1, top - height, frame._width, height, frame._leftPadding,
                 frame._bottomPadding, frame._rightPadding, frame._topPadding, id=frame.id)


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
    """Return whether item ends the text under a heading: nothing, a break, a new heading or
    a table that leaves for the next page."""
    return item is None or isinstance(item, Heading | PageBreak | CondPageBreak | FlushFloats
                                      | SpanFloat)


class _NewPage(PageBreak):
    """A page break that is never dropped: the page after it holds tables that waited."""


class _BriefCanvas(Canvas):
    """A canvas that prints `Page N of M` through one form per page, defined when the page
    count is known: one layout pass instead of two."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_numbers: dict[int, tuple[float, float, str, float, Any]] = {}

    def draw_page_number(self, x: float, y: float, font: str, size: float, color: Any) -> None:
        """Draw `Page N of M` right-aligned at (x, y); M is filled in when the PDF is saved."""
        page = self.getPageNumber()
        self.page_numbers[page] = (x, y, font, size, color)
        self.doForm(f"page-number-{page}")

    def save(self) -> None:
        total = self.getPageNumber() - 1
        for page, (x, y, font, size, color) in self.page_numbers.items():
            self.beginForm(f"page-number-{page}")
            self.setFont(font, size)
            self.setFillColor(color)
            self.drawRightString(x, y, f"Page {page} of {total}")
            self.endForm()
        super().save()
