"""The dbt parse prepared during the NLP step: only when allowed, used only for the same request, once."""

from __future__ import annotations

import os
import threading

import pytest

from communique import dbt_prepare

VARIABLE = "COMMUNIQUE_TEST_PREPARE_VARIABLE"


@pytest.fixture
def parses(monkeypatch) -> list[tuple]:
    """Each parse's args and the variable's value during it; the parse gives "manifest"."""
    seen: list[tuple] = []

    def parse(args):
        seen.append((tuple(args), os.environ.get(VARIABLE)))
        return "manifest"

    monkeypatch.setattr(dbt_prepare, "parse_manifest", parse)
    monkeypatch.setattr(dbt_prepare, "_ALLOWED", threading.Event())
    monkeypatch.setattr(dbt_prepare, "_PREPARED", {})
    monkeypatch.delenv(VARIABLE, raising=False)
    return seen


def test_nothing_is_parsed_unless_the_process_runs_the_build_too(parses):
    assert not dbt_prepare.prepare(["parse"], {VARIABLE: "1"})
    assert dbt_prepare.take(["parse"], {VARIABLE: "1"}) is None and parses == []


def test_the_parse_is_made_with_the_variables_and_taken_once(parses):
    dbt_prepare.allow_preparing()
    assert dbt_prepare.prepare(["parse", "x"], {VARIABLE: "1"})
    assert not dbt_prepare.prepare(["parse", "x"], {VARIABLE: "1"})  # one parse per run
    assert dbt_prepare.take(["parse", "x"], {VARIABLE: "1"}) == "manifest"
    assert parses == [(("parse", "x"), "1")] and VARIABLE not in os.environ  # restored after
    assert dbt_prepare.take(["parse", "x"], {VARIABLE: "1"}) is None


@pytest.mark.parametrize("args, env", [(["parse", "y"], {VARIABLE: "1"}), (["parse", "x"], {VARIABLE: "2"})])
def test_a_parse_made_for_another_request_is_not_used(parses, args, env):
    dbt_prepare.allow_preparing()
    assert dbt_prepare.prepare(["parse", "x"], {VARIABLE: "1"})
    assert dbt_prepare.take(args, env) is None


def test_modules_named_are_imported_after_the_parse_and_before_take_returns(parses, tmp_path, monkeypatch):
    import sys

    (tmp_path / "later_step_module.py").write_text(
        "import os\nfrom tests_seen import seen\n"
        f"seen.append(('imported', os.environ.get({VARIABLE!r})))\n")
    (tmp_path / "tests_seen.py").write_text("seen = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("later_step_module", "tests_seen"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import tests_seen

    dbt_prepare.allow_preparing()
    assert dbt_prepare.prepare(["parse"], {VARIABLE: "1"},
                               then_import=["no_such_module_anywhere", "later_step_module"])
    assert dbt_prepare.take(["parse"], {VARIABLE: "1"}) == "manifest"
    # after the parse, with the variables restored; a module that cannot be imported is skipped
    assert parses == [(("parse",), "1")] and tests_seen.seen == [("imported", None)]
    assert "later_step_module" in sys.modules
