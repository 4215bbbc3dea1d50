"""The build's timestamp, for reproducible PDFs: SOURCE_DATE_EPOCH when set."""

from __future__ import annotations

import datetime as dt
import os


def source_date_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH as seconds since 1970, or None when it is not set.

    A value that is not such a number is refused (ValueError) before anything reads it:
    matplotlib would fail on it inside a chart worker, far from its cause."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and int(value) <= _LATEST:
        return int(value)
    raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got "
                     f"{value!r} (unset it, or set it to e.g. $(git log -1 --format=%ct))")


_LATEST = int(dt.datetime(9999, 12, 31, tzinfo=dt.UTC).timestamp())
