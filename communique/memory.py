"""Give the heap memory a step freed back to the operating system.

glibc keeps freed memory in its heap for reuse; after the scan (DuckDB's
appends, a chunk of texts) that is 150 MB the run never reuses, held through
the whole NLP step while the workers also hold theirs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys


def return_freed_memory() -> bool:
    """Ask glibc's allocator to release free heap pages (``malloc_trim``).

    True when memory was released; False when none was, or where the C library
    has no ``malloc_trim`` (macOS, musl), where it is a harmless no-op."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return bool(trim(0))
