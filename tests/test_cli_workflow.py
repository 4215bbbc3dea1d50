"""The build guarantees CI relies on: reproducible bytes, --strict, exit codes, the workflow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
import yaml

from briefing.cli import main
from briefing.starter import create_starter

from .conftest import ROOT

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    create_starter(tmp_path / "brief")
    return tmp_path / "brief" / "brief.yaml"


def _creation_date(pdf: Path) -> str:
    return str(pypdf.PdfReader(pdf).metadata["/CreationDate"])


def test_source_date_epoch_dates_the_pdf_and_builds_are_byte_identical(
        spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["build", str(spec), "-o", str(tmp_path / "one")]) == 0
    capsys.readouterr()
    other = subprocess.run(  # a second process: no state shared with the first build
        [sys.executable, "-m", "briefing", "build", str(spec), "-o", str(tmp_path / "two")],
        capture_output=True, text=True, timeout=120, env={**os.environ})
    assert other.returncode == 0, other.stderr
    one, two = tmp_path / "one" / "brief.pdf", tmp_path / "two" / "brief.pdf"
    assert one.read_bytes() == two.read_bytes()
    assert _creation_date(one).startswith("D:20231114221320")


def test_without_source_date_epoch_the_spec_date_dates_the_pdf(
        spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["build", str(spec), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert _creation_date(tmp_path / "out" / "brief.pdf").startswith("D:20250515000000")


def test_strict_makes_a_warning_an_error(spec: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = spec.read_text(encoding="utf-8")
    alt = next(line for line in text.splitlines() if line.strip().startswith("alt:"))
    spec.write_text(text.replace(alt + "\n", ""), encoding="utf-8")
    figure = text.splitlines().index("      - figure:") + 1
    warned = (f"{spec}:{figure + 1}:11: warning: sections[0].blocks[1].figure: "
              "figure has no alt text")
    out = tmp_path / "out"
    assert main(["build", str(spec), "-o", str(out)]) == 0
    assert capsys.readouterr().err.startswith(warned)
    (out / "brief.pdf").unlink()
    assert main(["build", str(spec), "-o", str(out), "--strict"]) == 2
    assert capsys.readouterr().err.startswith(warned.replace(": warning: ", ": error: "))
    assert not (out / "brief.pdf").exists()


def test_strict_catches_warnings_raised_while_laying_out(
        spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("theme: policy\n", "theme: policy\nmax_pages: 1\n")
                    .replace("      - callout:", "      - page_break: true\n      - callout:"),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(spec), "-o", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert f"{spec}:15:12: error: max_pages: the brief has " in err
    assert not (out / "brief.pdf").exists()


def test_strict_reports_the_spec_s_and_the_layout_s_warnings_in_one_run(
        spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = spec.read_text(encoding="utf-8")
    alt = next(line for line in text.splitlines() if line.strip().startswith("alt:"))
    spec.write_text(text.replace(alt + "\n", "")
                    .replace("theme: policy\n", "theme: policy\nmax_pages: 1\n")
                    .replace("      - callout:", "      - page_break: true\n      - callout:"),
                    encoding="utf-8")
    assert main(["build", str(spec), "-o", str(tmp_path / "out"), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "figure: figure has no alt text" in err  # found while loading the spec
    assert "max_pages: the brief has " in err  # found while laying it out
    assert err.endswith("2 errors\n")


def test_jobs_must_be_positive(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(spec), "--jobs", "0"]) == 2
    assert capsys.readouterr().err == "briefing: error: --jobs must be 1 or more; got 0\n"


def test_ci_workflow_validates_builds_and_publishes_every_brief() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "briefs.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "pip install ." in commands
    assert "briefing validate --strict templates/briefs/*.yaml" in commands
    build = next(s["run"] for s in steps if "briefing build" in s.get("run", ""))
    assert "templates/briefs/*.yaml" in build
    assert "--strict" in build and "--manifest out/briefs/manifest.json" in build
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any("manifest.json" in s["with"]["path"] for s in uploads)
    release = next(s for s in steps if s.get("uses", "").startswith("softprops/action-gh-release"))
    assert release["if"] == "startsWith(github.ref, 'refs/tags/')"
