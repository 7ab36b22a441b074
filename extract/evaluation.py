"""Score predicted facts against gold annotations, as the extraction guidelines define it.

Pure functions over plain records (the gold JSONL shape: ``doc``, ``kind`` and
the kind's fields), so the same scorer serves the in-process evaluation, the
published warehouse and unit tests. Per kind, records are paired one-to-one
within a document (maximum matching, preferring the best-scoring pairs);
precision, recall and F1 are pooled over all gold documents; attributes are
scored as accuracy over the pairs. A gold ``none`` document makes every
prediction on it a false alarm.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

KINDS = ("meeting", "pledge", "tourism_figure")
ATTRIBUTES = {
    "meeting": ("date", "location", "mode"),
    "pledge": ("beneficiary",),
    "tourism_figure": ("metric", "place", "period"),
}
VALUE_TOLERANCE = 0.01  # figures pair when within 1% of each other


# ---------------------------------------------------------------- loading

def load_gold(gold_dir: Path | str) -> list[dict]:
    """Every record of every ``*.jsonl`` in ``gold_dir`` (sorted files, file order kept)."""
    records: list[dict] = []
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path.name}:{number}: not valid JSON: {err}") from err
    return records


def gold_documents(gold: Iterable[dict]) -> list[str]:
    """Names of the documents the gold covers, in first-seen order."""
    return list(dict.fromkeys(record["doc"] for record in gold))


# ---------------------------------------------------------------- normalisation

def _fold(text: str) -> str:
    """Lower-case, accents removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _name_tokens(name: str) -> list[str]:
    return [t for t in (t.strip(".,'’\"()") for t in _fold(name).split()) if t]


def surname_keys(name: str) -> set[str]:
    """The last token of a name (and its last hyphen part), folded: "El-Sisi" -> {el-sisi, sisi}."""
    tokens = _name_tokens(name)
    if not tokens:
        return set()
    return {tokens[-1], tokens[-1].split("-")[-1]}


def same_person(gold_name: str, predicted_name: str) -> bool:
    """Same surname (last tokens, case and accents ignored); a one-word name may also be
    the family name written first ("Xi" for "Xi Jinping")."""
    if surname_keys(gold_name) & surname_keys(predicted_name):
        return True
    g, p = _name_tokens(gold_name), _name_tokens(predicted_name)
    return bool(g and p) and (len(g) == 1 or len(p) == 1) and g[0] == p[0]


def is_named_person(name: str) -> bool:
    """A proper name ("Wang Yi") rather than a description ("Russian officials")."""
    words = name.split()
    return bool(words) and words[-1][:1].isupper()


def _codes(values: Iterable[str] | None) -> set[str]:
    return {v.upper() for v in (values or []) if v}


def _participant_names(record: dict) -> list[str]:
    names = []
    for participant in record.get("participants") or []:
        name = participant.get("name") if isinstance(participant, dict) else participant
        if name:
            names.append(str(name))
    return names


def _evidence_text(record: dict) -> str:
    return " ".join(str(record.get("evidence") or "").split())


# ---------------------------------------------------------------- pairing rules

def meeting_match(gold: dict, pred: dict) -> float:
    """> 0 when two gold participants (same surname) or, with fewer named people, all gold
    countries are found in the prediction; larger for closer matches."""
    pred_names = _participant_names(pred)
    named = [n for n in _participant_names(gold) if is_named_person(n)]
    found = sum(1 for n in named if any(same_person(n, p) for p in pred_names))
    gold_codes, pred_codes = _codes(gold.get("countries")), _codes(pred.get("countries"))
    if len(named) >= 2:
        matched = found >= 2
    else:
        matched = bool(gold_codes) and gold_codes <= pred_codes
    if not matched:
        return 0.0
    overlap = len(gold_codes & pred_codes) / max(len(gold_codes | pred_codes), 1)
    return 1.0 + found + overlap + 0.5 * _text_overlap(gold, pred)


def pledge_match(gold: dict, pred: dict) -> float:
    """> 0 when the evidence sentences overlap and the pledger countries agree (if gold names any)."""
    overlap = _text_overlap(gold, pred)
    if overlap <= 0:
        return 0.0
    gold_codes = _codes(gold.get("pledger_countries"))
    if gold_codes and gold_codes != _codes(pred.get("pledger_countries")):
        return 0.0
    return 1.0 + overlap


