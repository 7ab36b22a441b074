"""``python -m communique.run [--rebuild]``: build and publish the warehouse once (``make run``).

Executes the Dagster ``nightly`` job in this process, then prints a short
summary; on failure prints every failed step and quality check with a sample
of the offending rows and exits 1 (the published warehouse is left as it was).
Heavy modules (Dagster, spaCy, dbt) are imported only once a run starts.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from pathlib import Path

from communique.config import Settings, load_settings
from communique.memory import arrow_on_system_allocator, large_blocks_mapped

SUMMARY_QUERIES = {
    "documents": "SELECT count(*) FROM main.dim_documents",
    "meetings": "SELECT count(*) FROM main.fct_meetings",
    "pledges": "SELECT count(*) FROM main.fct_pledges",
    "figures": "SELECT count(*) FROM main.fct_tourism_figures",
    "rejected": "SELECT count(*) FROM main.rejected_documents",
}


def published_counts(warehouse: Path) -> dict[str, int]:
    """Row counts of the published warehouse (read-only)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {name: con.execute(sql).fetchone()[0] for name, sql in SUMMARY_QUERIES.items()}
    finally:
        con.close()


def forget_everything_extracted(settings: Settings) -> None:
    """``--rebuild``: drop the extraction cache and the published fingerprint."""
    from communique import spool, store
    from communique.publish import write_published_fingerprint

    spool.discard(spool.spool_dir(settings.work_db))
    if settings.work_db.exists():
        store.forget_extractions(settings.work_db)
    write_published_fingerprint(settings, None)


def _print_failure(outcome) -> None:
    print(f"communique: run {outcome.run_id} FAILED; the published warehouse was not changed.",
          file=sys.stderr)
    for step, message in outcome.failed_steps.items():
        print(f"  step {step}: {message.splitlines()[0] if message else 'failed'}", file=sys.stderr)
    for check in outcome.failed_checks:
        print(f"  check {check.asset} / {check.name}: {check.description}", file=sys.stderr)
        for key, value in check.metadata.items():
            text = value if len(value) < 2000 else value[:2000] + " ..."
            print(f"    {key}: {text}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m communique.run", description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true",
                        help="forget the extraction cache and re-extract every document")
    args = parser.parse_args(argv)
    started = time.monotonic()
    # Start-up imports leave ~300,000 objects that live as long as the run, and the cyclic
    # collector traversed them again and again while they were made (515 young, 4 full
    # collections): 4.5-4.7 s of CPU to import the definitions with it, 3.7-4.3 s without
    # (four each, measured beside a running benchmark). So it is off until they are
    # loaded, and what they made is then kept out of its sight (``gc.freeze``).
    gc.disable()
    try:
        arrow_on_system_allocator()  # before the scan and the workers' start
        large_blocks_mapped()
        settings = load_settings()
        if args.rebuild:
            forget_everything_extracted(settings)
        from communique.runner import likely_work, start_pool_early

        expected = likely_work(settings)
        if expected is not None:  # workers load spaCy while Dagster starts and ingests
            start_pool_early(settings, expected)

        from communique.dbt_prepare import allow_preparing
        from orchestration.launch import execute_nightly
        import orchestration.definitions  # noqa: F401  (loaded here, before the collector is back)
    finally:
        gc.freeze()
        gc.enable()
    allow_preparing()  # every step runs in this process: dbt may parse during the NLP step

    # dbt's own progress lines go to a log file; Dagster's log lines stay on stderr
    log_path = settings.state_dir / "last_run.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        outcome = execute_nightly()
    elapsed = time.monotonic() - started
    if not outcome.success:
        _print_failure(outcome)
        print(f"  dbt output: {log_path}", file=sys.stderr)
        return 1
    counts = published_counts(settings.warehouse) if settings.warehouse.is_file() else {}
    state = "published" if outcome.published else "unchanged (nothing new)"
    print(f"communique: {state} {settings.warehouse} in {elapsed:.1f}s")
    print("  " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    return 0


def exit_now(code: int) -> None:
    """Exit without tearing down the interpreter.

    By now every database is committed and closed, the worker pool has shut down
    and the run is recorded; what is left is freeing Dagster's, dbt's, GX's and
    pandas' module graphs object by object, about 2 s on every run. The exit
    handlers still run (logging is flushed, multiprocessing releases its
    semaphores), then the process leaves."""
    import atexit

    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
