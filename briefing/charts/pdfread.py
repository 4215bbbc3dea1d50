"""Reading the one-page PDFs matplotlib writes: objects, streams and the page to embed.

A small reader for the plain PDF that matplotlib produces (classic xref table, no object
streams, no encryption); it parses in about a millisecond where importing a general PDF
library costs a quarter of a second on every build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_DELIMITERS = b"()<>[]{}/%"
_WHITESPACE = b" \t\r\n\f\x00"
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)")
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj")


class PdfSyntaxError(ValueError):
    """The bytes are not a PDF this reader understands."""


class Name(str):
    """A PDF name, without its slash."""


@dataclass(frozen=True)
class Ref:
    """An indirect reference to object number `number`."""

    number: int


@dataclass(frozen=True)
class String:
    """A PDF string, as the raw token (with its parentheses or angle brackets)."""

    token: bytes


@dataclass
class Stream:
    """A stream object: its dictionary and its still-encoded data."""

    dictionary: dict[str, Any]
    data: bytes


@dataclass(frozen=True)
class Page:
    """The page of a one-page PDF: its box, resources and content stream(s)."""

    media_box: list[float]
    resources: Any
    contents: Any
    objects: dict[int, Any]


def read_page(pdf: bytes) -> Page:
    """Return the first page of pdf, with every object it refers to."""
    if not pdf.startswith(b"%PDF-"):
        raise PdfSyntaxError("not a PDF")
    objects = _Parser(pdf).objects()
    trailer_at = pdf.rfind(b"trailer")
    if trailer_at < 0:
        raise PdfSyntaxError("no trailer")
    trailer, _ = _Parser(pdf).value(trailer_at + len(b"trailer"))
    catalog = resolve(trailer["Root"], objects)
    pages = resolve(catalog["Pages"], objects)
    page = resolve(resolve(pages["Kids"], objects)[0], objects)
    box = [float(v) for v in resolve(page.get("MediaBox") or pages.get("MediaBox"), objects)]
    return Page(box, page.get("Resources", {}), page["Contents"], objects)


def resolve(value: Any, objects: dict[int, Any]) -> Any:
    """Return the object value refers to, or value itself."""
    while isinstance(value, Ref):
        value = objects[value.number]
    return value


class _Parser:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def objects(self) -> dict[int, Any]:
        result: dict[int, Any] = {}
        pending: list[tuple[int, dict[str, Any], int]] = []
        for number, offset in self._offsets():
            match = _OBJ.match(self.data, offset)
            if match is None or int(match[1]) != number:
                raise PdfSyntaxError(f"object {number} is not at byte {offset}")
            value, at = self.value(match.end())
            at = self._skip(at)
            if self.data.startswith(b"stream", at):
                at += 6
                at += 2 if self.data.startswith(b"\r\n", at) else 1
                pending.append((number, value, at))
            else:
                result[number] = value
        for number, dictionary, at in pending:
            length = int(resolve(dictionary["Length"], result))
            if not self.data.startswith(b"endstream", self._skip(at + length)):
                raise PdfSyntaxError(f"stream {number} is not {length} bytes long")
            result[number] = Stream(dictionary, self.data[at:at + length])
        return result

    def _offsets(self) -> list[tuple[int, int]]:
        """Return (object number, byte offset) of every object in the xref table."""
        data = self.data
        found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
        if found is None:
            raise PdfSyntaxError("no startxref")
        at = int(found[1])
        if not data.startswith(b"xref", at):
            raise PdfSyntaxError("no xref table")
        lines = data[at:data.index(b"trailer", at)].split()[1:]
        offsets: list[tuple[int, int]] = []
        index = 0
        while index < len(lines):
            first, count = int(lines[index]), int(lines[index + 1])
            index += 2
            for k in range(count):
                offset, _, kind = lines[index:index + 3]
                index += 3
                if kind == b"n":
                    offsets.append((first + k, int(offset)))
        return offsets

    def _skip(self, at: int) -> int:
        data = self.data
        while at < len(data):
            if data[at] in _WHITESPACE:
                at += 1
            elif data[at] == 0x25:  # % comment
                end = data.find(b"\n", at)
                at = len(data) if end < 0 else end + 1
            else:
                break
        return at

    def value(self, at: int) -> tuple[Any, int]:
        data = self.data
        at = self._skip(at)
        char = data[at:at + 1]
        if data.startswith(b"<<", at):
            result: dict[str, Any] = {}
            at += 2
            while True:
                at = self._skip(at)
                if data.startswith(b">>", at):
                    return result, at + 2
                key, at = self.value(at)
                if not isinstance(key, Name):
                    raise PdfSyntaxError(f"dictionary key {key!r} is not a name")
                result[str(key)], at = self.value(at)
        if char == b"[":
            items: list[Any] = []
            at += 1
            while True:
                at = self._skip(at)
                if data[at:at + 1] == b"]":
                    return items, at + 1
                item, at = self.value(at)
                items.append(item)
        if char == b"/":
            end = at + 1
            while end < len(data) and data[end] not in _WHITESPACE and \
                    data[end] not in _DELIMITERS:
                end += 1
            raw = data[at + 1:end]
            text = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), raw)
            return Name(text.decode("latin-1")), end
        if char == b"(":
            depth, end = 0, at
            while True:
                c = data[end]
                if c == 0x5C:
                    end += 2
                    continue
                depth += (c == 0x28) - (c == 0x29)
                end += 1
                if depth == 0:
                    return String(data[at:end]), end
        if char == b"<":
            end = data.index(b">", at) + 1
            return String(data[at:end]), end
        reference = _REF.match(data, at)
        if reference:
            return Ref(int(reference[1])), reference.end()
        number = _NUMBER.match(data, at)
        if number:
            token = number[0]
            return (float(token) if b"." in token else int(token)), number.end()
        for word, meaning in ((b"true", True), (b"false", False), (b"null", None)):
            if data.startswith(word, at):
                return meaning, at + len(word)
        raise PdfSyntaxError(f"unexpected {data[at:at + 12]!r} at byte {at}")
