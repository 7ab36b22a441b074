"""Run one command as a child process: wall time, CPU time and peak resident memory of its tree.

Memory is the sum of RSS over the child and all its descendants (spaCy
workers, dbt), sampled every 50 ms with psutil, because the peak a machine
must hold is the tree's, not one process's. The sample that set the peak is
kept whole (when, and each process's share), so a peak can be explained, not
only reported: a tree's peak is a maximum over time, and which processes were
high together at that moment says where to cut. Percentiles of all the samples
say how high the tree was most of the time: a run 30 times longer meets the top
of its processes' swings together more often, so its peak can be higher while its
99th percentile is not.

Wall time is read on the monotonic clock, and the system clock is read beside it:
on this project's VM the system clock has been seen to step forward in the middle
of a run (one job: 62.4 s monotonic, 77 s between its first and last log lines),
and a job's phases come from its event log's system-clock timestamps, so such a run
cannot be split into phases. ``clock_step_s`` says by how much the clocks parted.

CPU time is the kernel's account for the child at its exit (``wait4``): its own user and
system time plus that of every descendant it waited for (spaCy's and the job's workers).
Beside wall time it says whether a run was slower for doing more work or for waiting.

What the rest of the machine did meanwhile is read from ``/proc/stat`` at every sample:
CPU time the hypervisor took from this VM (steal) and CPU time of processes outside the
measured tree (the machine's busy time less the tree's and this process's own), so a run
that was slow because the VM was not fully its own says so. Steal is kept per sample, so
it can be split by a job's phases.
"""

from __future__ import annotations

import bisect
import os
import subprocess
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import psutil

SAMPLE_EVERY_S = 0.05


class MachineCpu(NamedTuple):
    """The whole machine's CPU account at one moment (seconds since boot, all cores)."""

    at: float      # Unix time of the reading
    busy_s: float  # user, nice, system, irq and softirq time (a guest's time is inside user)
    steal_s: float  # time the hypervisor ran something else while this VM wanted the CPU


def machine_cpu() -> MachineCpu | None:
    """The machine's CPU account (psutil's reading of ``/proc/stat``; None where it has no
    steal column, off Linux)."""
    times = psutil.cpu_times()
    if not hasattr(times, "steal"):
        return None
    busy = times.user + times.nice + times.system + times.irq + times.softirq
    return MachineCpu(time.time(), busy, times.steal)


def steal_between(samples: Sequence[MachineCpu], start: float, end: float) -> float | None:
    """Steal seconds between Unix times ``start`` and ``end``, read from the first sample at
    or after each (so to within a sampling interval); None when no sample falls inside."""
    times = [sample.at for sample in samples]
    first, last = bisect.bisect_left(times, start), bisect.bisect_left(times, end)
    if first >= len(samples):
        return None
    last = min(last, len(samples) - 1)
    return samples[last].steal_s - samples[first].steal_s if last > first else 0.0


@dataclass(frozen=True)
class ProcessRun:
    argv: list[str]
    returncode: int
    started_at: float        # Unix time just before the child was spawned
    wall_s: float
    peak_rss_bytes: int
    peak_processes: int      # most processes seen alive at once in the tree
    log_path: str
    clock_step_s: float = 0.0  # system-clock time elapsed minus monotonic wall time
    peak_at_s: float | None = None  # when the peak sample was taken, seconds after the start
    peak_members: tuple[tuple[str, int], ...] = ()  # (role, RSS bytes) of each process then
    cpu_s: float | None = None  # user + system seconds of the tree (None: not measured)
    rss_percentiles: tuple[tuple[int, int], ...] = ()  # (percent, tree RSS bytes) over the samples
    steal_s: float | None = None  # CPU the hypervisor took from the machine during the run
    # CPU of processes outside the tree and this one: the kernel's tick account less the tree's
    # exact one, so within a few hundredths of a second either side of zero on a quiet machine
    others_cpu_s: float | None = None
    machine: tuple[MachineCpu, ...] = ()  # the machine's account at each sample


RSS_PERCENTILES = (50, 90, 99)


