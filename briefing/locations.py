"""Spec paths such as `sections[2].blocks[0].figure.chart`."""

from __future__ import annotations

from typing import Any


def format_tree_path(tree_path: tuple[Any, ...]) -> str:
    """Return tree_path as `a.b[0].c`."""
    text = ""
    for step in tree_path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Return the part of a validator's loc that names places in data (union tags dropped).

    A name that is not a key of the mapping is a union tag, unless it is the last step:
    then it is a key that is missing or not allowed.
    """
    path: list[Any] = []
    current = data
    for index, step in enumerate(loc):
        if _has(current, step):
            path.append(step)
            current = current[step]
        elif index == len(loc) - 1 and isinstance(current, dict):
            path.append(step)
    return tuple(path)


def _has(container: Any, step: Any) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)
