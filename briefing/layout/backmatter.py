"""Back matter: the Sources section and About the authors."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..errors import all_of
from ..loader import Brief
from .context import Context, attribute, hex_color
from .flowables import Heading
from .markdown import markdown_flowables
from .paragraph import Paragraph


def back_matter(ctx: Context) -> list[Flowable]:
    """Return the Sources section (every dataset cited) and the About-the-authors block."""
    ctx.section_key = ""  # the back matter has no notes: a footnote in it is warned about
    return [*_sources(ctx), *_about(ctx)]


def back_matter_anchors(brief: Brief) -> set[str]:
    """Return the ids of the back-matter headings the brief prints, for links to check."""
    return {key for key, printed in (("sources", _has_sources(brief)),
                                     ("about", _has_about(brief))) if printed}


def _has_sources(brief: Brief) -> bool:
    """Return whether the brief has a Sources section: a figure or table cites a dataset."""
    return any(getattr(getattr(block, kind, None), "data", None) in brief.datasets
               for section in brief.spec.sections for block in section.blocks
               for kind in ("figure", "table"))


def _has_about(brief: Brief) -> bool:
    """Return whether the brief has an About-the-authors section."""
    return bool(brief.spec.about or brief.spec.authors)


def _heading(ctx: Context, title: str, key: str) -> Heading:
    return Heading(title, ctx.styles.h1, key=key, outline=title, rank=0)


def _sources(ctx: Context) -> list[Flowable]:
    """Return the Sources section: one entry per source, listing the figures and tables that
    use it, with what each dataset adds (the body cited, notes, links) on a line below."""
    if not _has_sources(ctx.brief):
        return []
    styles = ctx.styles
    color = hex_color(styles.colors.accent)
    muted = hex_color(styles.colors.muted)
    entry = styles.body.clone("source_entry", leftIndent=16, firstLineIndent=-16,
                              spaceAfter=styles.body.spaceAfter * 0.7, keepWithNext=0)
    detail = styles.source.clone("source_detail", leftIndent=16, spaceBefore=0,
                                 spaceAfter=styles.body.spaceAfter * 0.5, textColor=muted)
    groups: dict[str, list[str]] = {}
    for name in ctx.cited:
        groups.setdefault(_primary(ctx.brief.datasets[name].source), []).append(name)
    result: list[Flowable] = [_heading(ctx, "Sources", "sources")]
    for index, (primary, names) in enumerate(groups.items(), start=1):
        datasets = [ctx.brief.datasets[name] for name in names]
        urls = {d.url for d in datasets}
        shared_url = urls.pop() if len(urls) == 1 else None
        where = ("data", names[0], "source")
        text = f"{index}.&nbsp;&nbsp;{ctx.text(primary, where)}."
        if shared_url:
            text += " " + _link(ctx, shared_url, ("data", names[0], "url"), color) + "."
        used = [label for name in names for label in ctx.cited[name]]
        if used:
            text += f' <font color="{muted}">Used in {_labels(used)}.</font>'
        details: list[Flowable] = []
        for name, dataset in zip(names, datasets, strict=True):
            parts = []
            extra = dataset.source[len(primary):].lstrip(" ,;.")
            if extra:
                parts.append(ctx.text(extra[0].upper() + extra[1:], ("data", name, "source")))
            if dataset.note:
                parts.append(ctx.text(dataset.note, ("data", name, "note")))
            if dataset.url and not shared_url:
                parts.append(_link(ctx, dataset.url, ("data", name, "url"), color))
            if parts:
                label = _labels(ctx.cited[name]) if len(names) > 1 else ""
                body = ". ".join(p.rstrip(".") for p in parts) + "."
                details.append(Paragraph(f"<b>{label}:</b> {body}" if label else body, detail))
        result.append(Paragraph(text, entry.clone("source_entry_kept",
                                                   keepWithNext=1) if details else entry))
        if len(details) >= 2:  # the last detail line never starts a page alone
            details[-2].keepWithNext = 1
        result += details
    return result


def _primary(source: str) -> str:
    """Return the publication a source line names, without what it cites or qualifies."""
    cut = len(source)
    for marker in (", citing ", "; "):
        at = source.find(marker)
        if at > 0:
            cut = min(cut, at)
    return source[:cut].rstrip(" .")


def _link(ctx: Context, url: str, where: tuple[str, ...], color: str) -> str:
    return f'<a href="{attribute(url)}" color="{color}">{ctx.text(url, where)}</a>'


def _labels(labels: list[str]) -> str:
    """Return labels such as ['Figure 1', 'Figure 2', 'Figure 3', 'Table 2'] as
    'Figures 1–3 and Table 2'."""
    kinds: dict[str, list[int]] = {}
    for label in labels:
        kind, _, number = label.rpartition(" ")
        if number.isdigit() and int(number) not in kinds.setdefault(kind, []):
            kinds[kind].append(int(number))
    parts = []
    for kind, numbers in kinds.items():
        runs: list[str] = []
        numbers.sort()
        start = prev = numbers[0]
        for n in [*numbers[1:], None]:
            if n is not None and n == prev + 1:
                prev = n
                continue
            runs += [f"{start}\u2013{prev}"] if prev - start >= 2 else \
                [str(x) for x in range(start, prev + 1)]
            if n is not None:
                start = prev = n
        plural = f"{kind}s" if len(numbers) > 1 else kind
        parts.append(f"{plural} {all_of(runs)}")
    return all_of(parts)


def _about(ctx: Context) -> list[Flowable]:
    spec = ctx.brief.spec
    if not _has_about(ctx.brief):
        return []
    if spec.about:
        return [_heading(ctx, "About the authors", "about"),
                *markdown_flowables(ctx, spec.about, ("about",))]
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
