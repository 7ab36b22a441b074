"""Smoke tests of the benchmark harness's pure parts (no timing is asserted, nothing is run)."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from communique import bench_report
from communique.bench_corpus import (archive_documents, count_words, extract_members, holdout_size,
                                     select_slice, write_texts)
from communique.bench_steps import phase_breakdown, step_phase

READOUTS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "whitehouse"

NAMES = ["./", "./README.md", "./statements-releases/2021-02/b.md", "./articles/2025-02/z.md",
         "./articles/2025-02/a.md", "./fact-sheets/2023-01/c.md", "./fact-sheets/2023-01/c.json",
         "./blog/2024-01/d.md"]


def test_slice_is_sorted_skips_readme_and_holds_out_the_next_documents():
    first, extra = select_slice(NAMES, 3, extra=2)
    assert first == ["articles/2025-02/a.md", "articles/2025-02/z.md", "blog/2024-01/d.md"]
    assert extra == ["fact-sheets/2023-01/c.md", "statements-releases/2021-02/b.md"]
    assert select_slice(list(reversed(NAMES)), 3, extra=2) == (first, extra)


def test_slice_skips_documents_already_in_the_corpus_and_refuses_too_large_a_slice():
    assert select_slice(NAMES, 0, skip_basenames=["a.md", "z.md"], extra=1) == ([], ["blog/2024-01/d.md"])
    with pytest.raises(ValueError):
        select_slice(NAMES, 5)


def test_holdout_is_one_percent_rounded_up():
    assert [holdout_size(n) for n in (1, 100, 1410, 5000)] == [1, 1, 15, 50]
    assert archive_documents(["./README.md", "x.txt"]) == []


def test_extract_members_writes_only_the_wanted_files(tmp_path):
    archive = tmp_path / "a.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for name, body in (("./blog/x.md", b"one"), ("./blog/y.md", b"two"), ("./z.md", b"three")):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    extract_members(archive, ["blog/y.md"], tmp_path / "out")
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md"))
    assert written == ["blog/y.md"]
    assert (tmp_path / "out" / "blog" / "y.md").read_bytes() == b"two"


def test_word_count_of_a_real_readout_matches_its_whitespace_tokens(tmp_path):
    path = sorted(READOUTS.glob("*.md"))[1]
    text = path.read_text(encoding="utf-8")
    sentence = "Prime Minister Trudeau and President Biden discussed the COVID-19 pandemic."
    assert count_words(sentence) == 10
    assert count_words("  a\tb\n\nc  ") == 3
    written = write_texts([("doc1", text), ("doc2", sentence)], tmp_path / "t.jsonl")
    assert written.documents == 2
    assert written.words == len(text.split()) + 10
    lines = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert lines[1] == {"id": "doc2", "text": sentence}


def test_phases_add_up_to_the_wall_time_and_map_step_keys():
    intervals = {"documents": (10.0, 12.0), "annotations": (12.5, 40.0), "dbt_warehouse": (40.0, 50.0),
                 "quality_gates": (50.0, 53.0), "published_warehouse": (53.0, 54.0),
                 "analyst_dashboard": (54.0, 56.0)}
    phases = phase_breakdown(intervals, process_start=0.0, process_end=58.0,
                             first_event=8.0, last_event=56.5, run_start=9.5)
    assert phases["start-up and imports"] == 8.0
    assert phases["run set-up"] == 1.5
    assert phases["orchestration between steps"] == pytest.approx(1.5)
    assert phases["nlp"] == 27.5
    assert phases["checks"] == 3.0
    assert phases["after publish"] == 2.0
    assert phases["shut-down"] == 1.5
    assert sum(phases.values()) == pytest.approx(58.0)
    assert step_phase("some_dbt_model") == "dbt"


def _fake_result(label: str, size: int, job_s: float, raw_s: float, peak_gb: float) -> dict:
    return {"label": label, "size": size, "documents": size, "words": 1000 * size,
            "raw": {"wall_s": raw_s, "pipe_s": raw_s - 5, "batch_size": 64,
                    "words_per_s": 1000 * size / raw_s, "peak_rss_bytes": 0.6 * bench_report.GB},
            "raw_new": {"wall_s": 8.0},
            "job": {"wall_s": job_s, "ratio_to_raw": job_s / raw_s, "nlp_s": raw_s - 3,
                    "nlp_ratio_to_raw_pipe": (raw_s - 3) / (raw_s - 5), "fixed_s": job_s - raw_s + 3,
                    "phases": {"start-up and imports": 4.0, "dbt": 6.0},
                    "peak_rss_bytes": peak_gb * bench_report.GB, "words_per_s": 1.0},
            "rerun": {"wall_s": 9.0, "returncode": 0}, "increment": {"wall_s": 25.0, "returncode": 0}}


def test_table_reports_targets_met_and_missed():
    results = [_fake_result("readouts-1410", 1410, 140.0, 100.0, 1.2),
               _fake_result("corpus-5000", 5000, 200.0, 150.0, 1.4)]
    results[1]["increment"]["returncode"] = 1
    header, rows = bench_report.table_rows(results)
    by_name = {row[0]: row for row in rows}
    assert header == ["measurement", "readouts-1410", "corpus-5000", "target"]
    assert by_name["job runs"][1:3] == ["all succeeded", "FAILED: +1%"]
    assert by_name["full job / raw spaCy (whole process)"][1] == "1.40x (met)"
    assert by_name["full job / raw spaCy (whole process)"][2] == "1.33x (MISSED)"
    assert by_name["no-change re-run"][1] == "9.0 s (met)"
    assert by_name["no-change re-run"][2] == "9.0 s"          # target stated for 1,410 only
    assert by_name["1% new documents: run"][1] == "25.0 s (MISSED)"   # budget 15 + 8
    assert by_name["peak memory, largest size against smallest"][1:] == [
        "", "+204.8 MiB (+16.7%)", "no higher: MISSED"]
    markdown = bench_report.format_markdown(header, rows, {"cpu_model": "Test CPU", "cores": 2,
                                                           "ram_bytes": 4 * bench_report.GB,
                                                           "python": "3.11.2"})
    assert markdown.splitlines()[0] == "| measurement | readouts-1410 | corpus-5000 | target |"
    assert "Test CPU, 2 cores, 4 GB RAM, Python 3.11.2" in markdown
    results[0]["raw_tuning"] = [{"batch_size": 16, "documents": 512, "pipe_words_per_s": 4000.0},
                                {"batch_size": 64, "documents": 512, "pipe_words_per_s": 4500.0}]
    assert bench_report.tuning_note(results) == (
        "Raw spaCy's batch size is the best of a few tried: readouts-1410 on its first 512 "
        "documents (batch size: words/s) 16: 4,000, 64: 4,500.")
    text = bench_report.format_text(header, rows)
    assert "fixed: start-up and imports" in text and "n/a" in text


def test_report_is_written_twice(tmp_path):
    dated, latest = bench_report.write_report({"results": []}, tmp_path)
    assert dated.name.startswith("report-") and latest.name == "latest.json"
    assert json.loads(dated.read_text()) == json.loads(latest.read_text()) == {"results": []}


def test_pairs_give_medians_and_a_note():
    """--pairs: the table's median rows and the note come from every pair; one pair adds nothing."""
    result = _fake_result("readouts-1410", 1410, 140.0, 100.0, 1.2)
    header, rows = bench_report.table_rows([result])
    assert {row[0]: row for row in rows}["median of pairs: full job / raw spaCy"][1] == "n/a"
    assert bench_report.pairs_note([result]) == ""
    result["pairs"] = [
        {"raw_wall_s": 100.0, "job_wall_s": 140.0, "job_returncode": 0, "ratio_to_raw": 1.4,
         "nlp_ratio_to_raw_pipe": 1.1, "fixed_s": 20.0},
        {"raw_wall_s": 90.0, "job_wall_s": 117.0, "job_returncode": 0, "ratio_to_raw": 1.3,
         "nlp_ratio_to_raw_pipe": 1.0, "fixed_s": 16.0},
        {"raw_wall_s": 80.0, "job_wall_s": 160.0, "job_returncode": 0, "ratio_to_raw": 2.0,
         "nlp_ratio_to_raw_pipe": 1.5, "fixed_s": 14.0, "cpu_ratio_to_raw": 1.25}]
    result["pairs_median"] = {"ratio_to_raw": 1.4, "nlp_ratio_to_raw_pipe": 1.1, "fixed_s": 16.0}
    header, rows = bench_report.table_rows([result])
    by_name = {row[0]: row for row in rows}
    assert by_name["median of pairs: full job / raw spaCy"][1] == "1.40x (met)"
    assert by_name["median of pairs: NLP step / raw nlp.pipe"][1] == "1.10x (MISSED)"
    assert by_name["median of pairs: fixed cost"][1] == "16.0 s (MISSED)"
    note = bench_report.pairs_note([result])
    assert note.startswith("readouts-1410, 3 pairs of raw spaCy / job from empty: 100.0 / 140.0 s = 1.40x")
    assert "80.0 / 160.0 s = 2.00x, NLP 1.50x, fixed 14.0 s, CPU 1.25x." in note
    assert "fixed 20.0 s, CPU n/a;" in note  # a pair measured without CPU time says so


