"""Extraction over pending documents: bounded batches, worker processes, spool as you go.

Each task is ``extract_batch``: a pure function of a batch of documents that
returns one Arrow table per kind (the unit a distributed executor could fan
out by landing partition). The parent process alone touches the work
database: it reads a batch's texts, hands them to a worker, and writes each
finished batch to the spool (``communique.spool``), durably, so a SIGKILL loses
at most the batches in flight; the spool is loaded into the work database in
one transaction when the step ends (or when the next run starts). At most
``2 * n_process`` batches are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from communique import spool, store
from communique.config import Settings
from communique.plan import Batch, Plan, char_budget, plan_batches  # noqa: F401  (plan_batches: part of this API)
from communique.testhooks import pause_point


@dataclass(frozen=True)
class Progress:
    done: int           # documents extracted so far in this run
    total: int          # documents pending at the start of the run
    elapsed_s: float

    @property
    def docs_per_s(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        rate = self.docs_per_s
        return (self.total - self.done) / rate if rate > 0 else None

    def describe(self) -> str:
        eta = "?" if self.eta_s is None else f"{self.eta_s:.0f}s"
        return (f"{self.done}/{self.total} documents, {self.docs_per_s:.2f} docs/s, "
                f"{eta} left")


@dataclass(frozen=True)
class ExtractionSummary:
    pending: int            # documents that needed at least one kind
    documents: int          # documents extracted and loaded
    rows: int               # fact rows written
    kinds: dict[str, int]   # documents redone per kind
    elapsed_s: float
    load_s: float = 0.0     # of which loading the spool into the work database at the end
    own_cpu_s: float = 0.0  # CPU time of this process (every thread) meanwhile; workers' not included


# ---------------------------------------------------------------- worker side

_WORKER: dict = {}


def init_worker(model_name: str, codebook_dir: str,
                cores: tuple[int, ...] | None = None) -> None:
    """Build the nlp once per process (initializer of the pool, or first in-process use).

    ``cores``: the CPUs to run on once the model is loaded (a worker of the early pool
    was started on all of them but one, see ``_workers_spare_a_core``)."""
    from extract.codebook import load_codebook
    from extract.permanent_words import PermanentWords
    from extract.pipeline import build_nlp

    codebook = load_codebook(Path(codebook_dir))
    _WORKER.update(nlp=build_nlp(model_name, codebook), codebook=codebook,
                   key=(model_name, str(codebook_dir)), permanent_words=PermanentWords())
    if cores:
        _every_thread_on(cores)


def _init_pool_worker(model_name: str, codebook_dir: str, cores: tuple[int, ...] | None) -> None:
    """A pool worker's ``init_worker``; it leaves without tearing spaCy down when let go."""
    from communique.worker_exit import exit_without_teardown

    init_worker(model_name, codebook_dir, cores)
    exit_without_teardown()


def extract_batch(inputs: Sequence[tuple], kinds: Sequence[str], batch_size: int) -> dict:
    """Pure: documents in, ``{kind: pyarrow.Table}`` out (needs ``init_worker`` first).

    The words of a worker's first batches are made permanent in its vocab first
    (``extract.permanent_words``), so each batch's memory zone does not make them again.

    The batch's parses are freed by then; their heap pages go back to the system, so a
    worker's memory follows its current batch, not the largest it has parsed."""
    from communique.memory import return_freed_memory
    from extract.pipeline import DocInput, extract_documents

    _WORKER["permanent_words"].take(_WORKER["nlp"], (DocInput(*item).text for item in inputs))
    tables = dict(extract_documents(_WORKER["nlp"], _WORKER["codebook"], inputs, batch_size, kinds).tables)
    return_freed_memory()
    return tables


# ---------------------------------------------------------------- parent side

def _in_process(settings: Settings) -> Callable[[Sequence[tuple], Sequence[str]], dict]:
    key = (settings.spacy_model, str(settings.codebook))
    if _WORKER.get("key") != key:
        init_worker(*key)
    return lambda inputs, kinds: extract_batch(inputs, kinds, settings.batch_size)


