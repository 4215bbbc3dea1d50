"""Compiles kept between runs: classes and patterns come out as Python makes them, a second
run compiles nothing, and a bad or foreign file is ignored."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

from briefing import kept_compiles

from .conftest import printed_by_new_python

MAKE = r"""
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

import re
TEXT = 'Pakistan’s ICT exports: $3.223bn in FY24 (up 24%), İstanbul ǅ ſ K'
for pattern, flags in [(r'(?P<amount>\$[\d.]+)(?P<unit>bn|m)', 0), (r'[a-zß-ÿİ]+', re.I),
                       (r'\b(\w+)\s+\1\b', re.I | re.M), (r'(?x) \d+ % # a share', 0),
                       (r'(?<=up )\d+(?=%)', 0), (r'[^\x00-\x7f]', 0)]:
    compiled = re.compile(pattern, flags)
    made.append([compiled.pattern, compiled.flags, compiled.groups,
                 dict(compiled.groupindex), [m.span() for m in compiled.finditer(TEXT)],
                 compiled.sub('_', TEXT)])
made.append([found.decode() for found in re.compile(rb'(?i)\d+(bn|m)').findall(TEXT.encode())])
made.append([re.compile('pakistan').findall(TEXT), re.compile('pakistan', re.I).findall(TEXT),
             re._compiler.compile('ict', re.I).findall(TEXT)])
