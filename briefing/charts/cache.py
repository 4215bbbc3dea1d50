"""A content-addressed cache of drawn charts: PDF bytes stored under the hash of their inputs."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..code_digests import package_version, sources
from ..theme import Theme
from ..workers import chart_path
from ..write import write_atomic

MAGIC = b"briefing-chart 1\n"
KEPT_FOR = dt.timedelta(days=30)
"""How long a chart, or what a build of a spec recorded, stays in the cache unused."""
SWEPT = ".briefing-swept"
"""The file in the cache folder whose time says when it was last swept (at most daily)."""

# options that change the words around a chart, never its drawing
NOT_DRAWN = frozenset({"id", "title", "subtitle", "caption", "alt", "source", "note", "data"})


def chart_key(kind: str, options: dict[str, Any], columns: dict[str, str],
              rows: list[list[Any]], theme: Theme, width: float) -> str:
    """Return the hash of everything that decides how a chart is drawn."""
    drawn = {k: v for k, v in options.items() if k not in NOT_DRAWN}
    payload = {
        "kind": kind, "options": drawn, "columns": columns, "rows": rows,
        "theme": theme.model_dump(mode="json", exclude={"name", "extends"}),
        "width": round(width, 4), "code": _code_version(), "fonts": _font_files(theme),
    }
    text = json.dumps(payload, sort_keys=True, default=_json_value, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def load(directory: Path, key: str) -> bytes | None:
    """Return the cached PDF of key, or None when it is missing or damaged."""
    path = chart_path(directory, key)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):  # in use: not to be swept
        os.utime(path)
    head = len(MAGIC) + 65
    if not blob.startswith(MAGIC) or len(blob) < head:
        return None
    digest, pdf = blob[len(MAGIC):head - 1].decode("ascii", "replace"), blob[head:]
    if hashlib.sha256(pdf).hexdigest() != digest:
        return None
    return pdf


def store(directory: Path, key: str, pdf: bytes) -> None:
    """Save the PDF of key atomically; a cache that cannot be written is skipped."""
    blob = MAGIC + hashlib.sha256(pdf).hexdigest().encode() + b"\n" + pdf
    with contextlib.suppress(OSError):
        write_atomic(chart_path(directory, key), blob)


def sweep(directory: Path, now: float | None = None) -> int:
    """Delete what the cache folder holds that no build used for `KEPT_FOR` (charts, parsed
    fonts, what builds of a spec recorded), at most once a day; return how many files
    went. Only files the cache itself names are touched: `<xx>/<64 hex digits>.pdf`,
    `fonts/parsed/<64 hex digits>.pickle` and `briefs/<32 hex digits>[.layout|.spec]`: the
    folder may be one the user keeps other files in."""
    now = time.time() if now is None else now
    if not _claimed_today(directory / SWEPT, now):
        return 0
    gone = 0
    for path in _unused_since(directory, now - KEPT_FOR.total_seconds()):
        with contextlib.suppress(OSError):
            path.unlink()
            gone += 1
    return gone


def _claimed_today(marker: Path, now: float) -> bool:
    """Return whether this build is the day's first to sweep, marking it so: a cache that
    cannot record its sweep is not scanned (on every build)."""
    with contextlib.suppress(OSError):
        if now - marker.stat().st_mtime < dt.timedelta(days=1).total_seconds():
            return False
    try:
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:
        return False
    return True


def _unused_since(directory: Path, oldest: float) -> Iterator[Path]:
    """Yield the files the cache made that no build used since oldest: regular files in
    folders reached through no link, by the names and contents the cache gives."""
    for pattern, name in _swept_names():
        direct: dict[Path, bool] = {}  # whether a folder is reached through no link
        for path in directory.glob(pattern):
            if not name.fullmatch(path.name):
                continue
            if path.parent not in direct:
                direct[path.parent] = _reached_directly(path.parent, directory)
            if direct[path.parent] and _unused_file(path, directory, oldest):
                yield path


def _reached_directly(folder: Path, directory: Path) -> bool:
    """Return whether folder, in directory, is reached through no link (and can be read)."""
    relative = folder.relative_to(directory)
    try:
        return not any((directory / part).is_symlink()
                       for part in [relative, *relative.parents][:-1])
    except OSError:  # (is_symlink raises on a folder it may not look into)
        return False


def _unused_file(path: Path, directory: Path, oldest: float) -> bool:
    """Return whether path is a regular file (a link is never followed) the cache made,
    last used before oldest."""
    try:
        found = path.lstat()
        return (stat.S_ISREG(found.st_mode) and _last_used(path, found) < oldest
                and _made_here(path, directory))
    except OSError:
        return False


def _last_used(path: Path, found: os.stat_result) -> float:
    """Return when a build last used the file at path: a spec's kept line breaks
    (`.layout`) and models (`.spec`) are used by every build that refreshes the spec's
    record of chart keys."""
    if path.suffix in _kept_magic():
        with contextlib.suppress(OSError):
            return max(found.st_mtime, path.with_suffix("").lstat().st_mtime)
    return found.st_mtime


def _made_here(path: Path, directory: Path) -> bool:
    """Return whether the file at path begins as the cache writes such files (and a chart
    sits where the cache puts it)."""
    with path.open("rb") as stream:
        head = stream.read() if not path.suffix else stream.read(len(MAGIC))
    if path.suffix == ".pdf":
        return path == chart_path(directory, path.stem) and head == MAGIC
    if path.suffix == ".pickle":
        return head.startswith(b"\x80")  # a pickle (of a parsed font, see parsed_fonts)
    if path.suffix in _kept_magic():
        return head.startswith(_kept_magic()[path.suffix])
    return re.fullmatch(rb"([0-9a-f]{64}\n)*", head) is not None  # a spec's chart keys


@cache
def _kept_magic() -> dict[str, bytes]:
    """Return how each file a spec's build keeps beside its record of chart keys begins,
    by suffix (line breaks, `kept_lines`; models, `kept_spec`)."""
    from ..kept_lines import LAYOUT_MAGIC
    from ..kept_spec import SPEC_MAGIC

    return {".layout": LAYOUT_MAGIC, ".spec": SPEC_MAGIC}


@cache
def _swept_names() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return where the cache keeps what it makes, and the names it gives (see
    workers.spec_record); compiled when first swept, not by every build."""
    return (("[0-9a-f][0-9a-f]/*.pdf", re.compile(r"[0-9a-f]{64}\.pdf")),
            ("fonts/parsed/*.pickle", re.compile(r"[0-9a-f]{64}\.pickle")),
            ("briefs/*", re.compile(r"[0-9a-f]{32}(\.layout|\.spec)?")))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


@cache
def _code_version() -> dict[str, str]:
    """Return the versions of matplotlib and briefing, and a hash of the chart code itself
    (a cache hit must not import matplotlib)."""
    from .. import __version__

    return {"matplotlib": package_version("matplotlib", "_version.py"), "briefing": __version__,
            "charts": sources("charts")}


def _font_files(theme: Theme) -> list[tuple[str, int]]:
    from ..fonts import font_family

    return font_family(theme.fonts.chart).stamps()
