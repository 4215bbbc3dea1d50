"""A rebuild re-breaks only the paragraphs whose text changed, and writes the same bytes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Planted

SPEC = """\
title: Kept line breaks
date: 2025-01-31
authors:
  - name: A. N. Author
sections:
  - title: First section
    blocks:
      - text: |
          Pakistan's digital economy grew quickly, and the text of this paragraph is long
          enough to break across several lines of the page, which is what the layout keeps.

          A second paragraph, with **bold** and *italic* words and a link to
          <https://www.example.org/a/very/long/path/that/must/break/somewhere>.
  - title: Second section
    blocks:
      - text: A third paragraph that nobody edits, long enough to need two lines or more.
"""

CHART = """\
data:
  speeds:
    rows: [{city: Lahore, mbps: 12}, {city: Karachi, mbps: 15}, {city: Quetta, mbps: 9}]
    source: Test data
"""
FIGURE = """\
      - figure: {chart: bar, data: speeds, x: city, y: mbps, title: Karachi is fastest,
                 alt: Bars of the average speed by city.}
"""

_BUILD = """\
import sys
from pathlib import Path
from briefing.compiler import compile_brief
from briefing import memo
compile_brief(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1)
print(memo.count(memo.used()[1]))
"""


def _build(spec: Path, cache: Path) -> tuple[int, bytes]:
    """Build spec in a fresh process; return how many parses and wraps it made, and the PDF."""
    out = spec.with_suffix(".pdf")
    result = subprocess.run([sys.executable, "-c", _BUILD, str(spec), str(out)], check=True,
                            capture_output=True, text=True,
                            env={**os.environ, "BRIEFING_CACHE_DIR": str(cache)})
    return int(result.stdout), out.read_bytes()


_COUNT_PAGE_PARSES = """\
import sys
from pathlib import Path
from briefing.charts import embed
from briefing.compiler import compile_brief
parsed = []
read_page = embed.read_page
embed.read_page = lambda pdf: parsed.append(pdf) or read_page(pdf)
compile_brief(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1)
print(len(parsed))
"""


def _chart_pages_parsed(spec: Path, cache: Path) -> int:
    """Build spec in a fresh process; return how many chart PDFs it parsed."""
    result = subprocess.run([sys.executable, "-c", _COUNT_PAGE_PARSES, str(spec),
                             str(spec.with_suffix(".pdf"))], check=True, capture_output=True,
                            text=True, env={**os.environ, "BRIEFING_CACHE_DIR": str(cache)})
    return int(result.stdout)


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _kept(cache: Path) -> Path:
    [path] = (cache / "briefs").glob("*.layout")
    return path


def test_an_edit_is_the_only_text_set_again_and_the_bytes_match_a_fresh_build(
        spec: Path, tmp_path: Path) -> None:
    """Also for a chart: its parsed page and text plan are kept, and its text still goes
    into the document's font subsets in the same order."""
    with_chart = SPEC.replace("sections:\n", CHART + "sections:\n") + FIGURE
    spec.write_text(with_chart, encoding="utf-8")
    made_first, _ = _build(spec, tmp_path / "cache")
    kept = _kept(tmp_path / "cache")
    written = kept.stat().st_mtime_ns
    assert _build(spec, tmp_path / "cache")[0] == 0
    assert kept.stat().st_mtime_ns == written  # nothing new: the file is left alone
    assert _chart_pages_parsed(spec, tmp_path / "cache") == 0

    spec.write_text(with_chart.replace("grew quickly", "grew fast"), encoding="utf-8")
    made_after_edit, rebuilt = _build(spec, tmp_path / "cache")
    assert 0 < made_after_edit < made_first / 2
    assert rebuilt == _build(spec, tmp_path / "fresh-cache")[1]


def _replace_kept(spec: Path, cache: Path, body: bytes) -> tuple[int, bytes]:
    """Build spec into the empty folder cache, then replace what its kept file holds after
    its first line with body; return what the build made and wrote, as _build does."""
    fresh = _build(spec, cache)
    kept = _kept(cache)
    first_line = kept.read_bytes().split(b"\n", 1)[0] + b"\n"
    kept.write_bytes(first_line + body)
    return fresh


def test_a_damaged_file_costs_a_full_layout_and_nothing_else(spec: Path, tmp_path: Path
                                                             ) -> None:
    fresh = _replace_kept(spec, tmp_path / "cache", b"\x80\x05not a pickle")
    assert _build(spec, tmp_path / "cache") == fresh


def test_a_file_from_another_version_is_ignored(spec: Path, tmp_path: Path) -> None:
    made_fresh, _ = _build(spec, tmp_path / "cache")
    kept = _kept(tmp_path / "cache")
    kept.write_bytes(b"briefing-layout 1 " + b"0" * 64 + kept.read_bytes().split(b"\n", 1)[1])
    assert _build(spec, tmp_path / "cache")[0] == made_fresh


def test_a_planted_file_runs_no_code(spec: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    fresh = _replace_kept(spec, tmp_path / "cache", pickle.dumps(([(1, Planted(marker))], [])))
    assert _build(spec, tmp_path / "cache") == fresh
    assert not marker.exists()
    pickle.loads(pickle.dumps(Planted(marker)))  # the same payload, unpickled plainly, runs
    assert marker.exists()


def test_edits_are_appended_until_the_file_holds_twice_what_a_build_uses(
        spec: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    made_first, _ = _build(spec, cache)
    sizes = [_kept(cache).stat().st_size]
    for word in ("fast", "slowly", "steadily", "a lot", "well", "again", "on"):
        spec.write_text(SPEC.replace("grew quickly", f"grew {word}"), encoding="utf-8")
        made, rebuilt = _build(spec, cache)
        assert 0 < made < made_first / 2
        assert rebuilt == _build(spec, tmp_path / f"fresh-{word}")[1]
        sizes.append(_kept(cache).stat().st_size)
    grew = [after > before for before, after in zip(sizes, sizes[1:], strict=False)]
    assert grew[0] and not all(grew)  # appended at first, rewritten smaller once too long
    assert max(sizes) < 2.5 * sizes[0]


def test_a_torn_last_frame_keeps_the_frames_before_it(spec: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _, fresh = _build(spec, cache)
    with _kept(cache).open("ab") as stream:
        stream.write(b"\x80\x05\x95 torn")
    made, rebuilt = _build(spec, cache)
    assert made == 0 and rebuilt == fresh


def test_a_paragraph_split_across_columns_prints_the_same_in_the_next_build(
        tmp_path: Path) -> None:
    # ReportLab's split appended a space to the last word of each line it handed on, in the
    # remembered lines themselves: the next build printed 'Optic ' where the first had
    # 'Optic' (the fact sheet in the journal theme, in a watcher or from the kept file).
    from briefing.compiler import compile_brief

    from .conftest import ROOT

    spec = ROOT / "templates" / "briefs" / "china-pakistan-ict-factsheet.yaml"
    built = [compile_brief(spec, tmp_path / f"{n}.pdf", cache_dir=tmp_path / f"cache{n}",
                           jobs=1, theme="journal").pdf.read_bytes() for n in range(2)]
    assert built[0] == built[1]
