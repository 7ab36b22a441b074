"""Blocking Dagster asset checks: the quality gates on this run's candidate warehouse.

One op runs all six gates (``communique.quality.run_gates``) once every mart
of the run is built, and reports one check per gate on the mart it is mainly
about. The checks are blocking with ERROR severity, so a failed gate fails the
step and nothing downstream of the marts (the publish asset) runs: the
published warehouse stays as it was and the candidate build is left in
``builds/`` for inspection.
"""

from typing import TYPE_CHECKING

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)

from communique.config import load_settings
from communique.publish import build_path

if TYPE_CHECKING:  # pandas and GX load only when the gates run, not with the definitions
    from communique.quality import GateResult

from orchestration.publishing import MARTS

# gate -> (mart it is reported on, what it guarantees)
GATES = {
    "country_codes_valid": (
        "dim_actors", "Country codes of actors, meetings and pledges are ISO 3166-1 alpha-3 "
        "or codebook organisation codes."),
    "tourism_values_positive_finite": (
        "fct_tourism_figures", "Every tourism figure value is a positive finite number."),
    "dates_not_after_publication": (
        "fct_meetings", "No meeting or pledge date is after the publication date of its document."),
    "evidence_matches_text": (
        "bridge_meeting_documents", "Evidence of meetings, pledges and figures equals "
        "dim_documents.text at its offsets."),
    "no_orphan_bridge_rows": (
        "bridge_meeting_participants", "Every bridge row links an existing meeting and "
        "actor / document."),
    "row_counts_not_collapsed": (
        "fct_pledges", "No fact table fell below half its published row count "
        "(when the published one has at least 20 rows)."),
}


def _spec(gate: str, mart: str, description: str) -> AssetCheckSpec:
    # every gate reads several marts: depend on all so the op runs after the whole build
    others = [AssetKey([m]) for m in MARTS if m != mart]
    return AssetCheckSpec(name=gate, asset=AssetKey([mart]), description=description,
                          blocking=True, additional_deps=others)


def check_result(result: "GateResult") -> AssetCheckResult:
    """One gate's outcome as a Dagster check result with its evidence attached."""
    from communique.quality import sample_markdown

    mart, _ = GATES[result.name]
    metadata = {
        "offending_rows": MetadataValue.int(result.offending_count),
        "message": MetadataValue.text(result.message),
    }
    if result.sample:
        metadata["sample"] = MetadataValue.md(sample_markdown(result.sample))
    if result.data_docs:
        metadata["data_docs"] = MetadataValue.path(str(result.data_docs))
    return AssetCheckResult(
        asset_key=AssetKey([mart]), check_name=result.name, passed=result.passed,
        severity=AssetCheckSeverity.ERROR, description=result.message, metadata=metadata,
    )


@multi_asset_check(
    specs=[_spec(gate, mart, text) for gate, (mart, text) in GATES.items()],
    name="quality_gates",
    description="Great Expectations gates on the candidate warehouse before it is published.",
    compute_kind="great_expectations",
)
def quality_checks(context: AssetCheckExecutionContext):
    from communique.quality import run_gates

    settings = load_settings()
    build = build_path(settings, context.run.run_id)
    published = settings.warehouse if settings.warehouse.exists() else None
    results = run_gates(build, published, settings.quality_dir, settings.codebook)
    for result in results:
        if not result.passed:
            context.log.error(f"quality gate {result.name} failed: {result.message}")
        yield check_result(result)
