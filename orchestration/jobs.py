"""The nightly job, its 02:00 schedule and the landing-folder sensor.

Landing convention: a producer drops each night's files into
``COMMUNIQUE_RAW_DIR/YYYY-MM-DD/`` (the landing partition, recorded in
raw.document_sources). When a folder with a new date name appears, the sensor
launches ``nightly`` once for it (run key ``landing-YYYY-MM-DD``). Files
outside dated folders are still read by every run.
"""

from __future__ import annotations

import json
import re

from dagster import (AssetSelection, DefaultScheduleStatus, DefaultSensorStatus, RunRequest,
                     ScheduleDefinition, SensorEvaluationContext, SkipReason, define_asset_job, sensor)

from communique.config import load_settings

from orchestration.publishing import keep_failed_build_hook

LANDING_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")

nightly = define_asset_job(
    "nightly", selection=AssetSelection.all(), hooks={keep_failed_build_hook},
    description="Scan raw files, extract what is new, build the marts, check them, publish.",
)

nightly_schedule = ScheduleDefinition(
    name="nightly_at_0200", job=nightly, cron_schedule="0 2 * * *",
    execution_timezone=load_settings().schedule_timezone,
    default_status=DefaultScheduleStatus.RUNNING,
)


def landing_folders(raw_dir) -> list[str]:
    """Names of the dated landing folders present under the raw directory."""
    if not raw_dir.is_dir():
        return []
    return sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and LANDING_FOLDER.match(p.name))


@sensor(job=nightly, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def new_landing_folder(context: SensorEvaluationContext):
    """Launch ``nightly`` when a new COMMUNIQUE_RAW_DIR/YYYY-MM-DD/ folder appears."""
    seen = set(json.loads(context.cursor)) if context.cursor else set()
    present = landing_folders(load_settings().raw_dir)
    new = [name for name in present if name not in seen]
    if not new:
        yield SkipReason("no new landing folder")
        return
    context.update_cursor(json.dumps(sorted(seen | set(present))))
    yield RunRequest(run_key=f"landing-{new[-1]}", tags={"communique/landing": ",".join(new)})
