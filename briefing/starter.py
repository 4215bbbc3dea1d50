"""The starter brief: a spec, its data and the JSON Schema editors check it against."""

from __future__ import annotations

from pathlib import Path

from .errors import BriefingError
from .resources import templates_dir
from .write import write_atomic

SCHEMA_FILE = "briefing.schema.json"
"""The schema file beside the starter spec, named by its `# yaml-language-server` comment."""


class FolderNotEmpty(BriefingError):
    """The folder for a starter brief already holds files."""


def starter_dir() -> Path:
    """Return the folder of the shipped starter brief."""
    return templates_dir() / "starter"


def create_starter(folder: Path) -> list[Path]:
    """Write a starter brief into folder (new or empty); return the files written, sorted."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not a folder" if not folder.is_dir() else "is not empty"
        raise FolderNotEmpty(f"{folder} {what}; give a new or empty folder for the starter brief")
    source = starter_dir()
    written: list[Path] = []
    for file in sorted(source.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            written.append(write_atomic(folder / file.relative_to(source), file.read_bytes()))
    from .schema import schema_text

    written.append(write_atomic(folder / SCHEMA_FILE, schema_text().encode()))
    return sorted(written)
