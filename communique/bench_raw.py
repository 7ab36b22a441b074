"""Raw spaCy baseline: the model alone over a JSONL of cleaned texts, in its own process.

Run by ``communique.bench`` as ``python -m communique.bench_raw TEXTS OUT ...``.
It imports nothing of the project (only spaCy and the stdlib), so its wall
time is what the model costs: interpreter start, imports, model load and
``nlp.pipe``. The texts are read before the clock of ``nlp.pipe`` starts.
"""

from __future__ import annotations

import argparse
import json
import time

STARTED = time.time()  # as early as a module-level clock can be


def _read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("texts", help="JSONL file, one {\"id\", \"text\"} per line")
    parser.add_argument("out", help="where to write the JSON timings")
    parser.add_argument("--model", required=True)
    parser.add_argument("--exclude", default="", help="comma-separated components to exclude")
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args(argv)

    import spacy

    imported = time.time()
    exclude = [name for name in args.exclude.split(",") if name]
    nlp = spacy.load(args.model, exclude=exclude)
    loaded = time.time()
    texts = _read_texts(args.texts)
    pipe_start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size,
                                              n_process=args.n_process))
    pipe_s = time.perf_counter() - pipe_start
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({
            "documents": len(texts), "spacy_tokens": tokens, "pipe_s": pipe_s,
            "import_s": imported - STARTED, "load_s": loaded - imported,
            "components": list(nlp.pipe_names), "batch_size": args.batch_size,
            "n_process": args.n_process, "spacy_version": spacy.__version__,
        }, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
