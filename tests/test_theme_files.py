"""The shipped themes load, differ where they should, and build the all-blocks brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.compiler import compile_brief
from briefing.theme import load_theme, theme_names

VALID = Path(__file__).parent / "specs" / "valid"


def test_shipped_themes() -> None:
    assert {"policy", "journal", "letter"} <= set(theme_names())
    policy, journal, letter = (load_theme(n) for n in ("policy", "journal", "letter"))
    assert (policy.page.columns, journal.page.columns) == (1, 2)
    assert journal.fonts.body == "Source Serif Pro"
    assert letter.page_size == (612.0, 792.0)
    assert letter.colors == policy.colors and letter.fonts == policy.fonts


@pytest.mark.parametrize("theme", ["policy", "journal", "letter"])
def test_all_blocks_builds_in_every_theme(tmp_path: Path, theme: str) -> None:
    result = compile_brief(VALID / "all-blocks.yaml", tmp_path / f"{theme}.pdf", theme=theme)
    pdf = PdfReader(result.pdf)
    width = float(pdf.pages[0].mediabox.width)
    assert width == pytest.approx(612.0 if theme == "letter" else 595.28, abs=0.1)
    assert 2 <= result.pages <= 8
    assert not [w for w in result.warnings if "glyph" in w.message]
