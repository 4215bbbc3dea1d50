"""The spec and theme models a brief's last build validated, kept in the cache folder.

An editor's rebuild most often follows an edit of text: a paragraph, a title, a caption.
Validating the spec again would give the same models but for those strings, yet it is a
quarter of the rebuild: importing pydantic and building its validators. So a build keeps
the models it validated, with the places of the spec that hold free text (`free_text`).
A one-spec build run as a program (see `models.allow_standins`) restores them if its spec
differs from the kept one only in those strings and its theme is the same, puts the new
strings in, and defines its model classes on stand-ins: it does not import pydantic at
all. The checks that follow validation (datasets, columns, ids, charts) run as always.
Other builds validate: once pydantic's models are built, that is as quick as unpickling.

The kept file is ignored when briefing's model code, pydantic or this Python differ from
when it was written, when it is damaged, and for any other spec. Unpickling it makes only
the classes of briefing's model modules and of `datetime`: any other class in it makes the
file ignored, so a planted file cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import free_text, models
from .code_digests import package_version, sources

if TYPE_CHECKING:
    from .spec import Spec
    from .theme import Theme

SPEC_MAGIC = b"briefing-spec 1\n"
"""How a kept spec file begins (the cache's sweep knows its files by it)."""

_MODEL_MODULES = ("spec", "theme", "fonts", "models", "standins", "free_text", "kept_spec")
"""Briefing's modules (besides the chart kinds) whose code decides what validation gives."""

ALLOWED = frozenset((module, None) for module in (
    "briefing.spec", "briefing.theme", "briefing.charts.registry", "briefing.charts.options",
    "briefing.charts.bar", "briefing.charts.donut", "briefing.charts.line",
    "briefing.charts.multibar", "briefing.charts.range", "briefing.charts.rank",
    "briefing.charts.timeline", "briefing.charts.waffle", "datetime"))
"""The modules whose classes a kept file may hold (a test checks it names every module
that defines a model)."""


def restore(path: Path, data: dict[str, Any], theme_data: dict[str, Any]
            ) -> tuple[Spec, Theme] | None:
    """Return the spec and theme models kept at path, with the free text of data put in, if
    validating data and theme_data would give them and this process may define its model
    classes on stand-ins (see `models.allow_standins`); else None."""
    if not models.standins_possible():
        return None  # models built on pydantic: validating is as quick as unpickling them
    entry = _read(path)
    if entry is None:
        return None
    free = set(entry["free"])
    try:
        if _digest(free_text.masked(data, free)) != entry["spec"] \
                or _digest(theme_data) != entry["theme"]:
            return None
    except free_text.NotText:
        return None
    modules = set(sys.modules)
    models.choose_standins()
    try:
        from .pickles import AllowListUnpickler
        from .spec import Spec
        from .theme import Theme

        spec, theme = AllowListUnpickler(io.BytesIO(entry["models"]), ALLOWED).load()
        if not isinstance(spec, Spec) or not isinstance(theme, Theme):
            raise pickle.UnpicklingError("not a spec and its theme")
        for place in free:
            free_text.put(spec, place, free_text.at(data, place))
    except Exception:  # noqa: BLE001 - a kept file is only ever an optimisation
        for name in set(sys.modules) - modules:  # defined again, on pydantic, to validate
            if name.startswith("briefing."):
                del sys.modules[name]
        models.forget_choice()
        return None
    return spec, theme


def keep(path: Path, data: dict[str, Any], theme_data: dict[str, Any], spec: Spec,
         theme: Theme) -> None:
    """Keep spec and theme, validated from data and theme_data, at path (skipped when the
    file holds them already, but for free text, or cannot be written)."""
    from .write import write_atomic

    free = list(free_text.free_places(data, spec))
    entry = {"version": _version(), "free": free,
             "spec": _digest(free_text.masked(data, set(free))), "theme": _digest(theme_data)}
    kept = _read(path)
    if kept is not None and all(kept[key] == value for key, value in entry.items()):
        return  # (a watcher's save of text, or a build that could not use stand-ins)
    try:
        pickled = pickle.dumps((spec, theme), protocol=5)
        entry.update(models=pickled, check=hashlib.sha256(pickled).hexdigest())
        write_atomic(path, SPEC_MAGIC + marshal.dumps(entry))
    except (OSError, pickle.PicklingError, TypeError, ValueError):
        return


def _read(path: Path) -> dict[str, Any] | None:
    """Return the entry kept at path, if it is whole and for this code."""
    try:
        blob = path.read_bytes()
        if not blob.startswith(SPEC_MAGIC):
            return None
        entry = marshal.loads(memoryview(blob)[len(SPEC_MAGIC):])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(entry) is not dict or entry.get("version") != _version() \
            or not all(type(entry.get(key)) is str for key in ("spec", "theme", "check")) \
            or type(entry.get("models")) is not bytes \
            or hashlib.sha256(entry["models"]).hexdigest() != entry["check"] \
            or type(entry.get("free")) is not list \
            or not all(type(place) is tuple and all(type(step) in (str, int) for step in place)
                       for place in entry["free"]):
        return None
    return entry


@cache
def _version() -> str:
    """Return what decides how a spec validates, hashed: Python, pydantic and the code of
    briefing's models."""
    parts = (sys.version, package_version("pydantic", "version.py"),
             *map(sources, _MODEL_MODULES), sources("charts"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _digest(data: Any) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()
