"""The `communique` command: the analyst's door to the published warehouse.

Every subcommand only reads the published file (read-only connection), so it
can run while the nightly job publishes. Heavy modules are imported inside the
subcommands: `communique --help` must answer instantly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

MAX_CELL = 60
DEFAULT_ROW_LIMIT = 50


class CliError(RuntimeError):
    """A failure the user can fix; printed as one short line, exit status 2."""


# --- printing ---------------------------------------------------------------

def _cell(value: object, width: int = MAX_CELL) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(columns: list[str], rows: list[tuple], limit: int | None = None) -> str:
    """A plain-text table; long cells are cut, extra rows are counted, not printed."""
    shown = rows if limit is None else rows[:limit]
    cells = [[_cell(v) for v in row] for row in shown]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    if len(rows) > len(shown):
        out.append(f"... {len(rows) - len(shown)} more rows (use --limit 0 for all)")
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


# --- subcommands --------------------------------------------------------------

def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CliError(f"bad --param {pair!r}: write NAME=VALUE, e.g. --param fact_id=abc123")
        params[name.lstrip("$")] = value
    return params


def cmd_query(args, settings) -> int:
    import duckdb

    from communique.readonly import WriteRefused, check_read_only, connect_read_only
    from communique.ready_queries import ready_queries, run_query

    ready = ready_queries()
    sql = ready[args.sql].sql if args.sql in ready else args.sql
    with connect_read_only(settings.warehouse) as con:
        try:
            check_read_only(con, sql)
            columns, rows = run_query(con, sql, _parse_params(args.param))
        except WriteRefused as refused:
            raise CliError(str(refused)) from None
        except duckdb.Error as error:
            raise CliError(f"query failed: {str(error).splitlines()[0]}") from None
    print(format_table(columns, rows, args.limit or None))
    return 0


def cmd_queries(args, settings) -> int:
    from communique.ready_queries import QUERIES_DIR, ready_queries

    for query in ready_queries().values():
        print(f"{query.name}\n    {query.question}")
    print(f"\nRun one with: communique query NAME   (SQL files in {QUERIES_DIR})")
    return 0


def cmd_evidence(args, settings) -> int:
    from communique.readonly import connect_read_only
    from communique.ready_queries import load_query, run_query

    with connect_read_only(settings.warehouse) as con:
        columns, rows = run_query(con, load_query("evidence_for_fact").sql, {"fact_id": args.fact_id})
    if not rows:
        raise CliError(f"no meeting, pledge or figure with id {args.fact_id!r}: "
                       "ids are in the meeting_id / pledge_id / figure_id columns")
    for row in rows:
        fact = dict(zip(columns, row))
        print(f"{fact['fact_kind']} {fact['fact_id']}")
        print(f"  document  {fact['document_id']}  {fact['source_uri']}"
              f"  (published {fact['published_at'] or 'date unknown'})")
        if fact["title"]:
            print(f"  title     {fact['title']}")
        print(f"  offsets   [{fact['start_char']}, {fact['end_char']})"
              + ("" if fact["evidence_matches_text"] else "  WARNING: differs from the document text"))
        print(f"  sentence  {fact['sentence']}\n")
    return 0


def cmd_status(args, settings) -> int:
    from communique.warehouse_status import warehouse_status

    status = warehouse_status(settings.warehouse, settings.quality_dir)
    print(f"warehouse     {status.path}")
    print(f"published at  {status.published_at:%Y-%m-%d %H:%M:%S %Z}")
    print("rows per mart:")
    for mart, count in status.mart_rows.items():
        print(f"  {mart:<28} {'MISSING' if count is None else count}")
    if status.quality is None:
        print("quality gates: no results recorded (they are recorded when the Dagster job publishes)")
        return 0
    verdict = status.quality.headline("all passed", "FAILED")
    print(f"quality gates ({status.quality.recorded_at}): {verdict}")
    shown, tests_passed = status.quality.to_show()
    for gate in shown:
        print(f"  {gate.verdict:<4} {gate.name}: {gate.message}")
    if tests_passed:
        print(f"  ok   and {tests_passed} dbt tests")
    return 0


def cmd_evaluate(args, settings) -> int:
    """Build the evaluation warehouse from the gold documents with the real job, then score it."""
    try:
        from communique import evaluate
    except ImportError:
        raise CliError("communique.evaluate is not installed in this checkout: nothing to score with") from None
    from communique.config import REPO_ROOT

    eval_dir = Path(args.eval_dir).resolve() if args.eval_dir else REPO_ROOT / "data" / "eval"
    raw_dir, warehouse = eval_dir / "raw", eval_dir / "warehouse.duckdb"
    if not args.no_build:
        shutil.rmtree(raw_dir, ignore_errors=True)
        _run_step("collecting the gold documents",
                  [sys.executable, "-m", "communique.evaluate", "--build-eval-set", str(raw_dir),
                   "--gold", str(settings.gold_dir)], {})
        _run_step("building the evaluation warehouse", [sys.executable, "-m", "communique.run"],
                  {"COMMUNIQUE_RAW_DIR": str(raw_dir), "COMMUNIQUE_WAREHOUSE": str(warehouse)})
    if not warehouse.is_file():
        raise CliError(f"no evaluation warehouse at {warehouse}: run `communique evaluate` without --no-build")
    argv = ["--warehouse", str(warehouse), "--gold", str(settings.gold_dir)]
    argv += ["--details"] * args.details + ["--json"] * args.json
    return int(evaluate.main(argv) or 0)


def _run_step(what: str, command: list[str], extra_env: dict[str, str]) -> None:
    print(f"communique evaluate: {what} ...", file=sys.stderr)
    done = subprocess.run(command, env={**os.environ, **extra_env})
    if done.returncode != 0:
        raise CliError(f"{what} failed (exit {done.returncode}): see the output above")


# --- entry point ----------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communique", description="Read the communique warehouse: status, queries, evidence, evaluation.")
    parser.add_argument("--warehouse", type=Path,
                        help="published DuckDB file (default: $COMMUNIQUE_WAREHOUSE or data/warehouse.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("status", help="last publish time, rows per mart, last quality-gate results"
                   ).set_defaults(func=cmd_status)

    query = sub.add_parser("query", help="run read-only SQL, or a ready query by name, and print a table")
    query.add_argument("sql", help='SQL text, e.g. "select * from fct_meetings", or a ready query name')
    query.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                       help="value of a $NAME parameter (repeatable)")
    query.add_argument("--limit", type=int, default=DEFAULT_ROW_LIMIT, help="rows to print (0: all)")
    query.set_defaults(func=cmd_query)

    sub.add_parser("queries", help="list the ready queries in queries/").set_defaults(func=cmd_queries)

    evidence = sub.add_parser("evidence", help="the sentence and document behind a meeting, pledge or figure")
    evidence.add_argument("fact_id", help="a meeting_id, pledge_id or figure_id")
    evidence.set_defaults(func=cmd_evidence)

    evaluate = sub.add_parser("evaluate", help="build a warehouse from the gold documents and score it")
    evaluate.add_argument("--eval-dir", type=Path,
                          help="where the evaluation inputs and warehouse go (default data/eval)")
    evaluate.add_argument("--no-build", action="store_true", help="score the existing evaluation warehouse")
    evaluate.add_argument("--details", action="store_true", help="list misses, false alarms, wrong attributes")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from communique.config import load_settings
    from communique.readonly import WarehouseMissing

    settings = load_settings()
    if args.warehouse is not None:
        from dataclasses import replace
        settings = replace(settings, warehouse=args.warehouse.resolve())
    try:
        return args.func(args, settings)
    except (CliError, WarehouseMissing) as error:
        print(f"communique: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
