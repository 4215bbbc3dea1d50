"""Page templates: the cover page and body pages with running header and `page N of M`."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Frame, PageTemplate, Table

from ..spec import Spec
from ..theme import MM
from .flowables import Box, StatCards, TableWithTail
from .styles import Styles

COVER_GAP = 14.0
"""Points between the cover block and the body columns under it on page one."""


def series_line(spec: Spec) -> str:
    """Return the series and number of the brief, as printed on the cover and page headers."""
    return " · ".join(x for x in (spec.series, spec.number) if x)


def long_date(spec: Spec) -> str:
    """Return the brief's date as printed: `31 January 2025`."""
    return f"{spec.date.day} {spec.date:%B %Y}"


class Column(Frame):
    """A text column that counts the blocks it splits (boxes, key figures, tables; not a
    lead-in and its list, which are text): a page balanced by shortening its columns must
    not break more of them than it did before."""

    split_blocks = 0

    def split(self, flowable: Flowable, canv: Any) -> list[Flowable]:
        pieces = super().split(flowable, canv)
        if len(pieces) > 1 and _is_block(flowable):
            self.split_blocks += 1
        return pieces


def _is_block(flowable: Flowable) -> bool:
    """Return whether flowable is a block whose splitting a balanced page must not add to."""
    if isinstance(flowable, Box):
        return not flowable.breaks_as_text
    return isinstance(flowable, StatCards | Table | TableWithTail)


def _columns(styles: Styles, top: float, height: float) -> list[Frame]:
    theme = styles.theme
    left = theme.page.inner * MM
    width = theme.frame_width
    gap = theme.page.gap * MM
    return [Column(left + i * (width + gap), top - height, width, height, 0, 0, 0, 0,
                   id=f"column{i + 1}") for i in range(theme.page.columns)]


def page_templates(spec: Spec, styles: Styles, cover_height: float | None
                   ) -> list[PageTemplate]:
    """Return the 'cover' and 'body' templates; with a cover_height the body starts under the
    cover block on page one, else page one holds only the cover."""
    theme = styles.theme
    _, page_height = theme.page_size
    top = page_height - theme.page.top * MM
    full = theme.frame_height
    left = theme.page.inner * MM
    if cover_height is None:
        cover_frames = [Frame(left, top - full, theme.text_width, full, 0, 0, 0, 0, id="cover")]
    else:
        cover_frames = [Frame(left, top - cover_height, theme.text_width, cover_height,
                              0, 0, 0, 0, id="cover"),
                        *_columns(styles, top - cover_height - COVER_GAP,
                                  full - cover_height - COVER_GAP)]
    furniture = _Furniture(spec, styles)
    return [PageTemplate("cover", cover_frames, onPage=furniture.cover, autoNextPageTemplate="body",
                         pagesize=theme.page_size),
            PageTemplate("body", _columns(styles, top, full), onPage=furniture.body,
                         pagesize=theme.page_size)]


class _Furniture:
    """Draws what every page carries outside its frames."""

    def __init__(self, spec: Spec, styles: Styles) -> None:
        self.styles = styles
        self.header = spec.short_title or spec.title
        self.series = series_line(spec)
        self.organisation = spec.organisation or ""
        self.date = long_date(spec)

    def _fit(self, text: str, font: str, size: float, width: float) -> str:
        if stringWidth(text, font, size) <= width:
            return text
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def body(self, canv: Any, doc: Any) -> None:
        styles, theme = self.styles, self.styles.theme
        width, height = theme.page_size
        left, right = theme.page.inner * MM, width - theme.page.outer * MM
        size = theme.sizes.small
        font, bold = styles.heading_font.regular, styles.heading_font.bold
        canv.saveState()
        y = height - theme.page.top * MM + 12
        canv.setFillColor(styles.colors.muted)
        canv.setFont(bold, size)
        series_width = stringWidth(self.series, font, size)
        canv.drawString(left, y, self._fit(self.header, bold, size,
                                           right - left - series_width - 24))
        canv.setFont(font, size)
        canv.drawRightString(right, y, self.series)
        canv.setStrokeColor(styles.colors.rule)
        canv.setLineWidth(0.5)
        canv.line(left, y - 5, right, y - 5)
        y = theme.page.bottom * MM - 22
        canv.line(left, y + 12, right, y + 12)
        canv.drawString(left, y, self._fit(self.organisation or self.date, font, size,
                                           (right - left) / 2))
        canv.draw_page_number(right, y, font, size, styles.colors.muted)
        canv.restoreState()

    def cover(self, canv: Any, doc: Any) -> None:
        styles, theme = self.styles, self.styles.theme
        width, _ = theme.page_size
        left, right = theme.page.inner * MM, width - theme.page.outer * MM
        size = theme.sizes.small
        canv.saveState()
        y = theme.page.bottom * MM - 22
        canv.setStrokeColor(styles.colors.accent)
        canv.setLineWidth(1.2)
        canv.line(left, y + 12, right, y + 12)
        canv.setFillColor(styles.colors.text)
        canv.setFont(styles.heading_font.bold, size + 0.5)
        canv.drawString(left, y, self._fit(self.organisation, styles.heading_font.bold,
                                           size + 0.5, (right - left) * 0.65))
        canv.setFont(styles.heading_font.regular, size)
        canv.setFillColor(styles.colors.muted)
        canv.drawRightString(right, y, self.date)
        canv.restoreState()