def test_the_readouts_get_three_pairs_by_default_and_the_slice_one():
    from types import SimpleNamespace

    from communique import bench

    readouts, slice_ = SimpleNamespace(size=1410), SimpleNamespace(size=5000)
    assert (bench.pairs_at(readouts, None), bench.pairs_at(slice_, None)) == (3, 1)
    assert (bench.pairs_at(readouts, 1), bench.pairs_at(slice_, 2)) == (1, 2)  # --pairs wins
    assert bench.parse_args([]).pairs is None
    assert bench.parse_args(["--quick"]).pairs == 1  # a smoke run stays one pair
    assert bench.parse_args(["--quick", "--pairs", "2"]).pairs == 2


def test_more_pairs_run_back_to_back_and_failed_jobs_stay_out_of_the_medians(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from communique import bench

    raws = iter([{"wall_s": 90.0, "pipe_s": 88.0}, {"wall_s": 80.0, "pipe_s": 78.0}])
    jobs = iter([{"wall_s": 108.0, "returncode": 0, "nlp_s": 88.0, "fixed_s": 20.0},
                 {"wall_s": 50.0, "returncode": 1, "nlp_s": 40.0, "fixed_s": 10.0}])
    calls = []
    monkeypatch.setattr(bench, "raw_spacy", lambda *a, **k: calls.append("raw") or next(raws))
    monkeypatch.setattr(bench, "run_job", lambda *a, **k: calls.append("job") or next(jobs))
    monkeypatch.setattr(bench, "link_files", lambda *a: None)
    monkeypatch.setattr(bench, "_job_env", lambda *a: {})
    monkeypatch.setattr(bench, "warm_up", lambda *a: {})
    first = {"raw": {"wall_s": 100.0, "pipe_s": 98.0, "batch_size": 32},
             "job": {"wall_s": 130.0, "returncode": 0, "nlp_s": 100.0, "fixed_s": 30.0,
                     "ratio_to_raw": 1.3, "nlp_ratio_to_raw_pipe": 100 / 98}}
    plan = SimpleNamespace(corpus=SimpleNamespace(files=[]))
    texts = SimpleNamespace(path=tmp_path / "texts.jsonl", words=1000)
    args = SimpleNamespace(pairs=3, n_process=2, job_batch_size=None)
    out = bench.measure_more_pairs(plan, tmp_path, texts, first, args, "model")
    assert calls == ["raw", "job", "raw", "job"]
    assert [p["ratio_to_raw"] for p in out["pairs"]] == [1.3, 1.2, 50 / 80]
    assert out["pairs_median"]["ratio_to_raw"] == 1.25   # of 1.3 and 1.2: the failed job is left out
    assert out["pairs_median"]["fixed_s"] == 25.0
    one = bench.measure_more_pairs(plan, tmp_path, texts, first, SimpleNamespace(pairs=1), "model")
    assert one == {"pairs": [bench._pair(first["raw"], first["job"])]}  # no medians of one pair


def test_a_pair_the_system_clock_stepped_in_stays_out_of_the_medians_and_is_named(tmp_path, monkeypatch):
    """A job's NLP step is timed on the system clock and its run on the monotonic one: when the
    system clock steps between them (seen on this VM: a fixed cost of -7.3 s), that pair is shown
    but left out of the medians, and the table's own runs that stepped are named."""
    from types import SimpleNamespace

    from communique import bench

    raws = iter([{"wall_s": 41.8, "pipe_s": 40.0, "clock_step_s": 0.0},
                 {"wall_s": 52.8, "pipe_s": 51.0, "clock_step_s": 0.01}])
    jobs = iter([{"wall_s": 62.4, "returncode": 0, "nlp_s": 69.7, "fixed_s": -7.3, "clock_step_s": 14.6},
                 {"wall_s": 69.6, "returncode": 0, "nlp_s": 56.3, "fixed_s": 13.3, "clock_step_s": -0.02}])
    monkeypatch.setattr(bench, "raw_spacy", lambda *a, **k: next(raws))
    monkeypatch.setattr(bench, "run_job", lambda *a, **k: next(jobs))
    monkeypatch.setattr(bench, "link_files", lambda *a: None)
    monkeypatch.setattr(bench, "_job_env", lambda *a: {})
    monkeypatch.setattr(bench, "warm_up", lambda *a: {})
    first = {"raw": {"wall_s": 57.4, "pipe_s": 55.7, "batch_size": 32},
             "job": {"wall_s": 50.1, "returncode": 0, "nlp_s": 39.5, "fixed_s": 10.6}}
    out = bench.measure_more_pairs(SimpleNamespace(corpus=SimpleNamespace(files=[])), tmp_path,
                                   SimpleNamespace(path=tmp_path / "t.jsonl", words=1000), first,
                                   SimpleNamespace(pairs=3, n_process=2, job_batch_size=None), "model")
    assert [p["clock_step_s"] for p in out["pairs"]] == [0.0, 14.6, -0.02]  # the larger of raw, job
    assert out["pairs_median"]["fixed_s"] == (10.6 + 13.3) / 2   # the -7.3 s pair is left out
    result = {"label": "readouts-1410", "pairs": out["pairs"],
              "job": {"clock_step_s": 14.6}, "raw": {"clock_step_s": 0.0}}
    assert "fixed -7.3 s, CPU n/a (the system clock stepped +14.6 s against the monotonic one: left out " \
           "of the medians)" in bench_report.pairs_note([result])
    assert bench_report.clock_note([result]).startswith(
        "The system clock stepped against the monotonic one during: readouts-1410 job +14.6 s (")
    assert bench_report.clock_note([{"label": "x", "job": {"clock_step_s": 0.2}}]) == ""


def test_a_measured_run_reads_both_clocks(tmp_path):
    import sys

    from communique.bench_process import run_measured

    run = run_measured([sys.executable, "-c", "import time; time.sleep(0.3)"], {}, tmp_path / "log")
    assert run.returncode == 0 and 0.3 <= run.wall_s < 5
    assert abs(run.clock_step_s) < 0.1   # the clocks agree on a machine whose clock holds still


_SPAWNING_SCRIPT = """
import multiprocessing, time

def work():
{body}

if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=work)
    child.start()
    child.join()
"""


def _run_with_spawned_worker(tmp_path, name: str, body: str):
    """``run_measured`` on a script whose one spawned child runs ``body`` (indented lines)."""
    import sys

    from communique.bench_process import run_measured

    script = tmp_path / f"{name}.py"
    script.write_text(_SPAWNING_SCRIPT.format(body=body))
    return run_measured([sys.executable, str(script)], {}, tmp_path / f"{name}.log")


def test_a_measured_run_says_what_each_process_held_at_its_peak(tmp_path):
    run = _run_with_spawned_worker(tmp_path, "allocating",
                                   "    block = bytearray(64 << 20)  # 64 MiB, touched\n"
                                   "    time.sleep(1.0)")
    assert run.returncode == 0
    roles = dict(run.peak_members)
    assert roles["worker"] >= 64 << 20 and "root" in roles  # the spawned child holds the block
    assert sum(rss for _, rss in run.peak_members) == run.peak_rss_bytes
    assert 0 <= run.peak_at_s <= run.wall_s
    percentiles = dict(run.rss_percentiles)
    assert sorted(percentiles) == [50, 90, 99]
    assert 0 < percentiles[50] <= percentiles[90] <= percentiles[99] <= run.peak_rss_bytes


def test_percentiles_are_nearest_rank():
    from communique.bench_process import percentile

    samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]  # 1..10 in any order
    assert [percentile(samples, p) for p in (1, 10, 50, 90, 99, 100)] == [1, 1, 5, 9, 10, 10]
    assert percentile([7], 99) == 7


