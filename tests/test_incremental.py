"""Incremental runs: only what is new or whose extractor changed is processed again.

These run the store and the extraction runner in-process (one spaCy load) on
real corpus files; the full-job variants live in test_end_to_end and
test_crash_safety.
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from communique import runner, spool, store
from communique.config import load_settings
from communique.runner import plan_batches, run_extraction
from conftest import CORPUS, SEED_RAW, extraction_log, query
from extract.documents import Document
from extract.versions import extractor_versions
from extract.sources import assemble, reader, read_raw_dir

T1 = datetime(2024, 11, 21, 2, 0)
T2 = datetime(2024, 11, 22, 2, 0)
READOUT = sorted((CORPUS / "whitehouse").glob("*readout-of-president-joe-biden-call-with-prime-minister*"))[0]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv("COMMUNIQUE_N_PROCESS", "1")
    monkeypatch.setenv("COMMUNIQUE_BATCH_SIZE", "2")
    return load_settings()


def scan(settings, now: datetime | None = None) -> store.ScanSummary:
    return store.record_scan(settings.work_db, read_raw_dir(settings.raw_dir, settings.max_file_bytes), now=now)


def marked_scan(settings, now: datetime | None = None) -> store.ScanSummary:
    """A scan as the `documents` asset runs it: files unchanged since the last scan are not read."""
    known = store.scanned_files(settings.work_db)
    items = read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files=known)
    return store.record_scan(settings.work_db, items, now=now)


@pytest.fixture
def cleaned(monkeypatch) -> list[str]:
    """The bodies cleaned during the test (every format goes through assemble.clean_text)."""
    bodies: list[str] = []
    clean_text = assemble.clean_text

    def spy(body: str, *, markdown: bool) -> str:
        bodies.append(body)
        return clean_text(body, markdown=markdown)

    monkeypatch.setattr(assemble, "clean_text", spy)
    return bodies


def add_seeds(settings, *prefixes: str) -> None:
    for prefix in prefixes:
        for path in SEED_RAW.glob(f"{prefix}_*.txt"):
            shutil.copy(path, settings.raw_dir / path.name)


def table_rows(work_db: Path, table: str) -> list[tuple]:
    return query(work_db, f"SELECT * FROM raw.{table} ORDER BY ALL")


# ---------------------------------------------------------------- scans

def test_rescan_of_same_inputs_leaves_tables_identical(settings):
    add_seeds(settings, "000", "001")
    (settings.raw_dir / "empty.txt").write_text("")
    scan(settings, now=T1)
    before = {t: table_rows(settings.work_db, t) for t in ("documents", "document_sources", "rejected_documents")}
    summary = scan(settings, now=T2)
    after = {t: table_rows(settings.work_db, t) for t in before}
    assert after == before
    assert summary.new_documents == 0 and summary.rejections == 1
    assert query(settings.work_db, "SELECT DISTINCT rejected_at FROM raw.rejected_documents") == [(T1,)]


def test_rescan_of_unchanged_files_cleans_nothing_and_keeps_their_rows(settings, cleaned):
    add_seeds(settings, "000", "001")
    (settings.raw_dir / "empty.txt").write_text("")
    (settings.raw_dir / "wire.jsonl").write_text('{"id": "a", "text": "Xi met Rahmon in Dushanbe."}\nnot json\n')
    first = marked_scan(settings, now=T1)
    assert len(cleaned) == 3 and (first.files_read, first.files_unchanged) == (4, 0)
    tables = ("documents", "document_sources", "rejected_documents")
    before = {t: table_rows(settings.work_db, t) for t in tables}
    cleaned.clear()
    second = marked_scan(settings, now=T2)
    assert cleaned == []
    assert {t: table_rows(settings.work_db, t) for t in tables} == before
    assert (second.files_read, second.files_unchanged) == (0, 4)
    assert (second.documents, second.new_documents, second.sources, second.rejections) == (
        first.documents, 0, first.sources, first.rejections) == (3, 0, 3, 2)


def test_changed_file_is_cleaned_again_and_a_removed_one_is_gone(settings, cleaned):
    add_seeds(settings, "000", "001", "003")
    marked_scan(settings, now=T1)
    changed = next(settings.raw_dir.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    next(settings.raw_dir.glob("003_*.txt")).unlink()
    cleaned.clear()
    summary = marked_scan(settings, now=T2)
    assert len(cleaned) == 1 and "A sentence added later." in cleaned[0]
    assert (summary.documents, summary.new_documents, summary.sources, summary.files_unchanged) == (2, 1, 2, 1)
    first_seen = dict(query(settings.work_db, "SELECT source_uri, first_seen_at FROM raw.document_sources"))
    assert first_seen == {next(settings.raw_dir.glob("000_*.txt")).name: T1, changed.name: T2}
    assert query(settings.work_db, "SELECT count(*) FROM raw.documents")[0][0] == 4  # history kept
    assert len(store.scanned_files(settings.work_db)) == 2


def test_a_new_cleaner_version_cleans_every_file_again(settings, cleaned, monkeypatch):
    add_seeds(settings, "000", "001")
    marked_scan(settings, now=T1)
    before = table_rows(settings.work_db, "document_sources")
    monkeypatch.setattr(reader, "cleaner_version", lambda: "the-next-cleaner")
    cleaned.clear()
    summary = marked_scan(settings, now=T2)
    assert len(cleaned) == 2 and (summary.files_read, summary.files_unchanged) == (2, 0)
    assert table_rows(settings.work_db, "document_sources") == before
    assert {v for _, v in store.scanned_files(settings.work_db).values()} == {"the-next-cleaner"}


def test_a_scan_without_markers_or_an_older_work_database_reads_everything(settings, cleaned):
    add_seeds(settings, "000")
    marked_scan(settings, now=T1)
    scan(settings, now=T2)  # plain read_raw_dir: it cannot tell which files it read
    assert store.scanned_files(settings.work_db) == {}
    with duckdb.connect(str(settings.work_db)) as con:
        con.execute("DROP TABLE raw.scanned_files")  # as written by a version before this table
    cleaned.clear()
    assert marked_scan(settings, now=T2).files_read == 1 and len(cleaned) == 1
    assert marked_scan(settings, now=T2).files_unchanged == 1 and len(cleaned) == 1


def test_scan_chunks_end_at_a_character_budget_and_record_the_same_rows(settings, tmp_path, monkeypatch):
    """Long texts make short chunks (memory follows the chunk); how a scan is cut into
    chunks never changes what it records."""
    add_seeds(settings, "000", "001", "002")
    (settings.raw_dir / "empty.txt").write_text("")
    tables = ("documents", "document_sources", "rejected_documents", "scanned_files")
    marked_scan(settings, now=T1)
    whole = {t: table_rows(settings.work_db, t) for t in tables}

    items = list(read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files={}))
    chunks = list(store._chunks(items, 500, 1))  # every document's text ends its chunk
    # (the empty file, last in sorted order, is a rejection: no text, in a chunk after them)
    assert [sum(isinstance(item, Document) for item in chunk) for chunk in chunks] == [1, 1, 1, 0]
    assert [item for chunk in chunks for item in chunk] == items
    assert len(list(store._chunks(items, 500, 10**9))) == 1

    monkeypatch.setattr(store, "SCAN_CHUNK_CHARS", 1)
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "other" / "warehouse.duckdb"))
    other_db = load_settings().work_db
    store.record_scan(other_db, iter(items), now=T1)
    assert {t: table_rows(other_db, t) for t in tables} == whole
    assert all(whole.values())


def test_scan_keeps_history_and_records_landing_partitions(settings):
    add_seeds(settings, "000")
    landing = settings.raw_dir / "2024-11-22"
    landing.mkdir()
    shutil.copy(next(SEED_RAW.glob("001_*.txt")), landing / "horgos.txt")
    shutil.copy(next(SEED_RAW.glob("001_*.txt")), settings.raw_dir / "horgos-again.txt")
    first = scan(settings, now=T1)
    assert (first.documents, first.sources) == (2, 3)  # one text under two names is one document
    partitions = dict(query(settings.work_db, "SELECT source_uri, landing_partition FROM raw.document_sources"))
    assert partitions["2024-11-22/horgos.txt"] == "2024-11-22"
    assert partitions["horgos-again.txt"] is None
    (landing / "horgos.txt").unlink()
    (settings.raw_dir / "horgos-again.txt").unlink()
    second = scan(settings, now=T2)
    assert (second.documents, second.sources) == (1, 1)
    assert query(settings.work_db, "SELECT count(*) FROM raw.documents")[0][0] == 2  # history kept


# ---------------------------------------------------------------- extraction cache

def test_adding_one_document_processes_only_that_document(settings):
    add_seeds(settings, "000", "001", "003")
    scan(settings)
    versions = extractor_versions(settings.spacy_model, settings.codebook)  # fixed: the tree is shared
    first = run_extraction(settings, versions)
    assert first.documents == 3
    assert first.own_cpu_s >= 0.5 * first.elapsed_s  # parsed in this process: its CPU is the step's
    log_before = extraction_log(settings.work_db)
    shutil.copy(READOUT, settings.raw_dir / READOUT.name)
    scan(settings)
    pending = store.pending(settings.work_db, versions)
    assert len(pending) == 1 and pending[0].kinds == tuple(versions)
    seen = []
    second = run_extraction(settings, versions, on_progress=seen.append)
    assert second.documents == 1 and seen[-1].total == 1
    log_after = extraction_log(settings.work_db)
    assert {key: log_after[key] for key in log_before} == log_before
    assert len(log_after) == len(log_before) + len(versions)
    assert run_extraction(settings, versions).pending == 0  # a document with no facts is not redone either


def test_changed_codebook_file_reextracts_only_its_kind(settings, tmp_path: Path, monkeypatch):
    codebook = tmp_path / "codebook"
    shutil.copytree(load_settings().codebook, codebook)
    monkeypatch.setenv("COMMUNIQUE_CODEBOOK", str(codebook))
    settings = load_settings()
    add_seeds(settings, "002", "004")
    scan(settings)
    old_versions = extractor_versions(settings.spacy_model, codebook)
    run_extraction(settings, old_versions)
    log_before = extraction_log(settings.work_db)
    with open(codebook / "meetings.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# an analyst's note: same rules, new file contents\n")
    new_versions = extractor_versions(settings.spacy_model, codebook)
    assert {k for k in new_versions if new_versions[k] != old_versions[k]} == {"meetings"}
    summary = run_extraction(settings, new_versions)
    assert summary.kinds == {kind: (2 if kind == "meetings" else 0) for kind in new_versions}
    log_after = extraction_log(settings.work_db)
    for (doc, kind), (version, at) in log_after.items():
        if kind == "meetings":
            assert version == new_versions["meetings"]
        else:
            assert (version, at) == log_before[(doc, kind)]
    facts_versions = query(settings.work_db, "SELECT DISTINCT extractor_version FROM raw.meeting_candidates")
    assert facts_versions in ([], [(new_versions["meetings"],)])


def test_loading_the_spool_is_all_or_nothing(settings):
    """A spooled batch that cannot be loaded leaves every table as it was, and stays spooled."""
    add_seeds(settings, "000")
    scan(settings)
    run_extraction(settings)
    before = {t: table_rows(settings.work_db, t) for t in ("extractions", "actor_mentions", "meeting_candidates")}
    doc_id = before["extractions"][0][0]
    versions = {"mentions": "new-m", "meetings": "new-t"}
    good_mentions = pa.table({"document_id": [doc_id], "mention_index": [0], "actor_key": ["x"],
                              "name": ["x"], "actor_type": ["person"], "country_code": [None],
                              "title": [None], "mention_text": ["x"], "start_char": [0], "end_char": [1]})
    bad_meetings = pa.table({"document_id": [doc_id], "candidate_index": ["not a number"]})
    directory = spool.spool_dir(settings.work_db)
    spool.write_batch(directory, {"mentions": good_mentions, "meetings": bad_meetings}, versions,
                      [doc_id], store.utc_now())
    with pytest.raises(Exception):
        runner.load_spool(settings.work_db)
    after = {t: table_rows(settings.work_db, t) for t in before}
    assert after == before
    assert len(spool.complete_batches(directory).directories) == 1


def test_batches_a_killed_run_spooled_are_loaded_once_and_not_redone(settings):
    """The next extraction loads a killed run's complete batches first (so they are not
    redone) and drops an incomplete one; loading the same files twice changes nothing."""
    add_seeds(settings, "000", "001")
    scan(settings)
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    run_extraction(settings)
    tables = ("extractions", "actor_mentions", "meeting_candidates", "pledge_candidates",
              "figure_candidates")
    extracted = {t: table_rows(settings.work_db, t) for t in tables}
    (doc_id, first_time), *_ = query(settings.work_db, "SELECT document_id, min(extracted_at) "
                                     "FROM raw.extractions GROUP BY ALL ORDER BY ALL")
    store.forget_extractions(settings.work_db)
    # what a run killed after its first batch leaves: that batch spooled, one half-written
    with store.connect(settings.work_db, read_only=True) as con:
        inputs = store.load_inputs(con, [doc_id])
    directory = spool.spool_dir(settings.work_db)
    runner.init_worker(settings.spacy_model, str(settings.codebook))
    spool.write_batch(directory, runner.extract_batch(inputs, list(versions), 8), versions, [doc_id],
                      first_time)
    half_written = directory / ".incomplete-0"
    half_written.mkdir()
    (half_written / "mentions.arrow").write_bytes(b"ARROW1")

    runner.load_spool(settings.work_db)
    runner.load_spool(settings.work_db)  # nothing left to load: a no-op
    assert not any(directory.iterdir())
    assert doc_id not in {p.document_id for p in store.pending(settings.work_db, versions)}
    summary = run_extraction(settings)
    assert summary.documents == 1  # the other document only
    assert {t: table_rows(settings.work_db, t) for t in tables if t != "extractions"} == \
        {t: rows for t, rows in extracted.items() if t != "extractions"}
    assert query(settings.work_db, "SELECT DISTINCT extracted_at FROM raw.extractions WHERE document_id = ?",
                 [doc_id]) == [(first_time,)]

    assert spool.complete_batches(directory).directories == ()
    spool.write_batch(directory, runner.extract_batch(inputs, list(versions), 8), versions, [doc_id],
                      first_time)
    twice = spool.complete_batches(directory)
    for _ in range(2):  # killed after the load committed, before the files were removed
        store.load_extractions(settings.work_db, twice.reader(spool.LOG),
                               {kind: twice.reader(kind) for kind in store.KIND_TABLES})
    assert {t: table_rows(settings.work_db, t) for t in tables if t != "extractions"} == \
        {t: rows for t, rows in extracted.items() if t != "extractions"}


def test_batches_are_bounded_and_share_their_kinds():
    pending = [store.PendingDocument(f"d{i}", ("mentions", "meetings") if i % 3 else ("figures",))
               for i in range(10)]
    batches = plan_batches(pending, batch_size=3)
    assert all(len(b.document_ids) <= 3 for b in batches)
    assert sorted(d for b in batches for d in b.document_ids) == sorted(p.document_id for p in pending)
    kinds_of = {p.document_id: p.kinds for p in pending}
    assert all(kinds_of[d] == b.kinds for b in batches for d in b.document_ids)


def test_the_plan_holds_no_dict_per_document_or_batch():
    """The plan lives through the whole NLP step in the run's process: one object per
    document and per batch, slotted (a ``__dict__`` each would hold more than the id)."""
    pending = [store.PendingDocument(f"d{i}", ("mentions",), 10, row=i) for i in range(4)]
    (batch,) = plan_batches(pending, batch_size=8)
    for item in (*pending, batch):
        assert not hasattr(item, "__dict__")


def test_long_documents_get_shorter_batches():
    """Memory follows the text parsed at once: batches stop before max_chars (a lone longer
    document still gets a batch of its own, so nothing is left out)."""
    lengths = [40_000, 30_000, 50_000, 250_000, 1_000, 1_000, 1_000]
    pending = [store.PendingDocument(f"d{i}", ("mentions",), n) for i, n in enumerate(lengths)]
    batches = plan_batches(pending, batch_size=64, max_chars=100_000)
    assert [b.document_ids for b in batches] == [("d3",), ("d0", "d1"), ("d2",), ("d4", "d5", "d6")]
    assert [b.chars for b in batches] == [250_000, 70_000, 50_000, 3_000]  # longest first
    assert len(plan_batches(pending, batch_size=64, max_chars=0)) == 1  # 0: no character bound


def test_with_several_workers_the_last_batches_are_cut_smaller():
    pending = [store.PendingDocument(f"d{i:02d}", ("mentions",), 10_000, row=i)
               for i in range(40)]
    whole = plan_batches(pending, batch_size=64, max_chars=50_000)
    assert [len(b.document_ids) for b in whole] == [5] * 8
    tapered = plan_batches(pending, batch_size=64, max_chars=50_000, workers=2)
    assert [b.chars for b in tapered] == [50_000] * 4 + [20_000] * 4 + [10_000] * 12  # longest first
    assert sorted(d for b in tapered for d in b.document_ids) == [p.document_id for p in pending]
    assert {b.document_ids for b in tapered[4:8]} == {whole[k].document_ids[:2] for k in range(4, 8)}
    assert all(b.rows[1] - b.rows[0] + 1 == len(b.document_ids) for b in tapered)
    few = plan_batches(pending[:20], batch_size=64, max_chars=50_000, workers=2)
    assert [b.chars for b in few] == [50_000] * 4  # no more batches than 2 per worker: kept whole


def test_pending_documents_carry_their_length(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Xi Jinping met Emomali Rahmon in Dushanbe on Tuesday.\n")
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    settings = load_settings()
    store.record_scan(settings.work_db, read_raw_dir(settings.raw_dir, settings.max_file_bytes))
    (item,) = store.pending(settings.work_db, {"mentions": "v1"})
    assert item.chars == len("Xi Jinping met Emomali Rahmon in Dushanbe on Tuesday.")


def test_inputs_come_back_in_the_order_asked_whatever_the_statement_size(settings, monkeypatch):
    """load_inputs reads a batch's texts by id: one per id asked, in that order, unknown
    ids left out, and the same when the ids take several statements."""
    add_seeds(settings, "000", "001", "002")
    scan(settings)
    stored = {row[0]: row for row in query(
        settings.work_db, "SELECT document_id, text, published_at, title FROM raw.documents")}
    assert len(stored) >= 3
    wanted = [*sorted(stored, reverse=True), "not-a-document", sorted(stored)[0]]
    expected = [stored[doc_id] for doc_id in wanted if doc_id in stored]
    assert store.load_inputs(settings.work_db, wanted) == expected
    monkeypatch.setattr(store, "IN_LIST_IDS", 2)
    with store.connect(settings.work_db, read_only=True) as con:
        assert store.load_inputs(con, wanted) == expected
        # the rowid range only narrows the read: ids outside it (a stale hint) are still found
        assert store.load_inputs(con, wanted, rows=(0, 0)) == expected


def test_texts_are_stored_uncompressed_for_cheap_batch_reads(settings):
    """A batch's read of a few texts must not decompress a whole block of other texts."""
    add_seeds(settings, "000", "001")
    scan(settings)
    compressions = {row[0] for row in query(
        settings.work_db, "SELECT compression FROM pragma_storage_info('raw.documents') "
                          "WHERE column_name = 'text' AND segment_type = 'VARCHAR'")}
    assert compressions == {"Uncompressed"}


