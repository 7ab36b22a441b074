"""``make bench``: end-to-end throughput, fixed cost, re-runs and memory against raw spaCy.

For each corpus size, side by side on the same cleaned texts: raw spaCy in a
separate process (batch size tuned over a few candidates on a prefix of the
texts), the full ``nightly`` job (``python -m communique.run``) from an empty
warehouse, a no-change re-run, and a run after adding 1% held-out documents.
Prints a table against the issue-7 targets and writes
``data/bench/report-<timestamp>.json`` and ``data/bench/latest.json``.
A benchmark, not a test: it never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from communique import bench_report
from communique.bench_corpus import (ARCHIVE, CORPUS_DIR, READOUTS_DIR, CorpusPlan, TextSet,
                                     cleaned_texts, link_files, plan_corpus, write_texts)
from communique.bench_process import ProcessRun, clock_stepped, run_measured
from communique.config import REPO_ROOT, load_settings

BENCH_DIR = REPO_ROOT / "data" / "bench"
DEFAULT_SIZES = "1410,5000"
DEFAULT_BATCH_SIZES = "16,32,64,128"
QUICK_SIZE = 100
QUICK_BATCH_SIZES = "16,32"
# Pairs of raw spaCy and the job per size when --pairs is not given. At the readouts, runs of
# the same code part by more than the 5% the NLP step is allowed (NLP step / raw nlp.pipe
# 0.97x, 1.03x, 1.12x in three pairs back to back): one pair cannot settle it, the median of
# three (3 minutes more) can do better. A pair at the 5,000-document slice takes 37 minutes.
READOUT_PAIRS = 3
QUIET_ENV = {"DAGSTER_DISABLE_TELEMETRY": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
             "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- raw spaCy

def raw_spacy(texts: Path, out_dir: Path, name: str, model: str, batch_size: int,
              n_process: int) -> dict:
    """One raw-spaCy process over ``texts``: its timings, wall time and peak memory."""
    from extract.pipeline import DISABLED_COMPONENTS

    out = out_dir / f"{name}.json"
    argv = [sys.executable, "-m", "communique.bench_raw", str(texts), str(out), "--model", model,
            "--exclude", ",".join(DISABLED_COMPONENTS), "--batch-size", str(batch_size),
            "--n-process", str(n_process)]
    run = run_measured(argv, {**os.environ, **QUIET_ENV}, out_dir / f"{name}.log", cwd=REPO_ROOT)
    timings = json.loads(out.read_text()) if run.returncode == 0 and out.is_file() else {}
    return {**timings, "wall_s": run.wall_s, "cpu_s": run.cpu_s, "peak_rss_bytes": run.peak_rss_bytes,
            "returncode": run.returncode, "log": run.log_path, "clock_step_s": run.clock_step_s,
            "steal_s": run.steal_s, "others_cpu_s": run.others_cpu_s}


def prefix_texts(texts: TextSet, count: int, path: Path) -> TextSet:
    """The first ``count`` lines of a text set (what the batch size is tuned on)."""
    with texts.path.open(encoding="utf-8") as lines:
        chosen = [json.loads(line) for _, line in zip(range(count), lines)]
    return write_texts(((item["id"], item["text"]) for item in chosen), path)


def tune_batch_size(texts: TextSet, out_dir: Path, model: str, candidates: list[int],
                    n_process: int, tune_docs: int) -> tuple[int, list[dict]]:
    """Best ``nlp.pipe`` words/s over the candidates, on the first ``tune_docs`` texts."""
    if len(candidates) == 1:
        return candidates[0], []
    sample = prefix_texts(texts, tune_docs, out_dir / "tune-texts.jsonl")
    trials = []
    for size in candidates:
        timing = raw_spacy(sample.path, out_dir, f"tune-bs{size}", model, size, n_process)
        pipe_s = timing.get("pipe_s")
        trials.append({"batch_size": size, "documents": sample.documents, "pipe_s": pipe_s,
                       "pipe_words_per_s": sample.words / pipe_s if pipe_s else None})
        _log(f"tuning: batch size {size}: nlp.pipe {pipe_s and round(pipe_s, 1)} s")
    measured = [t for t in trials if t["pipe_words_per_s"]]
    best = max(measured, key=lambda t: t["pipe_words_per_s"])["batch_size"] if measured else candidates[0]
    return best, trials


# ---------------------------------------------------------------- the job

def job_env(run_dir: Path, raw_dir: Path) -> dict[str, str]:
    """A fresh warehouse and Dagster instance (the project's ``dagster.yaml``, storage in the
    run directory) for this corpus; everything else inherited."""
    from orchestration.launch import instance_config_in

    home = run_dir / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(instance_config_in(home), encoding="utf-8")
    return {**os.environ, **QUIET_ENV, "COMMUNIQUE_RAW_DIR": str(raw_dir),
            "COMMUNIQUE_WAREHOUSE": str(run_dir / "warehouse" / "warehouse.duckdb"),
            "DAGSTER_HOME": str(home)}


def _manifest_mtime() -> float | None:
    manifest = REPO_ROOT / "dbt_project" / "target" / "manifest.json"
    return manifest.stat().st_mtime if manifest.is_file() else None


_PRIME_INSTANCE = """
from orchestration.launch import get_instance
get_instance().dispose()
"""

_PRIME_DBT = """
import os, subprocess
from communique.config import load_settings
from orchestration.marts import DBT_EXECUTABLE, DBT_PROJECT_DIR, dbt_target_dir
s = load_settings()
env = {**os.environ, "COMMUNIQUE_BUILD_PATH": str(s.builds_dir / s.warehouse.name),
       "COMMUNIQUE_WORK_DB": str(s.work_db)}
