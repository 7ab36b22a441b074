"""Run the ``nightly`` job in this process (what ``make run`` does), crash-safely.

With DAGSTER_HOME set the run is recorded in that instance (and shares its
``duckdb_writer`` pool with ``dagster dev``); without it an ephemeral instance
is used. A run killed with SIGKILL cannot release its pool slot, so before a
new run the slots of dead local runs are freed and those runs marked failed.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

PID_TAG = "communique/pid"
HOST_TAG = "communique/host"


@dataclass
class FailedCheck:
    asset: str
    name: str
    description: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class NightlyOutcome:
    success: bool
    run_id: str
    published: bool                      # a new warehouse was swapped in by this run
    failed_steps: dict[str, str]         # step key -> error message
    failed_checks: list[FailedCheck]


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_runs(instance) -> list[str]:
    """Mark local in-process runs whose process is gone as failed and free their pool slots."""
    from dagster import DagsterRunStatus, RunsFilter

    unfinished = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.NOT_STARTED]
    released = []
    for run in instance.get_runs(RunsFilter(statuses=unfinished, tags={HOST_TAG: socket.gethostname()})):
        pid = run.tags.get(PID_TAG, "")
        if pid.isdigit() and not _process_alive(int(pid)):
            instance.report_run_failed(run, message=f"process {pid} died without finishing the run")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            released.append(run.run_id)
    return released


def instance_config_in(home) -> str:
    """The project's ``dagster.yaml`` with its storage moved under ``home``.

    Every path in it is relative to the repo root (``data/dagster/...``); an
    instance elsewhere (the benchmark's, a test's) gets the same storages, pools
    and coordinator, writing under its own directory."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "dagster.yaml").read_text(encoding="utf-8")
    return text.replace("data/dagster", str(Path(home).resolve()))


def get_instance():
    """The DAGSTER_HOME instance when configured, else an ephemeral one."""
    from dagster import DagsterInstance

    return DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()


def _metadata_text(metadata) -> dict[str, str]:
    out = {}
    for key, value in (metadata or {}).items():
        out[key] = str(getattr(value, "value", value))
    return out


def execute_nightly(log_level: str = "INFO") -> NightlyOutcome:
    """Execute ``nightly`` in-process and collect what an operator needs to see."""
    from orchestration.definitions import defs

    instance = get_instance()
    if instance.event_log_storage.supports_global_concurrency_limits:
        release_dead_runs(instance)
    job = defs.resolve_job_def("nightly")
    result = job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        tags={PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()},
    )
    failed_steps = {}
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error if event.step_failure_data else None
        failed_steps[event.step_key] = error.message.strip() if error else "failed"
    failed_checks = [
        FailedCheck(evaluation.asset_key.to_user_string(), evaluation.check_name,
                    evaluation.description or "", _metadata_text(evaluation.metadata))
        for evaluation in result.get_asset_check_evaluations() if not evaluation.passed
    ]
    published = bool(result.asset_materializations_for_node("published_warehouse"))
    return NightlyOutcome(result.success, result.run_id, published, failed_steps, failed_checks)
