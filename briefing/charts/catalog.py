"""The chart catalogue printed by `briefing charts`: kinds, their options and an example."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ..errors import Diagnostic, InputError, Location, did_you_mean, one_of
from .options import NumberFormat, _as_list
from .registry import CHARTS, ChartKind, FigureBase

ORDER = ("bar", "grouped_bar", "stacked_bar", "line", "donut", "timeline", "range", "rank",
         "waffle")


def describe_charts(kind: str | None = None) -> str:
    """Return the catalogue of every chart kind, or of one; an unknown kind is an InputError."""
    names = [n for n in ORDER if n in CHARTS] + sorted(set(CHARTS) - set(ORDER))
    if kind is not None and kind not in CHARTS:
        hint = did_you_mean(kind, names) or f"chart kinds: {one_of(names)}"
        raise InputError([Diagnostic(Location(Path("<command line>")), "charts",
                                     f"unknown chart kind {kind!r}", hint)])
    common = [name for name in FigureBase.model_fields if name != "chart"]
    parts = [_describe(CHARTS[name]) for name in ([kind] if kind else names)]
    parts.append("Every figure also takes: " + ", ".join(common) + "\n"
                 "(data, title and, for readers who cannot see the chart, alt).\n")
    return "\n".join(parts)


def _describe(kind: ChartKind) -> str:
    lines = [f"{kind.name}: {kind.summary}", "  options:"]
    fields = kind.options.model_fields
    formats = [name for name in NumberFormat.model_fields if name in fields]
    order = [n for n in fields if n not in formats and n not in FigureBase.model_fields]
    own = {name: fields[name] for name in [*order, *formats]}

    width = max(len(name) for name in own)
    for name, field in own.items():
        names = any(getattr(m, "func", None) is _as_list for m in field.metadata)
        kind_text = "name or list of names" if names else _type(field.annotation)
        lines.append(f"    {name:<{width}}  {kind_text}, {_default(field)}")
        lines.append(f"    {'':<{width}}  {field.description or ''}")
    example = {"figure": kind.example}
    text = yaml.safe_dump([example], sort_keys=False, allow_unicode=True, width=90)
    lines.append("  example:")
    lines += ["    " + line for line in text.rstrip().splitlines()]
    return "\n".join(lines) + "\n"


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        value: Any = field.default_factory()  # type: ignore[call-arg]
    else:
        value = field.default
    if value is PydanticUndefined:
        return "required"
    if value is None or value == []:
        return "default: none"
    text = yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()
    return f"default: {text}"


def _type(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        return "name or list of names" if typing.get_origin(base) is list else _type(base)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type(a) for a in args if a is not type(None)) + (
            " | none" if type(None) in args else "")
    if origin is list:
        return f"list of {_type(args[0])}"
    if isinstance(annotation, type) and issubclass(annotation, FigureBase.__mro__[1]):
        fields = ", ".join(annotation.model_fields)
        return f"{{{fields}}}"
    return {str: "text", int: "integer", float: "number", bool: "true | false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))
