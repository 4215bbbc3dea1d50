"""Tests of the rendered PDF: text, outline, metadata, fonts, footers, links, same bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from briefing.compiler import compile_brief

VALID = Path(__file__).parent / "specs" / "valid"
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("render")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        result = compile_brief(VALID / "all-blocks.yaml", out / "all-blocks.pdf")
        again = compile_brief(VALID / "all-blocks.yaml", out / "again.pdf")
        stress = compile_brief(VALID / "bad-input.yaml", out / "bad-input.pdf")
    finally:
        mp.undo()
    return {"result": result, "again": again, "stress": stress,
            "pdf": PdfReader(result.pdf), "stress_pdf": PdfReader(stress.pdf)}


def _texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def _outline(items: list[Any]) -> list[str]:
    titles: list[str] = []
    for item in items:
        titles += _outline(item) if isinstance(item, list) else [item.title]
    return titles


def test_text_and_outline(built: dict[str, Any]) -> None:
    text = "\n".join(_texts(built["pdf"]))
    for phrase in ("Connecting Digital Pakistan", "Key messages", "Figure 1", "Table 1",
                   "Source: Chen, Liu, Shi and Zhang", "Sources", "About the authors"):
        assert phrase in text
    assert _outline(built["pdf"].outline) == [
        "Summary", "1 Challenges", "Infrastructure", "Measured speeds", "2 Cooperation",
        "3 Outlook", "4 Recommendations", "Sources", "About the authors"]


def test_metadata_and_language(built: dict[str, Any]) -> None:
    pdf = built["pdf"]
    meta = pdf.metadata
    assert meta["/Title"] == "Connecting Digital Pakistan"
    assert meta["/Author"] == "Jun Chen, Yifan Zhang"
    assert meta["/Subject"] == "China–Pakistan ICT cooperation"
    assert meta["/Keywords"] == "Pakistan, China, ICT, digital infrastructure"
    assert re.fullmatch(r"briefing \d+\.\d+\.\d+.*", meta["/Creator"])
    assert meta["/CreationDate"].startswith("D:20231114221320")
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def _fonts(resources: Any, seen: set[int]) -> list[Any]:
    found: list[Any] = []
    if resources is None:
        return found
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        if isinstance(xobject, IndirectObject):
            if xobject.idnum in seen:
                continue
            seen.add(xobject.idnum)
        found += _fonts(xobject.get_object().get("/Resources"), seen)
    return found


@pytest.mark.parametrize("name", ["pdf", "stress_pdf"])
def test_every_font_is_embedded_truetype(built: dict[str, Any], name: str) -> None:
    seen: set[int] = set()
    fonts = [f for page in built[name].pages for f in _fonts(page.get("/Resources"), seen)]
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"])
        assert not any(b in base for b in BASE14), base
        if font.get("/Subtype") == "/Type3":
            continue
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()[
            "/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), base
        assert re.match(r"/[A-Z]{6}\+", base), f"{base} is not subset"


@pytest.mark.parametrize("name", ["pdf", "stress_pdf"])
def test_page_n_of_m_on_every_body_page(built: dict[str, Any], name: str) -> None:
    texts = _texts(built[name])
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert re.search(rf"page\s+{number}\s+of\s+{total}\b", text, re.I), number


def test_long_table_repeats_its_header_on_each_page(built: dict[str, Any]) -> None:
    pages = [t for t in _texts(built["stress_pdf"]) if "District 1" in t or "District 0" in t]
    assert len(pages) >= 5
    for text in pages:
        assert re.search(r"District\s+Province\s+Subscribers\s+Growth\s+Note", text)


def test_markup_prints_literally(built: dict[str, Any]) -> None:
    text = "\n".join(_texts(built["stress_pdf"]))
    assert "<b>bold</b>" in text
    assert '<font name="Courier">x</font>' in text
    assert "&amp;" in text and "&lt;" in text
    assert "<div>An HTML block</div>" in text
    assert "Stress test: <b>markup</b> & very long words" in text
    assert "<b>not bold</b>, <para>, &amp;" in "\n".join(_texts(built["pdf"]))


def test_live_links(built: dict[str, Any]) -> None:
    uris, internal = [], 0
    for page in built["pdf"].pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(action["/URI"])
            elif annot.get("/Dest") is not None:
                internal += 1
    assert "https://thediplomaticinsight.com/" in uris
    assert internal >= 4  # the contents and the links to #challenges and #recommendations


def test_same_bytes_with_source_date_epoch(built: dict[str, Any]) -> None:
    assert built["result"].pdf.read_bytes() == built["again"].pdf.read_bytes()


def test_stress_warnings_are_located(built: dict[str, Any]) -> None:
    messages = [(w.where, w.message) for w in built["stress"].warnings]
    assert ("sections[0].blocks[0].text",
            "character '中' (U+4E2D) has no glyph in Source Sans Pro") in messages
    assert ("sections[2]", "section 'An empty section' has no blocks") in messages
    assert any(where == "sections[5].blocks[0].figure" and "scaled to" in message
               for where, message in messages)
    assert ("sections[1].blocks[0].text", "link to unknown id '#nowhere'") in messages


def test_page_budget_warning(tmp_path: Path) -> None:
    spec = (VALID / "all-blocks.yaml").read_text().replace("max_pages: 8", "max_pages: 2")
    path = tmp_path / "budget.yaml"
    path.write_text(spec.replace("file: data/", f"file: {VALID}/data/"))
    result = compile_brief(path, tmp_path / "budget.pdf")
    over = [w for w in result.warnings if w.where == "max_pages"]
    assert len(over) == 1
    assert over[0].message == (f"the brief has {result.pages} pages, {result.pages - 2} over "
                               "its budget of 2")


def test_a_table_cell_with_a_missing_glyph_is_located_at_the_cell(tmp_path: Path) -> None:
    (tmp_path / "cities.csv").write_text("city,people\nLahore,13\n北京 Beijing,21\n",
                                         encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "title: Cells\ndate: 2025-05-15\ndata:\n  cities:\n    file: cities.csv\n"
        "    source: Test data\nsections:\n  - title: Tables\n    blocks:\n"
        "      - table:\n          data: cities\n", encoding="utf-8")
    result = compile_brief(tmp_path / "t.yaml", tmp_path / "t.pdf")
    found = {(str(w.location).rsplit("/", 1)[-1], w.where, w.message.split("'")[1])
             for w in result.warnings}
    assert found == {("cities.csv:3:1", "cities.city", "北"), ("cities.csv:3:1", "cities.city",
                                                                "京")}
