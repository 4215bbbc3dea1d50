"""The command line's contract: exit codes, error lines, atomic output, schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.resources import briefs_dir
from briefing.write import write_atomic

from .conftest import MINIMAL, SHIPPED_SPECS

SPECS = SHIPPED_SPECS



def test_a_missing_spec_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    missing = tmp_path / "nothere.yaml"
    assert main(["validate", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{missing}:1:1: error: spec not found\n  hint: ")


def test_every_problem_is_reported_in_one_run(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("titel: x\ndate: 2025-13-01\ntheme: nope\nsections:\n"
                    "  - title: A\n    blocks:\n      - page_break: maybe\n      - quot: {}\n")
    assert main(["validate", str(spec)]) == 2
    err = capsys.readouterr().err
    located = [line.split(": error: ")[0] for line in err.splitlines() if ": error: " in line]
    assert located == [f"{spec}:{n}" for n in ("1:1", "2:7", "3:8", "7:21", "8:9")]
    assert err.rstrip().endswith("5 errors")


def test_errors_never_show_a_traceback_unless_asked(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(spec), "-o",
                             str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{spec}:2:1: error: YAML syntax")
    assert list(tmp_path.iterdir()) == [spec]


def test_a_build_writes_the_pdf_into_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(MINIMAL)
    assert main(["build", "brief.yaml"]) == 0
    assert capsys.readouterr().out.strip() == str(Path("out") / "brief.pdf")
    assert (tmp_path / "out" / "brief.pdf").read_bytes().startswith(b"%PDF-")


def test_a_failed_render_keeps_the_previous_pdf(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "brief.yaml").write_text(MINIMAL)
    previous = tmp_path / "brief.pdf"
    previous.write_bytes(b"%PDF-previous")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("briefing.render.render_pdf", broken)
    assert main(["build", str(tmp_path / "brief.yaml"), "-o", str(previous)]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "RuntimeError: renderer exploded" in err
    assert "--debug" in err
    assert previous.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "brief.yaml"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_every_shipped_spec_validates(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(spec)]) == 0, capsys.readouterr().err


def test_the_default_brief_is_the_shipped_one() -> None:
    assert (briefs_dir() / "china-pakistan-ict.yaml").is_file()


def test_schema_validates_the_shipped_specs_and_rejects_typos(
        capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for spec in SPECS:
        assert not _typed_errors(validator, spec), spec
    assert schema["properties"]["title"]["description"]
    broken = {"title": "T", "date": "2025-05-15", "sections": [{"titel": "x"}]}
    assert list(validator.iter_errors(broken))


def _typed_errors(validator: object, spec: Path) -> list[object]:
    import yaml

    data = yaml.safe_load(spec.read_text())
    data = json.loads(json.dumps(data, default=str))
    return list(validator.iter_errors(data))  # type: ignore[attr-defined]


def test_version_and_help_exit_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("briefing ")
    capsys.readouterr()
    assert main(["build", "--no-such-flag"]) == 2
    err = capsys.readouterr().err  # the usage of the command the flag was given to
    assert err.startswith("usage: briefing build ")
    assert err.endswith("briefing build: error: unrecognized arguments: --no-such-flag\n")


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "brief.yaml").write_text(MINIMAL)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("briefing.render.render_pdf", broken)
    assert main(["build", str(tmp_path / "brief.yaml"), "-o", str(tmp_path), "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: renderer exploded" in err


def test_watch_refuses_a_spec_that_does_not_exist(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothere.yaml"
    assert main(["watch", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"{missing}:1:1: error: spec not found\n")


@pytest.mark.parametrize("value", ["abc", "1e9", "99999999999999"])
def test_a_source_date_epoch_that_is_no_timestamp_is_a_usage_error(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # matplotlib read it first and failed inside a chart worker: 'internal error', exit 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    (tmp_path / "brief.yaml").write_text(MINIMAL)
    assert main(["build", str(tmp_path / "brief.yaml"), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(
        f"briefing: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; "
        f"got {value!r}")


def test_a_name_in_the_wrong_case_gets_the_right_one_as_its_hint(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["charts", "BAR"]) == 2
    assert capsys.readouterr().err.splitlines()[1] == "  hint: did you mean 'bar'?"


def test_a_source_date_epoch_of_other_digits_is_refused_in_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "\u00b2")  # str.isdigit() says yes to '²'
    (tmp_path / "brief.yaml").write_text(MINIMAL)
    assert main(["build", str(tmp_path / "brief.yaml"), "-o", str(tmp_path)]) == 2
    assert "must be a whole number of seconds since 1970" in capsys.readouterr().err
