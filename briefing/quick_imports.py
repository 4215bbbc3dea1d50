"""Importing third-party libraries without the work a build does not need.

Two kinds of work every build process paid for at import time:

- **Slow regular expressions.** Python's `re` compiles a character class by walking every
  code point of its ranges below U+10000, and case-folds each one when the pattern ignores
  case. Four classes compiled at import by libraries every build needs cost a tenth of a warm
  rebuild that way: `reportlab.platypus.paragraph`'s URL pattern (three case-insensitive
  `[a-z\\xa1-\\uffff…]` classes, ~55 ms), PyYAML's `Reader.NON_PRINTABLE` (~8 ms) and
  `reportlab.lib.textsplit`'s CJK class (~5 ms). While these modules are imported,
  `re.compile` rewrites each such class to one that matches exactly the same characters but
  whose ranges are short (`tests/test_quick_imports.py` checks every code point). Any other
  pattern, or a library version whose pattern differs, is compiled as written.
- **Modules imported for a feature a build may not use** (`defer`): ReportLab imports
  Pillow's `PIL.Image` for raster images, and matplotlib fontTools' subsetter for embedding
  fonts. They are loaded when first used instead. And pydantic's plugin loader imports
  `importlib.metadata` even when plugins are switched off (`pydantic_without_plugins`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_FOLDED_RANGE = re.compile("\\[a-z\xa1-\uffff((?:0-9)?-?)\\]")
"""`[a-z\\xa1-\\uffff]`, optionally followed by digits and a hyphen (group 1): the classes
whose rewrite is checked, and nothing with letters whose case would matter."""
_ABOVE_LATIN1 = "[^\\x00-\\xa0\\U00010000-\\U0010ffff]"
"""Any character from U+00A1 to U+FFFF, written as a class `re` compiles without a walk."""
_SHORTER_RANGES = {
    # yaml.reader.Reader.NON_PRINTABLE, as its complement
    "[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]":
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]",
    # reportlab.lib.textsplit's CJK characters, U+2E80 to U+FFFF
    "([\u2e80-\uffff])": "([^\x00-\u2e7f\U00010000-\U0010ffff])",
}
"""Whole patterns (their characters, not escapes) and an equivalent of shorter ranges."""
_lock = threading.Lock()
_program = False


def cheaper_pattern(pattern: str, flags: int) -> str:
    """Return pattern, compiled with flags, rewritten to an equivalent that compiles fast if
    it is known to compile slowly; any other pattern comes back unchanged."""
    pattern = _SHORTER_RANGES.get(pattern, pattern)
    if flags & re.IGNORECASE:
        pattern = _FOLDED_RANGE.sub(lambda m: f"(?-i:[a-zA-Z{m[1]}]|{_ABOVE_LATIN1})", pattern)
    return pattern


@contextmanager
def patterns_compiled_quickly() -> Iterator[None]:
    """Within the block (meant for imports), `re.compile` compiles `cheaper_pattern`s."""
    with _lock:
        compile_as_written = re.compile

        def compile_cheaper(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str):
                pattern = cheaper_pattern(pattern, flags)
            return compile_as_written(pattern, flags)

        re.compile = compile_cheaper  # type: ignore[assignment]
        try:
            yield
        finally:
            re.compile = compile_as_written


def import_platypus() -> None:
    """Import reportlab.platypus (once per process) with its patterns compiled quickly, and
    Pillow (which ReportLab needs for raster images only) loaded when first used."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    defer("PIL.Image")
    with patterns_compiled_quickly():
        import reportlab.platypus  # noqa: F401


def defer(name: str) -> None:
    """Make importing the submodule `name` cheap: it loads when first used (importlib's
    LazyLoader). Set on its package too, so `from package import module` does not load it."""
    if name in sys.modules:
        return
    package, _, child = name.rpartition(".")
    parent = importlib.import_module(package)
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    setattr(parent, child, module)
    spec.loader.exec_module(module)


def as_program() -> None:
    """Set up a process that runs briefing as a program (the CLI, the chart server): what
    Python compiles is looked up in the kept table (`kept_compiles`), pydantic's plugin
    loader is not imported when plugins are switched off, and the chart server may be a
    fork of this process (see `runs_as_program`)."""
    global _program
    from . import kept_compiles

    if not _program:  # (a forked chart server has the table already)
        kept_compiles.install()
    pydantic_without_plugins()
    _program = True


def runs_as_program() -> bool:
    """Return whether this process is briefing's own program (`as_program`): the chart
    server may then be a fork of it, never of a library caller's process, whose state (open
    files, sockets, a large heap) a fork would copy into a process that outlives the build."""
    return _program


def pydantic_without_plugins() -> None:
    """Let pydantic skip importing its plugin loader when plugins are switched off.

    With `PYDANTIC_DISABLE_PLUGINS=__all__`, pydantic's `get_plugins` returns no plugins, but
    its module imports `importlib.metadata` first, and with it `email`, `zipfile` and
    `socket`: a twentieth of a warm rebuild. A stand-in module whose `get_plugins` returns no
    plugins takes its place; with the variable set otherwise, nothing changes.
    """
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or name in sys.modules:
        return
    stand_in = types.ModuleType(name, "pydantic's plugin loader, with plugins switched off.")
    stand_in.get_plugins = tuple  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
