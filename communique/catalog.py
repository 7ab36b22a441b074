"""The data catalog: dbt's static docs site for the published warehouse.

dbt's docs site is its manifest (what the project says: descriptions, tests,
lineage) plus a catalog (what the database holds: every relation's columns and
types), inlined into dbt's own ``index.html`` so the page opens from file://
with no server. ``dbt docs generate`` would start dbt and re-run its adapter
just to read ``duckdb_columns()``; this module reads it directly over a
read-only connection (the same query as dbt-duckdb's ``get_catalog`` macro, so
the result is what dbt writes: tests/test_catalog.py compares the two) in a
fraction of a second, and the published file is never opened for writing.
Written to ``<warehouse dir>/docs/`` (index.html, manifest.json, catalog.json).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from importlib.util import find_spec
from pathlib import Path

import duckdb

from communique.config import REPO_ROOT
from communique.readonly import require_warehouse

DBT_PROJECT = REPO_ROOT / "dbt_project"
SITE_FILES = {"static_index.html": "index.html", "manifest.json": "manifest.json", "catalog.json": "catalog.json"}
QUIET_ENV = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
CATALOG_SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json"
CATALOGUED = ("model", "seed", "snapshot")
_NO_STATS = {"has_stats": {"id": "has_stats", "label": "Has Stats?", "value": False, "include": False,
                           "description": "Indicates whether there are statistics for this table"}}
_RELATIONS_SQL = """
    select database_name, schema_name, table_name, 'BASE TABLE', comment from duckdb_tables()
    union all
    select database_name, schema_name, view_name, 'VIEW', comment from duckdb_views()
    where not internal
"""
_COLUMNS_SQL = """
    select database_name, schema_name, table_name, column_name, column_index, data_type, comment
    from duckdb_columns() order by database_name, schema_name, table_name, column_index
"""


class CatalogFailed(RuntimeError):
    """The catalog could not be written; the message says why."""


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def dbt_index_template() -> Path:
    """dbt's docs page (``dbt/task/docs/index.html``), found without importing dbt."""
    spec = find_spec("dbt")
    if spec is None or not spec.submodule_search_locations:
        raise CatalogFailed("dbt-core is not installed: no docs page to fill")
    return Path(next(iter(spec.submodule_search_locations))) / "task" / "docs" / "index.html"


