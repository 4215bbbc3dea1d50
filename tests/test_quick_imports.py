"""Third-party imports made cheaper: rewritten patterns match exactly what they matched,
and deferred modules load when used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from briefing.quick_imports import _SHORTER_RANGES, cheaper_pattern

from .conftest import printed_by_new_python

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("tail", ["", "0-9", "-", "0-9-"])
def test_each_rewritten_class_matches_the_same_characters(tail: str) -> None:
    folded = f"[a-z\xa1-\uffff{tail}]"
    rewritten = cheaper_pattern(folded, re.IGNORECASE)
    assert rewritten != folded
    assert (re.findall(rewritten, EVERY_CHARACTER, re.IGNORECASE)
            == re.findall(folded, EVERY_CHARACTER, re.IGNORECASE))


def test_classes_with_letters_after_the_range_are_left_alone() -> None:
    assert cheaper_pattern("[a-z\xa1-\uffff_A-F]", re.I) == "[a-z\xa1-\uffff_A-F]"


def test_folded_ranges_are_left_alone_when_case_matters() -> None:
    assert cheaper_pattern("[a-z\xa1-\uffff]", 0) == "[a-z\xa1-\uffff]"


@pytest.mark.parametrize("slow", list(_SHORTER_RANGES))
def test_each_rewritten_pattern_matches_the_same_characters(slow: str) -> None:
    fast = cheaper_pattern(slow, 0)
    assert fast != slow
    assert re.findall(fast, EVERY_CHARACTER) == re.findall(slow, EVERY_CHARACTER)


def _reportlab_url_pattern() -> str:
    from reportlab.platypus import paragraph

    tree = ast.parse(Path(paragraph.__file__).read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "uri_pat"):
            return node.value.args[0].value  # type: ignore[attr-defined]
    raise AssertionError("reportlab.platypus.paragraph no longer defines uri_pat")


@pytest.mark.parametrize("text", [
    "https://www.example.org/path/to/page?x=1#top", "HTTPS://EXAMPLE.ORG/A/B",
    "http://192.168.0.1:8080/x", "ftp://[2001:db8::1]/file", "localhost:8000/admin",
    "LOCALHOST/x", "http://xn--bcher-kva.example/b", "http://bücher.example/straße",
    "http://пример.рф/путь", "http://-bad-.example/", "www.moitt.gov.pk/report.pdf",
    "digital", "Pakistan's", "fibre-to-the-site", "10–20", "e.g.", "a.b", "\u212a.example",
    "http://exa\U0001d400mple.org/", "user:pass@host.example/p",
])
def test_the_rewritten_url_pattern_matches_as_reportlab_wrote_it(text: str) -> None:
    original = re.compile(_reportlab_url_pattern(), re.IGNORECASE)
    rewritten = re.compile(cheaper_pattern(original.pattern, re.I), re.IGNORECASE)
    assert rewritten.pattern != original.pattern
    found, expected = rewritten.match(text), original.match(text)
    assert (found and found.groups()) == (expected and expected.groups())


def test_a_build_imports_reportlab_and_yaml_with_the_rewritten_patterns() -> None:
    code = ("import re; from briefing.compiler import warm_up; warm_up()\n"
            "import briefing.loader, yaml.reader\n"
            "from reportlab.lib import textsplit\n"
            "from reportlab.platypus import paragraph\n"
            "print('\\xa1-\\uffff' in paragraph.uri_pat.pattern)\n"
            "print(paragraph._uri_split_pairs('https://example.org/a/b')[0])\n"
            "print(yaml.reader.Reader.NON_PRINTABLE.pattern.startswith('[\\x00'))\n"
            "print(textsplit.rx.pattern.startswith('([^'))\n"
            "print(re.compile is re._compile or re.compile.__module__)")
    assert printed_by_new_python(code) == ["False", "('https://example.org/a/', 'b')", "True",
                                           "True", "re"]


def test_pillow_loads_only_when_reportlab_reads_an_image(tmp_path: Path) -> None:
    picture = tmp_path / "dot.png"
    code = ("import sys; from briefing.compiler import warm_up; warm_up()\n"
            "print('PIL.ExifTags' in sys.modules)\n"
            "from PIL import Image\n"
            f"Image.new('RGB', (3, 2), 'red').save({str(picture)!r})\n"
            "from reportlab.lib.utils import ImageReader\n"
            f"print('PIL.ExifTags' in sys.modules, ImageReader({str(picture)!r}).getSize())\n")
    assert printed_by_new_python(code) == ["False", "True (3, 2)"]


PLUGINS = ("import os, sys\n"
           "from briefing.quick_imports import pydantic_without_plugins\n"
           "pydantic_without_plugins()\n"
           "import briefing.spec\n"
           "from pydantic.plugin._loader import get_plugins\n"
           "print(list(get_plugins()), 'importlib.metadata' in sys.modules)\n")


def test_with_plugins_switched_off_pydantic_does_not_look_for_them() -> None:
    code = "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n" + PLUGINS
    assert printed_by_new_python(code) == ["[] False"]


@pytest.mark.parametrize("setting", [None, "some_plugin"])
def test_otherwise_pydantic_looks_for_its_plugins_as_it_would(setting: str | None) -> None:
    code = ("import os; os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None)\n" if setting is None
            else f"import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = {setting!r}\n")
    assert printed_by_new_python(code + PLUGINS) == ["[] True"]
