"""Score extraction against the gold annotations: in-process, or on a published warehouse.

    python -m communique.evaluate --direct [--gold DIR] [--corpus DIR] [--kind K] [--details]
    python -m communique.evaluate --warehouse PATH [--gold DIR] [--kind K] [--details] [--json]
    python -m communique.evaluate --build-eval-set DIR [--gold DIR] [--corpus DIR]

``--direct`` parses the gold documents with ``extract.pipeline`` in this process
(the fast loop while writing rules); ``--warehouse`` reads the marts of a
published warehouse read-only, so what the nightly job really publishes is what
gets scored; ``--build-eval-set`` gathers the gold documents into a raw
directory that the nightly job can be run on. The scoring itself is
``extract.evaluation``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from extract.evaluation import KINDS, Report, gold_documents, load_gold, score

DEFAULT_CORPUS = Path(os.environ.get("COMMUNIQUE_CORPUS_DIR", "/work/shared/corpus"))
SKIPPED_SUFFIXES = (".xz", ".gz", ".tar", ".zip")


# ---------------------------------------------------------------- corpus lookup

@lru_cache(maxsize=4)
def _corpus_index(corpus: Path) -> dict[str, Path]:
    """Base name -> file, for every readable file under the corpus (archives skipped)."""
    index: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith(SKIPPED_SUFFIXES):
                index.setdefault(name, Path(dirpath) / name)
    return index


def locate(doc_name: str, corpus: Path) -> Path | None:
    """The corpus file holding gold document ``doc_name`` ("file" or "file.jsonl#id")."""
    return _corpus_index(Path(corpus)).get(doc_name.split("#", 1)[0])


def _gold_files(names: Iterable[str], corpus: Path) -> dict[Path, set[str]]:
    """Corpus file -> the gold document names it holds; raises when one cannot be found."""
    files: dict[Path, set[str]] = {}
    missing = []
    for name in names:
        path = locate(name, corpus)
        if path is None:
            missing.append(name)
        else:
            files.setdefault(path, set()).add(name)
    if missing:
        raise FileNotFoundError(f"{len(missing)} gold document(s) not found under {corpus}: {missing[:5]}")
    return files


# ---------------------------------------------------------------- direct mode

def read_gold_documents(names: Sequence[str], corpus: Path, max_file_bytes: int) -> dict[str, object]:
    """Gold name -> ``extract.documents.Document``, read with the production readers.

    Each file is read with its own folder as root, so a source_uri is the file's
    base name ("headlines.jsonl#ID"), exactly a gold ``doc`` name.
    """
    from extract.documents import Document
    from extract.sources import read_path

    wanted = set(names)
    found: dict[str, object] = {}
    for path in _gold_files(names, corpus):
        for item in read_path(path, path.parent, max_file_bytes):
            if isinstance(item, Document) and item.source_uri in wanted:
                found[item.source_uri] = item
    return found


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def extraction_records(extraction) -> list[dict]:
    """Arrow tables of ``extract.pipeline.Extraction`` -> gold-shaped prediction records
    (``doc`` is the ``document_id`` the documents were passed in with)."""
    records: list[dict] = []
    tables = extraction.tables
    for row in tables["meetings"].to_pylist() if "meetings" in tables else []:
        records.append({
            "doc": row["document_id"], "kind": "meeting",
            "participants": [p["name"] for p in row["participants"] or []],
            "countries": row["country_codes"] or [], "date": _iso(row["meeting_date"]),
            "location": row["location"], "mode": row["mode"], "evidence": row["evidence"],
            "confidence": row["confidence"],
        })
    for row in tables["pledges"].to_pylist() if "pledges" in tables else []:
        records.append({
            "doc": row["document_id"], "kind": "pledge", "pledger": row["pledger_name"],
            "pledger_countries": row["pledger_country_codes"] or [],
            "beneficiary_countries": row["beneficiary_country_codes"] or [],
            "content": row["content"], "evidence": row["evidence"], "confidence": row["confidence"],
        })
    for row in tables["figures"].to_pylist() if "figures" in tables else []:
        records.append(_figure_record(row["document_id"], row))
    return records


def _figure_record(doc: str, row: dict) -> dict:
    return {
        "doc": doc, "kind": "tourism_figure", "value": row["value"], "qualifier": row["qualifier"],
        "metric": row["metric"], "unit": row["unit"], "place": row["place"],
        "period_start": row["period_start"], "period_end": row["period_end"],
        "period_text": row.get("period_text"), "evidence": row["evidence"],
        "confidence": row.get("confidence"),
    }


_PIPELINE_KINDS = {"meeting": "meetings", "pledge": "pledges", "tourism_figure": "figures"}


def extract_in_process(documents: Sequence, kinds: Sequence[str] = KINDS) -> list[dict]:
    """Gold-shaped records of ``extract.documents.Document``s, extracted in this process with
    the configured model and codebook; each record's ``doc`` is its document's ``source_uri``."""
    from communique.config import load_settings
    from extract.codebook import load_codebook
    from extract.permanent_words import PermanentWords
    from extract.pipeline import DocInput, build_nlp, extract_documents

    settings = load_settings()
    codebook = load_codebook(settings.codebook)
    nlp = build_nlp(settings.spacy_model, codebook)
    inputs = [DocInput(doc.source_uri, doc.text, doc.published_at, doc.title) for doc in documents]
    PermanentWords().take(nlp, (item.text for item in inputs))  # as a worker does
    extraction = extract_documents(nlp, codebook, inputs, settings.batch_size,
                                   kinds=[_PIPELINE_KINDS[k] for k in kinds])
    return extraction_records(extraction)


def evaluate_direct(gold_dir: Path, corpus: Path, kinds: Sequence[str] = KINDS) -> Report:
    """Run the extraction in-process on every gold document and score it."""
    from communique.config import load_settings

    gold = load_gold(gold_dir)
    names = gold_documents(gold)
    documents = read_gold_documents(names, corpus, load_settings().max_file_bytes)
    return score(gold, extract_in_process(documents.values(), kinds), kinds=kinds, documents=names)


# ---------------------------------------------------------------- warehouse mode

def _rows(con, sql: str, params: Sequence = ()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def gold_name_ranks(names: Sequence[str]) -> dict[str, int]:
    """Each gold name's first position in ``names`` (built once per evaluation)."""
    return {name: i for i, name in reversed(list(enumerate(names)))}


