"""Read a candidate warehouse into one pandas frame per quality gate.

Each frame has one row per thing the gate looks at (a code, a figure, a fact
date, an evidence span, a bridge row, a fact table) and a column the gate's
expectations test. Joins and offset arithmetic are done by DuckDB in the read
query, over a read-only connection that is closed right after, so the gates
never hold a lock on a file another step may publish.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from communique.quality_codes import valid_codes

FACT_TABLES = ("fct_meetings", "fct_pledges", "fct_tourism_figures")
COLLAPSE_RATIO = 0.5       # a fact table may not shrink below half its published size
COLLAPSE_MIN_ROWS = 20     # ... once the published table holds at least this many rows


@dataclass(frozen=True)
class Rule:
    """One expectation on a frame column, kept free of GX so GX loads lazily."""
    kind: str                      # "in_set" | "not_null"
    column: str
    value_set: frozenset | None = None


@dataclass(frozen=True)
class GateFrame:
    """What a gate validates: the rows, the rules on them, and how to name them."""
    name: str
    frame: pd.DataFrame
    rules: tuple[Rule, ...]
    what: str          # the rows, in words ("country codes")
    problem: str       # what an offending row is wrong about

    @property
    def plan(self) -> tuple:
        """Everything but the rows: equal plans validate with the same GX suite."""
        return self.name, self.rules, self.what, self.problem


def _all_true(column: str) -> tuple[Rule, ...]:
    return (Rule("not_null", column), Rule("in_set", column, frozenset({True})))


COUNTRY_CODES_SQL = """
select 'fct_meetings' as table_name, 'country_codes' as column_name,
       meeting_id as row_id, coalesce(code, '<NULL>') as code
from (select meeting_id, unnest(country_codes) as code from fct_meetings)
union all
select 'fct_pledges', 'pledger_country_codes', pledge_id, coalesce(code, '<NULL>')
from (select pledge_id, unnest(pledger_country_codes) as code from fct_pledges)
union all
select 'fct_pledges', 'beneficiary_country_codes', pledge_id, coalesce(code, '<NULL>')
from (select pledge_id, unnest(beneficiary_country_codes) as code from fct_pledges)
union all
select 'dim_actors', 'country_code', actor_id, country_code
from dim_actors where country_code is not null
"""

TOURISM_VALUES_SQL = """
select figure_id, document_id, metric, value, evidence,
       coalesce(value > 0 and isfinite(value), false) as value_positive_and_finite
from fct_tourism_figures
"""

DATES_SQL = """
select 'fct_meetings' as table_name, m.meeting_id as fact_id, b.document_id,
       cast(m.meeting_date as varchar) as fact_date,
       cast(d.published_at as varchar) as published_at,
       m.meeting_date <= d.published_at as not_after_publication
from fct_meetings m
join bridge_meeting_documents b on b.meeting_id = m.meeting_id
join dim_documents d on d.document_id = b.document_id
where m.meeting_date is not null and d.published_at is not null
union all
select 'fct_pledges', p.pledge_id, p.document_id,
       cast(p.pledge_date as varchar), cast(d.published_at as varchar),
       p.pledge_date <= d.published_at
from fct_pledges p
join dim_documents d on d.document_id = p.document_id
where p.pledge_date is not null and d.published_at is not null
"""

_EVIDENCE_SPANS = """
select '{table}' as table_name, {id_column} as fact_id, f.document_id,
       f.start_char, f.end_char, f.evidence,
       substring(d.text, f.start_char + 1, f.end_char - f.start_char) as text_at_offsets
from {table} f left join dim_documents d on d.document_id = f.document_id
"""

EVIDENCE_SQL = "with spans as (\n" + "\nunion all\n".join(
    _EVIDENCE_SPANS.format(table=table, id_column=id_column)
    for table, id_column in (
        ("bridge_meeting_documents", "f.meeting_id"),
        ("fct_pledges", "f.pledge_id"),
        ("fct_tourism_figures", "f.figure_id"),
    )
) + """)
select *, coalesce(evidence = text_at_offsets, false) as evidence_matches_text from spans
"""

ORPHANS_SQL = """
select 'bridge_meeting_participants' as table_name, b.meeting_id, b.actor_id as linked_id,
       m.meeting_id is not null as meeting_exists,
       a.actor_id is not null as linked_exists
from bridge_meeting_participants b
left join fct_meetings m on m.meeting_id = b.meeting_id
left join dim_actors a on a.actor_id = b.actor_id
union all
select 'bridge_meeting_documents', b.meeting_id, b.document_id,
       m.meeting_id is not null, d.document_id is not null
