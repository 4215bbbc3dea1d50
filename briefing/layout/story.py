"""Story assembly: cover, contents, numbered sections with their notes, back matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from ..loader import Brief
from .backmatter import back_matter, back_matter_anchors
from .blocks import block_flowables
from .context import Context
from .cover import cover_flowables
from .flowables import FlushFloats, Heading, NotesRule, wrap_item
from .pages import COVER_GAP, page_templates
from .paragraph import Paragraph
from .styles import Styles, build_styles

MIN_BODY_ON_COVER = 0.2
"""Share of the page the body needs under the cover block to start on page one."""


@dataclass
class Story:
    """The flowables of a brief and the page templates they flow into."""

    flowables: list[Flowable]
    templates: list[PageTemplate]
    styles: Styles


def build_story(brief: Brief, charts: dict[Any, Any]) -> Story:
    """Return the story of the brief: its flowables and page templates."""
    styles = build_styles(brief.theme)
    ctx = Context(brief, styles, anchors=_anchors(brief))
    cover = cover_flowables(ctx)
    cover_height = _measure(cover, styles.theme.text_width, styles.theme.frame_height)
    room = styles.theme.frame_height - cover_height - COVER_GAP
    share_cover = room >= styles.theme.frame_height * MIN_BODY_ON_COVER
    flowables: list[Flowable] = [NextPageTemplate("body"), *cover]
    flowables.append(FrameBreak() if share_cover else PageBreak())
    toc = _contents_table(styles) if brief.spec.toc else None
    if toc is not None:
        flowables += _contents(styles, toc)
    for index, section in enumerate(brief.spec.sections):
        flowables += _section(ctx, index, section, charts)
    # Figures still waiting for a new page are set before the back matter, not after it.
    flowables += [FlushFloats(), *back_matter(ctx)]
    flowables = _hoist_breaks(flowables, styles.theme.frame_width, styles.theme.frame_height)
    _nest_outline_levels(flowables)
    if toc is not None:
        # Entries known in advance give the contents their final height in the first pass,
        # so a second pass (for the page numbers) is all it takes.
        toc._entries = toc_entries(flowables)
    templates = page_templates(brief.spec, styles, cover_height if share_cover else None)
    return Story(flowables, templates, styles)


def _measure(flowables: list[Flowable], width: float, height: float) -> float:
    total = 0.0
    for index, item in enumerate(flowables):
        _, h = wrap_item(item, None, width, height)
        total += h + (item.getSpaceBefore() if index else 0) + item.getSpaceAfter()
    return total + 2


def _hoist_breaks(flowables: list[Flowable], width: float, height: float) -> list[Flowable]:
    """Return flowables with each conditional break moved above the headings that must stay
    with what follows, so that a break never strands a heading."""
    result: list[Flowable] = []
    for item in flowables:
        if isinstance(item, CondPageBreak):
            kept: list[Flowable] = []
            while result and (result[-1].getKeepWithNext()
                              or isinstance(result[-1], CondPageBreak)):
                kept.insert(0, result.pop())
            extra = sum(wrap_item(k, None, width, height)[1] + k.getSpaceBefore()
                        + k.getSpaceAfter() for k in kept if not isinstance(k, CondPageBreak))
            floor = max([item.height, *(k.height for k in kept
                                        if isinstance(k, CondPageBreak))])
            result += [CondPageBreak(floor + extra),
                       *(k for k in kept if not isinstance(k, CondPageBreak))]
            continue
        result.append(item)
    return result


def _anchors(brief: Brief) -> set[str]:
    anchors = back_matter_anchors(brief)
    for index, section in enumerate(brief.spec.sections):
        anchors.add(_section_key(index, section))
        for block in section.blocks:
            body = getattr(block, "figure", None) or getattr(block, "table", None)
            if body is not None and getattr(body, "id", None):
                anchors.add(body.id)
    return anchors


def _section_key(index: int, section: Any) -> str:
    """Return the anchor of a section's heading: its id, else its place in the brief."""
    return section.id or f"section-{index + 1}"


def _nest_outline_levels(flowables: list[Flowable]) -> None:
    """Set each heading's level to its depth among the headings present: under the nearest
    earlier heading of lower rank, beside one of equal rank. An outline (and the contents)
    cannot skip a level, so a jump in rank nests one level down."""
    enclosing: list[int] = []  # ranks of the headings the next one may nest under
    for item in flowables:
        if isinstance(item, Heading):
            while enclosing and enclosing[-1] >= item.rank:
                enclosing.pop()
            item.level = len(enclosing)
            enclosing.append(item.rank)


def toc_entries(flowables: list[Flowable]) -> list[tuple[int, str, int, str]]:
    """Return the contents entries (level, markup, page, key) of the headings in flowables;
    pages are filled in by the render."""
    return [item.toc_entry(0) for item in flowables if isinstance(item, Heading) and item.toc]


def _contents_table(styles: Styles) -> TableOfContents:
    return TableOfContents(levelStyles=list(styles.toc_levels), dotsMinLevel=-1,
                           tableStyle=TableStyle([
                               ("FONT", (0, 0), (-1, -1), styles.body_font.regular,
                                styles.body.fontSize),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))


def _contents(styles: Styles, toc: TableOfContents) -> list[Flowable]:
    return [Paragraph("Contents", styles.toc_title), toc,
            HRFlowable(width="100%", thickness=0.5, color=styles.colors.rule, spaceBefore=6,
                       spaceAfter=styles.leading)]


def _section(ctx: Context, index: int, section: Any, charts: dict[Any, Any]) -> list[Flowable]:
    styles = ctx.styles
    numbered = [s for s in ctx.brief.spec.sections[:index + 1] if s.numbered]
    number = len(numbered) if section.numbered else None
    key = _section_key(index, section)
    ctx.section_key, ctx.subheadings, ctx.footnotes = key, 0, []
    title = ctx.text(section.title, ("sections", index, "title"), styles.heading_font)
    if number is not None:
        title = f"{number}&nbsp;&nbsp;&nbsp;{title}"
    outline = f"{number} {section.title}" if number is not None else section.title
    result: list[Flowable] = [CondPageBreak(styles.leading * 6),
                              Heading(title, styles.h1, key=key, outline=outline, rank=0)]
    if not section.blocks:
        ctx.brief.warn(("sections", index), f"section {section.title!r} has no blocks",
                       "add text, a figure or a table, or remove the section")
    for b, block in enumerate(section.blocks):
        result += block_flowables(ctx, block, ("sections", index, "blocks", b),
                                  charts.get((index, b)))
    if ctx.footnotes:
        result.append(NotesRule(width="30%", thickness=0.5, color=styles.colors.rule,
                                hAlign="LEFT", spaceBefore=2, spaceAfter=4))
        for number_, (anchor, text) in enumerate(ctx.footnotes, start=1):
            result.append(Paragraph(f'<a name="{anchor}"/>{number_}&nbsp;&nbsp;{text}',
                                    styles.footnote))
    return result