subprocess.run([DBT_EXECUTABLE, "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(dbt_target_dir(s))],
               cwd=DBT_PROJECT_DIR, env=env, check=True)
"""


def warm_up(env: dict[str, str], log_path: Path) -> dict:
    """Untimed, before the clock starts: load the job's definitions (a stale project manifest
    is re-parsed, the file cache is warm), create the Dagster instance's databases and parse
    the dbt project once with this deployment's profile, as its first night would have.
    dbt re-parses the whole project when the profile differs from its last parse; each
    deployment's profile names its own files, so only a deployment's very first night pays
    that (about 3 s more). Creating the instance's SQLite databases (Dagster stamps each with
    its migration history, loading every migration script) is also once per deployment:
    0.8 s against 1.3-1.6 s for the run's ``get_instance`` during a 1,410-readout job's
    start-up, measured on this project's VM in December 2026."""
    run = run_measured([sys.executable, "-c", "import orchestration.definitions\n" + _PRIME_INSTANCE
                        + _PRIME_DBT],
                       env, log_path, cwd=REPO_ROOT)
    return {"wall_s": run.wall_s, "returncode": run.returncode, "log": run.log_path}


def run_job(run_dir: Path, env: dict[str, str], name: str, words: int) -> dict:
    """``python -m communique.run`` once, with its phase breakdown from the event log."""
    from communique.bench_steps import read_step_times, steal_by_phase

    (run_dir / "warehouse").mkdir(parents=True, exist_ok=True)
    manifest_before = _manifest_mtime()
    run: ProcessRun = run_measured([sys.executable, "-m", "communique.run"], env,
                                   run_dir / f"{name}.log", cwd=REPO_ROOT)
    result = {"wall_s": run.wall_s, "cpu_s": run.cpu_s, "returncode": run.returncode,
              "peak_rss_bytes": run.peak_rss_bytes, "peak_processes": run.peak_processes,
              "words_per_s": words / run.wall_s if run.wall_s else None, "log": run.log_path,
              "dbt_manifest_reparsed": _manifest_mtime() != manifest_before,
              "clock_step_s": run.clock_step_s, "peak_at_s": run.peak_at_s,
              "peak_members": [list(member) for member in run.peak_members],
              "steal_s": run.steal_s, "others_cpu_s": run.others_cpu_s,
              **{f"rss_p{percent}_bytes": rss for percent, rss in run.rss_percentiles}}
    if run.returncode != 0:
        _log(f"{name}: the job FAILED (exit {run.returncode}); see {run.log_path}")
    try:
        steps = read_step_times(Path(env["DAGSTER_HOME"]), run.started_at,
                                run.started_at + run.wall_s + max(run.clock_step_s, 0.0))
    except Exception as error:  # no persisted run (ephemeral instance) or unreadable log
        result["steps_error"] = f"{type(error).__name__}: {error}"
        return result
    result.update(run_id=steps.run_id, status=steps.status, steps=steps.steps,
                  phases=steps.phases, nlp_s=steps.nlp_s, nlp_metadata=steps.nlp_metadata,
                  events=steps.events)
    if steps.nlp_s is not None:
        result["fixed_s"] = run.wall_s - steps.nlp_s
    result["steal_by_phase"] = steal_by_phase(run.machine, run.started_at, steps)
    if run.steal_s is not None and "nlp" in result["steal_by_phase"]:
        result["fixed_steal_s"] = max(run.steal_s - result["steal_by_phase"]["nlp"], 0.0)
    return result


