"""Chart text set in the document's fonts: what matplotlib's text operators become."""

from __future__ import annotations

import re

import pytest
from reportlab.pdfbase import pdfdoc, pdfmetrics

from briefing.charts.draw import chart_font_name
from briefing.charts.text import FontReference, set_in_document_fonts
from briefing.fonts import FAMILY_NAMES, face_names, font_family, register_family

REGULAR = font_family("Source Sans Pro").regular


def reference(text: str) -> FontReference:
    """A font reference for the regular face whose codes 1, 2, ... stand for text's chars."""
    return FontReference(chart_font_name(REGULAR),
                         {code: char for code, char in enumerate(text, start=1)})


def codes(count: int, first: int = 1) -> str:
    return "".join(f"{code:04x}" for code in range(first, first + count))


def shown(content: bytes, document: pdfdoc.PDFDocument, font: str) -> str:
    """Return the text the rewritten content shows, read back through ReportLab's subsets."""
    state = pdfmetrics.getFont(font).state[document]
    text = []
    for subset, data in re.findall(rb"/F\d+\+(\d+) 8 Tf \[(.*?)\] TJ", content):
        characters = state.subsets[int(subset)]
        for hex_string in re.findall(rb"<([0-9a-f]*)>", data):
            text += [chr(characters[byte]) for byte in bytes.fromhex(hex_string.decode())]
    return "".join(text)


def test_a_kerned_string_keeps_its_kerning_and_reads_back():
    document = pdfdoc.PDFDocument()
    content = b"q 1 0 0 1 5 5 cm BT /F1 8 Tf 0 0 Td [<0001> -12.5 <00020003>] TJ ET Q"
    out, used = set_in_document_fonts(content, {"F1": reference("Pak")}, document)
    assert out.startswith(b"q 1 0 0 1 5 5 cm BT ") and out.endswith(b" ET Q")
    assert b"/F1 8 Tf" not in out and b"-12.5" in out
    assert shown(out, document, face_names("Source Sans Pro")["regular"]) == "Pak"
    assert len(used) == 1


def test_literal_strings_with_escapes_and_every_show_operator():
    document = pdfdoc.PDFDocument()
    # (\000\001) is code 1; the next string has an escaped parenthesis byte (0x29 = code 41)
    table = "ab" + "x" * 38 + "c"
    content = (b"BT /F1 8 Tf (\\000\\001) Tj 0 -9 Td [(\\000\\051)] TJ "
               b"(\\000\\002) ' 1 2 (\\000\\001) \" ET")
    out, _ = set_in_document_fonts(content, {"F1": reference(table)}, document)
    assert b"T* " in out and b"1 Tw 2 Tc T* " in out
    assert shown(out, document, face_names("Source Sans Pro")["regular"]) == "acba"


def test_text_in_fonts_that_are_not_references_is_left_as_it_is():
    document = pdfdoc.PDFDocument()
    content = b"BT /F9 8 Tf [<0001>] TJ ET 0 0 m 10 10 l S BT /F1 8 Tf [<0001>] TJ ET"
    out, _ = set_in_document_fonts(content, {"F1": reference("Z")}, document)
    assert out.startswith(b"BT /F9 8 Tf [<0001>] TJ ET 0 0 m 10 10 l S BT ")


def test_a_string_that_crosses_into_a_new_subset_switches_font_mid_string():
    document = pdfdoc.PDFDocument()
    font = pdfmetrics.getFont(register_family("Source Sans Pro").regular)  # registered here
    covered = [chr(c) for c in range(0xA1, 0x17F) if c in font.face.charToGlyph]
    assert len(covered) > 256 - 95  # more than ReportLab's first subset has room for
    content = f"BT /F1 8 Tf [<{codes(len(covered))}> 3 <0001>] TJ ET".encode()
    out, used = set_in_document_fonts(content, {"F1": reference("".join(covered))}, document)
    # subset 0 until it is full, then subset 1, then back to 0 for the last character; the
    # kerning before it stays in the array it followed
    assert len(used) == 2 and out.count(b" 8 Tf ") == 3
    assert b"> 3] TJ" in out
    assert shown(out, document, font.fontName) == "".join(covered) + covered[0]