def test_a_batch_knows_the_stretch_of_rows_holding_its_texts(settings):
    add_seeds(settings, "000", "001", "002")
    scan(settings)
    pending = store.pending(settings.work_db, extractor_versions(settings.spacy_model, settings.codebook))
    rows = [item.row for item in pending]
    assert rows == sorted(rows) and None not in rows  # storage order
    (batch,) = plan_batches(pending, batch_size=10)
    assert batch.rows == (rows[0], rows[-1])
    assert store.load_inputs(settings.work_db, batch.document_ids, batch.rows) == \
        store.load_inputs(settings.work_db, batch.document_ids)
    unknown = store.PendingDocument("x", pending[0].kinds, 1, row=None)
    assert plan_batches([pending[0], unknown], batch_size=10)[0].rows is None


def test_re_extracting_replaces_the_rows_of_a_document(settings):
    """After forget_extractions the fact rows remain; extracting again replaces them, not adds."""
    add_seeds(settings, "000", "001")
    scan(settings)
    run_extraction(settings)
    tables = ("extractions", "actor_mentions", "meeting_candidates", "pledge_candidates",
              "figure_candidates")
    without_time = {t: [r for r in table_rows(settings.work_db, t)] for t in tables if t != "extractions"}
    counts = query(settings.work_db, "SELECT document_id, kind, n_rows FROM raw.extractions ORDER BY ALL")
    store.forget_extractions(settings.work_db)
    run_extraction(settings)  # old rows deleted first
    assert {t: table_rows(settings.work_db, t) for t in without_time} == without_time
    assert query(settings.work_db, "SELECT document_id, kind, n_rows FROM raw.extractions ORDER BY ALL") == counts
    assert any(n for _, _, n in counts) and any(n == 0 for _, _, n in counts)


