"""What briefing's spec and theme models are built from: pydantic, or plain stand-ins.

Pydantic validates every spec and theme it is given. A one-spec build whose spec differs
from its last build only in free text restores the models kept then (`kept_spec`) and
validates nothing: importing pydantic and building its validators would be a quarter of
that build. Such a build chooses `standins` before any model class is defined, and this
module then gives the model modules the stand-ins instead. Either way the classes,
their fields and their methods are the same, and instances pickle alike.
"""

from __future__ import annotations

from . import kept_spec

if kept_spec.standins_chosen():
    from .standins import (
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Discriminator,
        Field,
        Tag,
        WithJsonSchema,
        model_validator,
    )
else:
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
