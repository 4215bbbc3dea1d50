"""PNG previews: one image per page of a built PDF, written beside it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from .write import CHOOSE_AN_OUTPUT, write_output

DPI = 110
"""Resolution of previews: readable in a pull-request review, small enough to commit."""


def preview_paths(pdf: Path, pages: int) -> list[Path]:
    """Return where the previews of a PDF with that many pages go: NAME-1.png, NAME-2.png, …"""
    return [pdf.with_name(f"{pdf.stem}-{n}.png") for n in range(1, pages + 1)]


def write_previews(pdf: Path, dpi: int = DPI) -> list[Path]:
    """Render every page of pdf to a PNG beside it; return the PNG paths in page order.

    Previews of pages the PDF no longer has (left by an earlier, longer build) are removed.
    A preview that cannot be written is an InputError.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.read_bytes())
    try:
        written = []
        for number, target in enumerate(preview_paths(pdf, len(document))):
            page = document[number]
            try:
                image = page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            written.append(write_output(target, buffer.getvalue(), "the page previews",
                                        CHOOSE_AN_OUTPUT))
    finally:
        document.close()
    _remove_stale(pdf, len(written))
    return written


def _remove_stale(pdf: Path, pages: int) -> None:
    pattern = re.compile(rf"{re.escape(pdf.stem)}-(\d+)\.png")
    for file in pdf.parent.glob(f"{pdf.stem}-*.png"):
        match = pattern.fullmatch(file.name)
        if match and int(match.group(1)) > pages:
            file.unlink(missing_ok=True)
