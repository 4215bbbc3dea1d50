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

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import BuildFailure
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
    """A font matplotlib did not embed: its file and what each code of its text stands for."""

    path: str
    codes: dict[int, str]


def font_reference(font: Any) -> FontReference | None:
    """Return the reference a chart font dictionary holds, or None for an embedded font."""
    if not isinstance(font, dict) or REFERENCE_KEY not in font:
        return None
    path = bytes.fromhex(_text(font[REFERENCE_KEY])).decode("utf-8")
    codes = {}
    for pair in _text(font[CODES_KEY]).split():
        code, chars = pair.split("=")
        codes[int(code, 16)] = bytes.fromhex(chars).decode("utf-16be")
    return FontReference(path, codes)


def _text(value: Any) -> str:
    if not isinstance(value, String) or not value.token.startswith(b"("):
        raise ValueError(f"not a literal string: {value!r}")
    return value.token[1:-1].decode("ascii")


def set_in_document_fonts(content: bytes, fonts: dict[str, FontReference],
                          document: Any) -> tuple[bytes, set[str]]:
    """Return content with the text in `fonts` shown in ReportLab's fonts, and the names of
    the ReportLab font subsets it now uses (for the form's resources)."""
    return _Rewriter(fonts, document).rewrite(content)


class _Rewriter:
    def __init__(self, fonts: dict[str, FontReference], document: Any) -> None:
        self.fonts = fonts
        self.document = document
        self.used: set[str] = set()

    def rewrite(self, content: bytes) -> tuple[bytes, set[str]]:
        out: list[bytes] = []
        kept = 0  # content[kept:start of the pending operands] is copied as it is
        font: tuple[FontReference, bytes] | None = None  # the reference in use, and its size
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
                replacement: bytes | None = None
                if value == b"Tf" and len(operands) == 2:
                    reference = self.fonts.get(operands[0])
                    font = None if reference is None else (reference, operands[1])
                    replacement = b"" if reference is not None else None
                elif font is not None and value in (b"TJ", b"Tj", b"'", b'"'):
                    replacement = self._show(value, operands, *font)
                if replacement is not None:
                    out += [content[kept:at], replacement]
                    kept = end
                operands = []
                if value == b"ET":
                    after = end
                    break
            text_object = _TEXT_OBJECT.search(content, after)
        out.append(content[kept:])
        return b"".join(out), self.used

    def _show(self, operator: bytes, operands: list[Any], reference: FontReference,
              size: bytes) -> bytes:
        prefix = b""
        if operator == b"'":
            prefix = b"T* "
        elif operator == b'"':
            prefix = operands[0] + b" Tw " + operands[1] + b" Tc T* "
        shown = operands[-1] if operands else []
        items = shown if isinstance(shown, list) else [shown]
        font = _reportlab_font(reference.path)
        parts: list[bytes] = []
        array: list[bytes] = []
        waiting: list[bytes] = []  # kerning before the first glyph
        subset = None
        for item in items:
            if not isinstance(item, _Shown):
                (array if array else waiting).append(item)
                continue
            text = "".join(reference.codes.get(code, "\ufffd") for code in item.codes())
            for piece_subset, data in font.splitString(text, self.document):
                if piece_subset != subset:
                    if array:
                        parts.append(b"[" + b" ".join(array) + b"] TJ")
                    array = []
                    name = font.getSubsetInternalName(piece_subset, self.document)
                    self.used.add(name[1:])
                    parts.append(name.encode("ascii") + b" " + size + b" Tf")
                    subset = piece_subset
                array += waiting
                waiting = []
                array.append(b"<" + data.hex().encode("ascii") + b">")
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
    from reportlab.pdfbase.ttfonts import TTFont

    from ..fonts import FAMILY_NAMES, face_names, font_family, matplotlib_font, register_family
    from .draw import chart_font_name

    for family in FAMILY_NAMES:
        for face, path in font_family(family).faces().items():
            if path.is_file() and file_name in (path.name, chart_font_name(path)):
                register_family(family)
                return pdfmetrics.getFont(face_names(family)[face])
    path = matplotlib_font(file_name)
    if not path.is_file():
        raise BuildFailure(f"chart font {file_name} not found; reinstall briefing with pip")
    font = TTFont(f"Chart-{path.stem}", str(path))
    pdfmetrics.registerFont(font)
    return font
