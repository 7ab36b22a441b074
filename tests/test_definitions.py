"""The Dagster wiring: what the nightly job holds, pools, schedule, sensor, manifest, instance."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from dagster import AssetKey, DagsterInstance, DagsterRunStatus, RunRequest, SkipReason, build_sensor_context
from dagster._core.storage.dagster_run import DagsterRun

from conftest import MARTS, REPO
from orchestration import launch
from orchestration.definitions import defs
from orchestration.marts import manifest_is_stale

WRITERS = ("documents", "annotations", "dbt_warehouse", "published_warehouse")


def _node_defs():
    job = defs.resolve_job_def("nightly")
    return {name: node.definition for name, node in job.graph.node_dict.items()}


def test_nightly_job_runs_every_step():
    nodes = _node_defs()
    for step in (*WRITERS, "quality_gates"):
        assert step in nodes, sorted(nodes)
    graph = defs.resolve_asset_graph()
    for mart in MARTS:
        assert AssetKey(mart) in graph.get_all_asset_keys()


def test_every_duckdb_writer_is_in_the_single_slot_pool():
    nodes = _node_defs()
    for step in WRITERS:
        assert nodes[step].pool == "duckdb_writer", step
    config = yaml.safe_load((REPO / "dagster.yaml").read_text())
    assert config["concurrency"]["pools"]["default_limit"] == 1


def test_publish_waits_for_every_mart_and_blocking_gates():
    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey("published_warehouse")).parent_keys
    assert {AssetKey(m) for m in MARTS} <= set(parents)
    gate_specs = [spec for check in defs.asset_checks or [] for spec in check.check_specs]
    assert gate_specs and all(spec.blocking for spec in gate_specs)
    dbt_specs = list(defs.resolve_assets_def(AssetKey("fct_meetings")).check_specs)
    assert dbt_specs, "dbt tests should be asset checks"
    assert any(spec.blocking for spec in dbt_specs)


def test_raw_sources_map_onto_the_ingest_assets():
    graph = defs.resolve_asset_graph()
    staging = [key for key in graph.get_all_asset_keys() if key.path[0] == "staging"]
    assert staging
    upstream = {parent for key in staging for parent in graph.get(key).parent_keys}
    assert {AssetKey("documents"), AssetKey("annotations")} <= upstream
    assert not any(key.path[0] == "raw" for key in graph.get_all_asset_keys())


def test_schedule_at_two_in_configured_timezone(monkeypatch):
    import orchestration.jobs as jobs

    monkeypatch.setenv("COMMUNIQUE_SCHEDULE_TZ", "Asia/Shanghai")
    try:
        reloaded = importlib.reload(jobs)
        assert reloaded.nightly_schedule.cron_schedule == "0 2 * * *"
        assert reloaded.nightly_schedule.execution_timezone == "Asia/Shanghai"
    finally:
        monkeypatch.delenv("COMMUNIQUE_SCHEDULE_TZ")
        importlib.reload(jobs)
    schedule = defs.resolve_schedule_def("nightly_at_0200")
    assert schedule.execution_timezone == "UTC" and schedule.job_name == "nightly"


def test_sensor_launches_once_per_new_landing_folder(tmp_path, monkeypatch):
    from orchestration.jobs import new_landing_folder

    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(tmp_path))
    (tmp_path / "notes").mkdir()
    context = build_sensor_context(cursor=None)
    assert all(isinstance(r, SkipReason) for r in new_landing_folder(context))
    (tmp_path / "2024-11-21").mkdir()
    first = list(new_landing_folder(context))
    assert [r.run_key for r in first if isinstance(r, RunRequest)] == ["landing-2024-11-21"]
    again = list(new_landing_folder(build_sensor_context(cursor=context.cursor)))
    assert all(isinstance(r, SkipReason) for r in again)
    (tmp_path / "2024-11-22").mkdir()
    later = list(new_landing_folder(build_sensor_context(cursor=context.cursor)))
    assert [r.run_key for r in later if isinstance(r, RunRequest)] == ["landing-2024-11-22"]


def test_manifest_is_rebuilt_when_missing_or_older_than_the_project(tmp_path):
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "m.sql"
    model.write_text("select 1")
    project = SimpleNamespace(project_dir=tmp_path, manifest_path=tmp_path / "target" / "manifest.json")
    assert manifest_is_stale(project)
    project.manifest_path.parent.mkdir()
    project.manifest_path.write_text("{}")
    os.utime(model, (time.time() - 60, time.time() - 60))
    assert not manifest_is_stale(project)
    model.write_text("select 2")
    assert manifest_is_stale(project)


def test_instance_config_is_valid_and_keeps_state_under_data_dagster():
    from dagster._core.instance.config import dagster_instance_config

    config, _ = dagster_instance_config(str(REPO))
    assert config["telemetry"]["enabled"] is False
    assert config["run_retries"]["enabled"] and config["run_monitoring"]["enabled"]
    stores = ("run_storage", "event_log_storage", "schedule_storage", "local_artifact_storage",
              "compute_logs")
    for path in (config[store]["config"]["base_dir"] for store in stores):
        assert Path(path).parts[:2] == ("data", "dagster")


def test_dead_run_releases_its_pool_slot(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "dagster.yaml").write_text(launch.instance_config_in(tmp_path), encoding="utf-8")
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        run_id = str(uuid.uuid4())
        instance.add_run(DagsterRun(job_name="nightly", run_id=run_id, status=DagsterRunStatus.STARTED,
                                    tags={launch.PID_TAG: str(dead.pid), launch.HOST_TAG: launch.socket.gethostname()}))
        alive_id = str(uuid.uuid4())
        instance.add_run(DagsterRun(job_name="nightly", run_id=alive_id, status=DagsterRunStatus.STARTED,
                                    tags={launch.PID_TAG: str(os.getpid()), launch.HOST_TAG: launch.socket.gethostname()}))
        storage = instance.event_log_storage
        storage.initialize_concurrency_limit_to_default("duckdb_writer")
        assert storage.claim_concurrency_slot("duckdb_writer", run_id, "annotations").is_claimed
        assert launch.release_dead_runs(instance) == [run_id]
        assert instance.get_run_by_id(run_id).status == DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive_id).status == DagsterRunStatus.STARTED
        assert storage.claim_concurrency_slot("duckdb_writer", alive_id, "annotations").is_claimed


@pytest.mark.parametrize("module", ["communique.run", "communique.store", "communique.publish", "communique.runner"])
def test_cli_modules_import_without_heavy_dependencies(module):
    code = (f"import sys, {module}; heavy = [m for m in ('dagster', 'spacy', 'dbt', 'great_expectations') "
            "if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
