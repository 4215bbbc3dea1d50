"""Wide tables on pages of two columns span both columns at the top of the next page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.compiler import compile_brief
from briefing.layout.flowables import NotesRule, SpanFloat
from briefing.layout.story import build_story
from briefing.layout.styles import build_styles
from briefing.loader import load_spec
from briefing.resources import default_spec
from briefing.theme import MM, load_theme

from .conftest import (
    FILLER,
    Run,
    column_of,
    column_right,
    page_and_column,
    page_texts,
    text_block,
    text_runs,
    wide_rows,
    write_brief,
)


def _spec(tmp_path: Path, blocks: str, *, wide: int = 5, extra: str = "") -> Path:
    return write_brief(tmp_path, blocks, theme="journal", data=f"""\
  wide:
    source: The Diplomatic Insight (2025)
    rows:
{wide_rows(wide)}
  narrow:
    source: The Diplomatic Insight (2025)
    rows:
      - {{country: Pakistan, share: 0.16}}
      - {{country: India, share: 0.8}}
{extra}""")


def _table(data: str, title: str, id_: str = "") -> str:
    ident = f"\n          id: {id_}" if id_ else ""
    return f"      - table:\n          data: {data}\n          title: {title}{ident}\n"


def _find(runs: list[Run], text: str) -> Run:
    return next(run for run in runs if text in run[0])


def test_a_wide_table_spans_both_columns_at_the_top_of_the_next_page(tmp_path: Path) -> None:
    blocks = (text_block("BEFORE-TABLE, see [the table](#wide-table).", 2)
              + _table("wide", "Wide initiatives", "wide-table")
              + text_block("AFTER-TABLE.", 8))
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    pages = text_runs(pdf)
    table_page = next(i for i, runs in enumerate(pages) if any("Wide initiatives" in r[0]
                                                               for r in runs))
    before = next(i for i, runs in enumerate(pages) if any("BEFORE-TABLE" in r[0] for r in runs))
    assert table_page == before + 1, "the table waits for the top of the next page, no further"
    runs = pages[table_page]
    theme = load_theme("journal")
    title, cell = _find(runs, "Wide initiatives"), _find(runs, "Scaling up")
    assert cell[1] > column_right(), "the last column lies beyond the first column's edge"
    assert title[2] > max(r[2] for r in runs if "communication technology" in r[0]), \
        "the table sits above the columns' text"
    # Set at the theme's size for table cells, not shrunk to fit a column.
    assert cell[3] == pytest.approx(build_styles(theme).cell.fontSize)
    # The text after the table fills the page the table left, and the one it is on.
    after = next(i for i, runs in enumerate(pages) if any("AFTER-TABLE" in r[0] for r in runs))
    assert after >= table_page
    assert any("communication technology" in r[0] for r in pages[before][-5:]), \
        "the page the table left is filled with text"
    # A link to the table's id leads to the page it is on, at its top.
    reader = PdfReader(pdf)
    links = [a.get_object() for a in reader.pages[before].get("/Annots", [])]
    destination = next(a["/Dest"] for a in links if a.get("/Subtype") == "/Link")
    assert reader.get_page_number(destination[0].get_object()) == table_page
    assert destination[3] == pytest.approx(title[2], abs=40)


def test_a_wide_table_ending_the_story_gets_a_page(tmp_path: Path) -> None:
    blocks = text_block("BEFORE-TABLE.", 1) + _table("wide", "Closing table")
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    pages = page_texts(pdf)
    assert "BEFORE-TABLE" in pages[0]
    assert "Closing table" in pages[-1] and "(row 5)" in pages[-1]


def test_wide_tables_in_a_row_keep_their_order(tmp_path: Path) -> None:
    blocks = (text_block("BEFORE.", 1) + _table("wide", "First wide")
              + _table("wide", "Second wide") + text_block("AFTER.", 4))
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    text = " ".join(page_texts(pdf))
    assert text.index("Table 1") < text.index("First wide") < text.index("Table 2") \
        < text.index("Second wide")
    assert text.count("(row 5)") == 2


def test_a_narrow_table_stays_in_its_column(tmp_path: Path) -> None:
    blocks = text_block("BEFORE.", 1) + _table("narrow", "Narrow shares") + text_block("AFTER.", 1)
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    theme = load_theme("journal")
    for runs in text_runs(pdf):
        for text, x, _, _ in runs:
            if text in {"Pakistan", "India", "0.16", "0.8"}:
                column = int((x - theme.page.inner * MM) // (theme.frame_width + theme.page.gap
                                                              * MM))
                left = theme.page.inner * MM + column * (theme.frame_width
                                                         + theme.page.gap * MM)
                assert x <= left + theme.frame_width, f"{text!r} runs out of its column"


@pytest.mark.parametrize("theme, spans", [("journal", 2), ("policy", 0), ("letter", 0)])
def test_which_tables_of_the_default_brief_span(theme: str, spans: int) -> None:
    # Tables 1 and 3 (four columns) would be shrunk or wrapped to twice their height in a
    # journal column; Table 2 reads well in one.
    story = build_story(load_spec(default_spec(), theme=theme), {})
    assert sum(isinstance(f, SpanFloat) for f in story.flowables) == spans


def test_a_wide_table_after_a_floating_figure_still_spans(tmp_path: Path) -> None:
    # the figure that leaves for the next column used to leave the table to be set in the
    # column at the page's width, over the other column's text
    figure = """\
      - figure:
          chart: bar
          data: narrow
          x: country
          y: share
          title: Shares
          aspect: 1.2
