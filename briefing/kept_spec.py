"""The spec and theme models a brief's last build validated, kept in the cache folder.

An editor's rebuild most often follows an edit of text: a paragraph, a title, a caption.
Validating the spec again would give the same models but for those strings, yet it is a
quarter of the rebuild: importing pydantic and building its validators. So a build keeps
the models it validated, with the places of the spec that hold free text: strings that
pydantic takes as they are (a field typed `str`, or a list of them, with no constraint and
no validator). The next build of the spec restores them if the spec differs from the kept
one only in those strings and its theme is the same, and puts the new strings in. The
checks that follow validation (datasets, columns, ids, charts) run as always.

The kept file is ignored when briefing's model code, pydantic or this Python differ from
when it was written, when it is damaged, and for any other spec. It holds only briefing's
model classes, dates and plain data: any other class in it makes the file ignored, so a
planted file cannot run code.

A one-spec build run as a program (`allow_standins`) defines its model classes with plain
stand-ins when it restores (see `models`), and then imports no pydantic at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import marshal
import pickle
import sys
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .spec import Spec
    from .theme import Theme
    from .yamlsource import TreePath

SPEC_MAGIC = b"briefing-spec 1\n"
"""How a kept spec file begins (the cache's sweep knows its files by it)."""

_MODEL_MODULES = ("spec", "theme", "fonts", "models", "standins", "kept_spec")
"""Briefing's modules (besides the chart kinds) whose code decides what validation gives."""

_ALLOWED = frozenset((module, None) for module in (
    "briefing.spec", "briefing.theme", "briefing.charts.registry", "briefing.charts.options",
    "briefing.charts.bar", "briefing.charts.donut", "briefing.charts.line",
    "briefing.charts.multibar", "briefing.charts.range", "briefing.charts.rank",
    "briefing.charts.timeline", "briefing.charts.waffle", "datetime"))
"""The classes these modules define are all a kept file may hold."""

_standins_allowed = False
_standins = False


def allow_standins() -> None:
    """Let this process define its model classes with stand-ins if it restores a spec: it
    is a program that builds one spec and then exits, so it validates nothing else."""
    global _standins_allowed
    _standins_allowed = True


def standins_chosen() -> bool:
    """Return whether the model classes are to be defined with stand-ins (see `models`)."""
    return _standins


def restore(path: Path, data: dict[str, Any], theme_data: dict[str, Any]
            ) -> tuple[Spec, Theme] | None:
    """Return the spec and theme models kept at path, with the free text of data put in, if
    validating data and theme_data would give them; else None."""
    global _standins
    entry = _read(path)
    if entry is None or entry.get("version") != _version():
        return None
    free = entry["free"]
    try:
        masked = _masked(data, set(free))
    except _NoText:
        return None
    if _digest(masked) != entry["spec"] or _digest(theme_data) != entry["theme"]:
        return None
    modules = set(sys.modules)
    _standins = _standins_allowed and "briefing.models" not in modules
    try:
        from .pickles import AllowListUnpickler

        spec, theme = AllowListUnpickler(io.BytesIO(entry["models"]), _ALLOWED).load()
        for place in free:
            _put(spec, place, _at(data, place))
    except Exception:  # noqa: BLE001 - a kept file is only ever an optimisation
        for name in set(sys.modules) - modules:  # to be defined again, with pydantic
            if name.startswith("briefing."):
                del sys.modules[name]
        _standins = False
        return None
    return spec, theme


def keep(path: Path, data: dict[str, Any], theme_data: dict[str, Any], spec: Spec,
         theme: Theme) -> None:
    """Keep spec and theme, validated from data and theme_data, at path (skipped when the
    file holds them already or cannot be written)."""
    from .write import write_atomic

    free = list(_free_places(data, spec, ()))
    masked = _masked(data, set(free))
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, ValueError):
        models = pickle.dumps((spec, theme), protocol=5)
        entry = {"version": _version(), "free": free, "spec": _digest(masked),
                 "theme": _digest(theme_data), "models": models,
                 "check": hashlib.sha256(models).hexdigest()}
        kept = _read(path)
        if kept is not None and all(kept.get(k) == v for k, v in entry.items() if k != "models"):
            return
        write_atomic(path, SPEC_MAGIC + marshal.dumps(entry))


