"""The build manifest: a JSON record of every brief a build made (or failed to make)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .batch import Outcome
from .write import write_output

MANIFEST_VERSION = 1


def manifest(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Return the manifest of a build: one entry per brief, in the order they were given."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "generator": f"briefing {__version__}",
        "briefs": [entry(outcome) for outcome in outcomes],
    }


def entry(outcome: Outcome) -> dict[str, Any]:
    """Return the manifest entry of one brief."""
    result = outcome.result
    item: dict[str, Any] = {
        "spec": outcome.spec.as_posix(),
        "pdf": outcome.pdf.as_posix(),
        "status": outcome.status,
    }
    if result is not None:
        item.update(
            sha256=result.sha256,
            pages=result.pages,
            bytes=result.size,
            seconds=round(result.seconds, 3),
            warnings=[w.format() for w in result.warnings],
            png=[p.as_posix() for p in outcome.pngs],
        )
    else:
        item["errors"] = [d.format() for d in outcome.errors]
        if outcome.failure is not None:
            item["errors"].append(outcome.failure.splitlines()[0])
    return item


def write_manifest(path: Path, outcomes: Sequence[Outcome]) -> Path:
    """Write the manifest of outcomes to path atomically, keys sorted; return path. A path
    that cannot be written is an InputError."""
    text = json.dumps(manifest(outcomes), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return write_output(path, text.encode(), "the manifest",
                        "choose a file you can write to (--manifest)")
