"""The work database: raw tables of docs/design.md, written from Arrow in bulk.

Connections are short-lived (open, one transaction, close) because DuckDB
allows one writer process at a time: the dbt build attaches this file
read-only between our writes. Every write is one transaction, so a run killed
mid-way leaves the previous consistent state. Timestamps of first sight are
kept across runs, so re-reading the same inputs leaves the tables identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from communique.plan import NO_ROW, Pending, PendingDocument  # noqa: F401  (PendingDocument: part of this API)
from extract.documents import Document, Rejection
from extract.sources.rescan import FileRead, Unchanged

# fact kind -> raw table holding its rows (docs/design.md "Raw tables")
KIND_TABLES = {
    "mentions": "actor_mentions",
    "meetings": "meeting_candidates",
    "pledges": "pledge_candidates",
    "figures": "figure_candidates",
}

# Texts are stored uncompressed: DuckDB compresses long strings with ZSTD a vector (2,048 rows)
# at a time, so reading one batch's texts decompressed thousands of them. Over the
# 5,000-document slice that was 23 ms per batch, 28 s of the run's CPU over its 1,251 batches
# (1.5 s uncompressed), and 35 MB more at the run's peak; the work database is 57 MB bigger
# for it. The published warehouse compresses its copy as usual.
_PARTICIPANT = "STRUCT(name VARCHAR, actor_type VARCHAR, country_code VARCHAR, title VARCHAR)"
RAW_DDL = f"""
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.documents (
    document_id VARCHAR PRIMARY KEY, content_sha256 VARCHAR, title VARCHAR, published_at DATE,
    published_at_source VARCHAR, text VARCHAR USING COMPRESSION uncompressed, n_chars INTEGER, first_ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS raw.document_sources (
    source_uri VARCHAR PRIMARY KEY, document_id VARCHAR, raw_sha256 VARCHAR, url VARCHAR,
    landing_partition VARCHAR, first_seen_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS raw.rejected_documents (
    source_uri VARCHAR, reason VARCHAR, detail VARCHAR, raw_sha256 VARCHAR, rejected_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS raw.scanned_files (
    file_uri VARCHAR PRIMARY KEY, raw_sha256 VARCHAR, cleaner_version VARCHAR, source_uris VARCHAR[]);
CREATE TABLE IF NOT EXISTS raw.extractions (
    document_id VARCHAR, kind VARCHAR, extractor_version VARCHAR, extracted_at TIMESTAMP,
    n_rows INTEGER);
CREATE TABLE IF NOT EXISTS raw.actor_mentions (
    document_id VARCHAR, extractor_version VARCHAR, mention_index INTEGER, actor_key VARCHAR,
    name VARCHAR, actor_type VARCHAR, country_code VARCHAR, title VARCHAR, mention_text VARCHAR,
    start_char INTEGER, end_char INTEGER);
CREATE TABLE IF NOT EXISTS raw.meeting_candidates (
    document_id VARCHAR, extractor_version VARCHAR, candidate_index INTEGER,
    participants {_PARTICIPANT}[], country_codes VARCHAR[], meeting_date DATE, location VARCHAR,
    mode VARCHAR, evidence VARCHAR, start_char INTEGER, end_char INTEGER, confidence DOUBLE,
    trigger VARCHAR, from_title BOOLEAN);
CREATE TABLE IF NOT EXISTS raw.pledge_candidates (
    document_id VARCHAR, extractor_version VARCHAR, candidate_index INTEGER,
    pledger_name VARCHAR, pledger_type VARCHAR, pledger_country_code VARCHAR, pledger_title VARCHAR,
    pledger_country_codes VARCHAR[], beneficiary_country_codes VARCHAR[], content VARCHAR,
    pledge_date DATE, evidence VARCHAR, start_char INTEGER, end_char INTEGER, confidence DOUBLE,
    trigger VARCHAR);
CREATE TABLE IF NOT EXISTS raw.figure_candidates (
    document_id VARCHAR, extractor_version VARCHAR, candidate_index INTEGER, metric VARCHAR,
    value DOUBLE, unit VARCHAR, qualifier VARCHAR, place VARCHAR, period_start DATE,
    period_end DATE, period_text VARCHAR, evidence VARCHAR, start_char INTEGER, end_char INTEGER,
    confidence DOUBLE);
"""

_DOCUMENTS = pa.schema([
    ("document_id", pa.string()), ("content_sha256", pa.string()), ("title", pa.string()),
    ("published_at", pa.date32()), ("published_at_source", pa.string()), ("text", pa.string()),
    ("n_chars", pa.int32()),
])
_SOURCES = pa.schema([
    ("source_uri", pa.string()), ("document_id", pa.string()), ("raw_sha256", pa.string()),
    ("url", pa.string()), ("landing_partition", pa.string()),
])
_REJECTIONS = pa.schema([
    ("source_uri", pa.string()), ("reason", pa.string()), ("detail", pa.string()),
    ("raw_sha256", pa.string()),
])
_SCANNED_FILES = pa.schema([
    ("file_uri", pa.string()), ("raw_sha256", pa.string()), ("cleaner_version", pa.string()),
    ("unchanged", pa.bool_()), ("source_uris", pa.list_(pa.string())),
])
# Documents (and rejections) held in memory, and in one DuckDB append, at once while
# recording a scan. A chunk also ends once its texts reach SCAN_CHUNK_CHARS characters, so
# the scan's memory follows the chunk, not the length of the corpus's documents: 500 of the
# 5,000-document slice's press briefings hold about 20 MB of text, and recording that slice
# peaked 400 MB above the process's start with 500-document chunks, 225 MB with 4 MB ones
# (no slower; 500 readouts are about 2.2 MB, so the 1,410 readouts are chunked as before).
SCAN_CHUNK = 500
SCAN_CHUNK_CHARS = 4_000_000


def utc_now() -> datetime:
    """Naive UTC timestamp (DuckDB TIMESTAMP has no zone)."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


# DuckDB's allocator keeps up to this much freed memory cached after each task (default
# 128 MB). The scan of 5,000 documents left the run's process 49 MB bigger with the
# default than with this, through the whole NLP step; over 1,410 documents no difference.
ALLOCATOR_FLUSH_THRESHOLD = "16MB"


def _open(work_db: Path, read_only: bool = False,
          settings: Sequence[str] = ()) -> duckdb.DuckDBPyConnection:
    """A new connection (with ``settings``, SET statements, run on it); a writable one makes
    sure the raw schema exists."""
    work_db = Path(work_db)
    if read_only:
        con = duckdb.connect(str(work_db), read_only=True)
    else:
        work_db.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(work_db))
        con.execute(RAW_DDL)
    con.execute(f"SET allocator_flush_threshold = '{ALLOCATOR_FLUSH_THRESHOLD}'")
    for setting in settings:
        con.execute(setting)
    return con


@contextmanager
def connect(work_db: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection; a writable one makes sure the raw schema exists."""
    con = _open(work_db, read_only)
    try:
        yield con
    finally:
        con.close()


class UncachedConnection:
    """One read-only connection to the work database for a long step that keeps none of
    the blocks DuckDB read cached between reads (the NLP step reads its texts on it).

    DuckDB keeps the blocks it read cached up to its memory limit, and the slice's long
    texts take many: reading a batch of 13 of them (47 KiB of text) on a newly opened
    connection grew the process by 6.9 MiB. One connection held through the
    5,000-document slice let the run's process keep 65 MiB it no longer used. After each
    read made through this connection (``_using`` calls ``drop_cache``), its memory limit
    is lowered to ``FLOOR`` for a moment, which makes DuckDB evict every block it does not
    need, then raised again. In a replay of the NLP step's reads (no NLP, two runs each) the process
    stayed at most 0.6 MiB above its start for the readouts and 1.9-2.0 MiB for the
    slice, where reopening the connection once it cached 4 MiB (checked after each batch,
    as before) let it reach 7.0 and 9.5-9.8 MiB; the slice's reads took 2.5-2.9 s instead
    of 6.9 (no reopenings, at about 12 ms each)."""

    # Its work is small statements while the workers need both cores: one DuckDB thread, and
    # a small buffer pool. In a replay over the 5,000-document slice's 1,252 batches (reads
    # and writes, no NLP; reopened every 25): CPU 20.8 -> 17.3 s with one thread, and with
    # the 64 MB limit too the process peaked 71 MB above its start instead of 113 MB.
    # (A lower limit is no bound: reading one batch of the slice's long texts needed more than
    # 4 MB of pinned blocks, and DuckDB fails a read it cannot pin.)
    MEMORY_LIMIT = "64MB"
    SETTINGS = ("SET threads = 1", f"SET memory_limit = '{MEMORY_LIMIT}'")
    FLOOR = "1MB"  # between reads; DuckDB keeps about 0.8 MiB it cannot evict

    def __init__(self, work_db: Path) -> None:
        self.work_db = Path(work_db)
        self.reopenings = 0
        self.con = _open(self.work_db, read_only=True, settings=self.SETTINGS)

    def buffered(self) -> int:
        """Bytes of memory DuckDB holds for this connection's database (its cached blocks)."""
        return self.con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()").fetchone()[0]

    def drop_cache(self) -> None:
        """Evict the cached blocks; when DuckDB cannot get down to ``FLOOR``, reopen."""
        try:
            self.con.execute(f"SET memory_limit = '{self.FLOOR}'")
        except duckdb.OutOfMemoryException:
            self.con.close()
            self.con = _open(self.work_db, read_only=True, settings=self.SETTINGS)
            self.reopenings += 1
        else:
            self.con.execute(f"SET memory_limit = '{self.MEMORY_LIMIT}'")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "UncachedConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Where a helper reads or writes: a path (it opens a short-lived connection) or an open one.
WorkDb = Path | duckdb.DuckDBPyConnection | UncachedConnection


@contextmanager
def _using(work_db: WorkDb, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The caller's open connection (it stays open), or a short-lived one to ``work_db``."""
    if isinstance(work_db, duckdb.DuckDBPyConnection):
        yield work_db
    elif isinstance(work_db, UncachedConnection):
        yield work_db.con
        work_db.drop_cache()
    else:
        with connect(work_db, read_only) as con:
            yield con


def ensure_schema(work_db: Path) -> None:
    """Create the work database and its raw tables if they do not exist."""
    with connect(work_db):
        pass


# ---------------------------------------------------------------- scan

def landing_partition(source_uri: str) -> str | None:
    """First path part when it is a landing folder named YYYY-MM-DD, else None."""
    first = source_uri.split("/", 1)[0]
    if "/" not in source_uri or len(first) != 10:
        return None
    try:
        datetime.strptime(first, "%Y-%m-%d")
    except ValueError:
        return None
    return first


@dataclass(frozen=True)
class ScanSummary:
    documents: int      # distinct current documents
    new_documents: int  # documents never seen before this scan
    sources: int
    rejections: int
    files_read: int = 0       # files decoded and cleaned (counted when the scan carries markers)
    files_unchanged: int = 0  # files skipped: same bytes and cleaner as at the last scan


@dataclass
class _ScannedFile:
    """One raw file of a scan that carries markers, with the source_uri of every row it gave."""

    file_uri: str
    raw_sha256: str
    cleaner_version: str
    unchanged: bool
    source_uris: list[str]


def scanned_files(work_db: Path) -> dict[str, tuple[str, str]]:
    """file uri -> (raw_sha256, cleaner_version) of the files the last scan read.

    This is `known_files` for read_raw_dir: pass it to the record_scan that
    follows on the same work database.
    """
    with connect(work_db) as con:
        rows = con.execute("SELECT file_uri, raw_sha256, cleaner_version FROM raw.scanned_files").fetchall()
    return {file_uri: (raw_sha256, version) for file_uri, raw_sha256, version in rows}


def _chunks(items: Iterable, max_rows: int, max_chars: int) -> Iterator[list]:
    """Lists of items holding ``max_rows`` documents and rejections, or fewer whose texts
    reach ``max_chars`` characters (markers ride along uncounted)."""
    chunk: list = []
    rows = chars = 0
    for item in items:
        chunk.append(item)
        if _is_row(item):
            rows += 1
            chars += len(getattr(item, "text", ""))
        if rows >= max_rows or chars >= max_chars:
            yield chunk
            chunk = []
            rows = chars = 0
    if chunk:
        yield chunk


def _is_row(item: object) -> bool:
    """A Document or Rejection; markers do not count, so chunks hold what they hold without them."""
    return isinstance(item, (Document, Rejection))


def _distinct(docs: Sequence[Document]) -> list[Document]:
    """The first document of each id (same id, same text: it is a content hash)."""
    first: dict[str, Document] = {}
    for doc in docs:
        first.setdefault(doc.document_id, doc)
    return list(first.values())


def _document_rows(docs: Sequence[Document]) -> pa.Table:
    """Rows of raw.documents: one per distinct document, so the insert needs no window over texts."""
    return pa.Table.from_pylist([{
        "document_id": d.document_id, "content_sha256": d.content_sha256, "title": d.title,
        "published_at": d.published_at, "published_at_source": d.published_at_source,
        "text": d.text, "n_chars": len(d.text),
    } for d in _distinct(docs)], schema=_DOCUMENTS)


def _source_rows(docs: Sequence[Document]) -> pa.Table:
    return pa.Table.from_pylist([{
        "source_uri": d.source_uri, "document_id": d.document_id, "raw_sha256": d.raw_sha256,
        "url": d.url, "landing_partition": landing_partition(d.source_uri),
    } for d in docs], schema=_SOURCES)


def _rejection_rows(rejections: Sequence[Rejection]) -> pa.Table:
    return pa.Table.from_pylist([{
        "source_uri": r.source_uri, "reason": r.reason, "detail": r.detail,
        "raw_sha256": r.raw_sha256,
    } for r in rejections], schema=_REJECTIONS)


def record_scan(work_db: Path, items: Iterable[Document | Rejection | FileRead | Unchanged],
                now: datetime | None = None) -> ScanSummary:
    """Record one full scan of the raw directory, streaming ``items`` in chunks.

    New documents are appended to raw.documents (history is kept), each chunk
    in its own short transaction: uncommitted appends stay in DuckDB's memory
    (5,000 documents in one transaction raised peak memory by 430 MB; in
    committed chunks of 500, by 300 MB), and a document recorded by a scan that
    then fails is only history, which the next scan finds already there.
    Document sources and rejections are replaced by this scan, keeping the
    first-seen / rejected-at time of inputs seen before, in one transaction.

    With the markers of ``read_raw_dir(known_files=scanned_files(work_db))``,
    an Unchanged file counts as read again: the rows the last scan recorded
    for it are carried over. raw.scanned_files is replaced by the files of
    this scan (so a scan without markers forgets them: the next one reads all).
    """
    now = now or utc_now()
    with connect(work_db) as con:
        con.execute("CREATE TEMP TABLE scan_sources AS SELECT * FROM raw.document_sources LIMIT 0")
        con.execute("ALTER TABLE scan_sources DROP COLUMN first_seen_at")
        con.execute("CREATE TEMP TABLE scan_rejections AS "
                    "SELECT * EXCLUDE (rejected_at) FROM raw.rejected_documents LIMIT 0")
        con.execute("CREATE TEMP TABLE scan_files AS "
                    "SELECT *, false AS unchanged FROM raw.scanned_files LIMIT 0")
        new_documents = 0
        files = _FileTracker()
        for chunk in _chunks(items, SCAN_CHUNK, SCAN_CHUNK_CHARS):
            docs, rejections = files.take(chunk)
            _append(con, "scan_files", files.flush())
            if docs:
                con.register("chunk_documents", _document_rows(docs))
                new_documents += con.execute(  # one statement: its own transaction
                    "INSERT INTO raw.documents SELECT c.*, ?::TIMESTAMP FROM chunk_documents c"
                    " ANTI JOIN raw.documents d USING (document_id)", [now]).fetchone()[0]
                con.unregister("chunk_documents")
                _append(con, "scan_sources", _source_rows(docs))
            if rejections:
                _append(con, "scan_rejections", _rejection_rows(rejections))
        _append(con, "scan_files", files.flush(last=True))
        con.execute("BEGIN")  # temp tables are this connection's: nothing else sees them before
        _carry_over_unchanged(con)
        # a source path appearing twice keeps its first reading (inputs arrive sorted)
        con.execute("""
            CREATE TEMP TABLE next_sources AS
            SELECT s.*, coalesce(old.first_seen_at, ?::TIMESTAMP) AS first_seen_at
            FROM (SELECT * FROM scan_sources
                  QUALIFY row_number() OVER (PARTITION BY source_uri) = 1) s
            LEFT JOIN raw.document_sources old
              ON old.source_uri = s.source_uri AND old.document_id = s.document_id""", [now])
        con.execute("""
            CREATE TEMP TABLE next_rejections AS
            SELECT s.*, coalesce(
                (SELECT min(old.rejected_at) FROM raw.rejected_documents old
                 WHERE old.source_uri = s.source_uri AND old.reason = s.reason
                   AND old.raw_sha256 IS NOT DISTINCT FROM s.raw_sha256),
                ?::TIMESTAMP) AS rejected_at
            FROM scan_rejections s""", [now])
        con.execute("DELETE FROM raw.document_sources")
        con.execute("INSERT INTO raw.document_sources SELECT * FROM next_sources ORDER BY source_uri")
        con.execute("DELETE FROM raw.rejected_documents")
        con.execute("INSERT INTO raw.rejected_documents SELECT * FROM next_rejections "
                    "ORDER BY source_uri, reason")
        _replace_scanned_files(con)
        documents, sources = con.execute(
            "SELECT count(DISTINCT document_id), count(*) FROM raw.document_sources").fetchone()
        rejected = con.execute("SELECT count(*) FROM raw.rejected_documents").fetchone()[0]
        con.execute("COMMIT")
    return ScanSummary(documents, new_documents, sources, rejected, files.read, files.unchanged)


def _append(con: duckdb.DuckDBPyConnection, name: str,
            rows: pa.Table | pa.RecordBatchReader | None) -> None:
    """Insert ``rows`` (by column name) into the table ``name``; nothing when None."""
    if rows is None:
        return
    con.register("appended_rows", rows)
    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM appended_rows")
    con.unregister("appended_rows")


class _FileTracker:
    """Which file each item of a marked scan came from (items follow their file's FileRead).

    Finished files are handed over by ``flush`` chunk by chunk (``record_scan`` appends
    them to a temp table), so only the file being read is held here, not one record per
    file of the corpus."""

    def __init__(self) -> None:
        self.finished: list[_ScannedFile] = []
        self.current: _ScannedFile | None = None
        self.read = self.unchanged = 0

    def take(self, chunk: Sequence) -> tuple[list[Document], list[Rejection]]:
        """The documents and rejections of `chunk`, noting the file of each."""
        docs: list[Document] = []
        rejections: list[Rejection] = []
        for item in chunk:
            if isinstance(item, (FileRead, Unchanged)):
                self._open(item)
                continue
            (docs if isinstance(item, Document) else rejections).append(item)
            if self.current is not None:
                self.current.source_uris.append(item.source_uri)
        return docs, rejections

    def flush(self, last: bool = False) -> pa.Table | None:
        """Rows of raw.scanned_files for the files finished since the last flush (with
        ``last``, the one being read too); None when there are none."""
        if last:
            self._finish_current()
        finished, self.finished = self.finished, []
        if not finished:
            return None
        return pa.Table.from_pylist([vars(f) for f in finished], schema=_SCANNED_FILES)

    def _open(self, marker: FileRead | Unchanged) -> None:
        self._finish_current()
        if marker.raw_sha256 is None:  # not read: nothing to skip next time
            return
        scanned = _ScannedFile(marker.source_uri, marker.raw_sha256, marker.cleaner_version,
                               isinstance(marker, Unchanged), [])
        if scanned.unchanged:
            self.unchanged += 1
            self.finished.append(scanned)
        else:
            self.read += 1
            self.current = scanned

    def _finish_current(self) -> None:
        if self.current is not None:
            self.finished.append(self.current)
            self.current = None


def _carry_over_unchanged(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the recorded rows of this scan's unchanged files (scan_files) into its tables."""
    unmatched = con.execute("""
        SELECT count(*) FROM scan_files s WHERE s.unchanged AND NOT EXISTS (
            SELECT 1 FROM raw.scanned_files o WHERE o.file_uri = s.file_uri
              AND o.raw_sha256 = s.raw_sha256 AND o.cleaner_version = s.cleaner_version)""").fetchone()[0]
    if unmatched:
        raise RuntimeError(f"{unmatched} file(s) marked unchanged are not recorded so in the work "
                           "database (known_files read from another state?); nothing was written")
    con.execute("""
        CREATE TEMP TABLE unchanged_uris AS
        SELECT DISTINCT unnest(o.source_uris) AS source_uri
        FROM raw.scanned_files o JOIN scan_files s USING (file_uri) WHERE s.unchanged""")
    con.execute("INSERT INTO scan_sources SELECT * EXCLUDE (first_seen_at) FROM raw.document_sources "
                "WHERE source_uri IN (SELECT source_uri FROM unchanged_uris)")
    con.execute("INSERT INTO scan_rejections SELECT * EXCLUDE (rejected_at) FROM raw.rejected_documents "
                "WHERE source_uri IN (SELECT source_uri FROM unchanged_uris)")


def _replace_scanned_files(con: duckdb.DuckDBPyConnection) -> None:
    """raw.scanned_files := the files of this scan (unchanged ones keep their recorded rows)."""
    con.execute("""
        CREATE TEMP TABLE next_files AS
        SELECT s.file_uri, s.raw_sha256, s.cleaner_version,
               CASE WHEN s.unchanged THEN o.source_uris ELSE s.source_uris END AS source_uris
        FROM scan_files s LEFT JOIN raw.scanned_files o USING (file_uri)""")
    con.execute("DELETE FROM raw.scanned_files")
    con.execute("INSERT INTO raw.scanned_files SELECT * FROM next_files ORDER BY file_uri")


# ---------------------------------------------------------------- extraction cache

def pending(work_db: Path, versions: Mapping[str, str]) -> Pending:
    """Current documents with at least one kind missing at its current version, in storage order.

    Only ids are returned (texts are read batch by batch by ``load_inputs``) so
    memory does not grow with the text, and they stay Arrow and numpy columns
    (``communique.plan``): no Python object per document."""
    wanted = pa.table({"kind": list(versions), "extractor_version": list(versions.values())})
    with connect(work_db) as con:
        con.register("wanted", wanted)
        rows = con.sql("""
            WITH current_documents AS (SELECT DISTINCT document_id FROM raw.document_sources),
            needed AS (
                SELECT c.document_id, list(w.kind ORDER BY w.kind) AS kinds
                FROM current_documents c CROSS JOIN wanted w
                WHERE NOT EXISTS (
                    SELECT 1 FROM raw.extractions e
                    WHERE e.document_id = c.document_id AND e.kind = w.kind
                      AND e.extractor_version = w.extractor_version)
                GROUP BY c.document_id)
            SELECT n.document_id, array_to_string(n.kinds, ',') AS kinds,
                   coalesce(d.n_chars, 0)::BIGINT AS chars, coalesce(d.rowid, ?)::BIGINT AS row
            FROM needed n LEFT JOIN raw.documents d USING (document_id)
            ORDER BY d.rowid NULLS LAST, n.document_id""", params=[NO_ROW]).to_arrow_table()
    order = {kind: i for i, kind in enumerate(versions)}
    kinds = rows.column("kinds").combine_chunks().dictionary_encode()  # codes in order of first appearance
    return Pending(rows.column("document_id").combine_chunks(),
                   [tuple(sorted(names.split(","), key=order.__getitem__)) for names in kinds.dictionary.to_pylist()],
                   kinds.indices.to_numpy(),  # int32 codes
                   rows.column("chars").to_numpy(), rows.column("row").to_numpy())


IN_LIST_IDS = 500  # ids per statement: a batch is far fewer; a long list stays bounded


def load_inputs(work_db: WorkDb, document_ids: Sequence[str],
                rows: tuple[int, int] | None = None) -> list[tuple]:
    """``DocInput`` tuples (document_id, text, published_at, title) in the given order.

    ``rows`` (first and last rowid of the batch's texts, from ``pending``) lets DuckDB
    scan only the stretch of the table that holds them rather than every row group for
    every batch. The ids remain the filter: an id not found within the range is read
    again without it."""
    unique_ids = list(dict.fromkeys(document_ids))
    found: dict[str, tuple] = {}
    with _using(work_db, read_only=True) as con:
        if rows is not None:
            found.update(_texts_by_id(con, unique_ids, rows))
        missing = [doc_id for doc_id in unique_ids if doc_id not in found]
        if missing:
            found.update(_texts_by_id(con, missing))
    return [found[doc_id] for doc_id in document_ids if doc_id in found]


def _texts_by_id(con: duckdb.DuckDBPyConnection, ids: Sequence[str],
                 rows: tuple[int, int] | None = None) -> dict[str, tuple]:
    """The documents of ``ids`` (a literal IN list, which DuckDB pushes into the scan),
    optionally only those whose rowid lies within ``rows``."""
    found = {}
    within = "rowid BETWEEN ? AND ? AND " if rows else ""
    for start in range(0, len(ids), IN_LIST_IDS):
        chunk = list(ids[start:start + IN_LIST_IDS])
        for row in con.execute(
                "SELECT document_id, text, published_at, title FROM raw.documents "
                f"WHERE {within}document_id IN ({', '.join('?' * len(chunk))})",
                [*(rows or ()), *chunk]).fetchall():
            found[row[0]] = row
    return found


def load_extractions(work_db: Path, log: pa.RecordBatchReader | None,
                     facts: Mapping[str, pa.RecordBatchReader | None]) -> int:
    """Swap in spooled facts (``communique.spool``) in ONE transaction.

    ``log``: raw.extractions rows; ``facts``: per kind, rows of its raw table. For every
    document and kind the log names, the old fact and log rows go and the new rows come
    in, so loading the same rows twice (a run killed after this commit, before the spool
    was removed) leaves the same tables. Returns the number of fact rows loaded."""
    if log is None:
        return 0
    with connect(work_db) as con:
        con.execute("BEGIN")
        con.register("spooled_log", log)
        con.execute("CREATE TEMP TABLE loaded_log AS SELECT * FROM spooled_log")
        for kind, table in KIND_TABLES.items():
            con.execute(f"DELETE FROM raw.{table} WHERE document_id IN "
                        "(SELECT document_id FROM loaded_log WHERE kind = ?)", [kind])
            _append(con, f"raw.{table}", facts.get(kind))
        con.execute("DELETE FROM raw.extractions e USING loaded_log l "
                    "WHERE e.document_id = l.document_id AND e.kind = l.kind")
        con.execute("INSERT INTO raw.extractions BY NAME SELECT * FROM loaded_log")
        loaded = con.execute("SELECT coalesce(sum(n_rows), 0) FROM loaded_log").fetchone()[0]
        con.execute("COMMIT")
    return int(loaded)


def forget_extractions(work_db: Path) -> None:
    """Drop the extraction cache (``--rebuild``): every document is pending again."""
    with connect(work_db) as con:
        con.execute("DELETE FROM raw.extractions")


# ---------------------------------------------------------------- counts and fingerprint

def counts(work_db: Path) -> dict[str, int]:
    """Current documents and rejections (for run summaries)."""
    with connect(work_db, read_only=True) as con:
        documents = con.execute("SELECT count(DISTINCT document_id) FROM raw.document_sources").fetchone()[0]
        rejected = con.execute("SELECT count(*) FROM raw.rejected_documents").fetchone()[0]
    return {"documents": documents, "rejected": rejected}


def state_digest(work_db: Path) -> str:
    """Hash of everything in the work database the marts are built from.

    Current sources, rejections and the extractor version of every current
    document and kind; extracted_at is left out so re-extracting identical
    inputs does not look like a change.
    """
    queries = (
        "SELECT source_uri, document_id, raw_sha256, url, landing_partition, first_seen_at "
        "FROM raw.document_sources ORDER BY ALL",
        "SELECT source_uri, reason, detail, raw_sha256, rejected_at FROM raw.rejected_documents ORDER BY ALL",
        "SELECT document_id, kind, extractor_version, n_rows FROM raw.extractions "
        "WHERE document_id IN (SELECT document_id FROM raw.document_sources) ORDER BY ALL",
    )
    digest = hashlib.sha256()
    with connect(work_db, read_only=True) as con:
        for query in queries:
            result = con.execute(f"SELECT md5(string_agg(CAST(t AS VARCHAR), '\n' ORDER BY CAST(t AS VARCHAR))) "
                                 f"FROM ({query}) t")
            digest.update(str(result.fetchone()[0]).encode())
    return digest.hexdigest()
