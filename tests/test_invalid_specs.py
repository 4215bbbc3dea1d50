"""Every broken spec under specs/invalid/ fails with its located error, exit 2, nothing written.

The first line of each file says what must be reported:
`# error: [FILE:]LINE:COL FRAGMENT` — FILE defaults to the spec itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import SPECS

INVALID = SPECS / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))
EXPECT = re.compile(rb"^# error: (?:(?P<file>[^ :]+):)?(?P<line>\d+):(?P<col>\d+) (?P<text>.+)$")


def expectation(spec: Path) -> tuple[str, str]:
    first = spec.read_bytes().split(b"\n", 1)[0]
    match = EXPECT.match(first)
    assert match, f"{spec.name}: first line must be '# error: LINE:COL FRAGMENT'"
    file = (match["file"] or spec.name.encode()).decode()
    return f"{file}:{int(match['line'])}:{int(match['col'])}: error: ", match["text"].decode()


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("spec", CASES, ids=[c.stem for c in CASES])
def test_validate_reports_the_error_where_it_is(spec: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    prefix, fragment = expectation(spec)
    code, err = run(["validate", spec.name], capsys)
    assert code == 2
    assert "Traceback" not in err
    located = [line for line in err.splitlines() if line.startswith(prefix)]
    assert located, f"no line starting {prefix!r} in:\n{err}"
    following = err[err.index(located[0]):].splitlines()[:2]
    assert any(fragment in line for line in following), f"{fragment!r} not in:\n{err}"


@pytest.mark.parametrize("spec", CASES, ids=[c.stem for c in CASES])
def test_build_leaves_previous_pdf_untouched(spec: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    previous = tmp_path / "brief.pdf"
    previous.write_bytes(b"%PDF-previous")
    code, err = run(["build", spec.name, "-o", str(previous)], capsys)
    assert code == 2
    assert "Traceback" not in err
    assert re.search(r"^\S+:\d+:\d+: error: ", err, re.M)
    assert previous.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def _models(annotation: object, seen: set[type]) -> set[type]:
    """Return every pydantic model reachable from annotation (fields, unions, containers)."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, seen)
        return seen
    for argument in typing.get_args(annotation):
        _models(argument, seen)
    return seen


def test_every_spec_model_forbids_unknown_keys() -> None:
    """The loader walks a spec for unknown keys only when validation fails, which is right
    only if validation itself rejects every unknown key."""
    from briefing.charts import CHARTS
    from briefing.spec import Spec

    models = _models(Spec, set())
    assert len(models) > 15 and {c.options for c in CHARTS.values()} <= models
    assert _not_forbidding(models) == set()


def test_every_theme_model_forbids_unknown_keys() -> None:
    """The theme loader, too, walks for unknown keys only when validation fails."""
    from briefing.theme import Theme

    models = _models(Theme, set())
    assert len(models) > 5
    assert _not_forbidding(models) == set()


def _not_forbidding(models: set) -> set[str]:
    return {m.__name__ for m in models if m.model_config.get("extra") != "forbid"}


def test_a_table_column_with_options_is_reported_once(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # a column may be a name or a mapping of options: a wrong option used to be reported a
    # second time, as "columns[1].str: expected text; got a mapping"
    monkeypatch.chdir(INVALID)
    code, err = run(["validate", "table-column-option.yaml"], capsys)
    assert code == 2
    assert [line for line in err.splitlines() if ": error: " in line] == [
        "table-column-option.yaml:13:56: error: sections[0].blocks[0].table.columns[1].decimals:"
        " expected a whole number; got 'two'"]
