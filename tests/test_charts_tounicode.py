"""Chart fonts carry a correct /ToUnicode CMap that readers (poppler, pypdf) can find."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from briefing.build import build

SPEC = Path(__file__).parent / "specs" / "charts" / "bar-only.yaml"
LABELS = ["Pakistan", "India", "China", "South Korea", "0.16%", "0.8%", "2.65%", "5.2%"]


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # module-scoped, so it runs before conftest's per-test cache: give it its own
    folder = tmp_path_factory.mktemp("tounicode")
    return build(SPEC, folder / "bar-only.pdf", cache_dir=folder / "cache", jobs=1)


def chart_fonts(reader: PdfReader) -> list[tuple[object, object]]:
    """Return (reference, font) for every font of every form XObject, each font once."""
    found, seen = [], set()

    def visit(resources) -> None:
        for ref in (resources or {}).get("/XObject", {}).values():
            form = ref.get_object()
            for font_ref in form.get("/Resources", {}).get("/Font", {}).values():
                font = font_ref.get_object()
                if id(font) not in seen:
                    seen.add(id(font))
                    found.append((font_ref, font))
            visit(form.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def unicode_map(cmap: str) -> dict[int, str]:
    """Return code -> text of a ToUnicode CMap (bfchar and bfrange, as PDF 9.10.3 has them)."""
    hex_ = "<([0-9A-Fa-f]+)>"
    found: dict[int, str] = {}

    def text(code: str) -> str:
        return bytes.fromhex(code).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(hex_ + r"\s*" + hex_, block):
            found[int(code, 16)] = text(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, target in re.findall(
                hex_ + r"\s*" + hex_ + r"\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            values = re.findall(hex_, target)
            for i in range(int(high, 16) - int(low, 16) + 1):
                if target.startswith("["):
                    found[int(low, 16) + i] = text(values[i])
                else:
                    start = bytes.fromhex(values[0])
                    last = int.from_bytes(start[-2:], "big") + i
                    found[int(low, 16) + i] = text(start[:-2] + last.to_bytes(2, "big"))
    return found


def test_every_chart_font_is_indirect_with_a_tounicode_cmap(pdf_path):
    fonts = chart_fonts(PdfReader(pdf_path))
    assert fonts
    for reference, font in fonts:
        # poppler finds a font's /ToUnicode only through the font's own object
        assert isinstance(reference, IndirectObject), font["/BaseFont"]
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        assert "begincmap" in font["/ToUnicode"].get_object().get_data().decode("ascii")


def test_tounicode_agrees_with_the_embedded_font_program(pdf_path):
    from fontTools.ttLib import TTFont

    for _, font in chart_fonts(PdfReader(pdf_path)):
        cid_font = font["/DescendantFonts"][0].get_object()
        gids = cid_font["/CIDToGIDMap"].get_object().get_data()
        cid_to_gid = {cid: int.from_bytes(gids[2 * cid:2 * cid + 2], "big")
                      for cid in range(len(gids) // 2)}
        used = {cid for cid, gid in cid_to_gid.items() if gid}
        program = cid_font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        subset = TTFont(io.BytesIO(program))
        gid_text: dict[int, set[str]] = {}
        for code, glyph in subset.getBestCmap().items():
            gid_text.setdefault(subset.getGlyphID(glyph), set()).add(chr(code))
        mapped = unicode_map(font["/ToUnicode"].get_object().get_data().decode("ascii"))
        assert used <= set(mapped), font["/BaseFont"]
        for cid in used:
            assert mapped[cid] in gid_text.get(cid_to_gid[cid], ()), (font["/BaseFont"], cid)


def test_chart_labels_extract_as_text(pdf_path):
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    for label in LABELS:
        assert label in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler's pdffonts not on PATH")
def test_pdffonts_reports_unicode_maps_for_every_font(pdf_path):
    run = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True,
                         check=True)
    assert "Error" not in run.stderr
    rows = run.stdout.splitlines()[2:]
    assert any("CID TrueType" in row for row in rows)
    for row in rows:
        emb, sub, uni, number, generation = row.split()[-5:]
        assert (emb, uni) == ("yes", "yes"), row
        assert int(number) > 0, row
