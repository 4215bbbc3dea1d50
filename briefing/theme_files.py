"""Theme files: finding a theme by name or path, and merging it with what it extends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Diagnostic, InputError, Location, did_you_mean, one_of
from .resources import themes_dir
from .yamlsource import TreePath, YamlDocument, load_yaml


def names_a_file(name: str) -> bool:
    """Return whether a theme is given by its file's path rather than by a shipped name."""
    return name.endswith((".yaml", ".yml")) or "/" in name


def theme_path(name: str, relative_to: Path | None) -> Path:
    """Return the file of a theme given by name or by a path (relative to relative_to)."""
    if names_a_file(name):
        path = Path(name)
        return path if path.is_absolute() or relative_to is None else relative_to / path
    return themes_dir() / f"{name}.yaml"


def theme_names() -> list[str]:
    """Return the names of the shipped themes."""
    return sorted(p.stem for p in themes_dir().glob("*.yaml"))


def read_theme(name: str, relative_to: Path | None = None) -> MergedTheme:
    """Return the theme file named, merged over what it extends: what `Theme` validates,
    with its name; a file that cannot be read or merged is an InputError."""
    merged = _merged(theme_path(name, relative_to), seen=())
    merged.data = {**merged.data, "name": merged.data.get("name", name)}
    return merged


@dataclass
class MergedTheme(YamlDocument):
    """A theme file with the themes it extends merged under it.

    data is the merged data; locate() finds each node in the file that wrote it (the most
    derived one, as that is the value the merge keeps), so that a problem in a theme that
    is extended is reported in that theme's file.
    """

    layers: tuple[YamlDocument, ...] = ()
    """The theme files, the one given first, then what it extends, and so on."""

    def locate(self, tree_path: TreePath, *, key: bool = False) -> Location:
        """Return the location of the value (or key) at tree_path, or of its nearest parent."""
        probe = tuple(tree_path)
        while probe:
            for layer in self.layers:
                if probe in layer.value_marks:
                    return layer.locate(tree_path, key=key)
            probe = probe[:-1]
        return self.layers[0].locate((), key=key)  # _merged makes at least one layer


def _merged(path: Path, seen: tuple[Path, ...]) -> MergedTheme:
    document = load_yaml(path, "theme")
    if not isinstance(document.data, dict):
        raise InputError([Diagnostic(document.locate(()), "", "a theme must be a mapping", None)])
    parent = document.data.get("extends")
    if parent is None:
        return MergedTheme(document.path, document.data, layers=(document,))
    parent_path = theme_path(str(parent), path.parent)
    chain = (*seen, path.resolve())
    if parent_path.resolve() in chain:
        loop = " → ".join(p.name for p in (*chain, parent_path.resolve()))
        raise InputError([Diagnostic(document.locate(("extends",)), "extends",
                                     f"themes extend each other in a loop: {loop}",
                                     "make one of them extend a shipped theme instead")])
    if not parent_path.exists():
        raise InputError([Diagnostic(document.locate(("extends",)), "extends",
                                     *unknown_theme(str(parent), parent_path))])
    base = _merged(parent_path, chain)
    return MergedTheme(document.path, _deep_merge(base.data, document.data),
                       layers=(document, *base.layers))


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def unknown_theme(name: str, path: Path) -> tuple[str, str]:
    """Return the message and hint for a theme that names no file: a path, or a name."""
    if names_a_file(name):
        return (f"theme file {str(path)!r} not found",
                "check the path: it is relative to the spec or theme that names it "
                "(to the current folder for --theme)")
    return f"unknown theme {name!r}", theme_hint(name)


def theme_hint(name: str) -> str:
    """Return the hint for an unknown theme name: the closest shipped one, or all of them."""
    names = theme_names()
    return did_you_mean(name, names) or f"shipped themes: {one_of(names)}"
