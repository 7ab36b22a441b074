"""The ready queries in queries/ answer their questions on the warehouse built from the sample."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from analyst_fixtures import sample_warehouse
from communique.ready_queries import load_query, ready_queries, run_query

EXPECTED_QUERIES = {
    "meetings_per_country_pair_month", "pledges_pledger_to_beneficiary", "tourism_figures_by_place",
    "evidence_for_fact", "rejected_last_night",
}


@pytest.fixture(scope="module")
def con():
    with duckdb.connect(str(sample_warehouse()), read_only=True) as connection:
        yield connection


def rows_of(con, name: str, **params) -> list[dict]:
    columns, rows = run_query(con, load_query(name).sql, params or None)
    return [dict(zip(columns, row)) for row in rows]


def test_every_query_file_states_its_question():
    queries = ready_queries()
    assert EXPECTED_QUERIES <= set(queries)
    for query in queries.values():
        assert query.question.endswith("?"), f"{query.name}.sql: header must ask a question"


def test_china_india_met_twice_in_november_2024(con):
    # Singh–Dong in Vientiane (reported by two seeds: one meeting) and Jaishankar–Wang in Rio.
    rows = rows_of(con, "meetings_per_country_pair_month")
    chn_ind = [r for r in rows if (r["month"], r["country_a"], r["country_b"]) == ("2024-11", "CHN", "IND")]
    assert len(chn_ind) == 1
    assert chn_ind[0]["n_meetings"] == 2
    assert chn_ind[0]["n_reports"] >= 2
    assert len(chn_ind[0]["meeting_ids"]) == 2


def test_each_pair_appears_once_per_month_in_code_order(con):
    rows = rows_of(con, "meetings_per_country_pair_month")
    keys = [(r["month"], r["country_a"], r["country_b"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert all(r["country_a"] < r["country_b"] for r in rows)
    assert all(r["month"] == "undated" or len(r["month"]) == 7 for r in rows)
    # every meeting of two or more countries is counted in some row
    multi = {m for (m,) in con.execute("select meeting_id from fct_meetings where len(country_codes) > 1").fetchall()}
    assert multi and multi == {m for r in rows for m in r["meeting_ids"]}


def test_china_pledged_to_tajikistan(con):
    rows = rows_of(con, "pledges_pledger_to_beneficiary")
    chn_tjk = [r for r in rows if (r["pledger_country"], r["beneficiary_country"]) == ("CHN", "TJK")]
    assert chn_tjk and chn_tjk[0]["n_pledges"] >= 1
    # a joint pledge ("the two sides agreed") counts for both pledger countries, with no beneficiary
    joint = {r["pledger_country"] for r in rows if r["beneficiary_country"] is None}
    assert {"CHN", "IND"} <= joint


def test_horgos_welcomed_a_million_visitors_in_2024(con):
    rows = rows_of(con, "tourism_figures_by_place")
    horgos = [r for r in rows if r["place"] and "Horgos" in r["place"] and r["metric"] == "visitors"]
    assert horgos, "no Horgos visitor figure"
    assert horgos[0]["value"] == 1_000_000
    period = (horgos[0]["period_start"], horgos[0]["period_end"])
    assert period[0] is not None, "the Horgos figure has no period: 'this year' (2024) was not resolved"
    assert period[0].year == 2024


def test_evidence_of_a_meeting_lists_every_reporting_document(con):
    meetings = con.execute("select meeting_id, n_documents from fct_meetings").fetchall()
    assert meetings
    for meeting_id, n_documents in meetings:
        rows = rows_of(con, "evidence_for_fact", fact_id=meeting_id)
        assert len({r["document_id"] for r in rows}) == n_documents
        assert all(r["fact_kind"] == "meeting" and r["evidence_matches_text"] for r in rows)


def test_evidence_of_the_vientiane_talks_quotes_the_seed(con):
    (meeting_id,) = con.execute("""
        select m.meeting_id from fct_meetings m
        join bridge_meeting_participants using (meeting_id) join dim_actors a using (actor_id)
        where a.name like '%Rajnath Singh%' and m.meeting_date = date '2024-11-20'""").fetchone()
    rows = rows_of(con, "evidence_for_fact", fact_id=meeting_id)
    assert any("Dong Jun" in r["sentence"] and "Vientiane" in r["sentence"] for r in rows)
    assert {r["source_uri"] for r in rows} & {"000_2cff20377abe7606.txt", "002_7c22ec6678f18bc5.txt"}


@pytest.mark.parametrize("table,id_column,kind", [
    ("fct_pledges", "pledge_id", "pledge"), ("fct_tourism_figures", "figure_id", "tourism_figure")])
def test_evidence_of_pledges_and_figures(con, table, id_column, kind):
    row = con.execute(f"select {id_column}, evidence from {table} order by {id_column} limit 1").fetchone()
    assert row, f"{table} is empty: the sample implies rows"
    fact_id, evidence = row
    rows = rows_of(con, "evidence_for_fact", fact_id=fact_id)
    assert [(r["fact_kind"], r["sentence"], r["evidence_matches_text"]) for r in rows] == [(kind, evidence, True)]


def test_evidence_of_an_unknown_id_is_empty(con):
    assert rows_of(con, "evidence_for_fact", fact_id="no-such-fact") == []


def test_no_seed_was_rejected(con):
    assert rows_of(con, "rejected_last_night") == []


def test_rejections_keep_only_the_last_day():
    with duckdb.connect() as mem:
        mem.execute("create table rejected_documents (source_uri varchar, reason varchar, detail varchar,"
                    " rejected_at timestamp)")
        mem.executemany("insert into rejected_documents values (?, ?, ?, ?)", [
            ["old/empty.txt", "empty", "0 bytes", datetime(2024, 11, 20, 2, 0)],
            ["new/blob.bin", "binary", "NUL bytes", datetime(2024, 11, 21, 2, 1)],
            ["new/bad.jsonl", "malformed_jsonl", "line 3", datetime(2024, 11, 21, 2, 3)],
        ])
        rows = rows_of(mem, "rejected_last_night")
    assert [(r["source_uri"], r["reason"]) for r in rows] == [
        ("new/blob.bin", "binary"), ("new/bad.jsonl", "malformed_jsonl")]
