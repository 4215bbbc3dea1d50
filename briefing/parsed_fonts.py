"""ReportLab's TrueType fonts, parsed once per font file and kept in the cache folder.

ReportLab reads a font's glyph metrics and character map in Python when it loads the font:
about 25 ms for the four faces of Source Sans Pro, a twentieth of a warm rebuild. The
loaded font is kept under `<cache>/fonts/parsed/` (the build's cache folder), named by a
hash of the font file (path, size, modification time), ReportLab's and Python's versions
and the font's name, and a later build loads it in about a quarter of the time. A file that
is damaged, or that holds anything but ReportLab's font classes, is ignored and the font is
parsed from its file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import operator
import os
import pickle
import sys
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .pickles import AllowListUnpickler

_folder: Path | None = None
"""The cache folder a build asked for (see `keep_in`); None: the user's cache folder."""

_ALLOWED = frozenset({("briefing.truetype", "TrueTypeFont"),
                      ("reportlab.pdfbase.ttfonts", "TTEncoding"),
                      ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),
                      ("weakref", "WeakKeyDictionary"),
                      ("briefing.parsed_fonts", "_face")})


def keep_in(folder: Path) -> None:
    """Keep parsed fonts under folder (a build's cache folder)."""
    global _folder
    _folder = folder


def truetype(name: str, path: Path) -> Any:
    """Return ReportLab's font `name` for the TrueType file at path (not registered)."""
    from .truetype import TrueTypeFont

    kept = _kept_path(name, path)
    if kept is not None:
        with contextlib.suppress(Exception):  # damaged or foreign: parse the file instead
            font = AllowListUnpickler(io.BytesIO(kept.read_bytes()), _ALLOWED).load()
            if isinstance(font, TrueTypeFont) and font.fontName == name:
                with contextlib.suppress(OSError):  # in use: not to be swept
                    os.utime(kept)
                return font
    font = TrueTypeFont(name, str(path))
    if kept is not None:
        from .write import write_atomic

        with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
            buffer = io.BytesIO()
            _Pickler(buffer, protocol=5).dump(font)
            write_atomic(kept, buffer.getvalue())
    return font


def _kept_path(name: str, path: Path) -> Path | None:
    import reportlab

    from .workers import cache_dir

    try:
        status = path.stat()
    except OSError:
        return None
    key = repr((2, sys.version_info[:2], reportlab.Version, name, str(path.resolve()),
                status.st_size, status.st_mtime_ns))
    folder = _folder or cache_dir()
    return folder / "fonts" / "parsed" / f"{hashlib.sha256(key.encode()).hexdigest()}.pickle"


class _Pickler(pickle.Pickler):
    """Pickles a freshly loaded TTFont: its per-document state is empty, and its face's
    `_pdfScale` (a lambda) is rebuilt from the face's units per em when loaded."""

    def reducer_override(self, obj: Any) -> Any:
        from reportlab.pdfbase.ttfonts import TTFontFace

        if isinstance(obj, weakref.WeakKeyDictionary) and not obj:
            return weakref.WeakKeyDictionary, ()
        if isinstance(obj, TTFontFace):
            state = {k: v for k, v in vars(obj).items() if k != "_pdfScale"}
            return _face, (state,)
        return NotImplemented


def _face(state: dict[str, Any]) -> Any:
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._pdfScale = _pdf_scale(face.unitsPerEm)  # noqa: SLF001
    return face


def _pdf_scale(units_per_em: int) -> Callable[[float], float]:
    """Return what ReportLab's `_pdfScale` computes: font units to thousandths of an em."""
    if units_per_em == 1000:
        return _unchanged
    return functools.partial(operator.mul, 1000 / units_per_em)


def _unchanged(value: float) -> float:
    return value