# ---------------------------------------------------------------- one size

def prepare_texts(plan: CorpusPlan, run_dir: Path, max_file_bytes: int) -> tuple[TextSet, TextSet]:
    """Link the corpus into this run's raw dir; write its cleaned texts and the held-out ones."""
    raw_dir, extra_dir = run_dir / "raw", run_dir / "extra"
    link_files(plan.corpus.files, raw_dir)
    link_files(plan.extra.files, extra_dir)
    texts = write_texts(cleaned_texts(raw_dir, max_file_bytes), run_dir / "texts.jsonl")
    known = {json.loads(line)["id"] for line in texts.path.open(encoding="utf-8")}
    new = write_texts(((i, t) for i, t in cleaned_texts(extra_dir, max_file_bytes) if i not in known),
                      run_dir / "new-texts.jsonl")
    return texts, new


def measure_raw(texts: TextSet, new: TextSet, run_dir: Path, args, model: str) -> dict:
    """Raw spaCy over all texts (tuned batch size) and over the held-out texts alone."""
    candidates = [int(x) for x in args.batch_sizes.split(",") if x.strip()]
    best, trials = tune_batch_size(texts, run_dir, model, candidates, args.n_process, args.tune_docs)
    raw = raw_spacy(texts.path, run_dir, "raw-spacy", model, best, args.n_process)
    measured = bool(raw.get("pipe_s"))
    raw["words_per_s"] = texts.words / raw["wall_s"] if measured else None
    raw["pipe_words_per_s"] = texts.words / raw["pipe_s"] if measured else None
    raw["batch_size"] = best
    _log(f"raw spaCy: {raw['wall_s']:.1f} s whole, {raw.get('pipe_s') or 0:.1f} s nlp.pipe")
    raw_new = raw_spacy(new.path, run_dir, "raw-spacy-new", model, best, args.n_process) \
        if new.documents else None
    return {"raw_tuning": trials, "raw": raw, "raw_new": raw_new}


def _job_env(run_dir: Path, raw: dict, job_batch_size: str | None) -> dict[str, str]:
    env = job_env(run_dir, run_dir / "raw")
    if job_batch_size:
        env["COMMUNIQUE_BATCH_SIZE"] = str(raw["batch_size"] if job_batch_size == "tuned"
                                           else int(job_batch_size))
    return env


def _compare_to_raw(job: dict, raw: dict) -> dict:
    """``job`` with its ratios to the raw spaCy run measured beside it."""
    if raw.get("pipe_s"):
        job["ratio_to_raw"] = job["wall_s"] / raw["wall_s"]
        if job.get("cpu_s") and raw.get("cpu_s"):
            job["cpu_ratio_to_raw"] = job["cpu_s"] / raw["cpu_s"]
        if job.get("nlp_s") is not None:
            job["nlp_ratio_to_raw_pipe"] = job["nlp_s"] / raw["pipe_s"]
    return job


def measure_job(plan: CorpusPlan, run_dir: Path, texts: TextSet, new: TextSet, raw: dict,
                job_batch_size: str | None) -> dict:
    """From an empty warehouse, a no-change re-run, then with the held-out 1% added."""
    raw_dir = run_dir / "raw"
    env = _job_env(run_dir, raw, job_batch_size)
    result = {"job_batch_size": env.get("COMMUNIQUE_BATCH_SIZE"),
              "warm_up": warm_up(env, run_dir / "warm-up.log")}
    job = _compare_to_raw(run_job(run_dir, env, "job-empty", texts.words), raw)
    _log(f"job from empty warehouse: {job['wall_s']:.1f} s (exit {job['returncode']})")
    rerun = run_job(run_dir, env, "job-rerun", texts.words)
    _log(f"no-change re-run: {rerun['wall_s']:.1f} s")
    link_files(plan.extra.files, raw_dir)
    increment = run_job(run_dir, env, "job-plus-1pct", texts.words + new.words)
    _log(f"1% new documents: {increment['wall_s']:.1f} s")
    return {**result, "job": job, "rerun": rerun, "increment": increment}


