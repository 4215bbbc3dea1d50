"""The README's spec reference names every key the model accepts."""

from __future__ import annotations

import pytest

from briefing.spec import BLOCK_MODELS, DatasetSpec, Spec

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", [*Spec.model_fields, *DatasetSpec.model_fields, *BLOCK_MODELS])
def test_every_spec_key_is_documented(key: str) -> None:
    assert f"`{key}`" in README


def test_every_chart_kind_is_documented() -> None:
    from briefing.charts import CHARTS

    for kind in CHARTS.values():
        assert f"| `{kind.name}` |" in README
        for option in kind.options.model_fields:
            assert f"`{option}" in README, f"{kind.name}.{option}"
