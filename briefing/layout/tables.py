"""Layout for tables: chosen columns, number formats, widths that fit, repeated headers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from ..data import Dataset, Value
from ..spec import TableColumn, TableSpec
from ..yamlsource import TreePath
from .context import Context, DataCell
from .figures import caption_tail
from .flowables import (
    CARRIED_ROWS,
    Anchor,
    Float,
    SpanFloat,
    TableWithTail,
    stack_height,
    wrap_item,
)
from .paragraph import Paragraph
from .styles import Styles

PAD = 4.0
MIN_WIDTH = 30.0
FLOAT_SHARE = 0.6
"""Tables up to this share of a column's height float; longer ones split across pages."""
SPAN_GAIN = 2.0
"""On a page of several columns, a table that would have to be set smaller to fit a column,
or be at least this many times taller there than across the page, spans the columns."""
CELL_TOP, CELL_BOTTOM = 2.5, 3.5
"""Points of padding above and below a cell's text."""


@dataclass(frozen=True)
class Column:
    """A table column as shown: its dataset column, header, format and alignment."""

    name: str
    label: str
    numeric: bool
    decimals: int | None
    prefix: str
    suffix: str
    align: str
    grouped: bool = True

    def format(self, value: Value, written: str) -> str:
        """Return value as printed in this column; without `decimals`, as the data wrote it."""
        if value is None:
            return "–"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        grouping = "," if self.grouped else ""
        if self.decimals is not None:
            digits = f"{abs(value):{grouping}.{self.decimals}f}"
        elif grouping and isinstance(value, int) and abs(value) >= 1_000:
            digits = f"{abs(value):,}"
        else:
            digits = written.strip().removeprefix("-").removeprefix("\N{MINUS SIGN}")
        sign = "\N{MINUS SIGN}" if value < 0 and digits.strip("0.,") else ""
        return f"{sign}{self.prefix}{digits}{self.suffix}"


def table_columns(spec: TableSpec, dataset: Dataset) -> list[Column]:
    """Return the columns a table shows, with labels and number formats resolved."""
    entries = spec.columns or list(dataset.columns)
    result = []
    for entry in entries:
        option = entry if isinstance(entry, TableColumn) else TableColumn(column=entry)
        column = dataset.columns[option.column]
        numeric = column.kind == "number"
        decimals = option.decimals
        align = option.align or ("right" if numeric else "left")
        label = option.label or column.label
        # Years print as 2024, not 2,024.
        grouped = "year" not in f"{option.column} {label}".lower()
        result.append(Column(option.column, label, numeric, decimals, option.prefix,
                             option.suffix, align, grouped))
    return result


def column_widths(natural: list[float], minimum: list[float], available: float,
                  fixed: list[bool] | None = None) -> list[float]:
    """Return widths summing to available: natural widths stretched, or shrunk towards the
    minimum widths, or (when even those do not fit) the fixed columns at their minimum and
    the others sharing what is left in proportion to theirs, or (when the fixed ones take it
    all) equal shares."""
    total = sum(natural)
    if total <= available:
        return [w * available / total for w in natural]
    floor = sum(minimum)
    if floor >= available:
        fixed = fixed or [False] * len(minimum)
        kept = sum(m for m, f in zip(minimum, fixed, strict=True) if f)
        loose = floor - kept
        if not loose or available - kept < loose * 0.5:
            return [available / len(natural)] * len(natural)
        share = (available - kept) / loose
        return [m if f else m * share for m, f in zip(minimum, fixed, strict=True)]
    slack = total - floor
    share = (available - floor) / slack if slack else 0
    return [m + (n - m) * share for n, m in zip(natural, minimum, strict=True)]


