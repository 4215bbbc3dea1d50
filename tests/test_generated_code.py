"""Generated code kept between runs: classes come out as Python makes them, a second run
compiles nothing, and a bad or foreign file is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import printed_by_new_python

MAKE = """
import collections, dataclasses, typing

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: 'list[int]' = dataclasses.field(default_factory=list)
    label: str = 'p'

Pair = collections.namedtuple('Pair', 'left right', defaults=(0,))
Named = typing.NamedTuple('Named', [('a', int), ('b', 'str')])

def described(function):
    code = function.__code__
    return [function.__name__, repr(function.__annotations__), repr(function.__defaults__),
            code.co_code.hex(), repr(code.co_consts), code.co_names, code.co_varnames,
            code.co_filename, code.co_flags]

made = [described(getattr(Point, name)) for name in
        ('__init__', '__repr__', '__eq__', '__lt__', '__hash__', '__setattr__', '__delattr__')]
made += [described(Pair.__new__), described(Named.__new__)]
made.append(repr(typing.get_type_hints(Point)))
made.append([repr(Point(1, [2])), Point(1) == Point(1), Point(1) < Point(2), Pair(1),
             repr(Named(1, 'x'))])
"""


def _made(table: Path | None) -> tuple[list, int]:
    install = "" if table is None else (
        "from pathlib import Path\nfrom briefing import generated_code\n"
        f"generated_code.install(Path({str(table)!r}))\n")
    save = "" if table is None else (
        f"compiled = generated_code.compiled_this_run()\n"
        f"generated_code.save(Path({str(table)!r}))\n")
    code = install + MAKE + save + "import json\nprint(json.dumps([made, "
    code += "compiled" if table else "0"
    code += "]))"
    made, compiled = json.loads(printed_by_new_python(code)[-1])
    return made, compiled


def test_classes_come_out_as_python_makes_them_and_a_second_run_compiles_nothing(
        tmp_path: Path) -> None:
    table = tmp_path / "generated.marshal"
    plain, _ = _made(None)
    first, compiled_first = _made(table)
    second, compiled_second = _made(table)
    assert first == plain
    assert second == plain
    assert compiled_first >= 10  # 7 methods, 2 __new__, 2 string annotations
    assert compiled_second == 0


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x00" * 40])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    table = tmp_path / "generated.marshal"
    table.write_bytes(content)
    plain, _ = _made(None)
    made, compiled = _made(table)
    assert made == plain
    assert compiled >= 10
    assert _made(table)[1] == 0


def test_a_file_from_another_python_is_ignored(tmp_path: Path) -> None:
    table = tmp_path / "generated.marshal"
    _made(table)
    blob = bytearray(table.read_bytes())
    blob[0] ^= 0xFF  # the bytecode magic number
    table.write_bytes(bytes(blob))
    assert _made(table)[1] >= 10


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_an_unwritable_folder_keeps_nothing_and_fails_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _made(folder / "generated.marshal")
        assert not (folder / "generated.marshal").exists()
    finally:
        folder.chmod(0o755)


def test_a_built_brief_keeps_its_generated_code_beside_briefings_bytecode(
        tmp_path: Path) -> None:
    spec = tmp_path / "brief.yaml"
    spec.write_text("title: A brief\ndate: 2026-01-01\nsections:\n"
                    "  - title: One\n    blocks:\n      - text: Some *text*.\n")
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "briefing", "build", str(spec), "-o", str(tmp_path), "-q"]
    subprocess.run(command, check=True, env=env)
    counted = ("import sys\nsys.argv = ['briefing'] + " + repr(command[3:]) + "\n"
               "from briefing import cli, generated_code\n"
               "cli.os._exit = lambda code: print(generated_code.compiled_this_run())\n"
               "cli.run()\n")
    done = subprocess.run([sys.executable, "-c", counted], check=True, env=env,
                          capture_output=True, text=True)
    assert done.stdout.split() == ["0"]
