"""return_freed_memory: freed heap pages go back to the operating system (glibc)."""

from __future__ import annotations

import platform

import psutil
import pytest

from communique.memory import return_freed_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_heap_pages_go_back_to_the_system() -> None:
    blocks = [bytes(1000) + bytes([i % 256]) for i in range(200_000)]  # ~200 MB of malloc'd blocks
    kept = blocks[::10]  # one block in ten stays: the heap cannot shrink from its top alone
    del blocks
    before = psutil.Process().memory_info().rss
    assert return_freed_memory()
    released = before - psutil.Process().memory_info().rss
    assert released > 50 << 20, f"only {released >> 20} MB released"
    assert len(kept) == 20_000


def test_trimming_starts_no_process() -> None:
    """Workers trim after every batch: a child process per call would be a fork of a big worker."""
    import subprocess
    from unittest import mock

    from communique import memory

    memory._malloc_trim.cache_clear()
    with mock.patch.object(subprocess, "Popen", side_effect=AssertionError("a process was started")):
        return_freed_memory()
        return_freed_memory()
