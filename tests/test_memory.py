"""return_freed_memory: freed heap pages go back to the operating system (glibc)."""

from __future__ import annotations

import os
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

    memory._glibc.cache_clear()
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
    pool = multiprocessing.get_context("spawn").Pool(1)
    try:
        print(backend(), pool.apply(backend), flush=True)
    finally:  # close and join: Pool.terminate (the "with" block's exit) hung now and then at shutdown
        pool.close()
        pool.join()
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


_HEAP_PROBE = """
import ctypes, sys
import psutil
from communique.memory import large_blocks_mapped

if sys.argv[1] == "mapped":
    assert large_blocks_mapped()
libc = ctypes.CDLL(None)
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
libc.free(libc.malloc(16 << 20))  # by default this raises glibc's threshold to 16 MiB
blocks, pins = [], []
for _ in range(10):  # each block followed by one still in use: the heap cannot shrink
    blocks.append(libc.malloc(6 << 20))
    ctypes.memset(blocks[-1], 1, 6 << 20)
    pins.append(libc.malloc(256 << 10))
before = psutil.Process().memory_info().rss
for block in blocks:
    libc.free(block)
print((before - psutil.Process().memory_info().rss) >> 20)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_large_blocks_go_back_to_the_system_as_soon_as_freed(tmp_path) -> None:
    """60 MiB of 6 MiB blocks, each freed below a block still in use: the heap keeps them,
    mapped blocks are given back (the workers' parse arrays, after a first larger one)."""
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "MALLOC_MMAP_THRESHOLD_"}
    released = {}
    for mode in ("default", "mapped"):
        result = subprocess.run([sys.executable, "-c", _HEAP_PROBE, mode], env=env,
                                capture_output=True, text=True, check=True)
        released[mode] = int(result.stdout.split()[-1])
    assert released["default"] < 10, released
    assert released["mapped"] >= 55, released


def test_a_preset_mmap_threshold_is_kept_and_passed_on(monkeypatch) -> None:
    from communique import memory

    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    memory.large_blocks_mapped()
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == str(4 << 20)
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "8388608")
    memory.large_blocks_mapped()
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "8388608"
