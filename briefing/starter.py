"""The starter brief: a spec, its data and the JSON Schema editors check it against."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BriefingError
from .resources import templates_dir
from .write import unwritable, write_atomic

SCHEMA_FILE = "briefing.schema.json"
"""The schema file beside the starter spec, named by its `# yaml-language-server` comment."""


class FolderNotEmpty(BriefingError):
    """The folder for a starter brief already holds files."""


def starter_dir() -> Path:
    """Return the folder of the shipped starter brief."""
    return templates_dir() / "starter"


def create_starter(folder: Path) -> list[Path]:
    """Write a starter brief into folder (new or empty); return the files written, sorted.

    A folder that cannot be written is an InputError.
    """
    with _writing_into(folder):
        _refuse_used(folder)
    files = _starter_files()  # the shipped files: failing here is the install's fault
    with _writing_into(folder):
        return sorted(write_atomic(folder / name, data) for name, data in files.items())


@contextmanager
def _writing_into(folder: Path) -> Iterator[None]:
    """Turn the OS refusing folder into an InputError."""
    try:
        yield
    except OSError as exc:
        raise unwritable(folder, "the starter brief", exc,
                         "give a new or empty folder you can write to") from None


def _refuse_used(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not a folder" if not folder.is_dir() else "is not empty"
        raise FolderNotEmpty(f"{folder} {what}; give a new or empty folder for the starter brief")


def _starter_files() -> dict[Path, bytes]:
    """Return the starter brief's files (relative path to content), schema file included."""
    from .schema import schema_text

    source = starter_dir()
    files = {file.relative_to(source): file.read_bytes() for file in source.rglob("*")
             if file.is_file() and "__pycache__" not in file.parts}
    files[Path(SCHEMA_FILE)] = schema_text().encode()
    return files
