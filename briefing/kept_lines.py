"""The parsed paragraphs, line breaks, Markdown trees and chart pages of a spec's last build,
kept in the cache folder.

A rebuild after an edit then parses and breaks only the paragraphs whose text changed, as a
watcher's rebuild does in memory (see `memo`): on the default brief that is a tenth of a
warm rebuild's work. Entries are keyed by the markup, the style's values and the
width, so a kept entry is only used for the very paragraph it was made for; the file is
ignored when ReportLab, briefing, this Python or a font file differ from when it was written,
and when it is damaged. It only holds ReportLab's text fragments, lines and colours,
markdown-it's tokens and tree nodes, and the PDF objects and text plans of `charts.pdfread`
and `charts.text`: any other class in it makes the file ignored, so a planted file cannot
run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
import sys
from functools import cache
from pathlib import Path

from . import memo
from .pickles import AllowListUnpickler

LAYOUT_MAGIC = b"briefing-layout"
"""How a layout file begins (the cache's sweep knows its files by it)."""

_ALLOWED = frozenset((module, None) for module in (
    "reportlab.platypus.paragraph", "reportlab.platypus.paraparser", "reportlab.lib.colors",
    "reportlab.lib.abag", "markdown_it.tree", "markdown_it.token", "briefing.charts.pdfread",
    "briefing.charts.text"))
"""The classes these modules define are all a kept file may hold."""


_in_memory: dict[Path, tuple[tuple[int, int], int | None]] = {}
"""Files this process has read or written: their (modification time, size) then, and the
size of their first frame (None: some of the file could not be read). A watcher's rebuilds
have the entries in memory already."""

_APPENDED = 0.5
"""How much a file may grow by appended frames, as a share of its first frame, before it is
rewritten with only what a build used (old versions of edited text are then dropped)."""


def load(path: Path) -> None:
    """Make the entries kept at path known to this build's paragraphs (if they still fit)."""
    try:
        version = _version(path)
        if path in _in_memory and _in_memory[path][0] == version:
            return
        blob = path.read_bytes()
    except OSError:
        return
    header = _header()
    if not blob.startswith(header):
        return
    stream, first = io.BytesIO(blob), None
    stream.seek(len(header))
    try:  # frames appended by later builds follow the first; a torn one ends the file
        while stream.tell() < len(blob):
            memo.recall_all(AllowListUnpickler(stream, _ALLOWED).load())
            first = first or stream.tell() - len(header)
    except Exception:  # noqa: BLE001 - what could not be read is set again, nothing more
        first = None
    _in_memory[path] = (version, first)


def save(path: Path) -> None:
    """Keep what this build used at path, when any of it was new (skipped if unwritable).

    What was new is appended to the file this build read, until the appended frames are
    half the size of the first; then (or for any other file) it is rewritten with what the
    build used."""
    from .write import write_atomic

    used, made = memo.used()
    if not made:
        return
    known = _in_memory.get(path)
    try:
        current = _version(path)
    except OSError:
        current = None
    # the first frame's size, if this process read or wrote the file as it is now
    first = known[1] if known is not None and known[0] == current else None
    size = current[1] if current is not None else 0
    limit = len(_header()) + first * (1 + _APPENDED) if first else 0
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        frame = pickle.dumps(made, protocol=5) if size < limit else b""  # what to append
        if frame and size + len(frame) <= limit:
            with path.open("ab") as stream:
                stream.write(frame)
        else:
            frame = pickle.dumps(used, protocol=5)
            write_atomic(path, _header() + frame)
            first = len(frame)
        _in_memory[path] = (_version(path), first)


def _version(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


_MAKERS = ("memo", "layout.paragraph", "layout.markdown", "layout.typography",
           "charts.embed", "charts.pdfread", "charts.text")
"""The modules whose code makes what a kept file holds."""


def _source(module: str) -> bytes:
    """Return the source of briefing's module (e.g. "layout.paragraph"), read by path: a
    brief without charts never imports the chart code."""
    return Path(__file__).parent.joinpath(*module.split(".")).with_suffix(".py").read_bytes()


@cache
def _header() -> bytes:
    """Return the first line of a layout file: what its entries depend on, hashed."""
    import markdown_it
    import reportlab

    from . import __version__
    from .errors import BuildFailure
    from .fonts import FAMILY_NAMES, font_family

    digest = hashlib.sha256()
    for part in (sys.version_info[:2], reportlab.Version, markdown_it.__version__,
                 __version__, *map(_source, _MAKERS)):
        digest.update(repr(part).encode())
    for family in FAMILY_NAMES:
        with contextlib.suppress(OSError, BuildFailure):  # a build reports a missing font
            for name, size in font_family(family).stamps():
                digest.update(f"{name}:{size}".encode())
    return LAYOUT_MAGIC + b" 1 " + digest.hexdigest().encode() + b"\n"
