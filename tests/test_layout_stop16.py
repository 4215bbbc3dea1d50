"""Page layout leftovers: a last page of figures shared out between its two columns."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from briefing.compiler import BuildResult, compile_brief
from briefing.theme import MM, load_theme

from .conftest import SPECS, page_texts

Run = tuple[str, float, float]
"""A text run as the PDF prints it: text, x and baseline y in points."""


def _runs(pdf: Path) -> list[list[Run]]:
    """Return, per page, every text run pypdf reports with its position."""
    pages = []
    for page in PdfReader(pdf).pages:
        runs: list[Run] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object,
                  runs: list[Run] = runs) -> None:
            if text.strip():
                runs.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def _column(x: float, theme_name: str = "journal") -> int:
    """Return the column (0 or 1) of a journal page that x lies in."""
    theme = load_theme(theme_name)
    middle = theme.page.inner * MM + theme.frame_width + theme.page.gap * MM / 2
    return 0 if x < middle else 1


def _build(path: Path, theme: str | None = None) -> BuildResult:
    return compile_brief(path, path.with_suffix(".pdf"), theme=theme, jobs=1)


# 1. A last page of figures is shared out between its columns.

def test_a_last_page_of_figures_is_shared_out_between_its_two_columns(tmp_path: Path
                                                                      ) -> None:
    # Its three figures and the Sources were all set in the first column, the second left
    # empty: columns shortened to an even share could not hold figures that do not split,
    # and no taller columns were tried.
    pdf = compile_brief(SPECS / "charts" / "edge-cases.yaml", tmp_path / "out.pdf",
                        theme="journal").pdf
    last = _runs(pdf)[-1]
    columns = {title: _column(next(x for text, x, _ in last if text == title))
               for title in ("Figure 14", "Figure 15", "Figure 16", "Sources")}
    assert set(columns.values()) == {0, 1}, f"both columns hold something: {columns}"
    assert columns["Figure 14"] == 0 and columns["Sources"] == 1, "in reading order"
    assert len(page_texts(pdf)) == 3, "no page more"
