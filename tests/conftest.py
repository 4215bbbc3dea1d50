"""Shared fixtures: every test gets its own chart cache and a fixed SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(__file__).resolve().parent / "specs"
SHIPPED_SPECS = sorted(p for p in (ROOT / "templates").rglob("*.yaml") if "themes" not in p.parts)
"""The briefs and the starter shipped in templates/ (not the themes)."""
MINIMAL = """\
title: A minimal brief
date: 2025-05-15
sections:
  - title: Only section
    blocks:
      - text: Hello, reader.
"""
"""The smallest spec that builds: one section of one paragraph."""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                    ) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("chart-cache")))


class Planted:
    """A pickle payload that, unpickled, creates the file marker: what a planted cache file
    would do if the cache read it with plain pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def printed_by_new_python(code: str, *flags: str, write_bytecode: bool = False,
                          **env: str) -> list[str]:
    """Return the lines code prints when a new Python process runs it (its imports cold),
    with interpreter flags, allowed to write bytecode or not as this one is, and with env
    added to the environment."""
    variables = {k: v for k, v in os.environ.items()
                 if not (write_bytecode and k == "PYTHONDONTWRITEBYTECODE")}
    done = subprocess.run([sys.executable, *flags, "-c", code], capture_output=True,
                          text=True, check=True, env={**variables, **env})
    return done.stdout.splitlines()
