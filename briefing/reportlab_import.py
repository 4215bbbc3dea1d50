"""Import ReportLab's Platypus with its URL pattern in a form that compiles 25 times faster.

`reportlab.platypus.paragraph` compiles, when imported, a case-insensitive URL pattern with
three character classes of the form `[a-z\\xa1-\\uffff…]`. Python's `re` case-folds every
character of such a range one by one: about 55 ms, a tenth of a warm rebuild, in every
process that sets a paragraph (the pattern is tried on each word carried to a new line).
Each class is rewritten here to one that matches exactly the same characters (ASCII letters
in either case, or any character from U+00A1 to U+FFFF; `tests/test_reportlab_import.py`
checks every code point) but whose range `re` does not walk: about 2 ms. A ReportLab whose
pattern has no such class simply gets its pattern compiled as written.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

_FOLDED_RANGE = re.compile("\\[a-z\xa1-\uffff((?:0-9)?-?)\\]")
"""`[a-z\\xa1-\\uffff]`, optionally followed by digits and a hyphen (group 1): the classes
whose rewrite is checked, and nothing with letters whose case would matter."""
_ABOVE_LATIN1 = "[^\\x00-\\xa0\\U00010000-\\U0010ffff]"
"""Any character from U+00A1 to U+FFFF, written as a class `re` compiles without a walk."""
_lock = threading.Lock()


def cheaper_pattern(pattern: str) -> str:
    """Return pattern with each case-insensitive `[a-z\\xa1-\\uffff…]` class rewritten to an
    equivalent that compiles fast; any other pattern comes back unchanged."""
    return _FOLDED_RANGE.sub(lambda m: f"(?-i:[a-zA-Z{m[1]}]|{_ABOVE_LATIN1})", pattern)


def import_platypus() -> None:
    """Import reportlab.platypus (once per process) with the URL pattern rewritten."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    with _lock:
        compile_as_written = re.compile

        def compile_cheaper(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and flags & re.IGNORECASE:
                pattern = cheaper_pattern(pattern)
            return compile_as_written(pattern, flags)

        re.compile = compile_cheaper  # type: ignore[assignment]
        try:
            import reportlab.platypus  # noqa: F401
        finally:
            re.compile = compile_as_written
