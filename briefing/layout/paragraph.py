"""Paragraphs that remember their markup and line breaks, in a build and from one to the next."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.platypus import Paragraph as _ReportLabParagraph

from ..memo import Memo

_REMEMBERED = 4096
"""Parses and wraps kept for the next build in this process (a watcher's rebuild redoes
only the text that was edited)."""

_parses = Memo("parses", _REMEMBERED)
"""(markup, bullet, case sensitivity, style key) → (cleaned markup, fragments, bullet)."""
_wraps = Memo("wraps", _REMEMBERED)
"""(markup, bullet, style key, width) → (width, line widths, broken lines, height)."""


class Paragraph(_ReportLabParagraph):
    """A ReportLab Paragraph that parses its markup once per text and style, and breaks its
    lines once per text, style and width.

    Keep-with-next groups, floats and frame fitting wrap most paragraphs three times or more
    at the same width, and a rebuild in the same process (watch mode) parses and wraps the
    same text in the same style again; parsing and breaking lines are most of the layout's
    time, and their results depend on the text, the style and the width alone (not on the
    available height). ReportLab treats both results as read-only once made.
    """

    _source: tuple[Any, ...] | None = None

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any,  # noqa: N803
               cleaner: Callable[[str], str]) -> None:
        if frags is not None or not isinstance(text, str):  # pieces ReportLab splits off
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        style_key = _style_key(style)
        key = None if style_key is None else (text, bulletText, self.caseSensitive, style_key)
        parsed = None if key is None else _parses.recall(key)
        if parsed is not None:
            cleaned, fragments, bullet = parsed
            super()._setup(cleaned, style, bullet, fragments, cleaner)
        else:
            super()._setup(text, style, bulletText, None, cleaner)
            if key is not None and self.style is style:  # <para> attributes make a new style
                _parses.keep(key, (self.text, self.frags, self.bulletText))
        self._source = (text, bulletText)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        style_key = _style_key(self.style)
        key = None if self._source is None or style_key is None else (
            *self._source, style_key, availWidth)
        wrapped = None if key is None else _wraps.recall(key)
        if wrapped is not None:
            self.width, self._wrapWidths, self.blPara, self.height = wrapped
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if key is not None and hasattr(self, "blPara"):
            _wraps.keep(key, (self.width, self._wrapWidths, self.blPara, self.height))
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        # ReportLab's split appends a space to the last word of each line it hands on, in
        # the line objects themselves: a remembered wrap would then print those spaces in
        # every later build ('Optic )Tj' where the first build had 'Optic)Tj')
        if getattr(self, "blPara", None) is not None:
            self.blPara = _detached(self.blPara)
        return super().split(availWidth, availHeight)


def _detached(lines: Any) -> Any:
    """Return broken lines whose words are copies (for fragment lines, which split edits)."""
    if getattr(lines, "kind", 0) != 1:
        return lines  # plain lines hold strings
    return lines.clone(lines=[line.clone(words=[word.clone() for word in line.words])
                              for line in lines.lines])


_style_keys: WeakKeyDictionary[Any, str | None] = WeakKeyDictionary()


def _style_key(style: Any) -> str | None:
    """Return a digest of what a paragraph style sets, or None if a value cannot be pickled.

    A short string, whose hash Python keeps, so memo keys hash in constant time: a tuple of
    the style's ~40 values was hashed again on every lookup (~7 ms of a warm rebuild)."""
    try:
        return _style_keys[style]
    except KeyError:
        pass
    values = tuple(sorted((name, value) for name, value in style.__dict__.items()
                          if name not in ("name", "parent")))
    try:
        key: str | None = hashlib.blake2b(pickle.dumps(values, protocol=5),
                                          digest_size=16).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError):
        key = None
    _style_keys[style] = key
    return key
