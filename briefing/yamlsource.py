"""YAML documents read with the file, line and column of every node."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Diagnostic, InputError, Location
from .quick_imports import patterns_compiled_quickly

with patterns_compiled_quickly():
    import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it: the same nodes and marks, several times faster."""

MAX_NODES = 100_000
"""Nodes a document may expand to once aliases are followed (alias bombs stop here)."""

TreePath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain Python data from a YAML file, with where each value and key came from."""

    path: Path
    data: Any
    value_marks: dict[TreePath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[TreePath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, tree_path: TreePath, *, key: bool = False) -> Location:
        """Return the location of the value (or key) at tree_path, or of its nearest parent."""
        marks = self.key_marks if key else self.value_marks
        if key and tree_path not in marks:
            marks = self.value_marks
        probe = tuple(tree_path)
        while probe:
            if probe in marks:
                line, column = marks[probe]
                return Location(self.path, line, column)
            probe = probe[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.path, line, column)


def read_text(path: Path, what: str = "file") -> str:
    """Return a file's text; a missing, binary or non-UTF-8 file is an InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _error(path, 1, 1, f"{what} not found", "check the path and its spelling") from None
    except IsADirectoryError:
        raise _error(path, 1, 1, f"{what} is a folder, not a file", None) from None
    except OSError as exc:
        raise _error(path, 1, 1, f"cannot read {what}: {exc.strerror}", None) from None
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        raise _error(path, line, column, f"{what} is binary, not text", "give a UTF-8 text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise _error(
            path, line, column, f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: Path, what: str = "spec") -> YamlDocument:
    """Return the YAML file at path as a YamlDocument; syntax errors are InputErrors."""
    text = read_text(path, what)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        first_key = "extends: policy" if what == "theme" else "title: ..."
        raise _error(path, 1, 1, f"the {what} is empty",
                     f"start with a mapping such as '{first_key}'")
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _syntax_message(exc)
        raise _error(path, line, column, f"YAML syntax: {message}",
                     _syntax_hint(exc, text)) from None
    except yaml.YAMLError as exc:
        raise _error(path, 1, 1, f"YAML syntax: {exc}", None) from None
    document = YamlDocument(path, None)
    builder = _Builder(document)
    document.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return document


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError:
        if LOADER is yaml.SafeLoader:
            raise
    # Pure-Python PyYAML words syntax errors better (it names tabs, for one).
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Builder:
    """Turns a composed node graph into plain data, recording marks and rejecting duplicates."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.constructor = yaml.SafeLoader("")
        self.count = 0
        self.problems: list[Diagnostic] = []

    def build(self, node: yaml.Node, tree_path: TreePath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            location = Location(self.document.path, node.start_mark.line + 1,
                                node.start_mark.column + 1)
            raise InputError([Diagnostic(
                location, "", f"the document expands to more than {MAX_NODES:,} values "
                "through aliases", "remove the nested '*alias' references (an alias bomb?)")])
        self.document.value_marks[tree_path] = (node.start_mark.line + 1,
                                                node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, tree_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*tree_path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value

    def _mapping(self, node: yaml.MappingNode, tree_path: TreePath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        pairs = list(node.value)
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in pairs:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [
                    value_node]
                for source in sources:
                    if isinstance(source, yaml.MappingNode):
                        merged.extend(source.value)
        explicit = [(k, v) for k, v in pairs if k.tag != "tag:yaml.org,2002:merge"]
        explicit_keys = {self._key(k) for k, _ in explicit}
        for key_node, value_node in merged:
            key = self._key(key_node)
            if key not in explicit_keys and key not in result:
                result[key] = self.build(value_node, (*tree_path, key))
        for key_node, value_node in explicit:
            key = self._key(key_node)
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result and (*tree_path, key) in self.document.key_marks:
                first = self.document.key_marks[(*tree_path, key)][0]
                self.problems.append(Diagnostic(
                    Location(self.document.path, *key_mark),
                    _where((*tree_path, key)),
                    f"duplicate key {key!r} (first given on line {first})",
                    "remove one of the two; YAML keeps only one"))
                continue
            self.document.key_marks[(*tree_path, key)] = key_mark
            result[key] = self.build(value_node, (*tree_path, key))
        return result

    def _key(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
            return value if isinstance(value, (str, int, float, bool)) else str(value)
        return str(node.value)


def _where(tree_path: TreePath) -> str:
    from .locations import format_tree_path

    return format_tree_path(tree_path)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "found character '\\t'" in problem or "\\t" in problem:
        return "a tab character; YAML indents with spaces only"
    if exc.context:
        return f"{problem} ({exc.context})"
    return problem


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    problem = (exc.problem or "") + (exc.context or "")
    if "\\t" in problem or "tab" in problem:
        return "replace the tab with spaces"
    if "quoted scalar" in problem:
        return "close the quote that starts here"
    if "mapping values are not allowed" in problem:
        return "check the indentation, or quote a value that contains ': '"
    if "expected <block end>" in problem or "indent" in problem:
        return "check the indentation of this line against the lines above it"
    return None


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _error(path: Path, line: int, column: int, message: str, hint: str | None) -> InputError:
    return InputError([Diagnostic(Location(path, line, column), "", message, hint)])
