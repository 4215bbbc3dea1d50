"""Where the shipped templates and data live, in a clone or in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_BRIEF = "china-pakistan-ict.yaml"


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    """Return the folder holding `themes/`, `briefs/` and `starter/`."""
    return _shipped("templates")


def themes_dir() -> Path:
    """Return the folder of the shipped themes."""
    return templates_dir() / "themes"


def briefs_dir() -> Path:
    """Return the folder of the shipped brief specs."""
    return templates_dir() / "briefs"


def default_spec() -> Path:
    """Return the spec `briefing build` uses when given none."""
    return briefs_dir() / DEFAULT_BRIEF
