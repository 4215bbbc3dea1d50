"""What a build makes once per text or chart and keeps for the next build: parsed
paragraphs, their line breaks, Markdown syntax trees, charts' parsed pages and text plans. A
watcher keeps them in memory; `kept_lines` keeps what a build used in the cache
folder for the next process."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

Entries = dict[str, list[tuple[Any, Any]]]
"""(key, value) pairs by memo name."""


class Memo(OrderedDict[Any, Any]):
    """A bounded map that forgets what was used least recently, and notes what the current
    build used and how much of it was new."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__()
        self.name = name
        self.size = size
        self.used: dict[Any, Any] = {}
        self.made: dict[Any, Any] = {}
        _MEMOS[name] = self
        self.add(_WAITING.pop(name, []))

    def recall(self, key: Any) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
            self.used[key] = found
        return found

    def recall_or_make(self, key: Any, make: Callable[[], Any]) -> Any:
        """Return the value kept for key, made with make() (and kept) if there is none."""
        found = self.recall(key)
        if found is None:
            found = make()
            self.keep(key, found)
        return found

    def keep(self, key: Any, value: Any) -> None:
        self[key] = value
        self.used[key] = value
        self.made[key] = value
        self._trim()

    def add(self, pairs: list[tuple[Any, Any]]) -> None:
        """Add (key, value) pairs made by an earlier process (keys already known are kept)."""
        for key, value in pairs:
            self.setdefault(key, value)
        self._trim()

    def _trim(self) -> None:
        while len(self) > self.size:
            self.popitem(last=False)


_MEMOS: dict[str, Memo] = {}
_WAITING: Entries = {}
"""Entries read for memos whose module is not imported yet (the chart memos, in a build
that imports the chart code at its first chart); each memo takes its own when made."""


def start_build() -> None:
    """Begin noting what a build uses (see `used`)."""
    for memo in _MEMOS.values():
        memo.used = {}
        memo.made = {}


def used() -> tuple[Entries, Entries]:
    """Return what the build since `start_build` used, and what of it was made anew (not
    recalled)."""
    return ({name: list(memo.used.items()) for name, memo in _MEMOS.items()},
            {name: list(memo.made.items()) for name, memo in _MEMOS.items() if memo.made})


def count(entries: Entries) -> int:
    """Return how many entries there are in all."""
    return sum(len(pairs) for pairs in entries.values())


def recall_all(entries: Entries) -> None:
    """Add entries made by an earlier process (those already known are kept)."""
    for name, pairs in entries.items():
        memo = _MEMOS.get(name)
        if memo is None:
            _WAITING.setdefault(name, []).extend(pairs)
        else:
            memo.add(pairs)


def forget() -> None:
    """Empty every memo, as in a new process."""
    for memo in _MEMOS.values():
        memo.clear()
    _WAITING.clear()
