"""An unknown key in a theme file is reported where it was written, never silently ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.batch import Outcome
from briefing.errors import InputError
from briefing.starter import create_starter


def _briefing(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_JOBS": "1", "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, check=False)


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    create_starter(tmp_path / "starter")
    return tmp_path / "starter" / "brief.yaml"


def _theme(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pdfs(tmp_path: Path) -> list[Path]:
    return sorted(tmp_path.rglob("*.pdf"))


def _error_lines(stderr: str, prefix: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(prefix)]


MISSPELT_SECTION = 'extends: policy\ncolours:\n  accent: "#000000"\n'
MISSPELT_NESTED = 'extends: policy\ncolors:\n  acent: "#000000"\n'


def test_build_reports_an_unknown_theme_key_and_writes_no_pdf(tmp_path: Path,
                                                              brief: Path) -> None:
    theme = _theme(tmp_path, MISSPELT_SECTION)
    manifest = tmp_path / "manifest.json"
    run = _briefing(tmp_path, "build", str(brief), "--theme", str(theme),
                    "-o", str(tmp_path / "out"), "--manifest", str(manifest))
    assert run.returncode == 2, run.stderr
    errors = _error_lines(run.stderr, f"{theme}:")
    assert errors == [f"{theme}:2:1: error: colours: unknown key 'colours'"], run.stderr
    assert "  hint: did you mean 'colors'?" in run.stderr.splitlines()
    assert _pdfs(tmp_path) == []
    (entry,) = json.loads(manifest.read_text(encoding="utf-8"))["briefs"]
    assert entry["status"] == "invalid"


def test_validate_reports_an_unknown_theme_key(tmp_path: Path, brief: Path) -> None:
    theme = _theme(tmp_path, MISSPELT_SECTION)
    run = _briefing(tmp_path, "validate", str(brief), "--theme", str(theme))
    assert run.returncode == 2, run.stderr
    errors = _error_lines(run.stderr, f"{theme}:")
    assert errors == [f"{theme}:2:1: error: colours: unknown key 'colours'"], run.stderr
    assert "  hint: did you mean 'colors'?" in run.stderr.splitlines()


@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_misspelt_nested_theme_key_is_reported_at_its_own_line(
        tmp_path: Path, brief: Path, command: str) -> None:
    theme = _theme(tmp_path, MISSPELT_NESTED)
    run = _briefing(tmp_path, command, str(brief), "--theme", str(theme),
                    *(["-o", str(tmp_path / "out")] if command == "build" else []))
    assert run.returncode == 2, run.stderr
    errors = _error_lines(run.stderr, f"{theme}:")
    assert errors == [f"{theme}:3:3: error: colors.acent: unknown key 'acent'"], run.stderr
    assert "  hint: did you mean 'accent'?" in run.stderr.splitlines()
    assert _pdfs(tmp_path) == []


def test_an_unknown_key_in_an_extended_theme_points_at_that_file(tmp_path: Path,
                                                                 brief: Path) -> None:
    base = _theme(tmp_path, '# the house style\nextends: policy\nsizes:\n  bodyy: 11\n',
                  "base.yaml")
    theme = _theme(tmp_path, 'extends: base.yaml\nsizes:\n  body: 10\n')
    run = _briefing(tmp_path, "validate", str(brief), "--theme", str(theme))
    assert run.returncode == 2, run.stderr
    assert _error_lines(run.stderr, f"{theme}:") == [], run.stderr
    errors = _error_lines(run.stderr, f"{base}:")
    assert errors == [f"{base}:4:3: error: sizes.bodyy: unknown key 'bodyy'"], run.stderr
    assert "  hint: did you mean 'body'?" in run.stderr.splitlines()


def test_an_input_error_always_carries_a_diagnostic() -> None:
    with pytest.raises(ValueError, match="diagnostic"):
        InputError([])
    with pytest.raises(TypeError):
        InputError()  # type: ignore[call-arg]


def test_an_outcome_without_a_pdf_is_never_ok(tmp_path: Path) -> None:
    outcome = Outcome(tmp_path / "brief.yaml", tmp_path / "brief.pdf")
    assert (outcome.ok, outcome.status) == (False, "invalid")
    outcome.failure = "RuntimeError: boom"
    assert outcome.status == "failed"
