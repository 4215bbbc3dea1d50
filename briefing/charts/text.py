"""Chart text set in the document's fonts: a chart's text operators, rewritten from the font
references matplotlib writes (see `mpl.py`) to the TrueType subsets ReportLab embeds for the
body text, so each face is embedded once per brief and chart text is ordinary PDF text.

matplotlib shows text with `Tf` and `TJ` (kerned arrays of two-byte codes) inside `BT`…`ET`,
and with `Tj` in mathtext. Each shown string is decoded to characters through the reference's
code table and split into ReportLab's single-byte subsets; kerning numbers stay where they
were. Only text objects are read; everything else in the content stream is copied byte for
byte.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import BuildFailure
from ..memo import Memo
from .mpl import CODES_KEY, REFERENCE_KEY
from .pdfread import String

_TOKEN = re.compile(rb"""
    (?P<space>[ \t\r\n\f\x00]+|%[^\r\n]*)
  | (?P<hex><[0-9A-Fa-f \t\r\n\f]*>)
  | (?P<open>\[) | (?P<close>\])
  | (?P<name>/[^ \t\r\n\f\x00()<>\[\]{}/%]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<literal>\()
  | (?P<word>[^ \t\r\n\f\x00()<>\[\]{}/%]+)
""", re.VERBOSE)
_TEXT_OBJECT = re.compile(rb"(?<![^ \t\r\n\f\x00])BT(?![^ \t\r\n\f\x00/\[<(])")
"""The operator that begins a text object (text is shown only inside one)."""
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b",
            ord("f"): b"\f"}


@dataclass(frozen=True)
class FontReference:
    """A font matplotlib did not embed: its file's name and the character each code of its
    text stands for."""

    file_name: str
    codes: dict[int, str]


def font_reference(font: Any) -> FontReference | None:
    """Return the reference a chart font dictionary holds, or None for an embedded font."""
    if not isinstance(font, dict) or REFERENCE_KEY not in font:
        return None
    file_name = bytes.fromhex(_text(font[REFERENCE_KEY])).decode("utf-8")
    codes = {}
    for pair in _text(font[CODES_KEY]).split():
        code, chars = pair.split("=")
        codes[int(code, 16)] = bytes.fromhex(chars).decode("utf-16be")
    return FontReference(file_name, codes)


def _text(value: Any) -> str:
    if not isinstance(value, String) or not value.token.startswith(b"("):
        raise ValueError(f"not a literal string: {value!r}")
    return value.token[1:-1].decode("ascii")


def set_in_document_fonts(content: bytes, fonts: dict[str, FontReference],
                          document: Any) -> tuple[bytes, set[str]]:
    """Return content with the text in `fonts` shown in ReportLab's fonts, and the names of
    the ReportLab font subsets it now uses (for the form's resources)."""
    out: list[bytes] = []
    used: set[str] = set()
    font: tuple[FontReference, bytes] | None = None  # the reference in use, and its size
    for step in _plan(content, frozenset(fonts)):
        if isinstance(step, bytes):
            out.append(step)
        elif isinstance(step, _Select):
            font = None if step.name is None else (fonts[step.name], step.size)
        elif font is not None:
            out.append(_show(step, *font, document, used))
    return b"".join(out), used


@dataclass(frozen=True)
class _Select:
    """A `Tf` (dropped when it selects a reference: each shown string selects its own)."""

    name: str | None
    size: bytes


@dataclass(frozen=True)
class _ShowText:
    """A text-showing operator (`TJ`, `Tj`, `'` or `"`) and its operands."""

    operator: bytes
    operands: tuple[Any, ...]


_plans = Memo("chart text", 256)
"""(hash of a chart's content, font references) → its plan: a rebuild plans each chart
once, and `kept_lines` keeps the plans for the next process."""

Plan = tuple["bytes | _Select | _ShowText", ...]


def _plan(content: bytes, references: frozenset[str]) -> Plan:
    """Return content as the bytes to copy, and the font selections and text shown in the
    fonts named in `references` between them."""
    return _plans.recall_or_make((hashlib.sha256(content).digest(), references),
                                 lambda: _planned(content, references))


def _planned(content: bytes, references: frozenset[str]) -> Plan:
    steps: list[bytes | _Select | _ShowText] = []
    kept = 0  # content[kept:start of the pending operands] is copied as it is
    shown_in_reference = False
    text_object = _TEXT_OBJECT.search(content)
    while text_object is not None:  # paths and images between text objects: as they are
        operands: list[Any] = []
        operands_at = 0
        after = len(content)
        for token, value, start in _tokens(content, text_object.start()):
            if token != "operator":
                if not operands:
                    operands_at = start
                operands.append(value)
                continue
            at = operands_at if operands else start
            end = start + len(value)
            step: _Select | _ShowText | None = None
            if value == b"Tf" and len(operands) == 2:
                shown_in_reference = operands[0] in references
                steps += [content[kept:at if shown_in_reference else end],
                          _Select(operands[0] if shown_in_reference else None, operands[1])]
                kept = end
            elif shown_in_reference and value in (b"TJ", b"Tj", b"'", b'"'):
                step = _ShowText(value, tuple(operands))
            if step is not None:
                steps += [content[kept:at], step]
                kept = end
            operands = []
            if value == b"ET":
                after = end
                break
        text_object = _TEXT_OBJECT.search(content, after)
    steps.append(content[kept:])
    return tuple(steps)


def _show(step: _ShowText, reference: FontReference, size: bytes, document: Any,
          used: set[str]) -> bytes:
    """Return the operators that show step's text in ReportLab's subsets of the font."""
    operands = step.operands
    prefix = b""
    if step.operator == b"'":
        prefix = b"T* "
    elif step.operator == b'"':
        prefix = operands[0] + b" Tw " + operands[1] + b" Tc T* "
    shown = operands[-1] if operands else []
    items = shown if isinstance(shown, list) else [shown]
    texts = ["".join(reference.codes.get(code, "\ufffd") for code in item.codes())
             if isinstance(item, _Shown) else None for item in items]
    font = _reportlab_font(reference.file_name)
    # one call for the whole string (each character becomes one byte of some subset)
    glyphs = [(subset, byte) for subset, data in
              font.splitString("".join(t for t in texts if t), document) for byte in data]
    parts: list[bytes] = []
    array: list[bytes] = []
    waiting: list[bytes] = []  # kerning before the first glyph
    current = None
    at = 0
    for item, text in zip(items, texts, strict=True):
        if text is None:
            (array if array else waiting).append(item)
            continue
        run = bytearray()
        for subset, byte in glyphs[at:at + len(text)]:
            if subset != current:
                if run:
                    array.append(b"<" + run.hex().encode("ascii") + b">")
                    run = bytearray()
                if array:
                    parts.append(b"[" + b" ".join(array) + b"] TJ")
                array = []
                name = font.getSubsetInternalName(subset, document)
                used.add(name[1:])
                parts.append(name.encode("ascii") + b" " + size + b" Tf")
                current = subset
                array += waiting
                waiting = []
            run.append(byte)
        at += len(text)
        if run:
            array.append(b"<" + run.hex().encode("ascii") + b">")
    if array:
        parts.append(b"[" + b" ".join(array) + b"] TJ")
    return prefix + b" ".join(parts)


@dataclass(frozen=True)
class _Shown:
    """A string shown in a font of two-byte codes (Identity-H)."""

    data: bytes

    def codes(self) -> list[int]:
        data = self.data
        return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]


def _tokens(content: bytes, at: int) -> Any:
    """Yield (kind, value, offset) from offset `at` on: operands (a number as bytes, a name
    as str, a string as _Shown, an array as a list) and operators (bytes)."""
    stack: list[list[Any]] = []
    starts: list[int] = []
    while at < len(content):
        match = _TOKEN.match(content, at)
        if match is None:
            raise ValueError(f"unexpected {content[at:at + 12]!r} in a chart's content")
        kind, start, at = match.lastgroup, match.start(), match.end()
        if kind == "space":
            continue
        if kind == "literal":
            data, at = _literal(content, start)
            value: Any = _Shown(data)
        elif kind == "hex":
            digits = re.sub(rb"\s+", b"", match[0][1:-1])
            value = _Shown(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif kind == "name":
            value = match[0][1:].decode("latin-1")
        elif kind == "number":
            value = match[0]
        elif kind == "open":
            stack.append([])
            starts.append(start)
            continue
        elif kind == "close":
            if not stack:
                raise ValueError("unbalanced ] in a chart's content")
            value, start = stack.pop(), starts.pop()
        else:
            if stack:
                raise ValueError(f"operator {match[0]!r} inside an array in a chart's content")
            yield "operator", match[0], start
            continue
        if stack:
            stack[-1].append(value)
        else:
            yield "operand", value, start


def _literal(content: bytes, start: int) -> tuple[bytes, int]:
    """Return the bytes of the literal string at start, and where it ends."""
    out = bytearray()
    depth = 0
    at = start
    while True:
        char = content[at]
        if char == 0x5C:  # backslash
            following = content[at + 1]
            octal = re.match(rb"[0-7]{1,3}", content[at + 1:at + 4])
            if octal:
                out.append(int(octal[0], 8) & 0xFF)
                at += 1 + len(octal[0])
                continue
            if following in (0x0A, 0x0D):  # a line continuation
                at += 3 if content[at + 1:at + 3] == b"\r\n" else 2
                continue
            out += _ESCAPES.get(following, bytes([following]))
            at += 2
            continue
        at += 1
        if char == 0x28:
            depth += 1
            if depth == 1:
                continue
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), at
        out.append(char)


@cache
def _reportlab_font(file_name: str) -> Any:
    """Return the ReportLab font for a chart font file: the face of a family it is a copy of
    (see `draw.chart_font`) or that it is, registered once, or one of matplotlib's fonts."""
    from reportlab.pdfbase import pdfmetrics

    from ..fonts import (
        FAMILY_NAMES,
        chart_font_name,
        face_names,
        font_family,
        matplotlib_font,
        register_family,
    )
    from ..parsed_fonts import truetype

    for family in FAMILY_NAMES:
        for face, path in font_family(family).faces().items():
            if path.is_file() and file_name in (path.name, chart_font_name(path)):
                register_family(family)
                return pdfmetrics.getFont(face_names(family)[face])
    path = matplotlib_font(file_name)
    if not path.is_file():
        raise BuildFailure(f"chart font {file_name} not found; reinstall briefing with pip")
    font = truetype(f"Chart-{path.stem}", path)
    pdfmetrics.registerFont(font)
    return font
