"""The JSON Schema editors check the shipped specs against is there and current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.schema import schema_text

from .conftest import ROOT, SHIPPED_SPECS

SHIPPED_SCHEMA = ROOT / "templates" / "briefs" / "briefing.schema.json"


def test_the_shipped_schema_is_the_current_one() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "the spec model changed: run `briefing schema -o templates/briefs/briefing.schema.json`")


@pytest.mark.parametrize("spec", SHIPPED_SPECS, ids=lambda p: p.name)
def test_each_shipped_spec_names_a_schema_that_exists(spec: Path) -> None:
    first_line = spec.read_text(encoding="utf-8").splitlines()[0]
    named = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert named, f"{spec.name} does not name its schema on its first line"
    if spec.parent.name == "starter":  # `briefing new` writes the schema beside the copy
        return
    assert (spec.parent / named[1]).is_file()
