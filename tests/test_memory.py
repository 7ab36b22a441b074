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


_POOL_PROBE = """
import multiprocessing
from communique.memory import arrow_on_system_allocator

def backend():
    import pyarrow
    return pyarrow.default_memory_pool().backend_name

if __name__ == "__main__":
    arrow_on_system_allocator()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        print(backend(), pool.apply(backend))
"""


@pytest.mark.parametrize(("preset", "expected"), [(None, "system system"), ("jemalloc", None)])
def test_a_run_and_the_workers_it_spawns_allocate_arrow_buffers_with_malloc(tmp_path, preset, expected) -> None:
    """A pool the user named in ``ARROW_DEFAULT_MEMORY_POOL`` is kept (jemalloc: whatever
    this pyarrow build falls back to, the same in both processes)."""
    import os
    import subprocess
    import sys

    script = tmp_path / "probe.py"
    script.write_text(_POOL_PROBE, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "ARROW_DEFAULT_MEMORY_POOL"}
    if preset:
        env["ARROW_DEFAULT_MEMORY_POOL"] = preset
    out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    assert len(out) == 2 and out[0] == out[1]
    if expected:
        assert " ".join(out) == expected
    else:
        assert out[0] != "system"