"""
    blocks = text_block("BEFORE.", 4) + figure + _table("wide", "Wide after figure") \
        + text_block("AFTER.", 6)
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    for runs in text_runs(pdf):
        titles = [r for r in runs if "Wide after figure" in r[0]]
        if titles:
            text = [r[2] for r in runs if "communication technology" in r[0]]
            assert titles[0][2] > max(text, default=0), "the table is above the columns"


def test_many_wide_tables_lose_nothing(tmp_path: Path) -> None:
    extra = "".join(f"""\
  tiny{n}:
    source: Source of tiny table {n}
    rows:
{wide_rows(1, f"tiny {n}")}
""" for n in range(1, 8))
    blocks = text_block("BEFORE.", 1) + "".join(_table(f"tiny{n}", f"Tiny {n}")
                                                 for n in range(1, 8)) + text_block("END.", 1)
    pdf = compile_brief(_spec(tmp_path, blocks, extra=extra), tmp_path / "out.pdf").pdf
    text = " ".join(page_texts(pdf))
    for n in range(1, 8):
        assert text.count(f"(tiny {n} 1)") == 1, n
        assert text.count(f"Source: Source of tiny table {n}") == 1, n
    assert text.index("Tiny 1") < text.index("Tiny 4") < text.index("Tiny 7")


def test_ten_wide_tables_ending_the_story_each_get_room(tmp_path: Path) -> None:
    # pages holding only tables used to count as empty, and ten in a row stopped the build
    blocks = text_block("BEFORE.", 1) + "".join(_table("wide", f"Annex {n}")
                                                 for n in range(1, 11))
    pdf = compile_brief(_spec(tmp_path, blocks, wide=9), tmp_path / "out.pdf").pdf
    text = " ".join(page_texts(pdf))
    assert all(f"Annex {n}" in text for n in range(1, 11))
    assert text.count("(row 9)") == 10


def test_a_wide_table_with_a_long_caption_stays_in_its_column(tmp_path: Path) -> None:
    caption = "A caption that goes on. " * 120
    blocks = text_block("BEFORE.", 1) + _table("wide", "Captioned") \
        + f"          caption: {caption}\n" + text_block("AFTER.", 1)
    story = build_story(load_spec(_spec(tmp_path, blocks, wide=8)), {})
    assert not any(isinstance(f, SpanFloat) for f in story.flowables)
    pdf = compile_brief(_spec(tmp_path, blocks, wide=8), tmp_path / "out.pdf").pdf
    assert "(row 8)" in " ".join(page_texts(pdf))


def test_waiting_wide_tables_come_before_the_back_matter(tmp_path: Path) -> None:
    blocks = text_block("BEFORE.", 1) + _table("wide", "Last wide")
    text = " ".join(page_texts(compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf))
    assert text.index("(row 5)") < text.index("Sources")


def test_a_narrow_table_after_a_waiting_wide_one_keeps_the_numbering_order(
        tmp_path: Path) -> None:
    blocks = text_block("BEFORE.", 1) + _table("wide", "Wide first") \
        + _table("narrow", "Narrow second") + text_block("AFTER.", 5)
    text = " ".join(page_texts(compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf))
    assert text.index("Wide first") < text.index("Narrow second")


@pytest.mark.parametrize("after", ["      - page_break: true\n",
                                   "  - title: Two\n    blocks:\n" + text_block("TWO.", 1)])
def test_a_heading_over_only_a_wide_table_keeps_it_in_its_column(tmp_path: Path,
                                                                 after: str) -> None:
    blocks = (text_block("BEFORE.", 2) + "      - text: '### Only a table'\n"
              + _table("wide", "Under the heading") + after)
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    reader = PdfReader(pdf)
    outline = [item for item in reader.outline if not isinstance(item, list)]
    nested = [item for item in reader.outline if isinstance(item, list)]
    heading = nested[0][0]
    assert heading.title == "Only a table"  # under section One, not the next section
    page = reader.get_destination_page_number(heading)
    assert "Under the heading" in page_texts(pdf)[page], "the table is set under its heading"
    assert [o.title for o in outline][:1] == ["1 One"]


@pytest.mark.parametrize("paragraphs", [12, 3], ids=["body page", "under the cover"])
def test_the_last_page_of_two_columns_is_balanced(tmp_path: Path, paragraphs: int) -> None:
    # the story ends a third of the way down the first column of its last page (or of
    # page one, under the cover block): a typesetter shares that text out between them
    blocks = text_block("END.", paragraphs)
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    assert (len(PdfReader(pdf).pages) == 1) == (paragraphs == 3)
    theme = load_theme("journal")
    last = [r for r in text_runs(pdf)[-1] if r[3] == pytest.approx(theme.sizes.body)]
    left = [y for _, x, y, _ in last if column_of(x) == 0]
    right = [y for _, x, y, _ in last if column_of(x) == 1]
    assert left and right, "both columns of the last page hold text"
    line = build_styles(theme).leading
    assert abs(min(left) - min(right)) <= 3 * line, "the columns end level"
    again = compile_brief(_spec(tmp_path, blocks), tmp_path / "again.pdf").pdf
    assert again.read_bytes() == pdf.read_bytes()


@pytest.mark.parametrize("blocks", [
    "      - text: Hello, reader. This is a one-page brief whose text is short.\n",
    text_block("BEFORE.", 13) + "      - text: " + FILLER[:len(FILLER) // 6] * 15
    + "Pakistan's information and communication technology sector has grown quickly, but "
    "TAIL.\n  - title: Closing\n    blocks:\n"
    "      - text: END. A second short sentence that runs on and on for a while to fill a line "
    "or two.\n",
], ids=["one page", "short last section"])
def test_balancing_never_leaves_a_heading_or_a_first_column_alone(tmp_path: Path,
                                                                 blocks: str) -> None:
    # columns shortened below a section's conditional break, or below a heading and the
    # lines it keeps, used to send the text to the second column or split it from its
    # heading: such a setting is not taken
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    runs = text_runs(pdf)[-1]
    heading = next(r for r in runs if r[0].endswith(("One", "Closing")))
    text = next(r for r in runs if "short" in r[0])
    assert column_of(heading[1]) == column_of(text[1]), "the heading stays with its text"
    body = [r for r in runs if r[3] == pytest.approx(load_theme("journal").sizes.body)]
    assert column_of(min(r[1] for r in body)) == 0, "the first column is not empty"


def test_balancing_never_splits_a_floating_table(tmp_path: Path) -> None:
    blocks = (text_block("BEFORE.", 2) + _table("wide", "Wide") + text_block("AFTER.", 1)
              + _table("narrow", "Narrow"))
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    pages = page_texts(pdf)
    assert sum(page.count("Country") for page in pages) == 1, "one header: not split"


QUOTE = ("      - quote:\n          text: " + FILLER[:260].strip()
         + "\n          attribution: Somebody (2025)\n")
CARDS = "      - key_figures:\n" + "".join(
    f"          - {{value: '{n}%', label: Share of something measured in year {n}, "
    f"note: Source {n}}}\n" for n in range(10, 70, 10))


@pytest.mark.parametrize("block", [QUOTE, CARDS], ids=["pull quote", "key figures"])
def test_balancing_never_splits_a_box_or_leaves_a_longer_second_column(
        tmp_path: Path, block: str) -> None:
    # a one-page brief of a line, a block and a line: shortening the columns split the pull
    # quote across them, or left two lines in the first column and the cards in the second
    blocks = "      - text: X.\n" + block + "      - text: END.\n"
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    body = [r for r in text_runs(pdf)[0] if 120 < r[2] < 700]
    assert {column_of(r[1]) for r in body} == {0}, "all in the first column, nothing split"


def test_the_rule_above_a_sections_notes_stays_with_the_first_note(tmp_path: Path) -> None:
    note = FILLER[:300].strip()
    blocks = (text_block("A claim with a note.[^a] Another one.[^b]", 13)
              + f"\n          [^a]: {note}\n\n          [^b]: {note}\n")
    story = build_story(load_spec(_spec(tmp_path, blocks)), {})
    rule = next(f for f in story.flowables if isinstance(f, NotesRule))
    after = story.flowables[story.flowables.index(rule) + 1]
    assert rule.getKeepWithNext() and "Pakistan" in after.text


def test_a_wide_table_after_a_page_break_takes_the_fresh_pages_top(tmp_path: Path) -> None:
    # it used to wait for the page after, leaving the fresh page blank
    blocks = text_block("BEFORE.", 1) + "      - page_break: true\n" + _table("wide", "Fresh")
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    pages = page_texts(pdf)
    assert len(pages) == 2 and "Fresh" in pages[1] and "(row 5)" in pages[1]
    runs = text_runs(pdf)[1]
    title = _find(runs, "Fresh")
    assert title[2] > max(r[2] for r in runs if "Sources" in r[0]), "the table is on top"


def test_two_wide_tables_under_a_heading_both_span(tmp_path: Path) -> None:
    blocks = (text_block("BEFORE.", 1) + "      - text: '### Two tables'\n"
              + _table("wide", "First wide") + _table("wide", "Second wide")
              + text_block("AFTER.", 6))
    story_spec = _spec(tmp_path, blocks)
    pdf = compile_brief(story_spec, tmp_path / "out.pdf").pdf
    for title in ("First wide", "Second wide"):
        page = next(runs for runs in text_runs(pdf) if any(title in r[0] for r in runs))
        cells = [r for r in page if "Scaling up" in r[0]]
        assert cells and all(r[1] > column_right() for r in cells), f"{title} spans"


def test_a_last_page_under_a_wide_table_is_balanced_below_it(tmp_path: Path) -> None:
    blocks = (text_block("BEFORE.", 1) + "      - page_break: true\n" + _table("wide", "On top")
              + text_block("END.", 2))
    pdf = compile_brief(_spec(tmp_path, blocks), tmp_path / "out.pdf").pdf
    runs = text_runs(pdf)[-1]
    table_bottom = min(r[2] for r in runs if "(row 5)" in r[0])
    body = [r for r in runs if r[3] == pytest.approx(load_theme("journal").sizes.body)
            and r[2] < table_bottom]
    left = [y for _, x, y, _ in body if column_of(x) == 0]
    right = [y for _, x, y, _ in body if column_of(x) == 1]
    assert left and right, "the text under the table is shared out between the columns"
    assert abs(min(left) - min(right)) <= 3 * build_styles(load_theme("journal")).leading


def test_wide_tables_still_waiting_when_the_text_ends_fill_the_page_s_columns(
        tmp_path: Path) -> None:
    # They went to a page of their own before the back matter, leaving this page's second
    # column empty (and the brief a page longer), though they fit in it as set in a column.
    blocks = text_block("BEFORE.", 1) + _table("wide", "Last wide") + text_block("AFTER.", 1)
    pdf = compile_brief(_spec(tmp_path, blocks, wide=3), tmp_path / "out.pdf").pdf
    texts = page_texts(pdf)
    assert len(texts) == 1
    assert texts[0].index("AFTER.") < texts[0].index("(row 3)") < texts[0].index("Sources")


# A wide table waiting where the text ends starts on that page, under the text.

def _wide_table_after(tmp_path: Path, paragraphs: int, rows: int) -> Path:
    """Build a journal brief of paragraphs of text, then a table too wide for a column (it
    spans both) of rows rows; return its PDF."""
    blocks = text_block("BEFORE-TABLE.", paragraphs) + _table("wide", "Closing table")
    return compile_brief(_spec(tmp_path, blocks, wide=rows), tmp_path / "out.pdf", jobs=1).pdf


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
    (text_page, _), (table_page, _) = (page_and_column(pdf, text)
                                       for text in ("BEFORE-TABLE.", "Closing table"))
    assert table_page == text_page, "the table starts where the text ends"
    runs = pages[text_page]
    title = next(y for text, _, y, _ in runs if text == "Closing table")
    lines = _text_above(runs, title)
    assert lines[0] and lines[1], "the text above the table is shared out between the columns"
    line = build_styles(load_theme("journal")).leading
    assert abs(min(lines[0]) - min(lines[1])) <= 2 * line, "the columns end level"
    assert min(min(lines[0]), min(lines[1])) - title < 4 * line, "no gap above the table"
    cells = [x for text, x, _, _ in runs if "Scaling up" in text]
    assert cells and min(cells) > column_right(), "the table spans the columns"
    text = " ".join(page_texts(pdf))
    assert all(text.count(f"(row {n})") == 1 for n in range(1, 9))
    assert text.index("(row 8)") < text.index("Sources"), "the back matter comes after it"


def test_a_wide_table_ending_the_text_too_long_for_its_page_breaks_as_long_tables_do(
        tmp_path: Path) -> None:
    pdf = _wide_table_after(tmp_path, paragraphs=8, rows=8)
    texts = page_texts(pdf)
    (text_page, _), (table_page, _) = (page_and_column(pdf, text)
                                       for text in ("BEFORE-TABLE.", "Closing table"))
    assert table_page == text_page, "the table starts where the text ends"
    assert "(row 2)" in texts[text_page], "with at least two rows"
    rest = texts[text_page + 1]
    assert "(row 8)" in rest and "(row 7)" in rest and "Source: The Diplomatic" in rest
    assert "Initiative Partners When Result" in rest, "its header repeated"
    assert sum(t.count("(row 1)") for t in texts) == 1
    assert len(texts) == text_page + 2


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
    spec = write_brief(tmp_path, blocks, theme="journal", data=data)
    text = " ".join(page_texts(compile_brief(spec, tmp_path / "out.pdf", jobs=1).pdf))
    assert text.index("(row 5)") < text.index("Narrow second") < text.index("Sources")