def test_dropping_the_cache_after_every_read_stores_the_same_rows(settings, monkeypatch):
    """The NLP step's connection drops DuckDB's cached blocks after every read; that must
    leave exactly what one connection caching all it read leaves."""
    add_seeds(settings, "000", "001", "002")
    scan(settings)
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    n_batches = len(plan_batches(store.pending(settings.work_db, versions), 2))
    assert n_batches >= 2
    tables = ("actor_mentions", "meeting_candidates", "pledge_candidates", "figure_candidates")
    drops: list[int] = []
    dropping = store.UncachedConnection.drop_cache

    def counted(self) -> None:
        drops.append(self.buffered())
        dropping(self)

    monkeypatch.setattr(store.UncachedConnection, "drop_cache", counted)
    assert run_extraction(settings).documents == 3
    assert len(drops) >= n_batches and all(held > 0 for held in drops)
    dropped = {t: table_rows(settings.work_db, t) for t in tables}
    store.forget_extractions(settings.work_db)

    monkeypatch.setattr(store.UncachedConnection, "drop_cache", lambda self: None)  # caches all
    assert run_extraction(settings).documents == 3
    assert {t: table_rows(settings.work_db, t) for t in tables} == dropped
    assert any(dropped.values())


def test_the_reading_connection_keeps_no_blocks_between_reads(settings):
    """A read through the connection leaves DuckDB holding less than a read on the bare
    connection did; when DuckDB cannot get down to the floor, the connection is reopened."""
    add_seeds(settings, "000", "001", "002", "003", "004")
    scan(settings)
    ids = [doc_id for (doc_id,) in query(settings.work_db, "SELECT document_id FROM raw.documents")]
    with store.UncachedConnection(settings.work_db) as con:
        assert len(store.load_inputs(con.con, ids)) == len(ids)  # bare: the blocks stay cached
        held = con.buffered()
        assert len(store.load_inputs(con, ids)) == len(ids)
        assert con.buffered() < held and con.reopenings == 0
        con.FLOOR = "0KB"  # more than DuckDB can evict: it refuses, and a new connection holds nothing
        assert store.load_inputs(con, ids[:1])[0][0] == ids[0]
        assert con.reopenings == 1 and con.buffered() < held
        assert store.load_inputs(con, ids[1:2])[0][0] == ids[1]


