"""The warehouse the analyst-side tests read, built once per test session.

The warehouse is built by the real job (``python -m communique.run``) from the
sample (data/raw/, the five seed articles), exactly as ``make run`` does.
``COMMUNIQUE_TEST_WAREHOUSE=stand-in`` (or a checkout without communique/run.py)
uses instead a contract-shaped stand-in built here from the seed texts and
their gold annotations (every offset and evidence sentence real): for working
on the analyst side while the pipeline is broken, never for CI.
``COMMUNIQUE_TEST_WAREHOUSE=/path/to/warehouse.duckdb`` reuses (a copy of) a
warehouse already built from the sample, to save the build while iterating.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RAW_DIR = REPO / "data" / "raw"
GOLD_SEEDS = Path(os.environ.get("COMMUNIQUE_GOLD_DIR", REPO.parent / "shared" / "gold")) / "seeds.jsonl"
TOOL_ENV = {
    "DAGSTER_DISABLE_TELEMETRY": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
}


def real_job_available() -> bool:
    if os.environ.get("COMMUNIQUE_TEST_WAREHOUSE") == "stand-in":
        return False
    return (REPO / "communique" / "run.py").is_file()


@functools.cache
def sample_warehouse() -> Path:
    """Path of the warehouse built from the sample (cached for the whole session)."""
    root = Path(tempfile.mkdtemp(prefix="communique-analyst-"))
    warehouse = root / "warehouse.duckdb"
    prebuilt = Path(os.environ.get("COMMUNIQUE_TEST_WAREHOUSE", "-"))
    if prebuilt.is_file():
        # with its dashboard/, docs/ and quality/ (what the job wrote beside it)
        shutil.copytree(prebuilt.parent, root, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.state", "*.log"))
        if prebuilt.name != warehouse.name:
            (root / prebuilt.name).rename(warehouse)
    elif real_job_available():
        build_with_real_job(SAMPLE_RAW_DIR, warehouse)
    else:
        build_contract_stand_in(warehouse)
    return warehouse


def build_with_real_job(raw_dir: Path, warehouse: Path) -> None:
    env = {**os.environ, **TOOL_ENV, "COMMUNIQUE_RAW_DIR": str(raw_dir),
           "COMMUNIQUE_WAREHOUSE": str(warehouse), "COMMUNIQUE_N_PROCESS": "1"}
    done = subprocess.run([sys.executable, "-m", "communique.run"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=1200)
    if done.returncode != 0 or not warehouse.is_file():
        raise RuntimeError(f"communique.run failed ({done.returncode}):\n{done.stderr[-3000:]}")


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


# Publication dates of the seed articles (from their text); 004 gives none.
PUBLISHED = {"000": date(2024, 11, 21), "001": date(2024, 4, 2), "002": date(2024, 11, 20),
             "003": date(2023, 5, 6)}
PERIODS = {"2024": (date(2024, 1, 1), date(2024, 12, 31))}
INGESTED = datetime(2024, 11, 22, 2, 0)


def build_contract_stand_in(warehouse: Path) -> None:
    """Marts of the warehouse contract, rows taken from the seed gold file."""
    gold = [json.loads(line) for line in GOLD_SEEDS.read_text().splitlines() if line.strip()]
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLE_RAW_DIR.glob("*.txt"))}
    doc_ids = {name: hashlib.sha256(text.encode()).hexdigest()[:20] for name, text in texts.items()}
    con = duckdb.connect(str(warehouse))
    con.execute("""
        create table dim_documents (document_id varchar primary key, source_uri varchar,
            source_uris varchar[], title varchar, published_at date, published_at_source varchar,
            content_sha256 varchar, n_chars integer, text varchar, ingested_at timestamp);
        create table dim_actors (actor_id varchar primary key, name varchar, actor_type varchar,
            country_code varchar, title varchar);
        create table fct_meetings (meeting_id varchar primary key, meeting_date date, location varchar,
            mode varchar, country_codes varchar[], n_documents integer, evidence varchar, confidence double);
        create table bridge_meeting_participants (meeting_id varchar, actor_id varchar);
        create table bridge_meeting_documents (meeting_id varchar, document_id varchar, evidence varchar,
            start_char integer, end_char integer);
        create table fct_pledges (pledge_id varchar primary key, document_id varchar, pledge_date date,
            pledger_actor_id varchar, pledger_country_codes varchar[], beneficiary_country_codes varchar[],
            content varchar, evidence varchar, start_char integer, end_char integer, confidence double);
        create table fct_tourism_figures (figure_id varchar primary key, document_id varchar, metric varchar,
            value double, unit varchar, qualifier varchar, place varchar, period_start date, period_end date,
            evidence varchar, start_char integer, end_char integer, confidence double);
        create table rejected_documents (source_uri varchar, reason varchar, detail varchar,
            rejected_at timestamp);
    """)
    for name, text in texts.items():
        published = PUBLISHED.get(name[:3])
        con.execute("insert into dim_documents values (?, ?, [?], ?, ?, ?, ?, ?, ?, ?)", [
            doc_ids[name], name, name, text.splitlines()[0][:120], published,
            "text" if published else "unknown", hashlib.sha256(text.encode()).hexdigest(),
            len(text), text, INGESTED])
    actors: dict[str, str] = {}

    def actor(name: str, countries: list[str]) -> str:
        kind = "country" if len(countries) == 1 and name in {"Kazakhstan", "Pakistan", "China"} else "person"
        code = countries[0] if len(countries) == 1 else None
        key = _id(kind, name, code)
        if key not in actors:
            actors[key] = name
            con.execute("insert into dim_actors values (?, ?, ?, ?, NULL)", [key, name, kind, code])
        return key

    meetings: dict[str, str] = {}
    for i, row in enumerate(gold):
        doc = row["doc"]
        start = texts[doc].find(row["evidence"])
        span = [row["evidence"], start, start + len(row["evidence"])]
        if row["kind"] == "meeting":
            meeting_id = _id(sorted(row["participants"]), row["date"])
            if meeting_id not in meetings:
                meetings[meeting_id] = row["evidence"]
                con.execute("insert into fct_meetings values (?, ?, ?, ?, ?, 0, ?, 0.9)", [
                    meeting_id, row["date"], row["location"], row["mode"], sorted(row["countries"]),
                    row["evidence"]])
                for person in row["participants"]:
                    con.execute("insert into bridge_meeting_participants values (?, ?)",
                                [meeting_id, actor(person, [])])
            con.execute("insert into bridge_meeting_documents values (?, ?, ?, ?, ?)",
                        [meeting_id, doc_ids[doc], *span])
        elif row["kind"] == "pledge":
            con.execute("insert into fct_pledges values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.8)", [
                _id("pledge", doc, i), doc_ids[doc], PUBLISHED.get(doc[:3]),
                actor(row["pledger"], row["pledger_countries"]), row["pledger_countries"],
                row["beneficiary_countries"], row["content"], *span])
        else:
            period_start, period_end = PERIODS[row["period"]]
            con.execute("insert into fct_tourism_figures values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.8)", [
                _id("figure", doc, i), doc_ids[doc], row["metric"], row["value"], row["unit"],
                row["qualifier"], row["place"], period_start, period_end, *span])
    con.execute("""update fct_meetings as m set n_documents = (
        select count(*) from bridge_meeting_documents as b where b.meeting_id = m.meeting_id)""")
    con.close()
