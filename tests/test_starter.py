"""`briefing new`: a starter brief that builds as it is, with the schema editors check it by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefing.cli import main
from briefing.schema import spec_schema
from briefing.starter import SCHEMA_FILE


@pytest.fixture
def starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "brief"
    assert main(["new", str(folder)]) == 0
    capsys.readouterr()
    return folder


def test_new_then_build_succeeds(starter: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(starter / "brief.yaml"), "-o", str(out), "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out / "brief.pdf")
    assert captured.err == ""
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF-")


def test_new_lists_the_files_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "fresh"
    assert main(["new", str(folder)]) == 0
    listed = capsys.readouterr().out.split()
    assert sorted(listed) == sorted(str(p) for p in folder.rglob("*") if p.is_file())
    assert {Path(p).name for p in listed} >= {"brief.yaml", SCHEMA_FILE}


def test_starter_validates_strictly(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(starter / "brief.yaml")]) == 0
    assert capsys.readouterr().out.strip() == f"{starter / 'brief.yaml'}: ok"


def test_schema_comment_names_the_schema_beside_it(starter: Path) -> None:
    first = (starter / "brief.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    schema = json.loads((starter / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(spec_schema()))


def test_starter_shows_each_kind_of_content(starter: Path) -> None:
    spec = yaml.safe_load((starter / "brief.yaml").read_text(encoding="utf-8"))
    blocks = [block for section in spec["sections"] for block in section["blocks"]]
    kinds = {next(iter(block)) for block in blocks}
    assert kinds >= {"text", "figure", "table", "callout"}
    figure = next(block["figure"] for block in blocks if "figure" in block)
    assert figure["chart"] == "bar"
    assert set(figure) >= {"x", "y", "title", "subtitle", "caption", "alt", "highlight"}
    for dataset in spec["data"].values():
        assert (starter / dataset["file"]).is_file()


def test_new_refuses_a_folder_that_is_not_empty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    assert main(["new", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err == (f"briefing: error: {folder} is not empty; "
                   "give a new or empty folder for the starter brief\n")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_new_accepts_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert main(["new", str(folder)]) == 0
    assert (folder / "brief.yaml").is_file()
