"""Rendering a story into PDF bytes (placeholder: plain pages)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from .loader import Brief


@dataclass(frozen=True)
class RenderedPdf:
    """PDF bytes and the number of pages they hold."""

    pdf: bytes
    pages: int


def render_pdf(brief: Brief, story: list[Any]) -> RenderedPdf:
    """Return the PDF of the story with the brief's metadata."""
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, title=brief.spec.title, invariant=1,
                                 pagesize=brief.theme.page_size)
    document.build(story)
    return RenderedPdf(buffer.getvalue(), document.page)
