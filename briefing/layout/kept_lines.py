"""The parsed paragraphs, line breaks and Markdown trees of a spec's last build, kept in the
cache folder.

A rebuild after an edit then parses and breaks only the paragraphs whose text changed, as a
watcher's rebuild does in memory (see `memo`): on the default brief that is a tenth of a
warm rebuild's work. Entries are keyed by the markup, the style's values and the
width, so a kept entry is only used for the very paragraph it was made for; the file is
ignored when ReportLab, briefing, this Python or a font file differ from when it was written,
and when it is damaged. It only holds ReportLab's text fragments, lines and colours and
markdown-it's tokens and tree nodes: any other class in it makes the file ignored, so a
planted file cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

from . import markdown, memo, paragraph, typography

_ALLOWED_MODULES = frozenset({"reportlab.platypus.paragraph", "reportlab.platypus.paraparser",
                              "reportlab.lib.colors", "reportlab.lib.abag",
                              "markdown_it.tree", "markdown_it.token"})


_in_memory: dict[Path, tuple[int, int]] = {}
"""Files this process has read or written, with their (modification time, size) then: a
watcher's rebuilds have their entries in memory already."""


def load(path: Path) -> None:
    """Make the entries kept at path known to this build's paragraphs (if they still fit)."""
    memo.start_build()
    try:
        if _in_memory.get(path) == _version(path):
            return
        blob = path.read_bytes()
    except OSError:
        return
    header = _header()
    if not blob.startswith(header):
        return
    try:
        remembered = _Unpickler(io.BytesIO(blob[len(header):])).load()
        memo.recall_all(remembered)
        _in_memory[path] = _version(path)
    except Exception:  # noqa: BLE001 - a damaged file costs a full layout, nothing more
        return


def save(path: Path) -> None:
    """Keep what this build used at path, when any of it was new (skipped if unwritable)."""
    from ..write import write_atomic

    remembered, made = memo.used()
    if not made:
        return
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        write_atomic(path, _header() + pickle.dumps(remembered, protocol=5))
        _in_memory[path] = _version(path)


def _version(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if module in _ALLOWED_MODULES else None
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not kept in a layout file")
        return found


@cache
def _header() -> bytes:
    """Return the first line of a layout file: what its entries depend on, hashed."""
    import markdown_it
    import reportlab

    from .. import __version__
    from ..errors import BuildFailure
    from ..fonts import FAMILY_NAMES, font_family

    digest = hashlib.sha256()
    for part in (sys.version_info[:2], reportlab.Version, markdown_it.__version__,
                 __version__, *(Path(module.__file__).read_bytes()
                                for module in (paragraph, markdown, typography, memo))):
        digest.update(repr(part).encode())
    for family in FAMILY_NAMES:
        with contextlib.suppress(OSError, BuildFailure):  # a build reports a missing font
            for path in font_family(family).faces().values():
                digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return b"briefing-layout 1 " + digest.hexdigest().encode() + b"\n"