def test_likely_work_guesses_from_the_raw_dir_and_the_cache(settings, tmp_path):
    from communique.runner import LikelyWork, likely_work

    seeds = sorted(SEED_RAW.iterdir())[:2]
    for seed in seeds:
        shutil.copy(seed, settings.raw_dir / seed.name)
    # no work database yet: every file, its bytes standing for its text
    assert likely_work(settings) == LikelyWork(2, sum(seed.stat().st_size for seed in seeds))
    scan(settings)
    expected = likely_work(settings)  # scanned, nothing extracted yet: the documents' texts
    texts = query(settings.work_db, "SELECT count(*), sum(length(text)) FROM raw.documents")[0]
    assert (expected.documents, expected.chars) == (2, texts[1]) and texts[0] == 2
    busy: list[int] = []
    progress: list[int] = []
    run_extraction(settings, n_process=1, on_progress=lambda p: progress.append(p.done),
                   on_busy=lambda: busy.append(progress[-1]))
    assert busy == [2]  # in this process: once, after the last batch
    assert likely_work(settings) is None  # everything known and extracted
    run_extraction(settings, n_process=1, on_busy=lambda: busy.append(-1))
    assert busy == [2]  # nothing pending: not called
    shutil.copy(READOUT, settings.raw_dir / READOUT.name)
    assert likely_work(settings) == LikelyWork(1, READOUT.stat().st_size)  # a file not seen before


