"""Finished extraction batches, kept as files until the NLP step loads them all at once.

Committing each batch into the work database while the workers parsed made the run's
process grow with the extraction tables just when the workers held their most memory:
in a replay of the 5,000-document slice's reads and writes without the NLP, the process
peaked 71 MB above its start with the writes (DuckDB checkpoints of the growing tables
took 45-70 MB at about nine points of the slice), 18 MB without them. So a finished batch
is written here, as one Arrow IPC file per kind plus its extraction-log rows, into a
directory of its own that is renamed into place once its files are on disk: a SIGKILL
still loses at most the batches in flight. ``store.load_extractions`` moves every
complete batch into the raw tables in one transaction when the step ends, or when the
next one starts after a crash. Arrow IPC rather than Parquet: writing Parquet loads its
library into the run's process, 5-7 MiB more through the whole step.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from communique.durable import fsync_path

LOG = "extractions"  # file of a batch's raw.extractions rows
SUFFIX = ".arrow"
_INCOMPLETE = ".incomplete-"  # prefix of a batch directory still being written
_LOG_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("kind", pa.string()), ("extractor_version", pa.string()),
    ("extracted_at", pa.timestamp("us")), ("n_rows", pa.int32()),
])


def spool_dir(work_db: Path) -> Path:
    """The spool beside the work database it belongs to."""
    work_db = Path(work_db)
    return work_db.with_name(work_db.name + ".spool")


def write_batch(spool: Path, tables: Mapping[str, pa.Table], versions: Mapping[str, str],
                document_ids: Sequence[str], now: datetime) -> int:
    """Spool one finished batch: per kind in ``tables``, its fact rows tagged with the kind's
    extractor version, and one log row per document (also when it produced no facts, so it
    is not redone). Returns the number of fact rows."""
    unique_ids = list(dict.fromkeys(document_ids))
    log: dict[str, list] = {name: [] for name in _LOG_SCHEMA.names}
    files: dict[str, pa.Table] = {}
    for kind, table in tables.items():
        version = versions[kind]
        if table.num_rows:
            files[kind] = table.add_column(1, "extractor_version",
                                           pa.array([version] * table.num_rows, pa.string()))
        rows_of = Counter(table.column("document_id").to_pylist()) if table.num_rows else Counter()
        log["document_id"] += unique_ids
        log["kind"] += [kind] * len(unique_ids)
        log["extractor_version"] += [version] * len(unique_ids)
        log["extracted_at"] += [now] * len(unique_ids)
        log["n_rows"] += [rows_of[doc_id] for doc_id in unique_ids]
    files[LOG] = pa.table(log, schema=_LOG_SCHEMA)
    name = uuid.uuid4().hex
    incomplete = spool / f"{_INCOMPLETE}{name}"
    incomplete.mkdir(parents=True)
    for file_name, table in files.items():
        with open(incomplete / f"{file_name}{SUFFIX}", "wb") as out:
            with pa.ipc.new_file(out, table.schema) as writer:
                writer.write_table(table)
            out.flush()
            os.fsync(out.fileno())
    incomplete.rename(spool / name)
    fsync_path(spool, directory=True)  # the rename, durable
    return sum(table.num_rows for table in tables.values())


@dataclass(frozen=True)
class SpooledBatches:
    """The complete batches of a spool, and their files to load."""
    directories: tuple[Path, ...]

    def files(self, name: str) -> list[Path]:
        """The batches' files of ``name`` (a kind, or ``LOG``; a batch without facts of a
        kind has no file of it)."""
        return [path for directory in self.directories
                if (path := directory / f"{name}{SUFFIX}").is_file()]

    def reader(self, name: str) -> pa.RecordBatchReader | None:
        """The rows of every file of ``name``, read one file at a time (None: no file)."""
        paths = self.files(name)
        if not paths:
            return None
        with pa.OSFile(str(paths[0])) as source:
            schema = pa.ipc.open_file(source).schema
        return pa.RecordBatchReader.from_batches(schema, _batches_of(paths))


def _batches_of(paths: Sequence[Path]):
    for path in paths:
        with pa.OSFile(str(path)) as source:
            yield from pa.ipc.open_file(source).read_all().to_batches()


def complete_batches(spool: Path) -> SpooledBatches:
    """The batches whose directory was renamed into place (an incomplete one is ignored)."""
    if not spool.is_dir():
        return SpooledBatches(())
    return SpooledBatches(tuple(sorted(path for path in spool.iterdir()
                                       if path.is_dir() and not path.name.startswith(_INCOMPLETE))))


def remove(spool: Path, batches: SpooledBatches) -> None:
    """Delete loaded batches, and the incomplete ones a killed run left."""
    for directory in batches.directories:
        shutil.rmtree(directory)
    if spool.is_dir():
        for path in spool.iterdir():
            if path.name.startswith(_INCOMPLETE):
                shutil.rmtree(path)


def discard(spool: Path) -> None:
    """Forget every spooled batch (``--rebuild`` forgets the extraction cache)."""
    shutil.rmtree(spool, ignore_errors=True)