"""


def _made(table: Path | None) -> tuple[list, int]:
    """Run MAKE in a new Python, with the table at table (None: without one); return what
    it made and how many compiles it did not find in the table."""
    if table is None:
        code = MAKE + "compiled = 0\n"
    else:
        code = _with_table(table, MAKE + "compiled = kept_compiles.counts()[1]\n"
                           f"kept_compiles.save(Path({str(table)!r}))\n")
    made, compiled = json.loads(_printed(code + "import json\nprint(json.dumps([made, compiled]))"))
    return made, compiled


def _with_table(table: Path, code: str) -> str:
    """Return code preceded by installing the table at table."""
    return ("from pathlib import Path\nfrom briefing import kept_compiles\n"
            f"kept_compiles.install(Path({str(table)!r}))\n" + code)


def _printed(code: str, **env: str) -> str:
    """Return what code prints in a new Python allowed to write bytecode (env: more
    variables)."""
    return "\n".join(printed_by_new_python(code, write_bytecode=True, **env))


def test_classes_come_out_as_python_makes_them_and_a_second_run_compiles_nothing(
        tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    plain, _ = _made(None)
    first, compiled_first = _made(table)
    second, compiled_second = _made(table)
    assert first == plain
    assert second == plain
    assert compiled_first >= 20  # 7 methods, 2 __new__, 2 annotations, 10 patterns
    assert compiled_second == 0


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x00" * 40])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    table = tmp_path / "kept.marshal"
    table.write_bytes(content)
    plain, _ = _made(None)
    made, compiled = _made(table)
    assert made == plain
    assert compiled >= 17
    assert _made(table)[1] == 0


def test_a_file_from_another_python_is_ignored(tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    _made(table)
    blob = bytearray(table.read_bytes())
    blob[0] ^= 0xFF  # the bytecode magic number
    table.write_bytes(bytes(blob))
    assert _made(table)[1] >= 17


def test_a_table_that_cannot_be_written_keeps_nothing_and_fails_nothing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    table = tmp_path / "a-file" / "kept.marshal"  # under a file: not even root can write it
    plain, _ = _made(None)
    made, compiled = _made(table)
    assert made == plain
    assert compiled >= 17
    assert _made(table)[1] == compiled  # nothing was kept


def test_nothing_is_written_when_python_is_told_not_to_write_bytecode(tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    code = _with_table(table, MAKE + f"kept_compiles.save(Path({str(table)!r}))\n")
    _printed(code, PYTHONDONTWRITEBYTECODE="1")
    assert not table.exists()
    _printed(code)
    assert table.exists()


def test_a_pattern_re_warns_about_warns_every_run(tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    code = _with_table(table, "import re, warnings\n" + MAKE
                       + "with warnings.catch_warnings(record=True) as caught:\n"
                       "    warnings.simplefilter('always')\n"
                       "    re.compile('[[a-z]|x--y')\n"
                       f"kept_compiles.save(Path({str(table)!r}))\n"
                       "print(sorted({type(w.message).__name__ for w in caught}))")
    assert _printed(code) == _printed(code) == "['FutureWarning']"


def test_exec_and_eval_take_the_callers_namespaces_when_given_none() -> None:
    from briefing.kept_compiles import _eval, _exec

    def caller() -> tuple[object, object]:
        x = 2  # noqa: F841 - read by _eval from this frame
        namespace: dict[str, object] = {}
        _exec("y = x + 1", {"x": 40}, namespace)
        return _eval("  \tx + 1"), namespace["y"]

    assert caller() == (3, 41)
    assert _eval("len('ab')") == 2


def test_entries_a_run_does_not_use_are_dropped_once_they_pile_up(tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    unused = {("eval", f"{n} + 1"): compile(f"{n} + 1", "<string>", "eval")
              for n in range(3_000)}
    table.write_bytes(kept_compiles._HEADER + marshal.dumps(unused))  # noqa: SLF001
    assert _made(table)[1] >= 17
    kept = marshal.loads(table.read_bytes()[len(kept_compiles._HEADER):])  # noqa: SLF001
    assert 17 <= len(kept) < 100
    assert _made(table)[1] == 0


def test_a_built_brief_keeps_its_compiles_beside_briefings_bytecode(tmp_path: Path) -> None:
    spec = tmp_path / "brief.yaml"
    spec.write_text("title: A brief\ndate: 2026-01-01\nsections:\n"
                    "  - title: One\n    blocks:\n      - text: Some *text*.\n")
    argv = ["briefing", "build", str(spec), "-o", str(tmp_path), "-q"]
    build = (f"import sys\nsys.argv = {argv!r}\nfrom briefing import cli, kept_compiles\n"
             "cli.os._exit = lambda code: print(*kept_compiles.counts())\ncli.run()\n")
    cache = str(tmp_path / "cache")
    _printed(build, BRIEFING_CACHE_DIR=cache)
    looked_up, compiled = map(int, _printed(build, BRIEFING_CACHE_DIR=cache).split())
    assert kept_compiles.default_path().is_file()
    assert looked_up > 200  # (a rebuild restores its spec: pydantic compiles nothing)
    assert compiled < kept_compiles._WORTH_SAVING  # noqa: SLF001 - too few to rewrite for


def test_a_damaged_entry_is_compiled_again(tmp_path: Path) -> None:
    table = tmp_path / "kept.marshal"
    damaged = {("eval", "int"): 42, ("re", "a+b", 0): "junk", ("re", "c+", 0): (1, 2)}
    table.write_bytes(kept_compiles._HEADER + marshal.dumps(damaged))  # noqa: SLF001
    code = _with_table(table, "import re, typing\n"
                       "print(re.compile('a+b').findall('aab ab b'),\n"
                       "      re.compile('c+').findall('acc'),\n"
                       "      eval(typing.ForwardRef('int').__forward_code__) is int,\n"
                       "      kept_compiles.counts())\n")
    assert printed_by_new_python(code) == ["['aab', 'ab'] ['cc'] True (3, 3)"]


def test_optimised_runs_keep_their_own_table() -> None:
    code = "from briefing import kept_compiles as k; print(k.default_path().name, k._HEADER)"
    plain, optimised = ("\n".join(printed_by_new_python(code, *flags)) for flags in ([], ["-O"]))
    assert plain.startswith("kept-compiles.") and ".opt-" not in plain.split()[0]
    assert optimised.split()[0].endswith(".opt-1.marshal")
    assert "optimize 1" in optimised and "optimize 0" in plain
