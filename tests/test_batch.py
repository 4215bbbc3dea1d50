"""Batch builds: several specs in parallel, a manifest, PNG previews, failures kept apart."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from briefing.cli import main
from briefing.starter import create_starter

from .conftest import MINIMAL


@pytest.fixture
def specs(tmp_path: Path) -> dict[str, Path]:
    """Two good specs and one broken one, sharing the starter brief's folder and data."""
    folder = tmp_path / "briefs"
    create_starter(folder)
    text = (folder / "brief.yaml").read_text(encoding="utf-8")
    (folder / "brief.yaml").rename(folder / "alpha.yaml")
    (folder / "beta.yaml").write_text(text.replace("Investing in Research", "Beta"))
    (folder / "broken.yaml").write_text(text.replace("chart: bar", "chart: barr"))
    return {name: folder / f"{name}.yaml" for name in ("alpha", "beta", "broken")}


def _location(spec: Path, needle: str) -> str:
    for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return f"{spec}:{number}:{line.index(needle.split(': ')[-1]) + 1}"
    raise AssertionError(f"{needle!r} not in {spec}")


def test_batch_builds_the_good_and_reports_the_broken(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["build", *map(str, specs.values()), "-o", str(out), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 2
    assert sorted(p.name for p in out.glob("*.pdf")) == ["alpha.pdf", "beta.pdf"]
    location = _location(specs["broken"], "chart: barr")
    [reported] = [line for line in captured.err.splitlines() if line.startswith(location)]
    assert reported.startswith(f"{location}: error: sections[0].blocks[1].figure.chart: ")
    assert reported.endswith("got 'barr'")
    assert "broken.yaml: not built (1 error)" in captured.err
    progress = sorted(captured.out.splitlines())
    assert len(progress) == 2
    for line, name in zip(progress, ("alpha", "beta"), strict=True):
        pattern = rf"{name}\.yaml: \d+ pages?, \d+\.\d\d s -> {re.escape(str(out / name))}\.pdf"
        assert re.fullmatch(pattern, line), line


def test_quiet_batch_prints_only_problems(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [str(specs["alpha"]), str(specs["beta"])]
    assert main(["build", *good, "-o", str(tmp_path / "out"), "-q", "--jobs", "1"]) == 0
    assert capsys.readouterr() == ("", "")


def test_manifest_describes_every_brief(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, manifest = tmp_path / "out", tmp_path / "manifest.json"
    main(["build", *map(str, specs.values()), "-o", str(out), "--manifest", str(manifest)])
    capsys.readouterr()
    text = manifest.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    entries = {Path(e["spec"]).stem: e for e in data["briefs"]}
    assert [Path(e["spec"]).stem for e in data["briefs"]] == ["alpha", "beta", "broken"]
    for name in ("alpha", "beta"):
        entry, pdf = entries[name], out / f"{name}.pdf"
        assert entry["status"] == "ok"
        assert entry["pdf"] == pdf.as_posix()
        assert entry["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert entry["bytes"] == pdf.stat().st_size
        assert entry["pages"] == len(pypdf.PdfReader(pdf).pages)
        assert entry["seconds"] > 0
        assert entry["warnings"] == []
    broken = entries["broken"]
    assert broken["status"] == "invalid"
    assert "sha256" not in broken
    assert broken["errors"][0].startswith(_location(specs["broken"], "chart: barr"))


def test_png_writes_one_preview_per_page(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = specs["alpha"]
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("      - callout:", "      - page_break: true\n      - callout:"))
    out = tmp_path / "out"
    assert main(["build", str(spec), "-o", str(out), "--png"]) == 0
    capsys.readouterr()
    pages = len(pypdf.PdfReader(out / "alpha.pdf").pages)
    pngs = sorted(out.glob("*.png"))
    assert [p.name for p in pngs] == [f"alpha-{n}.png" for n in range(1, pages + 1)]
    assert all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
    first = [p.read_bytes() for p in pngs]
    assert main(["build", str(spec), "-o", str(out), "--png"]) == 0
    assert [p.read_bytes() for p in pngs] == first


def test_output_that_is_a_file_is_a_usage_error_for_several_specs(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken.pdf"
    target.write_bytes(b"not mine to replace")
    assert main(["build", str(specs["alpha"]), str(specs["beta"]), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"briefing: error: -o {str(target)!r} is a file; give a folder for several specs\n")
    assert target.read_bytes() == b"not mine to replace"


def test_two_specs_with_one_name_are_a_usage_error(
        specs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    shutil.copytree(specs["alpha"].parent, other)
    assert main(["build", str(specs["alpha"]), str(other / "alpha.yaml"),
                 "-o", str(tmp_path / "out")]) == 2
    assert "would both be built to alpha.pdf" in capsys.readouterr().err


def test_previews_that_cannot_be_written_are_an_input_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a failed preview ended the build with exit 1 and no word at all
    spec = tmp_path / "pb.yaml"
    spec.write_text(MINIMAL)
    out = tmp_path / "out"
    (out / "pb-1.png").mkdir(parents=True)  # where the first page's preview would go
    assert main(["build", str(spec), "-o", str(out), "--png", "--jobs", "1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"{out / 'pb-1.png'}:1:1: error: cannot write the page previews here: "
                      "it is a folder")
