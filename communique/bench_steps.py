"""Where a job's wall time went, read back from the Dagster event log of its instance.

The benchmark gives the job its own DAGSTER_HOME, so after the process has
exited the run's events (STEP_START / STEP_SUCCESS timestamps, asset
materialisation metadata) are read from there without touching the job's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from communique.bench_process import MachineCpu, steal_between

# "run set-up" is first event -> RUN_START: Dagster writes one *_PLANNED event per
# asset and asset check there, each its own event-log transaction.
# Step key -> phase of the nightly job. Anything else (post-publish analyst
# assets: status, dashboard, catalog, evaluation) is "after publish".
PHASES = ("start-up and imports", "run set-up", "ingest", "nlp", "dbt", "checks", "publish",
          "after publish", "orchestration between steps", "shut-down")
_STEP_PHASE = {"documents": "ingest", "annotations": "nlp", "dbt_warehouse": "dbt",
               "published_warehouse": "publish"}


def step_phase(step_key: str) -> str:
    """The phase a Dagster step key belongs to."""
    if step_key in _STEP_PHASE:
        return _STEP_PHASE[step_key]
    if "check" in step_key or "gate" in step_key:
        return "checks"
    if "dbt" in step_key:
        return "dbt"
    return "after publish"


@dataclass
class StepTimes:
    run_id: str | None
    status: str | None
    steps: dict[str, float] = field(default_factory=dict)    # step key -> seconds
    phases: dict[str, float] = field(default_factory=dict)   # phase -> seconds
    nlp_metadata: dict[str, object] = field(default_factory=dict)
    events: int = 0                                          # event-log entries of the run
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)  # step -> Unix times
    first_event: float | None = None

    @property
    def nlp_s(self) -> float | None:
        return self.steps.get("annotations")


def _union_length(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop > end:
            total += stop - max(start, end)
            end = stop
    return total


def phase_breakdown(intervals: dict[str, tuple[float, float]], process_start: float,
                    process_end: float, first_event: float, last_event: float,
                    run_start: float | None = None) -> dict[str, float]:
    """Seconds per phase; the phases add up to the process's wall time."""
    run_start = first_event if run_start is None else run_start
    phases = dict.fromkeys(PHASES, 0.0)
    phases["start-up and imports"] = max(first_event - process_start, 0.0)
    phases["run set-up"] = max(run_start - first_event, 0.0)
    phases["shut-down"] = max(process_end - last_event, 0.0)
    for step_key, (start, stop) in intervals.items():
        phases[step_phase(step_key)] += stop - start
    busy = _union_length(list(intervals.values()))
    phases["orchestration between steps"] = max(last_event - run_start - busy, 0.0)
    return phases


def steal_by_phase(samples: Sequence[MachineCpu], process_start: float,
                   times: StepTimes) -> dict[str, float]:
    """Seconds the hypervisor took from the machine during the start-up and each phase made
    of steps (``samples`` from the run's sampler; phases with no sample inside are left out)."""
    windows: list[tuple[str, float, float]] = []
    if times.first_event is not None:
        windows.append(("start-up and imports", process_start, times.first_event))
    windows += [(step_phase(key), start, stop) for key, (start, stop) in times.intervals.items()]
    stolen: dict[str, float] = {}
    for phase, start, stop in windows:
        seconds = steal_between(samples, start, stop)
        if seconds is not None:
            stolen[phase] = stolen.get(phase, 0.0) + seconds
    return stolen


def _metadata_values(materialization) -> dict[str, object]:
    values = {}
    for key, value in (materialization.metadata or {}).items():
        raw = getattr(value, "value", value)
        values[key] = raw if isinstance(raw, (int, float, str, bool)) or raw is None else str(raw)
    return values


def read_step_times(dagster_home: Path, process_start: float, process_end: float) -> StepTimes:
    """Step durations and phases of the newest run of the instance at ``dagster_home``."""
    from dagster import DagsterEventType, DagsterInstance

    instance = DagsterInstance.from_config(str(dagster_home))
    try:
        runs = instance.get_runs(limit=1)
        if not runs:
            return StepTimes(None, None)
        run = runs[0]
        entries = instance.all_logs(run.run_id)
        starts: dict[str, float] = {}
        intervals: dict[str, tuple[float, float]] = {}
        nlp_metadata: dict[str, object] = {}
        run_start = None
        for entry in entries:
            kind = entry.dagster_event_type
            if kind == DagsterEventType.RUN_START:
                run_start = entry.timestamp
            elif kind == DagsterEventType.STEP_START and entry.step_key:
                starts[entry.step_key] = entry.timestamp
            elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE) \
                    and entry.step_key in starts:
                intervals[entry.step_key] = (starts[entry.step_key], entry.timestamp)
            elif kind == DagsterEventType.ASSET_MATERIALIZATION and entry.step_key == "annotations":
                nlp_metadata = _metadata_values(entry.asset_materialization)
        stamps = [entry.timestamp for entry in entries] or [process_start]
        phases = phase_breakdown(intervals, process_start, process_end, min(stamps), max(stamps),
                                 run_start)
        steps = {key: stop - start for key, (start, stop) in intervals.items()}
        return StepTimes(run.run_id, run.status.value, steps, phases, nlp_metadata, len(entries),
                         intervals, min(stamps))
    finally:
        instance.dispose()
