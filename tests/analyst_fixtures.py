"""The warehouse the analyst-side tests read: the session's one seed run.

It is built by the real job (``python -m communique.run``) from the sample
(data/raw/, the five seed articles), exactly as ``make run`` does, once per
test session and shared with the ``seed_run`` fixture (conftest.py). The job
writes the dashboard, catalog and quality status beside the warehouse, so
those are the job's own outputs too. Treat it as read-only: copy it to change it.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, built_seed_run

__all__ = ["REPO", "sample_warehouse"]


def sample_warehouse() -> Path:
    """Path of the warehouse the job published from the sample."""
    return built_seed_run().warehouse