def test_a_measured_run_counts_the_cpu_time_of_the_workers_it_waited_for(tmp_path):
    import sys

    from communique.bench_process import run_measured

    busy = _run_with_spawned_worker(tmp_path, "busy",
                                    "    end = time.process_time() + 0.6\n"
                                    "    while time.process_time() < end:\n"
                                    "        pass")
    idle = run_measured([sys.executable, "-c", "import time; time.sleep(0.6)"], {}, tmp_path / "idle.log")
    assert busy.returncode == 0 and idle.returncode == 0
    assert busy.cpu_s >= 0.6                    # the worker's spin, not only the parent's start-up
    assert idle.cpu_s < busy.cpu_s - 0.5        # sleeping costs wall time, not CPU time
    failed = run_measured([sys.executable, "-c", "raise SystemExit(3)"], {}, tmp_path / "failed.log")
    assert failed.returncode == 3


def test_the_peak_note_names_each_process_share():
    result = {"label": "readouts-1410",
              "job": {"peak_rss_bytes": 996 << 20, "peak_at_s": 20.25, "wall_s": 36.0,
                      "peak_members": [["root", 369 << 20], ["worker", 317 << 20],
                                       ["worker", 310 << 20], ["watch_orphans.py", 10 << 20]]}}
    assert bench_report.peak_note([result]) == (
        "Peak memory of the job from empty, by process (MiB): readouts-1410 996.0 MiB at "
        "20.2 s of 36.0 s (root 369, worker 317, worker 310, watch_orphans.py 10).")
    assert bench_report.peak_note([{"label": "x", "job": {"peak_rss_bytes": 1}}]) == ""


