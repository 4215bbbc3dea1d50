"""The quicker `splitString` gives what ReportLab's gives, call by call."""

from __future__ import annotations

import random

from reportlab.pdfbase.ttfonts import TTFont

from briefing.fonts import font_family
from briefing.truetype import TrueTypeFont


class _Document:
    """Stands for a document: fonts keep their codes per document."""


def test_split_string_gives_what_reportlab_gives() -> None:
    face = next(iter(font_family("Source Sans Pro").faces().values()))
    reportlab, quick = TTFont("Plain", str(face)), TrueTypeFont("Quick", str(face))
    # no-break spaces, characters the font lacks, and enough characters for three subsets
    alphabet = "ab 01\xa0\u4e2d\U0001f600" + "".join(map(chr, sorted(quick.face.charToGlyph)[:700]))
    choose = random.Random(4).choice
    one, other = _Document(), _Document()
    for _ in range(5_000):
        text = "".join(choose(alphabet) for _ in range(choose(range(13))))
        assert quick.splitString(text, one) == reportlab.splitString(text, other), text
    assert len(quick.state[one].subsets) == len(reportlab.state[other].subsets) == 3
