"""Before/after dumps of the extraction, and their comparison by document."""

from __future__ import annotations

import json
from pathlib import Path

from communique.extraction_diff import compare, dump_lines, format_changes, main, read_documents

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _meeting(doc: str, participants: list[str], mode: str, confidence: float = 0.9) -> dict:
    return {"doc": doc, "kind": "meeting", "participants": participants, "countries": ["ISR", "USA"],
            "date": "2022-07-14", "location": None, "mode": mode, "confidence": confidence,
            "evidence": "President Biden met with President Isaac Herzog of Israel today."}


def test_compare_lists_what_each_dump_alone_has_by_document():
    before = [_meeting("a.md", ["Biden", "Herzog of"], "in_person"), _meeting("b.md", ["Biden", "Lapid"], "call")]
    after = [_meeting("a.md", ["Biden", "Isaac Herzog"], "in_person"),
             _meeting("b.md", ["Biden", "Lapid"], "call", confidence=0.75),  # a confidence alone is no change
             _meeting("c.md", ["Biden", "Lula"], "call")]
    changes = compare(before, after)
    assert [(c.doc, [r["participants"] for r in c.removed], [r["participants"] for r in c.added])
            for c in changes] == [("a.md", [["Biden", "Herzog of"]], [["Biden", "Isaac Herzog"]]),
                                  ("c.md", [], [["Biden", "Lula"]])]
    text = format_changes(changes)
    assert "  - meeting: ['Biden', 'Herzog of']" in text and text.endswith("2 document(s) changed")
    assert compare(before, after, kinds=("pledge",)) == []


def test_dump_lines_are_stable_and_leave_the_confidence_out():
    records = [_meeting("b.md", ["Biden", "Lapid"], "call"), _meeting("a.md", ["Biden", "Herzog"], "call")]
    lines = dump_lines(records)
    assert lines == dump_lines(list(reversed(records)))
    assert all("confidence" not in json.loads(line) for line in lines)


def test_dump_of_the_sample_input_compares_equal_to_itself(tmp_path, capsys):
    out = tmp_path / "dump.jsonl"
    assert main(["dump", str(RAW), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in records} == {"meeting", "pledge", "tourism_figure"}
    assert {r["doc"] for r in records} <= {d.source_uri for d in read_documents(RAW)}
    assert main(["compare", str(out), str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("0 document(s) changed")


def test_a_sample_is_the_same_draw_for_the_same_seed():
    first = [d.source_uri for d in read_documents(RAW, sample=2, seed=7)]
    assert len(first) == 2 and first == [d.source_uri for d in read_documents(RAW, sample=2, seed=7)]
