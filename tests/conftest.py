"""Shared fixtures: every test gets its own chart cache and a fixed SOURCE_DATE_EPOCH."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(__file__).resolve().parent / "specs"
SHIPPED_SPECS = sorted(p for p in (ROOT / "templates").rglob("*.yaml") if "themes" not in p.parts)
"""The briefs and the starter shipped in templates/ (not the themes)."""
MINIMAL = """\
title: A minimal brief
date: 2025-05-15
sections:
  - title: Only section
    blocks:
      - text: Hello, reader.
"""
"""The smallest spec that builds: one section of one paragraph."""


FILLER = ("Pakistan's information and communication technology sector has grown quickly, "
          "but its networks, power supply and skills have not kept pace with demand. ") * 6
"""A paragraph of plain prose, six sentences long."""


def text_block(marker: str, paragraphs: int) -> str:
    """Return a spec `text` block of paragraphs of FILLER, then marker as a paragraph."""
    body = "\n\n".join(FILLER for _ in range(paragraphs))
    lines = "\n".join("          " + line for line in f"{body}\n\n{marker}".splitlines())
    return f"      - text: |\n{lines}\n"


def write_brief(folder: Path, blocks: str, *, data: str = "", theme: str = "policy",
                head: str = "", name: str = "spec", after: str | None = None) -> Path:
    """Write folder/name.yaml: a brief in theme whose section "One" holds blocks (indented
    as text_block writes them), with the datasets of data and the top-level keys of head;
    with after, a second section "Next" holds those blocks."""
    path = folder / f"{name}.yaml"
    datasets = f"data:\n{data}" if data else ""
    second = f"  - title: Next\n    blocks:\n{after}" if after is not None else ""
    path.write_text(f"title: Test brief\ndate: 2025-05-15\ntheme: {theme}\n{head}{datasets}"
                    f"sections:\n  - title: One\n    blocks:\n{blocks}{second}",
                    encoding="utf-8")
    return path


def wide_rows(rows: int, tag: str = "row") -> str:
    """Return rows rows of a dataset too wide for a journal column (each with "(tag n)" in
    its last cell), as a spec's `rows:` lists them."""
    return "\n".join(f"""\
      - initiative: Initiative number {n} of the programme
        partners: Ministry of Information Technology and Telecommunication
        when: Since July 2024
        result: Scaling up and specialising local digital-skills training, with graduates
          employed at rates up to 90 percent ({tag} {n})""" for n in range(1, rows + 1))


Run = tuple[str, float, float, float]
"""A text run as the PDF prints it: text, x and baseline y in points, and font size."""


def text_runs(pdf: Path) -> list[list[Run]]:
    """Return, per page, every text run pypdf reports with its position and size."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        runs: list[Run] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  runs: list[Run] = runs) -> None:
            if text.strip():
                scale = (tm[3] * cm[3]) or 1
                runs.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5],
                             size * scale))
        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


@functools.cache
def shipped_theme(name: str) -> Any:
    """Return the shipped theme name, loaded once (themes are frozen)."""
    from briefing.theme import load_theme

    return load_theme(name)


def column_right(theme_name: str = "journal") -> float:
    """Return the x, in points, of the right edge of the first column of a page of
    theme_name."""
    from briefing.theme import MM

    theme = shipped_theme(theme_name)
    return theme.page.inner * MM + theme.frame_width


def column_of(x: float, theme_name: str = "journal") -> int:
    """Return the column (0 or 1) of a two-column page of theme_name that x lies in."""
    from briefing.theme import MM

    middle = column_right(theme_name) + shipped_theme(theme_name).page.gap * MM / 2
    return 0 if x < middle else 1


def page_texts(pdf: Path) -> list[str]:
    """Return the text of every page of pdf, each run of white space as one space."""
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                    ) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("chart-cache")))


class Planted:
    """A pickle payload that, unpickled, creates the file marker: what a planted cache file
    would do if the cache read it with plain pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def printed_by_new_python(code: str, *flags: str, write_bytecode: bool = False,
                          **env: str) -> list[str]:
    """Return the lines code prints when a new Python process runs it (its imports cold),
    with interpreter flags, allowed to write bytecode or not as this one is, and with env
    added to the environment."""
    variables = {k: v for k, v in os.environ.items()
                 if not (write_bytecode and k == "PYTHONDONTWRITEBYTECODE")}
    done = subprocess.run([sys.executable, *flags, "-c", code], capture_output=True,
                          text=True, check=True, env={**variables, **env})
    return done.stdout.splitlines()


