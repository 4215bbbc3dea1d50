"""The shipped themes load, differ where they should, and build the all-blocks brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.compiler import compile_brief
from briefing.resources import default_spec
from briefing.theme import load_theme
from briefing.theme_files import theme_names

VALID = Path(__file__).parent / "specs" / "valid"


def test_shipped_themes() -> None:
    assert {"policy", "journal", "letter"} <= set(theme_names())
    policy, journal, letter = (load_theme(n) for n in ("policy", "journal", "letter"))
    assert (policy.page.columns, journal.page.columns) == (1, 2)
    assert journal.fonts.body == "Source Serif Pro"
    assert letter.page_size == (612.0, 792.0)
    assert letter.colors == policy.colors and letter.fonts == policy.fonts


@pytest.mark.parametrize("theme", ["policy", "journal", "letter"])
def test_all_blocks_builds_in_every_theme(tmp_path: Path, theme: str) -> None:
    result = compile_brief(VALID / "all-blocks.yaml", tmp_path / f"{theme}.pdf", theme=theme)
    pdf = PdfReader(result.pdf)
    width = float(pdf.pages[0].mediabox.width)
    assert width == pytest.approx(612.0 if theme == "letter" else 595.28, abs=0.1)
    assert 2 <= result.pages <= 8
    assert not [w for w in result.warnings if "glyph" in w.message]


@pytest.mark.parametrize(("setting", "error"), [
    ('colors: {accent: "#zz3456"}',
     "colors.accent: expected a colour as #RRGGBB, e.g. '#0b4f8a'; got '#zz3456'"),
    ("colors: {accent: red}", "colors.accent: expected a colour as #RRGGBB"),
    ("colors: {palette: []}", "colors.palette: expected at least 1 item; got 0"),
    ("sizes: {body: 0}", "sizes.body: expected at least 4; got 0"),
    ("sizes: {body: 200}", "sizes.body: expected at most 24; got 200"),
    ("sizes: {leading: 0}", "sizes.leading: expected at least 1; got 0"),
    ("page: {top: -50}", "page.top: expected at least 0; got -50"),
    ("page: {inner: 80, outer: 80}", "page: the margins leave too little of the A4 page"),
])
def test_a_theme_value_no_page_could_be_set_with_is_a_located_error(
        tmp_path: Path, setting: str, error: str, capsys: pytest.CaptureFixture[str]) -> None:
    # each of these used to pass validation and crash the build (exit 1) or set a broken page
    from briefing.cli import main

    theme = tmp_path / "mine.yaml"
    theme.write_text(f"name: mine\nextends: policy\n{setting}\n")
    spec = VALID / "all-blocks.yaml"
    assert main(["build", str(spec), "--theme", str(theme), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{theme}:3:"), err
    assert error in err.splitlines()[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("files", "given", "first_line", "hint"), [
    ({"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"}, "a.yaml",
     "b.yaml:1:10: error: extends: themes extend each other in a loop: a.yaml → b.yaml → "
     "a.yaml", "make one of them extend a shipped theme instead"),
    ({}, "nofile.yaml", "error: theme file '{tmp}/nofile.yaml' not found (given with --theme)",
     "check the path: it is relative to the spec or theme that names it"),
    ({"e.yaml": ""}, "e.yaml", "e.yaml:1:1: error: the theme is empty",
     "start with a mapping such as 'extends: policy'"),
], ids=["loop", "missing-file", "empty"])
def test_theme_file_mistakes_say_what_is_wrong(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        files: dict[str, str], given: str, first_line: str, hint: str) -> None:
    from briefing.cli import main

    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    assert main(["validate", str(VALID / "all-blocks.yaml"), "--theme", given]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert first_line.format(tmp=tmp_path) in lines[0]
    assert lines[1].startswith(f"  hint: {hint}")


def test_a_block_too_tall_for_any_page_is_an_input_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # sizes within their bounds can still leave a box no page can hold: ReportLab's
    # LayoutError used to end the build as 'internal error' (exit 1)
    from briefing.cli import main

    theme = tmp_path / "big.yaml"
    theme.write_text("name: big\nextends: policy\nsizes: {title: 72, subtitle: 72}\n")
    brief = default_spec()
    assert main(["build", str(brief), "--theme", str(theme), "-o", str(tmp_path / "out"),
                 "--jobs", "1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{brief}:1:1: error: a block is too tall for any page")
    assert err[1] == "  hint: give the theme smaller sizes or margins, or split the block"


def test_two_columns_each_need_room(tmp_path: Path) -> None:
    from briefing.errors import InputError

    theme = tmp_path / "narrow.yaml"
    theme.write_text("name: n\nextends: journal\npage: {inner: 60, outer: 60, gap: 30}\n")
    with pytest.raises(InputError) as caught:
        load_theme(str(theme))
    assert "at least 60 mm across each column" in caught.value.diagnostics[0].message
