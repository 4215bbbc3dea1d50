"""The cover: series, title, subtitle, authors, date and the key-messages box."""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem

from .blocks import callout
from .context import Context, hex_color
from .flowables import CoverBand
from .markdown import inline_markup
from .pages import long_date, series_line
from .paragraph import Paragraph


def cover_flowables(ctx: Context) -> list[Flowable]:
    """Return the cover block of the brief."""
    spec, styles = ctx.brief.spec, ctx.styles
    heading = styles.heading_font
    band = styles.colors.band if styles.theme.cover.style == "band" else None
    on_white = band is None
    series = series_line(spec)
    title_style, subtitle_style, series_style = (styles.cover_title, styles.cover_subtitle,
                                                 styles.cover_series)
    if on_white:
        title_style = title_style.clone("cover_title_plain", textColor=styles.colors.text)
        subtitle_style = subtitle_style.clone("cover_subtitle_plain",
                                              textColor=styles.colors.muted)
        series_style = series_style.clone("cover_series_plain", textColor=styles.colors.accent)
    content = []
    if series:
        content.append(Paragraph(ctx.text(series, ("series",), heading), series_style))
    content.append(Paragraph(ctx.text(spec.title, ("title",), heading), title_style))
    if spec.subtitle:
        content.append(Paragraph(ctx.text(spec.subtitle, ("subtitle",), heading),
                                 subtitle_style))
    result: list[Flowable] = [CoverBand(content, band=band, rule=styles.colors.accent,
                                        padding=4 if on_white else 18)]
    muted = hex_color(styles.colors.muted)
    for index, author in enumerate(spec.authors):
        line = f"<b>{ctx.text(author.name, ('authors', index, 'name'))}</b>"
        if author.affiliation:
            affiliation = ctx.text(author.affiliation, ("authors", index, "affiliation"))
            line += f'<font color="{muted}">, {affiliation}</font>'
        result.append(Paragraph(line, styles.cover_author))
    result.append(Paragraph(long_date(spec),
                            styles.cover_meta.clone("cover_date", spaceBefore=4)))
    if spec.key_messages:
        result.append(key_messages(ctx))
    return result


def key_messages(ctx: Context) -> Flowable:
    """Return the key-messages box."""
    styles = ctx.styles
    items = [ListItem(Paragraph(inline_markup(ctx, text, ("key_messages", index)),
                                styles.box_body))
             for index, text in enumerate(ctx.brief.spec.key_messages)]
    bullets = ListFlowable(items, bulletType="bullet", start="■",
                           bulletFontName=styles.body_font.regular,
                           bulletFontSize=styles.body.fontSize * 0.6,
                           bulletColor=styles.colors.accent, leftIndent=14,
                           bulletOffsetY=-styles.body.fontSize * 0.15)
    box = callout(ctx, "Key messages", [bullets], ("key_messages",))
    box.spaceBefore = styles.leading * 1.2
    box.spaceAfter = 0
    return box
