"""Layout for figures: label, title, chart (or a placeholder), caption, note and source."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer

from ..data import Dataset
from ..yamlsource import TreePath
from .context import Context, DataCell
from .flowables import Anchor, Float
from .markdown import inline_markup
from .paragraph import Paragraph

FIGURE_FURNITURE = 170.0
"""Points kept free on a page for a heading above a figure and its title, caption and source."""


class ChartFrame(Flowable):
    """A chart at a given size (or a framed placeholder), with its alt text as invisible text."""

    def __init__(self, chart: Flowable | None, width: float, height: float, alt: str, *,
                 font: str, frame: Any = None, tint: Any = None, label: str = "") -> None:
        super().__init__()
        self.chart = chart
        self.width = width
        self.height = height
        self.alt = alt
        self.font = font
        self.frame_color = frame
        self.tint = tint
        self.label = label

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if self.chart is not None:
            self.chart.wrapOn(canv, self.width, self.height)
            self.chart.drawOn(canv, 0, 0)
        else:
            canv.setFillColor(self.tint)
            canv.setStrokeColor(self.frame_color)
            canv.setLineWidth(0.5)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
            canv.setFillColor(self.frame_color)
            canv.setFont(self.font, 8)
            canv.drawCentredString(self.width / 2, self.height / 2 - 3, self.label)
        if self.alt:
            # Alt text as invisible text (render mode 3): screen readers, search and copy find it.
            text = canv.beginText(2, max(self.height - 4, 0))
            text.setTextRenderMode(3)
            text.setFont(self.font, 1)
            text.textLine(f"Alt text: {self.alt}")
            canv.drawText(text)


def caption_tail(ctx: Context, block: Any, source: str | None, where: TreePath
                 ) -> list[Flowable]:
    """Return what follows a figure or table: its caption, note and (unless None) source."""
    styles = ctx.styles
    tail: list[Flowable] = []
    if block.caption:
        tail.append(Paragraph(inline_markup(ctx, block.caption, (*where, "caption")),
                              styles.caption))
    if block.note:
        tail.append(Paragraph("<i>Note:</i> " + ctx.text(block.note, (*where, "note")),
                              styles.source))
    if source is not None:
        tail.append(Paragraph("Source: " + ctx.text(source, (*where, "source")), styles.source))
    return tail


def figure_flowables(ctx: Context, figure: Any, chart: Any, where: TreePath) -> list[Flowable]:
    """Return the figure block: everything kept together in one float."""
    styles, theme = ctx.styles, ctx.styles.theme
    ctx.figures += 1
    dataset = ctx.brief.datasets.get(figure.data)
    if dataset is not None:
        ctx.cite(figure.data, f"Figure {ctx.figures}")
    head: list[Flowable] = [Paragraph(f"Figure {ctx.figures}", styles.label),
                            Paragraph(ctx.text(figure.title, (*where, "title"),
                                               styles.heading_font), styles.figure_title)]
    if figure.subtitle:
        head.append(Paragraph(ctx.text(figure.subtitle, (*where, "subtitle")),
                              styles.figure_subtitle))
    else:
        head[-1].style = styles.figure_title.clone("figure_title_gap", spaceAfter=5)
    width = theme.frame_width
    if chart is not None:
        height = chart.height * width / chart.width
    else:
        height = figure.height(dataset, width, theme)
    room = theme.frame_height - FIGURE_FURNITURE
    if height > room:
        scale = room / height
        ctx.brief.warn(where, f"figure is {height:.0f}pt tall, more than the {room:.0f}pt a "
                       f"page has room for; scaled to {scale:.0%}",
                       "lower 'aspect' to make the chart wider than tall"
                       if figure.aspect is not None else
                       "it is as tall as its rows need: split it into charts of fewer rows")
        width, height = width * scale, room
    inner: Flowable | None = None
    if chart is not None:
        from ..charts.embed import ChartFlowable

        inner = ChartFlowable(chart, width=width)
    alt = figure.alt or (chart.alt if chart is not None else "") or ""
    frame = ChartFrame(inner, width, height, alt, font=styles.body_font.regular,
                       frame=styles.colors.rule, tint=styles.colors.tint,
                       label=f"{figure.chart} chart: {figure.title}"[:90])
    frame.hAlign = "CENTER"
    if dataset is not None:
        _check_chart_text(ctx, figure, dataset, where)
    source = figure.source or (dataset.source if dataset is not None else None)
    tail = caption_tail(ctx, figure, source or None, where)
    anchor: list[Flowable] = [Anchor(figure.id)] if figure.id else []
    return [Float([*anchor, *head, frame, *tail, Spacer(1, styles.leading * 0.8)])]


def _check_chart_text(ctx: Context, figure: Any, dataset: Dataset, where: TreePath) -> None:
    """Warn about characters the chart font lacks in what matplotlib draws: the text cells
    of the columns the chart uses (at the cell), the labels of the columns it names (at the
    label, or the column) and the chart's own words (at the option)."""
    from ..charts.cache import NOT_DRAWN
    from ..fonts import register_family

    font = register_family(ctx.styles.theme.fonts.chart)
    for name in figure.column_names():
        if name not in dataset.columns or dataset.columns[name].kind != "text":
            continue
        for row in range(len(dataset.rows)):
            cell = DataCell.at(dataset, row, name)
            ctx.missing(dataset.text(row, name), cell, font)
    for name in figure.labelled_column_names():
        if name in dataset.columns:
            ctx.missing(dataset.columns[name].label,
                        ("data", dataset.name, "columns", name, "label"), font)
    skip = NOT_DRAWN | set(figure.data_columns) | {"chart"}
    for path, text in _strings(figure.model_dump(exclude=skip)):
        ctx.missing(text, (*where, *path), font)


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...],
                                                                        str]]:
    """Return (path, text) of every string in a dumped options tree."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*path, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, (*path, i))]
    return []
