"""Validate gate frames with Great Expectations 1.x and render Data Docs.

GX is imported inside the functions: it costs seconds to import and only the
check step needs it. The file-mode project lives in ``<quality dir>/gx`` so
the suites, the validation history and the Data Docs site survive the run for
inspection. One pandas datasource holds one dataframe asset per gate; each
gate has a suite, a validation definition and a checkpoint (a checkpoint takes
one dataframe, so one per gate). Data Docs are rendered once for the run's six
results: an UpdateDataDocsAction per checkpoint re-renders the site six times.

A run that builds marts calls ``start_validator`` when its dbt build starts:
a process of its own then imports GX (seconds of CPU) on the core the
single-threaded build leaves idle, and ``validate`` runs there. Without it
(the CLI, tests), ``validate`` runs in the calling process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from communique.quality_frames import GateFrame, Rule

DATASOURCE = "communique_build"
BATCH = "whole_frame"
DOCS_SITE = "local_site"


@dataclass(frozen=True)
class Validation:
    """GX's verdict on one gate frame."""
    success: bool
    offending_index: tuple   # frame index labels of the rows some expectation rejected


def _import_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401
    import great_expectations.expectations  # noqa: F401


# The validator process of this process's coming ``validate`` call (``start_validator``).
_VALIDATOR: dict[str, ProcessPoolExecutor] = {}


def start_validator() -> bool:
    """Spawn the process the next ``validate`` call will run in; it imports GX right away.

    Called as a run's dbt build starts: dbt keeps one core busy in this process,
    GX's imports take the other, and the gates find GX loaded. Without this, the
    imports would either wait until the gates (after dbt) or, on a thread here,
    slow dbt down by sharing its interpreter lock. False when one is already waiting."""
    if _VALIDATOR:
        return False
    import atexit
    import multiprocessing

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_import_gx)
    pool.submit(os.getpid)  # the worker spawns on its first task
    _VALIDATOR["pool"] = pool
    atexit.register(stop_validator)
    return True


def stop_validator() -> None:
    """Shut down a validator no ``validate`` call used (the build failed first)."""
    pool = _VALIDATOR.pop("pool", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _expectation(rule: Rule):
    import great_expectations.expectations as gxe

    if rule.kind == "not_null":
        return gxe.ExpectColumnValuesToNotBeNull(column=rule.column)
    if rule.kind == "in_set":
        return gxe.ExpectColumnValuesToBeInSet(column=rule.column, value_set=sorted(rule.value_set))
    raise ValueError(f"unknown rule kind {rule.kind!r}")


def _context(project_dir: Path):
    _import_gx()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", project_root_dir=str(project_dir))
    if context.variables.analytics_enabled is not False or context.variables.progress_bars is None \
            or context.variables.config_variables_file_path is not None:
        context.variables.analytics_enabled = False
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        # no config-variables file: GX re-reads it on every lookup (hundreds per run)
        context.variables.config_variables_file_path = None
        context.variables.save()
        context = gx.get_context(mode="file", project_root_dir=str(project_dir))
    return context


def _checkpoint(context, datasource, gate: GateFrame):
    import great_expectations as gx

    if gate.name in datasource.get_asset_names():
        asset = datasource.get_asset(gate.name)
    else:
        asset = datasource.add_dataframe_asset(gate.name)
    if BATCH in {b.name for b in asset.batch_definitions}:
        batch = asset.get_batch_definition(BATCH)
    else:
        batch = asset.add_batch_definition_whole_dataframe(BATCH)
    suite = context.suites.add_or_update(gx.ExpectationSuite(
        name=f"communique.{gate.name}",
        expectations=[_expectation(rule) for rule in gate.rules],
        meta={"notes": f"{gate.what}: fails when a row's {gate.problem}"},
    ))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=gate.name, data=batch, suite=suite))
    return context.checkpoints.add_or_update(gx.Checkpoint(
        name=f"gate_{gate.name}",
        validation_definitions=[definition],
        result_format={"result_format": "COMPLETE"},
    ))


def _offending(validation_result) -> tuple:
    labels: set = set()
    for outcome in validation_result.results:
        if not outcome.success:
            labels.update(outcome.result.get("unexpected_index_list") or [])
    return tuple(sorted(labels))


def validate(gates: Sequence[GateFrame], project_dir: Path, run_name: str) -> tuple[dict[str, Validation], Path]:
    """Run every gate's checkpoint; return the verdicts and the Data Docs index path
    (in the validator process when ``start_validator`` started one, which then exits)."""
    pool = _VALIDATOR.pop("pool", None)
    if pool is None:
        return _validate(gates, project_dir, run_name)
    try:
        return pool.submit(_validate, list(gates), project_dir, run_name).result()
    finally:
        pool.shutdown(wait=False)  # the process exits on its own; joining it took ~0.8 s


def _validate(gates: Sequence[GateFrame], project_dir: Path, run_name: str) -> tuple[dict[str, Validation], Path]:
    from great_expectations.core.run_identifier import RunIdentifier

    project_dir.mkdir(parents=True, exist_ok=True)
    context = _context(project_dir)
    datasource = context.data_sources.add_or_update_pandas(DATASOURCE)
    run_id = RunIdentifier(run_name=run_name)
    verdicts: dict[str, Validation] = {}
    result_ids = []
    for gate in gates:
        result = _checkpoint(context, datasource, gate).run(
            batch_parameters={"dataframe": gate.frame}, run_id=run_id)
        ((result_id, validation_result),) = result.run_results.items()
        result_ids.append(result_id)
        verdicts[gate.name] = Validation(bool(validation_result.success), _offending(validation_result))
    sites = context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=result_ids)
    return verdicts, Path(unquote(urlparse(sites[DOCS_SITE]).path))
