"""Widths of chart text from the advances of the chart font's TrueType files, without
matplotlib (chart heights and the load-time checks need them before any chart is drawn).

A line is as wide as the sum of its characters' advances (`hmtx`, found through `cmap`):
what matplotlib's PDF writer sets for the chart font, which measures them unhinted (see
`style._advance_width`). A character the chart font lacks is set from FALLBACK_FAMILY, as
in the charts' text; one that font lacks too, as the chart font's missing glyph. Only the
few tables needed are read, each face once per process, and a character's advance is looked
up when first asked for: about a millisecond a face, and no ReportLab or matplotlib import
for `briefing validate`. Read by hand because the libraries that parse fonts cost more than
a load can spare: fontTools 53 ms to import and 22 ms a face; ReportLab's parser 51 ms to
import, which `validate` does not otherwise pay, and ~6 ms a face unless kept parsed.
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_left
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from ..fonts import FALLBACK_FAMILY, font_family


class _Face:
    """The advances of one TrueType face, in ems, by character."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        (count,) = struct.unpack_from(">H", data, 4)
        tables = {data[12 + 16 * i:16 + 16 * i].decode("latin-1"):
                  struct.unpack_from(">II", data, 20 + 16 * i)[0] for i in range(count)}
        (units,) = struct.unpack_from(">H", data, tables["head"] + 18)
        (metrics,) = struct.unpack_from(">H", data, tables["hhea"] + 34)
        start = tables["hmtx"]
        pairs = _big_endian("H", data[start:start + 4 * metrics])
        self._advances = [advance / units for advance in pairs[0::2]]
        self._glyph = _character_map(data, tables["cmap"])
        self._ems: dict[str, float | None] = {}

    def ems(self, char: str) -> float | None:
        """Return the advance of char in ems, or None if the face has no glyph for it."""
        if char not in self._ems:
            glyph = self._glyph(ord(char))
            self._ems[char] = None if not glyph else \
                self._advances[min(glyph, len(self._advances) - 1)]
        return self._ems[char]

    @property
    def missing(self) -> float:
        """Return the advance of the face's missing glyph (glyph 0), in ems."""
        return self._advances[0]


def _big_endian(code: str, data: bytes) -> array[int]:
    """Return the big-endian numbers in data as an array of the type code."""
    numbers = array(code, data)
    if array("H", b"\x00\x01")[0] != 1:  # (a little-endian machine)
        numbers.byteswap()
    return numbers


def _character_map(data: bytes, cmap: int) -> Callable[[int], int]:
    """Return what gives the glyph of a code point (0: none) from the face's Unicode
    character map: format 12 (all of Unicode) if it has one, else format 4 (the BMP)."""
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    found: dict[int, int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) in ((3, 10), (3, 1), (0, 3), (0, 4), (0, 6)):
            (form,) = struct.unpack_from(">H", data, cmap + offset)
            found.setdefault(form, cmap + offset)
    if 12 in found:
        at = found[12]
        (groups,) = struct.unpack_from(">I", data, at + 12)
        table = _big_endian("I", data[at + 16:at + 16 + 12 * groups])
        starts, ends, glyphs = table[0::3], table[1::3], table[2::3]

        def glyph_12(code: int) -> int:
            i = bisect_left(ends, code)
            return glyphs[i] + code - starts[i] if i < groups and starts[i] <= code else 0

        return glyph_12
    if 4 not in found:
        return lambda code: 0
    at = found[4]
    (segments,) = struct.unpack_from(">H", data, at + 6)
    segments //= 2
    ends = _big_endian("H", data[at + 14:at + 14 + 2 * segments])
    first = at + 16 + 2 * segments
    starts = _big_endian("H", data[first:first + 2 * segments])
    deltas = _big_endian("H", data[first + 2 * segments:first + 4 * segments])
    ranges = first + 4 * segments  # where idRangeOffset's array starts

    def glyph_4(code: int) -> int:
        i = bisect_left(ends, code)
        if code > 0xFFFF or i == segments or starts[i] > code:
            return 0
        (offset,) = struct.unpack_from(">H", data, ranges + 2 * i)
        if offset == 0:
            return (code + deltas[i]) & 0xFFFF
        (glyph,) = struct.unpack_from(">H", data, ranges + 2 * i + offset
                                      + 2 * (code - starts[i]))
        return (glyph + deltas[i]) & 0xFFFF if glyph else 0

    return glyph_4


@cache
def _face(family: str, bold: bool) -> _Face:
    faces = font_family(family)
    return _Face(faces.bold if bold else faces.regular)


@lru_cache(maxsize=8192)
def line_ems(line: str, family: str, bold: bool = False) -> float:
    """Return the width of one line of text in the chart font family (regular or bold), in
    ems: its characters' advances, those the family lacks from FALLBACK_FAMILY's face."""
    face = _face(family, bold)
    total = 0.0
    for char in line:
        ems = face.ems(char)
        if ems is None and family != FALLBACK_FAMILY:
            ems = _face(FALLBACK_FAMILY, bold).ems(char)
        total += face.missing if ems is None else ems
    return total
