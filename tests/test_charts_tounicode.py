"""Chart text is set in the document's embedded TrueType subsets, whose /ToUnicode CMaps
readers (poppler, pypdf) find and which agree with the glyphs shown."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from briefing.compiler import build

SPEC = Path(__file__).parent / "specs" / "charts" / "bar-only.yaml"
LABELS = ["Pakistan", "India", "China", "South Korea", "0.16%", "0.80%", "2.65%", "5.20%"]


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
    reader = PdfReader(pdf_path)
    fonts = chart_fonts(reader)
    assert fonts
    page_fonts = {ref.idnum for page in reader.pages
                  for ref in page["/Resources"]["/Font"].values()}
    for reference, font in fonts:
        # poppler finds a font's /ToUnicode only through the font's own object
        assert isinstance(reference, IndirectObject), font["/BaseFont"]
        assert font["/Subtype"] == "/TrueType"
        assert "begincmap" in font["/ToUnicode"].get_object().get_data().decode("ascii")
        # the very font objects the body text uses: each face is embedded once
        assert reference.idnum in page_fonts, font["/BaseFont"]


def test_tounicode_agrees_with_the_embedded_font_program(pdf_path):
    from fontTools.ttLib import TTFont

    from briefing.fonts import font_family

    originals = {}
    for path in font_family("Source Sans Pro").faces().values():
        original = TTFont(str(path))
        originals[original["name"].getDebugName(6)] = original
    for _, font in chart_fonts(PdfReader(pdf_path)):
        original = originals[font["/BaseFont"].split("+", 1)[1]]
        program = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        subset = TTFont(io.BytesIO(program))
        # a symbolic (3,0) or Mac (1,0) cmap: codes are the subset's own, not Unicode
        glyph_of_code = next(table.cmap for table in subset["cmap"].tables if table.cmap)
        mapped = unicode_map(font["/ToUnicode"].get_object().get_data().decode("ascii"))
        assert mapped, font["/BaseFont"]
        for code, glyph in glyph_of_code.items():
            # every glyph the subset can show reads back as the character it draws
            shown = subset["glyf"][glyph]
            meant = original["glyf"][original.getBestCmap()[ord(mapped[code])]]
            assert shown.getCoordinates(subset["glyf"])[0] == \
                meant.getCoordinates(original["glyf"])[0], (font["/BaseFont"], code)


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
    names = [row.split()[0] for row in rows]
    assert len(names) == len(set(names)) <= 4  # the faces used, not a copy per chart
    for row in rows:
        emb, sub, uni, number, generation = row.split()[-5:]
        assert (emb, uni) == ("yes", "yes"), row
        assert int(number) > 0, row