def percentile(values: list[int], percent: int) -> int:
    """The nearest-rank ``percent``-th percentile of ``values`` (not empty): the smallest
    value that at least ``percent`` % of them do not exceed."""
    ordered = sorted(values)
    rank = max(1, -(-percent * len(ordered) // 100))  # ceil, at least the first
    return ordered[rank - 1]


CLOCK_TOLERANCE_S = 0.5  # clocks parting by more than this mark a run's phases unreliable


def clock_stepped(step_s: float | None) -> bool:
    """Whether a run's clocks parted by more than ``CLOCK_TOLERANCE_S`` (None: not recorded)."""
    return abs(step_s or 0.0) > CLOCK_TOLERANCE_S


def tree_members(root: psutil.Process, previous: Collection[int] = frozenset(),
                 ) -> tuple[list[tuple[psutil.Process, int]], set[int]]:
    """(process, RSS in bytes) of ``root`` and each of its live descendants that counts, and
    the pids of all of them (the next sample's ``previous``).

    A fork that has not exec'd yet and was not in the ``previous`` sample does not count:
    starting a program forks the running process first, and until the child's ``exec`` its
    RSS is the parent's own pages again. A sample that fell in that moment counted a 344 MiB
    run's process twice (one 1,410-readout job's peak: 1,254 MiB at 4.0 s, beside a member
    that had exited by the time its name was read). A fork that lives on without exec (raw
    spaCy's ``nlp.pipe`` workers) counts from its second sample, 50 ms later. The flag is
    read before the RSS, so a child that execs in between is not counted at its parent's size."""
    try:
        members = [root, *root.children(recursive=True)]
    except psutil.Error:
        return [], set()
    sizes = []
    for member in members:
        if member.pid not in previous and forked_not_exec(member.pid):
            continue
        try:
            sizes.append((member, member.memory_info().rss))
        except psutil.Error:  # exited between listing and reading
            continue
    return sizes, {member.pid for member in members}


_PF_FORKNOEXEC = 0x40  # Linux task flag: forked, has not called exec yet


def forked_not_exec(pid: int) -> bool:
    """Whether process ``pid`` is a fork that has not yet replaced its program (False when
    unknown: gone, or not Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return len(fields) > 6 and fields[6].isdigit() and bool(int(fields[6]) & _PF_FORKNOEXEC)


def process_role(process: psutil.Process, root: psutil.Process) -> str:
    """A short name for a member of the tree: "root", "worker" (a multiprocessing child
    running tasks), "resource tracker", the script a Python process runs (Dagster's
    ``watch_orphans.py`` beside each ``tail`` of its compute-log capture), or the
    executable's name."""
    if process.pid == root.pid:
        return "root"
    try:
        arguments = process.cmdline()
        name = process.name()
    except psutil.Error:
        return "gone"
    command = " ".join(arguments)
    if "resource_tracker" in command:
        return "resource tracker"
    if "multiprocessing" in command:
        return "worker"
    scripts = [Path(argument).name for argument in arguments[1:] if argument.endswith(".py")]
    return scripts[0] if scripts else name


class _TreeSampler(threading.Thread):
    """Background sampler of a process tree's RSS until told to stop."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.stopped = threading.Event()
        self.peak_rss = self.peak_processes = 0
        self.peak_at_s: float | None = None
        self.peak_members: tuple[tuple[str, int], ...] = ()
        self.totals: list[int] = []  # the tree's RSS at each sample with a process alive
        self.machine: list[MachineCpu] = []

    def run(self) -> None:
        started = time.perf_counter()
        previous: set[int] = set()
        while not self.stopped.is_set():
            sizes, previous = tree_members(self.root, previous)
            if (reading := machine_cpu()) is not None:
                self.machine.append(reading)
            rss = sum(size for _, size in sizes)
            if sizes:
                self.totals.append(rss)
            if rss > self.peak_rss:  # roles read only then: new peaks are rare after the start
                self.peak_rss, self.peak_at_s = rss, time.perf_counter() - started
                self.peak_members = tuple(sorted(
                    ((process_role(process, self.root), size) for process, size in sizes),
                    key=lambda member: -member[1]))
            self.peak_processes = max(self.peak_processes, len(sizes))
            self.stopped.wait(SAMPLE_EVERY_S)

    def percentiles(self) -> tuple[tuple[int, int], ...]:
        """(percent, tree RSS bytes) for each of ``RSS_PERCENTILES`` (none without samples)."""
        return tuple((percent, percentile(self.totals, percent))
                     for percent in RSS_PERCENTILES) if self.totals else ()


def run_measured(argv: list[str], env: dict[str, str], log_path: Path,
                 cwd: Path | None = None) -> ProcessRun:
    """Run ``argv`` to completion, stdout+stderr to ``log_path``; never raises on failure."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        before, own_before = machine_cpu(), time.process_time()
        started_at = time.time()
        clock = time.perf_counter()
        child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(child.pid)
        sampler.start()
        returncode, cpu_s = wait_with_cpu(child)
        wall_s = time.perf_counter() - clock
        clock_step_s = (time.time() - started_at) - wall_s
        after = machine_cpu()
        sampler.stopped.set()
        sampler.join()
        own_cpu_s = time.process_time() - own_before  # the sampler's reads, mostly
    steal_s = others_cpu_s = None
    if before is not None and after is not None:
        steal_s = after.steal_s - before.steal_s
        if cpu_s is not None:
            others_cpu_s = after.busy_s - before.busy_s - cpu_s - own_cpu_s
    machine = tuple(sorted((reading for reading in (before, *sampler.machine, after) if reading),
                           key=lambda reading: reading.at))
    return ProcessRun(argv, returncode, started_at, wall_s, sampler.peak_rss,
                      sampler.peak_processes, str(log_path), clock_step_s,
                      sampler.peak_at_s, sampler.peak_members, cpu_s, sampler.percentiles(),
                      steal_s, others_cpu_s, machine)


def wait_with_cpu(child: subprocess.Popen) -> tuple[int, float | None]:
    """Wait for ``child``: its exit code, and the CPU seconds (user + system) of it and the
    descendants it reaped (None where ``os.wait4`` does not exist)."""
    if not hasattr(os, "wait4"):
        return child.wait(), None
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_utime + usage.ru_stime
