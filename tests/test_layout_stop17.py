"""Page layout at stop 17: balancing a last page of figures takes few layout passes."""

from __future__ import annotations

from .conftest import Built, column_of, text_runs


def test_a_last_page_of_figures_is_balanced_in_at_most_three_passes(
        journal_edge_cases: Built) -> None:
    # Column heights were searched for by halving an interval, each try a pass over the
    # whole story: 9 passes. The heights worth trying are those at which the first
    # setting's blocks could end a column; the shortest that holds the page is one of them.
    passes = journal_edge_cases.layout_passes
    assert passes <= 3, f"{passes} passes"
    last = text_runs(journal_edge_cases.pdf)[-1]
    where = {title: next((column_of(x), y) for text, x, y, _ in last if text == title)
             for title in ("Figure 14", "Figure 15", "Figure 16", "Sources")}
    assert [where[t][0] for t in where] == [0, 1, 1, 1], "in reading order, both columns used"
    # (a chart's own texts are in its coordinates: only the text around charts is measured)
    ends = [min(y for text, x, y, _ in last if column_of(x) == column
                and text.startswith(("Source:", "1."))) for column in (0, 1)]
    figure = where["Figure 14"][1] - ends[0]
    assert abs(ends[0] - ends[1]) < figure, "the columns end less than a figure apart"
