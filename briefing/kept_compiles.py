"""What Python compiles at run time, kept between runs: generated code and regular expressions.

Two kinds of compiling happen anew in every process, on the same input each time:

- **Generated source text.** `dataclasses` writes each method it adds to a class
  (`__init__`, `__repr__`, `__eq__`, …) as source text and compiles it, `typing.ForwardRef`
  compiles every annotation written as a string, `collections.namedtuple` each `__new__`:
  ~1,400 compiles in a warm rebuild of the default brief, a ninth of its time.
- **Regular expressions.** The libraries a build imports compile ~170 patterns (ReportLab,
  markdown-it, PyYAML, `html.parser`, …), the chart server ~210 more: 5–8 % of their time.

While briefing runs as a program (the CLI and the chart server), `install` has those
compiles looked up in a table first: code objects by source text, and for a pattern the
arguments that `re` handed the regular-expression engine (`_sre.compile`) for it. What
comes out is what Python would have made from the same input. `save` adds what a run
compiled anew (when that is enough to be worth it). The table holds code, so it is kept
where Python keeps bytecode, in briefing's `__pycache__` folder, never in the cache folder
(which may be shared between machines); when that folder is not writable nothing is kept.
A table written by another Python build, or damaged, is ignored and replaced.
"""

# no `from __future__ import annotations` here: what this module compiles as a fallback would
# inherit it (annotations as strings)
import _sre
import builtins
import collections
import contextlib
import dataclasses
import importlib.util
import marshal
import re
import sys
import threading
import typing
import warnings
from array import array
from pathlib import Path
from types import CodeType
from typing import Any

_HEADER = importlib.util.MAGIC_NUMBER + (
    f"briefing {sys.version} sre {_sre.MAGIC} optimize {sys.flags.optimize}\n".encode())
_CODE_TYPE = next(code for code in "IL" if array(code).itemsize == _sre.CODESIZE)
"""The array type of the regular-expression engine's code units."""
_WORTH_SAVING = 16
"""The fewest new compiles worth rewriting the table for: rewriting costs about what fifty
compiles do (~12 ms), and ReportLab builds one pattern from a set, in another order each
run, so every run compiles at least that one anew."""
_SPARE = 1_000
"""How many more entries than a run needs the file may hold before it is pruned to them
(entries pile up from patterns that differ between runs)."""

_table: dict[tuple[Any, ...], Any] = {}
"""("exec" or "eval", source) → code object; ("re", pattern, flags) → the arguments of
`_sre.compile` after the pattern."""
_new: set[tuple[Any, ...]] = set()
_used: set[tuple[Any, ...]] = set()


def default_path() -> Path:
    """Return the file where Python keeps this module's bytecode (`__pycache__`, or under
    `sys.pycache_prefix`), named for the interpreter and its optimisation level."""
    bytecode = Path(importlib.util.cache_from_source(__file__))
    return bytecode.with_name(bytecode.name.replace("kept_compiles.", "kept-compiles.", 1)
                              .removesuffix(".pyc") + ".marshal")


def install(path: Path | None = None) -> None:
    """Have dataclasses, typing, collections and re look their compiles up in the table,
    filled from path (default: `default_path()`), if it holds a readable table for this
    Python."""
    _table.update(_read(path or default_path()))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    compiler = re._compiler  # type: ignore[attr-defined]  # noqa: SLF001
    compiler._sre = _ENGINE  # noqa: SLF001
    compiler.compile = _compile_pattern


def counts() -> tuple[int, int]:
    """Return how many sources and patterns this run looked up, and how many of them it
    compiled (they were not in the table)."""
    return len(_used), len(_new)


def save(path: Path | None = None) -> None:
    """Add what this run compiled to the table at path (default: `default_path()`), unless
    that was too little to be worth it, Python was told not to write bytecode
    (`PYTHONDONTWRITEBYTECODE`), or the file cannot be written. Never fails: the table is
    only ever an optimisation."""
    new, used = set(_new), set(_used)  # other threads may still be compiling
    if len(new) < _WORTH_SAVING or sys.dont_write_bytecode:
        return
    from .write import write_atomic

    with contextlib.suppress(Exception):
        path = path or default_path()
        table = _read(path)
        table.update((key, _table[key]) for key in new)
        if len(table) > 2 * len(used) + _SPARE:
            table = {key: _table[key] for key in used if key in _table}
        write_atomic(path, _HEADER + marshal.dumps(table))


def _read(path: Path) -> dict[tuple[Any, ...], Any]:
    try:
        blob = path.read_bytes()
        if not blob.startswith(_HEADER):
            return {}
        table = marshal.loads(memoryview(blob)[len(_HEADER):])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if type(table) is dict else {}


def _code(source: str, mode: str) -> CodeType:
    key = (mode, source)
    code = _table.get(key)
    _used.add(key)
    if type(code) is not CodeType:  # not in the table (or damaged there)
        # dont_inherit: compiled as the standard module that asked compiles (no __future__)
        code = _table[key] = builtins.compile(source, "<string>", mode, dont_inherit=True)
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


class _Engine:
    """Stands in for the `_sre` module in `re._compiler`: the same, except that it notes (per
    thread) what its `compile` was given."""

    def __init__(self) -> None:
        self.noted = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, pattern: Any, *arguments: Any) -> Any:  # noqa: A003
        self.noted.arguments = arguments
        return _sre.compile(pattern, *arguments)


_ENGINE = _Engine()
_compile_pattern_as_written = re._compiler.compile  # type: ignore[attr-defined]  # noqa: SLF001


def _compile_pattern(pattern: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, looked up in the table for a pattern given as text."""
    if type(pattern) not in (str, bytes) or flags & (re.DEBUG | re.LOCALE):
        return _compile_pattern_as_written(pattern, flags)
    key = ("re", pattern, int(flags))
    arguments = _table.get(key)
    _used.add(key)
    if arguments is not None:
        with contextlib.suppress(Exception):  # a damaged entry is compiled again
            return _sre.compile(pattern, *_as_given(arguments))
    _ENGINE.noted.arguments = None
    with warnings.catch_warnings(record=True) as warned:  # only for a pattern not kept yet
        warnings.simplefilter("always")
        compiled = _compile_pattern_as_written(pattern, flags)
    if warned:  # not kept, and compiled again so that its warnings go out as re gives them
        return _compile_pattern_as_written(pattern, flags)
    arguments = _ENGINE.noted.arguments
    if arguments is not None:
        with contextlib.suppress(OverflowError, TypeError, ValueError):
            plain = _plain(arguments)
            marshal.dumps(plain)  # kept only if marshal can write it
            _table[key] = plain
            _new.add(key)
    return compiled


def _plain(value: Any) -> Any:
    """Return value as marshal writes it quickly: its int subclasses (re's named opcodes) as
    ints, and a list of ints (the engine's code) as the bytes of an array."""
    if type(value) is list and all(isinstance(item, int) for item in value):
        return array(_CODE_TYPE, value).tobytes()
    if isinstance(value, int) and type(value) is not int and type(value) is not bool:
        return int(value)
    if type(value) is tuple:
        return tuple(map(_plain, value))
    if type(value) is dict:
        return {key: _plain(item) for key, item in value.items()}
    return value


def _as_given(arguments: tuple[Any, ...]) -> list[Any]:
    """Return arguments as `_sre.compile` was given them (the inverse of `_plain`)."""
    return [array(_CODE_TYPE, argument).tolist() if type(argument) is bytes else argument
            for argument in arguments]
