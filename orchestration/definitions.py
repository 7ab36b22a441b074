"""The Dagster code location: every asset, check, job, schedule and sensor of communique.

Each area defines its own pieces (ingest, marts, checks, publishing, analyst);
this module only assembles them.
"""

from __future__ import annotations

from dagster import Definitions

from orchestration.analyst import analyst_assets
from orchestration.checks import quality_checks
from orchestration.ingest import annotations, documents
from orchestration.jobs import new_landing_folder, nightly, nightly_schedule
from orchestration.marts import dbt_warehouse
from orchestration.publishing import published_warehouse

defs = Definitions(
    assets=[documents, annotations, dbt_warehouse, published_warehouse, *analyst_assets],
    asset_checks=[quality_checks],
    jobs=[nightly],
    schedules=[nightly_schedule],
    sensors=[new_landing_folder],
)