def _worker_pool(settings: Settings, workers: int,
                 cores: tuple[int, ...] | None = None) -> ProcessPoolExecutor:
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no fork of a threaded (Dagster) parent
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_pool_worker,
                               initargs=(settings.spacy_model, str(settings.codebook), cores))


@contextlib.contextmanager
def _workers_spare_a_core() -> Iterator[tuple[int, ...] | None]:
    """Processes started inside the block run on every core of this one but the lowest
    until they reset their affinity; yields the cores to reset it to (None: not done).

    The early pool's workers load spaCy while the parent imports Dagster and ingests.
    The parent is the run's critical path (extraction cannot start before it), and two
    workers loading on two cores left it about two thirds of one. Children inherit the
    affinity of the thread that starts them, so this thread's is narrowed around the
    start and then every thread of this process gets the full set back (threads started
    inside the block, such as the pool's manager, inherited the narrow one). Linux only;
    elsewhere, and on one core, nothing changes."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else set()
    if len(cores) < 2:
        yield None
        return
    os.sched_setaffinity(0, cores - {min(cores)})
    try:
        yield tuple(sorted(cores))
    finally:
        _every_thread_on(cores)


def _every_thread_on(cores) -> None:
    """Every thread of this process, native ones too (numpy's BLAS pool), on ``cores``:
    a thread keeps the affinity it was started with."""
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError):  # a thread that just ended
            os.sched_setaffinity(int(tid), cores)


# A pool started when the run starts (``start_pool_early``): its workers load spaCy while
# the parent imports Dagster and ingests, instead of after. Only this process uses it.
_EARLY: dict = {}


def _worker_ready() -> bool:
    return True


def start_pool_early(settings: Settings, expected: LikelyWork | None = None) -> bool:
    """Spawn the extraction workers now, for this process's coming extraction step.

    Each worker spends seconds importing spaCy and loading the model; started at the
    beginning of a run, that overlaps the run's own start-up and ingest. Done only
    when ``likely_work`` expects something to extract, with one worker per batch it
    expects up to ``n_process`` (one new readout: one worker). The pool never adds
    workers of its own accord (a process pool would, whenever a task finds every
    worker busy, and that worker would load spaCy while the run waits for one batch);
    extraction starts more itself when there is more text than expected
    (``_results``)."""
    if settings.n_process <= 1 or _EARLY:
        return False
    import atexit

    workers = min(settings.n_process, expected.batches(settings)) if expected else settings.n_process
    with _workers_spare_a_core() as cores:
        pool = _worker_pool(settings, workers, cores)
        ready = [pool.submit(_worker_ready) for _ in range(workers)]  # one spawns per submission
    _EARLY.update(pool=pool, key=_pool_key(settings), workers=workers, ready=ready)
    atexit.register(discard_early_pool)
    return True


def _pool_key(settings: Settings) -> tuple:
    """What a pool's workers were built for: a pool for other settings is not reused."""
    return settings.spacy_model, str(settings.codebook)


def early_pool_helpers() -> ScanHelpers | None:
    """The early pool lent to the scan (reading files is a pure function its workers can
    run) before extraction takes it; None when there is no early pool."""
    ready = _EARLY.get("ready")
    return ScanHelpers(_EARLY["pool"], ready) if ready else None


class ScanHelpers(Executor):
    """The early pool as the scan's helper, from the moment its workers have loaded spaCy.

    Before that a task gets a future that nothing will run: the scan's ``map_in_order``
    takes such a task back and reads the files itself when their turn comes, so the
    scan never waits for a loading worker, and the workers join it as soon as they
    can (on two cores they load on one while the parent starts up on the other)."""

    def __init__(self, pool: ProcessPoolExecutor, ready: Sequence[Future]):
        self.pool, self.ready = pool, ready
        self.lent = 0  # tasks offered to the workers (the scan may still take some back)

    def loaded(self) -> bool:
        return all(future.done() and not future.exception() for future in self.ready)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if not self.loaded():
            return Future()
        self.lent += 1
        return self.pool.submit(fn, *args, **kwargs)


def _take_early_pool(settings: Settings) -> tuple[ProcessPoolExecutor, int] | None:
    """The early pool and its number of workers, when it was built for ``settings``."""
    if _EARLY.get("key") != _pool_key(settings):
        return None
    early = _EARLY["pool"], _EARLY["workers"]
    _EARLY.clear()
    return early


def discard_early_pool() -> None:
    """Shut down an early pool nobody used (the run failed first, or had nothing to do)."""
    pool = _EARLY.get("pool")
    _EARLY.clear()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class LikelyWork:
    """What ``likely_work`` expects extraction to have."""
    documents: int  # documents, or raw files the work database has not seen
    chars: int      # their characters of text (a new file's bytes, before it is read)

    def batches(self, settings: Settings) -> int:
        """About how many batches ``plan_batches`` will cut (at least one)."""
        by_documents = -(-self.documents // max(settings.batch_size, 1))
        budget = char_budget(settings.batch_chars)
        by_chars = math.ceil(self.chars / budget) if budget != math.inf else 1
        return max(by_documents, by_chars, 1)


def likely_work(settings: Settings) -> LikelyWork | None:
    """A cheap guess, before anything is ingested, of what extraction will have (None:
    nothing): the raw files the work database has no record of (all of them when there
    is none yet), else the documents pending at the current extractor versions. A wrong
    guess costs seconds, never correctness."""
    from extract.sources.walk import iter_input_files

    files = list(iter_input_files(settings.raw_dir))
    if not settings.work_db.is_file():
        return _new_files(files)
    try:
        with store.connect(settings.work_db, read_only=True) as con:
            known = {uri.split("#", 1)[0] for (uri,) in con.execute(
                "SELECT source_uri FROM raw.document_sources "
                "UNION ALL SELECT source_uri FROM raw.rejected_documents").fetchall()}
    except Exception:  # held by a writer, or not ours: no guess
        return None
    new_files = _new_files([(uri, path) for uri, path in files if uri not in known])
    if new_files:
        return new_files
    from extract.versions import extractor_versions

    todo = store.pending(settings.work_db, extractor_versions(settings.spacy_model, settings.codebook))
    return LikelyWork(len(todo), todo.total_chars()) if len(todo) else None


def _new_files(files: Sequence[tuple[str, str]]) -> LikelyWork | None:
    sizes = []
    for _, path in files:
        with contextlib.suppress(OSError):  # gone since the walk: the scan will say
            sizes.append(os.stat(path).st_size)
    return LikelyWork(len(files), sum(sizes)) if files else None


WORKER_BATCHES = 2  # full batches of text that pay for starting a worker mid-step


def _more_workers(early_workers: int, wanted: int, chars: int, settings: Settings) -> int:
    """Workers to start beside an early pool of ``early_workers`` (0 with none) for a
    step of ``chars`` characters that could keep ``wanted`` busy.

    A worker started now loads spaCy for seconds before it parses anything, so beside
    loaded ones it is worth it only when they have more than ``WORKER_BATCHES`` full
    batches of text each to parse (always, when batches have no character bound)."""
    if not early_workers:
        return wanted
    budget = char_budget(settings.batch_chars)
    if budget != math.inf and chars <= early_workers * WORKER_BATCHES * budget:
        return 0
    return max(wanted - early_workers, 0)


def _results(settings: Settings, batches: Plan, n_process: int, work_db,
             on_busy: Callable[[], object] | None = None) -> Iterator[tuple[Batch, dict]]:
    """(batch, tables) as batches finish; texts are read (from ``work_db``, a path or an open
    connection) just before submission. ``on_busy`` is called once every worker has its
    first batches (after the last batch, when extracting in this process)."""
    if not batches:  # nothing pending: do not pay for loading the model
        discard_early_pool()
        return
    early = _take_early_pool(settings)
    wanted = min(max(n_process, 1), len(batches))
    if early is None and wanted <= 1:
        extract = _in_process(settings)
        for batch in batches:
            yield batch, extract(store.load_inputs(work_db, batch.document_ids, batch.rows), batch.kinds)
        if on_busy:
            on_busy()
        return
    pools = [early] if early else []
    more = _more_workers(early[1] if early else 0, wanted, batches.total_chars(), settings)
    with contextlib.ExitStack() as stack:
        if more:
            pools.append((_worker_pool(settings, more), more))
        for pool, _ in pools:
            stack.enter_context(pool)
        queue = iter(batches)
        in_flight: dict[Future, tuple[Batch, Executor]] = {}

        def submit_next(pool: Executor) -> None:
            batch = next(queue, None)
            if batch is not None:
                inputs = store.load_inputs(work_db, batch.document_ids, batch.rows)
                future = pool.submit(extract_batch, inputs, batch.kinds, settings.batch_size)
                in_flight[future] = batch, pool

        for pool, count in pools:  # each pool keeps two batches per worker; a finished one pulls the next
            for _ in range(2 * count):
                submit_next(pool)
        if on_busy:
            on_busy()
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                batch, pool = in_flight.pop(future)
                yield batch, future.result()
                submit_next(pool)


def load_spool(work_db: Path) -> int:
    """Load every complete spooled batch of ``work_db`` into it, then delete the files
    (returns the fact rows loaded)."""
    directory = spool.spool_dir(work_db)
    batches = spool.complete_batches(directory)
    loaded = store.load_extractions(work_db, batches.reader(spool.LOG),
                                    {kind: batches.reader(kind) for kind in store.KIND_TABLES})
    spool.remove(directory, batches)
    return loaded


def run_extraction(settings: Settings, versions: dict[str, str] | None = None,
                   on_progress: Callable[[Progress], None] | None = None,
                   n_process: int | None = None,
                   on_busy: Callable[[], object] | None = None) -> ExtractionSummary:
    """Extract every pending document and kind, spooling batch by batch, then load the spool.

    ``on_busy``: called once every worker has its first batches (after the last batch
    when extracting in this process; not at all when nothing is pending). From then on
    this process mostly waits for results, so the caller can start work of its own
    that does not depend on them."""
    if versions is None:
        from extract.versions import extractor_versions

        versions = extractor_versions(settings.spacy_model, settings.codebook)
    started, started_cpu = time.monotonic(), time.process_time()
    spooled = spool.spool_dir(settings.work_db)
    load_spool(settings.work_db)  # batches a killed run finished are not redone
    todo = store.pending(settings.work_db, versions)
    workers = n_process or settings.n_process
    batches = plan_batches(todo, settings.batch_size, settings.batch_chars, workers)
    kinds_count = todo.kind_counts(list(versions))
    total = len(todo)
    del todo  # the plan holds what the step needs
    done = rows = 0
    if on_progress:
        on_progress(Progress(0, total, 0.0))
    # Texts are read on a connection that caches no blocks between reads (see
    # store.UncachedConnection); finished batches go to the spool, loaded once at the end.
    with store.UncachedConnection(settings.work_db) as con:
        for batch, tables in _results(settings, batches, workers, con, on_busy):
            rows += spool.write_batch(spooled, tables, versions, batch.document_ids, store.utc_now())
            done += len(batch.document_ids)
            if on_progress:
                on_progress(Progress(done, total, time.monotonic() - started))
            pause_point("nlp")
    loading = time.monotonic()
    load_spool(settings.work_db)
    ended = time.monotonic()
    return ExtractionSummary(total, done, rows, kinds_count, ended - started, ended - loading,
                             time.process_time() - started_cpu)
