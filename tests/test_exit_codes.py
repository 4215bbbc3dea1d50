"""Output that cannot be written is the user's input error (exit 2), never an internal one."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from briefing import build, compile_brief, load_spec
from briefing.cli import main
from briefing.errors import InputError
from briefing.starter import SCHEMA_FILE

from .conftest import MINIMAL

NOT_A_FOLDER = "/dev/null is a file, not a folder"


@pytest.fixture(autouse=True)
def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_JOBS", "1")


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(MINIMAL)
    return path


def _error(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """Return the first two lines on stderr: the error and its hint."""
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 2, lines
    return lines[0], lines[1]


def test_an_output_folder_under_a_file_is_an_input_error(
        spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(spec), "-o", "/dev/null/x"]) == 2
    assert _error(capsys) == (
        f"/dev/null/x/brief.pdf:1:1: error: cannot write the PDF here: {NOT_A_FOLDER}",
        "  hint: choose an output folder you can write to (-o)")


@pytest.mark.parametrize("out", ["/proc/x.pdf", "/proc/sub"])
def test_an_output_folder_that_takes_no_files_is_an_input_error(
        out: str, spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(spec), "-o", out]) == 2
    pdf = out if out.endswith(".pdf") else f"{out}/brief.pdf"
    assert _error(capsys) == (
        f"{pdf}:1:1: error: cannot write the PDF here: /proc does not accept new files",
        "  hint: choose an output folder you can write to (-o)")


def test_a_failed_write_keeps_the_previous_pdf(spec: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    previous = tmp_path / "brief.pdf"
    previous.write_bytes(b"%PDF-previous")
    replace = os.replace

    def refuse(source: str, target: str) -> None:
        if Path(target) == previous:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["build", str(spec), "-o", str(previous)]) == 2
    assert _error(capsys)[0] == f"{previous}:1:1: error: cannot write the PDF here: " \
                                "Permission denied"
    assert previous.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "brief.yaml"]


def test_an_output_folder_that_is_a_broken_link_is_named(
        spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    assert main(["build", str(spec), "-o", str(tmp_path / "out" / "brief.pdf")]) == 2
    assert _error(capsys)[0] == (
        f"{tmp_path / 'out' / 'brief.pdf'}:1:1: error: cannot write the PDF here: "
        f"{tmp_path / 'out'} is a link to {tmp_path / 'gone'}, which does not exist")


def test_a_batch_reports_an_unwritable_output_for_each_spec(
        spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL)
    manifest = tmp_path / "manifest.json"
    assert main(["build", str(spec), str(other), "-o", "/dev/null/x", "--jobs", "2",
                 "--manifest", str(manifest)]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    for name in ("brief", "other"):
        assert (f"/dev/null/x/{name}.pdf:1:1: error: cannot write the PDF here: "
                f"{NOT_A_FOLDER}\n  hint: ") in err
        assert f"{name}.yaml: not built (1 error)" in err
    briefs = json.loads(manifest.read_text(encoding="utf-8"))["briefs"]
    assert [b["status"] for b in briefs] == ["invalid", "invalid"]


def test_an_unwritable_manifest_is_an_input_error(spec: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(spec), "-o", str(tmp_path / "out"), "-q",
                 "--manifest", "/dev/null/manifest.json"]) == 2
    assert _error(capsys) == (
        f"/dev/null/manifest.json:1:1: error: cannot write the manifest here: {NOT_A_FOLDER}",
        "  hint: choose a file you can write to (--manifest)")


def test_schema_into_a_folder_is_an_input_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 2
    assert _error(capsys) == (
        f"{tmp_path}:1:1: error: cannot write the schema here: it is a folder",
        f"  hint: give a file name, e.g. -o {tmp_path / SCHEMA_FILE}")
    assert list(tmp_path.iterdir()) == []


def test_schema_under_a_file_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "-o", "/dev/null/schema.json"]) == 2
    assert _error(capsys) == (
        f"/dev/null/schema.json:1:1: error: cannot write the schema here: {NOT_A_FOLDER}",
        "  hint: choose a file you can write to (-o)")


@pytest.mark.parametrize(("folder", "why"), [("/proc/nope", "/proc does not accept new files"),
                                             ("/dev/null/brief", NOT_A_FOLDER)])
def test_new_in_a_folder_that_cannot_be_made_is_an_input_error(
        folder: str, why: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", folder]) == 2
    assert _error(capsys) == (
        f"{folder}:1:1: error: cannot write the starter brief here: {why}",
        "  hint: give a new or empty folder you can write to")


def test_the_api_takes_paths_as_strings(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(str(spec), str(out), jobs=1) == out / "brief.pdf"
    result = compile_brief(str(spec), out=str(tmp_path / "api.pdf"),
                                    cache_dir=str(tmp_path / "cache"), jobs=1)
    assert result.pdf == tmp_path / "api.pdf"
    assert result.pdf.read_bytes().startswith(b"%PDF-")


def test_the_api_raises_an_input_error_for_an_unwritable_output(spec: Path) -> None:
    with pytest.raises(InputError) as caught:
        build(spec, "/dev/null/x", jobs=1)
    [diagnostic] = caught.value.diagnostics
    assert str(diagnostic.location) == "/dev/null/x/brief.pdf:1:1"


def test_theme_for_a_loaded_brief_is_refused(spec: Path, tmp_path: Path) -> None:
    brief = load_spec(spec)
    with pytest.raises(ValueError, match="theme applies only when spec is a path"):
        compile_brief(brief, tmp_path / "out", theme="journal", jobs=1)
    assert not (tmp_path / "out").exists()
