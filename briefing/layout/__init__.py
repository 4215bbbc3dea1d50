"""Layout: a brief and its charts become a Platypus story (placeholder: plain layout)."""

from __future__ import annotations

from typing import Any

from ..loader import Brief


def build_story(brief: Brief, charts: dict[Any, Any]) -> list[Any]:
    """Return the flowables of the brief: title, section headings and paragraphs."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(escape(brief.spec.title), styles["Title"])]
    for number, section in enumerate(brief.spec.sections, start=1):
        story.append(Paragraph(f"{number}. {escape(section.title)}", styles["Heading1"]))
        for block in section.blocks:
            text = getattr(block, "text", None)
            if isinstance(text, str):
                for paragraph in text.split("\n\n"):
                    story.append(Paragraph(escape(paragraph), styles["BodyText"]))
        story.append(Spacer(1, 6))
    return story
