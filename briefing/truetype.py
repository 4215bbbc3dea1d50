"""ReportLab's TrueType font, with a quicker way to turn text into its codes."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont


class TrueTypeFont(TTFont):
    """ReportLab's TTFont, with `splitString` quicker for text whose characters all have a
    code in the document's first subset already: most text once a page or two is set.

    ReportLab's own loops over the characters in Python (~10 ms of a warm rebuild of the
    default brief); this looks them all up at once, and leaves anything else (a character
    without a code yet, or one whose code is in a later subset) to ReportLab.
    """

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8"  # noqa: N802
                    ) -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and type(text) is str:
            # ReportLab sets a no-break space as a space
            codes = map(state.assignments.__getitem__, map(ord, text.replace("\xa0", " ")))
            try:
                line = bytes(codes)
            except (KeyError, ValueError):  # no code yet; a code ≥ 256
                pass
            else:
                return [(0, line)] if line else []
        return super().splitString(text, doc, encoding)
