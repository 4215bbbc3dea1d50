"""Typesetting: floats, the body under the cover, quotes, hyphens and grouped sources."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from briefing.compiler import compile_brief
from briefing.layout.backmatter import _labels, _primary
from briefing.layout.context import Context
from briefing.layout.markdown import markdown_flowables
from briefing.layout.styles import build_styles
from briefing.layout.typography import smarten
from briefing.loader import load_spec

from .conftest import page_texts, text_block, write_brief

DATA = Path(__file__).parent / "specs" / "valid" / "data"
DATASETS = f"""\
  rd:
    file: {DATA / "rd_spending.csv"}
    source: "Chen, Liu, Shi and Zhang, The Diplomatic Insight (2025), citing the ministry"
    note: The shares have no year.
  rd2:
    file: {DATA / "rd_spending.csv"}
    source: "Chen, Liu, Shi and Zhang, The Diplomatic Insight (2025)"
"""


def _spec(tmp_path: Path, blocks: str, *, key_messages: str = "") -> Path:
    return write_brief(tmp_path, blocks, data=DATASETS,
                       head="authors:\n  - name: A. Author\n" + key_messages)


def _pages(path: Path, tmp_path: Path) -> list[str]:
    return page_texts(compile_brief(path, tmp_path / "out.pdf").pdf)


def _figure(data: str, title: str) -> str:
    return f"""\
      - figure:
          chart: bar
          data: {data}
          x: country
          y: rd_share_gdp
          title: {title}
          aspect: 0.75
"""


def test_a_figure_that_does_not_fit_floats_and_the_text_after_it_fills_the_page(
        tmp_path: Path) -> None:
    blocks = (text_block("BEFORE-FIGURES.", 2) + _figure("rd", "First figure")
              + _figure("rd2", "Second figure") + text_block("AFTER-FIGURES.", 1))
    pages = _pages(_spec(tmp_path, blocks), tmp_path)
    before = next(i for i, text in enumerate(pages) if "BEFORE-FIGURES" in text)
    after = next(i for i, text in enumerate(pages) if "AFTER-FIGURES" in text)
    first = next(i for i, text in enumerate(pages) if "First figure" in text)
    second = next(i for i, text in enumerate(pages) if "Second figure" in text)
    assert after == before, "the text after the figures fills the page they left"
    assert first == before + 1, "the figure goes to the top of the next page, no further"
    assert second >= first
    assert pages[first].index("Figure 1") < pages[first].index("First figure")
    if second == first:
        assert pages[first].index("Figure 1") < pages[first].index("Figure 2")
    # Label, title and source travel with the chart.
    assert "Source: Chen" in pages[first]


def test_body_starts_under_the_key_messages_on_page_one(tmp_path: Path) -> None:
    messages = "key_messages:\n  - One short message.\n  - Another short message.\n"
    pages = _pages(_spec(tmp_path, text_block("END.", 1), key_messages=messages), tmp_path)
    assert "Key messages" in pages[0]
    assert "Pakistan’s information" in pages[0]


def test_smart_quotes_and_dashes_leave_markup_literal() -> None:
    assert smarten('He said "yes" -- it\'s done---twice') == \
        "He said “yes” – it’s done—twice"
    assert smarten('<font name="Courier">x</font> and <!-- c -->') == \
        '<font name="Courier">x</font> and <!-- c -->'


def test_markdown_gets_typographic_quotes_but_not_in_code(tmp_path: Path) -> None:
    brief = load_spec(_spec(tmp_path, text_block("x", 1)))
    ctx = Context(brief, build_styles(brief.theme))
    [paragraph] = markdown_flowables(ctx, '"**Quoted**" and `"code"` and <b x="1">', ("t",))
    assert paragraph.text.startswith("“<b>Quoted</b>”")
    assert "&quot;code&quot;" in paragraph.text or '"code"' in paragraph.text
    assert '&lt;b x="1"&gt;' in paragraph.text


def _line_words(paragraph: Paragraph) -> list[str]:
    words = []
    for line in paragraph.blPara.lines:
        text = " ".join(line[1]) if isinstance(line, tuple) else "".join(
            w.text for w in line.words)
        words += text.split()
    return words


def test_hyphenated_compounds_survive_line_breaks_and_page_splits(tmp_path: Path) -> None:
    brief = load_spec(_spec(tmp_path, text_block("x", 1)))
    style = build_styles(brief.theme).body
    compounds = ["fibre-to-the-site", "export-oriented", "state-of-the-art", "long-term"]
    rng = random.Random(7)
    for width in range(260, 470, 17):
        text = "<b>Lead.</b> " + " ".join(rng.choice([*compounds, "the", "network", "of"])
                                          for _ in range(90))
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 10_000)
        for lines in range(2, 9):
            for piece in paragraph.split(width, style.leading * lines + 1):
                piece.wrap(width, 10_000)
                for word in _line_words(piece):
                    if "-" in word or word.replace("-", "") in {
                            c.replace("-", "") for c in compounds}:
                        assert any(word in c for c in compounds), (width, word)
                        assert any(c.startswith(word) or c.endswith(word) or c == word
                                   for c in compounds), (width, word)


def test_sources_group_datasets_with_the_same_publication(tmp_path: Path) -> None:
    blocks = _figure("rd", "First figure") + _figure("rd2", "Second figure")
    text = " ".join(_pages(_spec(tmp_path, blocks), tmp_path))
    sources = text[text.index("Sources"):text.index("About the authors")]
    assert sources.count("Chen, Liu, Shi and Zhang") == 1
    assert "Used in Figures 1 and 2" in sources
    assert "Citing the ministry" in sources and "The shares have no year" in sources


@pytest.mark.parametrize(("labels", "expected"), [
    (["Figure 1"], "Figure 1"),
    (["Figure 1", "Figure 2", "Figure 3", "Table 2"], "Figures 1–3 and Table 2"),
    (["Figure 1", "Figure 3", "Figure 1"], "Figures 1 and 3"),
])
def test_source_labels(labels: list[str], expected: str) -> None:
    assert _labels(labels) == expected


def test_primary_source() -> None:
    assert _primary("A, B (2025), citing C; as of 2024") == "A, B (2025)"


def test_a_line_never_ends_on_an_initial() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from briefing.layout.typography import smarten

    assert smarten("Law, P. R. China. A. N. Author") == "Law, P.\xa0R.\xa0China. A.\xa0N.\xa0Author"
    text = "Southwest University of Political Science and Law, P. R. China."
    style = ParagraphStyle("s", fontName="Helvetica", fontSize=10, leading=12)
    for width in range(120, 400, 5):  # wherever the line breaks, not after "P." or "R."
        lines = Paragraph(smarten(text), style).breakLines([width]).lines
        ends = [" ".join(words).rstrip() for _, words in lines]
        assert not any(end.endswith(("P.", "R.")) for end in ends), (width, ends)
