"""spaCy pipeline and batch extraction: documents in, one Arrow table per kind out.

``extract_documents`` is a pure function of its batch (the unit a distributed
executor would fan out); tables carry exactly the raw-table columns of
docs/design.md minus ``extractor_version``, which the store adds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import pyarrow as pa
import spacy
from spacy.language import Language

from extract import gazetteer
from extract import paragraphs  # noqa: F401  (registers the paragraph_boundaries component)
from extract.actors import ActorIndex, resolve_actors
from extract.attribute_lookup import use_lookup_attribute_ruler
from extract.chunks import parse_texts
from extract.doc_text import remember_text
from extract.versions import KINDS


# Components the taggers rely on: a benchmark must enable exactly these.
# (lemmatizer is unused; everything else of en_core_web_sm stays on.)
PIPELINE_COMPONENTS = ("tok2vec", "tagger", "paragraph_boundaries", "parser", "attribute_ruler",
                       "entity_ruler", "ner")
DISABLED_COMPONENTS = ("lemmatizer",)


class DocInput(NamedTuple):
    document_id: str
    text: str
    published_at: date | None
    title: str | None


PARTICIPANT = pa.struct([("name", pa.string()), ("actor_type", pa.string()),
                         ("country_code", pa.string()), ("title", pa.string())])

SCHEMAS: dict[str, pa.Schema] = {
    "mentions": pa.schema([
        ("document_id", pa.string()), ("mention_index", pa.int32()), ("actor_key", pa.string()),
        ("name", pa.string()), ("actor_type", pa.string()), ("country_code", pa.string()),
        ("title", pa.string()), ("mention_text", pa.string()),
        ("start_char", pa.int32()), ("end_char", pa.int32()),
    ]),
    "meetings": pa.schema([
        ("document_id", pa.string()), ("candidate_index", pa.int32()),
        ("participants", pa.list_(PARTICIPANT)), ("country_codes", pa.list_(pa.string())),
        ("meeting_date", pa.date32()), ("location", pa.string()), ("mode", pa.string()),
        ("evidence", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("confidence", pa.float64()), ("trigger", pa.string()), ("from_title", pa.bool_()),
    ]),
    "pledges": pa.schema([
        ("document_id", pa.string()), ("candidate_index", pa.int32()),
        ("pledger_name", pa.string()), ("pledger_type", pa.string()),
        ("pledger_country_code", pa.string()), ("pledger_title", pa.string()),
        ("pledger_country_codes", pa.list_(pa.string())),
        ("beneficiary_country_codes", pa.list_(pa.string())), ("content", pa.string()),
        ("pledge_date", pa.date32()), ("evidence", pa.string()),
        ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("confidence", pa.float64()), ("trigger", pa.string()),
    ]),
    "figures": pa.schema([
        ("document_id", pa.string()), ("candidate_index", pa.int32()),
        ("metric", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
        ("qualifier", pa.string()), ("place", pa.string()),
        ("period_start", pa.date32()), ("period_end", pa.date32()), ("period_text", pa.string()),
        ("evidence", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("confidence", pa.float64()),
    ]),
}
_LIST_COLUMNS = {"country_codes", "pledger_country_codes", "beneficiary_country_codes"}


@dataclass
class Extraction:
    """One Arrow table per requested kind (schemas in ``SCHEMAS``)."""

    tables: dict[str, pa.Table] = field(default_factory=dict)

    def __getitem__(self, kind: str) -> pa.Table:
        return self.tables[kind]

    @property
    def mentions(self) -> pa.Table | None:
        return self.tables.get("mentions")

    @property
    def meetings(self) -> pa.Table | None:
        return self.tables.get("meetings")

    @property
    def pledges(self) -> pa.Table | None:
        return self.tables.get("pledges")

    @property
    def figures(self) -> pa.Table | None:
        return self.tables.get("figures")


# ---------------------------------------------------------------- nlp

def _ruler_patterns(codebook: dict) -> list[dict]:
    """Countries, capitals, demonyms and organisations as exact-case phrase patterns,
    so NER slips on them ("Tajik" as PERSON, "Gaza Sigrid Kaag" as ORG) are pre-empted."""
    import pycountry

    actors_cfg = codebook.get("actors") or {}
    gaz = gazetteer.gazetteer()
    patterns: dict[tuple[str, str], None] = {}
    for country in pycountry.countries:
        for name in (getattr(country, "common_name", None), country.name):
            if name and "," not in name and "(" not in name:
                patterns[("GPE", name)] = None
    for alias in actors_cfg.get("country_aliases") or {}:
        if len(alias) > 2 or alias.isupper():
            patterns[("GPE", alias)] = None
    for name in gaz.city_names.values():
        patterns[("GPE", name)] = None
    for word in actors_cfg.get("demonyms") or {}:
        patterns[("NORP", word)] = None
    for aliases in (actors_cfg.get("organizations") or {}).values():
        for alias in aliases:
            patterns[("ORG", alias)] = None
    return [{"label": label, "pattern": text} for label, text in patterns]


def build_nlp(model_name: str, codebook: dict) -> Language:
    """Load the model by name, swap its attribute ruler for the lookup one
    (``extract.attribute_lookup``) and put a gazetteer entity_ruler in front of its NER."""
    gazetteer.configure(codebook.get("actors"))
    nlp = spacy.load(model_name, exclude=list(DISABLED_COMPONENTS))
    keep_prefixed_words_whole(nlp)
    use_lookup_attribute_ruler(nlp)  # same token attributes, a fifth of the time
    nlp.add_pipe("paragraph_boundaries", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    # add_patterns runs its phrases through the components before the ruler; they match on
    # ORTH, so tokenising is all they need (this saves ~0.7 s of each worker's start-up)
    with nlp.select_pipes(enable=["entity_ruler"]):
        ruler.add_patterns(_ruler_patterns(codebook))
    return nlp


# Prefixes whose hyphen does not split a word: "de-escalate", "re-affirmed", "co-hosted" split
# into "de", "-", "escalate" are parsed as a noun and two verbs of their own ("commitment to
# de-escalate the conflict" lost everything after "de"); whole, they are verbs.
WHOLE_WORD_PREFIXES = ("de", "re", "co")


def keep_prefixed_words_whole(nlp: Language) -> None:
    """The tokenizer's letter-hyphen-letter rule, except after a word-initial prefix of
    ``WHOLE_WORD_PREFIXES``."""
    from spacy.util import compile_infix_regex

    keep = "".join(rf"(?<!\b{p})(?<!\b{p.capitalize()})" for p in WHOLE_WORD_PREFIXES)
    infixes = [keep + rule if re.search(rule, "anti-war") else rule for rule in nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def enabled_components(nlp: Language) -> list[str]:
    """Names of the running components (for benchmarks that must match production)."""
    return list(nlp.pipe_names)


# ---------------------------------------------------------------- extraction

def _mention_rows(document_id: str, index: ActorIndex) -> list[dict]:
    return [{
        "document_id": document_id, "mention_index": i, "actor_key": m.actor.key,
        "name": m.actor.name, "actor_type": m.actor.actor_type,
        "country_code": m.actor.country_code, "title": m.actor.title,
        "mention_text": m.text, "start_char": m.start_char, "end_char": m.end_char,
    } for i, m in enumerate(index.mentions)]


def _candidate_rows(document_id: str, records: list[dict], kind: str) -> list[dict]:
    rows = []
    for i, record in enumerate(records):
        row = {"document_id": document_id, "candidate_index": i, **record}
        for column in _LIST_COLUMNS & row.keys():
            row[column] = sorted(set(row[column] or []))
        rows.append(row)
    return rows


def _taggers(kinds: Collection[str]):
    """Import only the taggers asked for (each lives in its own module)."""
    taggers = {}
    if "meetings" in kinds:
        from extract.meetings import find_meetings
        taggers["meetings"] = lambda doc, actors, pub, cb: find_meetings(doc, actors, pub, cb)
    if "pledges" in kinds:
        from extract.pledges import find_pledges
        taggers["pledges"] = lambda doc, actors, pub, cb: find_pledges(doc, actors, pub, cb)
    if "figures" in kinds:
        from extract.figures import find_figures
        taggers["figures"] = lambda doc, actors, pub, cb: find_figures(doc, pub, cb)
    return taggers


def extract_documents(nlp: Language, codebook: dict, docs: Sequence[DocInput], batch_size: int,
                      kinds: Collection[str] = KINDS) -> Extraction:
    """Parse ``docs`` and run the requested taggers; one Arrow table per kind."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    taggers = _taggers(kinds)
    rows: dict[str, list[dict]] = {kind: [] for kind in kinds}
    inputs = [DocInput(*d) for d in docs]
    for batch_start in range(0, len(inputs), max(batch_size, 1)):
        batch = inputs[batch_start:batch_start + max(batch_size, 1)]
        with nlp.memory_zone():
            for item, doc in zip(batch, parse_texts(nlp, (d.text for d in batch), batch_size)):
                remember_text(doc, item.text)
                doc.user_data["title"] = item.title
                doc.user_data["published_at"] = item.published_at
                actors = resolve_actors(doc, codebook)
                if "mentions" in kinds:
                    rows["mentions"].extend(_mention_rows(item.document_id, actors))
                for kind, tagger in taggers.items():
                    records = tagger(doc, actors, item.published_at, codebook)
                    rows[kind].extend(_candidate_rows(item.document_id, records, kind))
    tables = {kind: pa.Table.from_pylist(rows[kind], schema=SCHEMAS[kind]) for kind in kinds}
    return Extraction(tables)

