"""Benchmark results -> table of measurements against the issue-7 targets, text and Markdown.

Pure functions over the plain-dict result ``communique.bench`` builds (the same
dict is written as JSON), so the formatting can be tested on a fake result.
Targets are reported as met or missed; nothing here asserts.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from communique.bench_process import clock_stepped

GB = 1024 ** 3
MIB = 1024 ** 2
READOUTS_SIZE = 1410          # the size the "1.5x" and re-run targets are stated for
FIXED_COST_LIMIT_S = 15.0
RERUN_LIMIT_S = 10.0
INCREMENT_ALLOWANCE_S = 15.0
NLP_RATIO_LIMIT = 1.05
MEMORY_LIMIT_BYTES = 1.5 * GB


def job_ratio_limit(size: int) -> float:
    """Full job / raw spaCy wall: 1.5x on the readouts, 1.2x on larger corpora."""
    return 1.5 if size <= READOUTS_SIZE else 1.2


def _get(result: dict, *path: str):
    value = result
    for key in path:
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    return value


@dataclass(frozen=True)
class Row:
    """One measurement: how to read it from a size's result, how to show it, its target."""

    name: str
    value: Callable[[dict], float | None]
    unit: str = "s"
    target: str = ""
    met: Callable[[dict, float], bool] | None = None


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "GB":
        return f"{value / GB:.2f} GB"
    if unit == "MiB":
        return f"{value / MIB:,.1f} MiB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "words/s":
        return f"{value:,.0f} words/s"
    if unit == "":
        return f"{value:,.0f}"
    return f"{value:.1f} s"


def _increment_budget(result: dict) -> float | None:
    raw_new = _get(result, "raw_new", "wall_s")
    return None if raw_new is None else INCREMENT_ALLOWANCE_S + raw_new


def job_outcomes(result: dict) -> str:
    """"ok" per job run of a size, or which runs failed (their timings are not comparable)."""
    runs = {"empty": result.get("job"), "re-run": result.get("rerun"), "+1%": result.get("increment")}
    failed = [name for name, run in runs.items() if run and run.get("returncode") not in (0, None)]
    return "all succeeded" if not failed else "FAILED: " + ", ".join(failed)


