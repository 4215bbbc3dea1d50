"""Hashes of the code a kept result depends on, read from the files without importing them."""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).parent


@cache
def package_version(name: str, version_file: str) -> str:
    """Return the installed package's version file (e.g. matplotlib's `_version.py`),
    hashed: finding it does not import the package, and `importlib.metadata` takes ~10 ms
    to find a version among the installed distributions (its answer if the file is not
    there)."""
    found = importlib.util.find_spec(name)
    if found is not None and found.origin is not None:
        try:
            return hashlib.sha256(Path(found.origin).with_name(version_file).read_bytes()
                                  ).hexdigest()
        except OSError:
            pass
    from importlib import metadata

    return metadata.version(name)


@cache
def sources(part: str) -> str:
    """Return briefing's source for part, hashed: a module ("spec") or a folder of modules
    ("charts", every `*.py` in it, by name)."""
    folder = _PACKAGE / part
    files = sorted(folder.glob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
