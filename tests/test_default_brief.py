"""The default brief and its fact sheet: they validate strictly, build, fit their page
budgets, and carry their sections, key numbers and a source line under every figure
and table."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BRIEFS = ROOT / "templates" / "briefs"
SPEC = BRIEFS / "china-pakistan-ict.yaml"
FACTSHEET = BRIEFS / "china-pakistan-ict-factsheet.yaml"
DATA = ROOT / "data"

SECTION_TITLES = [
    "Executive summary", "Context", "Challenges", "Cooperation", "Outlook",
    "Recommendations", "Sources", "About the authors",
]
KEY_NUMBERS = [
    "0.16%", "$3.223", "$2.827", "100th", "141st", "7.5 million", "42%", "21,000",
    "10–20 Mbps", "100 Mbps", "$1.1 billion", "Rs 10 billion", "75,000", "$342 million",
    "160", "425", "90%", "19.07%", "24.19%", "February 6, 2025",
]
AUTHORS = ["Jun Chen", "Feng Liu", "Tao Shi", "Yifan Zhang"]
ARTICLE = "The Diplomatic Insight"


def _build(spec: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(spec), "-o",
                             str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pdf = out / f"{spec.stem}.pdf"
    assert pdf.is_file()
    return pdf


def _pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [_normalise(page.extract_text() or "") for page in PdfReader(pdf).pages]


def _normalise(text: str) -> str:
    """Return text with runs of whitespace as single spaces and soft hyphens removed."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def _count_blocks(spec: Path, kind: str) -> int:
    from briefing.loader import load_spec

    brief = load_spec(spec)
    return sum(1 for section in brief.spec.sections for block in section.blocks
               if type(block).__name__ == f"{kind.capitalize()}Block")


@pytest.fixture(scope="module")
def brief_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _pages(_build(SPEC, tmp_path_factory.mktemp("brief")))


@pytest.fixture(scope="module")
def brief_text(brief_pages: list[str]) -> str:
    return " ".join(brief_pages)


@pytest.mark.parametrize("spec", [SPEC, FACTSHEET], ids=["brief", "factsheet"])
def test_the_spec_validates_strictly(spec: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "briefing", "validate", "--strict",
                             str(spec)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_the_brief_has_8_to_12_pages(brief_pages: list[str]) -> None:
    assert 8 <= len(brief_pages) <= 12


def test_the_cover_names_the_brief_and_its_authors(brief_pages: list[str]) -> None:
    cover = brief_pages[0]
    assert "policy brief" in cover.lower()  # the theme may set the label in capitals
    assert "Connecting Digital Pakistan" in cover
    for author in AUTHORS:
        assert author in cover, author


@pytest.mark.parametrize("title", SECTION_TITLES)
def test_every_section_is_in_the_text(brief_text: str, title: str) -> None:
    assert title in brief_text


@pytest.mark.parametrize("number", KEY_NUMBERS)
def test_the_key_numbers_are_in_the_text(brief_text: str, number: str) -> None:
    assert number in brief_text


def test_the_sources_name_the_article(brief_text: str) -> None:
    sources = brief_text[brief_text.rfind("Sources"):]
    assert ARTICLE in sources


@pytest.mark.parametrize("kind,label", [("figure", "Figure"), ("table", "Table")])
def test_every_figure_and_table_has_a_source_line(brief_text: str, kind: str,
                                                  label: str) -> None:
    expected = _count_blocks(SPEC, kind)
    assert expected >= (6 if kind == "figure" else 2)
    for number in range(1, expected + 1):
        assert re.search(rf"\b{label} {number}\b", brief_text), f"{label} {number} is missing"
        # The block's own "Source:" line follows its label before any other block's label.
        own_source = rf"\b{label} {number}\b(?:(?!\b(?:Figure|Table) \d).)*?Source:"
        assert re.search(own_source, brief_text, re.S), f"no 'Source:' line in {label} {number}"
    assert brief_text.count("Source:") >= _count_blocks(SPEC, "figure") + _count_blocks(
        SPEC, "table")


def test_the_brief_uses_at_least_five_chart_kinds() -> None:
    from briefing.loader import load_spec

    brief = load_spec(SPEC)
    kinds = {block.figure.chart for section in brief.spec.sections
             for block in section.blocks if type(block).__name__ == "FigureBlock"}
    assert len(kinds) >= 5, kinds


def test_every_dataset_cites_the_article_and_every_data_file_is_used() -> None:
    from briefing.loader import load_spec

    brief = load_spec(SPEC)
    used = set()
    for name, dataset in brief.spec.data.items():
        assert ARTICLE in dataset.source, name
        assert dataset.file is not None
        used.add((SPEC.parent / dataset.file).resolve())
    assert used == {p.resolve() for p in DATA.glob("*.csv")}


def test_the_fact_sheet_fits_on_two_pages(tmp_path: Path) -> None:
    pages = _pages(_build(FACTSHEET, tmp_path))
    assert len(pages) <= 2
    text = " ".join(pages)
    for number in ["$3.223", "42%", "7.5 million", "Source:"]:
        assert number in text, number
