"""Blocking quality gates on a candidate warehouse, before it may be published.

Six gates, each a Great Expectations suite over a frame read from the build
(see ``quality_frames``): valid country codes, positive finite tourism values,
fact dates not after publication, evidence equal to the text at its offsets,
no orphan bridge rows, and fact tables that did not collapse against the last
publish. Pure of Dagster so the CLI, tests and asset checks share it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from communique.quality_frames import (
    GATE_NAMES,
    GateFrame,
    read_build,
    read_published_counts,
    row_count_frame,
)

SAMPLE_SIZE = 5


@dataclass(frozen=True)
class GateResult:
    """The outcome of one gate: enough to act on without opening Data Docs."""
    name: str
    passed: bool
    message: str
    offending_count: int
    sample: tuple[dict, ...] = ()
    data_docs: Path | None = field(default=None, compare=False)


def _plain(value):
    """Make a frame cell printable and JSON-able (numpy scalars, NaN, arrays)."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


def _sample(frame: pd.DataFrame, labels: Sequence) -> tuple[dict, ...]:
    rows = frame.loc[list(labels[:SAMPLE_SIZE])].to_dict("records")
    return tuple({key: _plain(value) for key, value in row.items()} for row in rows)


def _result(gate: GateFrame, success: bool, labels: Sequence, docs: Path) -> GateResult:
    total = len(gate.frame)
    if success:
        message = f"all {total} {gate.what} pass"
    else:
        message = f"{len(labels)} of {total} {gate.what}: {gate.problem}"
    return GateResult(gate.name, success, message, len(labels), _sample(gate.frame, labels), docs)


def run_gates(build_path: Path, published_path: Path | None, docs_dir: Path,
              codebook_dir: Path | None = None) -> list[GateResult]:
    """Validate the build at ``build_path``; Data Docs go to ``docs_dir``/gx/...

    ``published_path`` is the last published warehouse (None or a missing file on
    a first build, which then passes the row-count gate). Both files are only
    opened read-only. ``codebook_dir`` supplies the organisation codes (default:
    the packaged codebook).
    """
    from communique.quality_gx import validate

    build_path = Path(build_path)
    if not build_path.is_file():
        raise FileNotFoundError(f"no candidate warehouse to check at {build_path}")
    frames, unrunnable, build_counts = read_build(build_path, codebook_dir)
    if "row_counts_not_collapsed" not in unrunnable:
        frames.append(row_count_frame(build_counts, read_published_counts(published_path)))
    verdicts, docs = validate(frames, Path(docs_dir), run_name=build_path.stem)
    by_name = {gate.name: _result(gate, verdicts[gate.name].success,
                                  verdicts[gate.name].offending_index, docs)
               for gate in frames}
    for name, why in unrunnable.items():
        by_name[name] = GateResult(name, False, why, 0, (), None)
    return [by_name[name] for name in GATE_NAMES]


def _cell(value, width: int = 80) -> str:
    text = str(value).replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def sample_markdown(sample: Sequence[dict]) -> str:
    """The sample rows as a Markdown table (empty string when there are none)."""
    if not sample:
        return ""
    columns = list(sample[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in sample]
    return "\n".join(lines)


def format_failures(results: Sequence[GateResult]) -> str:
    """A report naming each failed gate with its sample rows ("" when all passed)."""
    blocks = []
    for result in results:
        if result.passed:
            continue
        block = [f"FAILED {result.name}: {result.message}"]
        block += ["  " + ", ".join(f"{k}={_cell(v, 60)}" for k, v in row.items())
                  for row in result.sample]
        if result.offending_count > len(result.sample):
            block.append(f"  ... and {result.offending_count - len(result.sample)} more")
        blocks.append("\n".join(block))
    if not blocks:
        return ""
    docs = next((r.data_docs for r in results if r.data_docs), None)
    if docs:
        blocks.append(f"Data Docs: {docs}")
    return "\n".join(blocks)
