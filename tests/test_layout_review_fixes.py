"""Layout fixes from review: back-matter links, footnotes in captions, box titles at a split."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from briefing.compiler import BuildResult, compile_brief
from briefing.layout.blocks import callout
from briefing.layout.context import Context
from briefing.layout.flowables import Box
from briefing.layout.paragraph import Paragraph
from briefing.layout.styles import build_styles
from briefing.loader import load_spec

TABLE_DATA = ("data:\n  d:\n    source: Test data\n    rows:\n"
              "      - {label: A, value: 1}\n      - {label: B, value: 2}\n")


def _build(tmp_path: Path, spec: str) -> BuildResult:
    path = tmp_path / "brief.yaml"
    path.write_text("title: Review fixes\ndate: 2025-05-15\n" + spec, encoding="utf-8")
    return compile_brief(path, tmp_path / "brief.pdf", jobs=1)


def _text(result: BuildResult) -> str:
    pdf = PdfReader(io.BytesIO(result.pdf.read_bytes()))
    return "".join(page.extract_text() for page in pdf.pages)


def test_links_to_back_matter_that_is_not_printed_warn_and_the_build_succeeds(tmp_path):
    result = _build(tmp_path, "sections:\n  - title: One\n    blocks:\n"
                    "      - text: '[see](#sources) and [them](#about).'\n")
    unknown = sorted(w.message for w in result.warnings if "link to unknown id" in w.message)
    assert unknown == ["link to unknown id '#about'", "link to unknown id '#sources'"]
    assert "see and them." in _text(result)


def test_links_to_back_matter_that_is_printed_still_work(tmp_path):
    result = _build(tmp_path, TABLE_DATA + "authors:\n  - name: Ada Author\n"
                    "sections:\n  - title: One\n    blocks:\n"
                    "      - text: '[see](#sources) and [them](#about).'\n"
                    "      - table:\n          data: d\n")
    assert not [w for w in result.warnings if "link to unknown id" in w.message]
    text = _text(result)
    assert "Sources" in text and "About the authors" in text


def test_a_footnote_in_a_table_caption_joins_the_section_notes(tmp_path):
    result = _build(tmp_path, TABLE_DATA + "sections:\n  - title: One\n    blocks:\n"
                    "      - table:\n          data: d\n"
                    "          caption: \"Words[^1]\\n\\n[^1]: A caption note.\"\n")
    assert "A caption note." in _text(result)


def test_a_footnote_in_a_key_message_is_warned_about_not_linked(tmp_path):
    result = _build(tmp_path, "key_messages:\n  - \"Cover words[^1]\\n\\n[^1]: Cover note.\"\n"
                    "sections:\n  - title: One\n    blocks:\n      - text: Hello.\n")
    assert [w.where for w in result.warnings if "footnote" in w.message] == ["key_messages[0]"]
    assert "Cover words" in _text(result)


def test_a_footnote_in_about_the_authors_is_warned_about_not_linked(tmp_path):
    # the note is not printed, so a character its font lacks is not warned about either
    result = _build(tmp_path, "about: \"Written by us[^1]\\n\\n[^1]: A note \u6f22.\"\n"
                    "sections:\n  - title: One\n    blocks:\n      - text: Hello.\n")
    assert [(w.where, w.message) for w in result.warnings] == [
        ("about", "footnote outside a section is not printed")]
    assert "Written by us" in _text(result)


def test_a_box_title_is_not_left_alone_at_the_bottom_of_a_split():
    brief = load_spec(Path(__file__).parent / "specs" / "valid" / "all-blocks.yaml")
    ctx = Context(brief, build_styles(brief.theme))
    body = [Paragraph("Body words " * 30, ctx.styles.box_body) for _ in range(3)]
    box = callout(ctx, "A box title", body, ("callout",))
    title = box.content[0]
    assert title.getKeepWithNext() and not hasattr(title, "keepWithNext")  # set on the style
    width = 300.0
    title_height = title.wrap(box._inner_width(width), 1000)[1]
    pieces = box.split(width, 2 * box.padding + title_height + 4)
    assert pieces == [] or (isinstance(pieces[0], Box) and pieces[0].content[-1] is not title)