def draw_as_built(brief: Any, options: Any) -> tuple[Any, Any]:
    """Return the matplotlib figure of a chart of brief, drawn as the build draws it (the
    theme's chart fonts and style, the height from the spec, no layout engine) and saved as
    PDF, and the PDF renderer that measures its texts as the PDF sets them."""
    import io

    from briefing.charts.draw import drawn_figure
    from briefing.charts.style import _pdf_renderer

    with drawn_figure(options, brief.datasets[options.data], brief.theme,
                      brief.theme.frame_width) as figure:
        figure.savefig(io.BytesIO(), format="pdf")
        return figure, _pdf_renderer(figure)


def text_boxes(figure: Any, renderer: Any) -> list[tuple[str, Any]]:
    """Return (text, box in points) of every text a drawn chart prints: the labels of the
    ticks in view, then the texts of its axes and of their legends."""
    ticks = [tick.label1 for axes in figure.axes if axes.axison
             for axis in (axes.xaxis, axes.yaxis) if axis.get_visible()
             for tick in axis._update_ticks()]
    legends = [text for axes in figure.axes if axes.get_legend() is not None
               for text in axes.get_legend().get_texts()]
    texts = [*ticks, *(text for axes in figure.axes for text in axes.texts), *legends]
    return [(text.get_text(), text.get_window_extent(renderer)) for text in texts
            if text.get_visible() and text.get_text().strip()]


def line_of(path: Path, key: str) -> int:
    """Return the number of the first line of the spec at path that sets key."""
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text.strip().startswith(f"{key}:"))


def assert_figure_warning(capsys: Any, path: Path, option: str, message: str, hint: str
                          ) -> str:
    """Check that validating the spec at path (one figure, its options one per line) warns
    at the line setting option with message (its start) and hint, and fails under
    --strict; return what --strict printed."""
    from briefing.cli import main

    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    line = line_of(path, option)
    text = path.read_text().splitlines()[line - 1]
    column = len(text) - len(text.partition(":")[2].lstrip()) + 1  # (of the option's value)
    assert (f"{path}:{line}:{column}: warning: sections[0].blocks[0].figure."
            f"{option}: {message}") in err, err
    assert f"hint: {hint}" in err, err
    assert main(["validate", str(path), "--strict"]) == 2
    return capsys.readouterr().err


class Built(NamedTuple):
    """A built PDF and the times ReportLab set the whole story to build it."""

    pdf: Path
    layout_passes: int


@contextlib.contextmanager
def counted_layout_passes() -> Iterator[list[int]]:
    """Count the times ReportLab sets the whole story (one item per pass) while open."""
    from reportlab.platypus import BaseDocTemplate

    passes: list[int] = []
    build = BaseDocTemplate.multiBuild

    def counted(self: BaseDocTemplate, *args: Any, **kwargs: Any) -> Any:
        passes.append(1)
        return build(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDocTemplate, "multiBuild", counted)
        yield passes


@pytest.fixture(scope="session")
def journal_edge_cases(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The chart edge cases built once in the journal theme, in this process, with a chart
    cache of their own and one chart worker; for tests that only read the result."""
    from briefing.compiler import compile_brief

    folder = tmp_path_factory.mktemp("journal-edge-cases")
    with pytest.MonkeyPatch.context() as patch, counted_layout_passes() as passes:
        patch.setenv("BRIEFING_CACHE_DIR", str(folder / "chart-cache"))
        pdf = compile_brief(SPECS / "charts" / "edge-cases.yaml", folder / "out.pdf",
                            theme="journal", jobs=1).pdf
    return Built(pdf, len(passes))


Events = list[tuple[str, str]]
"""A timeline's events as (date, label), in the order the spec lists them."""


def write_timelines(folder: Path, timelines: dict[str, Events], *, theme: str | None = None,
                    highlights: dict[str, str] | None = None, **options: object) -> Path:
    """Write folder/timelines.yaml, a brief (in theme, if given) of one timeline per title
    of timelines, each with options and the highlight highlights give its title; return
    its path."""
    import yaml

    data, blocks = {}, []
    for n, (title, events) in enumerate(timelines.items()):
        data[f"d{n}"] = {"rows": [{"date": day, "event": event} for day, event in events],
                         "source": "Test data"}
        highlight = (highlights or {}).get(title)
        blocks.append({"figure": {"chart": "timeline", "data": f"d{n}", "date": "date",
                                  "label": "event", "title": title, "alt": "Timeline.",
                                  **({"highlight": highlight} if highlight else {}),
                                  **options}})
    spec = {"title": "Timelines", "date": "2025-05-15", **({"theme": theme} if theme else {}),
            "data": data, "sections": [{"title": "Charts", "blocks": blocks}]}
    path = folder / "timelines.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def page_and_column(pdf: Path, text: str) -> tuple[int, int]:
    """Return the page and the column (of a journal page) of the first text run of pdf that
    holds text."""
    return next((number, column_of(x)) for number, runs in enumerate(text_runs(pdf))
                for run, x, _, _ in runs if text in run)
