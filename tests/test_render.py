"""Tests of the rendered PDF: text, outline, metadata, fonts, footers, links, same bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from briefing.compiler import compile_brief

from .conftest import FILLER

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


def _heading_baseline(pdf: Path, title: str) -> tuple[int, float]:
    """Return the page (from 1) and the baseline of the line that reads title."""
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        found: list[float] = []

        def baseline(text: str, cm: list[float], *_: Any, lines: list[float] = found) -> None:
            if text.strip() == title:
                lines.append(cm[5])

        page.extract_text(visitor_text=baseline)
        if found:
            return number, round(found[0], 1)
    raise AssertionError(f"{title!r} not found")


def _table_then_section(folder: Path, rows: int, sentences: int = 0, between: str = "") -> Path:
    """Write a brief whose first section is sentences sentences of text, a table of rows
    rows and between (blocks), and whose second section is "Next"."""
    data = "".join(f"      - {{item: Row {n}, note: Line {n}}}\n" for n in range(1, rows + 1))
    intro = f"      - text: {SENTENCE * sentences}\n" if sentences else ""
    path = folder / f"table-{rows}-{sentences}{'-break' if between else ''}.yaml"
    path.write_text(
        "title: Test brief\ndate: 2025-05-15\ndata:\n  items:\n    source: Test\n"
        f"    rows:\n{data}sections:\n  - title: First\n    blocks:\n{intro}"
        f"      - table: {{data: items, title: Items}}\n{between}"
        f"  - title: Next\n    blocks:\n      - text: {FILLER}\n", encoding="utf-8")
    return path


SENTENCE = "Pakistan's networks, power supply and skills have not kept pace with demand. "


def _page_of(pdf: Path, text: str) -> int:
    return next(n for n, page in enumerate(PdfReader(pdf).pages, start=1)
                if text in page.extract_text())


def _fills_page(build: Any) -> int:
    """Return the most rows whose table still ends on page 1 (the table then ends the
    page: one row more and it splits), where build(rows) returns the built PDF."""
    fits, splits = 1, 80
    while splits - fits > 1:
        middle = (fits + splits) // 2
        fits, splits = (middle, splits) if _page_of(build(middle), f"Row {middle}") == 1 \
            else (fits, middle)
    return fits


@pytest.mark.parametrize("sentences", [0, 1, 2, 3])
def test_a_page_starts_with_its_content_not_with_leftover_space_or_a_blank_page(
        tmp_path: Path, sentences: int) -> None:
    # The space after a table that ended a page was carried to the top of the next page, so
    # the heading there sat 29 pt lower than one that starts a page (here with 1 to 3
    # sentences before the table); and a page break after such a table made a blank page.
    def build(rows: int, between: str = "") -> Path:
        spec = _table_then_section(tmp_path, rows, sentences, between)
        return compile_brief(spec, tmp_path / f"{spec.stem}.pdf", jobs=1).pdf

    page_break = "      - page_break: true\n"
    top = _heading_baseline(build(1, page_break), "2   Next")
    assert top[0] == 2
    rows = _fills_page(build)
    assert _heading_baseline(build(rows), "2   Next") == top
    assert _heading_baseline(build(rows, page_break), "2   Next") == top


@pytest.mark.parametrize("more", [1, 3, 40])
def test_a_table_split_across_pages_keeps_its_last_rows_with_its_source(
        tmp_path: Path, more: int) -> None:
    # A table that fitted a page only without its source line left that line alone at the
    # top of the next page.
    def build(rows: int) -> Path:
        spec = _table_then_section(tmp_path, rows)
        return compile_brief(spec, tmp_path / f"{spec.stem}.pdf", jobs=1).pdf

    rows = _fills_page(build) + more
    pdf = build(rows)
    source = _page_of(pdf, "Source: Test")
    assert source > 1
    assert _page_of(pdf, f"Row {rows - 1}") == _page_of(pdf, f"Row {rows}") == source
    assert "Item" in PdfReader(pdf).pages[source - 1].extract_text(), "its header repeated"
