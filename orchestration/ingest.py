"""Ingestion assets: scan the raw directory, then run the NLP on what is pending.

Thin glue over ``communique.store`` and ``communique.runner``; both assets
write the work database, so both sit in the ``duckdb_writer`` pool (limit 1).
"""


import time

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from communique.config import load_settings

WRITER_POOL = "duckdb_writer"
LOG_EVERY_S = 10.0
# imported while the extraction workers parse, rather than by the steps after the build:
# dbt's agate helpers for its tests (0.05 s) and the dashboard's plotly (0.25 s)
AFTER_BUILD_MODULES = ("dbt_common.clients.agate_helper", "communique.dashboard")


@asset(pool=WRITER_POOL, group_name="ingest", compute_kind="python",
       description="Every raw file read into documents or rejections (raw.documents, "
                   "raw.document_sources, raw.rejected_documents of the work database).")
def documents(context: AssetExecutionContext) -> MaterializeResult:
    from communique import store
    from communique.memory import return_freed_memory
    from communique.publish import clean_stale_builds
    from communique.runner import early_pool_helpers
    from extract.sources import read_raw_dir

    settings = load_settings()
    removed = clean_stale_builds(settings, is_active=lambda run_id: _run_active(context, run_id))
    if removed:
        context.log.info(f"removed {len(removed)} leftover build file(s) of killed runs")
    known_files = store.scanned_files(settings.work_db)  # files unchanged since then are not read again
    # the extraction workers, once they have loaded spaCy, read and clean files alongside this process
    helpers = early_pool_helpers()
    summary = store.record_scan(settings.work_db, read_raw_dir(
        settings.raw_dir, settings.max_file_bytes, known_files=known_files, executor=helpers))
    return_freed_memory()  # the scan's freed heap, not held through the NLP step
    context.log.info(f"scanned {settings.raw_dir}: {summary.documents} documents "
                     f"({summary.new_documents} new), {summary.rejections} rejected; "
                     f"{summary.files_read} file(s) read, {summary.files_unchanged} unchanged"
                     f"{f' ({helpers.lent} batches of files offered to the extraction workers)' if helpers else ''}")
    return MaterializeResult(metadata={
        "documents": summary.documents, "new_documents": summary.new_documents,
        "sources": summary.sources, "rejected": summary.rejections,
        "files_read": summary.files_read, "files_unchanged": summary.files_unchanged,
        "read_with_extraction_workers": bool(helpers and helpers.lent),
        "raw_dir": MetadataValue.path(str(settings.raw_dir)),
    })


@asset(deps=[documents], pool=WRITER_POOL, group_name="ingest", compute_kind="spacy",
       description="Actor mentions, meeting, pledge and figure candidates of every document "
                   "whose extractor version changed or that is new (the extraction cache).")
def annotations(context: AssetExecutionContext) -> MaterializeResult:
    from communique.runner import Progress, run_extraction

    settings = load_settings()
    last_log = [0.0]

    def report(progress: Progress) -> None:
        now = time.monotonic()
        if progress.done in (0, progress.total) or now - last_log[0] >= LOG_EVERY_S:
            last_log[0] = now
            context.log.info(f"nlp: {progress.describe()}")

    from orchestration.marts import prepare_dbt_build

    # once every worker has its batches, this process parses the dbt project for the coming
    # build and imports what the steps after the build use, while it waits for results
    summary = run_extraction(settings, on_progress=report,
                             on_busy=lambda: prepare_dbt_build(then_import=AFTER_BUILD_MODULES))
    return MaterializeResult(metadata={
        "pending_documents": summary.pending, "extracted_documents": summary.documents,
        "rows_written": summary.rows,
        "docs_per_s": round(summary.documents / summary.elapsed_s, 2) if summary.elapsed_s else 0.0,
        "elapsed_s": round(summary.elapsed_s, 1),
        "spool_load_s": round(summary.load_s, 2),
        # the run's process meanwhile (the dbt parse, spooling): CPU the workers could not use
        "run_process_cpu_s": round(summary.own_cpu_s, 2),
        **{f"redone_{kind}": n for kind, n in summary.kinds.items()},
    })


def _run_active(context: AssetExecutionContext, run_id: str) -> bool:
    """Another run of this instance still in progress (its build must not be touched)."""
    if run_id == context.run_id:
        return False
    run = context.instance.get_run_by_id(run_id)
    return run is not None and not run.is_finished
