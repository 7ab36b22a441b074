"""The NLP step's plan held column-wise (communique.plan)."""

import numpy as np

from communique.plan import Batch, Pending, PendingDocument, plan_batches

MENTIONS = ("mentions", "meetings")
FIGURES = ("figures",)


def _pending() -> list[PendingDocument]:
    return [PendingDocument("d0", MENTIONS, 30, row=0), PendingDocument("d1", FIGURES, 10, row=1),
            PendingDocument("d2", MENTIONS, 30, row=2), PendingDocument("d3", FIGURES, 50, row=None),
            PendingDocument("d4", MENTIONS, 5, row=4)]


def test_pending_gives_back_the_documents_it_was_made_of() -> None:
    items = _pending()
    pending = Pending.of(items)
    assert len(pending) == 5 and list(pending) == items
    assert pending[3] == items[3] and pending[-1] == items[-1] and pending[1:3] == items[1:3]
    assert pending.total_chars() == 125
    assert pending.kind_counts(["mentions", "meetings", "pledges", "figures"]) == {
        "mentions": 3, "meetings": 3, "pledges": 0, "figures": 2}


def test_plan_groups_by_kinds_in_storage_order_and_cuts_by_characters() -> None:
    plan = plan_batches(Pending.of(_pending()), batch_size=2, max_chars=60)
    assert list(plan) == [
        Batch(("d0", "d2"), MENTIONS, 60, (0, 2)),   # longest first
        Batch(("d1", "d3"), FIGURES, 60, None),      # d3's text has no row: no stretch to read
        Batch(("d4",), MENTIONS, 5, (4, 4)),
    ]
    assert plan[-1] == plan[2] and plan[0:2] == list(plan)[0:2]


def test_plan_keeps_no_object_per_document() -> None:
    plan = plan_batches(Pending.of([PendingDocument(f"d{i}", MENTIONS, 100, row=i) for i in range(1000)]),
                        batch_size=10, max_chars=10_000)
    assert len(plan) == 100
    held = list(vars(plan).values())
    assert held and all(isinstance(value, (np.ndarray, tuple)) or hasattr(value, "buffers") for value in held)
    assert plan[99].document_ids == tuple(f"d{i}" for i in range(990, 1000))