def gold_name_of(uris: Sequence[str | None], names: Sequence[str],
                 rank: dict[str, int] | None = None) -> str | None:
    """The first of ``names`` that one of ``uris`` is, or ends with after a ``/``.

    Looks each uri's ``/``-suffixes up in the names instead of testing every name
    against every uri (0.3 s of the nightly job over 5,000 documents)."""
    rank = gold_name_ranks(names) if rank is None else rank
    found = [rank[suffix] for uri in uris if uri
             for suffix in _slash_suffixes(uri) if suffix in rank]
    return names[min(found)] if found else None


def _slash_suffixes(uri: str) -> list[str]:
    """``a/b/c`` -> ``a/b/c``, ``b/c``, ``c``."""
    return [uri] + [uri[i + 1:] for i, char in enumerate(uri) if char == "/"]


def _gold_document_ids(con, names: Sequence[str]) -> dict[str, str]:
    """warehouse document_id -> gold name, for gold names some source_uri ends with."""
    mapping: dict[str, str] = {}
    rank = gold_name_ranks(names)
    for row in _rows(con, "select document_id, source_uri, source_uris from dim_documents"):
        name = gold_name_of([row["source_uri"], *(row.get("source_uris") or [])], names, rank)
        if name is not None:
            mapping.setdefault(row["document_id"], name)
    return mapping


