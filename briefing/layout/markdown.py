"""Markdown → flowables: CommonMark with footnotes; HTML and ReportLab markup print literally."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem
from reportlab.platypus.flowables import HRFlowable

from ..memo import Memo
from ..yamlsource import TreePath
from .context import Context, attribute, hex_color
from .flowables import Box, Heading, LeadIn
from .paragraph import Paragraph
from .typography import protect, restore

BULLETS = ("•", "–", "·")
@cache
def _parser() -> MarkdownIt:
    # No entity decoding and no HTML: `&amp;` and `<b>` stay the characters the author typed.
    # Smart quotes, but not inside what looks like a tag (`<font name="x">` prints as typed);
    # dashes are left to Context.text, which smartens every prose string.
    md = (MarkdownIt("commonmark", {"html": False, "typographer": True})
          .use(footnote_plugin).disable("entity").enable("smartquotes"))
    md.core.ruler.before("smartquotes", "protect_tags", _texts(protect))
    md.core.ruler.after("smartquotes", "restore_tags", _texts(restore))
    return md


def _texts(change: Callable[[str], str]) -> Callable[[StateCore], None]:
    def rule(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children:
                for child in token.children:
                    if child.type == "text":
                        child.content = change(child.content)
    return rule


def markdown_flowables(ctx: Context, source: str, where: TreePath,
                       style: ParagraphStyle | None = None) -> list[Flowable]:
    """Return the flowables of a Markdown text; its footnotes go to the section's notes."""
    tree = _tree(source)
    renderer = _Renderer(ctx, where, style or ctx.styles.body)
    return renderer.blocks(tree.children, 0)


def inline_markup(ctx: Context, source: str, where: TreePath) -> str:
    """Return a one-paragraph Markdown text as Paragraph markup; its footnotes go to the
    section's notes (outside a section they are warned about and left out)."""
    tree = _tree(source)
    renderer = _Renderer(ctx, where, ctx.styles.body)
    parts = [renderer.inline(node) for node in _inlines(tree)]
    for node in tree.children:
        if node.type == "footnote_block":
            renderer.block(node, 0)
    return "<br/>".join(part for part in parts if part)


_trees = Memo("markdown", 2048)
"""Markdown text → its syntax tree (read only: later builds reuse it)."""


def _tree(source: str) -> SyntaxTreeNode:
    """Return the syntax tree of a Markdown text."""
    return _trees.recall_or_make(source, lambda: SyntaxTreeNode(_parser().parse(source)))


