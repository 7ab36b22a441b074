"""The publish step of write-audit-publish, and what happens to a build that fails.

``published_warehouse`` depends on every mart, so it runs only after the dbt
build and the blocking quality checks passed for this run.
"""


from dagster import AssetExecutionContext, AssetKey, HookContext, MaterializeResult, MetadataValue, asset, failure_hook

from communique.config import load_settings

from orchestration.ingest import WRITER_POOL

MARTS = (
    "dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
    "bridge_meeting_documents", "fct_pledges", "fct_tourism_figures", "rejected_documents",
)


def mart_row_counts(warehouse) -> dict[str, int]:
    """Rows per mart of a warehouse file, read over a read-only connection."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {mart: con.execute(f"SELECT count(*) FROM main.{mart}").fetchone()[0] for mart in MARTS}
    finally:
        con.close()


@asset(deps=[AssetKey(mart) for mart in MARTS], pool=WRITER_POOL, group_name="publish",
       compute_kind="duckdb",
       description="The audited build atomically swapped onto COMMUNIQUE_WAREHOUSE (never opened for write).")
def published_warehouse(context: AssetExecutionContext) -> MaterializeResult:
    from communique.publish import build_path, publish

    settings = load_settings()
    target = publish(build_path(settings, context.run_id), settings)
    rows = mart_row_counts(target)
    context.log.info(f"published {target}: " + ", ".join(f"{m} {n}" for m, n in rows.items()))
    return MaterializeResult(metadata={"path": MetadataValue.path(str(target)), **rows})


@failure_hook(name="keep_failed_build")
def keep_failed_build_hook(context: HookContext) -> None:
    """A step failed: move this run's build (if any) under builds/failed/ for inspection."""
    from communique.publish import keep_failed_build

    kept = keep_failed_build(load_settings(), context.run_id)
    if kept:
        context.log.warning(f"candidate warehouse kept for inspection at {kept}")
