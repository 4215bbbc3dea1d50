"""Rendering a story into PDF bytes: page templates, `page N of M`, outline and metadata."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.doctemplate import LayoutError

from . import __version__
from .columns import ColumnPages, NewPage
from .errors import Diagnostic, InputError, Location
from .layout import Story
from .layout.flowables import Float, FlushFloats, Heading, KeepWithNext, kept_with_next
from .loader import Brief


@dataclass(frozen=True)
class RenderedPdf:
    """PDF bytes and the number of pages they hold."""

    pdf: bytes
    pages: int


def render_pdf(brief: Brief, story: Story, source_date_epoch: int | None) -> RenderedPdf:
    """Return the PDF of the story with the brief's metadata, dated source_date_epoch (None:
    the brief's date); warn when over the page budget. A block ReportLab can place on no
    page is an InputError.

    When spanning tables still wait where the text ends, the story is set again with the
    columns of that page shortened to share its text out, the first table under them (see
    `_under_text`). When the last page's columns end far apart, the story is set again with
    that page's columns shortened towards an even height, as a typesetter balances a last
    page (see `_balanced`). A balanced setting is taken only if it has as many pages and its
    last page is set well (see `ColumnPages.last_page_set_well`); otherwise the first one
    stands."""
    spec = brief.spec
    flowables = [*story.flowables, FlushFloats()]
    epoch = source_date_epoch if source_date_epoch is not None else _timestamp(spec.date)
    try:
        buffer, document = _render(brief, story, flowables, epoch)
    except LayoutError as exc:
        raise _does_not_fit(brief, exc) from None
    buffer, document = _under_text(brief, story, flowables, epoch, document) or (buffer,
                                                                                 document)
    pages = document.page
    buffer = _balanced(brief, story, flowables, epoch, document) or buffer
    if spec.max_pages is not None and pages > spec.max_pages:
        over = pages - spec.max_pages
        brief.warn(("max_pages",), f"the brief has {pages} pages, {over} over its budget of "
                   f"{spec.max_pages}", "cut text, or shrink figures and tables")
    return RenderedPdf(buffer.getvalue(), pages)


def _under_text(brief: Brief, story: Story, flowables: list[Flowable], epoch: int,
                first: _BriefDocument) -> tuple[io.BytesIO, _BriefDocument] | None:
    """Return the PDF of the story set with the spanning table still waiting where its text
    ends under that text, and the document that set it, or None if it cannot begin there
    (no room under the text shared out evenly) or would take more pages."""
    for below in first.under_text_tries():
        tried = _tried(brief, story, flowables, epoch, below=below)
        if tried is not None and tried[1].spans_below_text and tried[1].page <= first.page:
            return tried
    return None


def _balanced(brief: Brief, story: Story, flowables: list[Flowable], epoch: int,
              first: _BriefDocument) -> io.BytesIO | None:
    """Return the PDF of the story set with its last page's columns level, or None if no
    setting tried is better than first's. The heights closest to an even share come
    first; if none holds the page, figures and blocks that do not split need taller
    columns: the shortest that holds it is searched for among the heights at which the
    first setting's blocks could end a column (see `ColumnPages.taller_columns`)."""
    tries, held = first.balanced_last_page(), False
    for balance in tries:
        again, balanced = _set_balanced(brief, story, flowables, epoch, first, balance)
        if balanced is not None:
            return balanced
        held = held or again is not None
    if held or not tries:
        return None
    page, low = tries[-1]
    heights, best = first.taller_columns(low), None
    while heights:
        middle = len(heights) // 2
        again, balanced = _set_balanced(brief, story, flowables, epoch, first,
                                        (page, heights[middle]))
        if again is None:
            heights = heights[middle + 1:]
            continue
        best = balanced or best
        # any height from the longest column this setting filled on sets the page as it does
        reached = max(again.longest_last_column(), low)
        heights = [h for h in heights[:middle] if h < reached]
    return best


def _set_balanced(brief: Brief, story: Story, flowables: list[Flowable], epoch: int,
                  first: _BriefDocument, balance: tuple[int, float]
                  ) -> tuple[_BriefDocument | None, io.BytesIO | None]:
    """Set the story with the columns of balance; return the document if its last page
    still holds all it held (no page more), and the PDF if that page is also set well."""
    tried = _tried(brief, story, flowables, epoch, balance, first.below)
    if tried is None or tried[1].page != first.page:
        return None, None
    buffer, again = tried
    return again, buffer if again.last_page_set_well(first) else None


def _tried(brief: Brief, story: Story, flowables: list[Flowable], epoch: int,
           balance: tuple[int, float] | None = None, below: tuple[int, float] | None = None
           ) -> tuple[io.BytesIO, _BriefDocument] | None:
    """Return what _render returns, or None if a block is too tall for the columns tried."""
    try:
        return _render(brief, story, flowables, epoch, balance, below)
    except LayoutError:
        return None


