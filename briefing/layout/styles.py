"""Paragraph styles and colours built from a theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..fonts import FALLBACK_FAMILY, RegisteredFamily, face_names, register_family
from ..theme import Theme


@dataclass(frozen=True)
class Palette:
    """Theme colours as ReportLab colours."""

    text: Color
    muted: Color
    accent: Color
    tint: Color
    rule: Color
    band: Color
    band_text: Color


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of a brief, and the fonts and colours they use."""

    theme: Theme
    body_font: RegisteredFamily
    heading_font: RegisteredFamily
    mono_family: str
    colors: Palette
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    figure_title: ParagraphStyle
    figure_subtitle: ParagraphStyle
    caption: ParagraphStyle
    source: ParagraphStyle
    footnote: ParagraphStyle
    code: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_head_center: ParagraphStyle
    box_title: ParagraphStyle
    box_body: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    card_value: ParagraphStyle
    card_label: ParagraphStyle
    card_note: ParagraphStyle
    cover_series: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    cover_author: ParagraphStyle
    toc_title: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]

    @property
    def mono_font(self) -> RegisteredFamily:
        """Return the family of inline code, registered on first use (most briefs have none)."""
        return register_family(self.mono_family)

    @property
    def fallback_font(self) -> RegisteredFamily:
        """Return the family for characters the text font lacks, registered on first use."""
        return register_family(FALLBACK_FAMILY)

    @property
    def leading(self) -> float:
        """Return the body line height in points: the unit of the vertical rhythm."""
        return self.body.leading


_built: dict[str, Styles] = {}
"""The styles of the themes built so far, by their values."""


def build_styles(theme: Theme) -> Styles:
    """Return the styles of theme (the same for every theme of the same values)."""
    values = repr(theme.model_dump())
    if values not in _built:
        if len(_built) >= 16:
            _built.clear()
        _built[values] = _styles(theme)
    return _built[values]


