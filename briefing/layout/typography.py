"""Typographic quotes, dashes and ties for prose, leaving anything that looks like markup
alone."""

from __future__ import annotations

import re

TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
"""Text that looks like an HTML or ReportLab tag: printed literally, so never smartened."""

_PROTECT = str.maketrans({'"': "\ue000", "'": "\ue001", "-": "\ue002"})
_RESTORE = str.maketrans({"\ue000": '"', "\ue001": "'", "\ue002": "-"})
_OPENS = r"(^|[\s(\[{\u2014\u2013/])"
_RULES = (
    (re.compile(r"(^|[^-])---(?=[^-]|$)"), "\\1\u2014"),
    (re.compile(r"(^|[^-])--(?=[^-]|$)"), "\\1\u2013"),
    (re.compile(_OPENS + '"'), "\\1\u201c"),
    (re.compile('"'), "\u201d"),
    (re.compile(_OPENS + "'"), "\\1\u2018"),
    (re.compile("'"), "\u2019"),
)
_INITIAL = re.compile(r"\b([A-Z])\. (?=[A-Z])")
"""An initial and the space after it ('P. R. China', 'A. N. Author'): tied, so that a line
never ends on an initial."""


def protect(text: str) -> str:
    """Return text with the quotes and hyphens inside tag-like spans hidden from smartening."""
    if "<" not in text:
        return text
    return TAG.sub(lambda m: m.group().translate(_PROTECT), text)


def restore(text: str) -> str:
    """Undo protect()."""
    return text.translate(_RESTORE)


def smarten(text: str) -> str:
    """Return text with curly quotes and apostrophes, en dashes for `--`, em dashes for
    `---` and a no-break space after an initial; tag-like spans (`<b>`, `<font name="x">`)
    keep their straight quotes."""
    text = _INITIAL.sub("\\1.\u00a0", text) if ". " in text else text
    if '"' not in text and "'" not in text and "--" not in text:
        return text
    text = protect(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return restore(text)
