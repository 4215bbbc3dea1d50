"""Layout: a brief and its charts become a Platypus story and the page templates it fills."""

from __future__ import annotations

from .story import Story, build_story

__all__ = ["Story", "build_story"]