def test_chart_characters_the_chart_font_lacks_are_located_warnings(tmp_path):
    import io

    from pypdf import PdfReader

    from briefing.compiler import compile_brief

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "g.csv").write_text('label,value\nRain ☂,3\n日本,1\n', encoding="utf-8")
    (tmp_path / "g.yaml").write_text(
        "title: Glyphs\ndate: 2025-05-15\ndata:\n  g:\n    file: data/g.csv\n"
        "    source: Test data\nsections:\n  - title: Charts\n    blocks:\n"
        "      - figure:\n          chart: bar\n          data: g\n          x: label\n"
        "          y: value\n          suffix: ' ⇄'\n          title: Glyphs\n"
        "          alt: Bar chart.\n", encoding="utf-8")
    result = compile_brief(tmp_path / "g.yaml", tmp_path / "g.pdf", jobs=1)
    found = {(str(w.location).rsplit("/", 1)[-1], w.message.split("'")[1],
              "DejaVu Sans instead" in (w.hint or "")) for w in result.warnings}
    assert found == {("g.csv:2:1", "☂", True), ("g.csv:3:1", "日", False),
                     ("g.csv:3:1", "本", False), ("g.yaml:15:19", "⇄", True)}
    pdf = PdfReader(io.BytesIO(result.pdf.read_bytes()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Rain ☂" in text and "⇄" in text  # drawn from the fallback font, not as boxes


def test_a_chart_whose_fonts_matplotlib_embedded_keeps_them(monkeypatch, tmp_path):
    """With a matplotlib whose PDF writer the font-reference patch does not fit, charts
    embed their own fonts as before, and those still reach the document."""
    import io

    from matplotlib.backends.backend_pdf import PdfFile
    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    from briefing.charts import mpl
    from briefing.charts.embed import ChartFlowable
    from briefing.charts.pipeline import draw_charts
    from briefing.loader import load_spec

    from .conftest import SPECS

    draw_charts(load_spec(SPECS / "charts" / "bar-only.yaml"), cache_dir=tmp_path, jobs=1)
    # as if the patch did not fit: matplotlib's own embedding, and no patching it again
    monkeypatch.setattr(PdfFile, "embedTTF", PdfFile.embedTTF.embedding)
    monkeypatch.setattr(mpl, "_font_reference", lambda embed: embed)
    charts = draw_charts(load_spec(SPECS / "charts" / "bar-only.yaml"),
                         cache_dir=tmp_path / "again", jobs=1)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([ChartFlowable(c) for c in charts.values()])
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    fonts = [f.get_object() for page in reader.pages
             for x in page["/Resources"]["/XObject"].values()
             for f in x.get_object()["/Resources"]["/Font"].values()]
    assert fonts and {f["/Subtype"] for f in fonts} == {"/Type0"}
    assert "Pakistan" in "".join(page.extract_text() for page in reader.pages)


def test_column_labels_a_chart_draws_are_checked_for_glyphs_too(tmp_path):
    """A line chart names its lines by their columns' labels: a character the chart font
    lacks there is a located warning, at the label in the spec or at the dataset."""
    from briefing.compiler import compile_brief

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "g.csv").write_text("year,phones,rain ☂\n2023,3,1\n2024,4,2\n",
                                             encoding="utf-8")
    (tmp_path / "g.yaml").write_text(
        "title: Glyphs\ndate: 2025-05-15\ndata:\n  g:\n    file: data/g.csv\n"
        "    source: Test data\n    columns:\n      phones: {label: Phones ☎}\n"
        "sections:\n  - title: Charts\n    blocks:\n"
        "      - figure:\n          chart: line\n          data: g\n          x: year\n"
        "          y: [phones, rain ☂]\n          title: Glyphs\n          alt: Lines.\n",
        encoding="utf-8")
    result = compile_brief(tmp_path / "g.yaml", tmp_path / "g.pdf", jobs=1)
    found = {(str(w.location).rsplit("/", 1)[-1], w.where, w.message.split("'")[1])
             for w in result.warnings}
    assert ("g.yaml:8:23", "data.g.columns.phones.label", "☎") in found
    assert ("g.yaml:8:7", "data.g.columns.rain ☂.label", "☂") in found  # the columns


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_chart_fonts_are_the_faces_without_their_layout_tables(family, tmp_path):
    from fontTools.ttLib import TTFont

    from briefing.charts.draw import _UNUSED_TABLES, chart_font

    for face in font_family(family).faces().values():
        copy = chart_font(face, tmp_path)
        assert copy == tmp_path / chart_font_name(face)
        original = TTFont(str(face))
        kept = TTFont(str(copy))
        assert sorted(kept.keys()) == sorted(set(original.keys()) - set(_UNUSED_TABLES))
        for tag in sorted(kept.reader.keys()):
            if tag != "head":  # whose checksum adjustment covers the whole file
                assert kept.reader[tag] == original.reader[tag], (face.name, tag)