def warehouse_records(con, doc_names: dict[str, str], kinds: Sequence[str] = KINDS) -> list[dict]:
    """Gold-shaped predictions from the published marts, for the mapped documents only."""
    ids = list(doc_names)
    if not ids:
        return []
    records: list[dict] = []
    if "meeting" in kinds:
        for row in _rows(con, """
            select b.meeting_id, b.document_id, b.evidence, m.meeting_date, m.location, m.mode,
                   m.country_codes, m.confidence,
                   (select list(a.name order by a.name) from bridge_meeting_participants p
                      join dim_actors a using (actor_id) where p.meeting_id = m.meeting_id) as participants
            from bridge_meeting_documents b join fct_meetings m using (meeting_id)
            where b.document_id in (select unnest(?))""", [ids]):
            records.append({
                "doc": doc_names[row["document_id"]], "kind": "meeting",
                "participants": row["participants"] or [], "countries": row["country_codes"] or [],
                "date": _iso(row["meeting_date"]), "location": row["location"], "mode": row["mode"],
                "evidence": row["evidence"], "confidence": row["confidence"],
            })
    if "pledge" in kinds:
        for row in _rows(con, """
            select f.*, a.name as pledger_name from fct_pledges f
            left join dim_actors a on a.actor_id = f.pledger_actor_id
            where f.document_id in (select unnest(?))""", [ids]):
            records.append({
                "doc": doc_names[row["document_id"]], "kind": "pledge", "pledger": row["pledger_name"],
                "pledger_countries": row["pledger_country_codes"] or [],
                "beneficiary_countries": row["beneficiary_country_codes"] or [],
                "content": row["content"], "evidence": row["evidence"], "confidence": row["confidence"],
            })
    if "tourism_figure" in kinds:
        for row in _rows(con, "select * from fct_tourism_figures where document_id in (select unnest(?))", [ids]):
            records.append(_figure_record(doc_names[row["document_id"]], row))
    return records


def evaluate_warehouse(path: Path | str, gold_dir: Path | str, kinds: Sequence[str] = KINDS) -> Report:
    """Score the published warehouse at ``path`` on the gold documents it holds."""
    from communique.readonly import connect_read_only

    gold = load_gold(gold_dir)
    names = gold_documents(gold)
    con = connect_read_only(Path(path))
    try:
        doc_names = _gold_document_ids(con, names)
        predictions = warehouse_records(con, doc_names, kinds)
    finally:
        con.close()
    present = [n for n in names if n in set(doc_names.values())]
    return score(gold, predictions, kinds=kinds, documents=present)


# ---------------------------------------------------------------- evaluation set

def build_eval_set(target: Path, gold_dir: Path, corpus: Path) -> list[Path]:
    """Copy every gold document's source file into ``target`` (keeping its corpus folder);
    of a JSONL file only the gold lines are kept, byte for byte, so a run stays small."""
    names = gold_documents(load_gold(gold_dir))
    written = []
    for source, wanted in sorted(_gold_files(names, corpus).items()):
        destination = Path(target) / source.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix.lower() in (".jsonl", ".ndjson"):
            ids = {name.split("#", 1)[1] for name in wanted if "#" in name}
            with source.open("rb") as src, destination.open("wb") as dst:
                for line in src:
                    if line.strip() and str(json.loads(line).get("id")) in ids:
                        dst.write(line if line.endswith(b"\n") else line + b"\n")
        else:
            shutil.copyfile(source, destination)
        written.append(destination)
    return written


# ---------------------------------------------------------------- CLI

def build_parser() -> argparse.ArgumentParser:
    from communique.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m communique.evaluate", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--direct", action="store_true", help="extract the gold documents in-process and score")
    mode.add_argument("--warehouse", type=Path, help="score a published warehouse (opened read-only)")
    mode.add_argument("--build-eval-set", type=Path, metavar="DIR", help="copy the gold documents into DIR")
    parser.add_argument("--gold", type=Path, default=load_settings().gold_dir, help="gold JSONL directory")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="where the gold documents live")
    parser.add_argument("--kind", choices=KINDS, action="append", help="score only this kind (repeatable)")
    parser.add_argument("--details", action="store_true", help="list misses, false alarms, wrong attributes")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    kinds = tuple(args.kind) if args.kind else KINDS
    if args.build_eval_set:
        written = build_eval_set(args.build_eval_set, args.gold, args.corpus)
        print(f"{len(written)} file(s) with the gold documents written under {args.build_eval_set}")
        return 0
    report = (evaluate_direct(args.gold, args.corpus, kinds) if args.direct
              else evaluate_warehouse(args.warehouse, args.gold, kinds))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
        return 0
    print(report.format_table())
    if args.details:
        print(report.format_details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
