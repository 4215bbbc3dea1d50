"""What briefing's spec and theme models are built from: pydantic, or plain stand-ins.

Pydantic validates every spec and theme it is given. A one-spec build whose spec differs
from its last build only in free text restores the models kept then (`kept_spec`) and
validates nothing: importing pydantic and building its validators would be a quarter of
that build. Such a build, if its process allows it (`allow_standins`), chooses the
stand-ins (`choose_standins`) before any model class is defined; this module then gives
the model modules `standins`' classes instead of pydantic's. Either way the classes,
their fields and their methods are the same, and instances pickle alike.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the names are, as type checkers see them
    from pydantic import (
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Discriminator,
        Field,
        Tag,
        WithJsonSchema,
        model_validator,
    )

__all__ = ["BaseModel", "BeforeValidator", "ConfigDict", "Discriminator", "Field", "Tag",
           "WithJsonSchema", "model_validator"]

_origin: ModuleType | None = None
"""Where the names above come from: pydantic or `standins`, chosen when first needed."""
_standins_allowed = False


def allow_standins() -> None:
    """Let this process define its model classes on stand-ins if it restores a spec: it
    is a program that builds one spec and then exits, so it validates nothing else."""
    global _standins_allowed
    _standins_allowed = True


def standins_possible() -> bool:
    """Return whether `choose_standins` would choose them: this process allows it and has
    defined no model class yet."""
    return _origin is None and _standins_allowed


def choose_standins() -> bool:
    """Have the model classes defined on stand-ins, if possible; return whether they are."""
    global _origin
    if standins_possible():
        from . import standins

        _origin = standins
    return standins_chosen()


def standins_chosen() -> bool:
    """Return whether the model classes are (to be) defined on stand-ins."""
    return _origin is not None and _origin.__name__ == "briefing.standins"


def forget_choice() -> None:
    """Choose again when next asked (the model modules defined so far were forgotten)."""
    global _origin
    _origin = None


def __getattr__(name: str) -> Any:
    global _origin
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _origin is None:
        import pydantic

        _origin = pydantic
    return getattr(_origin, name)