def _read(path: Path) -> dict[str, Any] | None:
    try:
        blob = path.read_bytes()
        if not blob.startswith(SPEC_MAGIC):
            return None
        entry = marshal.loads(memoryview(blob)[len(SPEC_MAGIC):])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(entry) is not dict or type(entry.get("models")) is not bytes \
            or hashlib.sha256(entry["models"]).hexdigest() != entry.get("check"):
        return None
    return entry


@cache
def _version() -> str:
    """Return what decides how a spec validates, hashed: Python, pydantic and the code of
    briefing's models."""
    digest = hashlib.sha256(sys.version.encode())
    found = importlib.util.find_spec("pydantic")  # its version file, without importing it
    if found is None or found.origin is None:
        return ""
    package = Path(found.origin).parent
    here = Path(__file__).parent
    for source in (package / "version.py", *(here / f"{name}.py" for name in _MODEL_MODULES),
                   *sorted((here / "charts").glob("*.py"))):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()


def _digest(data: Any) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()


_FREE = "\x00free text\x00"
"""What a free string of a spec reads as in its digest."""


class _NoText(Exception):
    """A place that held free text in the kept spec holds something else now."""


def _masked(data: Any, free: set[TreePath], place: TreePath = ()) -> Any:
    """Return data with the string at each place in free replaced by `_FREE` (raises
    _NoText if one of those places holds no string)."""
    if place in free:
        if type(data) is not str:
            raise _NoText
        return _FREE
    if isinstance(data, dict):
        return {key: _masked(value, free, (*place, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [_masked(value, free, (*place, i)) for i, value in enumerate(data)]
    return data


def _free_places(data: Any, model: Any, place: TreePath) -> Iterator[TreePath]:
    """Yield the places in data whose strings validated as they are into model. Below a
    model with validators nothing is free: they may read any of it."""
    fields = getattr(type(model), "model_fields", None)
    if isinstance(fields, dict) and isinstance(data, dict):
        if _has_validators(type(model)):
            return
        for key, item in data.items():
            value = vars(model).get(key) if key in fields else None
            if type(item) is str:
                if value == item and _takes_text(type(model), key, item=False):
                    yield (*place, key)
            elif isinstance(item, list) and item and value == item \
                    and all(type(text) is str for text in item) \
                    and _takes_text(type(model), key, item=True):
                yield from ((*place, key, i) for i in range(len(item)))
            elif value is not None:
                yield from _free_places(item, value, (*place, key))
    elif isinstance(data, list) and isinstance(model, list) and len(data) == len(model):
        for i, (item, value) in enumerate(zip(data, model, strict=True)):
            yield from _free_places(item, value, (*place, i))
    elif isinstance(data, dict) and isinstance(model, dict):
        for key, item in data.items():
            if key in model:
                yield from _free_places(item, model[key], (*place, key))


def _has_validators(model: type) -> bool:
    decorators = model.__pydantic_decorators__  # type: ignore[attr-defined]
    return bool(decorators.model_validators or decorators.field_validators
                or decorators.validators or decorators.root_validators)


def _takes_text(model: type, name: str, *, item: bool) -> bool:
    """Return whether pydantic takes any string as it is for the field `name` of model (any
    list of strings, if item)."""
    field = model.model_fields[name]  # type: ignore[attr-defined]
    if item:  # only the list's length may be constrained, and masking keeps it
        return field.annotation == list[str] and all(
            type(rule).__name__ in ("MinLen", "MaxLen") for rule in field.metadata)
    return field.annotation in (str, str | None, typing.Optional[str]) and not field.metadata  # noqa: UP045


def _at(data: Any, place: TreePath) -> Any:
    for step in place:
        data = data[step]
    return data


def _put(model: Any, place: TreePath, text: str) -> None:
    """Set the string at place (a path of fields, keys and indexes) in the models."""
    *way, last = place
    for step in way:
        model = vars(model)[step] if hasattr(type(model), "model_fields") else model[step]
    if hasattr(type(model), "model_fields"):
        vars(model)[last] = text
    else:
        model[last] = text
