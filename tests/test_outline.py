"""Tests of the PDF outline's nesting: sections, then the headings in their text by depth."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from briefing.compiler import compile_brief
from briefing.resources import default_spec

DEFAULT = default_spec()

Tree = list[tuple[str, "Tree"]]


def _tree(items: list[Any]) -> Tree:
    """Return pypdf's outline (an entry, then a list of its children) as (title, children)."""
    tree: Tree = []
    for item in items:
        if isinstance(item, list):
            title, _ = tree[-1]
            tree[-1] = (title, _tree(item))
        else:
            tree.append((item.title, []))
    return tree


def _outline(spec: Path, tmp_path: Path) -> Tree:
    pdf = tmp_path / f"{spec.stem}.pdf"
    compile_brief(spec, pdf, cache_dir=tmp_path / "cache", jobs=1)
    return _tree(PdfReader(pdf).outline)


def _one_section(tmp_path: Path, text: str, *, toc: bool = False) -> Path:
    body = textwrap.indent(textwrap.dedent(text).strip(), " " * 10)
    spec = tmp_path / "brief.yaml"
    spec.write_text(f"title: T\ndate: 2025-01-01\ntoc: {str(toc).lower()}\n"
                    f"sections:\n  - title: S\n    blocks:\n      - text: |\n{body}\n")
    return spec


def _leaves(*titles: str) -> Tree:
    return [(title, []) for title in titles]


def test_headings_of_one_rank_are_siblings(tmp_path: Path) -> None:
    spec = _one_section(tmp_path, """
        ### One
        a
        ### Two
        b
        ### Three
        c
        """)
    assert _outline(spec, tmp_path) == [("1 S", _leaves("One", "Two", "Three"))]


def test_lower_ranks_nest_under_higher(tmp_path: Path) -> None:
    spec = _one_section(tmp_path, """
        ## Part
        a
        ### One
        b
        ### Two
        c
        """)
    assert _outline(spec, tmp_path) == [("1 S", [("Part", _leaves("One", "Two"))])]


def test_rank_jumps_nest_one_level_and_return(tmp_path: Path) -> None:
    spec = _one_section(tmp_path, """
        ### Early
        a
        ## Part
        b
        #### Deep
        c
        ##### Deeper
        d
        #### Deep again
        e
        ## Next
        f
        """, toc=True)
    assert _outline(spec, tmp_path) == [("1 S", [
        ("Early", []),
        ("Part", [("Deep", _leaves("Deeper")), ("Deep again", [])]),
        ("Next", [])])]


def test_default_brief_outline(tmp_path: Path) -> None:
    outline = dict(_outline(DEFAULT, tmp_path))
    assert outline["1 Context"] == _leaves("A political commitment on both sides",
                                           "Strong momentum, weak foundations")
    assert outline["2 Challenges"] == _leaves(
        "Digital infrastructure: slow, fragile, thinly spread",
        "R&D and semiconductor dependence", "The skills gap")
    assert outline["4 Outlook"] == _leaves("A national fibre network", "ICT exports",
                                           "The Digital Silk Road")
    assert outline["Sources"] == []
