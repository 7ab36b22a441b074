"""BI tools (Superset, Metabase, Evidence...) read the warehouse while a publish happens.

They connect through SQLAlchemy + duckdb-engine, read-only. Publishing is an
atomic rename of a finished build over the published file, so a reader either
sees the old file or the new one, never a half-written or locked one.
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import replace

import pytest
from sqlalchemy import create_engine, text

from analyst_fixtures import sample_warehouse

N_PUBLISHES = 15


def publish_copy(build, published) -> None:
    """Publish with the nightly job's own step (seal the build, then rename it over the file)."""
    from communique.config import load_settings
    from communique.publish import publish

    publish(build, replace(load_settings(), warehouse=published))


@pytest.fixture()
def published(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse(), path)
    return path


@pytest.mark.parametrize("url_style", ["connect_args", "query_string"])
def test_sqlalchemy_reads_a_mart_read_only(published, url_style):
    if url_style == "connect_args":
        engine = create_engine(f"duckdb:///{published}", connect_args={"read_only": True})
    else:  # the form a Superset user types into the database URI box
        engine = create_engine(f"duckdb:///{published}?access_mode=read_only")
    with engine.connect() as con:
        n = con.execute(text("select count(*) from fct_meetings")).scalar_one()
        assert n > 0
        with pytest.raises(Exception, match="read-only"):
            con.execute(text("delete from fct_meetings"))
    engine.dispose()


def test_readers_are_never_locked_out_during_publishes(published, tmp_path):
    expected = {"fct_meetings": None, "fct_pledges": None}
    engine = create_engine(f"duckdb:///{published}", connect_args={"read_only": True})
    with engine.connect() as con:
        for mart in expected:
            expected[mart] = con.execute(text(f"select count(*) from {mart}")).scalar_one()
    engine.dispose()

    # a long-lived connection opened before the publishes keeps reading its snapshot
    long_lived = create_engine(f"duckdb:///{published}", connect_args={"read_only": True}).connect()

    builds = tmp_path / "builds"
    builds.mkdir()
    done = threading.Event()
    publish_errors: list[BaseException] = []

    def publisher():
        try:
            for i in range(N_PUBLISHES):
                build = builds / f"build-{i}.duckdb"
                shutil.copy(sample_warehouse(), build)
                publish_copy(build, published)
                time.sleep(0.02)
        except BaseException as error:  # reported by the main thread
            publish_errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=publisher)
    thread.start()
    reads = 0
    while not done.is_set() or reads < N_PUBLISHES:
        engine = create_engine(f"duckdb:///{published}", connect_args={"read_only": True})
        with engine.connect() as con:  # a fresh connection each time, as a dashboard refresh does
            for mart, n in expected.items():
                assert con.execute(text(f"select count(*) from {mart}")).scalar_one() == n
        engine.dispose()
        assert long_lived.execute(text("select count(*) from fct_meetings")).scalar_one() == expected["fct_meetings"]
        reads += 1
    thread.join()
    long_lived.close()
    assert publish_errors == []
    assert reads >= N_PUBLISHES
