"""Give the heap memory a step freed back to the operating system.

glibc keeps freed memory in its heap for reuse; after the scan (DuckDB's
appends, a chunk of texts) that is 150 MB the run never reuses, held through
the whole NLP step while the workers also hold theirs.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` from the symbols already in this process.

    Not ``ctypes.util.find_library``: on Linux it runs ``ldconfig`` in a child
    process, a fork of a 400 MB worker at every batch."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl: no malloc_trim
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def return_freed_memory() -> bool:
    """Ask glibc's allocator to release free heap pages (``malloc_trim``).

    True when memory was released; False when none was, or where the C library
    has no ``malloc_trim`` (macOS, musl), where it is a harmless no-op."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim else False
