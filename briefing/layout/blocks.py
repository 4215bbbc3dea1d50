"""Layout for each block kind: one function per kind, dispatched by the block's key."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreak

from ..yamlsource import TreePath
from .context import Context
from .figures import figure_flowables
from .flowables import Box, Float, StatCards
from .markdown import inline_markup, markdown_flowables
from .paragraph import Paragraph
from .tables import table_flowables


def block_flowables(ctx: Context, block: Any, where: TreePath, chart: Any) -> list[Flowable]:
    """Return the flowables of one block of a section."""
    kind = next(iter(type(block).model_fields))
    value = getattr(block, kind)
    where = (*where, kind)
    if kind == "text":
        return markdown_flowables(ctx, value, where)
    if kind == "figure":
        return figure_flowables(ctx, value, chart, where)
    if kind == "table":
        return table_flowables(ctx, value, where)
    if kind == "key_figures":
        # A short row of cards floats like a figure rather than splitting or leaving a gap.
        cards = key_figures(ctx, value, where)
        return [Float([cards])] if len(value) <= 2 * cards.max_per_row else [cards]
    if kind == "callout":
        return [callout(ctx, value.title, markdown_flowables(ctx, value.text, (*where, "text"),
                                                             ctx.styles.box_body), where)]
    if kind == "quote":
        return [quote(ctx, value, where)]
    if kind == "page_break":
        return [PageBreak()] if value else []
    raise AssertionError(f"unknown block kind {kind!r}")


def key_figures(ctx: Context, cards: list[Any], where: TreePath) -> StatCards:
    """Return the stat cards of a key_figures block."""
    styles = ctx.styles
    built = []
    for index, card in enumerate(cards):
        at = (*where, index)
        value = Paragraph(ctx.text(card.value, (*at, "value"), styles.heading_font),
                          styles.card_value)
        label = Paragraph(ctx.text(card.label, (*at, "label")), styles.card_label)
        note = Paragraph(ctx.text(card.note, (*at, "note")), styles.card_note) if card.note \
            else None
        built.append((value, label, note))
    min_width = max(100.0, styles.theme.sizes.key_figure * 5)
    return StatCards(built, background=styles.colors.tint, rule=styles.colors.accent,
                     min_width=min(min_width, styles.theme.frame_width))


def callout(ctx: Context, title: str | None, content: list[Flowable],
            where: TreePath) -> Box:
    """Return a titled, tinted box around content."""
    styles = ctx.styles
    head = [Paragraph(ctx.text(title, (*where, "title"), styles.heading_font),
                      styles.box_title)] if title else []
    return Box([*head, *content], background=styles.colors.tint, bar=styles.colors.accent,
               bar_width=3, padding=12, space_before=styles.leading * 0.3,
               space_after=styles.leading)


def quote(ctx: Context, spec: Any, where: TreePath) -> Box:
    """Return a pull quote: the words in large accent type, the attribution below."""
    styles = ctx.styles
    words = inline_markup(ctx, spec.text.strip(), (*where, "text"))
    content: list[Flowable] = [Paragraph(f"“{words}”", styles.quote)]
    if spec.attribution:
        content.append(Paragraph("— " + ctx.text(spec.attribution, (*where, "attribution")),
                                 styles.attribution))
    return Box(content, bar=styles.colors.accent, bar_width=2, padding=10,
               space_before=styles.leading * 0.3, space_after=styles.leading, whole=True)
