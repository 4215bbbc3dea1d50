"""ReportLab's TrueType font, with a quicker way to turn text into its codes and a ToUnicode map
that gives every character back."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont


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

    def addObjects(self, doc: Any) -> None:  # noqa: N802
        """Add the font's subsets to doc, with a ToUnicode map that gives characters beyond
        U+FFFF (emoji, mathematical letters) back as UTF-16, as the PDF format requires:
        ReportLab writes their code point as it is (`<1F600>`), which readers cannot map
        back to the character."""
        state = self.state.get(doc)
        subsets = list(state.subsets) if state is not None else []
        super().addObjects(doc)
        for index, subset in enumerate(subsets):
            if max(subset, default=0) > 0xFFFF:
                name = b"".join((SUBSETN(index), b"+", self.face.name,
                                 self.face.subfontNameX)).decode("pdfdoc")
                stream = doc.idToObject[f"toUnicodeCMap:{name}"]
                stream.content = _in_utf16(stream.content, subset)


def _in_utf16(cmap: str, subset: list[int]) -> str:
    """Return ReportLab's ToUnicode map of subset with every character written in UTF-16."""
    for code, char in enumerate(subset):
        if char > 0xFFFF:
            utf16 = chr(char).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"\n<{code:02X}> <{char:04X}>\n", f"\n<{code:02X}> <{utf16}>\n")
    return cmap