def figure_match(gold: dict, pred: dict) -> float:
    """> 0 when the values are within 1% of each other."""
    try:
        g, p = float(gold["value"]), float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return 0.0
    scale = max(abs(g), abs(p))
    if abs(g - p) > VALUE_TOLERANCE * scale:
        return 0.0
    closeness = 1.0 - (abs(g - p) / scale if scale else 0.0)
    return 1.0 + closeness + 0.5 * _text_overlap(gold, pred)


MATCHERS: dict[str, Callable[[dict, dict], float]] = {
    "meeting": meeting_match, "pledge": pledge_match, "tourism_figure": figure_match,
}


def _text_overlap(gold: dict, pred: dict) -> float:
    """Share (0..1) of the shorter evidence covered by the other: by char offsets when
    both records carry them, else by text (containment or a long common stretch)."""
    spans = [(r.get("start_char"), r.get("end_char")) for r in (gold, pred)]
    if all(s is not None and e is not None for s, e in spans):
        (gs, ge), (ps, pe) = spans
        shared = min(ge, pe) - max(gs, ps)
        shortest = max(min(ge - gs, pe - ps), 1)
        return max(shared, 0) / shortest
    a, b = _evidence_text(gold), _evidence_text(pred)
    if not a or not b:
        return 0.0
    shorter, longer = sorted((a, b), key=len)
    if shorter in longer:
        return 1.0
    from difflib import SequenceMatcher

    block = SequenceMatcher(None, shorter, longer, autojunk=False).find_longest_match(0, len(shorter), 0, len(longer))
    share = block.size / len(shorter)
    return share if block.size >= min(40, len(shorter)) or share >= 0.5 else 0.0


