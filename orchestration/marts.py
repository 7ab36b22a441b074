"""The dbt project as Dagster assets: ``dbt build`` into this run's candidate file.

The manifest is produced offline on first use (``dbt parse`` when
``target/manifest.json`` is missing or older than a project file), so a fresh
clone needs no preparation step. dbt tests become asset checks; tests with
severity error are blocking, so a failed test stops the publish.
"""


import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from communique.config import REPO_ROOT, load_settings
from communique.publish import DBT_PROJECT_FILES

from orchestration.ingest import WRITER_POOL

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
# the venv's dbt, found even when the venv is not activated (make, cron, tests)
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt") if (Path(sys.executable).parent / "dbt").exists() else "dbt"

# raw source table -> the asset that writes it
SOURCE_ASSETS = {
    "documents": "documents", "document_sources": "documents", "rejected_documents": "documents",
    "extractions": "annotations", "actor_mentions": "annotations", "meeting_candidates": "annotations",
    "pledge_candidates": "annotations", "figure_candidates": "annotations",
}


def manifest_is_stale(project: DbtProject) -> bool:
    """True when the manifest is missing or older than any dbt project file."""
    manifest = project.manifest_path
    if not manifest.is_file():
        return True
    built = manifest.stat().st_mtime
    files = (p for pattern in DBT_PROJECT_FILES for p in project.project_dir.glob(pattern))
    return any(p.is_file() and p.stat().st_mtime > built for p in files)


def ensure_manifest(project: DbtProject) -> Path:
    """Run ``dbt parse`` (offline) when the manifest is missing or stale.

    A lock file keeps two processes loading the definitions from parsing at once."""
    import fcntl

    if not manifest_is_stale(project):
        return project.manifest_path
    target = project.project_dir / project.target_path
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".parse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if manifest_is_stale(project):
            DbtCliResource(project_dir=project, dbt_executable=DBT_EXECUTABLE).cli(
                ["parse", "--quiet"], target_path=project.target_path).wait()
    return project.manifest_path


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR)
ensure_manifest(dbt_project)


class CommuniqueTranslator(DagsterDbtTranslator):
    """Raw sources map onto the ingestion assets that write them."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] == "source" and props["name"] in SOURCE_ASSETS:
            return spec.replace_attributes(key=AssetKey(SOURCE_ASSETS[props["name"]]))
        return spec


translator = CommuniqueTranslator(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set variables for the dbt subprocess (it inherits os.environ), restore after."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def dbt_target_dir(settings) -> Path:
    """dbt's target directory for this deployment, kept between runs so dbt parses only what changed."""
    return settings.state_dir / "dbt-target"


@contextmanager
def _candidate_link(settings, build: Path) -> Iterator[Path]:
    """A fixed path through which dbt writes this run's build.

    dbt re-parses the whole project whenever a profile value changes, and the
    build file is new every run; a symlink named like the published file keeps
    the profile (and the database name dbt compiles in) the same from run to run.
    The writer pool admits one dbt step at a time, so one link serves every run."""
    import duckdb

    link = settings.builds_dir / settings.warehouse.name
    for stale in (link, link.with_name(link.name + ".wal")):  # a killed run's link and log
        stale.unlink(missing_ok=True)
    link.symlink_to(build.name)
    try:
        yield link
    finally:
        if link.with_name(link.name + ".wal").exists() and build.exists():
            duckdb.connect(str(link)).close()  # replay and checkpoint the log into the build
        link.unlink(missing_ok=True)


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator,
            name="dbt_warehouse", pool=WRITER_POOL)
def dbt_warehouse(context: AssetExecutionContext, dbt: DbtCliResource):
    """``dbt build`` into builds/<run_id>.duckdb; skipped when nothing changed since the last
    publish."""
    from communique.publish import (build_fingerprint, build_path, discard_build, fingerprint_path,
                                    published_fingerprint)
    from communique.quality_gx import import_in_background
    from extract.pipeline import extractor_versions

    settings = load_settings()
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    fingerprint = build_fingerprint(settings, versions, DBT_PROJECT_DIR)
    if fingerprint == published_fingerprint(settings):
        context.log.info("nothing changed since the published warehouse was built: "
                         "build, checks and publish are skipped")
        return
    discard_build(settings, context.run_id)
    build = build_path(settings, context.run_id)
    build.parent.mkdir(parents=True, exist_ok=True)
    fingerprint_path(build).write_text(fingerprint)
    target = dbt_target_dir(settings)
    import_in_background()  # the gates' imports, on the core dbt leaves idle
    with _candidate_link(settings, build) as link:
        env = {"COMMUNIQUE_BUILD_PATH": str(link), "COMMUNIQUE_WORK_DB": str(settings.work_db)}
        with _environment(env):
            # unit tests check the models' logic, not the night's data: CI runs them (tests/)
            yield from dbt.cli(["build", "--exclude-resource-type", "unit_test"], context=context,
                               target_path=target).stream()


class DbtCli(DbtCliResource):
    """The dbt CLI resource without two per-command costs we never use (dagster-dbt 0.29 hooks).

    Before every command dagster-dbt runs ``dbt --version`` twice (a few seconds of
    subprocesses) to learn the version of the executable, which here is the venv's
    own dbt-core; and it builds an in-process dbt adapter only to fetch column
    metadata on request, which this project never asks for. Returning None is what
    dagster-dbt does for the Fusion engine, which has no such adapter."""

    @property
    def _cli_version(self):
        from importlib.metadata import version as installed_version

        from packaging.version import parse

        return parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


dbt_resource = DbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)
