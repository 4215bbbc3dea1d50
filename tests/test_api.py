"""The Python API DESIGN.md promises developers: `briefing.build`, `briefing.load_spec`."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from .conftest import MINIMAL, ROOT, printed_by_new_python


def test_build_and_load_spec_work_in_a_fresh_process(tmp_path: Path) -> None:
    spec = tmp_path / "brief.yaml"
    spec.write_text(MINIMAL)
    out = tmp_path / "out"
    # a fresh process, so nothing else has imported briefing's modules first: until stop 12
    # the function `build` shared its name with the module holding it, and `briefing.build`
    # recursed until Python gave up
    code = ("import briefing\n"
            f"brief = briefing.load_spec({str(spec)!r})\n"
            "print(type(brief).__name__, brief.spec.title)\n"
            f"print(briefing.build({str(spec)!r}, __import__('pathlib').Path({str(out)!r})))\n"
            "print(callable(briefing.build), briefing.BuildResult.__name__)\n")
    lines = printed_by_new_python(code, BRIEFING_CACHE_DIR=str(tmp_path / "cache"),
                                  BRIEFING_JOBS="1")
    assert lines[0] == "Brief A minimal brief"
    assert Path(lines[1]) == out / "brief.pdf"
    assert "Hello, reader." in PdfReader(lines[1]).pages[0].extract_text()
    assert lines[2] == "True BuildResult"


def test_from_briefing_import_build_is_the_function(tmp_path: Path) -> None:
    lines = printed_by_new_python("from briefing import build, compile_brief, load_spec\n"
                                  "print(build.__name__, compile_brief.__name__, "
                                  "load_spec.__name__)")
    assert lines == ["build compile_brief load_spec"]


def test_the_readme_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python\n", 1)[1].split("```", 1)[0]
    for folder in ("templates", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    printed_by_new_python(f"import os\nos.chdir({str(tmp_path)!r})\n{example}"
                          "print(result.pages, pdf)",
                          BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
    assert PdfReader(tmp_path / "out" / "china-pakistan-ict.pdf").pages
