"""The TrueType font: `splitString` gives what ReportLab's gives, and every character reads
back from the PDF."""

from __future__ import annotations

import random
import warnings
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from briefing.compiler import compile_brief
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


def test_characters_beyond_u_ffff_read_back_from_the_pdf(tmp_path: Path) -> None:
    spec = tmp_path / "emoji.yaml"
    spec.write_text("title: Emoji\ndate: 2025-05-15\nsections:\n  - title: One\n    blocks:\n"
                    "      - text: \"Smile \U0001f600, then plain text.\"\n", encoding="utf-8")
    pdf = compile_brief(spec, tmp_path, cache_dir=tmp_path / "cache", jobs=1).pdf
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pypdf warns of an odd-length string in the map
        text = PdfReader(pdf).pages[0].extract_text()
    assert "Smile \U0001f600, then plain text." in text