def test_likely_work_counts_the_batches_plan_batches_would_cut(settings):
    from dataclasses import replace

    from communique.runner import LikelyWork

    assert settings.batch_size == 2 and settings.batch_chars == 50_000
    assert LikelyWork(1, 10).batches(settings) == 1
    assert LikelyWork(5, 10).batches(settings) == 3  # by documents
    assert LikelyWork(1, 120_000).batches(settings) == 3  # one long file: by characters
    assert LikelyWork(1, 120_000).batches(replace(settings, batch_chars=0)) == 1  # no bound


def test_workers_are_added_beside_an_early_pool_only_for_plenty_of_text(settings):
    from dataclasses import replace

    from communique.runner import _more_workers

    full = settings.batch_chars
    assert _more_workers(0, 2, 10, settings) == 2  # no early pool: as many as have batches
    assert _more_workers(1, 2, 2 * full, settings) == 0  # its worker parses two batches sooner than one loads
    assert _more_workers(1, 2, 2 * full + 1, settings) == 1
    assert _more_workers(2, 2, 100 * full, settings) == 0  # already enough
    assert _more_workers(1, 4, 10, replace(settings, batch_chars=0)) == 3  # no bound: no measure


class _Recorded(ThreadPoolExecutor):
    """A thread pool standing for a process pool, remembering how many workers it got."""
    started: list[int] = []

    def __init__(self, workers: int):
        super().__init__(workers)
        _Recorded.started.append(workers)


