"""The README's spec reference names every key the model accepts."""

from __future__ import annotations

import pytest

from briefing.spec import BLOCK_MODELS, DatasetSpec, Spec

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", [*Spec.model_fields, *DatasetSpec.model_fields, *BLOCK_MODELS])
def test_every_spec_key_is_documented(key: str) -> None:
    assert f"`{key}`" in README
