"""The analyst's side of the nightly job: everything that runs after a publish.

Each asset only reads the published warehouse (never the build), so what
analysts see is exactly what was published: the run's quality-gate results
recorded for tools outside Dagster, the dashboard, the catalog and the
scores against the gold annotations. Imported into the Definitions as
``analyst_assets``.
"""

from datetime import datetime, timezone

from dagster import (
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    DagsterEventType,
    MaterializeResult,
    MetadataValue,
    asset,
)

from communique.config import load_settings

PUBLISHED = AssetKey("published_warehouse")
GROUP = "analyst"


def _gate_results_of_run(context: AssetExecutionContext):
    """The check evaluations logged by this run (latest per check): the gates and the dbt tests."""
    from communique.warehouse_status import GateStatus
    from orchestration.checks import GATES

    gates: dict[str, GateStatus] = {}
    for entry in context.instance.all_logs(context.run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION):
        evaluation = entry.dagster_event.event_specific_data
        kind = "gate" if evaluation.check_name in GATES else "dbt_test"
        severity = "warn" if evaluation.severity == AssetCheckSeverity.WARN else "error"
        gates[evaluation.check_name] = GateStatus(evaluation.check_name, bool(evaluation.passed),
                                                  evaluation.description or "", kind, severity)
    return tuple(gates.values())


@asset(deps=[PUBLISHED], group_name=GROUP, compute_kind="python",
       description="The quality-gate results of the run that published, in quality/last_run.json, "
                   "for the CLI and the dashboard.")
def published_quality_status(context: AssetExecutionContext) -> MaterializeResult:
    from communique.warehouse_status import QualityStatus, write_quality_status

    settings = load_settings()
    gates = _gate_results_of_run(context)
    if not gates:  # e.g. the asset was materialised alone: keep the last recorded results
        context.log.warning("no quality-gate results in this run; the recorded status is unchanged")
        return MaterializeResult(metadata={"recorded": False})
    status = QualityStatus(datetime.now(timezone.utc).isoformat(timespec="seconds"), context.run.run_id, gates)
    path = write_quality_status(settings.quality_dir, status)
    return MaterializeResult(metadata={
        "recorded": True, "passed": status.passed, "gates": len(gates), "path": MetadataValue.path(str(path))})


@asset(deps=[PUBLISHED, published_quality_status], group_name=GROUP, compute_kind="plotly",
       description="Static HTML dashboard of the published warehouse (<warehouse dir>/dashboard/index.html).")
def analyst_dashboard(context: AssetExecutionContext) -> MaterializeResult:
    from communique.dashboard import build_dashboard

    settings = load_settings()
    page = build_dashboard(settings.warehouse, settings.quality_dir)
    return MaterializeResult(metadata={"path": MetadataValue.path(str(page)),
                                       "bytes": page.stat().st_size})


@asset(deps=[PUBLISHED], group_name=GROUP, compute_kind="dbt",
       description="dbt's static docs site for the published marts (<warehouse dir>/docs/index.html).")
def analyst_catalog(context: AssetExecutionContext) -> MaterializeResult:
    from communique.catalog import build_catalog
    from orchestration.marts import dbt_target_dir

    settings = load_settings()
    manifest = dbt_target_dir(settings) / "manifest.json"  # what this run's dbt build wrote
    index = build_catalog(settings.warehouse, settings.work_db, settings.docs_dir, manifest)
    return MaterializeResult(metadata={"path": MetadataValue.path(str(index))})


@asset(deps=[PUBLISHED], group_name=GROUP, compute_kind="python",
       description="Precision / recall / F1 of the published warehouse on the gold documents it holds "
                   "(for the whole gold set run `make evaluate`).")
def published_evaluation(context: AssetExecutionContext) -> MaterializeResult:
    try:
        from communique.evaluate import evaluate_warehouse
    except ImportError:
        context.log.warning("communique.evaluate is not available: nothing scored")
        return MaterializeResult(metadata={"scored": False})
    settings = load_settings()
    report = evaluate_warehouse(settings.warehouse, settings.gold_dir)
    metadata = {"scored": True, "gold_documents": len(report.documents),
                "scores": MetadataValue.md(f"```\n{report.format_table()}\n```")}
    for kind, score in report.to_dict()["kinds"].items():
        if score["f1"] is not None:
            metadata[f"{kind}_f1"] = MetadataValue.float(float(score["f1"]))
    return MaterializeResult(metadata=metadata)


analyst_assets = [published_quality_status, analyst_dashboard, analyst_catalog, published_evaluation]
