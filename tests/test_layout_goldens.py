"""Golden summaries (page count, outline, text per page) of the specs in tests/specs/valid/.

Regenerate on purpose with BRIEFING_UPDATE_GOLDENS=1; never silently.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefing.compiler import compile_brief

VALID = Path(__file__).parent / "specs" / "valid"
SPECS = sorted(VALID.glob("*.yaml"))
SIMILARITY = 0.9
"""Least similarity of a page's text to its golden text (difflib ratio)."""


def _summary(pdf_path: Path) -> dict[str, Any]:
    pdf = PdfReader(pdf_path)

    def titles(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    return {"pages": len(pdf.pages), "outline": titles(pdf.outline),
            "text": [re.sub(r"\s+", " ", page.extract_text()).strip() for page in pdf.pages]}


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_golden_summary(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    summary = _summary(compile_brief(spec, tmp_path / f"{spec.stem}.pdf").pdf)
    golden = spec.with_suffix(".golden.json")
    if os.environ.get("BRIEFING_UPDATE_GOLDENS") == "1":
        golden.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    if not golden.exists():
        pytest.fail(f"no golden for {spec.name}; run with BRIEFING_UPDATE_GOLDENS=1")
    expected = json.loads(golden.read_text())
    assert abs(summary["pages"] - expected["pages"]) <= 1, "page count moved by more than one"
    assert summary["outline"] == expected["outline"]
    if summary["pages"] == expected["pages"]:
        for number, (got, want) in enumerate(zip(summary["text"], expected["text"],
                                                 strict=True), start=1):
            ratio = difflib.SequenceMatcher(None, got, want, autojunk=False).ratio()
            assert ratio >= SIMILARITY, f"page {number} text changed ({ratio:.2f} similar)"
    else:
        got, want = " ".join(summary["text"]), " ".join(expected["text"])
        ratio = difflib.SequenceMatcher(None, got, want, autojunk=False).ratio()
        assert ratio >= SIMILARITY, f"text changed ({ratio:.2f} similar)"
