"""Compiled code for the source text Python's standard library generates, kept between runs.

Three standard modules write Python source at run time and compile it: `dataclasses` each
method it adds to a class (`__init__`, `__repr__`, `__eq__`, …), `typing.ForwardRef` every
annotation written as a string, and `collections.namedtuple` each `__new__`. A warm rebuild of
the default brief made ~1,400 such compiles, a ninth of its time, of the same text each run.

While briefing runs as a program, `install` has those modules compile through a table of
code objects keyed by the text, read from a file that `save` writes when a run compiled
something new. The code is what Python compiles from the text (same flags, file name and
mode), so classes come out the same. The file holds code, so it sits where Python keeps
bytecode, in briefing's `__pycache__` folder, never in the cache folder (which may be shared
between machines); when that folder is not writable nothing is kept. A file written by
another Python version, or damaged, is ignored and replaced.
"""

from __future__ import annotations

import builtins
import collections
import contextlib
import dataclasses
import importlib.util
import marshal
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any

_HEADER = importlib.util.MAGIC_NUMBER + b"briefing generated code\n"
_MOST_ENTRIES = 20_000
"""A file that would hold more entries than this is started afresh."""

_codes: dict[tuple[str, str], CodeType] = {}
_new: set[tuple[str, str]] = set()


def default_path() -> Path:
    """Return the file beside briefing's bytecode, named for this Python's bytecode."""
    folder = Path(__file__).parent / "__pycache__"
    return folder / f"generated-code.{sys.implementation.cache_tag}.marshal"


def install(path: Path) -> None:
    """Have dataclasses, typing and collections compile generated text through the table,
    filled from path (if it holds a readable table for this Python)."""
    _codes.update(_read(path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]


def compiled_this_run() -> int:
    """Return how many texts were compiled since install (not found in the table)."""
    return len(_new)


def save(path: Path) -> None:
    """Add what this run compiled to the table at path (nothing when it compiled nothing new,
    or when the file cannot be written)."""
    if not _new:
        return
    from .write import write_atomic

    table = _read(path)
    if len(table) + len(_new) > _MOST_ENTRIES:
        table = {}
    table.update((key, _codes[key]) for key in _new)
    with contextlib.suppress(OSError):
        write_atomic(path, _HEADER + marshal.dumps(table))


def _read(path: Path) -> dict[tuple[str, str], CodeType]:
    try:
        blob = path.read_bytes()
        if not blob.startswith(_HEADER):
            return {}
        table = marshal.loads(memoryview(blob)[len(_HEADER):])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict) or not all(
            type(key) is tuple and len(key) == 2 and type(code) is CodeType
            for key, code in table.items()):
        return {}
    return table


def _code(source: str, mode: str) -> CodeType:
    key = (mode, source)
    code = _codes.get(key)
    if code is None:
        # dont_inherit: the flags of the standard module that asked, not this module's
        # `from __future__ import annotations`
        code = _codes[key] = builtins.compile(source, "<string>", mode, dont_inherit=True)
        _new.add(key)
    return code


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, **more: Any) -> Any:
    if type(source) is str and filename == "<string>" and not flags and optimize == -1 \
            and not more and mode in ("exec", "eval"):
        return _code(source, mode)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **more)


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **more: Any) -> None:  # noqa: A002
    if globals is None:  # the caller's namespaces, as builtins.exec takes them
        caller = sys._getframe(1)  # noqa: SLF001
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals  # noqa: A001
    if type(source) is str and not more:
        source = _code(source, "exec")
    builtins.exec(source, globals, locals, **more)


def _eval(source: Any, globals: Any = None, locals: Any = None, /) -> Any:  # noqa: A002
    if globals is None:
        caller = sys._getframe(1)  # noqa: SLF001
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals  # noqa: A001
    if type(source) is str:
        source = _code(source.lstrip(" \t"), "eval")  # eval strips these, compile does not
    return builtins.eval(source, globals, locals)
