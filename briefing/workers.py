"""Chart worker processes, started early: a forkserver that has already imported matplotlib.

Importing this module costs next to nothing (multiprocessing is imported when a server or
pool is needed, not by a warm rebuild), so a build can call
`start_early` before it imports pydantic, ReportLab or the spec model: the forkserver then
imports matplotlib and the chart code on another core while this process loads the spec and
lays out the text. Every drawing worker is forked from that
warm server, so matplotlib is imported once per build, not once per worker.

Starting the server costs a core for about a second, so it is only started early when the
spec's charts are probably not all cached: each build records the cache keys of its charts
in `<cache>/briefs/`, and a spec whose recorded charts are all still cached is taken as warm.
The record is only a hint; the chart stage itself decides what to draw.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

PRELOAD = ["briefing.chart_server", "briefing._forkserver"]
"""What the forkserver imports before forking workers (matplotlib, chart kinds, a warm-up)."""
SERVER_FONTS = "BRIEFING_SERVER_FONTS"
"""The folder where the forkserver makes the chart font copies before forking workers: the
fonts folder of the chart cache of the build that started it. An environment variable,
since the server is a new Python process; unset, it only uses copies already made."""

_lock = threading.Lock()
_pool: Any = None
_pool_workers = 0


def cache_dir() -> Path:
    """Return where charts are cached: $BRIEFING_CACHE_DIR, else the user's cache folder."""
    explicit = os.environ.get("BRIEFING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefing"


def chart_path(cache: Path, key: str) -> Path:
    """Return where the chart with cache key `key` is stored in the cache folder."""
    return cache / key[:2] / f"{key}.pdf"


def configured_jobs(jobs: int | None = None) -> int:
    """Return jobs, else $BRIEFING_JOBS, else the number of CPUs."""
    if jobs is not None:
        return jobs
    env = os.environ.get("BRIEFING_JOBS", "").strip()
    return int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)


def start_method() -> str:
    """Return how chart workers start: forkserver where there is one, else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def context() -> Any:
    """Return the multiprocessing context of chart workers, with the warm preload set."""
    import multiprocessing

    ctx = multiprocessing.get_context(start_method())
    if ctx.get_start_method() != "forkserver":
        return ctx
    ctx.set_forkserver_preload(PRELOAD)
    adapted = _adapted_forkserver()
    return ctx if adapted is None else adapted.WorkerContext()


def _adapted_forkserver() -> ModuleType | None:
    """Return briefing._forkserver, or None where this Python's forkserver internals are
    not the ones it adapts (plain forkserver is used then)."""
    try:
        from . import _forkserver
    except (ImportError, AttributeError):
        return None
    return _forkserver


def start_server(cache: Path) -> None:
    """Start the forkserver now (it warms up in the background, making the chart font
    copies in cache once for all its workers); no-op without one."""
    if start_method() != "forkserver":
        return
    context()
    environ = {SERVER_FONTS: str(cache / "fonts")}
    with contextlib.suppress(OSError):  # the chart stage tries again, or says why not
        forking = _forking_server()
        if forking is not None:
            forking.start_forked(PRELOAD, environ)
        else:
            with _environment(environ):  # what the new interpreter starts with
                from multiprocessing import forkserver

                forkserver.ensure_running()


def _forking_server() -> ModuleType | None:
    """Return briefing._forkserver if it can start the server as a fork of this process;
    else None."""
    from .quick_imports import runs_as_program

    adapted = _adapted_forkserver() if runs_as_program() else None
    return adapted if adapted is not None and adapted.can_fork() else None


@contextlib.contextmanager
def _environment(added: dict[str, str]) -> Iterator[None]:
    """Add to this process's environment within the block; then leave it as it was."""
    before = {name: os.environ.get(name) for name in added}
    os.environ.update(added)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def start_early(spec: Path, cache: Path) -> None:
    """Start the chart server if spec's charts are probably not all cached in cache."""
    if spec.is_file() and not probably_cached(spec, cache):
        start_server(cache)


def pool(workers: int) -> Any:
    """Return this process's pool of `workers` chart workers (kept for later builds)."""
    global _pool, _pool_workers
    from concurrent.futures import ProcessPoolExecutor

    with _lock:
        if _pool is not None and (_pool_workers != workers or _broken(_pool)):
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
        if _pool is None:
            _pool = ProcessPoolExecutor(workers, mp_context=context())
            _pool_workers = workers
        return _pool


def shutdown() -> None:
    """Stop the chart workers and the forkserver, waiting for them to exit.

    The server is killed rather than asked to exit: it holds nothing to save (its workers
    have exited and been reaped by then), a server that never forked a worker (the build
    failed, or needed no drawing) would first finish its imports, and an idle one would
    tear down matplotlib's modules: an error must not wait a second to be reported, and a
    build should not wait ~40 ms for a teardown.
    """
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None
    forkserver = sys.modules.get("multiprocessing.forkserver")  # not imported: none started
    if forkserver is not None:
        server = forkserver._forkserver  # noqa: SLF001
        pid = getattr(server, "_forkserver_pid", None)
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        stop = getattr(server, "_stop", None)
        if stop is not None:
            stop()


def _broken(executor: Any) -> bool:
    return bool(getattr(executor, "_broken", False))


# The hint: which charts a spec used when it was last built.

def spec_record(spec: Path, cache: Path) -> Path:
    """Return where what the last build of spec used is recorded (its chart keys, and with
    the suffix `.layout` its line breaks)."""
    name = hashlib.sha256(str(spec.absolute()).encode()).hexdigest()[:32]
    return cache / "briefs" / name


def probably_cached(spec: Path, cache: Path) -> bool:
    """Return whether every chart spec used when last built is still in the cache."""
    try:
        keys = spec_record(spec, cache).read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return False
    return all(chart_path(cache, key).is_file() for key in keys)


def remember(spec: Path, cache: Path, keys: list[str]) -> None:
    """Record the cache keys of spec's charts (skipped when unchanged or not writable)."""
    path = spec_record(spec, cache)
    text = "".join(f"{key}\n" for key in keys)
    from .write import write_atomic

    try:
        if path.is_file() and path.read_text(encoding="ascii") == text:
            os.utime(path)  # in use: not to be swept from the cache
            return
        write_atomic(path, text.encode("ascii"))
    except (OSError, ValueError):
        return
