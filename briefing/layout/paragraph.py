"""Paragraphs that remember their markup and line breaks, in a build and from one to the next."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.platypus import Paragraph as _ReportLabParagraph

_REMEMBERED = 4096
"""Parses and wraps kept for the next build in this process (a watcher's rebuild redoes
only the text that was edited)."""


class _Memo(OrderedDict[tuple[Any, ...], Any]):
    """A bounded map that forgets what was used least recently, and notes what the current
    build used and how much of it was new."""

    def __init__(self) -> None:
        super().__init__()
        self.used: dict[tuple[Any, ...], Any] = {}
        self.made = 0

    def recall(self, key: tuple[Any, ...]) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
            self.used[key] = found
        return found

    def keep(self, key: tuple[Any, ...], value: Any) -> None:
        self[key] = value
        self.used[key] = value
        self.made += 1
        if len(self) > _REMEMBERED:
            self.popitem(last=False)


_parses = _Memo()
"""(markup, bullet, case sensitivity, style) → (cleaned markup, fragments, bullet)."""
_wraps = _Memo()
"""(markup, bullet, style, width) → (width, line widths, broken lines, height)."""

Remembered = tuple[list[tuple[Any, Any]], list[tuple[Any, Any]]]
"""The parses and the wraps a build used, as (key, value) pairs."""


def start_build() -> None:
    """Begin noting what a build uses (see `used`)."""
    for memo in (_parses, _wraps):
        memo.used = {}
        memo.made = 0


def used() -> tuple[Remembered, int]:
    """Return what the build since `start_build` used, and how many of its parses and
    wraps were made anew (not recalled)."""
    return ((list(_parses.used.items()), list(_wraps.used.items())),
            _parses.made + _wraps.made)


def recall_all(remembered: Remembered) -> None:
    """Add parses and wraps made by an earlier process (those already known are kept)."""
    for memo, entries in zip((_parses, _wraps), remembered, strict=True):
        for key, value in entries:
            memo.setdefault(key, value)
        while len(memo) > _REMEMBERED:
            memo.popitem(last=False)


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
        key = _hashable((text, bulletText, self.caseSensitive, _values(style)))
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
        key = None if self._source is None else _hashable(
            (*self._source, _values(self.style), availWidth))
        wrapped = None if key is None else _wraps.recall(key)
        if wrapped is not None:
            self.width, self._wrapWidths, self.blPara, self.height = wrapped
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if key is not None and hasattr(self, "blPara"):
            _wraps.keep(key, (self.width, self._wrapWidths, self.blPara, self.height))
        return size


def _hashable(key: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Return key, or None when a style value cannot be compared (then nothing is kept)."""
    try:
        hash(key)
    except TypeError:
        return None
    return key


_style_values: WeakKeyDictionary[Any, tuple[Any, ...]] = WeakKeyDictionary()


def _values(style: Any) -> tuple[Any, ...]:
    """Return what a paragraph style sets, in a form that compares by value."""
    values = _style_values.get(style)
    if values is None:
        values = tuple(sorted((name, value) for name, value in style.__dict__.items()
                              if name not in ("name", "parent")))
        _style_values[style] = values
    return values