def _styles(theme: Theme) -> Styles:
    body_font = register_family(theme.fonts.body)
    heading_font = register_family(theme.fonts.heading)
    c = theme.colors
    colors = Palette(HexColor(c.text), HexColor(c.muted), HexColor(c.accent),
                     HexColor(c.tint), HexColor(c.rule),
                     HexColor(theme.cover.band or c.accent), HexColor(theme.cover.band_text))
    s = theme.sizes
    lead = round(s.body * s.leading, 2)
    small_lead = round(s.small * 1.35, 2)
    # No embeddedHyphenation: ReportLab's split of a paragraph with markup drops the hyphen
    # of a compound broken at a line end ("fibre-to-the-site" came out "fibreto-the-site" at
    # the top of the next page). Text is ragged-right, so compounds simply move whole.
    body = ParagraphStyle(
        "body", fontName=body_font.regular, fontSize=s.body, leading=lead,
        textColor=colors.text, spaceAfter=s.space, alignment=TA_LEFT, allowWidows=0,
        allowOrphans=0, splitLongWords=1, uriWasteReduce=0.3, embeddedHyphenation=0)

    def derive(name: str, parent: ParagraphStyle = body, **options: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **options)  # type: ignore[arg-type]

    head = dict(fontName=heading_font.bold, textColor=colors.accent, keepWithNext=1,
                allowWidows=0, allowOrphans=0)
    small = dict(fontSize=s.small, leading=small_lead, spaceAfter=0, textColor=colors.muted)
    cell = derive("cell", fontSize=s.small + 0.5, leading=round((s.small + 0.5) * 1.3, 2),
                  spaceAfter=0)
    cell_head = derive("cell_head", cell, fontName=body_font.bold, textColor=colors.text)
    toc_levels = tuple(
        derive(f"toc{level}", fontName=heading_font.bold if level == 0 else body_font.regular,
               fontSize=s.body if level == 0 else s.body - 0.5, leftIndent=level * 14 + 18,
               firstLineIndent=-18, spaceBefore=0, spaceAfter=1,
               rightIndent=24)
        for level in range(3))
    return Styles(
        theme=theme, body_font=body_font, heading_font=heading_font,
        mono_family=theme.fonts.mono, colors=colors, body=body,
        h1=derive("h1", fontSize=s.h1, leading=round(s.h1 * 1.22, 2), spaceBefore=lead * 1.2,
                  spaceAfter=lead * 0.5, **head),
        h2=derive("h2", fontSize=s.h2, leading=round(s.h2 * 1.25, 2), spaceBefore=lead * 0.8,
                  spaceAfter=s.space * 0.6, **head),
        h3=derive("h3", fontSize=s.h3, leading=round(s.h3 * 1.3, 2), spaceBefore=lead * 0.5,
                  spaceAfter=s.space * 0.4, **{**head, "textColor": colors.text}),
        label=derive("label", fontName=heading_font.bold, fontSize=s.small, leading=small_lead,
                     textColor=colors.accent, spaceBefore=lead * 0.6, spaceAfter=1,
                     keepWithNext=1),
        figure_title=derive("figure_title", fontName=heading_font.bold, fontSize=s.body,
                            leading=round(s.body * 1.25, 2), spaceAfter=1, keepWithNext=1),
        figure_subtitle=derive("figure_subtitle", fontName=body_font.regular, keepWithNext=1,
                               **{**small, "spaceAfter": 3}),
        caption=derive("caption", fontSize=s.small + 0.5,
                       leading=round((s.small + 0.5) * 1.35, 2), spaceBefore=4, spaceAfter=1,
                       textColor=colors.text),
        source=derive("source", **small),
        footnote=derive("footnote", fontSize=s.small, leading=small_lead, spaceAfter=2,
                        leftIndent=10, firstLineIndent=-10),
        # Registered when a code block first asks for styles.mono_font.
        code=derive("code", fontName=face_names(theme.fonts.mono)["regular"], fontSize=s.small,
                    leading=small_lead, leftIndent=8, backColor=colors.tint,
                    borderPadding=(3, 4, 3, 4), spaceBefore=2, spaceAfter=s.space + 2),
        cell=cell,
        cell_right=derive("cell_right", cell, alignment=TA_RIGHT),
        cell_center=derive("cell_center", cell, alignment=TA_CENTER),
        cell_head=cell_head,
        cell_head_right=derive("cell_head_right", cell_head, alignment=TA_RIGHT),
        cell_head_center=derive("cell_head_center", cell_head, alignment=TA_CENTER),
        box_title=derive("box_title", fontName=heading_font.bold, fontSize=s.h3 + 0.5,
                         leading=round((s.h3 + 0.5) * 1.3, 2), textColor=colors.accent,
                         spaceAfter=s.space * 0.6, keepWithNext=1),
        box_body=derive("box_body", spaceAfter=s.space * 0.8),
        quote=derive("quote", fontName=heading_font.regular, fontSize=s.h2 + 1,
                     leading=round((s.h2 + 1) * 1.32, 2), textColor=colors.accent,
                     spaceAfter=4),
        attribution=derive("attribution", fontName=body_font.bold, **small),
        card_value=derive("card_value", fontName=heading_font.bold, fontSize=s.key_figure,
                          leading=round(s.key_figure * 1.1, 2), textColor=colors.accent,
                          spaceAfter=3, splitLongWords=1),
        card_label=derive("card_label", fontSize=s.small + 1,
                          leading=round((s.small + 1) * 1.3, 2), spaceAfter=0),
        card_note=derive("card_note", spaceBefore=3, **small),
        cover_series=derive("cover_series", fontName=heading_font.bold, fontSize=s.small + 1,
                            leading=s.small + 5, spaceAfter=s.space * 2,
                            textColor=colors.band_text),
        cover_title=derive("cover_title", fontName=heading_font.bold, fontSize=s.title,
                           leading=round(s.title * 1.12, 2), spaceAfter=s.space * 1.5,
                           textColor=colors.band_text),
        cover_subtitle=derive("cover_subtitle", fontName=heading_font.regular,
                              fontSize=s.subtitle, leading=round(s.subtitle * 1.3, 2),
                              spaceAfter=0, textColor=colors.band_text),
        cover_meta=derive("cover_meta", fontSize=s.small + 1, leading=s.small + 5,
                          textColor=colors.muted, spaceAfter=0),
        cover_author=derive("cover_author", fontSize=s.body, leading=lead, spaceAfter=2),
        toc_title=derive("toc_title", fontSize=s.h2, leading=round(s.h2 * 1.25, 2),
                         spaceAfter=s.space, **head),
        toc_levels=toc_levels,
    )