ROWS: tuple[Row, ...] = (
    Row("documents (distinct texts)", lambda r: r.get("documents"), ""),
    Row("words (whitespace tokens)", lambda r: r.get("words"), ""),
    Row("raw spaCy: whole process", lambda r: _get(r, "raw", "wall_s")),
    Row("raw spaCy: nlp.pipe alone", lambda r: _get(r, "raw", "pipe_s")),
    Row("raw spaCy: best batch size", lambda r: _get(r, "raw", "batch_size"), ""),
    Row("raw spaCy: throughput (whole process)", lambda r: _get(r, "raw", "words_per_s"), "words/s"),
    Row("full job from empty warehouse", lambda r: _get(r, "job", "wall_s")),
    Row("full job: throughput", lambda r: _get(r, "job", "words_per_s"), "words/s"),
    Row("full job / raw spaCy (whole process)", lambda r: _get(r, "job", "ratio_to_raw"), "x",
        "<= 1.5x (1,410) / 1.2x (5,000)", lambda r, v: v <= job_ratio_limit(r["size"])),
    Row("CPU time, raw spaCy (process tree)", lambda r: _get(r, "raw", "cpu_s")),
    Row("CPU time, full job (process tree)", lambda r: _get(r, "job", "cpu_s")),
    Row("CPU time, full job / raw spaCy", lambda r: _get(r, "job", "cpu_ratio_to_raw"), "x"),
    Row("machine: CPU stolen by the hypervisor during raw spaCy", lambda r: _get(r, "raw", "steal_s")),
    Row("machine: CPU stolen by the hypervisor during the full job", lambda r: _get(r, "job", "steal_s")),
    Row("  of it during the fixed cost", lambda r: _get(r, "job", "fixed_steal_s")),
    Row("machine: CPU of other processes during raw spaCy", lambda r: _get(r, "raw", "others_cpu_s")),
    Row("machine: CPU of other processes during the full job", lambda r: _get(r, "job", "others_cpu_s")),
    Row("NLP step", lambda r: _get(r, "job", "nlp_s")),
    Row("  NLP step: extraction proper (asset metadata)",
        lambda r: _get(r, "job", "nlp_metadata", "elapsed_s")),
    Row("  NLP step: CPU of the run's process (dbt parse, spooling)",
        lambda r: _get(r, "job", "nlp_metadata", "run_process_cpu_s")),
    Row("NLP step / raw nlp.pipe", lambda r: _get(r, "job", "nlp_ratio_to_raw_pipe"), "x",
        f"<= {NLP_RATIO_LIMIT}x", lambda r, v: v <= NLP_RATIO_LIMIT),
    Row("fixed cost (job - NLP step)", lambda r: _get(r, "job", "fixed_s"), "s",
        f"<= {FIXED_COST_LIMIT_S:.0f} s", lambda r, v: v <= FIXED_COST_LIMIT_S),
    *(Row(f"  fixed: {phase}", (lambda p: lambda r: _get(r, "job", "phases", p))(phase))
      for phase in ("start-up and imports", "run set-up", "ingest", "dbt", "checks", "publish",
                    "after publish", "orchestration between steps", "shut-down")),
    Row("median of pairs: full job / raw spaCy", lambda r: _get(r, "pairs_median", "ratio_to_raw"), "x",
        "<= 1.5x (1,410) / 1.2x (5,000)", lambda r, v: v <= job_ratio_limit(r["size"])),
    Row("median of pairs: NLP step / raw nlp.pipe",
        lambda r: _get(r, "pairs_median", "nlp_ratio_to_raw_pipe"), "x",
        f"<= {NLP_RATIO_LIMIT}x", lambda r, v: v <= NLP_RATIO_LIMIT),
    Row("median of pairs: fixed cost", lambda r: _get(r, "pairs_median", "fixed_s"), "s",
        f"<= {FIXED_COST_LIMIT_S:.0f} s", lambda r, v: v <= FIXED_COST_LIMIT_S),
    Row("no-change re-run", lambda r: _get(r, "rerun", "wall_s"), "s",
        f"<= {RERUN_LIMIT_S:.0f} s (1,410)",
        lambda r, v: v <= RERUN_LIMIT_S if r["size"] <= READOUTS_SIZE else None),
    Row("1% new documents: run", lambda r: _get(r, "increment", "wall_s"), "s",
        f"<= {INCREMENT_ALLOWANCE_S:.0f} s + raw spaCy(new)",
        lambda r, v: v <= _increment_budget(r) if _increment_budget(r) is not None else None),
    Row("1% new documents: raw spaCy(new)", lambda r: _get(r, "raw_new", "wall_s")),
    Row("peak memory, full job (process tree)", lambda r: _get(r, "job", "peak_rss_bytes"), "GB",
        "<= 1.5 GB", lambda r, v: v <= MEMORY_LIMIT_BYTES),
    Row("peak memory, raw spaCy (process tree)", lambda r: _get(r, "raw", "peak_rss_bytes"), "GB"),
    Row("memory, full job: 90th percentile of samples", lambda r: _get(r, "job", "rss_p90_bytes"), "MiB"),
    Row("memory, full job: 99th percentile of samples", lambda r: _get(r, "job", "rss_p99_bytes"), "MiB"),
)


def _cell(row: Row, result: dict) -> str:
    value = row.value(result)
    text = _fmt(value, row.unit)
    if row.met is not None and value is not None:
        verdict = row.met(result, value)
        if verdict is not None:
            text += " (met)" if verdict else " (MISSED)"
    return text


