"""Page layout leftovers: a last page of figures shared out between its two columns, a long
lead-in that keeps its last lines with its list, and a wide table waiting where the text
ends set under the text on that page."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.compiler import BuildResult, compile_brief
from briefing.layout.styles import build_styles
from briefing.theme import MM, load_theme

from .conftest import (
    FILLER,
    SPECS,
    Run,
    column_of,
    page_texts,
    text_block,
    text_runs,
    wide_rows,
    write_brief,
)


def _build(path: Path, theme: str | None = None) -> BuildResult:
    return compile_brief(path, path.with_suffix(".pdf"), theme=theme, jobs=1)


# 1. A last page of figures is shared out between its columns.

def test_a_last_page_of_figures_is_shared_out_between_its_two_columns(tmp_path: Path
                                                                      ) -> None:
    # Its three figures and the Sources were all set in the first column, the second left
    # empty: columns shortened to an even share could not hold figures that do not split,
    # and no taller columns were tried.
    pdf = compile_brief(SPECS / "charts" / "edge-cases.yaml", tmp_path / "out.pdf",
                        theme="journal", jobs=1).pdf
    last = text_runs(pdf)[-1]
    columns = {title: column_of(next(x for text, x, _, _ in last if text == title))
               for title in ("Figure 14", "Figure 15", "Figure 16", "Sources")}
    assert set(columns.values()) == {0, 1}, f"both columns hold something: {columns}"
    assert columns["Figure 14"] == 0 and columns["Sources"] == 1, "in reading order"
    assert len(page_texts(pdf)) == 3, "no page more"



def test_balancing_never_splits_a_figure_that_reached_the_last_page_on_its_own(
        tmp_path: Path) -> None:
    # A figure that did not fit at the foot of a page reaches the next one as its parts,
    # one after another; balancing did not know they must stay together, and columns
    # shorter than the figure set its source line at the top of the second column.
    data = "  shares:\n    source: Survey data\n    rows:\n" + "".join(
        f"      - {{country: Country {n}, share: {n}}}\n" for n in range(1, 9))
    figure = ("      - figure: {chart: bar, data: shares, x: country, y: share, "
              "title: Shares by country, aspect: 0.8}\n")
    for sentences in range(50, 70, 2):
        path = write_brief(tmp_path, f"      - text: {SENTENCE * sentences}\n" + figure,
                           theme="journal", data=data, name=f"s{sentences}")
        pdf = _build(path).pdf
        assert _where(pdf, "Figure 1") == _where(pdf, "Source: Survey data"), sentences


# 2. A long lead-in keeps its last lines with its list.

SENTENCE = "Pakistan's networks, power supply and skills have not kept pace with demand. "
LONG_LEAD_IN = ("The review of the programme looked at every line of work. " + SENTENCE * 4
                + "Of all of them, three lines of work matter most:")
LIST = ("          - Energy and networks, with backup power for telecom sites.\n"
        "          - Training, with joint programmes for engineers.\n")


def _lead_in_after(tmp_path: Path, sentences: int, theme: str) -> Path:
    """Build a brief of sentences of text, then a long lead-in and its list; return its PDF."""
    text = f"      - text: {SENTENCE * sentences}\n" if sentences else ""
    block = f"      - text: |\n          {LONG_LEAD_IN}\n\n{LIST}"
    return _build(write_brief(tmp_path, text + block, theme=theme, name=f"s{sentences}",
                              after=f"      - text: {FILLER}\n")).pdf


def _where(pdf: Path, text: str) -> tuple[int, int]:
    """Return the page and the column of the first text run that holds text."""
    return next((number, column_of(x)) for number, runs in enumerate(text_runs(pdf))
                for run, x, _, _ in runs if text in run)


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_a_long_lead_in_keeps_its_last_lines_with_its_list(tmp_path: Path, theme: str) -> None:
    # A lead-in of more than three lines was not kept with its list: at the foot of a
    # page (or column) it was left whole, the list on the next. Now its last lines go on
    # with the list, and the lines above them may stay at the foot.
    low, high = 0, 120  # the last number of sentences that leaves the colon on page one
    while high - low > 1:
        middle = (low + high) // 2
        on_one = _where(_lead_in_after(tmp_path, middle, theme), "most:")[0] == 0
        low, high = (middle, high) if on_one else (low, middle)
    split_above = False
    for sentences in range(low - 8, low + 2):
        pdf = _lead_in_after(tmp_path, sentences, theme)
        colon = _where(pdf, "most:")
        assert _where(pdf, "Energy and networks") == colon, f"{sentences} sentences before"
        split_above |= _where(pdf, "The review of the programme") != colon
    assert split_above, "a long lead-in may break above the lines it keeps with its list"


# 3. A wide table waiting where the text ends starts on that page, under the text.

def _wide_table_after(tmp_path: Path, paragraphs: int, rows: int) -> Path:
    """Build a journal brief of paragraphs of text, then a table too wide for a column (it
    spans both) of rows rows; return its PDF."""
    blocks = (text_block("BEFORE-TABLE.", paragraphs)
              + "      - table:\n          data: wide\n          title: Closing table\n")
    data = f"  wide:\n    source: The Diplomatic Insight (2025)\n    rows:\n{wide_rows(rows)}\n"
    return _build(write_brief(tmp_path, blocks, theme="journal", data=data,
                              name=f"p{paragraphs}r{rows}")).pdf


def _text_above(runs: list[Run], y: float) -> dict[int, list[float]]:
    """Return the baselines of the body text above y on a page, by column."""
    lines: dict[int, list[float]] = {0: [], 1: []}
    for text, x, baseline, _ in runs:
        if baseline > y and ("communication" in text or "BEFORE-TABLE" in text):
            lines[column_of(x)].append(baseline)
    return lines


def test_a_wide_table_ending_the_text_is_set_under_it_on_its_page(tmp_path: Path) -> None:
    # It went to a page of its own, leaving the text's last page with its first column
    # half full and its second empty.
    pdf = _wide_table_after(tmp_path, paragraphs=6, rows=8)
    pages = text_runs(pdf)
    text_page = _where(pdf, "BEFORE-TABLE.")[0]
    assert _where(pdf, "Closing table")[0] == text_page, "the table starts where the text ends"
    runs = pages[text_page]
    title = next(y for text, _, y, _ in runs if text == "Closing table")
    lines = _text_above(runs, title)
    assert lines[0] and lines[1], "the text above the table is shared out between the columns"
    line = build_styles(load_theme("journal")).leading
    assert abs(min(lines[0]) - min(lines[1])) <= 2 * line, "the columns end level"
    assert min(min(lines[0]), min(lines[1])) - title < 4 * line, "no gap above the table"
    cells = [x for text, x, _, _ in runs if "Scaling up" in text]
    assert cells and min(cells) > _column_right(), "the table spans the columns"
    text = " ".join(page_texts(pdf))
    assert all(text.count(f"(row {n})") == 1 for n in range(1, 9))
    assert text.index("(row 8)") < text.index("Sources"), "the back matter comes after it"


def test_a_wide_table_ending_the_text_too_long_for_its_page_breaks_as_long_tables_do(
        tmp_path: Path) -> None:
    pdf = _wide_table_after(tmp_path, paragraphs=8, rows=8)
    texts = page_texts(pdf)
    text_page = _where(pdf, "BEFORE-TABLE.")[0]
    assert _where(pdf, "Closing table")[0] == text_page, "the table starts where the text ends"
    assert "(row 2)" in texts[text_page], "with at least two rows"
    rest = texts[text_page + 1]
    assert "(row 8)" in rest and "(row 7)" in rest and "Source: The Diplomatic" in rest
    assert "Initiative Partners When Result" in rest, "its header repeated"
    assert sum(t.count("(row 1)") for t in texts) == 1
    assert len(texts) == text_page + 2


def _column_right() -> float:
    theme = load_theme("journal")
    return theme.page.inner * MM + theme.frame_width


def test_tables_waiting_behind_a_wide_one_at_the_text_s_end_come_before_the_back_matter(
        tmp_path: Path) -> None:
    # A narrow table set aside to wait behind the wide one when the text ended let the
    # Sources slip in before both.
    narrow = ("  narrow:\n    source: Narrow source\n    rows:\n"
              "      - {country: Pakistan, share: 0.16}\n      - {country: India, share: 0.8}\n")
    wide = "".join(f"      - {{initiative: Initiative number {n} of the programme, partners: "
                   f"Ministry of Information Technology and Telecommunication, when: Since "
                   f"July 2024, result: 'Scaling up local digital-skills training (row {n})'}}\n"
                   for n in range(1, 6))
    blocks = (text_block("BEFORE.", 3) + "      - table: {data: wide, title: Wide first}\n"
              "      - table: {data: narrow, title: Narrow second}\n")
    data = f"  wide:\n    source: Wide source\n    rows:\n{wide}{narrow}"
    text = " ".join(page_texts(_build(write_brief(tmp_path, blocks, theme="journal",
                                                  data=data)).pdf))
    assert text.index("(row 5)") < text.index("Narrow second") < text.index("Sources")