PAIR_KEYS = ("ratio_to_raw", "nlp_ratio_to_raw_pipe", "fixed_s", "cpu_ratio_to_raw")


def _pair(raw: dict, job: dict) -> dict:
    steps = [run.get("clock_step_s") or 0.0 for run in (raw, job)]
    return {"raw_wall_s": raw.get("wall_s"), "raw_pipe_s": raw.get("pipe_s"),
            "job_wall_s": job.get("wall_s"), "job_returncode": job.get("returncode"),
            **{key: job.get(key) for key in ("nlp_s", *PAIR_KEYS)},
            "raw_steal_s": raw.get("steal_s"), "job_steal_s": job.get("steal_s"),
            "clock_step_s": max(steps, key=abs)}


def counts_in_medians(pair: dict) -> bool:
    """A pair whose job succeeded and during which the system clock did not step: a job's
    NLP step is timed on the system clock (its event log), its whole run on the monotonic
    one, so a step between them makes its fixed cost and NLP ratio wrong (a negative fixed
    cost, once)."""
    return pair.get("job_returncode") == 0 and not clock_stepped(pair.get("clock_step_s"))


def pairs_at(plan: CorpusPlan, pairs: int | None) -> int:
    """Pairs to run at ``plan``'s size: ``pairs`` when given, else READOUT_PAIRS up to the
    readouts' size and one above."""
    if pairs is not None:
        return pairs
    return READOUT_PAIRS if plan.size <= bench_report.READOUTS_SIZE else 1


def measure_more_pairs(plan: CorpusPlan, run_dir: Path, texts: TextSet, result: dict, args,
                       model: str) -> dict:
    """``--pairs N``: N - 1 more runs of raw spaCy then the job from an empty warehouse, back to
    back (each job in a fresh ``pair-K/``), and the median of each ratio over all N pairs.

    On a VM whose speed drifts by 10-30% over minutes, one raw run and one job minutes apart
    do not settle a ratio; pairs run close together, and their median, do better."""
    pairs = [_pair(result["raw"], result["job"])]
    for k in range(2, pairs_at(plan, args.pairs) + 1):
        pair_dir = run_dir / f"pair-{k}"
        raw = raw_spacy(texts.path, pair_dir, "raw-spacy", model, result["raw"]["batch_size"],
                        args.n_process)
        link_files(plan.corpus.files, pair_dir / "raw")
        env = _job_env(pair_dir, result["raw"], args.job_batch_size)
        warm_up(env, pair_dir / "warm-up.log")
        job = _compare_to_raw(run_job(pair_dir, env, "job-empty", texts.words), raw)
        pairs.append(_pair(raw, job))
        _log(f"pair {k}: raw spaCy {raw['wall_s']:.1f} s, job {job['wall_s']:.1f} s "
             f"({job.get('ratio_to_raw') or 0:.2f}x)")
    if len(pairs) < 2:
        return {"pairs": pairs}
    medians = {}
    for key in PAIR_KEYS:
        values = [p[key] for p in pairs if p.get(key) is not None and counts_in_medians(p)]
        medians[key] = statistics.median(values) if values else None
    return {"pairs": pairs, "pairs_median": medians}


