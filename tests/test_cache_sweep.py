"""The cache folder does not grow for ever: what no build used for 30 days is swept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.charts import cache
from briefing.compiler import compile_brief

from .conftest import write_brief

DAY = 24 * 3600
KEY = "ab" + "0" * 62
BARS = "      - figure: {chart: bar, data: d, x: x, y: y, title: Bars, alt: Three bars.}\n"
DATA = "  d: {rows: [{x: A, y: 1}, {x: B, y: 2}, {x: C, y: 3}], source: Test}\n"


def _plant(path: Path, age_days: float, content: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


def test_what_no_build_used_for_30_days_is_swept_and_nothing_else(tmp_path: Path) -> None:
    old = [_plant(tmp_path / "ab" / f"{KEY}.pdf", 40, cache.MAGIC + b"..."),
           _plant(tmp_path / "fonts" / "parsed" / f"{'1' * 64}.pickle", 40, b"\x80\x05..."),
           _plant(tmp_path / "briefs" / ("0123abcd" * 4), 40, f"{KEY}\n".encode()),
           _plant(tmp_path / "briefs" / ("0123abcd" * 4 + ".layout"), 40,
                  b"briefing-layout 1 ..."),
           _plant(tmp_path / "briefs" / ("0123abcd" * 4 + ".spec"), 40,
                  b"briefing-spec 1\n...")]
    kept = [_plant(tmp_path / "cd" / f"{'c' * 64}.pdf", 10),
            # the folder may be one the user keeps other files in: only names the cache
            # gives are swept
            _plant(tmp_path / "ab" / "notes.pdf", 40),
            _plant(tmp_path / "cd" / f"{'e' * 64}.pdf", 40),  # not under its first digits
            _plant(tmp_path / "briefs" / "china-pakistan-ict.yaml", 40),
            _plant(tmp_path / "briefs" / "0123abcd", 40),
            # the shape of the cache's names, but not its files
            _plant(tmp_path / "briefs" / ("d41d8cd9" * 4), 40, b"my notes"),
            _plant(tmp_path / "briefs" / ("d41d8cd9" * 4 + ".spec"), 40, b"my spec"),
            _plant(tmp_path / "ab" / f"ab{'0' * 61}1.pdf", 40, b"%PDF-1.7 my own"),
            _plant(tmp_path / ".briefing-swept-not", 40),
            _plant(tmp_path / "fonts" / "parsed" / "mine.pickle", 40),
            _plant(tmp_path / "fonts" / "SourceSansPro-Regular-1.ttf", 40),
            _plant(tmp_path / "elsewhere.txt", 40)]
    (tmp_path / "ef").mkdir()
    (tmp_path / "ef" / f"{'f' * 64}.pdf").symlink_to(kept[-1])
    elsewhere = tmp_path / "elsewhere"  # a folder of the cache's shape, linked into it
    _plant(elsewhere / f"{'9' * 64}.pdf", 40, cache.MAGIC)
    (tmp_path / "99").symlink_to(elsewhere)
    kept.append(elsewhere / f"{'9' * 64}.pdf")
    assert cache.sweep(tmp_path) == len(old)
    assert not any(p.exists() for p in old)
    assert all(p.exists() for p in kept)


def test_the_cache_is_swept_at_most_once_a_day(tmp_path: Path) -> None:
    cache.sweep(tmp_path)
    late = _plant(tmp_path / "ab" / f"{KEY}.pdf", 40, cache.MAGIC)
    assert cache.sweep(tmp_path) == 0 and late.exists()
    assert cache.sweep(tmp_path, now=time.time() + 2 * DAY) == 1 and not late.exists()


def test_a_chart_read_from_the_cache_is_kept_fresh(tmp_path: Path) -> None:
    cache.store(tmp_path, KEY, b"%PDF-1.4 chart")
    path = tmp_path / "ab" / f"{KEY}.pdf"
    stamp = time.time() - 40 * DAY
    os.utime(path, (stamp, stamp))
    assert cache.load(tmp_path, KEY) == b"%PDF-1.4 chart"
    assert cache.sweep(tmp_path) == 0 and path.exists()


def test_a_build_that_draws_sweeps_and_a_rebuild_that_draws_nothing_does_not(
        tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    folder = tmp_path / "cache"
    stale = _plant(folder / "ab" / f"{KEY}.pdf", 40, cache.MAGIC)
    compile_brief(spec, tmp_path / "out.pdf", cache_dir=folder, jobs=1)
    assert not stale.exists()
    (folder / cache.SWEPT).unlink()
    stale = _plant(folder / "ab" / f"{KEY}.pdf", 40, cache.MAGIC)
    compile_brief(spec, tmp_path / "out.pdf", cache_dir=folder, jobs=1)
    assert stale.exists(), "a rebuild from the cache does no housekeeping"


def test_what_a_rebuild_uses_is_kept_fresh(tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    folder = tmp_path / "cache"

    def build() -> None:  # a new process, as an editor's: fonts are parsed once per process
        subprocess.run([sys.executable, "-m", "briefing", "build", str(spec), "-o",
                        str(tmp_path / "out.pdf"), "-q", "--jobs", "1"], check=True,
                       timeout=120, env={**os.environ, "BRIEFING_CACHE_DIR": str(folder)})

    build()
    used = [*folder.glob("??/*.pdf"), *folder.glob("fonts/parsed/*.pickle"),
            next(p for p in folder.glob("briefs/*") if not p.suffix)]
    assert len(used) >= 3
    stamp = time.time() - 40 * DAY
    for path in used:
        os.utime(path, (stamp, stamp))
    build()
    assert [p.relative_to(folder) for p in used if p.stat().st_mtime < time.time() - DAY] == []
    kept = [next(folder.glob("briefs/*.layout")), next(folder.glob("briefs/*.spec"))]
    for path in kept:
        os.utime(path, (stamp, stamp))
    build()  # the same spec: its kept line breaks and models are read, not written again
    assert all(path.stat().st_mtime < time.time() - DAY for path in kept)
    (folder / cache.SWEPT).unlink()
    assert cache.sweep(folder) == 0 and all(path.exists() for path in kept), \
        "in use through the spec's record"


def test_a_cache_that_cannot_record_its_sweep_is_not_scanned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = _plant(tmp_path / "ab" / f"{KEY}.pdf", 40, cache.MAGIC)

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "touch", refuse)
    monkeypatch.setattr(Path, "glob", lambda *args, **kwargs: pytest.fail("scanned"))
    assert cache.sweep(tmp_path) == 0 and stale.exists()


def test_a_folder_the_sweep_may_not_look_into_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Path.is_symlink raises on a folder it may not look into (EACCES): the build that
    # swept failed instead of leaving that folder alone.
    locked = _plant(tmp_path / "ab" / f"{KEY}.pdf", 40, cache.MAGIC)
    swept = _plant(tmp_path / "cd" / f"{'c' * 64}.pdf", 40, cache.MAGIC)
    is_symlink = Path.is_symlink

    def refuse(self: Path) -> bool:
        if self.name == "ab":
            raise PermissionError(13, "Permission denied", str(self))
        return is_symlink(self)

    monkeypatch.setattr(Path, "is_symlink", refuse)
    monkeypatch.setattr(cache, "_made_here", lambda path, directory: True)
    assert cache.sweep(tmp_path) == 1
    assert locked.exists() and not swept.exists()
