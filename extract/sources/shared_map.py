"""Ordered map over an executor that the caller helps with.

Reading raw files is a pure function of a batch of files, so it can run on the
extraction workers while they would otherwise wait for the scan to finish.
The caller does not sit idle either: when a batch's turn comes and no worker
has started it, the caller reads it itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def map_in_order(executor: Executor, fn: Callable[[Task], Result],
                 tasks: Sequence[Task]) -> Iterator[Result]:
    """``fn(task)`` for every task, in task order.

    Every task is offered to ``executor``; one that no worker has picked up by
    the time its result is wanted is taken back and run here. A broken pool
    (a worker died) costs time, not results: its tasks run here too.
    """
    futures = [executor.submit(fn, task) for task in tasks]
    try:
        for task, future in zip(tasks, futures):
            if future.cancel():
                yield fn(task)
                continue
            try:
                yield future.result()
            except BrokenProcessPool:
                yield fn(task)
    finally:
        for future in futures:
            future.cancel()