from bridge_meeting_documents b
left join fct_meetings m on m.meeting_id = b.meeting_id
left join dim_documents d on d.document_id = b.document_id
"""


def _orphan_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame["has_both_ends"] = frame["meeting_exists"] & frame["linked_exists"]
    return frame


# gate name -> (tables it reads, query, post-processing, rules, rows in words, problem)
_QUERY_GATES: dict[str, tuple[tuple[str, ...], str, Callable | None, tuple[Rule, ...], str, str]] = {
    "country_codes_valid": (
        ("fct_meetings", "fct_pledges", "dim_actors"), COUNTRY_CODES_SQL, None,
        (Rule("not_null", "code"), Rule("in_set", "code", None)),
        "country codes", "not an ISO 3166-1 alpha-3 or known organisation code",
    ),
    "tourism_values_positive_finite": (
        ("fct_tourism_figures",), TOURISM_VALUES_SQL, None,
        _all_true("value_positive_and_finite"),
        "tourism figures", "value is not a positive finite number",
    ),
    "dates_not_after_publication": (
        ("fct_meetings", "fct_pledges", "bridge_meeting_documents", "dim_documents"),
        DATES_SQL, None, _all_true("not_after_publication"),
        "dated facts", "date is after the publication date of its document",
    ),
    "evidence_matches_text": (
        ("bridge_meeting_documents", "fct_pledges", "fct_tourism_figures", "dim_documents"),
        EVIDENCE_SQL, None, _all_true("evidence_matches_text"),
        "evidence spans", "evidence differs from the document text at its offsets",
    ),
    "no_orphan_bridge_rows": (
        ("bridge_meeting_participants", "bridge_meeting_documents", "fct_meetings",
         "dim_actors", "dim_documents"),
        ORPHANS_SQL, _orphan_frame, _all_true("has_both_ends"),
        "bridge rows", "meeting, actor or document it links is missing",
    ),
}
ROW_COUNT_GATE = "row_counts_not_collapsed"
GATE_NAMES = (*_QUERY_GATES, ROW_COUNT_GATE)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'"
    ).fetchall()
    return {name for (name,) in rows}


def _with_codes(rules: tuple[Rule, ...], codes: frozenset[str]) -> tuple[Rule, ...]:
    """Fill the code list in late: it depends on the codebook in use."""
    return tuple(
        Rule(r.kind, r.column, codes) if r.kind == "in_set" and r.value_set is None else r
        for r in rules
    )


def read_build(build_path: Path, codebook_dir: Path | None = None
               ) -> tuple[list[GateFrame], dict[str, str], dict[str, int]]:
    """Frames of every query gate, the gates that cannot run (-> why), and fact row counts."""
    codes = valid_codes(codebook_dir)
    frames: list[GateFrame] = []
    missing: dict[str, str] = {}
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        present = _tables(con)
        for name, (tables, sql, post, rules, what, problem) in _QUERY_GATES.items():
            absent = sorted(set(tables) - present)
            if absent:
                missing[name] = f"table(s) missing from the build: {', '.join(absent)}"
                continue
            frame = con.execute(sql).df()
            frames.append(GateFrame(name, post(frame) if post else frame,
                                    _with_codes(rules, codes), what, problem))
        counts = fact_row_counts(con, present)
    finally:
        con.close()
    absent_facts = sorted(set(FACT_TABLES) - set(counts))
    if absent_facts:
        missing[ROW_COUNT_GATE] = f"table(s) missing from the build: {', '.join(absent_facts)}"
    return frames, missing, counts


def fact_row_counts(con: duckdb.DuckDBPyConnection, present: set[str] | None = None) -> dict[str, int]:
    """Row count of each fact table the connection's database holds."""
    present = _tables(con) if present is None else present
    return {
        table: con.execute(f'select count(*) from "{table}"').fetchone()[0]
        for table in FACT_TABLES if table in present
    }


def read_published_counts(published_path: Path | None) -> dict[str, int]:
    """Fact row counts of the published warehouse; empty when nothing was published yet."""
    if published_path is None or not Path(published_path).exists():
        return {}
    con = duckdb.connect(str(published_path), read_only=True)
    try:
        return fact_row_counts(con)
    finally:
        con.close()


_ROW_COUNT_RULES = _all_true("not_collapsed")
_ROW_COUNT_WORDS = ("fact tables", "row count fell below half of the published one")


def row_count_frame(build_counts: Mapping[str, int], published_counts: Mapping[str, int]) -> GateFrame:
    """One row per fact table: does the build keep at least half the published rows?"""
    rows = []
    for table in FACT_TABLES:
        published = published_counts.get(table)
        built = build_counts.get(table, 0)
        floor = math.ceil(COLLAPSE_RATIO * published) if published and published >= COLLAPSE_MIN_ROWS else 0
        rows.append({"table_name": table, "build_rows": built, "published_rows": published,
                     "min_rows": floor, "not_collapsed": built >= floor})
    return GateFrame(ROW_COUNT_GATE, pd.DataFrame(rows), _ROW_COUNT_RULES, *_ROW_COUNT_WORDS)


def gate_plans(codebook_dir: Path | None = None) -> list[GateFrame]:
    """Every gate as it will be validated, with no rows yet: what a validator can set up
    before the build it checks exists (``GateFrame.plan`` matches a read gate to its plan)."""
    codes = valid_codes(codebook_dir)
    empty = pd.DataFrame()
    return [GateFrame(name, empty, _with_codes(rules, codes), what, problem)
            for name, (_, _, _, rules, what, problem) in _QUERY_GATES.items()
            ] + [GateFrame(ROW_COUNT_GATE, empty, _ROW_COUNT_RULES, *_ROW_COUNT_WORDS)]