def bench_size(plan: CorpusPlan, run_dir: Path, args, settings) -> dict:
    """Every measurement of one corpus size, as one JSON-ready dict."""
    texts, new = prepare_texts(plan, run_dir, settings.max_file_bytes)
    _log(f"{plan.corpus.label}: {texts.documents} documents, {texts.words:,} words; "
         f"{new.documents} held out")
    result = {"label": plan.corpus.label, "size": plan.size, "corpus_root": str(plan.corpus.root),
              "files": len(plan.corpus.files), "documents": texts.documents, "words": texts.words,
              "chars": texts.chars, "new_files": len(plan.extra.files),
              "new_documents": new.documents, "new_words": new.words, "run_dir": str(run_dir)}
    result.update(measure_raw(texts, new, run_dir, args, settings.spacy_model))
    result.update(measure_job(plan, run_dir, texts, new, result["raw"], args.job_batch_size))
    result.update(measure_more_pairs(plan, run_dir, texts, result, args, settings.spacy_model))
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m communique.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help="comma-separated corpus sizes: up to 1410 = the first N White House "
                             "readouts, larger = the first N archive documents (default %(default)s)")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK_SIZE} readouts, batch sizes {QUICK_BATCH_SIZES}")
    parser.add_argument("--batch-sizes", default=DEFAULT_BATCH_SIZES,
                        help="raw spaCy batch sizes to try; the best is reported (default %(default)s)")
    parser.add_argument("--tune-docs", type=int, default=512,
                        help="documents the batch size is tuned on (default %(default)s)")
    parser.add_argument("--n-process", type=int, default=settings.n_process,
                        help="raw spaCy processes, as the job's COMMUNIQUE_N_PROCESS (default %(default)s)")
    parser.add_argument("--job-batch-size", default=None,
                        help="COMMUNIQUE_BATCH_SIZE for the job: a number, or 'tuned' for raw spaCy's "
                             "best (default: the job's own setting)")
    parser.add_argument("--pairs", type=int, default=None,
                        help="runs of raw spaCy then the job from empty, back to back, at each "
                             "size; above 1 the table adds each ratio's median over the pairs "
                             f"(default: {READOUT_PAIRS} up to {bench_report.READOUTS_SIZE:,} "
                             "documents, 1 above)")
    parser.add_argument("--bench-dir", type=Path, default=BENCH_DIR)
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS_DIR,
                        help="holding whitehouse/ and whitehouse-full.tar.xz (default %(default)s)")
    parser.add_argument("--pycache-prefix", type=Path, default=None,
                        help="let every child process cache bytecode under this directory "
                             "(PYTHONPYCACHEPREFIX, PYTHONDONTWRITEBYTECODE unset): previews an "
                             "install with compiled bytecode without writing into the venv")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.batch_sizes, args.tune_docs = str(QUICK_SIZE), QUICK_BATCH_SIZES, QUICK_SIZE
        args.pairs = 1 if args.pairs is None else args.pairs
    return args


def use_bytecode_cache(prefix: Path) -> None:
    """Children inherit this: they write and read .pyc files under ``prefix``."""
    prefix.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix.resolve())
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.pycache_prefix:
        use_bytecode_cache(args.pycache_prefix)
    settings = load_settings()
    machine = bench_report.machine_description()
    stamp = time.strftime("%Y%m%dT%H%M%S")
    results = []
    for size in (int(x) for x in args.sizes.split(",") if x.strip()):
        plan = plan_corpus(size, args.bench_dir, args.corpus_dir / ARCHIVE.name,
                           args.corpus_dir / READOUTS_DIR.name)
        results.append(bench_size(plan, args.bench_dir / "runs" / f"{stamp}-{plan.corpus.label}",
                                  args, settings))
    header, rows = bench_report.table_rows(results)
    notes = " ".join(filter(None, (bench_report.tuning_note(results), bench_report.pairs_note(results),
                                   bench_report.peak_note(results), bench_report.steal_note(results),
                                   bench_report.clock_note(results))))
    markdown = bench_report.format_markdown(header, rows, machine, notes)
    report = {"machine": machine, "settings": {
        "spacy_model": settings.spacy_model, "job_batch_size": settings.batch_size,
        "job_n_process": settings.n_process, "raw_n_process": args.n_process,
        "raw_batch_size_candidates": args.batch_sizes, "tune_docs": args.tune_docs, "pairs": args.pairs,
        "pycache_prefix": args.pycache_prefix and str(args.pycache_prefix)},
        "results": results, "markdown": markdown}
    dated, latest = bench_report.write_report(report, args.bench_dir)
    print(bench_report.format_text(header, rows))
    print(f"\nMachine: {bench_report.describe_machine(machine)}")
    print(f"Report: {dated} (also {latest})\n\nMarkdown for the README:\n\n{markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
