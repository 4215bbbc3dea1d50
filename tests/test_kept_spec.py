"""The validated spec kept between builds (kept_spec) and the stand-in models (standins)."""

from __future__ import annotations

import hashlib
import inspect
import marshal
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SHIPPED_SPECS, SPECS, Planted, line_of, page_texts, write_brief

DEFAULT = ROOT / "templates" / "briefs" / "china-pakistan-ict.yaml"
_RUN = """
import os, sys
exit_now = os._exit


def report(code):
    print(code, "pydantic" in sys.modules, flush=True)
    exit_now(code)


os._exit = report
sys.argv = ["briefing", "build", *sys.argv[1:], "-q"]
from briefing.cli import run
run()
"""
DATA = "  d: {rows: [{name: A, v: 1}, {name: B, v: 2}, {name: C, v: 3}], source: Test}\n"
BARS = ("      - text: The bars are rising.\n"
        "      - figure:\n"
        "          chart: bar\n"
        "          data: d\n"
        "          x: name\n"
        "          y: v\n"
        "          aspect: 0.5\n"
        "          title: Bars rise\n"
        "          alt: Three bars.\n")


def build(spec: Path, out: Path, cache: Path, *options: str) -> tuple[int, bool, str]:
    """Build spec as the CLI does, in a new process; return its exit code, whether it
    imported pydantic, and what it printed to stderr."""
    done = subprocess.run([sys.executable, "-c", _RUN, str(spec), "-o", str(out), *options],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "BRIEFING_CACHE_DIR": str(cache),
                               "BRIEFING_JOBS": "1"})
    code, imported = done.stdout.split()
    return int(code), imported == "True", done.stderr


def kept_file(cache: Path) -> Path:
    (found,) = cache.glob("briefs/*.spec")
    return found