def table_flowables(ctx: Context, spec: TableSpec, where: TreePath) -> list[Flowable]:
    """Return the table block (label and title, the table, caption, note and source) as set
    in a column, or, on a page of several columns where it is better so, as a SpanFloat."""
    styles, theme = ctx.styles, ctx.styles.theme
    dataset = ctx.brief.datasets[spec.data]
    ctx.tables += 1
    ctx.cite(spec.data, f"Table {ctx.tables}")
    columns = table_columns(spec, dataset)
    rows = [[c.format(row.get(c.name), dataset.text(i, c.name)) for c in columns]
            for i, row in enumerate(dataset.rows)]
    table = _table(ctx, dataset, columns, rows, theme.frame_width, where)
    head: list[Flowable] = [Anchor(spec.id)] if spec.id else []
    head.append(Paragraph(f"Table {ctx.tables}", styles.label.clone("table_label",
                                                                   keepWithNext=0)))
    if spec.title:
        head.append(Paragraph(ctx.text(spec.title, (*where, "title"), styles.heading_font),
                              styles.figure_title.clone("table_title", spaceAfter=5,
                                                        keepWithNext=0)))
    tail = caption_tail(ctx, spec, spec.source or dataset.source, where)
    block = [*head, table, Spacer(1, 2), *tail, Spacer(1, styles.leading * 0.8)]
    narrow = wrap_item(table, None, theme.frame_width, theme.frame_height)[1]
    in_column = _in_column(table, narrow, block, len(rows), styles)
    if theme.page.columns > 1:
        across = _table(ctx, dataset, columns, rows, theme.text_width, where)
        spanning = [*head, across, *block[len(head) + 1:]]
        if _spans_better(table, narrow, across, spanning, styles):
            _warn_if_broken(ctx, across, len(columns), where)
            return [SpanFloat(spanning, in_column)]
    _warn_if_broken(ctx, table, len(columns), where)
    return in_column


def _warn_if_broken(ctx: Context, table: _SizedTable, columns: int, where: TreePath) -> None:
    if table.breaks_words:
        width = sum(table._colWidths)  # noqa: SLF001
        ctx.brief.warn(where, f"the table's {columns} columns do not fit {width:.0f} pt even "
                              "at 70% size: words in it are broken",
                       "show fewer of the dataset's columns (columns:) or shorten their labels")


def _in_column(table: _SizedTable, height: float, block: list[Flowable], rows: int,
               styles: Styles) -> list[Flowable]:
    """Return the table block as set in a column (where the table is height tall): a table
    that fits in most of a column floats like a figure; a longer one starts where it is and
    splits, its header repeated and its last rows kept with its caption, note and source."""
    theme = styles.theme
    if height <= theme.frame_height * FLOAT_SHARE:
        return [Float(block, series="table")]
    # The label and title must not be stranded: they need their own lines, the header and
    # a few rows (at least CARRIED_ROWS of them as set, however many lines those take).
    head, tailed, end = cut_table_block(block)
    header_and_rows = table._rowHeights[:1 + min(rows, CARRIED_ROWS)]  # noqa: SLF001 - wrapped
    above = stack_height(head, None, theme.frame_width) + head[-1].getSpaceAfter()
    rows_needed = max(min(rows + 1, 5) * (table.leading + CELL_TOP + CELL_BOTTOM)
                      + 3 * styles.leading, above + sum(header_and_rows))
    return [CondPageBreak(rows_needed), *head, tailed, end]


def cut_table_block(block: list[Flowable]) -> tuple[list[Flowable], TableWithTail, Flowable]:
    """Return the parts of a table block (see `table_flowables`) that a long table splits
    into: what is above the table (anchor, label, title), the table with what follows it
    (caption, note, source) kept with its last rows, and the space closing the block."""
    at = next(i for i, item in enumerate(block) if isinstance(item, Table))
    return block[:at], TableWithTail(block[at], block[at + 1:-1]), block[-1]


class _SizedTable(Table):
    """A table that knows the font size and leading its cells are set at, and whether its
    columns are too narrow for some of their words."""

    size: float
    leading: float
    breaks_words: bool


def _table(ctx: Context, dataset: Dataset, columns: list[Column], rows: list[list[str]],
           available: float, where: TreePath) -> _SizedTable:
    """Return the table set in a width of available: its header and cells, at the size and
    column widths that fit."""
    styles = ctx.styles
    font = styles.body_font
    headers = [c.label for c in columns]
    size, widths, breaks = _fit_columns(columns, headers, rows, font.regular, font.bold,
                                        styles.cell.fontSize, available)
    scale = size / styles.cell.fontSize
    cell_styles = _scaled(size, scale, left=styles.cell, right=styles.cell_right,
                          center=styles.cell_center)
    head_styles = _scaled(size, scale, left=styles.cell_head, right=styles.cell_head_right,
                          center=styles.cell_head_center)
    data: list[list[Any]] = [[Paragraph(ctx.text(h, (*where, "columns"), font),
                                        head_styles[c.align]) for h, c in zip(
                                            headers, columns, strict=True)]]
    for index, row in enumerate(rows):
        cells: list[Any] = []
        for text, column, width in zip(row, columns, widths, strict=True):
            # a character the font lacks is reported at the cell that has it
            cell = DataCell.at(dataset, index, column.name)
            fits = stringWidth(text, font.regular, size) <= width - 2 * PAD
            if fits and not ctx.missing(text, cell, font):
                cells.append(text)
            else:
                cells.append(Paragraph(ctx.text(text, cell, font), cell_styles[column.align]))
        data.append(cells)
    table = _SizedTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.size, table.leading = size, cell_styles["left"].leading
    table.breaks_words = breaks
    table.setStyle(_table_style(ctx, columns, size, table.leading))
    return table


