"""What a rule change does to documents nobody annotated: dump the extraction, then compare.

    python -m communique.extraction_diff dump PATH [--sample N] [--seed S] -o FILE
    python -m communique.extraction_diff compare BEFORE AFTER [--kind K]

The gold sets are small, and a rule that fixes one of their misses can change
many unannotated documents. ``dump`` extracts every document of a corpus file or
folder in this process (or a seeded sample of them) and writes one gold-shaped
record a line; ``compare`` lists, document by document, the records one dump has
and the other has not. Dump on the old code (``git stash``) and on the new, then
read every change before keeping the rule.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.evaluation import KINDS

# Left out of a dump: a confidence moves with every rule and would hide the changes that matter.
_UNCOMPARED = ("confidence",)


def read_documents(path: Path, sample: int | None = None, seed: int = 0) -> list:
    """The documents of a corpus file or folder, read as the scan reads them (``sample``: that
    many drawn with ``random.Random(seed)``, the same draw for the same corpus and seed)."""
    from communique.config import load_settings
    from extract.documents import Document
    from extract.sources import read_path
    from extract.sources.walk import iter_input_files

    max_bytes = load_settings().max_file_bytes
    path = Path(path)
    files = [Path(p) for _, p in iter_input_files(path)] if path.is_dir() else [path]
    root = path if path.is_dir() else path.parent
    documents = [item for file in files for item in read_path(file, root, max_bytes)
                 if isinstance(item, Document)]
    if sample is not None and sample < len(documents):
        documents = random.Random(seed).sample(documents, sample)
    return documents


def dump_lines(records: Iterable[dict]) -> list[str]:
    """One sorted-key JSON line per record, without the fields left uncompared, in a stable order."""
    lines = [json.dumps({k: v for k, v in record.items() if k not in _UNCOMPARED}, sort_keys=True,
                        default=str, ensure_ascii=False) for record in records]
    return sorted(lines)


@dataclass(frozen=True)
class DocumentChange:
    doc: str
    removed: tuple[dict, ...]  # records only the first dump has
    added: tuple[dict, ...]    # records only the second dump has


def compare(before: Iterable[dict], after: Iterable[dict], kinds: Sequence[str] = KINDS) -> list[DocumentChange]:
    """Per document (in name order), the records of ``kinds`` that differ between two dumps."""
    def by_doc(records: Iterable[dict]) -> dict[str, set[str]]:
        grouped: dict[str, set[str]] = {}
        for record in records:
            if record.get("kind") in kinds:
                grouped.setdefault(record["doc"], set()).update(dump_lines([record]))
        return grouped

    old, new = by_doc(before), by_doc(after)
    changes = []
    for doc in sorted(old.keys() | new.keys()):
        gone, came = old.get(doc, set()) - new.get(doc, set()), new.get(doc, set()) - old.get(doc, set())
        if gone or came:
            changes.append(DocumentChange(doc, tuple(json.loads(r) for r in sorted(gone)),
                                          tuple(json.loads(r) for r in sorted(came))))
    return changes


def describe(record: dict) -> str:
    """A record on one line: its kind's fields that say what was found, then its evidence."""
    if record["kind"] == "meeting":
        what = (f"{record['participants']} {record['countries']} date={record['date']} "
                f"loc={record['location']} mode={record['mode']}")
    elif record["kind"] == "pledge":
        what = f"{record['pledger']} {record['pledger_countries']} -> {record['beneficiary_countries']}: " \
               f"{record['content']}"
    else:
        what = f"{record['value']} {record['metric']} place={record['place']} period={record['period_start']}"
    return f"{record['kind']}: {what} | {' '.join(record['evidence'].split())}"


def format_changes(changes: Sequence[DocumentChange]) -> str:
    lines = []
    for change in changes:
        lines.append(f"## {change.doc}")
        lines.extend(f"  - {describe(r)}" for r in change.removed)
        lines.extend(f"  + {describe(r)}" for r in change.added)
    lines.append(f"{len(changes)} document(s) changed")
    return "\n".join(lines)


def _read_dump(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m communique.extraction_diff",
                                     description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump = commands.add_parser("dump", help="extract a corpus file or folder and write its records")
    dump.add_argument("path", type=Path)
    dump.add_argument("--sample", type=int, help="extract only this many documents, drawn at random")
    dump.add_argument("--seed", type=int, default=0, help="seed of the draw (default 0)")
    dump.add_argument("-o", "--output", type=Path, required=True)
    diff = commands.add_parser("compare", help="list the records two dumps disagree on, by document")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    diff.add_argument("--kind", choices=KINDS, action="append", help="compare only this kind (repeatable)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "dump":
        from communique.evaluate import extract_in_process

        documents = read_documents(args.path, args.sample, args.seed)
        lines = dump_lines(extract_in_process(documents))
        args.output.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{len(lines)} record(s) of {len(documents)} document(s) written to {args.output}")
        return 0
    kinds = tuple(args.kind) if args.kind else KINDS
    print(format_changes(compare(_read_dump(args.before), _read_dump(args.after), kinds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
