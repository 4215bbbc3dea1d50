"""Fonts parsed once per font file: a kept font is the font ReportLab parses, or ignored."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from briefing.fonts import font_family
from briefing.parsed_fonts import _kept_path, truetype

from .conftest import Planted


@pytest.mark.parametrize("family", ["Source Sans Pro", "DejaVu Sans"])
def test_a_kept_font_is_the_font_reportlab_parses(family: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    path = font_family(family).bold
    truetype("Kept", path)  # parses and keeps it
    with monkeypatch.context() as patch:  # so the next one can only come from the kept file
        patch.setattr(TTFontFace, "__init__", lambda *args, **kwargs: pytest.fail("parsed"))
        kept = truetype("Kept", path)
    parsed = TTFont("Kept", str(path))
    assert kept is not parsed and kept.face is not parsed.face
    assert vars(kept.encoding) == vars(parsed.encoding)
    assert {k: v for k, v in vars(kept).items() if k not in ("face", "encoding", "state")} == \
        {k: v for k, v in vars(parsed).items() if k not in ("face", "encoding", "state")}
    assert {k: v for k, v in vars(kept.face).items() if k != "_pdfScale"} == \
        {k: v for k, v in vars(parsed.face).items() if k != "_pdfScale"}
    for units in (0, 1, 517, 2048, -93):
        assert kept.face._pdfScale(units) == parsed.face._pdfScale(units)
    assert kept.stringWidth("Pakistan’s 5G – 42%", 9.5) == parsed.stringWidth(
        "Pakistan’s 5G – 42%", 9.5)


@pytest.mark.parametrize("content", ["damaged", "planted"])
def test_a_damaged_or_planted_file_is_parsed_over(content: str, tmp_path: Path) -> None:
    path, marker = font_family("Source Sans Pro").italic, tmp_path / "ran"
    kept = _kept_path("Italic", path)
    assert kept is not None
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(b"\x80\x05garbage" if content == "damaged" else pickle.dumps(Planted(marker)))
    font = truetype("Italic", path)
    assert font.face.charToGlyph == TTFont("Italic", str(path)).face.charToGlyph
    assert not marker.exists()
    assert truetype("Italic", path).fontName == "Italic"  # and the file was made good again


def test_fonts_are_kept_in_the_cache_folder_the_build_was_given(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    spec = tmp_path / "b.yaml"
    spec.write_text("title: Fonts\ndate: 2025-05-15\nsections:\n  - title: One\n    blocks:\n"
                    "      - text: Some text.\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from briefing.compiler import compile_brief; "
            "compile_brief(Path(sys.argv[1]), Path(sys.argv[2]), cache_dir=Path(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(spec), str(tmp_path / "b.pdf"),
                    str(tmp_path / "given")], check=True,
                   env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "default")})
    assert len(list((tmp_path / "given" / "fonts" / "parsed").glob("*.pickle"))) == 4
    assert not (tmp_path / "default" / "fonts").exists()
