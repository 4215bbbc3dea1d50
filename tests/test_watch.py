"""Watch mode: rebuilds on change, survives bad saves, stops cleanly."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.starter import create_starter
from briefing.watch import Rebuild, watch, watched_files

from .conftest import ROOT

TIMEOUT = 20.0
"""Longest wait for one rebuild; a healthy watcher takes well under a second."""


@dataclass
class Watcher:
    spec: Path
    pdf: Path
    builds: queue.Queue[Rebuild]

    def next_build(self) -> Rebuild:
        try:
            return self.builds.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no rebuild within {TIMEOUT} s") from None

    def edit(self, old: str, new: str) -> None:
        text = self.spec.read_text(encoding="utf-8")
        assert old in text
        _save(self.spec, text.replace(old, new).encode())


def _save(path: Path, data: bytes) -> None:
    """Save the way editors do: write a temporary file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[Watcher]:
    create_starter(tmp_path / "brief")
    spec, out = tmp_path / "brief" / "brief.yaml", tmp_path / "out"
    builds: queue.Queue[Rebuild] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(spec, out),
                              kwargs={"on_build": builds.put, "stop_event": stop}, daemon=True)
    thread.start()
    running = Watcher(spec, out / "brief.pdf", builds)
    first = running.next_build()
    assert first.ok, first.errors
    yield running
    stop.set()
    thread.join(TIMEOUT)
    assert not thread.is_alive()


def test_rebuilds_after_an_edit(watcher: Watcher) -> None:
    before = watcher.pdf.read_bytes()
    watcher.edit("title: Investing in Research", "title: Investing in People")
    rebuilt = watcher.next_build()
    assert rebuilt.ok
    assert rebuilt.result is not None and rebuilt.result.pdf == watcher.pdf
    assert watcher.pdf.read_bytes() != before


def test_survives_a_broken_save_and_rebuilds_after_the_fix(watcher: Watcher) -> None:
    good = watcher.pdf.read_bytes()
    watcher.edit("chart: bar", "chart: barr")
    broken = watcher.next_build()
    assert not broken.ok
    [error] = broken.errors
    assert error.format().startswith(f"{watcher.spec}:")
    assert error.where == "sections[0].blocks[1].figure.chart"
    assert error.message.endswith("got 'barr'")
    assert watcher.pdf.read_bytes() == good
    watcher.edit("chart: barr", "chart: bar")
    fixed = watcher.next_build()
    assert fixed.ok, fixed.errors
    assert fixed.result is not None and fixed.result.pdf == watcher.pdf


def test_survives_a_deleted_data_file_and_a_spec_renamed_away(watcher: Watcher) -> None:
    data = watcher.spec.parent / "data" / "rd_spending.csv"
    rows = data.read_bytes()
    data.unlink()
    missing = watcher.next_build()
    assert [e.message for e in missing.errors] == [
        f"data file not found: 'data/rd_spending.csv' (looked for {data})"]
    _save(data, rows)
    assert watcher.next_build().ok
    moved = watcher.spec.with_name("moved.yaml")
    watcher.spec.rename(moved)
    gone = watcher.next_build()
    assert [e.message for e in gone.errors] == ["spec not found"]
    moved.rename(watcher.spec)
    assert watcher.next_build().ok


def test_watches_the_spec_its_data_and_its_theme_chain(tmp_path: Path) -> None:
    create_starter(tmp_path)
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "house.yaml").write_text("extends: base.yaml\n")
    (tmp_path / "themes" / "base.yaml").write_text("extends: policy\n")
    spec = tmp_path / "brief.yaml"
    spec.write_text(spec.read_text().replace("theme: policy", "theme: themes/house.yaml"))
    names = {p.relative_to(tmp_path).as_posix() for p in watched_files(spec)
             if p.is_relative_to(tmp_path)}
    assert names == {"brief.yaml", "data/rd_spending.csv", "themes/house.yaml",
                     "themes/base.yaml"}
    assert any(p.name == "policy.yaml" for p in watched_files(spec))


def test_ctrl_c_exits_cleanly(tmp_path: Path) -> None:
    create_starter(tmp_path / "brief")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(tmp_path / "brief" / "brief.yaml"),
         "-o", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()],
                     daemon=True).start()
    try:
        first = lines.get(timeout=TIMEOUT)
        assert str(tmp_path / "out" / "brief.pdf") in first
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=TIMEOUT)
    finally:
        process.kill()
    stderr = process.stderr.read() if process.stderr else ""
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == "stopped"


def test_max_builds_stops_the_watcher(tmp_path: Path) -> None:
    create_starter(tmp_path / "brief")
    builds: list[Rebuild] = []
    assert watch(tmp_path / "brief" / "brief.yaml", tmp_path / "out", on_build=builds.append,
                 max_builds=1) == 0
    assert [b.ok for b in builds] == [True]
    assert (tmp_path / "out" / "brief.pdf").is_file()


def test_a_rebuild_in_the_same_process_writes_what_a_fresh_process_writes(
        tmp_path: Path) -> None:
    """A watcher reuses the markup and line breaks of text it has set before; what it
    writes must not depend on what it set earlier (another theme, another wording)."""
    from briefing.compiler import compile_brief

    for folder in ("data", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    spec = tmp_path / "templates" / "briefs" / "china-pakistan-ict.yaml"
    original = spec.read_text(encoding="utf-8")
    word = "digital"
    assert original.count(word) > 3
    spec.write_text(original.replace(word, "electronic"), encoding="utf-8")
    compile_brief(spec, tmp_path / "edited.pdf", jobs=1)
    compile_brief(spec, tmp_path / "edited-journal.pdf", theme="journal", jobs=1)
    spec.write_text(original, encoding="utf-8")
    reused = {theme: compile_brief(spec, tmp_path / f"reused-{theme}.pdf", theme=theme, jobs=1)
              for theme in ("letter", "journal")}
    for theme, result in reused.items():
        fresh = tmp_path / f"fresh-{theme}.pdf"
        subprocess.run([sys.executable, "-m", "briefing", "build", str(spec), "--theme", theme,
                        "-o", str(fresh), "-q"], check=True,
                       env={**os.environ, "BRIEFING_JOBS": "1",  # nothing kept from above
                            "BRIEFING_CACHE_DIR": str(tmp_path / f"cache-{theme}")})
        assert result.pdf.read_bytes() == fresh.read_bytes(), theme


def test_ctrl_c_as_a_build_ends_lets_it_finish_and_ends_the_watch(tmp_path: Path) -> None:
    create_starter(tmp_path / "brief")
    builds: list[Rebuild] = []

    def interrupt(build: Rebuild) -> None:  # Ctrl-C as the build ends, before the watching
        os.kill(os.getpid(), signal.SIGINT)
        builds.append(build)  # reached: the build in hand finishes, nothing is interrupted

    before = signal.getsignal(signal.SIGINT)
    assert watch(tmp_path / "brief" / "brief.yaml", tmp_path / "out", on_build=interrupt) == 0
    assert [b.ok for b in builds] == [True]
    assert signal.getsignal(signal.SIGINT) is before
