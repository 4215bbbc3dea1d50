"""Turning validation failures into located diagnostics with hints."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Diagnostic, all_of, did_you_mean, one_of
from .locations import data_path, format_tree_path
from .spec import LANGUAGE_PATTERN
from .theme import COLOR_PATTERN
from .yamlsource import TreePath, YamlDocument

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "date_type": "expected a date (YYYY-MM-DD)",
    "date_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "expected a real date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "expected a date without a time",
}

_BOUNDS = {
    "too_long": "expected at most {max_length} {items}; got {actual_length}",
    "too_short": "expected at least {min_length} {items}; got {actual_length}",
    "string_too_long": "expected at most {max_length} characters; got {got}",
    "string_too_short": "expected at least {min_length} characters; got {got}",
    "less_than_equal": "expected at most {le}; got {got}",
    "less_than": "expected less than {lt}; got {got}",
    "greater_than_equal": "expected at least {ge}; got {got}",
    "greater_than": "expected more than {gt}; got {got}",
}
"""Messages for values out of a bound, filled in from the error's context."""

_PATTERNS = {LANGUAGE_PATTERN: "a language tag such as 'en' or 'en-GB'",
             COLOR_PATTERN: "a colour as #RRGGBB, e.g. '#0b4f8a'"}
"""What each pattern a spec key must match stands for, in words."""

_HINTS = {
    "too_long": "remove some items",
    "string_too_long": "shorten it",
    "less_than_equal": "use a smaller value",
    "less_than": "use a smaller value",
    "greater_than_equal": "use a larger value",
    "greater_than": "use a larger value",
    "list_type": "start each item on its own line with '- '",
    "string_type": "put the value in quotes",
    "bool_parsing": "write true or false",
    "date_from_datetime_parsing": "check the month and the day of the month",
    "date_parsing": "write the date as YYYY-MM-DD, e.g. 2025-05-15",
}


def _looks_like_a_date(value: Any) -> bool:
    """Return whether value has the shape of a date (so only its month or day is wrong)."""
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value) is not None


