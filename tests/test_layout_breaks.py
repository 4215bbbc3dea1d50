"""Page breaks a typesetter would allow: nothing left alone at the foot or the top of a page.

Each test moves a block towards the page's end (more sentences of text before it, or more
rows) and checks every setting around the point where it reaches the next page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefing.compiler import BuildResult, compile_brief

from .conftest import FILLER, page_texts, write_brief

SENTENCE = "Pakistan's networks, power supply and skills have not kept pace with demand. "


def _brief(folder: Path, name: str, first: str, *, theme: str = "policy", data: str = "",
           after: str = "") -> Path:
    """Write folder/name.yaml: section "One" holds the blocks first, section "Next" holds
    after (or a paragraph)."""
    return write_brief(folder, first, data=data, theme=theme, name=name,
                       after=after or f"      - text: {FILLER}\n")


def _text(sentences: int) -> str:
    return f"      - text: {SENTENCE * sentences}\n" if sentences else ""


def _build(path: Path) -> BuildResult:
    return compile_brief(path, path.with_suffix(".pdf"), jobs=1)


def _page_of(pdf: Path, text: str) -> int:
    return next(n for n, page in enumerate(page_texts(pdf), start=1) if text in page)


def _last_on_page_one(build: Callable[[int], Path], marker: Callable[[int], str],
                      high: int = 80) -> int:
    """Return the largest count n (below high) whose build(n) sets marker(n) on page 1."""
    low = 0
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _page_of(build(middle), marker(middle)) == 1 \
            else (low, middle)
    return low


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


def _rows(count: int, note: str = "Line") -> str:
    rows = "".join(f"      - {{item: Row {n}, note: {note} {n}}}\n" for n in range(1, count + 1))
    return f"  items:\n    source: Test\n    rows:\n{rows}"


TABLE = "      - table: {data: items, title: Items}\n"
PAGE_BREAK = "      - page_break: true\n"


def _table_after(folder: Path, sentences: int, rows: int, between: str = "") -> Path:
    """Build a policy brief of sentences of text, a table of rows rows and the blocks
    between, then section "Next"; return its PDF."""
    first = _text(sentences) + TABLE + between
    return _build(_brief(folder, f"s{sentences}t{rows}{bool(between)}", first,
                         data=_rows(rows))).pdf


@pytest.fixture(scope="module")
def rows_ending_page_one(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], int]:
    """Return, for a number of sentences before a table, the most rows of the table whose
    last row is set on page 1; searched for once per number, for the tests that read it."""
    folder = tmp_path_factory.mktemp("tables")

    @functools.cache
    def rows(sentences: int) -> int:
        return _last_on_page_one(lambda n: _table_after(folder, sentences, n),
                                 lambda n: f"Row {n} ")
    return rows


@pytest.mark.parametrize("sentences", [0, 1, 2, 3])
def test_a_page_starts_with_its_content_not_with_leftover_space_or_a_blank_page(
        tmp_path: Path, rows_ending_page_one: Callable[[int], int], sentences: int) -> None:
    # The space after a table that ended a page was carried to the top of the next page, so
    # the heading there sat 29 pt lower than one that starts a page (here with 1 to 3
    # sentences before the table); and a page break after such a table made a blank page.
    def heading(rows: int, between: str = "") -> tuple[int, float]:
        return _heading_baseline(_table_after(tmp_path, sentences, rows, between), "2   Next")

    top = heading(1, PAGE_BREAK)
    assert top[0] == 2
    rows = rows_ending_page_one(sentences)  # the table ends page 1
    assert heading(rows) == top
    assert heading(rows, PAGE_BREAK) == top


@pytest.mark.parametrize("more", [1, 3, 40])
def test_a_table_split_across_pages_keeps_its_last_rows_with_its_source(
        tmp_path: Path, rows_ending_page_one: Callable[[int], int], more: int) -> None:
    # A table that fitted a page only without its source line left that line alone at the
    # top of the next page.
    rows = rows_ending_page_one(0) + more
    pdf = _table_after(tmp_path, 0, rows)
    source = _page_of(pdf, "Source: Test")
    assert source > 1
    assert _page_of(pdf, f"Row {rows - 1} ") == _page_of(pdf, f"Row {rows} ") == source
    assert "Item" in page_texts(pdf)[source - 1], "its header repeated"


def _around_the_break(tmp_path: Path, block: str, last: str, theme: str = "policy",
                      data: str = "") -> list[Path]:
    """Return the builds of block after more and more sentences, from the last that sets
    its text last on page 1 to where the whole block is on page 2."""
    @functools.cache  # the search builds some of the settings returned
    def build(sentences: int) -> Path:
        return _build(_brief(tmp_path, f"s{sentences}", _text(sentences) + block,
                             theme=theme, data=data)).pdf

    ends = _last_on_page_one(build, lambda _: last, high=120)
    return [build(n) for n in range(ends, ends + 8)]


def test_a_pull_quote_is_never_split_from_its_attribution(tmp_path: Path) -> None:
    # Its attribution was left alone at the top of the next page, and a quote of four
    # lines was split two and two.
    words = "Cooperation must serve Pakistan's own targets, " * 5
    block = f"      - quote:\n          text: {words}\n          attribution: Chen et al.\n"
    for pdf in _around_the_break(tmp_path, block, "Chen et al."):
        assert _page_of(pdf, "Cooperation must") == _page_of(pdf, "Chen et al.")


@pytest.mark.parametrize("paragraphs", [
    ("Fund backup generation for the telecom sites that have none, starting with the most "
     "exposed ones, and raise research spending towards one per cent of GDP with joint "
     "laboratories in ICT.", "Report progress every year."),
    ("Three things matter most.",
     "Fund backup generation for the telecom sites that have none, starting with the most "
     "exposed ones, and raise research spending towards one per cent of GDP with joint "
     "laboratories in ICT and semiconductors, tied to placements in industry.")])
def test_a_callout_leaves_no_single_line_on_either_side_of_a_page_break(
        tmp_path: Path, paragraphs: tuple[str, str]) -> None:
    first, second = paragraphs
    block = (f"      - callout:\n          title: Recommendations\n          text: |\n"
             f"            {first}\n\n            {second}\n")
    for pdf in _around_the_break(tmp_path, block, second[-20:]):
        # a one-line paragraph stays with a line of the other paragraph
        assert _page_of(pdf, first[:20]) == _page_of(pdf, second[:20]) \
            or _page_of(pdf, first[-20:]) == _page_of(pdf, second[:20])


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_a_table_of_tall_rows_starts_with_its_title_and_two_rows(tmp_path: Path,
                                                                 theme: str) -> None:
    # Rows of several lines: the label and title were left at a page's or column's foot with
    # the table on the next, or the table began there with one row.
    note = "A note long enough to wrap onto several lines of its cell and more " * 3
    data = _rows(30, note=note)
    for pdf in _around_the_break(tmp_path, TABLE, "Items", theme=theme, data=data)[:4]:
        texts = page_texts(pdf)
        page = next(t for t in texts if "Table 1" in t)
        assert "Row 1 " in page and "Row 2 " in page


def _number(row: int) -> str:
    return f"{21699 + 1111 * row}.{row % 9 + 1}7"


def test_numbers_in_a_table_too_wide_for_its_column_are_never_broken(tmp_path: Path
                                                                      ) -> None:
    columns = [f"indicator number {n} with a long name" for n in range(1, 8)]
    rows = "".join("      - {" + ", ".join(f"'{c}': {_number(r)}"
                                            for c in columns) + f", region: Region {r}}}\n"
                   for r in range(30))  # too long to span the columns
    data = f"  wide:\n    source: Test\n    rows:\n{rows}"
    block = "      - table: {data: wide, title: Regional indicators}\n"
    result = _build(_brief(tmp_path, "wide", block, theme="journal", data=data))
    text = " ".join(page_texts(result.pdf))
    for r in range(30):
        assert _number(r) in text
    assert any("columns do not fit" in w.message and "words in it are broken" in w.message
               for w in result.warnings)


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_a_lead_in_ending_with_a_colon_stays_with_its_list(tmp_path: Path, theme: str) -> None:
    block = ("      - text: |\n          Three lines of work matter most:\n\n"
             "          - Energy and networks, with backup power for telecom sites.\n"
             "          - Training, with joint programmes for engineers.\n")
    for pdf in _around_the_break(tmp_path, block, "joint programmes", theme=theme):
        texts = page_texts(pdf)
        page = next(t for t in texts if "matter most:" in t)
        assert "Energy and networks" in page


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_a_pull_quote_taller_than_a_page_starts_where_it_is(tmp_path: Path, theme: str
                                                             ) -> None:
    # Kept whole, it moved to the next page first and left this one nearly empty.
    words = "Cooperation must serve Pakistan's own targets. " * 70
    block = (f"      - text: Start.\n      - quote:\n          text: {words}\n"
             "          attribution: Chen et al.\n")
    pdf = _build(_brief(tmp_path, "long-quote", block, theme=theme)).pdf
    assert _page_of(pdf, "Start.") == _page_of(pdf, "Cooperation must serve") == 1


def test_a_table_whose_last_rows_and_source_overfill_a_column_still_builds(
        tmp_path: Path) -> None:
    # Rows of ~500 pt each in a journal column: the last two rows with the source were
    # taller than the column, which stopped the build ('a block is too tall for any page').
    note = "The while stays each new quarter and reports every power cut " * 14
    rows = "".join(f"      - {{district: District {n}, note: '{note}{n}', subscribers: "
                   f"{1200 + n}, growth: {n + 1}.5}}\n" for n in range(4))
    data = f"  t:\n    source: Office\n    rows:\n{rows}"
    block = "      - text: Start.\n      - table: {data: t, title: Tall rows}\n"
    pdf = _build(_brief(tmp_path, "tall", block, theme="journal", data=data)).pdf
    text = " ".join(page_texts(pdf))
    assert all(f"District {n}" in text for n in range(4)) and "Source: Office" in text


def test_a_callout_leaves_no_single_list_line_on_either_side_of_a_page_break(
        tmp_path: Path) -> None:
    items = "".join(f"            - Point {n} on power supply, networks and the skills of "
                    f"engineers.\n              - Sub {n}a.\n              - Sub {n}b.\n"
                    for n in range(1, 5))
    block = f"      - callout:\n          title: What matters\n          text: |\n{items}"
    for pdf in _around_the_break(tmp_path, block, "Sub 4b."):
        assert _page_of(pdf, "Sub 4a.") == _page_of(pdf, "Sub 4b.")
        assert _page_of(pdf, "What matters") == _page_of(pdf, "Point 1 on")