def test_peak_memory_no_higher_at_the_largest_size_is_met_without_tolerance():
    lower = [_fake_result("readouts-1410", 1410, 140.0, 100.0, 1.0),
             _fake_result("corpus-5000", 5000, 200.0, 150.0, 0.999)]
    higher = [_fake_result("readouts-1410", 1410, 140.0, 100.0, 1.0),
              _fake_result("corpus-5000", 5000, 200.0, 150.0, 1.001)]
    row = lambda results: {r[0]: r for r in bench_report.table_rows(results)[1]}[  # noqa: E731
        "peak memory, largest size against smallest"]
    assert row(lower)[2:] == ["-1.0 MiB (-0.1%)", "no higher: met"]
    assert row(higher)[2:] == ["+1.0 MiB (+0.1%)", "no higher: MISSED"]


def test_the_jobs_memory_percentiles_are_shown_beside_the_peak_without_a_verdict():
    results = [_fake_result("readouts-1410", 1410, 140.0, 100.0, 1.0),
               _fake_result("corpus-5000", 5000, 200.0, 150.0, 1.001)]
    rows = lambda: {r[0]: r for r in bench_report.table_rows(results)[1]}  # noqa: E731
    assert "99th percentile of memory, largest size against smallest" not in rows()  # not measured
    for result, p90, p99 in ((results[0], 980, 990), (results[1], 970, 986)):
        result["job"].update(rss_p90_bytes=p90 << 20, rss_p99_bytes=p99 << 20)
    by_name = rows()
    assert by_name["memory, full job: 99th percentile of samples"][1:3] == ["990.0 MiB", "986.0 MiB"]
    assert by_name["memory, full job: 90th percentile of samples"][1:3] == ["980.0 MiB", "970.0 MiB"]
    assert by_name["99th percentile of memory, largest size against smallest"][1:] == [
        "", "-4.0 MiB (-0.4%)", "(no target)"]
    assert by_name["peak memory, largest size against smallest"][-1] == "no higher: MISSED"