@pytest.mark.parametrize("chars, added", [(1_000, []), (400_000, [1])])
def test_extraction_adds_workers_to_an_early_pool_only_when_worth_it(settings, monkeypatch, chars, added):
    from dataclasses import replace

    settings_2 = replace(settings, n_process=2)
    early = _Recorded(1)
    _Recorded.started.clear()
    monkeypatch.setattr(runner, "_EARLY", {"pool": early, "key": runner._pool_key(settings_2), "workers": 1})
    monkeypatch.setattr(runner, "_worker_pool", lambda settings, workers, cores=None: _Recorded(workers))
    monkeypatch.setattr(runner, "extract_batch", lambda inputs, kinds, batch_size: {"ids": inputs})
    monkeypatch.setattr(store, "load_inputs", lambda work_db, ids, rows: ids)
    batches = runner.plan_batches([store.PendingDocument(f"d{i}", ("mentions",), chars // 4) for i in range(4)],
                                  batch_size=1)
    busy: list[int] = []
    results = list(runner._results(settings_2, batches, 2, None, on_busy=lambda: busy.append(1)))
    assert sorted(tables["ids"] for _, tables in results) == sorted(b.document_ids for b in batches)
    assert _Recorded.started == added and busy == [1] and runner._EARLY == {}
    assert early._shutdown  # taken, used and shut down


def test_a_pool_started_early_is_the_one_extraction_uses(settings, monkeypatch):
    import multiprocessing

    from communique import runner

    from dataclasses import replace

    monkeypatch.setattr(runner, "_EARLY", {})
    shutil.copy(READOUT, settings.raw_dir / READOUT.name)
    settings_2 = replace(settings, n_process=2)
    children = {child.pid for child in multiprocessing.active_children()}
    assert runner.start_pool_early(settings_2, runner.LikelyWork(1, 5_000))  # one batch: one worker
    pool = runner._EARLY["pool"]
    helpers = runner.early_pool_helpers()
    unstarted = helpers.submit(len, "abc")  # workers loading spaCy: left for the scan itself
    assert not helpers.loaded() and unstarted.cancel() and helpers.lent == 0
    wait(runner._EARLY["ready"])
    assert helpers.loaded() and helpers.submit(len, "abc").result() == 3 and helpers.lent == 1
    if hasattr(os, "sched_getaffinity"):  # loaded: the workers took every core back
        assert pool.submit(os.sched_getaffinity, 0).result() == os.sched_getaffinity(0)
    items = list(read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files={}, executor=helpers))
    assert items == list(read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files={}))
    wait([helpers.submit(time.sleep, 0.2) for _ in range(3)])
    # tasks offered while its worker was busy did not start a second one (that would load spaCy)
    assert len({child.pid for child in multiprocessing.active_children()} - children) == 1
    store.record_scan(settings.work_db, items)
    progress: list[int] = []
    busy: list[int] = []
    summary = run_extraction(settings_2, on_progress=lambda p: progress.append(p.done),
                             on_busy=lambda: busy.append(progress[-1]))
    assert summary.documents == summary.pending > 0
    assert busy == [0]  # once, as soon as the only batch was with a worker
    assert runner._EARLY == {} and pool._shutdown_thread  # taken, used and shut down


