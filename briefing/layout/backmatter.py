"""Back matter: the Sources section and About the authors."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from .context import Context, attribute
from .flowables import Heading
from .markdown import markdown_flowables


def back_matter(ctx: Context) -> list[Flowable]:
    """Return the Sources section (every dataset cited) and the About-the-authors block."""
    return [*_sources(ctx), *_about(ctx)]


def _heading(ctx: Context, title: str, key: str) -> Heading:
    ctx.anchors.add(key)
    return Heading(title, ctx.styles.h1, key=key, outline=title, level=0)


def _sources(ctx: Context) -> list[Flowable]:
    if not ctx.cited:
        return []
    styles = ctx.styles
    color = styles.colors.accent.hexval().replace("0x", "#")
    style = styles.body.clone("source_entry", leftIndent=14, firstLineIndent=-14,
                              spaceAfter=styles.body.spaceAfter * 0.7)
    result: list[Flowable] = [_heading(ctx, "Sources", "sources")]
    for index, (name, used) in enumerate(ctx.cited.items(), start=1):
        dataset = ctx.brief.datasets[name]
        text = f"{index}.&nbsp;&nbsp;{ctx.text(dataset.source, ('data', name, 'source'))}"
        if dataset.note:
            text += f". {ctx.text(dataset.note, ('data', name, 'note'))}"
        if dataset.url:
            text += (f'. <a href="{attribute(dataset.url)}" color="{color}">'
                     f"{ctx.text(dataset.url, ('data', name, 'url'))}</a>")
        if used:
            text += f' <font color="{styles.colors.muted.hexval().replace("0x", "#")}">' \
                    f"(used in {', '.join(used)})</font>"
        result.append(Paragraph(text, style))
    return result


def _about(ctx: Context) -> list[Flowable]:
    spec = ctx.brief.spec
    if spec.about:
        return [_heading(ctx, "About the authors", "about"),
                *markdown_flowables(ctx, spec.about, ("about",))]
    if not spec.authors:
        return []
    result: list[Flowable] = [_heading(ctx, "About the authors", "about")]
    for index, author in enumerate(spec.authors):
        where = ("authors", index)
        text = f"<b>{ctx.text(author.name, (*where, 'name'))}</b>"
        if author.affiliation:
            text += f", {ctx.text(author.affiliation, (*where, 'affiliation'))}"
        text += "."
        if author.bio:
            text += " " + ctx.text(author.bio, (*where, "bio"))
        result.append(Paragraph(text, ctx.styles.body))
    return result
