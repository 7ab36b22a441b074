"""map_in_order: results in task order, whoever runs each task."""

from __future__ import annotations

import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from extract.sources.shared_map import map_in_order


class _NeverStarts(Executor):
    """An executor whose workers are all busy: every task stays pending."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        return Future()


class _Broken(Executor):
    """A process pool whose worker died: every started task fails so."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_running_or_notify_cancel()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


def test_results_come_in_task_order_when_workers_run_them() -> None:
    ran_on: set[str] = set()

    def square(x: int) -> int:
        ran_on.add(threading.current_thread().name)
        return x * x

    with ThreadPoolExecutor(2, thread_name_prefix="worker") as pool:
        assert list(map_in_order(pool, square, list(range(50)))) == [x * x for x in range(50)]
    assert any(name.startswith("worker") for name in ran_on)


def test_tasks_no_worker_started_run_in_the_caller() -> None:
    ran_on: list[str] = []

    def tag(x: int) -> tuple[int, str]:
        ran_on.append(threading.current_thread().name)
        return x, threading.current_thread().name

    results = list(map_in_order(_NeverStarts(), tag, [1, 2, 3]))
    assert results == [(x, threading.current_thread().name) for x in (1, 2, 3)]


def test_a_broken_pool_costs_no_results() -> None:
    assert list(map_in_order(_Broken(), str.upper, ["a", "b"])) == ["A", "B"]


def test_other_worker_errors_are_raised() -> None:
    def fail(x: int) -> int:
        raise ValueError(f"bad {x}")

    with ThreadPoolExecutor(1) as pool:
        try:
            list(map_in_order(pool, fail, [1]))
        except ValueError as error:
            assert str(error) == "bad 1"
        else:
            raise AssertionError("the worker's error was swallowed")


def test_no_more_than_ahead_tasks_wait_beyond_the_one_wanted() -> None:
    submitted: list[int] = []

    class _Counting(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs) -> Future:
            submitted.append(args[0])
            return super().submit(fn, *args, **kwargs)

    with _Counting(2) as pool:
        results = map_in_order(pool, lambda x: -x, list(range(100)), ahead=3)
        for index, result in enumerate(results):
            assert result == -index
            assert len(submitted) <= index + 1 + 3
    assert submitted == list(range(100))
