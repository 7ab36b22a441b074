"""The dbt project as Dagster assets: ``dbt build`` into this run's candidate file.

The manifest is produced offline on first use (``dbt parse`` when
``target/manifest.json`` is missing or older than a project file), so a fresh
clone needs no preparation step. ``dbt build`` runs inside the step's process
(``communique.dbt_inprocess``); its node results become Dagster events through
dagster-dbt's own translation, so dbt tests become asset checks and a test with
severity error fails the step, which stops the publish. When the whole run is one
process, the build uses the parse made while the NLP step ran
(``prepare_dbt_build``, ``communique.dbt_prepare``).
"""


import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from communique.config import REPO_ROOT, load_settings
from communique.dbt_inprocess import environment
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


def dbt_target_dir(settings) -> Path:
    """dbt's target directory for this deployment, kept between runs so dbt parses only what changed."""
    return settings.state_dir / "dbt-target"


def _link_path(settings) -> Path:
    return settings.builds_dir / settings.warehouse.name


def _project_args(project_dir: Path, target: Path) -> list[str]:
    """The flags a parse and a build share (a parse made with them serves the build).

    dbt.log gets warnings and errors only, and the progress lines reach last_run.log
    (``communique.dbt_inprocess.LogLines``): debug lines (every statement, from four threads
    through one locked file handler) cost 0.4-1.3 s of a 1,410-readout build."""
    return ["--project-dir", str(project_dir), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target), "--log-path", str(target)]


def dbt_parse_request(settings) -> tuple[list[str], dict[str, str]]:
    """The ``dbt parse`` of this deployment's builds and the profile variables it needs (the
    ones ``dbt_warehouse`` sets for its build).

    No manifest.json from the parse: the build writes its own (with compiled SQL, for the
    docs site) and writing it took 0.3-0.4 s of the parse's ~2 s."""
    args = ["parse", "--no-write-json", *_project_args(DBT_PROJECT_DIR, dbt_target_dir(settings))]
    return args, {"COMMUNIQUE_BUILD_PATH": str(_link_path(settings)), "COMMUNIQUE_WORK_DB": str(settings.work_db)}


def prepare_dbt_build(then_import: Sequence[str] = ()) -> bool:
    """Parse the project for the coming build on a thread, when this process runs it, then
    import ``then_import`` there (``communique.dbt_prepare``); called once every extraction
    worker has its first batches."""
    from communique.dbt_prepare import prepare

    return prepare(*dbt_parse_request(load_settings()), then_import=("dbt.task.build", *then_import))


@contextmanager
def _candidate_link(settings, build: Path) -> Iterator[Path]:
    """A fixed path through which dbt writes this run's build.

    dbt re-parses the whole project whenever a profile value changes, and the
    build file is new every run; a symlink named like the published file keeps
    the profile (and the database name dbt compiles in) the same from run to run.
    The writer pool admits one dbt step at a time, so one link serves every run."""
    import duckdb

    link = _link_path(settings)
    for stale in (link, link.with_name(link.name + ".wal")):  # a killed run's link and log
        stale.unlink(missing_ok=True)
    link.symlink_to(build.name)
    try:
        yield link
    finally:
        if link.with_name(link.name + ".wal").exists() and build.exists():
            duckdb.connect(str(link)).close()  # replay and checkpoint the log into the build
        link.unlink(missing_ok=True)


def _dbt_build_events(context: AssetExecutionContext, target: Path, manifest=None) -> Iterator[Any]:
    """``dbt build`` of this run's selection, in this process; each node's result as Dagster events.

    ``manifest``: the project parsed ahead (``dbt_parse_request``), used when the build is
    of this project."""
    from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
    from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

    from communique.dbt_inprocess import stream_dbt

    # the selection dagster-dbt would pass its CLI (a subset when only some models are asked for)
    params = get_updated_cli_invocation_params_for_context(context=context, manifest={},
                                                           dagster_dbt_translator=translator)
    project_dir = Path(params.dbt_project.project_dir) if params.dbt_project else DBT_PROJECT_DIR
    # unit tests check the models' logic, not the night's data: CI runs them (tests/)
    args = ["build", "--exclude-resource-type", "unit_test", *params.selection_args,
            *_project_args(project_dir, target)]
    env = {"DBT_INDIRECT_SELECTION": params.indirect_selection} if params.indirect_selection else {}
    context.log.info(f"dbt {' '.join(args)}")
    with environment(env):
        for raw in stream_dbt(args, manifest if project_dir.resolve() == DBT_PROJECT_DIR.resolve() else None):
            event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            yield from event.to_default_asset_events(
                manifest=params.manifest, dagster_dbt_translator=params.dagster_dbt_translator,
                context=context, target_path=target, project=params.dbt_project)


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator,
            name="dbt_warehouse", pool=WRITER_POOL)
def dbt_warehouse(context: AssetExecutionContext):
    """``dbt build`` into builds/<run_id>.duckdb; skipped when nothing changed since the last
    publish."""
    from communique.publish import (build_fingerprint, build_path, discard_build, fingerprint_path,
                                    published_fingerprint)
    from communique.dbt_prepare import take
    from communique.quality_gx import start_validator
    from extract.versions import extractor_versions

    settings = load_settings()
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    fingerprint = build_fingerprint(settings, versions, DBT_PROJECT_DIR)
    if fingerprint == published_fingerprint(settings):
        context.log.info("nothing changed since the published warehouse was built: "
                         "build, checks and publish are skipped")
        return
    parse_args, profile_env = dbt_parse_request(settings)
    asked = time.monotonic()
    manifest = take(parse_args, profile_env)  # parsed during the NLP step, when it could be
    if manifest is not None:
        context.log.info(f"dbt uses the project as parsed during the NLP step (waited "
                         f"{time.monotonic() - asked:.1f} s for that parse to finish)")
    # the quality gates' GX process loads and sets up on the core dbt leaves idle
    start_validator(settings.quality_dir, settings.codebook)
    discard_build(settings, context.run_id)
    build = build_path(settings, context.run_id)
    build.parent.mkdir(parents=True, exist_ok=True)
    fingerprint_path(build).write_text(fingerprint)
    with _candidate_link(settings, build), environment(profile_env):  # dbt writes through the link
        yield from _dbt_build_events(context, dbt_target_dir(settings), manifest)