def _own_affinity(queue) -> None:
    queue.put(os.sched_getaffinity(0))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs Linux and two cores")
def test_processes_started_to_load_leave_the_parent_a_core_and_the_parent_keeps_all():
    import multiprocessing
    import threading

    from communique.runner import _workers_spare_a_core

    every = os.sched_getaffinity(0)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    seen: list[set[int]] = []
    with _workers_spare_a_core() as cores:
        child = context.Process(target=_own_affinity, args=(queue,))
        child.start()
        helper = threading.Thread(target=lambda: threading.Event().wait(1))
        helper.start()
    seen.append(os.sched_getaffinity(helper.native_id))
    child_cores = queue.get(timeout=60)
    child.join()
    helper.join()
    assert cores == tuple(sorted(every))  # what the workers restore once loaded
    assert child_cores == every - {min(every)}
    assert os.sched_getaffinity(0) == every and seen == [every]  # this thread and one started inside


def test_a_scan_lent_a_pool_still_loading_reads_every_file_itself(settings):
    from concurrent.futures import Future

    for seed in sorted(SEED_RAW.iterdir())[:3]:
        shutil.copy(seed, settings.raw_dir / seed.name)
    helpers = runner.ScanHelpers(pool=None, ready=[Future()])  # a worker that never finishes loading
    items = list(read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files={}, executor=helpers))
    assert items == list(read_raw_dir(settings.raw_dir, settings.max_file_bytes, known_files={}))
    assert len(items) >= 3 and helpers.lent == 0


def test_rebuild_forgets_spooled_batches_too(settings):
    """--rebuild re-extracts everything: a killed run's spooled batches are dropped, not loaded."""
    from communique.run import forget_everything_extracted

    add_seeds(settings, "000")
    scan(settings)
    versions = extractor_versions(settings.spacy_model, settings.codebook)
    directory = spool.spool_dir(settings.work_db)
    spool.write_batch(directory, {}, versions, [], store.utc_now())
    assert spool.complete_batches(directory).directories
    forget_everything_extracted(settings)
    assert not directory.exists()
