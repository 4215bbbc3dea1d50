"""Watch mode: build once, then rebuild whenever the spec, its data or its theme change.

The watcher runs in one process, so imports and the chart cache stay warm and a text edit
costs only the layout. It watches the folders of the files a brief depends on (not the
files themselves, which editors replace on save), recomputes that set after every build,
and also compares the files' stat signatures on every idle tick, so a change it could not
be told about (a folder that did not exist yet, an edit made while it was re-arming) is
still picked up within a tick.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .batch import BatchOptions, Outcome, build_one

STEP_MS = 20
"""How long a change must stay quiet before a rebuild starts (an editor's save settles)."""
DEBOUNCE_MS = 400
"""The longest a burst of changes is grouped before a rebuild starts anyway."""
TICK_MS = 250
"""How often an idle watcher compares the files' signatures (and checks for a stop)."""

Signature = tuple[tuple[str, tuple[int, int, int] | None], ...]


Rebuild = Outcome
"""One build in watch mode: its result, or why there is none."""


def watch(spec: Path, out: Path | None = None, *, theme: str | None = None,
          strict: bool = False, on_build: Callable[[Rebuild], None] | None = None,
          stop_event: threading.Event | None = None, max_builds: int | None = None) -> int:
    """Build spec, then rebuild on every change until stopped; return the exit code (0).

    on_build is called after every build, good or bad. The watcher stops when stop_event is
    set, after max_builds builds, or on Ctrl-C.
    """
    import watchfiles

    session = _Session(spec, out, theme, strict)
    stop = stop_event or threading.Event()
    builds = 0

    def rebuild() -> bool:
        nonlocal builds
        event = session.build()
        builds += 1
        if on_build is not None:
            on_build(event)
        return max_builds is not None and builds >= max_builds

    with _stopped_by_interrupt(stop):
        if rebuild():
            return 0
        while not stop.is_set():
            folders = session.folders()
            try:
                for changes in watchfiles.watch(
                        *folders, watch_filter=session.relevant, stop_event=stop,
                        debounce=DEBOUNCE_MS, step=STEP_MS, rust_timeout=TICK_MS,
                        yield_on_timeout=True, recursive=False):
                    if (changes or session.changed()) and rebuild():
                        return 0
                    if session.folders() != folders:
                        break  # the brief now depends on files in other folders
            except (FileNotFoundError, RuntimeError):  # RuntimeError: watchfiles' internal one
                stop.wait(TICK_MS / 1000)  # a watched folder vanished; look again
    return 0


@contextmanager
def _stopped_by_interrupt(stop: threading.Event) -> Iterator[None]:
    """Within the block, have Ctrl-C set stop: the watcher ends after the build in hand, or
    within a tick when idle, rather than at whatever point a KeyboardInterrupt would reach
    (inside the file watcher's start or a chart server's). A second Ctrl-C interrupts at
    once. Only the main thread can handle signals; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(_signal: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, previous)


class _Session:
    """The brief being watched: what it depends on, and how it was when last built."""

    def __init__(self, spec: Path, out: Path | None, theme: str | None, strict: bool) -> None:
        self.spec = spec
        self.options = BatchOptions(out, theme, strict)
        self.files: frozenset[Path] = frozenset()  # set by build(), which comes first
        self.signature: Signature = ()

    def build(self) -> Rebuild:
        """Build the brief (a crash on one save must not end the watch), after noting its files."""
        self.files = watched_files(self.spec, self.options.theme)
        self.signature = _signature(self.files)
        return build_one(self.spec, self.options)

    def relevant(self, _change: Any, path: str) -> bool:
        return Path(path) in self.files

    def changed(self) -> bool:
        return _signature(self.files) != self.signature

    def folders(self) -> tuple[Path, ...]:
        return tuple(sorted({_existing(file.parent) for file in self.files}))


def watched_files(spec: Path, theme: str | None = None) -> frozenset[Path]:
    """Return the absolute paths a brief depends on: spec, CSV datasets, theme and its bases.

    Read leniently from the raw YAML, so a broken spec still names what to watch.
    """
    from .loader import theme_choice
    from .theme_files import theme_path

    spec = spec.absolute()
    files = {spec}
    data = _read_yaml(spec)
    entries = data.get("data")
    for entry in entries.values() if isinstance(entries, dict) else ():
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            files.add(spec.parent / entry["file"])
    name, relative_to = theme_choice(data, theme, spec.parent)
    while isinstance(name, str) and name:
        try:
            path = theme_path(name, relative_to).absolute()
        except (OSError, ValueError):
            break
        if path in files:
            break
        files.add(path)
        name, relative_to = _read_yaml(path).get("extends"), path.parent
    return frozenset(Path(_normal(file)) for file in files)


_parsed: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}
"""The files read by _read_yaml, by path: their stat signature and what they held."""


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    from .yamlsource import LOADER

    try:
        signature = _stat(path)
        known = _parsed.get(path)
        if known is not None and known[0] == signature:
            return known[1]  # a theme is re-read only when it changed
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except Exception:  # noqa: BLE001 - a broken file still gets watched, just not followed
        return {}
    data = data if isinstance(data, dict) else {}
    _parsed[path] = (signature, data)
    return data


def _normal(path: Path) -> str:
    return os.path.normpath(path)


def _existing(folder: Path) -> Path:
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _signature(files: frozenset[Path]) -> Signature:
    result = []
    for file in sorted(files):
        try:
            result.append((str(file), _stat(file)))
        except OSError:
            result.append((str(file), None))
    return tuple(result)


def _stat(path: Path) -> tuple[int, int, int]:
    """Return what tells a file's versions apart: mtime, size and inode (OSError if gone)."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
