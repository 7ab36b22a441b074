"""A pool worker that asked to leave without teardown is joined at once, after its later
exit handlers ran; one that did not pays for freeing its objects."""

from __future__ import annotations

import atexit
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from communique.worker_exit import exit_without_teardown

FREEING_S = 3.0


class SlowToFree:
    """Stands for spaCy's or GX's object graph, freed one object at a time at exit."""

    def __del__(self, sleep=time.sleep, seconds=FREEING_S) -> None:  # module globals are gone by then
        sleep(seconds)


_HELD: list = []


def _worker(skip_teardown: bool, marker: str) -> None:
    if skip_teardown:
        exit_without_teardown()
    atexit.register(Path(marker).write_text, "ran")  # registered later: still runs
    _HELD.append(SlowToFree())


@pytest.mark.parametrize("skip_teardown", [True, False])
def test_shutdown_waits_for_teardown_only_when_not_skipped(tmp_path, skip_teardown):
    marker = tmp_path / "exit-handler-ran"
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker, initargs=(skip_teardown, str(marker)))
    assert pool.submit(sum, [1, 2]).result() == 3
    started = time.monotonic()
    pool.shutdown(wait=True)
    joined_after = time.monotonic() - started
    assert marker.read_text() == "ran"
    if skip_teardown:
        assert joined_after < FREEING_S / 2
    else:
        assert joined_after >= FREEING_S * 0.9
