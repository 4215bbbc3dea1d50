"""Importing matplotlib for drawing charts: without the help text only interactive use reads,
and with chart text left for the document's own fonts to set.

Chart PDFs are never shown on their own: `embed.py` places each one in a brief, where the
chart's text is set in the same embedded TrueType fonts as the body text. So matplotlib
does not embed (and subset) a copy of each face in every chart, which was ~45 % of the time
a chart took to draw; it writes a *font reference* instead, naming the font file and the
character each code of the chart's text stands for:

    << /Type /Font /Subtype /Type0 /Encoding /Identity-H /BaseFont /SourceSansPro-Regular
       /BriefingFont (hex of the file name) /BriefingCodes (code=UTF-16BE hex ...) >>

The file name, not its path, so a chart's bytes do not depend on where the cache is: chart
fonts are copies of a theme family's faces (`draw.chart_font`) or matplotlib's own fonts.

With another matplotlib, whose PDF writer embeds fonts through other internals, fonts are
embedded as before and `embed.py` keeps them.
"""

from __future__ import annotations

import inspect
import os
from typing import Any

from ..quick_imports import defer

REFERENCE_KEY = "BriefingFont"
"""The key that marks a font dictionary as a reference to a font file, not an embedded font."""
CODES_KEY = "BriefingCodes"


def import_matplotlib() -> None:
    """Import matplotlib's artists and PDF writer, patched as this module describes."""
    defer("fontTools.subset")  # only embedding fonts uses it (~0.15 s to import)
    from matplotlib.artist import Artist

    if "_update_set_signature_and_docstring" in vars(Artist):
        # Each Artist subclass inspects all its setters and their docstrings, as it is
        # defined, to write the signature and help text of its `set()`: ~0.15 s of the ~1 s
        # matplotlib takes to import here. `set()` itself works the same without them.
        # So this must come before the import below, which defines nearly all of them.
        Artist._update_set_signature_and_docstring = classmethod(  # noqa: SLF001
            lambda cls: None)
    from matplotlib.backends import backend_pdf

    writer = backend_pdf.PdfFile
    embed = vars(writer).get("embedTTF")
    if embed is not None and not getattr(embed, "briefing", False) and \
            list(inspect.signature(embed).parameters) == ["self", "filename", "subset_index",
                                                          "charmap"]:
        writer.embedTTF = _font_reference(embed)


def _font_reference(embed: Any) -> Any:
    def font_reference(self: Any, filename: str, subset_index: int,
                       charmap: dict[int, int]) -> Any:
        import matplotlib

        tracker = getattr(self, "_character_tracker", None)
        if matplotlib.rcParams["pdf.fonttype"] != 42 or \
                not hasattr(tracker, "subset_to_unicode"):
            return embed(self, filename, subset_index, charmap)
        from matplotlib.backends.backend_pdf import Name
        from matplotlib.font_manager import get_font

        reference = self.reserveObject("font reference")
        self.writeObject(reference, {
            "Type": Name("Font"), "Subtype": Name("Type0"), "Encoding": Name("Identity-H"),
            "BaseFont": Name(get_font(filename).postscript_name),
            REFERENCE_KEY: _hex(os.path.basename(filename)),
            CODES_KEY: _code_table(tracker, filename, subset_index, charmap)})
        return reference

    font_reference.briefing = True  # type: ignore[attr-defined]
    font_reference.embedding = embed  # type: ignore[attr-defined]
    return font_reference


def _code_table(tracker: Any, filename: str, subset_index: int, charmap: dict[int, int]
                ) -> str:
    """Return `code=UTF-16BE hex` of each code of a font subset, space-separated."""
    return " ".join(
        f"{code:x}={_hex(tracker.subset_to_unicode(filename, subset_index, code), 'utf-16be')}"
        for code in sorted(charmap))


def _hex(text: str, encoding: str = "utf-8") -> str:
    return text.encode(encoding).hex()
