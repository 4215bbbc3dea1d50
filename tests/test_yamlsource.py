"""The YAML reader keeps 1-based line and column of every value and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.yamlsource import MAX_NODES, load_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_and_keys_keep_their_line_and_column(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "title: T\nsections:\n  - title: One\n    blocks:\n"
                                         "      - text: Hello\n"))
    assert document.data["sections"][0]["blocks"][0] == {"text": "Hello"}
    located = document.locate(("sections", 0, "blocks", 0, "text"))
    assert (located.line, located.column) == (5, 15)
    key = document.locate(("sections", 0, "title"), key=True)
    assert (key.line, key.column) == (3, 5)
    assert str(document.locate(("title",))) == f"{tmp_path / 'spec.yaml'}:1:8"


def test_a_missing_node_is_located_at_its_nearest_parent(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "a:\n  b: 1\n"))
    located = document.locate(("a", "c", 3))
    assert (located.line, located.column) == (2, 3)


def test_dates_stay_text_for_the_model_to_check(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "date: 2025-02-30\nok: 2025-05-15\n"))
    assert document.data == {"date": "2025-02-30", "ok": "2025-05-15"}


def test_merge_keys_are_supported_and_explicit_keys_win(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n"))
    assert document.data["use"] == {"x": 1, "y": 3}


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\nb: 4\n"))
    lines = [(d.location.line, d.message) for d in caught.value.diagnostics]
    assert lines == [(3, "duplicate key 'a' (first given on line 1)"),
                     (4, "duplicate key 'b' (first given on line 2)")]


def test_alias_expansion_is_bounded(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    with pytest.raises(InputError) as caught:
        load_yaml(write(tmp_path, "\n".join(levels) + "\n"))
    assert f"more than {MAX_NODES:,} values" in caught.value.diagnostics[0].message


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes("\ufefftitle: T\n".encode())
    assert load_yaml(path).data == {"title": "T"}