@dataclass(frozen=True)
class MemoryGrowth:
    """How much higher one of the job's memory figures (its peak, or a percentile of its
    samples) was at the largest measured size than at the smallest."""

    bytes: float
    smallest: float  # the figure at the smallest size
    largest_label: str

    def cell(self) -> str:
        return f"{self.bytes / MIB:+,.1f} MiB ({self.bytes / self.smallest:+.1%})"


def memory_growth(results: list[dict], key: str = "peak_rss_bytes") -> MemoryGrowth | None:
    """None with fewer than two sizes measured. No tolerance: two runs of the same code at
    one size have differed by about 1 MiB, far less than any allowance in percent would hide.
    ``key``: which of the job's memory figures (its peak, or a percentile of its samples)."""
    sized = sorted((r["size"], _get(r, "job", key), r["label"]) for r in results)
    sized = [item for item in sized if item[1]]
    if len(sized) < 2:
        return None
    (_, smallest, _), (_, largest, label) = sized[0], sized[-1]
    return MemoryGrowth(largest - smallest, smallest, label)


def table_rows(results: list[dict]) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the measurement table, one column per corpus size."""
    header = ["measurement", *(r["label"] for r in results), "target"]
    rows = [["job runs", *(job_outcomes(r) for r in results), "all succeeded"]]
    rows += [[row.name, *(_cell(row, r) for r in results), row.target] for row in ROWS]
    growth = memory_growth(results)
    verdict = "n/a (one size)" if growth is None else ("met" if growth.bytes <= 0 else "MISSED")
    rows.append(["peak memory, largest size against smallest", *_growth_cells(growth, results),
                 f"no higher: {verdict}"])
    usual = memory_growth(results, "rss_p99_bytes")
    if usual is not None:  # beside the target, not a target: how high the job was most of the time
        rows.append(["99th percentile of memory, largest size against smallest",
                     *_growth_cells(usual, results), "(no target)"])
    return header, rows


def _growth_cells(growth: MemoryGrowth | None, results: list[dict]) -> list[str]:
    """The growth in the largest size's column, nothing in the others."""
    return [growth.cell() if growth and r["label"] == growth.largest_label else "" for r in results]


def format_text(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    render = lambda line: "  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip()  # noqa: E731
    return "\n".join([render(header), render(["-" * w for w in widths]), *map(render, rows)])


def tuning_note(results: list[dict]) -> str:
    """How raw spaCy's batch size was chosen, per corpus (nlp.pipe words/s per candidate)."""
    parts = []
    for result in results:
        trials = result.get("raw_tuning") or []
        tried = ", ".join(f"{t['batch_size']}: {t['pipe_words_per_s']:,.0f}" for t in trials
                          if t.get("pipe_words_per_s"))
        if tried:
            parts.append(f"{result['label']} on its first {trials[0]['documents']} documents "
                         f"(batch size: words/s) {tried}")
    return ("Raw spaCy's batch size is the best of a few tried: " + "; ".join(parts) + "."
            if parts else "Raw spaCy's batch size was not tuned (one candidate).")


def _clock_remark(step_s: float | None) -> str:
    if not clock_stepped(step_s):
        return ""
    return f" (the system clock stepped {step_s:+.1f} s against the monotonic one: left out of the medians)"


def clock_note(results: list[dict]) -> str:
    """The table's own runs during which the system clock stepped (their phases are off)."""
    stepped = [f"{result['label']} {name} {run['clock_step_s']:+.1f} s"
               for result in results for name in ("raw", "job", "rerun", "increment")
               if clock_stepped((run := result.get(name) or {}).get("clock_step_s"))]
    return ("The system clock stepped against the monotonic one during: " + ", ".join(stepped)
            + " (phases and NLP times of those runs come from system-clock timestamps).") if stepped else ""


def peak_note(results: list[dict]) -> str:
    """What each job from empty held at its peak: when, and each process's share."""
    parts = []
    for result in results:
        job = result.get("job") or {}
        members = job.get("peak_members")
        if not members or job.get("peak_at_s") is None:
            continue
        shares = ", ".join(f"{role} {rss / MIB:,.0f}" for role, rss in members)
        parts.append(f"{result['label']} {job['peak_rss_bytes'] / MIB:,.1f} MiB at "
                     f"{job['peak_at_s']:.1f} s of {job['wall_s']:.1f} s ({shares})")
    return ("Peak memory of the job from empty, by process (MiB): " + "; ".join(parts) + "."
            if parts else "")


def steal_note(results: list[dict]) -> str:
    """CPU the hypervisor took during each job from empty, by phase (phases with none left
    out): a slow phase during which the VM was not fully this machine's says so."""
    parts = []
    for result in results:
        stolen = (result.get("job") or {}).get("steal_by_phase") or {}
        shares = ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in stolen.items()
                           if round(seconds, 1) > 0)
        if shares:
            parts.append(f"{result['label']} {shares}")
    return ("CPU stolen by the hypervisor during the job from empty, by phase (s): "
            + "; ".join(parts) + ".") if parts else ""


