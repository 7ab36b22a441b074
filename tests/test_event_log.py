"""The project's Dagster event log: Dagster's SQLite storage with engines kept between writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from dagster import (AssetCheckResult, AssetKey, DagsterEventType, DagsterInstance,
                     EventRecordsFilter, asset, asset_check, materialize)
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from orchestration.event_log import PooledSqliteEventLogStorage
from orchestration.launch import instance_config_in


@asset
def towns() -> int:
    return 3


@asset_check(asset=towns)
def towns_positive() -> AssetCheckResult:
    return AssetCheckResult(passed=True)


@pytest.fixture
def project_instance(tmp_path: Path):
    (tmp_path / "dagster.yaml").write_text(instance_config_in(tmp_path), encoding="utf-8")
    instance = DagsterInstance.from_config(str(tmp_path))
    yield instance
    instance.dispose()


def _materializations(storage) -> int:
    return len(storage.get_event_records(
        EventRecordsFilter(DagsterEventType.ASSET_MATERIALIZATION, asset_key=AssetKey("towns"))))


def test_project_instance_selects_the_pooled_event_log(project_instance, tmp_path):
    storage = project_instance.event_log_storage
    assert isinstance(storage, PooledSqliteEventLogStorage)
    assert Path(storage._base_dir).is_relative_to(tmp_path)  # moved out of the repo's data/


def test_runs_written_through_kept_engines_read_back_by_dagsters_own_storage(project_instance):
    runs = [materialize([towns, towns_positive], instance=project_instance) for _ in range(6)]
    assert all(result.success for result in runs)
    storage = project_instance.event_log_storage
    assert len(storage._engines) <= 1 + 4  # the index and the most recent run databases
    plain = SqliteEventLogStorage(storage._base_dir)
    try:
        for result in runs:
            written = [entry.dagster_event_type for entry in project_instance.all_logs(result.run_id)]
            read = [entry.event_log_entry.dagster_event_type
                    for entry in plain.get_records_for_run(result.run_id, limit=1000).records]
            assert read == written
            assert DagsterEventType.ASSET_CHECK_EVALUATION in read
        assert _materializations(plain) == _materializations(storage) == 6
    finally:
        plain.dispose()


def test_wipe_drops_the_engines_of_deleted_run_databases_and_writing_goes_on(project_instance):
    materialize([towns], instance=project_instance)
    storage = project_instance.event_log_storage
    storage.wipe()
    assert set(storage._engines) <= {"index"}  # no engine left on a deleted run database
    assert _materializations(storage) == 0
    assert materialize([towns], instance=project_instance).success
    assert _materializations(storage) == 1


def test_commits_do_not_wait_for_the_disk_on_a_wal_journal(project_instance):
    materialize([towns], instance=project_instance)
    storage = project_instance.event_log_storage
    with storage._connect("index") as conn:
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    assert (journal, synchronous) == ("wal", 1)  # 1 = NORMAL (Dagster's default would be 2, FULL)


def test_a_table_found_once_is_not_looked_up_again_but_a_missing_one_is(project_instance, monkeypatch):
    storage = project_instance.event_log_storage
    asked: list[str] = []
    real = SqliteEventLogStorage.has_table

    def counting(self, name):
        asked.append(name)
        return real(self, name)

    monkeypatch.setattr(SqliteEventLogStorage, "has_table", counting)
    assert storage.has_table("asset_check_executions") and storage.has_table("asset_check_executions")
    assert not storage.has_table("no_such_table") and not storage.has_table("no_such_table")
    assert asked == ["asset_check_executions", "no_such_table", "no_such_table"]
    assert materialize([towns, towns_positive], instance=project_instance).success


def test_an_asset_key_column_found_once_is_not_inspected_again(project_instance, monkeypatch):
    storage = project_instance.event_log_storage
    asked: list[str] = []
    real = SqliteEventLogStorage._has_asset_key_col_on_connection

    def counting(self, conn, name):
        asked.append(name)
        return real(self, conn, name)

    monkeypatch.setattr(SqliteEventLogStorage, "_has_asset_key_col_on_connection", counting)
    assert materialize([towns], instance=project_instance).success
    assert storage.has_asset_key_col("last_materialization_timestamp")
    assert not storage.has_asset_key_col("no_such_column") and not storage.has_asset_key_col("no_such_column")
    assert asked.count("last_materialization_timestamp") == 1
    assert asked.count("no_such_column") == 2
    assert materialize([towns], instance=project_instance).success
    assert asked.count("last_materialization_timestamp") == 1
    assert _materializations(storage) == 2
