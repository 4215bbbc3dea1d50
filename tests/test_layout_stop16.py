"""Page layout leftovers: a last page of figures shared out between its two columns, and a
long lead-in that keeps its last lines with its list."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from briefing.compiler import BuildResult, compile_brief

from .conftest import FILLER, Built, column_of, page_and_column, page_texts, text_runs, write_brief


def _build(path: Path) -> BuildResult:
    return compile_brief(path, path.with_suffix(".pdf"), jobs=1)


# 1. A last page of figures is shared out between its columns.

def test_a_last_page_of_figures_is_shared_out_between_its_two_columns(
        journal_edge_cases: Built) -> None:
    # Its three figures and the Sources were all set in the first column, the second left
    # empty: columns shortened to an even share could not hold figures that do not split,
    # and no taller columns were tried.
    pdf = journal_edge_cases.pdf
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
        figure_at = page_and_column(pdf, "Figure 1")
        assert figure_at == page_and_column(pdf, "Source: Survey data"), sentences


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


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_a_long_lead_in_keeps_its_last_lines_with_its_list(tmp_path: Path, theme: str) -> None:
    # A lead-in of more than three lines was not kept with its list: at the foot of a
    # page (or column) it was left whole, the list on the next. Now its last lines go on
    # with the list, and the lines above them may stay at the foot.
    @functools.cache  # the search builds some of the settings checked
    def lead_in_after(sentences: int) -> Path:
        return _lead_in_after(tmp_path, sentences, theme)

    low, high = 0, 120  # the last number of sentences that leaves the colon on page one
    while high - low > 1:
        middle = (low + high) // 2
        on_one = page_and_column(lead_in_after(middle), "most:")[0] == 0
        low, high = (middle, high) if on_one else (low, middle)
    split_above = False
    for sentences in range(low - 8, low + 2):
        pdf = lead_in_after(sentences)
        colon = page_and_column(pdf, "most:")
        assert page_and_column(pdf, "Energy and networks") == colon, f"{sentences} sentences before"
        split_above |= page_and_column(pdf, "The review of the programme") != colon
    assert split_above, "a long lead-in may break above the lines it keeps with its list"
