"""The Dagster code location: every asset, check, job, schedule and sensor of communique.

Each area defines its own pieces (ingest, marts, checks, publishing, analyst);
this module only assembles them. ``orchestration.checks`` (quality gates) and
``orchestration.analyst`` (post-publish assets) are optional while they are
being built.
"""

from __future__ import annotations

import importlib

from dagster import Definitions

from orchestration.ingest import annotations, documents
from orchestration.jobs import new_landing_folder, nightly, nightly_schedule
from orchestration.marts import dbt_resource, dbt_warehouse
from orchestration.publishing import published_warehouse


def _optional(module: str, name: str) -> list:
    """``module.name`` as a list when that module exists (a single definition is wrapped)."""
    try:
        value = getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as missing:
        if missing.name != module:
            raise
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


quality_checks = _optional("orchestration.checks", "quality_checks")
analyst_assets = _optional("orchestration.analyst", "analyst_assets")

defs = Definitions(
    assets=[documents, annotations, dbt_warehouse, published_warehouse, *analyst_assets],
    asset_checks=quality_checks,
    jobs=[nightly],
    schedules=[nightly_schedule],
    sensors=[new_landing_folder],
    resources={"dbt": dbt_resource},
)
