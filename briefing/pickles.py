"""Reading back what a build pickled into the cache folder, and nothing else."""

from __future__ import annotations

import pickle
from collections.abc import Collection
from typing import IO, Any


class AllowListUnpickler(pickle.Unpickler):
    """An unpickler that makes only the globals `allowed` names: (module, name) pairs, or
    (module, None) for any class that module defines. Anything else, a name a listed module
    merely imports included, fails the load before an unlisted module is imported."""

    def __init__(self, file: IO[bytes], allowed: Collection[tuple[str, str | None]]) -> None:
        super().__init__(file)
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        named = (module, name) in self.allowed
        if named or (module, None) in self.allowed:
            found = super().find_class(module, name)
            if getattr(found, "__module__", None) == module and (named or isinstance(found, type)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not something briefing keeps")
