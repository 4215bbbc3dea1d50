"""Unit tests of the layout: custom flowables through wrap()/split(), tables, Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from briefing.layout.context import Context
from briefing.layout.flowables import Box, StatCards
from briefing.layout.markdown import markdown_flowables
from briefing.layout.styles import build_styles
from briefing.layout.tables import Column, column_widths
from briefing.loader import Brief, load_spec

VALID = Path(__file__).parent / "specs" / "valid"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_spec(VALID / "all-blocks.yaml")


@pytest.fixture
def ctx(brief: Brief) -> Context:
    brief.warnings.clear()
    return Context(brief, build_styles(brief.theme), anchors={"challenges"})


def _paragraphs(ctx: Context, n: int) -> list[Paragraph]:
    return [Paragraph(f"Paragraph {i} " + "words " * 40, ctx.styles.body) for i in range(n)]


def test_box_wraps_to_its_content_plus_padding(ctx: Context) -> None:
    box = Box(_paragraphs(ctx, 2), padding=10)
    width, height = box.wrap(400, 1000)
    inner = sum(p.wrap(400 - 20, 1000)[1] for p in _paragraphs(ctx, 2))
    assert width == 400
    assert height == pytest.approx(inner + 20 + ctx.styles.body.spaceAfter)


def test_box_splits_into_two_boxes_that_keep_all_content(ctx: Context) -> None:
    box = Box(_paragraphs(ctx, 6), background=ctx.styles.colors.tint, padding=10)
    _, height = box.wrap(300, 10_000)
    pieces = box.split(300, height / 2)
    assert len(pieces) == 2
    assert all(isinstance(p, Box) for p in pieces)
    first_height = pieces[0].wrap(300, height / 2)[1]
    assert first_height <= height / 2
    assert len(box.content) == 6  # split leaves the original alone


def test_a_box_split_inside_a_list_keeps_every_item_that_fits(ctx: Context) -> None:
    # A list splits into all its items at once; the box's first part must still take as
    # many as fit, or each item left over becomes a box of its own, padding and all.
    items = "\n".join(f"{n}. Item {n}: " + "words " * 30 for n in range(1, 6))
    box = Box(markdown_flowables(ctx, items, ("callout",)), padding=10)
    _, height = box.wrap(300, 10_000)
    first, rest = box.split(300, height * 0.6)
    used = first.wrap(300, height * 0.6)[1]
    assert height * 0.6 - used < ctx.styles.leading * 2, "the first part is filled"
    assert first.wrap(300, 10_000)[1] + rest.wrap(300, 10_000)[1] == pytest.approx(
        height + 20, abs=ctx.styles.leading), "only one extra padding, above and below"


def test_box_that_cannot_fit_anything_does_not_split(ctx: Context) -> None:
    box = Box(_paragraphs(ctx, 2), padding=10)
    assert box.split(300, 15) == []


def _cards(ctx: Context, n: int) -> StatCards:
    cards = [(Paragraph(f"{i}%", ctx.styles.card_value),
              Paragraph("A label", ctx.styles.card_label), None) for i in range(n)]
    return StatCards(cards, background=ctx.styles.colors.tint, rule=ctx.styles.colors.accent,
                     min_width=110, max_per_row=4)


@pytest.mark.parametrize(("n", "per_row"), [(1, 1), (3, 3), (4, 4), (5, 3), (7, 4), (8, 4)])
def test_stat_cards_balance_rows(ctx: Context, n: int, per_row: int) -> None:
    assert _cards(ctx, n).per_row(500) == per_row


def test_stat_cards_are_wide_enough_for_their_values_on_one_line(ctx: Context) -> None:
    cards = _cards(ctx, 4)
    cards.cards[3] = (Paragraph("7.5 million", ctx.styles.card_value),
                      Paragraph("households", ctx.styles.card_label), None)
    assert cards.per_row(500) == 2
    cards.wrap(500, 1000)
    value = cards.cards[3][0]
    value.wrap(cards.card_width - 2 * cards.padding, 1000)
    assert len(value.blPara.lines) == 1


def test_stat_cards_wrap_to_a_second_row_and_split_between_rows(ctx: Context) -> None:
    one_row = _cards(ctx, 3).wrap(460, 1000)[1]
    cards = _cards(ctx, 5)
    _, height = cards.wrap(460, 1000)
    assert height > 2 * one_row - 1
    pieces = cards.split(460, one_row + 5)
    assert [len(p.cards) for p in pieces] == [3, 2]
    assert cards.split(460, one_row / 2) == []


def test_column_widths_fit_the_frame() -> None:
    assert sum(column_widths([100, 100], [50, 50], 400)) == pytest.approx(400)
    shrunk = column_widths([300, 300, 100], [60, 60, 100], 400)
    assert sum(shrunk) == pytest.approx(400)
    assert shrunk[2] == pytest.approx(100)
    assert column_widths([300] * 4, [200] * 4, 400) == [100] * 4


def test_number_formats() -> None:
    money = Column("v", "Value", True, 1, "$", "bn", "right")
    year = Column("year", "Year", True, None, "", "", "right", grouped=False)
    as_written = Column("share", "Share", True, None, "", "%", "right")
    assert money.format(3223.456, "3223.456") == "$3,223.5bn"
    assert money.format(None, "") == "–"
    assert year.format(2024, "2024") == "2024"
    assert as_written.format(0.8, "0.8") == "0.8%"
    assert as_written.format(0.80, "0.80") == "0.80%"
    assert as_written.format(75000, "75000") == "75,000%"


def test_markdown_is_escaped_and_footnotes_collected(ctx: Context) -> None:
    ctx.section_key = "s1"
    flowables = markdown_flowables(
        ctx, "A <b>tag</b> &amp; *em* [x](#challenges) [y](#missing)[^1]\n\n[^1]: Note.",
        ("sections", 0, "blocks", 0, "text"))
    (paragraph,) = flowables
    assert paragraph.getPlainText().startswith("A <b>tag</b> &amp; em x y")
    assert '<a href="#challenges"' in paragraph.text
    assert ctx.footnotes == [("s1-fn1", "Note.")]
    assert [w.message for w in ctx.brief.warnings] == ["link to unknown id '#missing'"]


def test_missing_glyph_is_a_located_warning(ctx: Context) -> None:
    markup = ctx.text("snow ☃ and 中", ("sections", 1, "title"))
    assert 'name="DejaVuSans"' in markup
    assert [(w.where, w.message) for w in ctx.brief.warnings] == [
        ("sections[1].title", "character '☃' (U+2603) has no glyph in Source Sans Pro"),
        ("sections[1].title", "character '中' (U+4E2D) has no glyph in Source Sans Pro")]
