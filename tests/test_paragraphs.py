"""paragraph_boundaries: a blank line starts a sentence, set in one pass (not per token)."""

import spacy
from spacy.attrs import SENT_START

from extract.paragraphs import paragraph_boundaries, paragraph_break_tokens

# Opening of a White House readout, as the cleaner leaves it (title, blank line, body).
READOUT = ("Readout of President Joe Biden's Call with Prime Minister Justin Trudeau of Canada\n\n"
           "President Joseph R. Biden, Jr. spoke today with Prime Minister Justin Trudeau of Canada. "
           "The leaders discussed the COVID-19 pandemic.\n\n\n\nPresident Biden underscored the importance "
           "of the U.S.-Canada relationship.\n\n")


def _token_by_token(doc):
    """The former implementation (Token.is_sent_start one at a time), kept as the oracle."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            if token.i + 2 < len(doc) and not doc[token.i + 2].is_space:
                doc[token.i + 2].is_sent_start = False
    return doc


def test_each_paragraph_starts_a_sentence_and_its_second_word_does_not():
    nlp = spacy.blank("en")
    doc = paragraph_boundaries(nlp.make_doc(READOUT))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Readout", "President", "President"]  # the first token always starts one
    assert doc[[t.text for t in doc].index("Joseph")].is_sent_start is False
    assert [doc[i].text for i in paragraph_break_tokens(doc)] == ["\n\n", "\n\n\n\n"]
    assert not doc[-1].is_sent_start  # a trailing blank line marks nothing past the end


def test_same_boundaries_as_setting_tokens_one_by_one():
    nlp = spacy.blank("en")
    texts = [READOUT, READOUT * 40, "a\n\nb", "\n\n", "x \n\n\n\n y\n\nz", "Title\n\n\n\nBody.\n\n"]
    for text in texts:
        expected = _token_by_token(nlp.make_doc(text)).to_array(SENT_START)
        assert (paragraph_boundaries(nlp.make_doc(text)).to_array(SENT_START) == expected).all(), text


def test_a_heading_line_starts_the_sentence_under_it():
    # briefings-statements 2025-04-18: a section heading over its paragraph, one line break apart;
    # a line that ends a sentence, or a lower-case continuation, is no heading
    nlp = spacy.blank("en")
    doc = paragraph_boundaries(nlp.make_doc(
        "U.S. – Italy Cooperation for Shared Prosperity\nThe United States and Italy agree to work.\nThe end,\n"
        "and more"))
    assert [t.text for t in doc if t.is_sent_start] == ["U.S.", "The"]  # the parser places the others
