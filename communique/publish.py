"""Write-audit-publish: each run builds a new file, and only an audited build is published.

A build is never the published file: dbt writes ``builds/<run_id>.duckdb``,
the quality gates read it, and ``publish`` swaps it onto the warehouse path
with ``os.replace`` (atomic on POSIX). A reader that already opened the old
file keeps reading it; a reader opening the path sees either the old or the
new complete file, never a partial one. Nobody ever opens the published file
for write.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from communique.config import Settings
from communique.durable import fsync_path
from communique.testhooks import pause_point

KEEP_FAILED_BUILDS = 3
FINGERPRINT_FILE = "published.json"


def build_path(settings: Settings, run_id: str) -> Path:
    """Where run ``run_id`` writes its candidate warehouse."""
    return settings.builds_dir / f"{run_id}.duckdb"


def failed_dir(settings: Settings) -> Path:
    return settings.builds_dir / "failed"


def _companions(build: Path) -> list[Path]:
    """A build, the write-ahead log that may sit beside it, and its fingerprint."""
    return [build, build.with_name(build.name + ".wal"), fingerprint_path(build)]


def fingerprint_path(build: Path) -> Path:
    """Where the fingerprint of what ``build`` is made from is kept until it is published."""
    return build.with_name(build.name + ".fingerprint")


def seal_build(build: Path) -> None:
    """Checkpoint the build so it is one self-contained file (no WAL), then fsync it."""
    import duckdb

    con = duckdb.connect(str(build))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{wal} still exists after CHECKPOINT: the build is not sealed")
    fsync_path(build)


def publish(build: Path, settings: Settings, fingerprint: str | None = None) -> Path:
    """Atomically make ``build`` the published warehouse and remember what it was built from."""
    build = Path(build)
    if not build.is_file():
        raise FileNotFoundError(f"no build to publish at {build}")
    if fingerprint is None and fingerprint_path(build).is_file():
        fingerprint = fingerprint_path(build).read_text().strip()
    seal_build(build)
    target = settings.warehouse
    target.parent.mkdir(parents=True, exist_ok=True)
    pause_point("publish")
    os.replace(build, target)
    fsync_path(target.parent, directory=True)
    if build.parent != target.parent:
        fsync_path(build.parent, directory=True)
    write_published_fingerprint(settings, fingerprint)
    fingerprint_path(build).unlink(missing_ok=True)
    return target


# ---------------------------------------------------------------- fingerprint of the published state

DBT_PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models/**/*", "macros/**/*", "tests/**/*")


def build_fingerprint(settings: Settings, versions: dict[str, str], dbt_project_dir: Path) -> str:
    """Hash of everything a build is made from: work-database state, extractor
    versions and the dbt project files. Equal fingerprints mean an identical
    warehouse, so a run with nothing new can skip the build and publish nothing."""
    from communique.store import state_digest

    digest = hashlib.sha256(state_digest(settings.work_db).encode())
    digest.update(json.dumps(versions, sort_keys=True).encode())
    files = {p for pattern in DBT_PROJECT_FILES for p in Path(dbt_project_dir).glob(pattern) if p.is_file()}
    for path in sorted(files):
        digest.update(str(path.relative_to(dbt_project_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint_path(settings: Settings) -> Path:
    return settings.state_dir / FINGERPRINT_FILE


def write_published_fingerprint(settings: Settings, fingerprint: str | None) -> None:
    """Record what the published file was built from (atomically); None forgets it."""
    path = _fingerprint_path(settings)
    if fingerprint is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "warehouse": str(settings.warehouse)}))
    os.replace(tmp, path)


def published_fingerprint(settings: Settings) -> str | None:
    """Fingerprint of the published warehouse, None if unknown or the file is gone."""
    path = _fingerprint_path(settings)
    if not settings.warehouse.is_file() or not path.is_file():
        return None
    try:
        return json.loads(path.read_text())["fingerprint"]
    except (ValueError, KeyError):
        return None


# ---------------------------------------------------------------- failed and stale builds

def keep_failed_build(settings: Settings, run_id: str, keep: int = KEEP_FAILED_BUILDS) -> Path | None:
    """Move a run's build under ``builds/failed/`` for inspection; keep only the last few."""
    build = build_path(settings, run_id)
    if not build.exists():
        return None
    destination = failed_dir(settings)
    destination.mkdir(parents=True, exist_ok=True)
    for path in _companions(build):
        if path.exists():
            os.replace(path, destination / path.name)
    kept = destination / build.name
    _prune_failed(destination, keep, newest=kept)
    return kept


def _prune_failed(directory: Path, keep: int, newest: Path) -> None:
    """Keep ``newest`` and the most recent others, ``keep`` in all."""
    others = sorted((p for p in directory.glob("*.duckdb") if p != newest),
                    key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    for old in others[max(keep - 1, 0):]:
        for path in _companions(old):
            path.unlink(missing_ok=True)


def clean_stale_builds(settings: Settings, is_active: Callable[[str], bool] = lambda run_id: False) -> list[Path]:
    """Delete the leftovers of killed runs: builds of runs no longer active, stray WALs and temps."""
    builds = settings.builds_dir
    if not builds.is_dir():
        return []
    removed = []
    for path in sorted(builds.iterdir()):
        if path.is_dir():
            continue
        run_id = path.name.split(".", 1)[0]
        if is_active(run_id):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    for tmp in settings.state_dir.glob("*.tmp"):
        tmp.unlink(missing_ok=True)
    return removed


def discard_build(settings: Settings, run_id: str) -> None:
    """Remove a run's build (before a retry rebuilds it from scratch)."""
    for path in _companions(build_path(settings, run_id)):
        path.unlink(missing_ok=True)
