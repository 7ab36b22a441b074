"""Read-only access to the published warehouse, for analysts and their tools.

Every analyst-facing reader (CLI, dashboard, catalog) goes through here so they
all fail the same short way when there is no warehouse yet, and none of them can
ever take the writer lock on the published file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Statement types an analyst query may run; anything else could write to the
# warehouse or to disk (COPY ... TO, ATTACH, INSTALL, SET ...).
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})


class WarehouseMissing(RuntimeError):
    """Raised when the published warehouse file does not exist."""


class WriteRefused(ValueError):
    """Raised when an analyst query would change something."""


def require_warehouse(path: Path) -> Path:
    """The path if a warehouse is published there, else a message saying what to do."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseMissing(f"no warehouse at {_shown(path)}: run `make run` first")
    return path


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the published file read-only (many readers may share it with a publish)."""
    return duckdb.connect(str(require_warehouse(path)), read_only=True)


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse any statement that is not a plain read, before running anything."""
    statements = con.extract_statements(sql)
    if not statements:
        raise WriteRefused("empty query: give one SELECT statement")
    for statement in statements:
        kind = statement.type.name
        if kind not in READ_STATEMENTS:
            raise WriteRefused(f"refused: {kind} statements are not allowed; the warehouse is read-only")


def _shown(path: Path) -> str:
    """The path relative to the working directory when it is below it (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