def _spans_better(column: _SizedTable, narrow: float, across: _SizedTable,
                  spanning: list[Flowable], styles: Styles) -> bool:
    """Return whether a table is better set across the columns of the page (the block
    spanning: label, title, table, caption, note and source) than in one: in a column it
    would be set smaller, or wrap into a much taller table, and the whole block across the
    page takes no more of the page than a floating table may."""
    theme = styles.theme
    tall = wrap_item(across, None, theme.text_width, theme.frame_height)[1]
    if column.size >= styles.cell.fontSize and narrow < SPAN_GAIN * tall:
        return False  # (most tables: the whole block is then never measured)
    return stack_height(spanning, None, theme.text_width) <= theme.frame_height * FLOAT_SHARE


def _scaled(size: float, scale: float, **by_align: ParagraphStyle
            ) -> dict[str, ParagraphStyle]:
    """Return the cell styles keyed by alignment, set at size (scale of their own size)."""
    return {align: style if scale == 1 else style.clone(
        f"{style.name}-{size}", fontSize=size, leading=style.leading * scale)
        for align, style in by_align.items()}


def _fit_columns(columns: list[Column], headers: list[str], rows: list[list[str]],
                 font: str, bold: str, size: float, available: float
                 ) -> tuple[float, list[float], bool]:
    """Return the font size, the column widths and whether words must break: numbers never
    wrap and text wraps at words, the table set smaller (down to 70%) as far as needed; a
    table too wide even so breaks the words of its headers, then those of its text columns
    (numbers keep their width while the text columns keep half of theirs)."""
    for scale in SCALES:
        natural, whole, loose = _column_widths(columns, headers, rows, font, bold, size, scale)
        if sum(whole) <= available:
            return size * scale, column_widths(natural, whole, available), False
    # still too wide at the smallest scale (the loop's last): words break
    widths = column_widths(natural, loose, available, [c.numeric for c in columns])
    return size * scale, widths, any(w < least - 0.01 for w, least in zip(widths, whole,
                                                                          strict=True))


SCALES = (1.0, 0.9, 0.8, 0.7)
"""The sizes a table is tried at, as shares of the cell text size."""


def _column_widths(columns: list[Column], headers: list[str], rows: list[list[str]],
                   font: str, bold: str, size: float, scale: float
                   ) -> tuple[list[float], list[float], list[float]]:
    """Return each column's natural width at size × scale, the least with no word broken
    (but words longer than 90 pt), and the least with header words broken."""
    natural, whole, loose = [], [], []
    least = MIN_WIDTH * scale
    size *= scale
    for index, column in enumerate(columns):
        cells = [row[index] for row in rows]
        widest = max((stringWidth(t, font, size) for t in cells), default=0)
        head = stringWidth(headers[index], bold, size)
        longest = max((stringWidth(w, font, size) for t in cells for w in t.split()),
                      default=0)
        head_word = max((stringWidth(w, bold, size) for w in headers[index].split()),
                        default=0)
        natural.append(max(widest, head, MIN_WIDTH) + 2 * PAD)
        if column.numeric:
            whole.append(max(widest, head_word, least) + 2 * PAD)
            loose.append(max(widest, least) + 2 * PAD)
        else:
            whole.append(max(min(max(longest, head_word), 90), least) + 2 * PAD)
            loose.append(max(min(max(longest, head_word * 0.6), 90), least) + 2 * PAD)
    return natural, whole, loose


def _table_style(ctx: Context, columns: list[Column], size: float, leading: float
                 ) -> TableStyle:
    styles = ctx.styles
    colors = styles.colors
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.body_font.regular, size, leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.text),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.accent),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.accent),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.rule),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, colors.tint]),
    ]
    for index, column in enumerate(columns):
        commands.append(("ALIGN", (index, 1), (index, -1), column.align.upper()))
    return TableStyle(commands)
