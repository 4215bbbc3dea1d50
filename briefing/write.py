"""Writing output atomically: a failed build never leaves a partial or changed file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import Diagnostic, InputError, Location


def write_atomic(path: Path, data: bytes) -> Path:
    """Write data to path through a temporary file in the same folder; return path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


CHOOSE_AN_OUTPUT = "choose an output folder you can write to (-o)"
"""The hint for an output the build cannot write."""


def write_output(path: Path, data: bytes, what: str, hint: str) -> Path:
    """Write data to path as write_atomic does; a path it cannot write is an InputError."""
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise unwritable(path, what, exc, hint) from None


def unwritable(path: Path, what: str, exc: OSError, hint: str) -> InputError:
    """Return the error for output (what: 'the PDF', ...) that could not be written to path."""
    return InputError([Diagnostic(Location(path), "",
                                  f"cannot write {what} here: {_why(path, exc)}", hint)])


def _why(path: Path, exc: OSError) -> str:
    # os.path, not Path: its exists() and isdir() say False where Path's raise (EACCES)
    blocker = next((p for p in path.parents if os.path.exists(p) and not os.path.isdir(p)),
                   None)
    if blocker is not None:
        return f"{blocker} is a file, not a folder"
    broken = next((p for p in path.parents if os.path.islink(p) and not os.path.exists(p)),
                  None)
    if broken is not None:
        return f"{broken} is a link to {os.readlink(broken)}, which does not exist"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    folder = next((p for p in path.parents if os.path.isdir(p)), None)
    if exc.errno == errno.ENOENT and folder is not None:  # a folder refusing entries, as /proc
        return f"{folder} does not accept new files"
    return exc.strerror or str(exc)