def test_steal_is_read_between_the_samples_at_or_after_each_time():
    from communique.bench_process import MachineCpu, steal_between

    samples = [MachineCpu(10.0, 0.0, 1.0), MachineCpu(10.05, 0.0, 1.0), MachineCpu(10.1, 0.0, 1.3),
               MachineCpu(10.15, 0.0, 1.5)]
    assert steal_between(samples, 10.0, 10.1) == pytest.approx(0.3)
    assert steal_between(samples, 10.06, 10.2) == pytest.approx(0.2)  # from 10.1 to the last
    assert steal_between(samples, 10.1, 10.1) == 0.0
    assert steal_between(samples, 11.0, 12.0) is None                # no sample inside


def test_steal_is_split_by_the_jobs_phases_and_noted():
    from communique.bench_process import MachineCpu
    from communique.bench_steps import StepTimes, steal_by_phase

    samples = [MachineCpu(float(at), 0.0, steal) for at, steal in
               ((100, 0.0), (101, 0.2), (102, 0.2), (103, 1.0), (104, 1.1), (105, 1.1))]
    times = StepTimes("run", "SUCCESS", intervals={
        "documents": (101.0, 102.0), "annotations": (102.0, 103.0), "dbt_warehouse": (103.0, 104.0)},
        first_event=101.0)
    stolen = steal_by_phase(samples, 100.0, times)
    assert stolen == pytest.approx({"start-up and imports": 0.2, "ingest": 0.0, "nlp": 0.8, "dbt": 0.1})
    result = _fake_result("corpus-5000", 5000, 200.0, 150.0, 1.0)
    result["job"].update(steal_s=1.1, fixed_steal_s=0.3, others_cpu_s=2.5, steal_by_phase=stolen)
    by_name = {row[0]: row for row in bench_report.table_rows([result])[1]}
    assert by_name["machine: CPU stolen by the hypervisor during the full job"][1] == "1.1 s"
    assert by_name["  of it during the fixed cost"][1] == "0.3 s"
    assert by_name["machine: CPU of other processes during the full job"][1] == "2.5 s"
    assert bench_report.steal_note([result]) == (
        "CPU stolen by the hypervisor during the job from empty, by phase (s): "
        "corpus-5000 start-up and imports 0.2, nlp 0.8, dbt 0.1.")
    assert bench_report.steal_note([_fake_result("x", 1, 2.0, 1.0, 1.0)]) == ""


