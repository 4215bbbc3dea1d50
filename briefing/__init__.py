"""briefing: compile a YAML spec of sections, text, data and figures into a policy-brief PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .compiler import BuildResult, build, compile_brief
    from .loader import Brief, load_spec

__all__ = ["Brief", "BuildResult", "__version__", "build", "compile_brief", "load_spec"]


def __getattr__(name: str) -> Any:
    if name in ("build", "compile_brief", "BuildResult"):
        from . import compiler as module
    elif name in ("load_spec", "Brief"):
        from . import loader as module
    else:
        raise AttributeError(name)
    return getattr(module, name)