def pair_records(gold: Sequence[dict], pred: Sequence[dict],
                 match: Callable[[dict, dict], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): a maximum matching that tries the
    best-scoring partners first (augmenting paths; documents hold few records)."""
    options = []
    for gi, g in enumerate(gold):
        scored = [(match(g, p), pi) for pi, p in enumerate(pred)]
        options.append([pi for score, pi in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0])
    owner: dict[int, int] = {}

    def claim(gi: int, seen: set[int]) -> bool:
        for pi in options[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or claim(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    order = sorted(range(len(gold)), key=lambda gi: len(options[gi]))
    for gi in order:
        claim(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


# ---------------------------------------------------------------- attributes

def _location_equal(gold: str | None, pred: str | None) -> bool:
    """Lenient: both empty, or one contains the other, case- and accent-insensitively."""
    g, p = _fold(gold or ""), _fold(pred or "")
    if not g or not p:
        return not g and not p
    return g in p or p in g


def _quarter_or_month_range(text: str) -> tuple[date, date] | None:
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|\d{2}))?(?:-(\d{2}))?", text.strip(), re.IGNORECASE)
    if not m:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    if part.upper().startswith("Q"):
        q = int(part[1])
        return date(year, 3 * q - 2, 1), date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
    month = int(part)
    if day:
        return date(year, month, int(day)), date(year, month, int(day))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def period_range(period: str | None) -> tuple[date | None, date | None]:
    """A gold period string as a day range: "2024", "2022-Q2", "2022-01/2022-07",
    "2024-11-20"; (None, None) for none or a text-only period ("per week")."""
    if not period:
        return None, None
    parts = str(period).split("/")
    ranges = [_quarter_or_month_range(p) for p in parts]
    if any(r is None for r in ranges) or len(parts) > 2:
        return None, None
    return ranges[0][0], ranges[-1][1]


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def record_period(record: dict) -> tuple[date | None, date | None, str | None]:
    """(start, end, text) of a figure record, from ``period_start``/``period_end``
    (predictions) or a ``period`` string (gold shape)."""
    if "period_start" in record or "period_end" in record:
        return _as_date(record.get("period_start")), _as_date(record.get("period_end")), record.get("period_text")
    period = record.get("period")
    start, end = period_range(period)
    return start, end, None if start else period


def _period_equal(gold: dict, pred: dict) -> bool:
    g_start, g_end, g_text = record_period(gold)
    p_start, p_end, p_text = record_period(pred)
    if g_start is not None:
        return (g_start, g_end) == (p_start, p_end)
    if p_start is not None:
        return False
    if not g_text:
        return True
    return bool(p_text) and _location_equal(g_text, p_text)


def _metric_equal(gold: str | None, pred: str | None) -> bool:
    g, p = _fold(gold or "").rstrip("s"), _fold(pred or "").rstrip("s")
    return g == p


def attribute_correct(kind: str, attribute: str, gold: dict, pred: dict) -> bool:
    """Whether a paired prediction gets ``attribute`` right."""
    if attribute == "date":
        return _as_date(gold.get("date")) == _as_date(pred.get("date"))
    if attribute in ("location", "place"):
        return _location_equal(gold.get(attribute), pred.get(attribute))
    if attribute == "mode":
        return (gold.get("mode") or "unknown") == (pred.get("mode") or "unknown")
    if attribute == "beneficiary":
        return _codes(gold.get("beneficiary_countries")) == _codes(pred.get("beneficiary_countries"))
    if attribute == "metric":
        return _metric_equal(gold.get("metric"), pred.get("metric"))
    if attribute == "period":
        return _period_equal(gold, pred)
    raise ValueError(f"unknown attribute {attribute!r} for {kind}")


def _attribute_value(attribute: str, record: dict):
    if attribute == "beneficiary":
        return sorted(_codes(record.get("beneficiary_countries")))
    if attribute == "period":
        start, end, text = record_period(record)
        return f"{start}..{end}" if start else text
    value = record.get(attribute)
    return str(value) if isinstance(value, date) else value


# ---------------------------------------------------------------- report

@dataclass
class Finding:
    """A miss (gold not found), a false alarm (prediction without gold) or a wrong attribute."""

    doc: str
    kind: str
    status: str  # "miss" | "false_alarm" | "attribute"
    evidence: str
    summary: str
    attribute: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class KindScore:
    kind: str
    n_gold: int = 0
    n_pred: int = 0
    true_positives: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, paired]

    @property
    def false_positives(self) -> int:
        return self.n_pred - self.true_positives

    @property
    def false_negatives(self) -> int:
        return self.n_gold - self.true_positives

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float | None:
        correct, paired = self.attributes.get(attribute, [0, 0])
        return correct / paired if paired else None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "n_gold": self.n_gold, "n_pred": self.n_pred,
            "true_positives": self.true_positives, "false_positives": self.false_positives,
            "false_negatives": self.false_negatives, "precision": self.precision,
            "recall": self.recall, "f1": self.f1,
            "attribute_accuracy": {a: self.accuracy(a) for a in ATTRIBUTES[self.kind]},
        }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


@dataclass
class Report:
    documents: list[str]
    scores: dict[str, KindScore]
    findings: list[Finding]

    @property
    def misses(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "miss"]

    @property
    def false_alarms(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "false_alarm"]

    @property
    def attribute_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "attribute"]

    def to_dict(self) -> dict:
        return {
            "n_documents": len(self.documents),
            "kinds": {kind: score.to_dict() for kind, score in self.scores.items()},
            "misses": [f.to_dict() for f in self.misses],
            "false_alarms": [f.to_dict() for f in self.false_alarms],
            "attribute_errors": [f.to_dict() for f in self.attribute_errors],
        }

    def format_table(self) -> str:
        """P/R/F1 per kind, then attribute accuracy over the pairs."""
        lines = [f"{len(self.documents)} gold documents",
                 f"{'kind':<15} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4} "
                 f"{'P':>6} {'R':>6} {'F1':>6}  attribute accuracy (over pairs)"]
        for kind, s in self.scores.items():
            attrs = "  ".join(f"{a}={_fmt(s.accuracy(a))} ({s.attributes.get(a, [0, 0])[0]}/"
                              f"{s.attributes.get(a, [0, 0])[1]})" for a in ATTRIBUTES[kind])
            lines.append(f"{kind:<15} {s.n_gold:>5} {s.n_pred:>5} {s.true_positives:>4} "
                         f"{s.false_positives:>4} {s.false_negatives:>4} {_fmt(s.precision):>6} "
                         f"{_fmt(s.recall):>6} {_fmt(s.f1):>6}  {attrs}")
        return "\n".join(lines)

    def format_details(self) -> str:
        """Misses, false alarms and wrong attributes, each with its evidence."""
        lines = []
        for title, findings in (("MISSES", self.misses), ("FALSE ALARMS", self.false_alarms),
                                ("WRONG ATTRIBUTES", self.attribute_errors)):
            lines.append(f"\n== {title} ({len(findings)})")
            for f in findings:
                lines.append(f"- [{f.kind}] {f.doc}: {f.summary}")
                lines.append(f"    evidence: {' '.join(f.evidence.split())[:300]}")
        return "\n".join(lines)


def _summary(kind: str, record: dict) -> str:
    if kind == "meeting":
        return (f"{_participant_names(record)} {sorted(_codes(record.get('countries')))} "
                f"date={record.get('date')} loc={record.get('location')} mode={record.get('mode')}")
    if kind == "pledge":
        return (f"{record.get('pledger')} {sorted(_codes(record.get('pledger_countries')))} -> "
                f"{sorted(_codes(record.get('beneficiary_countries')))}: {record.get('content')}")
    start, end, text = record_period(record)
    return (f"{record.get('qualifier')} {record.get('value')} {record.get('unit')} {record.get('metric')} "
            f"place={record.get('place')} period={f'{start}..{end}' if start else text}")


def score(gold: Iterable[dict], predictions: Iterable[dict], kinds: Sequence[str] = KINDS,
          documents: Sequence[str] | None = None) -> Report:
    """Score ``predictions`` against ``gold`` over ``documents`` (default: every gold document).

    Predictions on documents outside the scored set are ignored; on a gold ``none``
    document, or one without gold of their kind, they are false alarms.
    """
    gold = list(gold)
    scored_docs = list(documents) if documents is not None else gold_documents(gold)
    doc_set = set(scored_docs)
    by_doc: dict[tuple[str, str], tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
    for record in gold:
        if record["doc"] in doc_set and record.get("kind") in kinds:
            by_doc[(record["doc"], record["kind"])][0].append(record)
    for record in predictions:
        if record.get("doc") in doc_set and record.get("kind") in kinds:
            by_doc[(record["doc"], record["kind"])][1].append(record)

    scores = {kind: KindScore(kind, attributes={a: [0, 0] for a in ATTRIBUTES[kind]}) for kind in kinds}
    findings: list[Finding] = []
    doc_order = {doc: i for i, doc in enumerate(scored_docs)}
    for (doc, kind) in sorted(by_doc, key=lambda key: (doc_order[key[0]], kinds.index(key[1]))):
        gold_records, pred_records = by_doc[(doc, kind)]
        pairs = pair_records(gold_records, pred_records, MATCHERS[kind])
        s = scores[kind]
        s.n_gold += len(gold_records)
        s.n_pred += len(pred_records)
        s.true_positives += len(pairs)
        for gi, pi in pairs:
            g, p = gold_records[gi], pred_records[pi]
            for attribute in ATTRIBUTES[kind]:
                ok = attribute_correct(kind, attribute, g, p)
                s.attributes[attribute][0] += ok
                s.attributes[attribute][1] += 1
                if not ok:
                    findings.append(Finding(
                        doc, kind, "attribute", str(p.get("evidence") or ""),
                        f"{attribute}: gold={_attribute_value(attribute, g)!r} "
                        f"predicted={_attribute_value(attribute, p)!r}", attribute))
        paired_gold = {gi for gi, _ in pairs}
        paired_pred = {pi for _, pi in pairs}
        findings += [Finding(doc, kind, "miss", str(g.get("evidence") or ""), _summary(kind, g))
                     for gi, g in enumerate(gold_records) if gi not in paired_gold]
        findings += [Finding(doc, kind, "false_alarm", str(p.get("evidence") or ""), _summary(kind, p))
                     for pi, p in enumerate(pred_records) if pi not in paired_pred]
    return Report(scored_docs, scores, findings)
