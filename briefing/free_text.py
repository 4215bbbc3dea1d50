"""Free text: the strings of a spec that validation takes as they are written.

A string is free when pydantic would take any other string in its place as it is: the
value of a field typed `str` (or `str | None`), or an item of one typed `list[str]`, with no
constraint on it (only a list's length may be limited), in a model with no validators and
no string settings, reached from the spec through fields with no validators and no union
that could pick another model by what a string says. Two specs that differ only in free
strings validate to the same models but for those strings (see `kept_spec`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from .yamlsource import TreePath

_FREE = "\x00free text\x00"
"""What a free string reads as in a masked spec."""


class NotText(Exception):
    """A place that held free text holds something else now."""


def masked(data: Any, free: set[TreePath], place: TreePath = ()) -> Any:
    """Return data with the string at each place in free replaced by one marker (raises
    NotText if one of those places holds no string)."""
    if place in free:
        if type(data) is not str:
            raise NotText
        return _FREE
    if isinstance(data, dict):
        return {key: masked(value, free, (*place, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [masked(value, free, (*place, i)) for i, value in enumerate(data)]
    return data


def free_places(data: Any, model: Any, place: TreePath = ()) -> Iterator[TreePath]:
    """Yield the places in data (as YAML gave it) whose strings validated into model (a
    pydantic model, or a list or dict of them) as free text."""
    fields = getattr(type(model), "model_fields", None)
    if isinstance(fields, dict) and isinstance(data, dict):
        if _reads_its_strings(type(model)):
            return
        for key, item in data.items():
            field = fields.get(key)
            value = vars(model).get(key) if field is not None else None
            if field is None or value is None:
                continue
            if type(item) is str:
                if value == item and _takes_any_text(field):
                    yield (*place, key)
            elif isinstance(item, list) and item and value == item \
                    and all(type(text) is str for text in item) and _takes_any_texts(field):
                yield from ((*place, key, i) for i in range(len(item)))
            elif _passes_on(field):
                yield from free_places(item, value, (*place, key))
    elif isinstance(data, list) and isinstance(model, list) and len(data) == len(model):
        for i, (item, value) in enumerate(zip(data, model, strict=True)):
            yield from free_places(item, value, (*place, i))
    elif isinstance(data, dict) and isinstance(model, dict):
        for key, item in data.items():
            if key in model:
                yield from free_places(item, model[key], (*place, key))


def put(model: Any, place: TreePath, text: str) -> None:
    """Set the string at place (a path of fields, keys and indexes) in the models."""
    *way, last = place
    for step in way:
        model = vars(model)[step] if hasattr(type(model), "model_fields") else model[step]
    if hasattr(type(model), "model_fields"):
        vars(model)[last] = text
    else:
        model[last] = text


def at(data: Any, place: TreePath) -> Any:
    """Return what data holds at place."""
    for step in place:
        data = data[step]
    return data


def _reads_its_strings(model: type) -> bool:
    """Return whether model has validators (which may read any of its strings) or string
    settings (stripping, lengths, strictness)."""
    decorators = model.__pydantic_decorators__  # type: ignore[attr-defined]
    settings = model.model_config  # type: ignore[attr-defined]
    return bool(decorators.model_validators or decorators.field_validators
                or decorators.validators or decorators.root_validators
                or any(key.startswith(("str_", "strict")) for key in settings))


def _takes_any_text(field: Any) -> bool:
    return field.annotation in (str, str | None) and not field.metadata


def _takes_any_texts(field: Any) -> bool:
    return field.annotation == list[str] and _limits_length_only(field)


def _passes_on(field: Any) -> bool:
    """Return whether what a field holds is validated as it is written, by the models its
    type names (no validator, and a union only where a discriminator picks the model)."""
    return _limits_length_only(field) and (field.discriminator is not None
                                          or _plainly_typed(field.annotation))


def _limits_length_only(field: Any) -> bool:
    from annotated_types import MaxLen, MinLen

    return all(isinstance(rule, MinLen | MaxLen) for rule in field.metadata)


def _plainly_typed(annotation: Any) -> bool:
    """Return whether annotation holds no validator and no union of several models that
    no discriminator tells apart."""
    from pydantic import BaseModel, Discriminator

    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        head, *metadata = arguments
        if any(isinstance(item, Discriminator) for item in metadata):
            return True
        return all(getattr(item, "discriminator", None) is not None for item in metadata) \
            and _plainly_typed(head)
    if origin in (Union, types.UnionType):
        models = [a for a in arguments if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) > 1:
            return False
    return all(_plainly_typed(argument) for argument in arguments
               if argument is not type(None) and not isinstance(argument, typing.TypeVar))
