"""The NLP step's plan: pending documents and their batches, held column-wise.

The run's process keeps the plan through the whole NLP step, so it holds no
Python object per document: ids in one Arrow array, lengths, storage rows and
kinds in numpy arrays, and each batch as a range of them; a ``Batch`` with its
tuple of ids is made only when a batch is submitted or spooled. Held as objects
(a ``PendingDocument`` and an id string per document, a ``Batch`` and a tuple
per batch), the 4,987 pending documents of the 5,000-document slice kept the
run's process 1.7 MiB bigger through the step than the 1,409 readouts did.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

NO_ROW = -1  # a document whose text has no row in raw.documents (yet)
TAIL_PIECES = 4  # the last batches are cut this small, so no worker idles long at the end


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """One document to extract (what a ``Pending`` holds per document, as one object)."""

    document_id: str
    kinds: tuple[str, ...]  # kinds whose current extractor version has no row yet
    chars: int = 0          # length of its text (batches are bounded by it)
    row: int | None = None  # its text's rowid in raw.documents when planned (a hint for reading)


class Pending(Sequence[PendingDocument]):
    """Documents to extract, column-wise, in the order given (storage order from ``store``)."""

    def __init__(self, document_ids: pa.Array, kinds: Sequence[tuple[str, ...]],
                 kinds_index: np.ndarray, chars: np.ndarray, rows: np.ndarray):
        self.document_ids = document_ids  # pa.string()
        self.kinds = tuple(kinds)         # distinct kinds tuples
        self.kinds_index = kinds_index    # per document: its kinds, as an index into ``kinds``
        self.chars = chars                # per document: characters of its text
        self.rows = rows                  # per document: rowid of its text, or NO_ROW

    @staticmethod
    def of(items: Sequence[PendingDocument]) -> Pending:
        kinds = list(dict.fromkeys(item.kinds for item in items))
        position = {names: i for i, names in enumerate(kinds)}
        return Pending(pa.array([item.document_id for item in items], pa.string()), kinds,
                       np.array([position[item.kinds] for item in items], dtype=np.int32),
                       np.array([item.chars for item in items], dtype=np.int64),
                       np.array([NO_ROW if item.row is None else item.row for item in items], dtype=np.int64))

    def __len__(self) -> int:
        return len(self.document_ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._document(index, self.document_ids[index].as_py())

    def __iter__(self) -> Iterator[PendingDocument]:
        for i, document_id in enumerate(self.document_ids.to_pylist()):
            yield self._document(i, document_id)

    def _document(self, i: int, document_id: str) -> PendingDocument:
        row = int(self.rows[i])
        return PendingDocument(document_id, self.kinds[self.kinds_index[i]], int(self.chars[i]),
                               None if row == NO_ROW else row)

    def total_chars(self) -> int:
        return int(self.chars.sum())

    def kind_counts(self, kinds: Sequence[str]) -> dict[str, int]:
        """Documents that need each of ``kinds``."""
        per_tuple = np.bincount(self.kinds_index, minlength=len(self.kinds))
        return {kind: int(sum(n for names, n in zip(self.kinds, per_tuple) if kind in names))
                for kind in kinds}


@dataclass(frozen=True, slots=True)
class Batch:
    document_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    chars: int = 0  # characters of text in the batch
    rows: tuple[int, int] | None = None  # first and last rowid of its texts, when all are known


class Plan(Sequence[Batch]):
    """Batches as ranges of one ordering of the pending documents; ``Batch`` objects are
    made as they are asked for."""

    def __init__(self, pending: Pending, order: np.ndarray, ranges: np.ndarray):
        self._ids = pending.document_ids.take(pa.array(order))
        self._kinds = pending.kinds
        self._kinds_index = pending.kinds_index[order]
        self._chars = pending.chars[order]
        self._rows = pending.rows[order]
        self._ranges = ranges  # (start, stop) into the ordering, per batch, in plan order

    def __len__(self) -> int:
        return len(self._ranges)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, stop = (int(x) for x in self._ranges[index])
        rows = self._rows[start:stop]
        return Batch(tuple(self._ids[start:stop].to_pylist()), self._kinds[self._kinds_index[start]],
                     int(self._chars[start:stop].sum()),
                     None if (rows == NO_ROW).any() else (int(rows.min()), int(rows.max())))

    def total_chars(self) -> int:
        """Characters of text in all the batches (without making a ``Batch``)."""
        return int(self._chars.sum())


def char_budget(max_chars: int | None) -> float:
    """Characters a batch may hold: ``max_chars``, or no bound when it is 0 or unset."""
    return max_chars if max_chars and max_chars > 0 else math.inf


def plan_batches(pending: Pending | Sequence[PendingDocument], batch_size: int,
                 max_chars: int | None = None, workers: int = 1) -> Plan:
    """Group pending documents by the kinds they need, then cut into bounded batches.

    A batch holds at most ``batch_size`` documents and, unless it is a single document,
    at most ``max_chars`` characters of text: a worker's memory follows the text it parses
    at once, so a corpus of long speeches gets shorter batches, not bigger workers.
    ``pending`` comes in storage order, so a batch's texts lie in one stretch of the
    table (``Batch.rows``), which is cheap to read. Longest batches come first, so the
    last ones to finish are short (longest-processing-time-first scheduling); with
    several ``workers`` and more than ``2 * workers`` batches, the last ``2 * workers``
    are also cut in up to ``TAIL_PIECES`` pieces each. Batches mostly reach
    ``max_chars``, so without that the step would end with one worker parsing a full
    batch while the others wait: about 2.5 s of one idle core at the end of the 1,410
    readouts on two cores."""
    if not isinstance(pending, Pending):
        pending = Pending.of(list(pending))
    # kinds groups in order of first appearance, storage order within each
    order = np.argsort(pending.kinds_index, kind="stable").astype(np.int64)
    chars = pending.chars[order].tolist()
    group_of = pending.kinds_index[order].tolist()
    size = max(batch_size, 1)
    budget = char_budget(max_chars)
    groups: list[tuple[int, int, int]] = []  # (start, stop, chars)
    start = total = 0
    for i, n in enumerate(chars):
        if i > start and (i - start == size or total + n > budget or group_of[i] != group_of[start]):
            groups.append((start, i, total))
            start, total = i, 0
        total += n
    if chars:
        groups.append((start, len(chars), total))
    groups.sort(key=lambda group: -group[2])
    if workers > 1 and len(groups) > 2 * workers:  # a small step keeps its few batches whole
        tail = groups[-2 * workers:]
        groups = groups[:-2 * workers] + sorted(
            (piece for group in tail for piece in _pieces(group, chars, TAIL_PIECES)),
            key=lambda group: -group[2])
    ranges = np.array([(start, stop) for start, stop, _ in groups], dtype=np.int64).reshape(-1, 2)
    return Plan(pending, order, ranges)


def _pieces(group: tuple[int, int, int], chars: list[int], count: int) -> list[tuple[int, int, int]]:
    """``group`` cut in up to ``count`` consecutive runs of about equal length."""
    start, stop, group_chars = group
    total = max(group_chars, 1)
    pieces: list[tuple[int, int, int]] = []
    piece_start = start
    done = piece_chars = 0
    for i in range(start, stop):
        if i > piece_start and done >= total * (len(pieces) + 1) / count:
            pieces.append((piece_start, i, piece_chars))
            piece_start, piece_chars = i, 0
        done += chars[i]
        piece_chars += chars[i]
    pieces.append((piece_start, stop, piece_chars))
    return pieces
