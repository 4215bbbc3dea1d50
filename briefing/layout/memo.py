"""What layout makes once per text and keeps for the next build: parsed paragraphs, their
line breaks, Markdown syntax trees. A watcher keeps them in memory; `kept_lines` keeps what
a build used in the cache folder for the next process."""

from __future__ import annotations

from collections import OrderedDict
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
        self.made = 0
        _MEMOS[name] = self

    def recall(self, key: Any) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
            self.used[key] = found
        return found

    def keep(self, key: Any, value: Any) -> None:
        self[key] = value
        self.used[key] = value
        self.made += 1
        self._trim()

    def _trim(self) -> None:
        while len(self) > self.size:
            self.popitem(last=False)


_MEMOS: dict[str, Memo] = {}


def start_build() -> None:
    """Begin noting what a build uses (see `used`)."""
    for memo in _MEMOS.values():
        memo.used = {}
        memo.made = 0


def used() -> tuple[Entries, int]:
    """Return what the build since `start_build` used, and how many of those entries were
    made anew (not recalled)."""
    return ({name: list(memo.used.items()) for name, memo in _MEMOS.items()},
            sum(memo.made for memo in _MEMOS.values()))


def recall_all(entries: Entries) -> None:
    """Add entries made by an earlier process (those already known are kept)."""
    for name, pairs in entries.items():
        memo = _MEMOS.get(name)
        if memo is None:
            continue
        for key, value in pairs:
            memo.setdefault(key, value)
        memo._trim()  # noqa: SLF001
