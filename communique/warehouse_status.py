"""What an analyst wants to know before trusting the warehouse: how fresh, how big, how clean.

The published file's modification time is its publish time (publishing is an
atomic rename of a finished build). The quality gates run on the candidate
build inside Dagster; their outcome for the run that published is recorded
next to the warehouse in ``quality/last_run.json`` so tools outside Dagster
(CLI, dashboard) can show it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from communique.readonly import connect_read_only

MARTS = (
    "dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
    "bridge_meeting_documents", "fct_pledges", "fct_tourism_figures", "rejected_documents",
)
QUALITY_STATUS_FILE = "last_run.json"


@dataclass(frozen=True)
class GateStatus:
    name: str
    passed: bool
    message: str
    kind: str = "gate"   # "gate" (a quality gate) | "dbt_test" (a dbt test run as a check)
    severity: str = "error"  # "error" blocks the publish; "warn" only asks for a look

    @property
    def verdict(self) -> str:
        """``ok``, ``WARN`` (a failed warning) or ``FAIL`` (a failed blocking check)."""
        if self.passed:
            return "ok"
        return "WARN" if self.severity == "warn" else "FAIL"


@dataclass(frozen=True)
class QualityStatus:
    recorded_at: str   # ISO timestamp of the run that published
    run_id: str | None
    gates: tuple[GateStatus, ...]

    @property
    def passed(self) -> bool:
        """No blocking check failed (failed warnings are shown, but do not fail the run)."""
        return all(gate.passed or gate.severity == "warn" for gate in self.gates)

    @property
    def warnings(self) -> int:
        return sum(1 for gate in self.gates if not gate.passed and gate.severity == "warn")

    def headline(self, passed: str, failed: str) -> str:
        """``passed`` or ``failed``, saying how many failed warnings are worth a look."""
        if not self.passed:
            return failed
        return f"{passed}, with {self.warnings} warning(s) worth a look" if self.warnings else passed

    def to_show(self) -> tuple[list[GateStatus], int]:
        """The checks worth a line each (every gate, failed dbt tests) and how many dbt tests passed."""
        shown = [g for g in self.gates if g.kind == "gate" or not g.passed]
        return shown, sum(1 for g in self.gates if g.kind != "gate" and g.passed)


@dataclass(frozen=True)
class WarehouseStatus:
    path: Path
    published_at: datetime
    mart_rows: dict[str, int | None]   # None: the mart is missing from the file
    quality: QualityStatus | None      # None: no run recorded its gate results


def quality_status_path(quality_dir: Path) -> Path:
    return Path(quality_dir) / QUALITY_STATUS_FILE


def write_quality_status(quality_dir: Path, status: QualityStatus) -> Path:
    """Record a run's gate results (atomically, so readers never see half a file)."""
    path = quality_status_path(quality_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"recorded_at": status.recorded_at, "run_id": status.run_id,
               "gates": [gate.__dict__ for gate in status.gates]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


def read_quality_status(quality_dir: Path) -> QualityStatus | None:
    path = quality_status_path(quality_dir)
    if not path.is_file():
        return None
    payload = json.loads(path.read_text(encoding="utf-8"))
    gates = tuple(GateStatus(g["name"], bool(g["passed"]), g.get("message", ""), g.get("kind", "gate"),
                             g.get("severity", "error"))
                  for g in payload.get("gates", []))
    return QualityStatus(payload.get("recorded_at", ""), payload.get("run_id"), gates)


def mart_row_counts(con) -> dict[str, int | None]:
    present = {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
    return {mart: con.execute(f'select count(*) from "{mart}"').fetchone()[0] if mart in present else None
            for mart in MARTS}


def warehouse_status(warehouse: Path, quality_dir: Path) -> WarehouseStatus:
    """Freshness, size and last gate results of the published warehouse."""
    with connect_read_only(warehouse) as con:
        counts = mart_row_counts(con)
    published_at = datetime.fromtimestamp(Path(warehouse).stat().st_mtime, tz=timezone.utc)
    return WarehouseStatus(Path(warehouse), published_at, counts, read_quality_status(quality_dir))
