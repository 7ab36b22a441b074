"""``dbt`` run in this process through its Python API (``dbtRunner``), node results streamed.

A ``dbt build`` in a child process pays a Python start, dbt's imports (most of
which Dagster's dbt integration has already loaded in this process), adapter
registration and a JSON round trip per event: measured at ~5.5 s before the
first node ran, against ~2.2 s in-process (1,410 readouts, 73 nodes). The
result events come out as the same dicts dbt's JSON log prints, so callers turn
them into Dagster events exactly as for the CLI.

dbtRunner is not re-entrant: the writer pool already admits one dbt step at a
time per instance, and a lock here keeps two threads of one process apart.

dbt's own loggers are off (``--log-level none``): they format every event and
scan ``os.environ`` for secrets twice per event, debug ones included, before
Python's logging drops them by level (about 1,700 events in a 73-node build).
``LogLines`` writes, from the event callback, only what they would have kept.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

# The events dbt fires once per finished node (what dagster-dbt turns into asset events).
RESULT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"})
_DONE = object()
_ONE_AT_A_TIME = threading.Lock()
# dbt's event levels, in order ("test" is logged as debug)
_RANK = {"debug": 0, "test": 0, "info": 1, "warn": 2, "error": 3}
# what dbt's loggers are given instead of their defaults: nothing (LogLines writes)
_LOGGERS_OFF = ("--log-level", "none", "--log-level-file", "none")


class DbtFailed(RuntimeError):
    """dbt finished unsuccessfully (a model or an error-severity test failed, or dbt raised)."""


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """``values`` set in ``os.environ`` (where dbt reads profile variables), restored after."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _close_duckdb_handles() -> None:
    """Make sure dbt-duckdb holds no database file open once dbt is done.

    dbt-duckdb keeps its environment in a class attribute that is only cleared at
    interpreter exit; the file it wrote is about to be checked and published
    (opened read-only, renamed), so this process must not keep it open."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # another adapter: nothing of ours to close
        return
    env = DuckDBConnectionManager._ENV
    if env is not None and getattr(env, "conn", None) is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def _option(args: Sequence[str], name: str) -> str | None:
    """The value of ``--name value`` in ``args``, if given."""
    args = list(args)
    return args[args.index(name) + 1] if name in args[:-1] else None


class LogLines:
    """The lines dbt's loggers would keep: info and up to ``console`` as dbt prints them
    (``HH:MM:SS  message``), warn and up to ``<log-path>/dbt.log`` in its debug format.

    Called for every event (from dbt's threads); secrets from ``DBT_ENV_SECRET_*``
    variables are scrubbed as dbt does, read once per invocation."""

    def __init__(self, log_dir: str | Path | None, console: TextIO | None = None) -> None:
        from dbt_common.events.format import timestamp_to_datetime_string
        from dbt_common.exceptions import env_secrets, scrub_secrets

        self._scrub, self._stamp = scrub_secrets, timestamp_to_datetime_string
        self.secrets = env_secrets()
        self.console = console if console is not None else sys.stdout
        self.log_file = Path(log_dir) / "dbt.log" if log_dir else None
        self._lock = threading.Lock()

    def __call__(self, msg) -> None:
        info = msg.info
        printed = info.name == "PrintEvent"  # dbt prints these bare, at any level
        rank = _RANK.get(info.level, 0)
        if rank < _RANK["info"] and not printed:
            return
        text = str(self._scrub(info.msg, self.secrets))
        clock = datetime.now(timezone.utc).strftime("%H:%M:%S")
        with self._lock:
            self.console.write(f"{text}\n" if printed else f"{clock}  {text}\n")
            self.console.flush()
            if rank >= _RANK["warn"] and self.log_file is not None:
                thread = threading.current_thread().name[:10].ljust(10)
                with self.log_file.open("a", encoding="utf8") as log:
                    log.write(f"{self._stamp(info.ts)} [{info.level:<5}] "
                              f"[{thread}]: {text}\n")


def _quiet_loggers(args: Sequence[str]) -> tuple[list[str], LogLines]:
    """``args`` with dbt's loggers off, and the ``LogLines`` that writes in their place."""
    return [*args, *_LOGGERS_OFF], LogLines(_option(args, "--log-path"))


def parse_manifest(args: Sequence[str]):
    """``dbt parse`` here (``args`` start with ``parse``); the parsed manifest, or None when
    the parse failed (a build then parses for itself and reports the error)."""
    from dbt.cli.main import dbtRunner

    args, log_lines = _quiet_loggers(args)
    with _ONE_AT_A_TIME:
        try:
            result = dbtRunner(callbacks=[log_lines]).invoke(args)
        except Exception:  # noqa: BLE001  (the build will parse again and say why)
            return None
    return result.result if result.success else None


def stream_dbt(args: Sequence[str], manifest=None) -> Iterator[dict]:
    """Run ``dbt <args>`` here and yield each node result event (a JSON-log dict) as it finishes.

    Raises ``DbtFailed`` after the last event when dbt did not succeed, with dbt's
    error lines. dbt reads ``os.environ`` (profile variables) while this iterates.
    ``manifest``: one ``parse_manifest`` made for the same project, profile variables and
    target, which dbt then uses instead of parsing."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    events: queue.Queue = queue.Queue()
    errors: list[str] = []
    outcome: dict = {}
    args, log_lines = _quiet_loggers(args)

    def on_event(msg) -> None:
        log_lines(msg)
        if msg.info.name in RESULT_EVENTS:
            events.put(msg_to_dict(msg))
        elif msg.info.level == "error" and msg.info.msg:
            errors.append(msg.info.msg)

    def invoke() -> None:
        try:
            outcome["result"] = dbtRunner(manifest=manifest, callbacks=[on_event]).invoke(args)
        except BaseException as error:  # surfaced in the caller's thread below
            outcome["error"] = error
        finally:
            events.put(_DONE)

    with _ONE_AT_A_TIME:
        thread = threading.Thread(target=invoke, name="dbt", daemon=True)
        thread.start()
        try:
            while (event := events.get()) is not _DONE:
                yield event
        finally:
            thread.join()
            _close_duckdb_handles()
    result = outcome.get("result")
    if "error" in outcome or result is None or not result.success:
        cause = outcome.get("error") or (result.exception if result is not None else None)
        detail = "\n".join(errors[-20:]) or (str(cause) if cause else "no error message")
        raise DbtFailed(f"dbt {' '.join(args[:1])} failed:\n{detail}") from cause