def test_a_rebuild_after_text_edits_restores_the_spec_without_pydantic(tmp_path: Path) -> None:
    for name in ("templates", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    spec = tmp_path / DEFAULT.relative_to(ROOT)
    cache = tmp_path / "cache"
    assert build(spec, tmp_path / "first.pdf", cache)[:2] == (0, True)
    text = spec.read_text()
    edited = (text.replace(" digital ", " electronic ", 1)  # a paragraph
              .replace("title: Pakistan", "title: Islamabad", 1))  # a title
    assert edited.count("Islamabad") > text.count("Islamabad")
    spec.write_text(edited)
    assert build(spec, tmp_path / "warm.pdf", cache)[:2] == (0, False)
    assert build(spec, tmp_path / "scratch.pdf", tmp_path / "scratch-cache")[:2] == (0, True)
    assert (tmp_path / "warm.pdf").read_bytes() == (tmp_path / "scratch.pdf").read_bytes()
    assert "electronic" in " ".join(page_texts(tmp_path / "warm.pdf"))


def test_a_restored_spec_is_checked_as_always(tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    out, cache = tmp_path / "out.pdf", tmp_path / "cache"
    assert build(spec, out, cache)[:2] == (0, True)
    before = out.read_bytes()
    spec.write_text(spec.read_text().replace("x: name", "x: nmae"))  # free text: restored
    code, imported, errors = build(spec, out, cache)
    assert (code, imported) == (2, False)
    assert f"{spec}:{line_of(spec, 'x')}:14: error: " in errors
    assert "dataset 'd' has no column 'nmae'" in errors and "did you mean 'name'?" in errors
    assert out.read_bytes() == before


def test_an_option_edit_is_validated_again(tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    out, cache = tmp_path / "out.pdf", tmp_path / "cache"
    assert build(spec, out, cache)[:2] == (0, True)
    before = out.read_bytes()
    spec.write_text(spec.read_text().replace("aspect: 0.5", "aspect: 0.05"))
    code, imported, errors = build(spec, out, cache)
    assert (code, imported) == (2, True)
    assert f"{spec}:{line_of(spec, 'aspect')}:19: error: " in errors
    assert out.read_bytes() == before
    spec.write_text(spec.read_text().replace("aspect: 0.05", "aspect: 0.6"))
    assert build(spec, out, cache)[:2] == (0, True)
    assert build(spec, out, cache)[:2] == (0, False)  # kept again, as validated last


def test_another_theme_is_validated_again(tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    cache = tmp_path / "cache"
    assert build(spec, tmp_path / "policy.pdf", cache)[:2] == (0, True)
    assert build(spec, tmp_path / "journal.pdf", cache, "--theme", "journal")[:2] == (0, True)
    assert build(spec, tmp_path / "scratch.pdf", tmp_path / "scratch-cache",
                 "--theme", "journal")[:2] == (0, True)
    assert (tmp_path / "journal.pdf").read_bytes() == (tmp_path / "scratch.pdf").read_bytes()


def test_a_damaged_or_planted_kept_file_is_ignored(tmp_path: Path) -> None:
    spec = write_brief(tmp_path, BARS, data=DATA)
    out, cache = tmp_path / "out.pdf", tmp_path / "cache"
    assert build(spec, out, cache)[:2] == (0, True)
    built = out.read_bytes()
    kept = kept_file(cache)
    blob = kept.read_bytes()
    kept.write_bytes(blob[: len(blob) // 2])
    assert build(spec, out, cache)[:2] == (0, True)
    assert out.read_bytes() == built
    # a file that matches the spec but holds, after briefing's models (their classes then
    # defined on stand-ins), a class briefing does not keep: validated with pydantic
    from briefing import kept_spec
    from briefing.loader import load_spec

    entry = marshal.loads(kept.read_bytes()[len(kept_spec.SPEC_MAGIC):])
    marker = tmp_path / "planted-ran"
    entry["models"] = pickle.dumps((load_spec(spec).spec, Planted(marker)))
    entry["check"] = hashlib.sha256(entry["models"]).hexdigest()
    kept.write_bytes(kept_spec.SPEC_MAGIC + marshal.dumps(entry))
    assert build(spec, out, cache)[:2] == (0, True)
    assert not marker.exists()
    assert out.read_bytes() == built


# --- the stand-ins, compared with pydantic in this process -----------------------------------


def _model_classes(base: type | None = None) -> list[type]:
    """Return briefing's model classes: subclasses of base (default pydantic's BaseModel)."""
    if base is None:
        from pydantic import BaseModel as base  # noqa: N813

    from briefing import charts, spec, theme
    from briefing.charts import options, registry

    modules = [spec, theme, options, registry,
               *(m for m in vars(charts).values() if inspect.ismodule(m))]
    found = {cls for module in modules for cls in vars(module).values()
             if inspect.isclass(cls) and issubclass(cls, base) and cls is not base}
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def test_every_default_dumps_as_pydantic_dumps_it() -> None:
    # a stand-in dumps what its fields hold; pydantic dumps a default by the field's type
    # (a float field's default of 7 as 7.0 in JSON), so defaults must be of their type
    from pydantic import TypeAdapter
    from pydantic_core import PydanticUndefined

    from briefing.standins import dumped

    classes = _model_classes()
    assert len(classes) > 30
    for cls in classes:
        for name, field in cls.model_fields.items():
            if field.default is PydanticUndefined and field.default_factory is None:
                continue
            default = field.get_default(call_default_factory=True)
            for mode in ("python", "json"):
                expected = TypeAdapter(field.annotation).dump_python(default, mode=mode)
                got = dumped(default, mode)
                assert (got, type(got)) == (expected, type(expected)), (cls, name, mode)


def _models(value: Any) -> Iterator[Any]:
    if hasattr(type(value), "model_fields"):
        yield value
        for item in vars(value).values():
            yield from _models(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _models(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _models(item)


VALID = [*SHIPPED_SPECS, *sorted(p for p in SPECS.rglob("*.yaml") if "invalid" not in p.parts)]


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_validated_models_dump_as_pydantic_dumps_them(path: Path) -> None:
    from briefing.loader import load_spec
    from briefing.standins import dumped

    brief = load_spec(path)
    for model in _models((brief.spec, brief.theme)):
        for mode in ("python", "json"):
            assert dumped(model, mode) == model.model_dump(mode=mode), (model, mode)
        assert dumped(model, "json", {"title"}) == model.model_dump(mode="json",
                                                                    exclude={"title"})


def test_standin_classes_have_pydantic_fields_and_pickle_alike(tmp_path: Path) -> None:
    from briefing.loader import load_spec

    brief = load_spec(DEFAULT)
    expected = {f"{cls.__module__}.{cls.__qualname__}": _fields(cls) for cls in _model_classes()}
    kept, again = tmp_path / "kept.pickle", tmp_path / "again.pickle"
    kept.write_bytes(pickle.dumps((brief.spec, brief.theme)))
    code = (
        "import pickle, sys\n"
        "from pathlib import Path\n"
        "from briefing import models\n"
        "models.allow_standins(); models.choose_standins()\n"
        "from tests.test_kept_spec import _fields, _model_classes\n"
        "print(repr({f'{c.__module__}.{c.__qualname__}': _fields(c)"
        " for c in _model_classes(models.BaseModel)}))\n"
        "spec, theme = pickle.loads(Path(sys.argv[1]).read_bytes())\n"
        "print(models.BaseModel.__module__, theme.frame_width, spec.sections[0].title)\n"
        "Path(sys.argv[2]).write_bytes(pickle.dumps((spec, theme)))\n"
        "print('pydantic' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code, str(kept), str(again)],
                          capture_output=True, text=True, check=True, timeout=60, cwd=ROOT)
    fields, checked, imported = done.stdout.splitlines()
    assert eval(fields) == expected  # noqa: S307 - printed by the code above
    assert checked == (f"briefing.standins {brief.theme.frame_width} "
                       f"{brief.spec.sections[0].title}")
    assert imported == "False"
    # what a stand-in pickles, a chart worker with pydantic's classes reads
    assert pickle.loads(again.read_bytes()) == (brief.spec, brief.theme)


def _fields(cls: Any) -> list[tuple[str, str]]:
    """Return each field of a pydantic or stand-in model class with its default, if any."""
    required = ("PydanticUndefined", "<object object")
    return [(name, "required" if repr(field.default).startswith(required)
             and field.default_factory is None else repr(field.get_default(
                 call_default_factory=True) if hasattr(field, "get_default")
                 else field.made_default(name)))
            for name, field in cls.model_fields.items()]


def test_free_text_is_what_pydantic_takes_as_written() -> None:
    from briefing.free_text import free_places
    from briefing.loader import load_spec

    brief = load_spec(DEFAULT)
    free = set(free_places(brief.document.data, brief.spec))
    data = brief.document.data
    texts = {place for place in free if place[-1] == "text"}
    assert len(texts) >= 10
    assert ("title",) in free and ("key_messages", 0) in free
    figures = [(s, b) for s, section in enumerate(data["sections"])
               for b, block in enumerate(section["blocks"]) if "figure" in block]
    s, b = figures[0]
    assert ("sections", s, "blocks", b, "figure", "title") in free
    assert ("sections", s, "blocks", b, "figure", "chart") not in free  # picks the model
    assert ("language",) not in free  # a pattern
    assert not any(place[0] == "data" for place in free)  # datasets have a validator


def test_every_model_module_may_be_unpickled_from_a_kept_file() -> None:
    from briefing.kept_spec import ALLOWED

    assert {(cls.__module__, None) for cls in _model_classes()} <= ALLOWED


@pytest.mark.parametrize("entry", [
    {"free": [["title"]]}, {"free": None}, {"spec": None}, {"check": "0" * 64},
    {"models": "swapped"}], ids=["list-place", "no-places", "no-digest", "check", "swapped"])
def test_a_malformed_kept_entry_is_ignored(tmp_path: Path, entry: dict[str, Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import kept_spec, models
    from briefing.loader import load_spec

    # restore here, onto this process's pydantic classes, as a one-spec program would
    monkeypatch.setattr(models, "standins_possible", lambda: True)
    monkeypatch.setattr(models, "choose_standins", lambda: True)
    spec = write_brief(tmp_path, BARS, data=DATA)
    kept = tmp_path / "kept.spec"
    built = load_spec(spec, kept=kept)
    assert kept_spec.restore(kept, built.document.data, _theme_data(built)) == (
        built.spec, built.theme)
    whole = marshal.loads(kept.read_bytes()[len(kept_spec.SPEC_MAGIC):])
    if entry.get("models") == "swapped":
        entry = {"models": pickle.dumps((built.theme, built.spec))}
        entry["check"] = hashlib.sha256(entry["models"]).hexdigest()
    kept.write_bytes(kept_spec.SPEC_MAGIC + marshal.dumps({**whole, **entry}))
    assert kept_spec.restore(kept, built.document.data, _theme_data(built)) is None
    assert load_spec(spec, kept=kept).spec == built.spec


def _theme_data(brief: Any) -> dict[str, Any]:
    from briefing.theme_files import read_theme

    return read_theme(brief.spec.theme, brief.path.parent).data


def test_spec_errors_come_before_a_missing_theme_at_the_same_place(tmp_path: Path) -> None:
    from briefing.errors import InputError
    from briefing.loader import load_spec

    spec = tmp_path / "spec.yaml"
    spec.write_text("date: 2025-05-15\nsections:\n  - title: One\n")
    with pytest.raises(InputError) as raised:
        load_spec(spec, theme="nope", kept=tmp_path / "kept.spec")
    messages = [d.message for d in raised.value.diagnostics]
    assert "title" in messages[0] and "unknown theme 'nope'" in messages[-1], messages


def test_values_pydantic_dumps_by_their_type_dump_alike() -> None:
    import datetime as dt

    from briefing.charts.options import Marker
    from briefing.spec import DatasetSpec
    from briefing.standins import dumped

    utc, east = dt.UTC, dt.timezone(dt.timedelta(hours=5))
    models = [Marker.model_validate({"value": float("inf"), "label": "x"}),
              DatasetSpec.model_validate({"source": "s", "rows": [
                  {"a": dt.datetime(2020, 1, 1, tzinfo=utc), "b": dt.date(2020, 1, 2),
                   "c": dt.datetime(2020, 1, 1, 5, tzinfo=east), "d": {1, 2}, "e": None}]})]
    for model in models:
        for mode in ("python", "json"):
            assert dumped(model, mode) == model.model_dump(mode=mode), (model, mode)


def test_charts_missing_from_the_cache_are_drawn_for_a_restored_spec(tmp_path: Path) -> None:
    spec, cache = tmp_path / "all-kinds.yaml", tmp_path / "cache"
    shutil.copy(SPECS / "charts" / "all-kinds.yaml", spec)
    shutil.copytree(SPECS / "charts" / "data", tmp_path / "data")
    assert build(spec, tmp_path / "first.pdf", cache, "--jobs", "2")[:2] == (0, True)
    charts = sorted(cache.glob("??/*.pdf"))
    assert len(charts) >= 8
    charts[0].write_bytes(b"damaged")  # drawn again in this process, with the stand-ins
    assert build(spec, tmp_path / "one.pdf", cache, "--jobs", "2")[:2] == (0, False)
    for chart in charts:  # drawn by chart workers, which read the stand-ins' pickles
        chart.unlink()
    assert build(spec, tmp_path / "all.pdf", cache, "--jobs", "2")[:2] == (0, False)
    first = (tmp_path / "first.pdf").read_bytes()
    assert (tmp_path / "one.pdf").read_bytes() == first
    assert (tmp_path / "all.pdf").read_bytes() == first


def test_a_watchers_text_edit_leaves_the_kept_file_and_an_option_edit_rewrites_it(
        tmp_path: Path) -> None:
    from briefing.loader import load_spec

    spec, kept = write_brief(tmp_path, BARS, data=DATA), tmp_path / "kept.spec"
    load_spec(spec, kept=kept)  # this process has pydantic's models: it validates
    before = kept.read_bytes()
    spec.write_text(spec.read_text().replace("The bars are rising.", "The bars rise."))
    assert load_spec(spec, kept=kept).spec.sections[0].blocks[0].text == "The bars rise."
    assert kept.read_bytes() == before
    spec.write_text(spec.read_text().replace("aspect: 0.5", "aspect: 0.6"))
    load_spec(spec, kept=kept)
    assert kept.read_bytes() != before