def _inlines(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    if node.type == "inline":
        return [node]
    return [found for child in node.children if child.type != "footnote_block"
            for found in _inlines(child)]


class _Renderer:
    def __init__(self, ctx: Context, where: TreePath, style: ParagraphStyle) -> None:
        self.ctx = ctx
        self.where = where
        self.style = style
        self.notes: dict[int, int] = {}

    def blocks(self, nodes: list[SyntaxTreeNode], depth: int) -> list[Flowable]:
        result: list[Flowable] = []
        for node in nodes:
            made = self.block(node, depth)
            if depth == 0 and made and isinstance(made[0], ListFlowable) and result \
                    and self._leads_in(result[-1]):
                made[0] = LeadIn(result.pop(), made[0])
            result += made
        return result

    def _leads_in(self, flowable: Flowable) -> bool:
        """Return whether flowable is a paragraph that introduces what follows (it ends with
        a colon): its last lines are kept with the start of the list after it."""
        return isinstance(flowable, Paragraph) \
            and flowable.getPlainText().rstrip().endswith(":")

    def block(self, node: SyntaxTreeNode, depth: int) -> list[Flowable]:
        styles = self.ctx.styles
        kind = node.type
        if kind == "paragraph":
            return [Paragraph(self.inline(node.children[0]), self.style)]
        if kind == "heading":
            return [self.heading(node)]
        if kind in ("bullet_list", "ordered_list"):
            return [self.list(node, depth)]
        if kind in ("fence", "code_block"):
            text = self.ctx.text(node.content.rstrip("\n"), self.where, styles.mono_font)
            return [Paragraph(text.replace("\n", "<br/>").replace("  ", "&nbsp; "),
                              styles.code)]
        if kind == "blockquote":
            return [Box(self.blocks(node.children, depth), bar=styles.colors.rule, bar_width=2,
                        padding=6, space_before=0, space_after=styles.body.spaceAfter)]
        if kind == "hr":
            return [HRFlowable(width="100%", thickness=0.5, color=styles.colors.rule,
                               spaceBefore=4, spaceAfter=8)]
        if kind == "footnote_block":
            # outside a section (no notes to go to) each reference is warned about instead
            for note in node.children if self.ctx.section_key else ():
                self.footnote(note)
            return []
        if kind == "html_block":
            return [Paragraph(self.ctx.text(node.content.strip(), self.where), self.style)]
        return self.blocks(node.children, depth)

    def heading(self, node: SyntaxTreeNode) -> Heading:
        ctx = self.ctx
        rank = max(int(node.tag[1:]) - 1, 1)  # `#` and `##` rank alike, below the section
        title = "".join(child.content for child in node.children[0].walk()
                        if child.type in ("text", "code_inline"))
        ctx.subheadings += 1
        key = f"{ctx.section_key}-h{ctx.subheadings}"
        style = ctx.styles.h2 if rank == 1 else ctx.styles.h3
        return Heading(self.inline(node.children[0]), style, key=key, outline=title,
                       rank=rank, toc=rank == 1)

    def list(self, node: SyntaxTreeNode, depth: int) -> ListFlowable:
        styles = self.ctx.styles
        items = []
        for item in node.children:
            content = self.blocks(item.children, depth + 1)
            for flowable in content:
                if isinstance(flowable, Paragraph) and flowable.style is self.style:
                    flowable.style = _item_style(self.style)
            items.append(ListItem(content or [Paragraph("", self.style)]))
        ordered = node.type == "ordered_list"
        font = styles.body_font
        size = self.style.fontSize
        return ListFlowable(
            items, bulletType="1" if ordered else "bullet",
            start=node.attrs.get("start", 1) if ordered else BULLETS[depth % len(BULLETS)],
            bulletFormat="%s." if ordered else None, bulletFontName=font.regular,
            bulletFontSize=size, bulletColor=styles.colors.accent if not ordered
            else self.style.textColor, leftIndent=size * (1.9 if ordered else 1.4),
            bulletDedent="auto", spaceAfter=self.style.spaceAfter if depth == 0 else 0,
            spaceBefore=0)

    def footnote(self, node: SyntaxTreeNode) -> None:
        number = self.note_number(node.meta["id"])
        parts = [self.inline(inline) for inline in _inlines(node)]
        self.ctx.footnotes.append((f"{self.ctx.section_key}-fn{number}", " ".join(parts)))

    def note_number(self, local: int) -> int:
        if local not in self.notes:
            self.notes[local] = len(self.ctx.footnotes) + len(self.notes) + 1
        return self.notes[local]

    def inline(self, node: SyntaxTreeNode) -> str:
        return "".join(self.span(child) for child in node.children)

    def span(self, node: SyntaxTreeNode) -> str:
        ctx, kind = self.ctx, node.type
        inner = "".join(self.span(child) for child in node.children)
        if kind in ("text", "html_inline"):
            return ctx.text(node.content, self.where)
        if kind == "strong":
            return f"<b>{inner}</b>"
        if kind == "em":
            return f"<i>{inner}</i>"
        if kind == "s":
            return f"<strike>{inner}</strike>"
        if kind == "code_inline":
            mono = ctx.styles.mono_font
            size = round(self.style.fontSize * 0.88, 2)
            return (f'<font name="{mono.regular}" size="{size}">'
                    f"{ctx.text(node.content, self.where, mono)}</font>")
        if kind == "softbreak":
            return " "
        if kind == "hardbreak":
            return "<br/>"
        if kind == "link":
            target = ctx.link_target(str(node.attrs.get("href", "")), self.where)
            if target is None:
                return inner
            color = hex_color(ctx.styles.colors.accent)
            return f'<a href="{attribute(target)}" color="{color}">{inner}</a>'
        if kind == "image":
            return f"<i>{inner or ctx.text(str(node.attrs.get('alt', '')), self.where)}</i>"
        if kind == "footnote_ref":
            if not ctx.section_key:
                ctx.brief.warn(self.where, "footnote outside a section is not printed",
                               "write the note in the text of a section")
                return ""
            number = self.note_number(node.meta["id"])
            color = hex_color(ctx.styles.colors.accent)
            return (f'<super><a href="#{ctx.section_key}-fn{number}" color="{color}">'
                    f"{number}</a></super>")
        if kind == "footnote_anchor":
            return ""
        return inner


@cache
def _item_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-item", parent=style,
                          spaceAfter=style.spaceAfter * 0.4)
