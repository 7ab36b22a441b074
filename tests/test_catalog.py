"""The catalog (dbt's static docs site) describes every column of every published mart,
exactly as ``dbt docs generate`` would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import duckdb
import pytest

from analyst_fixtures import sample_warehouse
from communique.catalog import DBT_PROJECT, QUIET_ENV, _dbt_executable, build_catalog, catalog_for
from conftest import built_seed_run
from communique.warehouse_status import MARTS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("catalog") / "docs"
    index = build_catalog(sample_warehouse(), None, out)
    return {"index": index, "manifest": json.loads((out / "manifest.json").read_text()),
            "catalog": json.loads((out / "catalog.json").read_text())}


def test_every_published_column_has_a_description(site):
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        published = con.execute("select table_name, column_name from information_schema.columns "
                                "where table_schema = 'main'").fetchall()
    nodes = {node["name"]: node for node in site["manifest"]["nodes"].values()
             if node["resource_type"] == "model"}
    undocumented = [f"{table}.{column}" for table, column in published if table in MARTS
                    and not nodes[table]["columns"].get(column, {}).get("description", "").strip()]
    assert undocumented == []
    assert all(nodes[mart]["description"].strip() for mart in MARTS)


def test_catalog_read_the_columns_from_the_warehouse(site):
    catalog_nodes = {node["metadata"]["name"]: node for node in site["catalog"]["nodes"].values()}
    for mart in MARTS:
        assert mart in catalog_nodes, f"{mart} missing from catalog.json"
    assert "meeting_id" in catalog_nodes["fct_meetings"]["columns"]


def test_static_site_stands_alone(site):
    page = site["index"].read_text(encoding="utf-8")
    assert site["index"].name == "index.html"
    assert "fct_tourism_figures" in page  # manifest and catalog are inlined


def test_catalog_is_what_dbt_docs_generate_writes(tmp_path):
    """Our read of duckdb_columns() gives dbt's own catalog.json, node for node, column for column."""
    run = built_seed_run()
    warehouse, work_db = tmp_path / "warehouse.duckdb", tmp_path / "work.duckdb"
    shutil.copyfile(run.warehouse, warehouse)  # dbt opens its target read-write: use copies
    shutil.copyfile(run.work_db, work_db)
    target = tmp_path / "target"
    env = {**os.environ, **QUIET_ENV, "COMMUNIQUE_BUILD_PATH": str(warehouse),
           "COMMUNIQUE_WORK_DB": str(work_db)}
    done = subprocess.run([_dbt_executable(), "docs", "generate", "--project-dir", str(DBT_PROJECT),
                           "--profiles-dir", str(DBT_PROJECT), "--target-path", str(target)],
                          cwd=DBT_PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    theirs = json.loads((target / "catalog.json").read_text())
    ours = catalog_for(json.loads((target / "manifest.json").read_text()), warehouse, work_db)
    assert len(theirs["nodes"]) >= 19 and len(theirs["sources"]) == 8
    assert ours["nodes"] == theirs["nodes"]
    assert ours["sources"] == theirs["sources"]
