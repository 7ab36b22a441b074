"""Ordered map over an executor that the caller helps with.

Reading raw files is a pure function of a batch of files, so it can run on the
extraction workers while they would otherwise wait for the scan to finish.
The caller does not sit idle either: when a batch's turn comes and no worker
has started it, the caller reads it itself.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def map_in_order(executor: Executor, fn: Callable[[Task], Result],
                 tasks: Iterable[Task], ahead: int = 8) -> Iterator[Result]:
    """``fn(task)`` for every task, in task order.

    At most ``ahead`` tasks wait on ``executor`` beyond the one whose result is
    wanted, so finished results never pile up faster than the caller uses them
    (all at once, 5,000 files' texts would). A task that no worker has picked
    up by the time its result is wanted is taken back and run here. A broken
    pool (a worker died) costs time, not results: its tasks run here too.
    """
    queue = iter(tasks)
    offered: deque[tuple[Task, Future]] = deque()

    def offer(waiting: int) -> None:
        for task in islice(queue, max(waiting - len(offered), 0)):
            offered.append((task, executor.submit(fn, task)))

    try:
        offer(ahead + 1)
        while offered:
            task, future = offered.popleft()  # the one wanted now
            offer(ahead)
            if future.cancel():
                yield fn(task)
                continue
            try:
                yield future.result()
            except BrokenProcessPool:
                yield fn(task)
    finally:
        for _, future in offered:
            future.cancel()
