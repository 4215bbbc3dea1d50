"""Plain stand-ins for the parts of pydantic briefing's models are built from.

A build that restores the models its spec's last build validated (see `models` and
`kept_spec`) defines its model classes with these: the same fields, methods and
properties, but no validators to build, and no pydantic to import. Instances are only ever
unpickled, or made by briefing's own code from valid values, and they pickle as pydantic's
models do, so a chart worker
may read them with either kind of class. Of pydantic's model API they offer what the
stages after loading use: `model_fields`, `model_copy` and `model_dump`.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
import typing
from typing import Any, ClassVar

_MISSING = object()


class _Declared:
    """What `Field(...)` gives in a class body: the field's default."""

    def __init__(self, default: Any = _MISSING, *, default_factory: Any = None,
                 **_constraints: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def Field(default: Any = _MISSING, **options: Any) -> Any:  # noqa: N802 - pydantic's name
    """Return the declaration of a field (its constraints apply only when validating)."""
    return _Declared(default, **options)


def ConfigDict(**options: Any) -> dict[str, Any]:  # noqa: N802 - pydantic's name
    """Return a model's configuration, as pydantic's `ConfigDict` does."""
    return options


def model_validator(*, mode: str) -> Any:
    """Return a decorator that leaves the validator as it is (it runs only when validating)."""
    return lambda method: method


class _Marker:
    """An annotation's metadata for validation and the JSON Schema: kept, never used."""

    def __init__(self, *arguments: Any, **options: Any) -> None:
        self.arguments, self.options = arguments, options


class Discriminator(_Marker):
    """Stands in for `pydantic.Discriminator`."""


class Tag(_Marker):
    """Stands in for `pydantic.Tag`."""


class BeforeValidator(_Marker):
    """Stands in for `pydantic.BeforeValidator`."""


class WithJsonSchema(_Marker):
    """Stands in for `pydantic.WithJsonSchema`."""


class FieldInfo:
    """A field of a stand-in model: its annotation, evaluated when first asked for."""

    def __init__(self, written: Any, module: str, declared: Any) -> None:
        self._written, self._module = written, module
        declared = declared if isinstance(declared, _Declared) else _Declared(declared)
        self.default, self.default_factory = declared.default, declared.default_factory

    def made_default(self, name: str) -> Any:
        """Return the field's default, a copy of it for each model if it can change."""
        if self.default_factory is not None:
            return self.default_factory()
        if self.default is _MISSING:
            raise TypeError(f"field {name!r} is required")
        return copy.deepcopy(self.default) if isinstance(self.default, list | dict | set) \
            else self.default

    @property
    def annotation(self) -> Any:
        if not isinstance(self._written, str):
            return self._written
        return eval(self._written, vars(sys.modules[self._module]))  # noqa: S307 - our source


class BaseModel:
    """Stands in for `pydantic.BaseModel` in a restored build."""

    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__",
                 "__pydantic_private__")
    model_config: ClassVar[dict[str, Any]] = {}
    model_fields: ClassVar[dict[str, FieldInfo]] = {}

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        fields: dict[str, FieldInfo] = {}
        for base in reversed(cls.__mro__[1:]):  # pydantic's order: the farthest base's first
            fields.update(vars(base).get("model_fields", {}))
        for name, written in vars(cls).get("__annotations__", {}).items():
            if not name.startswith("_") and not _class_variable(written):
                fields[name] = FieldInfo(written, cls.__module__, vars(cls).get(name, _MISSING))
                if isinstance(vars(cls).get(name), _Declared):
                    delattr(cls, name)  # as pydantic: a field is read from the instance
        cls.model_fields = fields
        if cls.model_config.get("frozen"):
            cls.__hash__ = _hash_of_values  # type: ignore[method-assign, assignment]

    def __init__(self, **values: Any) -> None:
        """Make a model of values as given and the defaults of the other fields. Nothing is
        validated: a restored build makes models only in briefing's own code."""
        unknown = set(values) - set(self.model_fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        fields = {name: values[name] if name in values else field.made_default(name)
                  for name, field in self.model_fields.items()}
        self.__setstate__({"__dict__": fields, "__pydantic_fields_set__": set(values)})

    def __getstate__(self) -> dict[str, Any]:
        return {"__dict__": self.__dict__, "__pydantic_extra__": None,
                "__pydantic_fields_set__": self.__pydantic_fields_set__,
                "__pydantic_private__": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "__pydantic_fields_set__",
                           set(state.get("__pydantic_fields_set__") or ()))
        object.__setattr__(self, "__pydantic_extra__", None)
        object.__setattr__(self, "__pydantic_private__", None)
        object.__setattr__(self, "__dict__", dict(state.get("__dict__") or {}))

    def __copy__(self) -> BaseModel:
        twin = type(self).__new__(type(self))
        twin.__setstate__(self.__getstate__())
        return twin

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # as pydantic's: hashable only if frozen

    def __setattr__(self, name: str, value: Any) -> None:
        if self.model_config.get("frozen"):
            raise TypeError(f"{type(self).__name__} is frozen")
        object.__setattr__(self, name, value)
        self.__pydantic_fields_set__.add(name)

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({values})"

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False
                   ) -> BaseModel:
        """Return a copy with update's fields replaced (not validated, as in pydantic)."""
        twin = copy.deepcopy(self) if deep else copy.copy(self)
        twin.__dict__.update(update or {})
        twin.__pydantic_fields_set__.update(update or {})
        return twin

    def model_dump(self, *, mode: str = "python", exclude: set[str] | None = None
                   ) -> dict[str, Any]:
        """Return the fields as plain data, as pydantic's `model_dump` does."""
        return dumped(self, mode, exclude)


def _hash_of_values(model: BaseModel) -> int:
    return hash(tuple(vars(model).values()))


def _class_variable(written: Any) -> bool:
    if isinstance(written, str):
        return written.startswith(("ClassVar", "typing.ClassVar"))
    return typing.get_origin(written) is ClassVar


def dumped(value: Any, mode: str = "python", exclude: set[str] | None = None) -> Any:
    """Return value with every model in it as a dict of its fields, as pydantic's
    `model_dump(mode=mode, exclude=exclude)` does for briefing's models (exclude applies to
    value's own fields). It works on pydantic's models too, which tests compare it with."""
    if isinstance(getattr(type(value), "model_fields", None), dict):
        return {name: dumped(item, mode) for name, item in vars(value).items()
                if not exclude or name not in exclude}
    if isinstance(value, list | tuple | set | frozenset):
        items = [dumped(item, mode) for item in value]
        return items if mode == "json" or isinstance(value, list) else type(value)(items)
    if isinstance(value, dict):
        return {key: dumped(item, mode) for key, item in value.items()}
    if mode == "json" and isinstance(value, dt.date | dt.time):
        text = value.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
    return value
