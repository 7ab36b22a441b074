"""The analysts' ready queries: one SQL file each in ``queries/``.

The SQL lives in plain files so analysts can read, copy and extend them in any
tool; this module only finds them, reads their question and runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from communique.config import REPO_ROOT

QUERIES_DIR = REPO_ROOT / "queries"


@dataclass(frozen=True)
class ReadyQuery:
    name: str      # file stem, e.g. "evidence_for_fact"
    question: str  # the first header comment line, without "Question:"
    sql: str


def _question(sql: str) -> str:
    """The header's question: its comment text up to the first question mark."""
    header = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header.append(line.lstrip("- ").strip())
    text = " ".join(header).removeprefix("Question:").strip()
    return text[: text.find("?") + 1] if "?" in text else text


def ready_queries(queries_dir: Path = QUERIES_DIR) -> dict[str, ReadyQuery]:
    """Every ``*.sql`` file of ``queries_dir`` by name, in name order."""
    queries = {}
    for path in sorted(Path(queries_dir).glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        queries[path.stem] = ReadyQuery(path.stem, _question(sql), sql)
    return queries


def load_query(name: str, queries_dir: Path = QUERIES_DIR) -> ReadyQuery:
    queries = ready_queries(queries_dir)
    if name not in queries:
        raise KeyError(f"no ready query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_query(con: duckdb.DuckDBPyConnection, sql: str,
              params: dict[str, object] | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of ``sql``; ``$name`` parameters come from ``params``."""
    cursor = con.execute(sql, params) if params else con.execute(sql)
    columns = [d[0] for d in cursor.description or []]
    return columns, cursor.fetchall()
