"""Readers of the published file never see an error or a partial state, whatever runs beside them.

A reader process opens the published file read-only every 100 ms (as an
analyst's notebook or the dashboard would) while builds are published.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from communique.config import load_settings
from communique.publish import build_path, publish
from conftest import CORPUS, RunDir, assert_ok, query, run_job

READER = """
import duckdb, json, os, sys, time
path, stop, out, sql = sys.argv[1:5]
with open(out, "w") as log:
    while not os.path.exists(stop):
        try:
            con = duckdb.connect(path, read_only=True)
            try:
                state = list(con.execute(sql).fetchone())
            finally:
                con.close()
            log.write(json.dumps({"state": state}) + "\\n")
        except Exception as error:
            log.write(json.dumps({"error": repr(error)}) + "\\n")
        log.flush()
        time.sleep(0.1)
"""


class Reader:
    """A separate process polling ``sql`` on the published file every 100 ms."""

    def __init__(self, warehouse: Path, workdir: Path, sql: str):
        self.stop = workdir / "reader.stop"
        self.out = workdir / "reader.jsonl"
        self.process = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(self.stop),
                                         str(self.out), sql])

    def wait_for_first_read(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not (self.out.exists() and self.out.read_text().strip()):
            assert time.monotonic() < deadline, "reader never read the published file"
            time.sleep(0.05)

    def finish(self) -> list[dict]:
        self.stop.touch()
        self.process.wait(timeout=60)
        return [json.loads(line) for line in self.out.read_text().splitlines()]


def _write_build(path: Path, version: int) -> None:
    """A build whose two tables agree only when the file is complete."""
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE facts AS SELECT range AS v FROM range({version * 1000})")
    con.execute(f"CREATE TABLE manifest AS SELECT {version} * 1000 AS expected")
    con.close()


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    return load_settings()


def test_reader_never_sees_errors_or_partial_files_while_publishing(settings, tmp_path: Path):
    first = build_path(settings, "run-1")
    first.parent.mkdir(parents=True)
    _write_build(first, 1)
    publish(first, settings)
    reader = Reader(settings.warehouse, tmp_path,
                    "SELECT (SELECT count(*) FROM facts), (SELECT expected FROM manifest)")
    reader.wait_for_first_read()
    for version in range(2, 12):
        build = build_path(settings, f"run-{version}")
        _write_build(build, version)
        publish(build, settings)
        time.sleep(0.15)
    time.sleep(0.3)
    reads = reader.finish()
    assert [r for r in reads if "error" in r] == []
    assert all(r["state"][0] == r["state"][1] for r in reads)
    assert len({r["state"][0] for r in reads}) >= 3  # it really saw the file change under it
    assert reads[-1]["state"] == [11000, 11000]


def test_open_connection_keeps_reading_the_file_it_opened(settings):
    first = build_path(settings, "run-a")
    first.parent.mkdir(parents=True)
    _write_build(first, 1)
    publish(first, settings)
    old = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        second = build_path(settings, "run-b")
        _write_build(second, 2)
        publish(second, settings)
        assert old.execute("SELECT count(*) FROM facts").fetchone()[0] == 1000
        # another process opening the path now gets the new file (within this process
        # DuckDB would hand back the database instance still open on the old one)
        fresh = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect(sys.argv[1], "
                                "read_only=True).execute('SELECT count(*) FROM facts').fetchone()[0])",
                                str(settings.warehouse)], capture_output=True, text=True, check=True)
        assert fresh.stdout.strip() == "2000"
    finally:
        old.close()


@pytest.mark.slow
def test_reader_during_a_full_run_sees_only_complete_states(copy_run: RunDir):
    readout = sorted((CORPUS / "whitehouse").glob("*readout-of-president-joe-biden-call-with-prime-minister*"))[0]
    shutil.copy(readout, copy_run.raw / readout.name)
    sql = ("SELECT (SELECT count(*) FROM dim_documents), (SELECT count(*) FROM bridge_meeting_documents), "
           "(SELECT count(*) FROM fct_pledges)")
    before = list(query(copy_run.warehouse, sql)[0])
    reader = Reader(copy_run.warehouse, copy_run.root, sql)
    reader.wait_for_first_read()
    result = run_job(copy_run)
    time.sleep(0.3)
    reads = reader.finish()
    assert_ok(result)
    after = list(query(copy_run.warehouse, sql)[0])
    assert after[0] == before[0] + 1
    assert [r for r in reads if "error" in r] == []
    assert {tuple(r["state"]) for r in reads} <= {tuple(before), tuple(after)}
    assert reads[-1]["state"] == after