_WAIT_FOR_FILE = """
import pathlib, sys, time
pathlib.Path(sys.argv[1]).touch()
while not pathlib.Path(sys.argv[2]).exists():
    time.sleep(0.01)
"""

_SPIN_THEN_TOUCH = """
import pathlib, sys, time
end = time.process_time() + 0.6
while time.process_time() < end:
    pass
pathlib.Path(sys.argv[1]).touch()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/stat")
def test_a_measured_run_counts_the_cpu_of_processes_outside_its_tree(tmp_path):
    import subprocess
    import threading
    import time

    from communique.bench_process import run_measured

    started, done = tmp_path / "started", tmp_path / "done"
    runs = []
    waiting = threading.Thread(target=lambda: runs.append(run_measured(
        [sys.executable, "-c", _WAIT_FOR_FILE, str(started), str(done)], {}, tmp_path / "wait.log")))
    waiting.start()
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    spinner = subprocess.run([sys.executable, "-c", _SPIN_THEN_TOUCH, str(done)], timeout=60)
    waiting.join(timeout=60)
    assert spinner.returncode == 0 and runs[0].returncode == 0
    assert runs[0].others_cpu_s >= 0.5          # the spinner ran outside the measured tree
    assert runs[0].cpu_s < runs[0].others_cpu_s  # the measured process only polled
    assert runs[0].steal_s >= 0.0
    assert len(runs[0].machine) >= 2 and runs[0].machine[0].at <= runs[0].machine[-1].at


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/<pid>/stat")
def test_a_fork_that_has_not_exec_d_counts_only_from_its_second_sample():
    import os
    import subprocess
    import time

    import psutil

    from communique.bench_process import forked_not_exec, tree_members

    me = psutil.Process()
    program = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2)"])
    child = os.fork()
    if child == 0:  # the fork: holds its parent's pages until it exits, never execs
        time.sleep(2)
        os._exit(0)
    try:
        assert forked_not_exec(child) and not forked_not_exec(program.pid)
        assert not forked_not_exec(os.getpid()) and not forked_not_exec(2 ** 22 + 1)  # no such pid
        first, seen = tree_members(me)
        assert child in seen and program.pid in seen
        assert child not in {p.pid for p, _ in first} and program.pid in {p.pid for p, _ in first}
        second, _ = tree_members(me, seen)
        assert child in {p.pid for p, _ in second}
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)
        program.kill()
        program.wait()