def project_manifest() -> Path:
    """The project's manifest, parsed offline (``dbt parse``) when missing."""
    manifest = DBT_PROJECT / "target" / "manifest.json"
    if not manifest.is_file():
        argv = [_dbt_executable(), "parse", "--quiet", "--project-dir", str(DBT_PROJECT),
                "--profiles-dir", str(DBT_PROJECT)]
        done = subprocess.run(argv, cwd=DBT_PROJECT, env={**os.environ, **QUIET_ENV},
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0 or not manifest.is_file():
            raise CatalogFailed(f"dbt parse failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return manifest


def _relation_key(database: str, schema: str, name: str) -> tuple[str, str, str]:
    return database.lower(), schema.lower(), name.lower()


def read_relations(warehouse: Path, work_db: Path | None) -> tuple[str, dict, dict]:
    """(the warehouse's catalog name, relations, columns) over read-only connections;
    the work database, when it can be read, is attached as ``work`` (the raw sources)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if work_db is not None and Path(work_db).is_file():
            try:
                con.execute("ATTACH ? AS work (READ_ONLY)", [str(work_db)])
            except duckdb.Error:  # held by a writer: the sources are listed without columns
                pass
        own = con.execute("select current_database()").fetchone()[0]
        relations = {_relation_key(*row[:3]): row for row in con.execute(_RELATIONS_SQL).fetchall()}
        columns: dict[tuple[str, str, str], dict] = {}
        for db, schema, table, column, index, data_type, comment in con.execute(_COLUMNS_SQL).fetchall():
            columns.setdefault(_relation_key(db, schema, table), {})[column] = {
                "type": data_type, "index": index, "name": column, "comment": comment}
    return own, relations, columns


def catalog_for(manifest: dict, warehouse: Path, work_db: Path | None) -> dict:
    """dbt's catalog.json (schema v1) for the manifest's models and sources as found in ``warehouse``.

    The manifest names models in the database dbt compiled against; the file is read under
    whatever name it has now, so models are looked up in its own catalog, sources in ``work``."""
    own, relations, columns = read_relations(warehouse, work_db)
    entries: dict[str, dict] = {"nodes": {}, "sources": {}}
    items = [(uid, node, "nodes") for uid, node in manifest["nodes"].items()
             if node["resource_type"] in CATALOGUED]
    items += [(uid, source, "sources") for uid, source in manifest["sources"].items()]
    for uid, node, section in items:
        database = node["database"] if section == "sources" else own
        name = node.get("identifier") or node.get("alias") or node["name"]
        key = _relation_key(database, node["schema"], name)
        if key not in relations:
            continue
        _, schema, table, kind, comment = relations[key]
        entries[section][uid] = {
            "metadata": {"type": kind, "schema": schema, "name": table, "database": node["database"],
                         "comment": comment, "owner": None},
            "columns": columns.get(key, {}), "stats": _NO_STATS, "unique_id": uid}
    meta = manifest.get("metadata", {})
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return {"metadata": {"dbt_schema_version": CATALOG_SCHEMA, "dbt_version": meta.get("dbt_version"),
                         "generated_at": now, "invocation_id": meta.get("invocation_id"),
                         "invocation_started_at": meta.get("invocation_started_at"), "env": {}},
            **entries, "errors": None}


def write_site(warehouse: Path, work_db: Path | None, manifest_path: Path, target: Path) -> Path:
    """manifest.json, catalog.json and the self-contained static_index.html in ``target``."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    manifest_text = Path(manifest_path).read_text(encoding="utf-8")
    catalog_text = json.dumps(catalog_for(json.loads(manifest_text), warehouse, work_db))
    if Path(manifest_path).resolve() != (target / "manifest.json").resolve():
        (target / "manifest.json").write_text(manifest_text, encoding="utf-8")
    (target / "catalog.json").write_text(catalog_text, encoding="utf-8")
    page = dbt_index_template().read_text(encoding="utf-8")
    page = page.replace('"MANIFEST.JSON INLINE DATA"', manifest_text)
    page = page.replace('"CATALOG.JSON INLINE DATA"', catalog_text)
    (target / "static_index.html").write_text(page, encoding="utf-8")
    return target


def install_site(target: Path, output_dir: Path) -> Path:
    """Swap the site files of dbt's ``target`` into ``output_dir``; returns index.html."""
    output_dir = Path(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".docs-", dir=output_dir.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; the site is for every reader
    for source, name in SITE_FILES.items():
        shutil.copyfile(Path(target) / source, fresh / name)
    if output_dir.exists():  # keep anything else there (e.g. GX Data Docs) and replace our files only
        for name in SITE_FILES.values():
            os.replace(fresh / name, output_dir / name)
        fresh.rmdir()
    else:
        fresh.rename(output_dir)
    return output_dir / "index.html"


def build_catalog(warehouse: Path, work_db: Path | None = None, output_dir: Path | None = None,
                  manifest: Path | None = None) -> Path:
    """Describe ``warehouse`` (read-only) and swap the site into ``output_dir``; returns index.html.

    ``manifest`` is the one the build was made from (the run's dbt target); by default the
    project's own."""
    warehouse = require_warehouse(warehouse)
    output_dir = Path(output_dir) if output_dir else warehouse.parent / "docs"
    manifest = Path(manifest) if manifest and Path(manifest).is_file() else project_manifest()
    with tempfile.TemporaryDirectory(prefix="communique-catalog-") as scratch:
        return install_site(write_site(warehouse, work_db, manifest, Path(scratch)), output_dir)


def main() -> int:
    from communique.config import load_settings
    from communique.readonly import WarehouseMissing

    settings = load_settings()
    try:
        index = build_catalog(settings.warehouse, settings.work_db, settings.docs_dir)
    except (WarehouseMissing, CatalogFailed) as error:
        print(f"communique catalog: {error}", file=sys.stderr)
        return 2
    print(f"catalog written to {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
