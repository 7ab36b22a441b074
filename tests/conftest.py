"""Shared fixtures: run the real job (``python -m communique.run``) on copies of the seeds.

The full job is expensive (spaCy + dbt on a 2-core machine), so one seed run
is shared by the whole session (``seed_run``); tests that change state work
on a copy of its directory (``copy_run``), never on the original.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_RAW = REPO / "data" / "raw"
CORPUS = Path(os.environ.get("COMMUNIQUE_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
MARTS = ("dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
         "bridge_meeting_documents", "fct_pledges", "fct_tourism_figures", "rejected_documents")
QUIET = {"DAGSTER_DISABLE_TELEMETRY": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
         "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
JOB_TIMEOUT_S = 1200


@dataclass(frozen=True)
class RunDir:
    """One isolated deployment: raw input, published warehouse and its state beside it."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def state(self) -> Path:
        return self.root / "warehouse.state"

    @property
    def work_db(self) -> Path:
        return self.state / "work.duckdb"

    def env(self, **extra: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if key != "DAGSTER_HOME" and not key.startswith("COMMUNIQUE_TEST_")}
        env.update(QUIET, COMMUNIQUE_RAW_DIR=str(self.raw), COMMUNIQUE_WAREHOUSE=str(self.warehouse),
                   COMMUNIQUE_N_PROCESS="1", **extra)
        return env


# ---------------------------------------------------------------- running the job

def run_job(run_dir: RunDir, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m communique.run`` on ``run_dir``; returns the finished process."""
    return subprocess.run([sys.executable, "-m", "communique.run", *args], cwd=REPO,
                          env=run_dir.env(**env), capture_output=True, text=True, timeout=JOB_TIMEOUT_S)


def start_job(run_dir: RunDir, *args: str, **env: str) -> subprocess.Popen:
    """Start the job in its own process group (so a kill reaches its workers too)."""
    log = open(run_dir.root / "job.log", "ab")
    return subprocess.Popen([sys.executable, "-m", "communique.run", *args], cwd=REPO,
                            env=run_dir.env(**env), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def run_until_pause(run_dir: RunDir, point: str, *args: str, **env: str) -> None:
    """Run the job until it reaches pause point ``point``, then SIGKILL it (and its children)."""
    marker = run_dir.root / f"paused-at-{point}"
    marker.unlink(missing_ok=True)
    process = start_job(run_dir, *args, COMMUNIQUE_TEST_PAUSE_AT=point,
                        COMMUNIQUE_TEST_PAUSE_MARKER=str(marker), **env)
    deadline = time.monotonic() + JOB_TIMEOUT_S
    try:
        while not marker.exists():
            if process.poll() is not None:
                log = (run_dir.root / "job.log").read_text(errors="replace")[-4000:]
                raise AssertionError(f"job ended ({process.returncode}) before pause point {point}:\n{log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"job never reached pause point {point}")
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]


# ---------------------------------------------------------------- reading results

def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def mart_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every mart, in a stable order (for identity comparisons)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {mart: con.execute(f"SELECT * FROM main.{mart} ORDER BY ALL").fetchall() for mart in MARTS}
    finally:
        con.close()


def extraction_log(work_db: Path) -> dict[tuple[str, str], tuple]:
    """(document_id, kind) -> (extractor_version, extracted_at) of the work database."""
    rows = query(work_db, "SELECT document_id, kind, extractor_version, extracted_at FROM raw.extractions")
    return {(doc, kind): (version, at) for doc, kind, version, at in rows}


def spooled_log(work_db: Path) -> dict[tuple[str, str], tuple]:
    """(document_id, kind) -> (extractor_version, extracted_at) of the batches spooled beside
    ``work_db`` and not loaded yet (``communique.spool``)."""
    from communique import spool

    log = spool.complete_batches(spool.spool_dir(work_db)).reader(spool.LOG)
    rows = log.read_all().to_pylist() if log is not None else []
    return {(row["document_id"], row["kind"]): (row["extractor_version"], row["extracted_at"])
            for row in rows}


def copy_dir(source: RunDir, destination: Path) -> RunDir:
    shutil.copytree(source.root, destination, ignore=shutil.ignore_patterns("job.log", "paused-at-*"))
    return RunDir(destination)


# ---------------------------------------------------------------- the shared seed run

@functools.cache
def built_seed_run() -> RunDir:
    """The seeds (data/raw/*) run once through the whole job, for the whole session."""
    run_dir = RunDir(Path(tempfile.mkdtemp(prefix="communique-seed-run-")))
    shutil.copytree(SEED_RAW, run_dir.raw)
    result = run_job(run_dir)
    assert_ok(result)
    (run_dir.root / "seed-run.log").write_text(result.stderr, encoding="utf-8")  # Dagster's log lines
    return run_dir


@pytest.fixture(scope="session")
def seed_run() -> RunDir:
    """The shared seed run (also the analyst tests' warehouse); treat as read-only."""
    return built_seed_run()


def code_versions() -> tuple:
    """Extractor versions and dbt project files now (they change when the tree is edited)."""
    from communique.config import load_settings
    from extract.versions import extractor_versions

    settings = load_settings()
    dbt_files = sorted((str(p), p.stat().st_mtime_ns) for p in (REPO / "dbt_project").glob("[mt]*/**/*"))
    return tuple(sorted(extractor_versions(settings.spacy_model, settings.codebook).items())), tuple(dbt_files)


def is_current(run_dir: RunDir) -> bool:
    """Would a run on ``run_dir`` rebuild nothing? False when code or codebook changed since
    its warehouse was published (other engineers edit the shared tree during a session)."""
    from dataclasses import replace

    from communique.config import load_settings
    from communique.publish import build_fingerprint, published_fingerprint
    from extract.versions import extractor_versions

    settings = replace(load_settings(), raw_dir=run_dir.raw, warehouse=run_dir.warehouse)
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    current = build_fingerprint(settings, versions, REPO / "dbt_project")
    return current == published_fingerprint(settings)


@pytest.fixture
def copy_run(seed_run: RunDir, tmp_path: Path) -> RunDir:
    """A private copy of the seed run's directory (raw, warehouse, state) to change,
    brought up to date with the current code first if the tree changed since the seed run."""
    run_dir = copy_dir(seed_run, tmp_path / "run")
    if not is_current(run_dir):
        assert_ok(run_job(run_dir))
    return run_dir
