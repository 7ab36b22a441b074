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
single-threaded build leaves idle and sets up the context and every gate's
checkpoint, which depend on the gates' rules, not on their rows
(``quality_frames.gate_plans``). ``validate`` runs there and returns the
verdicts as soon as the checkpoints have run; the Data Docs are rendered after
that, in the same process, while the run publishes (``finish_docs`` waits for
them; it runs at exit). Without a validator (the CLI, tests), ``validate`` runs
in the calling process and renders the docs before it returns.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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


def _init_validator() -> None:
    from communique.worker_exit import exit_without_teardown

    _import_gx()
    exit_without_teardown()  # and leaves without tearing GX down when let go


# The validator process of this process's coming ``validate`` call (``start_validator``).
_VALIDATOR: dict[str, ProcessPoolExecutor] = {}
# The Data Docs a validator is rendering after its verdicts (``finish_docs`` waits for them).
_RENDERING: dict[str, Future] = {}
# In a validator process: the GX objects set up before the gates' rows arrived (``_prepare``),
# and the context and results of the last ``_validate`` whose docs are not rendered yet.
_PREPARED: dict = {}
_UNRENDERED: list[tuple] = []


def start_validator(project_dir: Path | None = None, codebook_dir: Path | None = None) -> bool:
    """Spawn the process the next ``validate`` call will run in; it imports GX right away
    and, given the ``project_dir`` that call will use, sets up the checkpoints of the
    gates ``codebook_dir`` implies.

    Called as a run's dbt build starts: dbt keeps one core busy in this process,
    GX's imports and set-up take the other, and the gates find GX ready. Without this,
    that work would either wait until the gates (after dbt) or, on a thread here,
    slow dbt down by sharing its interpreter lock. False when one is already waiting."""
    if _VALIDATOR:
        return False
    import atexit
    import multiprocessing

    finish_docs()  # an earlier run's docs are written to the same project
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_validator)
    if project_dir is None:
        pool.submit(os.getpid)  # the worker spawns on its first task
    else:
        pool.submit(_prepare, Path(project_dir), codebook_dir)
    _VALIDATOR["pool"] = pool
    atexit.register(stop_validator)
    return True


def stop_validator() -> None:
    """Shut down a validator no ``validate`` call used (the build failed first), and wait
    for Data Docs still being rendered."""
    pool = _VALIDATOR.pop("pool", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
    finish_docs()


def finish_docs() -> Path | None:
    """Wait for the Data Docs a validator renders after its verdicts; their index, or None
    when none were pending or rendering failed (reported on stderr: the verdicts stand)."""
    future = _RENDERING.pop("docs", None)
    if future is None:
        return None
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - docs are a report, never a verdict
        print(f"communique: Great Expectations Data Docs were not rendered: {error}", file=sys.stderr)
        return None


def _expectation(rule: Rule):
    import great_expectations.expectations as gxe

    if rule.kind == "not_null":
        return gxe.ExpectColumnValuesToNotBeNull(column=rule.column)
    if rule.kind == "in_set":
        return gxe.ExpectColumnValuesToBeInSet(column=rule.column, value_set=sorted(rule.value_set))
    raise ValueError(f"unknown rule kind {rule.kind!r}")


def _prepare(project_dir: Path, codebook_dir: Path | None) -> None:
    """In the validator: the context and every planned gate's checkpoint, kept for
    ``_validate`` (which builds any it does not find, so a failure here costs only time)."""
    from communique.quality_frames import gate_plans

    context, datasource = _open(project_dir)
    checkpoints = {gate.plan: _checkpoint(context, datasource, gate) for gate in gate_plans(codebook_dir)}
    _PREPARED.update(project_dir=project_dir, context=context, datasource=datasource,
                     checkpoints=checkpoints)


def _open(project_dir: Path):
    """The file-mode context in ``project_dir`` (made if missing) and its pandas datasource."""
    project_dir.mkdir(parents=True, exist_ok=True)
    context = _context(project_dir)
    return context, context.data_sources.add_or_update_pandas(DATASOURCE)


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
    (in the validator process when ``start_validator`` started one, which then renders
    the docs and exits; ``finish_docs`` waits for that)."""
    pool = _VALIDATOR.pop("pool", None)
    if pool is None:
        verdicts, docs = _validate(gates, project_dir, run_name)
        _render_docs()
        return verdicts, docs
    try:
        verdicts, docs = pool.submit(_validate, list(gates), project_dir, run_name).result()
        _RENDERING["docs"] = pool.submit(_render_docs)
        return verdicts, docs
    finally:
        pool.shutdown(wait=False)  # it renders the docs, then exits on its own


def _validate(gates: Sequence[GateFrame], project_dir: Path, run_name: str) -> tuple[dict[str, Validation], Path]:
    """Verdicts, and the index the docs ``_render_docs`` renders next will have."""
    from great_expectations.core.run_identifier import RunIdentifier

    prepared = _PREPARED if _PREPARED.get("project_dir") == project_dir else {}
    context, datasource = (prepared["context"], prepared["datasource"]) if prepared else _open(project_dir)
    checkpoints = prepared.get("checkpoints", {})
    run_id = RunIdentifier(run_name=run_name)
    verdicts: dict[str, Validation] = {}
    result_ids = []
    for gate in gates:
        checkpoint = checkpoints.get(gate.plan) or _checkpoint(context, datasource, gate)
        result = checkpoint.run(batch_parameters={"dataframe": gate.frame}, run_id=run_id)
        ((result_id, validation_result),) = result.run_results.items()
        result_ids.append(result_id)
        verdicts[gate.name] = Validation(bool(validation_result.success), _offending(validation_result))
    _PREPARED.clear()  # used once: the next run's gates may differ
    _UNRENDERED[:] = [(context, result_ids)]
    (site,) = context.get_docs_sites_urls(site_name=DOCS_SITE, only_if_exists=False)
    return verdicts, _file_path(site["site_url"])


def _render_docs() -> Path:
    """Render the Data Docs of the last ``_validate``'s results (once)."""
    context, result_ids = _UNRENDERED.pop()
    sites = context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=result_ids)
    return _file_path(sites[DOCS_SITE])


def _file_path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))