def pairs_note(results: list[dict]) -> str:
    """Each pair of raw spaCy and job runs behind the medians (``--pairs``), per corpus."""
    parts = []
    for result in results:
        pairs = result.get("pairs") or []
        if len(pairs) < 2:
            continue
        shown = "; ".join(
            f"{p['raw_wall_s']:.1f} / {p['job_wall_s']:.1f} s = {_fmt(p.get('ratio_to_raw'), 'x')}, "
            f"NLP {_fmt(p.get('nlp_ratio_to_raw_pipe'), 'x')}, fixed {_fmt(p.get('fixed_s'), 's')}, "
            f"CPU {_fmt(p.get('cpu_ratio_to_raw'), 'x')}"
            f"{_clock_remark(p.get('clock_step_s'))}"
            for p in pairs)
        parts.append(f"{result['label']}, {len(pairs)} pairs of raw spaCy / job from empty: {shown}")
    return ". ".join(parts) + "." if parts else ""


def format_markdown(header: list[str], rows: list[list[str]], machine: dict, note: str = "") -> str:
    escape = lambda cell: cell.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    lines.append("")
    lines.append(f"Machine: {describe_machine(machine)}.")
    if note:
        lines.append(note)
    return "\n".join(lines)


def describe_machine(machine: dict) -> str:
    return (f"{machine.get('cpu_model', 'unknown CPU')}, {machine.get('cores')} cores, "
            f"{machine.get('ram_bytes', 0) / GB:.0f} GB RAM, Python {machine.get('python')}, "
            f"load average {machine.get('load_average_at_start')} at start, "
            f"{_bytecode_state(machine)}")


def _bytecode_state(machine: dict) -> str:
    if machine.get("venv_has_bytecode") or machine.get("pycache_prefix"):
        return "bytecode cached"
    if machine.get("python_dont_write_bytecode"):
        return "no bytecode (every process recompiles its imports)"
    return "bytecode written on first import"


def machine_description() -> dict:
    """Cores, RAM, CPU model and Python version of this machine."""
    import psutil

    cpu_model = None
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    import sys

    site_packages = Path(psutil.__file__).resolve().parent.parent
    return {"cpu_model": cpu_model or platform.processor() or None, "cores": os.cpu_count(),
            # imports recompile every module when the venv holds no bytecode and none may be written
            "python_dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
            "pycache_prefix": os.environ.get("PYTHONPYCACHEPREFIX"),
            "venv_has_bytecode": any(site_packages.glob("dagster/__pycache__/*.pyc")),
            "python_executable": sys.executable,
            "ram_bytes": psutil.virtual_memory().total, "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def write_report(report: dict, bench_dir: Path) -> tuple[Path, Path]:
    """``report-<timestamp>.json`` and a copy as ``latest.json``."""
    bench_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2, default=str)
    dated, latest = bench_dir / f"report-{stamp}.json", bench_dir / "latest.json"
    dated.write_text(text)
    latest.write_text(text)
    return dated, latest