def _render(brief: Brief, story: Story, flowables: list[Flowable], epoch: int,
            balance: tuple[int, float] | None = None, below: tuple[int, float] | None = None
            ) -> tuple[io.BytesIO, _BriefDocument]:
    """Set flowables, with the last page balanced and spanning tables set under the text
    as given (see ColumnPages); return the PDF and the document that set it."""
    spec = brief.spec
    buffer = io.BytesIO()
    document = _BriefDocument(
        buffer, pagesize=brief.theme.page_size, pageTemplates=story.templates,
        title=spec.title, author=", ".join(a.name for a in spec.authors),
        subject=spec.subject or spec.subtitle or "", keywords=", ".join(spec.keywords),
        creator=f"briefing {__version__}", lang=spec.language, invariant=1,
        initialFontName=story.styles.body_font.regular,
        initialFontSize=story.styles.body.fontSize, epoch=epoch,
        leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, balance=balance, below=below,
        line=story.styles.leading)
    try:
        document.multiBuild(flowables, canvasmaker=document.make_canvas)
    finally:
        document.restore_story()
    return buffer, document


def _timestamp(date: dt.date) -> int:
    """Return the start of date (UTC) in seconds since 1970."""
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())


def _does_not_fit(brief: Brief, exc: LayoutError) -> InputError:
    """Return the error for a block ReportLab could not place on any page (a size or margin
    of the theme leaves too little room for it)."""
    page = re.search(r" on page (\d+)", str(exc))
    where = f" (page {page[1]})" if page else ""
    return InputError([Diagnostic(
        Location(brief.path), "", f"a block is too tall for any page{where}",
        "give the theme smaller sizes or margins, or split the block")])


class _BriefDocument(ColumnPages, BaseDocTemplate):
    """A document that records outline and contents entries, knows its page count and sets
    floats the way a typesetter does: a figure that does not fit in the space left goes to
    the top of the next frame while the text after it fills the space. In columns, a table
    spanning them waits for the top of the next page, or goes under the text where the text
    ends (see briefing.columns)."""

    def __init__(self, filename: Any, *, epoch: int, line: float,
                 balance: tuple[int, float] | None = None,
                 below: tuple[int, float] | None = None, **options: Any) -> None:
        self.epoch = epoch
        self.line, self._balance, self.below = line, balance, below
        self._edits: list[tuple[Any, ...]] = []  # restore_story may run before a pass
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
        self._reset_columns()
        self._floats: list[Flowable] = []
        self._edits = self._multibuild_edits()

    def _multibuild_edits(self) -> list[tuple[Any, ...]]:
        """Return the edits multiBuild will undo after this pass (empty outside it)."""
        edits = getattr(getattr(self, "_multiBuildEdits", None), "__self__", None)
        return edits if isinstance(edits, list) else []

    def restore_story(self) -> None:
        """Undo what the last pass changed on the flowables (multiBuild undoes it between
        passes, not after the last one), so that the story can be set again."""
        while self._edits:
            undo, *args = self._edits.pop(0)
            undo(*args)

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """Set floats and spanning tables aside or in place, and note how much room the next
        flowable needs in one column."""
        if getattr(self, "frame", None) is None:
            return
        self._place_floats(flowables)
        if flowables[0] is not None:
            self._note_unbroken(flowables)

    def _place_floats(self, flowables: list[Flowable]) -> None:
        """Set waiting floats at the top of a frame (or at the end of the story), and set
        aside a float (with the headings kept with it, if it must leave them) that does not
        fit in the space left."""
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
            # Tables still waiting get their page before what follows (the back matter),
            # unless they fit in this page's columns or under its text.
            flowables[0:0] = (self._spans_set_in_columns() or self._spans_under_text()
                              or [NewPage()])
            return
        while True:
            kept = kept_with_next(flowables)
            if kept >= len(flowables) or not isinstance(flowables[kept], Float):
                return
            item = flowables[kept]
            # Floats keep their order: one waits while an earlier one does.
            behind = self._table_waits(item)
            if not (behind or self._floats
                    or not (frame._atTop or self._fits(flowables[:kept + 1]))):
                return
            del flowables[kept]
            (self._behind_spans if behind else self._floats).append(item)
            self._set_aside_spans(flowables)
            if isinstance(flowables[0], FlushFloats):  # reached now: what waits goes first
                self._place_floats(flowables)
                return

    def handle_pageBegin(self) -> None:
        """Begin a page, shaped for the tables spanning its columns or for balancing."""
        placed = self._column_page()
        super().handle_pageBegin()
        self._curPageFlowableCount += placed  # a page of tables is not an empty page

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
        self._edits[:] = [e for e in self._edits
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
        self._note_tail(flowable)
        if not isinstance(flowable, Heading):
            return
        level = flowable.level  # nested by the story: levels rise one step at a time
        self.canv.addOutlineEntry(flowable.outline, flowable.key, level, closed=level > 0)
        if flowable.toc:
            self.notify("TOCEntry", flowable.toc_entry(self.page))


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