def describe(value: Any) -> str:
    """Return a short description of a received value, quoted with repr."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return repr(value).lower()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def model_diagnostics(model: type[BaseModel], exc: ValidationError,
                      document: YamlDocument) -> list[Diagnostic]:
    """Return every problem of document.data as model, which it failed to validate with
    exc: unknown keys first (with hints), then exc's other errors.

    pydantic_diagnostics leaves unknown keys (extra_forbidden) to the unknown-key walker, so
    the two always run together. Every model forbids unknown keys (a test checks it), so a
    document that validates has none and is not walked.
    """
    structure, opaque = unknown_key_diagnostics(model, document)
    return structure + pydantic_diagnostics(exc, document, skip=tuple(opaque),
                                            skipped_hints=structure)


def pydantic_diagnostics(exc: ValidationError, document: YamlDocument,
                         skip: tuple[TreePath, ...],
                         skipped_hints: list[Diagnostic]) -> list[Diagnostic]:
    """Return one diagnostic per validation error, located in document.

    A missing key that an unknown key in the same mapping was a misspelling of
    (skipped_hints) is not reported twice.
    """
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[TreePath, str]] = set()
    misspelt = {(d.where, d.hint) for d in skipped_hints}
    for error in exc.errors():
        if error["type"] in ("extra_forbidden", "union_tag_not_found", "union_tag_invalid"):
            continue  # reported with hints by unknown_key_diagnostics
        tree_path = data_path(document.data, tuple(error["loc"]))
        if error["type"] == "missing" and _misspelt(tree_path, misspelt):
            continue
        if any(tree_path[: len(s)] == s for s in skip):
            continue
        if (tree_path, error["type"]) in seen:
            continue
        seen.add((tree_path, error["type"]))
        diagnostics.append(_diagnostic(error, tree_path, document))
    return diagnostics


def _misspelt(tree_path: TreePath, misspelt: set[tuple[str, str | None]]) -> bool:
    parent = format_tree_path(tree_path[:-1])
    hint = f"did you mean {tree_path[-1]!r}?"
    return any(h == hint and re.sub(r"(^|\.)[^.\[\]]+$", "", where) == parent
               for where, h in misspelt)


def _diagnostic(error: dict[str, Any], tree_path: TreePath, document: YamlDocument
                ) -> Diagnostic:
    kind = error["type"]
    if kind == "date_from_datetime_parsing" and not _looks_like_a_date(error.get("input")):
        kind = "date_parsing"  # not a wrong day of a real month: not a date at all
    where = format_tree_path(tree_path)
    if kind == "missing":
        key = tree_path[-1]
        return Diagnostic(document.locate(tree_path[:-1]), where,
                          f"missing required key {key!r}", f"add '{key}: ...' here")
    received = describe(error.get("input"))
    if kind in _EXPECTED:
        message = f"{_EXPECTED[kind]}; got {received}"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"expected {expected}; got {received}"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    elif kind in _BOUNDS:
        bounds = {k: int(v) if isinstance(v, float) and v.is_integer() else v
                  for k, v in error.get("ctx", {}).items()}
        limit = bounds.get("max_length", bounds.get("min_length"))
        message = _BOUNDS[kind].format(**bounds, got=received,
                                       items="item" if limit == 1 else "items")
    elif kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        message = f"expected {_PATTERNS.get(pattern, f'text matching {pattern}')}; got {received}"
    else:
        message = f"{error['msg'][:1].lower()}{error['msg'][1:]}; got {received}"
    hint = _HINTS.get(kind)
    if kind == "literal_error" and isinstance(error.get("input"), str):
        choices = [c.strip(" '") for c in error["ctx"]["expected"].replace(" or ", ",").split(",")]
        hint = did_you_mean(error["input"], choices) or hint
    return Diagnostic(document.locate(tree_path), where, message, hint)


def unknown_key_diagnostics(model: Any, document: YamlDocument) -> tuple[list[Diagnostic],
                                                                         list[TreePath]]:
    """Return diagnostics for unknown keys, unknown block kinds and unknown chart kinds.

    Also returns the paths whose content could not be matched to a model, so that the
    validator's own (less helpful) errors below them can be left out.
    """
    walker = _KeyWalker(document)
    walker.walk(model, document.data, ())
    return walker.diagnostics, walker.opaque


class _KeyWalker:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.diagnostics: list[Diagnostic] = []
        self.opaque: list[TreePath] = []

    def walk(self, annotation: Any, value: Any, tree_path: TreePath) -> None:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            self._union(annotation, value, tree_path)
        elif origin is list and isinstance(value, list):
            (item,) = get_args(annotation) or (Any,)
            for index, element in enumerate(value):
                self.walk(item, element, (*tree_path, index))
        elif origin is dict and isinstance(value, dict):
            _, item = get_args(annotation) or (Any, Any)
            for key, element in value.items():
                self.walk(item, element, (*tree_path, key))
        elif _is_model(annotation) and isinstance(value, dict):
            self._model(annotation, value, tree_path)

    def _model(self, model: type[BaseModel], value: dict[str, Any], tree_path: TreePath) -> None:
        fields = model.model_fields
        for key, element in value.items():
            if key in fields:
                self.walk(fields[key].annotation, element, (*tree_path, key))
                continue
            where = format_tree_path((*tree_path, key))
            allowed = sorted(fields)
            self.diagnostics.append(Diagnostic(
                self.document.locate((*tree_path, key), key=True), where,
                f"unknown key {key!r}",
                did_you_mean(str(key), allowed) or f"allowed keys: {one_of(allowed)}"))

    def _union(self, annotation: Any, value: Any, tree_path: TreePath) -> None:
        members = [_unwrap(m) for m in get_args(annotation)]
        models = [m for m in members if _is_model(m)]
        if not models:
            for member in members:
                if get_origin(member) in (list, dict):
                    self.walk(member, value, tree_path)
            return
        if not isinstance(value, dict):
            return
        blocks = _block_members(models)
        if blocks:
            self._block(blocks, value, tree_path)
            return
        charts = _chart_members(models)
        if charts:
            self._figure(charts, value, tree_path)
            return
        self.walk(models[0], value, tree_path)

    def _block(self, blocks: dict[str, type[BaseModel]], value: dict[str, Any],
               tree_path: TreePath) -> None:
        kinds = list(blocks)
        if len(value) == 1:
            (key,) = value
            if key in blocks:
                self._model(blocks[key], value, tree_path)
                return
            self.opaque.append(tree_path)
            self.diagnostics.append(Diagnostic(
                self.document.locate((*tree_path, key), key=True), format_tree_path(tree_path),
                f"unknown block kind {key!r}",
                did_you_mean(str(key), kinds) or f"block kinds: {one_of(kinds)}"))
            return
        self.opaque.append(tree_path)
        if not value:
            message, hint = "empty block", f"give one of {one_of(kinds)}"
        else:
            known = [k for k in value if k in blocks]
            if len(known) >= 2:
                message = f"a block has one kind; this one has {all_of(list(map(repr, known)))}"
                hint = "split it into separate blocks, each starting with '- '"
            else:
                message = f"a block has one key naming its kind; got {one_of(list(value))}"
                hint = ("indent the options under the kind, e.g. '- figure:' then its keys"
                        if known else f"block kinds: {one_of(kinds)}")
        self.diagnostics.append(Diagnostic(self.document.locate(tree_path),
                                           format_tree_path(tree_path), message, hint))

    def _figure(self, charts: dict[str, type[BaseModel]], value: dict[str, Any],
                tree_path: TreePath) -> None:
        kinds = list(charts)
        chart = value.get("chart")
        if chart in charts:
            self._model(charts[chart], value, tree_path)
            return
        self.opaque.append(tree_path)
        if "chart" not in value:
            self.diagnostics.append(Diagnostic(
                self.document.locate(tree_path), format_tree_path(tree_path),
                "missing required key 'chart'", f"add 'chart:' with one of {one_of(kinds)}"))
            return
        self.diagnostics.append(Diagnostic(
            self.document.locate((*tree_path, "chart")), format_tree_path((*tree_path, "chart")),
            f"expected one of {one_of(kinds)}; got {describe(chart)}",
            did_you_mean(str(chart), kinds) or "run 'briefing charts' to see the chart kinds"))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _block_members(models: list[type[BaseModel]]) -> dict[str, type[BaseModel]]:
    if all(len(m.model_fields) == 1 for m in models) and len(models) > 2:
        return {next(iter(m.model_fields)): m for m in models}
    return {}


def _chart_members(models: list[type[BaseModel]]) -> dict[str, type[BaseModel]]:
    result = {}
    for model in models:
        field = model.model_fields.get("chart")
        if field is None:
            return {}
        (name,) = get_args(field.annotation) or (None,)
        result[name] = model
    return result
