"""The JSON Schema of the spec, generated from the model for editors' YAML extensions."""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .spec import Spec


def spec_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a brief spec."""
    schema = Spec.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://briefing.invalid/schema/spec-{__version__}.json",
        "title": "briefing spec",
        **schema,
    }


def schema_text() -> str:
    """Return the spec's JSON Schema as the text of a schema file."""
    return json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
