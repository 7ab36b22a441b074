"""The data catalog: dbt's static docs site for the published warehouse.

``dbt docs generate --static`` writes one self-contained HTML page (manifest
and catalog inlined) that opens from file:// with no server. It is generated
from a private copy of the published file, so the published file is never
opened for writing and readers are never blocked. Written to
``<warehouse dir>/docs/`` (index.html, manifest.json, catalog.json).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from communique.config import REPO_ROOT
from communique.readonly import require_warehouse

DBT_PROJECT = REPO_ROOT / "dbt_project"
SITE_FILES = {"static_index.html": "index.html", "manifest.json": "manifest.json", "catalog.json": "catalog.json"}
QUIET_ENV = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}


class CatalogFailed(RuntimeError):
    """dbt docs generate failed; the message ends with dbt's own output."""


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def dbt_docs_generate(build: Path, work_db: Path, target: Path, *, no_compile: bool = False) -> Path:
    """``dbt docs generate --static`` describing the DuckDB file at ``build``; returns ``target``.

    ``target`` is dbt's target directory: reusing the one a ``dbt build`` just used (same
    profile values) lets dbt skip parsing and compiling (``no_compile``)."""
    env = {**os.environ, **QUIET_ENV,
           "COMMUNIQUE_BUILD_PATH": str(build), "COMMUNIQUE_WORK_DB": str(work_db)}
    argv = [_dbt_executable(), "docs", "generate", "--static", "--project-dir", str(DBT_PROJECT),
            "--profiles-dir", str(DBT_PROJECT), "--target-path", str(target),
            "--log-path", str(target / "logs")]
    if no_compile:
        argv.append("--no-compile")
    done = subprocess.run(argv, cwd=DBT_PROJECT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise CatalogFailed(f"dbt docs generate failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return target


def generate_docs(warehouse: Path, work_db: Path | None, scratch: Path) -> Path:
    """Run ``dbt docs generate --static`` on a copy of ``warehouse``; returns dbt's target dir."""
    copy = scratch / Path(warehouse).name
    shutil.copyfile(require_warehouse(warehouse), copy)
    if work_db is None or not Path(work_db).is_file():
        # the profile attaches the work database; an empty one still lets dbt
        # describe the marts (the raw sources are then listed without columns)
        work_db = scratch / "work.duckdb"
        duckdb.connect(str(work_db)).close()
    return dbt_docs_generate(copy, Path(work_db), scratch / "target")


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


DOCS_RUN_FILE = "docs_run_id"


def generate_build_docs(build: Path, work_db: Path, target: Path, run_id: str) -> None:
    """The catalog of a run's build, from the manifest its ``dbt build`` just wrote in ``target``;
    marked with ``run_id`` so only that run publishes it (``publish_catalog``)."""
    marker = Path(target) / DOCS_RUN_FILE
    marker.unlink(missing_ok=True)
    dbt_docs_generate(build, work_db, Path(target), no_compile=True)
    marker.write_text(run_id)


def publish_catalog(target: Path, run_id: str, warehouse: Path, work_db: Path | None,
                    output_dir: Path) -> tuple[Path, str]:
    """Install the catalog ``run_id`` generated from its build, else generate it from the
    published file (slower). Returns index.html and where the catalog came from."""
    marker = Path(target) / DOCS_RUN_FILE
    if marker.is_file() and marker.read_text().strip() == run_id:
        return install_site(target, output_dir), "this run's build"
    return build_catalog(warehouse, work_db, output_dir), "the published file"


def build_catalog(warehouse: Path, work_db: Path | None = None, output_dir: Path | None = None) -> Path:
    """Generate the docs site for ``warehouse`` and swap it into ``output_dir``; returns index.html."""
    warehouse = Path(warehouse)
    output_dir = Path(output_dir) if output_dir else warehouse.parent / "docs"
    with tempfile.TemporaryDirectory(prefix="communique-catalog-") as scratch:
        return install_site(generate_docs(warehouse, work_db, Path(scratch)), output_dir)


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
