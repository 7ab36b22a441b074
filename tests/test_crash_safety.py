"""SIGKILL at the worst moments leaves the published warehouse intact, and the next run finishes.

The job runs as a subprocess and is killed at a test-only pause point
(COMMUNIQUE_TEST_PAUSE_AT, see communique/testhooks.py): after the first NLP
batch was spooled, or just before the atomic swap of the publish step.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from communique.config import load_settings
from communique.publish import (build_path, clean_stale_builds, failed_dir, keep_failed_build, publish,
                                published_fingerprint)
from conftest import (CORPUS, RunDir, assert_ok, extraction_log, mart_snapshot, query, run_job,
                      run_until_pause, spooled_log)

READOUT_GLOB = "*readout-of-president-joe-biden-call-with-prime-minister*"


# ---------------------------------------------------------------- the job, killed

@pytest.mark.slow
def test_kill_during_nlp_keeps_published_and_next_run_completes(copy_run: RunDir):
    """Also the --rebuild path: the cache is forgotten, everything re-extracted, same marts."""
    published = mart_snapshot(copy_run.warehouse)
    full_log = extraction_log(copy_run.work_db)
    run_until_pause(copy_run, "nlp", "--rebuild", COMMUNIQUE_BATCH_SIZE="1")
    assert mart_snapshot(copy_run.warehouse) == published
    assert extraction_log(copy_run.work_db) == {}  # forgotten; finished batches are spooled
    committed = spooled_log(copy_run.work_db)
    assert len({doc for doc, _ in committed}) == 1  # the first batch survived the kill, nothing else
    result = run_job(copy_run, COMMUNIQUE_BATCH_SIZE="1")
    assert_ok(result)
    assert mart_snapshot(copy_run.warehouse) == published
    after = extraction_log(copy_run.work_db)
    assert {key: after[key] for key in committed} == committed  # the surviving batch was not redone
    assert set(after) == set(full_log)
    assert min(at for _, at in after.values()) > max(at for _, at in full_log.values())  # all redone


@pytest.mark.slow
def test_kill_during_publish_keeps_previous_file_and_next_run_publishes(copy_run: RunDir):
    published = mart_snapshot(copy_run.warehouse)
    seed_log = extraction_log(copy_run.work_db)
    readout = sorted((CORPUS / "whitehouse").glob(READOUT_GLOB))[0]
    shutil.copy(readout, copy_run.raw / readout.name)
    run_until_pause(copy_run, "publish")
    assert mart_snapshot(copy_run.warehouse) == published  # readable, previous contents
    leftovers = [p for p in (copy_run.state / "builds").iterdir() if p.is_file()]
    assert leftovers, "the killed run's build should still be there"
    result = run_job(copy_run)
    assert_ok(result)
    after = mart_snapshot(copy_run.warehouse)
    assert len(after["dim_documents"]) == len(published["dim_documents"]) + 1
    assert not [p for p in (copy_run.state / "builds").iterdir() if p.is_file()]
    new_log = extraction_log(copy_run.work_db)
    # only the new document was extracted (kinds whose extractor changed meanwhile aside:
    # the shared tree may be edited while this test runs)
    same_version = {key: value for key, value in seed_log.items() if new_log[key][0] == value[0]}
    assert {key: new_log[key] for key in same_version} == same_version
    assert len(new_log) == len(seed_log) + len({kind for _, kind in seed_log})


@pytest.mark.slow
def test_failed_quality_gate_blocks_publish_and_keeps_the_build(copy_run: RunDir):
    """Yesterday's warehouse had many more pledges: today's build collapses, so it is not published."""
    con = duckdb.connect(str(copy_run.warehouse))  # test-only stand-in for a bigger published file
    con.execute("INSERT INTO fct_pledges SELECT p.* REPLACE (p.pledge_id || '-copy-' || r.i AS pledge_id) "
                "FROM fct_pledges p, range(20) r(i)")
    con.close()
    (copy_run.state / "published.json").unlink()  # forget the fingerprint so the run rebuilds
    before = copy_run.warehouse.read_bytes()
    result = run_job(copy_run)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-4000:]
    assert "row_counts_not_collapsed" in result.stderr
    assert "fct_pledges" in result.stderr  # the sample of offending rows names the table
    assert copy_run.warehouse.read_bytes() == before
    kept = list((copy_run.state / "builds" / "failed").glob("*.duckdb"))
    assert len(kept) == 1
    assert query(kept[0], "SELECT count(*) FROM fct_pledges")[0][0] < query(
        copy_run.warehouse, "SELECT count(*) FROM fct_pledges")[0][0]


# ---------------------------------------------------------------- the publish primitives

@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    return load_settings()


def _build(settings, run_id: str, rows: int) -> Path:
    path = build_path(settings, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE t AS SELECT range AS v FROM range({rows})")
    con.close()
    return path


def test_publish_swaps_in_a_sealed_build_and_records_its_fingerprint(settings):
    build = _build(settings, "r1", 5)
    publish(build, settings, fingerprint="abc")
    assert not build.exists()
    assert not settings.warehouse.with_name(settings.warehouse.name + ".wal").exists()
    assert query(settings.warehouse, "SELECT count(*) FROM t") == [(5,)]
    assert published_fingerprint(settings) == "abc"
    settings.warehouse.unlink()
    assert published_fingerprint(settings) is None  # a fingerprint without its file means nothing


def test_failed_builds_are_kept_for_inspection_but_only_the_last_few(settings):
    for i in range(5):
        build = _build(settings, f"failed-{i}", 1)
        os.utime(build, (time.time() - 100 + i, time.time() - 100 + i))
        assert keep_failed_build(settings, f"failed-{i}", keep=3) == failed_dir(settings) / build.name
    names = sorted(p.name for p in failed_dir(settings).glob("*.duckdb"))
    assert names == ["failed-2.duckdb", "failed-3.duckdb", "failed-4.duckdb"]
    assert keep_failed_build(settings, "never-built") is None


def test_leftovers_of_killed_runs_are_removed_but_active_and_failed_builds_stay(settings):
    _build(settings, "killed", 1)
    (settings.builds_dir / "killed.duckdb.wal").write_bytes(b"partial")
    _build(settings, "running", 1)
    _build(settings, "failed", 1)
    keep_failed_build(settings, "failed")
    removed = clean_stale_builds(settings, is_active=lambda run_id: run_id == "running")
    assert sorted(p.name for p in removed) == ["killed.duckdb", "killed.duckdb.wal"]
    assert build_path(settings, "running").exists()
    assert (failed_dir(settings) / "failed.duckdb").exists()
