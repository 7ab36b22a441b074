"""Pledges: a named actor commits to do, provide, support or refrain from something.

Four trigger families are read off the dependency parse, never off raw strings:
commitment verbs with a complement ("pledged to", "agreed that they should",
"is committed to"), commitment nouns ("reaffirmed their commitment to"),
readiness adjectives ("is ready to") and a stated future ("China will
continue to ...", reported "he said Pakistan would ...", a headline's "China
to continue ..."). Hopes, demands on others, predictions, negations (but not
"will not", a commitment to refrain) and conditions are dropped by what
governs the trigger (a conditional threat's main clause commits). The pledger
is the clause's subject resolved to actors: a named mention, the actors
modifying it ("China's leadership"), a subject pronoun's preceding subject,
else its last fitting antecedent, or, for "the two sides" / "they", the
parties the surrounding text is about; a government body ("the State Department") or a
capital ("Beijing") stands for its country, a bloc ("BRICS countries") is
coded as the organisation. A commitment noun received by a third party
("welcomed Israel's willingness to") is not the welcomer's pledge. In a
readout, what one side commits to is said to the other side its title names,
so it is international whatever its content names. Every
emitted code is ISO alpha-3 or a codebook organisation code, and a pledge is
never dated after its document. Word lists live in codebook/pledges.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.actors import Actor, ActorIndex, Mention
from extract.dates import resolve_date
from extract.doc_text import doc_text
from extract.inflections import form_table
from extract.syntax import first_conjunct
from extract.word_index import tokens_within, word_positions

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_COMPLEMENT_DEPS = ("xcomp", "ccomp")
_GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
_GROUP_WORDS = (*_GROUP_SIZES, "all", "each")  # "the two", "the three NSAs", "both", "all", "each"
_ANAPHORIC_DETERMINERS = ("this", "that", "these", "those", "such")
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis")
_NP_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "conj", "appos", "det", "nummod", "cc", "case")
_QUOTES = "\"'“”‘’`"
_LOCATIVE_PREPOSITIONS = ("in", "at", "near", "from", "across", "inside", "within")
_PARTY_WEIGHT = {"person": 2, "country": 1}  # a named person is a stronger sign of a side than a place
_UNPLACED_SPEAKER = 0.8  # a stated future reported from a person of unknown country
_MAX_TITLE_CHARS = 200
_OPENING_SENTENCES = 3  # title and lead: where a story names its parties
_CONTEXT_SENTENCES = 3  # how far back a pronoun or "the two sides" looks for its referents


# ---------------------------------------------------------------- rules

@dataclass(frozen=True)
class _Rules:
    """pledges.yaml compiled into form tables (built once per codebook dict)."""

    verbs: dict[str, float]
    verb_forms: dict[str, str]
    object_verbs: frozenset[str]
    nouns: dict[str, float]
    infinitive_nouns: frozenset[str]
    adjectives: dict[str, float]
    modals: dict[str, float]
    reported_only: frozenset[str]
    speech_forms: dict[str, str]
    governor_forms: dict[str, str]
    prediction_forms: dict[str, str]
    markers: frozenset[str]
    hypothetical_modals: frozenset[str]
    hedges: frozenset[str]
    actor_nouns: frozenset[str]
    agreed_on_nouns: frozenset[str]
    courtesies: frozenset[str]
    meeting_words: frozenset[str]
    joint_subjects: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person: frozenset[str]
    singular_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    international_words: frozenset[str]
    pledger_confidence: dict[str, float]
    for_noun_adjectives: frozenset[str]
    receiving_forms: dict[str, str]
    restating_forms: dict[str, str]
    receiving_nouns: frozenset[str]
    hostile_nouns: frozenset[str]
    internal_forms: dict[str, str]
    government_bodies: dict[str, str]
    agreement_names: frozenset[str]
    language_nouns: frozenset[str]
    media_nouns: frozenset[str]
    trigger_words: frozenset[str]  # every form a detector looks up first


def _rules(cfg: dict) -> _Rules:
    irregular = {str(k).lower(): str(v).lower() for k, v in (cfg.get("irregular_forms") or {}).items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in cfg.get(key) or ())

    def weights(key: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in (cfg.get(key) or {}).items()}

    verbs = weights("commit_verbs")
    verb_forms = form_table(verbs, irregular)
    nouns, adjectives, modals = weights("commit_nouns"), weights("commit_adjectives"), weights("future_modals")
    return _Rules(
        verbs=verbs,
        verb_forms=verb_forms,
        object_verbs=words("object_verbs"),
        nouns=nouns,
        infinitive_nouns=words("infinitive_only_nouns"),
        adjectives=adjectives,
        modals=modals,
        reported_only=words("reported_only_modals"),
        speech_forms=form_table(cfg.get("speech_verbs"), irregular),
        governor_forms=form_table(cfg.get("excluded_governors"), irregular),
        prediction_forms=form_table(cfg.get("prediction_verbs"), irregular),
        markers=words("excluded_markers"),
        hypothetical_modals=words("hypothetical_modals"),
        hedges=words("hedges"),
        actor_nouns=words("actor_nouns"),
        agreed_on_nouns=words("agreed_on_nouns"),
        courtesies=words("courtesies"),
        meeting_words=words("meeting_words"),
        joint_subjects=words("joint_subjects"),
        plural_pronouns=words("plural_pronouns"),
        first_person=words("first_person"),
        singular_pronouns=words("singular_pronouns"),
        neuter_pronouns=words("neuter_pronouns"),
        international_words=words("international_words"),
        pledger_confidence={str(k): float(v) for k, v in (cfg.get("pledger_confidence") or {}).items()},
        for_noun_adjectives=words("for_noun_adjectives"),
        receiving_forms=form_table(cfg.get("receiving_verbs"), irregular),
        restating_forms=form_table(cfg.get("restating_verbs"), irregular),
        receiving_nouns=words("receiving_nouns"),
        hostile_nouns=words("hostile_nouns"),
        internal_forms=form_table(cfg.get("internal_verbs"), irregular),
        government_bodies={" ".join(str(k).lower().split()): str(v).upper()
                           for k, v in (cfg.get("government_bodies") or {}).items()},
        agreement_names=words("agreement_names"),
        language_nouns=words("language_nouns"),
        media_nouns=words("media_nouns"),
        trigger_words=frozenset(verb_forms) | frozenset(nouns) | frozenset(adjectives) | frozenset(modals)
        | {"to", "invitation", "invitations"},
    )


# ---------------------------------------------------------------- triggers

@dataclass
class _Trigger:
    """A commitment word and the clause it commits to."""

    token: Token            # the trigger word
    family: str             # verb | noun | adjective | future
    clause: Token           # the verb whose subject is the pledger
    content: list[Token]    # heads of the committed clause
    confidence: float
    subject: Token | None = None  # set when the pledger is not the clause's subject (nouns' possessor)


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX")


def _is_infinitive_clause(token: Token) -> bool:
    """A "to"-infinitive the parser hung as an adverbial clause ("committed [to stay] in contact")."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _next_infinitive(token: Token) -> Token | None:
    """The verb of a "to"-infinitive right after ``token``: in a headline the parser often hangs
    "Turkey, Pakistan vow [to enhance ...]" on the first country instead of on "vow"."""
    if token.i + 1 >= token.sent.end:
        return None
    nxt = token.nbor(1)
    if nxt.lower_ == "to" and nxt.dep_ == "aux" and _is_verb(nxt.head) and nxt.head.i > nxt.i:
        return nxt.head
    return None


def _has_modal(clause: Token) -> bool:
    """A "that"-clause stating what will or should be done ("that they should", "that X would");
    not what might be ("They agreed this could be the first step toward ...": a view)."""
    verbs = [clause] + [c for c in clause.children if c.dep_ == "conj"]
    return any(a.dep_ == "aux" and a.tag_ == "MD" and a.lower_ not in _POSSIBLE and not _judged(v, a)
               for v in verbs for a in v.children)


def _judged(verb: Token, modal: Token) -> bool:
    """ "must be condemned": a verdict on something, not what anyone will do ("They agreed that
    the launching of rocket attacks ... is unacceptable and must be condemned")."""
    return modal.lower_ == "must" and any(c.dep_ == "auxpass" for c in verb.children)


_POSSIBLE = frozenset({"could", "might", "may"})


def _verb_trigger(token: Token, rules: _Rules) -> _Trigger | None:
    """ "pledged to X", "agreed that they should X", "is committed to X", "promised support"."""
    lemma = rules.verb_forms.get(token.lower_)
    if lemma is None:
        return None
    if token.dep_ in ("aux", "compound", "nsubj") and lemma in rules.object_verbs \
            and (subject := _verb_before_object(token)) is not None:
        # "China pledges support after M7.0 quake rattles Philippines": the verb read as the
        # object's auxiliary; what it pledges is that object
        return _Trigger(token, "verb", token, [token.head], rules.verbs[lemma], subject=subject)
    if token.dep_ in ("amod", "compound") or any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children):
        return None  # (nor "welcomed the opportunity for the G7 to plan a common approach": an occasion)
    subject = None
    if _verb_read_as_reduced_relative(token):
        subject = token.head  # "The three NSAs resolved to advance ...": the parser's "NSAs [who were] resolved"
    elif token.dep_ == "acl" and not any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children) \
            and not _under_heading(token):
        return None  # "the agreed plan"; but "the announcement that Ukraine had agreed to ..." counts
    headline_to = _next_infinitive(token) if token.dep_ in ("ROOT", "appos") and not _is_verb(token) else None
    if not _is_verb(token) and headline_to is None and not (token.dep_ in ("ROOT", "appos") and any(
            _is_infinitive_clause(c) or c.dep_ == "xcomp" for c in token.children)) \
            and not (token.dep_ == "ROOT" and lemma in rules.object_verbs
                     and {"nsubj", "dobj"} <= {c.dep_ for c in token.children}) \
            and not _headline_verb_made_subject(token):
        # a noun, unless a headline's "X, Y vow to ..." or "China, Bangladesh vow closer cooperation" the
        # tagger read as one
        return None
    content = [c for c in token.children if c.dep_ == "xcomp" or _is_infinitive_clause(c)
               or c.dep_ == "ccomp" and _has_modal(c)]  # "agreed that X was changing" is an opinion
    objects = [c for c in token.children if c.dep_ == "dobj"]
    # "committed to peace"; with an object, "to" names who gets it ("pledged $1 billion to Ukraine")
    content += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to" and not objects
                and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
    if not content and lemma == "agree":  # "The two leaders also agreed on a partial ceasefire against energy"
        content = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "on"
                   and any(o.dep_ == "pobj" and o.lower_ in rules.agreed_on_nouns for o in c.children)]
    if not content and lemma in rules.object_verbs and not (lemma == "offer" and (
            any(o.lower_ in rules.courtesies for o in objects) or not any(
                c.dep_ == "dative" or c.dep_ == "prep" and c.lower_ == "to"
                for c in (*token.children, *(t for o in objects for t in o.subtree))))):
        # (not what is only offered in words, "offered condolences", nor for sale, "China offers fighters ... at
        # airshow": an offer is to someone; "pledged support" is a pledge)
        content = objects + [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"]
    if headline_to is not None and headline_to not in content:
        content.append(headline_to)
    content = [c for c in content if c.i > token.i]  # '"...," agreed X' reports a quote
    if content:  # "China vows to defend legitimate rights, interests of small countries": the list's next noun
        content += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > content[-1].i
                    and token.doc[c.left_edge.i - 1].text == ","]
    if not content or _agreed_on_a_view(token):
        return None
    return _Trigger(token, "verb", token, content, rules.verbs[lemma], subject=subject)


def _headline_verb_made_subject(token: Token) -> bool:
    """ "China, Bangladesh pledge to strengthen partnership, deepen cooperation": a headline's verb
    the parser made the subject of the next one, with its infinitive and the names before it."""
    first_word = next((t.i for t in token.doc if not t.is_space), 0)
    return token.dep_ == "nsubj" and token.sent.start <= first_word \
        and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in token.children) \
        and any(c.i < token.i and c.pos_ == "PROPN" for c in token.children)


_VIEW_NOUNS = frozenset({"importance", "need", "necessity", "value", "significance", "urgency"})


def _agreed_on_a_view(verb: Token) -> bool:
    """ "The leaders agreed on the importance of continued international support to sustain ...":
    a shared view, what they think matters, not what they will do."""
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(o.dep_ == "pobj" and o.lower_ in _VIEW_NOUNS
                                                             for o in c.children) for c in verb.children)


_OTHERS_WORDS = frozenset({"related", "relevant", "other", "others", "concerned", "all", "every"})
_EVERYONE_NOUNS = frozenset({"community", "world"})


def _verb_read_as_reduced_relative(token: Token) -> bool:
    """A sentence's verb the parser hung on its subject as a participle ("The three NSAs
    resolved to advance ...": "NSAs" the root), the sentence having no other finite verb."""
    head = token.head
    return token.dep_ == "acl" and token.tag_ in ("VBD", "VBN") and head.dep_ == "ROOT" \
        and head.pos_ in ("NOUN", "PROPN") and head.i < token.i \
        and any(c.dep_ == "xcomp" or _is_infinitive_clause(c) for c in token.children) \
        and not any(t.tag_ in _FINITE_TAGS for t in token.sent if t.i != token.i and t.i < token.i)


def _verb_before_object(token: Token) -> Token | None:
    """The subject of a headline's verb the parser hung on the noun after it, which heads the
    sentence ("China pledges support ..."); None for other tokens. The subject hangs on the
    verb, or both on the noun ("Biden pledges aid to Palestinians"), or the object was read as
    the verb ("China pledges support to Pakistan")."""
    head = token.head
    if head.dep_ != "ROOT" or head.i != token.i + 1 or not (head.pos_ == "NOUN" or head.tag_ == "VBP") \
            or token.tag_ not in ("VBZ", "NNS", "VBP"):
        return None
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.head.i == head.i and before.dep_ in ("compound", "nsubj") \
            and before.ent_type_ in ("GPE", "ORG", "PERSON", "NORP"):
        return before
    return next((c for c in token.children if c.dep_ == "nsubj"), None)


def _noun_complements(noun: Token, infinitive_only: frozenset[str]) -> list[Token]:
    """What a commitment noun commits to: "commitment to X", "resolve to work", "agreement was to focus"."""
    out = [c for c in noun.children if c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)]
    if noun.lower_ not in infinitive_only:  # "agreement to the next" is no commitment
        out += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"]
    out += [c for c in noun.children if c.dep_ in ("ccomp", "acl") and any(m.dep_ == "mark" for m in c.children)
            and any(m.dep_ == "aux" and m.tag_ == "MD" for m in c.children)]  # "agreement that X would"
    if not out and noun.dep_ == "dobj":  # "reaffirmed X's commitment [to ensure ...]" hung on the verb
        after = noun.right_edge.i + 1
        out += [c for c in noun.head.children if c.left_edge.i == after and (
            _is_infinitive_clause(c) or c.dep_ == "prep" and c.lower_ == "to" and noun.lower_ not in infinitive_only)]
    if noun.dep_ == "nsubj" and noun.head.lower_ in ("is", "was", "are", "were", "be", "'s"):
        out += [c for c in noun.head.children if c.dep_ == "xcomp"  # "Another agreement was to focus"
                and not any(a.dep_ == "auxpass" for a in c.children)]
    return out


def _is_restated(noun: Token, rules: _Rules) -> bool:
    """A commitment whose owner reaffirms it with no complement ("reaffirmed the U.S. extended
    deterrence commitment using the full range of U.S. capabilities"): still a pledge."""
    return noun.dep_ == "dobj" and noun.head.lower_ in rules.restating_forms and noun.lower_ in (
        "commitment", "commitments", "pledge", "promise") and any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG")
        or c.dep_ == "poss" for c in noun.children)


def _what_something_rests_on(noun: Token) -> bool:
    """ "a partnership rooted in our commitment to ...", "enjoy a long friendship strengthened by
    economic ties, a shared commitment to democracy": what a relationship rests on, or is, described."""
    first = first_conjunct(noun)
    if first.dep_ == "dobj" and first.head.lower_ in ("enjoy", "enjoys", "enjoyed", "enjoying"):
        return True
    current = noun
    for _ in range(6):
        if current.dep_ not in ("conj", "appos", "pobj", "prep") or current.head.i == current.i:
            return False
        current = current.head
        if current.dep_ == "acl" and current.tag_ == "VBN":
            return True
    return False


def _noun_trigger(token: Token, rules: _Rules) -> _Trigger | None:
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ not in rules.nouns:
        return None
    if any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS for c in token.children):
        return None  # "this commitment": refers back to a pledge already recorded
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and any(c.dep_ == "attr" for c in token.head.children):
        return None  # "a shared commitment to democratic values is the bedrock for ...": what it is
    if _what_something_rests_on(token):
        return None
    content = _noun_complements(token, rules.infinitive_nouns)
    if not content and token.dep_ == "dobj" and token.head.lower_ in rules.restating_forms:
        # "reaffirmed the readiness of the United States along with its allies and partners to respond
        # decisively": the infinitive the parser hung on the verb after a long object
        content = [c for c in token.head.children if c.dep_ == "advcl" and c.i > token.right_edge.i
                   and _is_infinitive_clause(c)][:1]
    if not content and _is_restated(token, rules):
        content = [token]  # "reaffirmed the U.S. extended deterrence commitment": the commitment itself
    if not content:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    # "the British plan to", "a U.S. commitment to" (not "its NATO pledge": NATO is whom it is made to)
    if owner is None and not any(c.dep_ == "poss" for c in token.children):
        owner = next((c for c in token.children if c.dep_ in ("amod", "compound", "nmod")
                      and (c.ent_type_ in ("GPE", "NORP", "ORG"))), None)
    if owner is None:  # "the commitment of the United States to"
        owner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP", "ORG")), None)
    clause = token.head if token.dep_ in ("dobj", "pobj", "attr", "conj") else token
    listed = False  # reached through "including": "discussed a number of issues, including the intent of ..."
    for _ in range(4):  # "reiterated his support for X and his commitment to Y": up to the verb
        if _is_verb(clause) and clause.lower_ != "including" or clause.head.i == clause.i or clause.i == token.i:
            break
        listed = listed or clause.lower_ == "including"
        clause = clause.head
    if listed and clause.lower_ in rules.receiving_forms:
        return None  # "welcomed President Castro's focus on ..., including her intent to": hers, reported
    return _Trigger(token, "noun", clause, content, rules.nouns[token.lower_], subject=owner)


_ACCEPT_FORMS = frozenset({"accept", "accepts", "accepted", "accepting"})


def _accepted_invitation(token: Token, rules: _Rules) -> _Trigger | None:
    """ "Biden accepts Bennett's invitation to visit Israel": the one accepting commits to what
    the invitation is to (the inviter, the invitation's owner, commits to nothing)."""
    if token.lower_ not in ("invitation", "invitations") or token.dep_ != "dobj" \
            or token.head.lower_ not in _ACCEPT_FORMS:
        return None
    content = [c for c in token.children if c.dep_ in ("acl", "advcl", "relcl")
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if not content or subject is None:
        return None
    # (as sure as "promised to": the acceptance is stated)
    return _Trigger(token, "noun", token.head, content, rules.verbs.get("promise", 0.8), subject=subject)


def _adjective_trigger(token: Token, rules: _Rules) -> _Trigger | None:
    """ "X is ready to ...", "X remains committed to ..."."""
    if token.lower_ not in rules.adjectives:
        return None
    # a subject of its own: the copula was dropped ("Ethiopia ready to negotiate", also where the
    # parser hung the clause on a column's label: "Defense minister: China ready to deepen ...")
    headline = any(c.dep_ == "nsubj" and c.i < token.i for c in token.children) \
        and not any(c.dep_ == "aux" for c in token.children)  # not a verb: "has also determined that"
    # "Xi Jinping says China's ready to work with South Africa": the "'s" of "is" read as a possessive
    owner = next((c for c in token.children if c.dep_ == "poss" and c.i == token.i - 2
                  and token.doc[token.i - 1].lower_ in ("'s", "’s")), None)
    # "Pakistan ready to elevate ties": read as a modifier placed after the name it describes
    after_name = token.dep_ == "amod" and token.head.i < token.i and token.head.pos_ == "PROPN"
    if token.dep_ not in ("acomp", "oprd", "xcomp") and not headline and not after_name and owner is None:
        return None  # headlines drop the copula: "Ethiopia ready to negotiate"
    content = [c for c in token.children if c.dep_ in _COMPLEMENT_DEPS]
    content += [c for c in token.children if c.dep_ == "prep" and (
        c.lower_ == "to" or c.lower_ == "for" and token.lower_ in rules.for_noun_adjectives)]
    if not content:
        return None
    if after_name:
        return _Trigger(token, "adjective", token, content, rules.adjectives[token.lower_], subject=token.head)
    if owner is not None:
        return _Trigger(token, "adjective", token, content, rules.adjectives[token.lower_], subject=owner)
    clause = token if headline else token.head
    return _Trigger(token, "adjective", clause, content, rules.adjectives[token.lower_],
                    subject=None if headline else _object_read_off_its_clause(clause))


def _object_read_off_its_clause(clause: Token) -> Token | None:
    """The subject of a reported clause the parser made its governor's object: "President Biden
    reaffirmed [the United States] [is willing to calibrate sanctions policy]"."""
    if clause.dep_ != "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.right_edge.i == clause.i - 1), None)


def _future_trigger(token: Token, rules: _Rules) -> _Trigger | None:
    """ "China will continue to support ...", reported "Pakistan would take measures ..."."""
    if token.dep_ != "aux" or token.lower_ not in rules.modals:
        return None
    if token.text[:1].isupper() and not token.is_sent_start:
        return None  # "New Expanded Public Tour Will Now Include ...": a title-case headline
    verb = token.head
    if not _is_verb(verb) or _predicts(verb, rules):
        return None
    if any(c.dep_ == "auxpass" for v in (verb, *_xcomp_chain(verb)) for c in v.children):
        return None  # "the Uyghurs would be treated", "will continue to be briefed": not committing
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in verb.children):
        return None  # "would have": counterfactual
    if token.lower_ in rules.reported_only and _speech_governor(verb, rules) is None:
        return None
    if any(c.dep_ == "acomp" and c.lower_ not in rules.adjectives for c in verb.children):
        return None  # "relations will be better", "they would be able to": a forecast
    return _Trigger(token, "future", verb, [verb], rules.modals[token.lower_])


def _xcomp_chain(verb: Token) -> list[Token]:
    """The verbs a verb's open complements chain to ("continue to be briefed": "briefed")."""
    chain, current = [], verb
    while (nxt := next((c for c in current.children if c.dep_ == "xcomp"), None)) is not None and len(chain) < 4:
        chain.append(nxt)
        current = nxt
    return chain


_HEADLINE_PLAN_CONFIDENCE = 0.6
# Excluded governors that call on others to act: planning to do so commits to nothing.
_DEMANDS = frozenset({"urge", "call", "ask", "demand", "request", "press", "push", "encourage", "invite"})
# Words that make a group one side's own ("Administration officials", "Government officials").
_ONE_SIDE_WORDS = frozenset({"administration", "government"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _predicts(verb: Token, rules: _Rules) -> bool:
    """A verb whose "will" forecasts ("will pay a heavy price"), not "will pay a visit to India"."""
    return verb.lower_ in rules.prediction_forms and not (
        rules.prediction_forms[verb.lower_] == "pay" and any(c.dep_ == "dobj" and c.lower_ in ("visit", "visits")
                                                              for c in verb.children))


def _headline_plan_trigger(token: Token, rules: _Rules) -> _Trigger | None:
    """A headline's "X to <verb>", which reports what X will do ("Wang Yi: China to continue
    playing constructive role in facilitating Russia-Ukraine talks", "Ukraine, Russia to hold
    talks on Wednesday", "Finland to slash visas for Russian visitors by 90%"): no finite verb
    before it, and X its subject, or the name the parser hung the verb on."""
    verb = token.head
    if token.lower_ != "to" or token.dep_ != "aux" or verb.tag_ != "VB" or token.i + 1 != verb.i \
            or _predicts(verb, rules) \
            or rules.governor_forms.get(verb.lower_) in _DEMANDS:  # "Mexico to urge lifting Cuba trade embargo"
        return None  # (nor "Lithuania to face 'costly price'", "Syria to receive")
    sentence = token.sent
    first_word = next((t.i for t in token.doc if not t.is_space), 0)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if first_word < sentence.start:
        return None  # a headline only: the document's first sentence
    finite = [t for t in sentence if t.i < verb.i and t.tag_ in _FINITE_TAGS]
    if finite and subject is not None and verb.dep_ == "ccomp" and finite == [verb.head] \
            and verb.head.lower_ in rules.speech_forms:
        # "Biden says U.S. to send advanced weapons to Ukraine": a plan reported by a speaker (whose
        # side must be the planner's: not "Kremlin says Ukraine to ...", see _speaker_weight)
        return _Trigger(token, "future", verb, [verb], _HEADLINE_PLAN_CONFIDENCE)
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None) if verb.dep_ == "xcomp" else None
    if speaker is not None and finite == [verb.head] and token.i == verb.head.i + 1 \
            and rules.speech_forms.get(verb.head.lower_) in _OWN_PLAN_SAID:
        # "British PM says to provide more economic, military assistance for Ukraine": the speaker's plan
        return _Trigger(token, "future", verb, [verb], _HEADLINE_PLAN_CONFIDENCE, subject=speaker)
    if finite:
        return None  # no finite verb before the plan
    if subject is not None and (verb.dep_ == "ROOT" or _after_label(subject) or subject.left_edge.i == sentence.start):
        # (the plan read as a clause of a later verb: "China to provide humanitarian aid to Ukraine,
        # lays out six initiatives")
        return _Trigger(token, "future", verb, [verb], _HEADLINE_PLAN_CONFIDENCE)
    unlinked = next((c for c in verb.children if c.dep_ == "dep" and c.i == token.i - 1 and c.pos_ in ("NOUN", "PROPN")), None)
    if verb.dep_ == "ROOT" and unlinked is not None and _opens_headline(unlinked):
        # "Armenian PM to visit Russia on April 19": the name hung on the verb as a bare dependent
        return _Trigger(token, "future", verb, [verb], _HEADLINE_PLAN_CONFIDENCE, subject=unlinked)
    name = verb.head
    # "Azerbaijani, Armenian foreign ministers to meet"; "UN chief to visit Türkiye as Ukraine grain
    # export deal looms" (the name read as the subject of the later verb)
    # a name the parser hung across a colon: on the source after it ("German FM to visit Pakistan:
    # Pakistani foreign ministry"), or on the column's label before it ("Global Political Calendar:
    # Indonesian president to visit China, ...")
    attributed = name.dep_ == "dep" and name.head.dep_ == "ROOT" and name.head.i > verb.i \
        and any(t.text == ":" for t in token.doc[verb.i:name.head.i]) \
        or name.dep_ == "appos" and _after_label(name)
    opening = name if name.dep_ in ("ROOT", "nsubj") or attributed else name.head
    last = token.doc[token.i - 1]  # the name ends right before "to": "Ukraine, Russia to hold talks"
    adjacent = last.i == name.i or last.dep_ in ("appos", "conj") \
        and (last.head.i == name.i or last in name.conjuncts) \
        and (last.ent_type_ in _NAMED or last.lower_ in rules.actor_nouns and name.ent_type_ in _NAMED) \
        or last.dep_ == "pobj" and last.head.head.i == name.i \
        and (last.head.lower_ == "in" and last.ent_type_ in ("GPE", "LOC")
             or last.head.lower_ == "for" and name.lower_ in rules.actor_nouns) \
        or _last_of_an_office_list(last, name, rules)
    # ("UN mission in Mali to investigate", "U.S. special representative for DPRK to visit", "EU
    # coordinator for nuclear deal talks to visit Tehran"; not "leader in bold move to")
    if verb.dep_ in ("relcl", "advcl", "acl", "xcomp") and subject is None \
            and (name.dep_ in ("ROOT", "appos", "nsubj") or attributed) \
            and (attributed or opening.dep_ in ("ROOT", "nsubj") and _opens_headline(opening)) and adjacent \
            and name.pos_ in ("PROPN", "NOUN") and name.i < token.i:
        return _Trigger(token, "future", verb, [verb], _HEADLINE_PLAN_CONFIDENCE, subject=name)
    return None


def _last_of_an_office_list(last: Token, name: Token, rules: _Rules) -> bool:
    """ "FMs of Indonesia, Thailand, Philippines, Myanmar, Panama to visit China": the plan's name
    ends with the last country of its office's "of" list."""
    first = first_conjunct(last)
    return last.ent_type_ in _NAMED and first.dep_ == "pobj" and first.head.lower_ == "of" \
        and first.head.head.i == name.i and name.lower_ in rules.actor_nouns


_OWN_PLAN_SAID = ("say", "confirm")  # "British PM says to provide ...", "South Korea confirms to join ..."
_NAMED = ("GPE", "NORP", "ORG", "PERSON")  # entity labels that name an actor


def _opens_headline(name: Token) -> bool:
    """A name among its sentence's first three words, or only its own modifiers before it
    ("Russian, Ukrainian FMs to meet in Turkey on Thursday", "UN Human Rights Commissioner to
    visit China from May 23 to 28")."""
    start = name.sent.start
    return name.i <= start + 2 or name.i <= start + 5 and name.left_edge.i == start


def _after_label(subject: Token) -> bool:
    """A headline's subject right after a short label ("Update: China to offer ...", "Global
    Political Calendar: Indonesian president to visit China")."""
    first = subject.left_edge.i
    start = subject.sent.start
    return start < first <= start + 4 and subject.doc[first - 1].text == ":"


def _is_headline_plan(trigger: _Trigger) -> bool:
    return trigger.family == "future" and trigger.token.lower_ == "to"


def _headline_name(trigger: _Trigger) -> str:
    """Who a headline's plan is by, as written before its "to" (after a label: "Wang Yi: China
    to continue ..." is China's; after a speaker: "Biden says U.S. to send ..." is the U.S.'s)."""
    before = [t for t in trigger.token.sent if t.i < trigger.token.i]
    colon = max((n for n, t in enumerate(before) if t.text == ":" or t.tag_ in _FINITE_TAGS), default=-1)
    words = [t for t in before[colon + 1:] if not t.is_quote]
    return _phrase(words) if words else ""


def _speech_governor(verb: Token, rules: _Rules) -> Token | None:
    """The speech verb a clause is reported under ("he said [that X would ...]")."""
    current = first_conjunct(verb)
    if current.dep_ in ("ccomp", "parataxis") and current.head.lower_ in rules.speech_forms:
        return current.head
    # "President Biden made clear that the United States would respond ..." (the clause hung on
    # "made" or on "clear")
    make = ("made", "makes", "make", "making")
    if current.dep_ == "ccomp" and current.head.lower_ in make \
            and any(c.lower_ == "clear" for c in current.head.children):
        return current.head
    if current.dep_ in ("ccomp", "csubj") and current.head.lower_ == "clear" and current.head.head.lower_ in make:
        return current.head.head
    return None


def _triggers(sentence: Span, rules: _Rules, positions: np.ndarray) -> list[_Trigger]:
    """Triggers of ``sentence``; ``positions`` are the document's tokens in ``rules.trigger_words``
    (every detector starts by looking its word up in one of those tables)."""
    found = []
    for token in tokens_within(sentence, positions):
        for detect in (_verb_trigger, _noun_trigger, _adjective_trigger, _future_trigger, _headline_plan_trigger,
                       _accepted_invitation):
            trigger = detect(token, rules)
            if trigger is not None:
                found.append(trigger)
                break
    return found


# ---------------------------------------------------------------- exclusions

def _rang(verb: Token, rules: _Rules) -> bool:
    """ "President Biden called President Zelenskyy today to underscore ...": "call" as a phone
    call to a person, not a call for or on someone to act."""
    return rules.governor_forms.get(verb.lower_) == "call" \
        and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children) \
        and not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in verb.children)


_CONTRASTING_MARKERS = frozenset({"while", "whereas"})
_RELATIVE_SUBJECTS = frozenset({"which", "that", "this"})


def _contrasting_future(clause: Token) -> bool:
    """A "while"/"whereas" clause stating another future ("while the U.S. will look into")."""
    return any(c.dep_ == "mark" and c.lower_ in _CONTRASTING_MARKERS for c in clause.children) \
        and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in clause.children)


def _contrasted(mark: Token, trigger: _Trigger) -> bool:
    """ "Italy will contribute ..., while the U.S. will look into ...": a contrast between two
    stated futures, not a circumstance ("while in Paris")."""
    return mark.lower_ in _CONTRASTING_MARKERS and trigger.family == "future"


def _relative(clause: Token) -> bool:
    """A clause whose wh-word relates it to what came before, asking nothing: "in Washington,
    where they confirmed their resolve", "..., which is why we commit to". (A "will" in one
    mostly describes what it qualifies: "issues that leaders will consider at the Summit".)"""
    if clause.dep_ == "relcl":
        return True
    head = clause.head  # "which is [why we commit]": the clause under a relative's copula
    return clause.dep_ == "ccomp" and head.lemma_ == "be" and (
        head.dep_ == "relcl" or any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_SUBJECTS for c in head.children))


def _is_wh_phrase(token: Token) -> bool:
    """A wh-word inside this phrase, not inside a clause of its own ("No matter how X changes")."""
    if token.tag_ in ("WDT", "WP", "WRB", "WP$"):
        return True
    return any(_is_wh_phrase(c) for c in token.children
               if not _is_verb(c) and c.dep_ not in _CLAUSE_DEPS)


def _is_thanked_for(noun: Token, rules: _Rules) -> bool:
    """A commitment someone is thanked or praised for ("thanked the Emir for his personal
    commitment", "thanked Oman for its contributions ..., and its commitment", "expressed deep
    appreciation for the Prime Minister-Designate's own early commitment", "support for
    President Sandu's commitment"): another's, only acknowledged. Not the speaker's own
    "support for X and commitment to Y"."""
    first = first_conjunct(noun)
    if first.lower_ in rules.receiving_forms and any(c.dep_ == "prep" and c.lower_ == "for" for c in first.children):
        return True  # "thanked Denmark for its contributions ..., and its commitment": hung on the verb
    if first.dep_ != "pobj" or first.head.lower_ != "for":
        return False
    prep = first.head
    while prep.dep_ == "conj" and prep.head.lower_ == "for":
        prep = prep.head  # "thanked Romania for graciously hosting ... and for its commitment"
    owner = prep.head
    if owner.lower_ in rules.receiving_forms:
        return True
    return noun.dep_ == "pobj" and owner.lower_ in rules.receiving_nouns \
        and any(c.dep_ == "poss" for c in noun.children)


_WEIGHING = frozenset({"consider", "weigh", "mull", "ponder", "contemplate"})


def _refrains(trigger: _Trigger) -> bool:
    """ "China says it will not tariff 98% of goods imported from Afghanistan": a commitment to
    refrain from something, which the spec counts (not a negated "would", a hypothesis)."""
    return trigger.family == "future" and trigger.token.lower_ in ("will", "shall", "wo", "'ll")


def _is_blocked(trigger: _Trigger, rules: _Rules) -> bool:
    """Negated, questioned, inside a condition, or governed by a hope / demand / belief. (The
    main clause of a condition still commits: "if Europe follows through ..., he will impose".)"""
    if trigger.family == "noun" and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.token.children):
        return True  # "Wang Yi has no plan to meet Blinken"
    if trigger.family == "future" and rules.governor_forms.get(trigger.clause.lower_) in _WEIGHING:
        return True  # "WHO to consider shutting Europe hub office in Russia": weighing it commits to nothing
    for word in {trigger.token, trigger.clause}:
        if any(c.dep_ == "neg" for c in word.children) and not _refrains(trigger):
            return True
        if any(c.dep_ == "mark" and c.lower_ in rules.markers and not _contrasted(c, trigger)
               for c in word.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in rules.hypothetical_modals for c in word.children):
            return True  # "what Ukraine might be willing to", "China should commit to"
        if any(c.dep_ == "advmod" and c.lower_ in rules.hedges for c in word.children):
            return True  # "will likely develop", "probably intend to"
        if not (_relative(word) and trigger.family != "future") \
                and any(_is_wh_phrase(c) for c in word.lefts if c.dep_ != "nsubj"):
            return True  # "to what extent the United States will defend", "what concessions"
    if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in trigger.token.children) \
            and any(c.dep_ == "prep" and c.lower_ == "since" for c in trigger.token.children):
        return True  # "has committed more than $7 billion ... since last October": done, not promised
    if trigger.family == "noun" and trigger.clause.lower_ in rules.governor_forms:
        return True  # "urged their commitment to", "discussed their commitment to"
    if trigger.family == "noun" and trigger.clause.lower_ in rules.receiving_forms and not any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in trigger.token.children):
        return True  # "welcomed Israel's willingness to", "welcomed plans to"; not "noted his commitment"
    if trigger.family == "noun" and _is_thanked_for(trigger.token, rules):
        return True  # "thanked the Emir for his personal commitment to diplomacy": the Emir's, reported
    current = trigger.clause
    for _ in range(6):
        if current.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep") \
                or current.head.i == current.i:
            break
        head = current.head
        if head.i > current.i and any(t.text == ";" for t in current.doc[current.right_edge.i:head.i]):
            break  # a clause of its own before a semicolon ("Ecuador has also committed to ...; encourage ...")
        if current.dep_ != "conj" and head.lower_ in rules.governor_forms and not _rang(head, rules):
            return True
        if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.markers
                                           and not _contrasted(c, trigger) for c in current.children):
            return True
        if any(c.dep_ == "neg" for c in head.children) and current.dep_ in ("xcomp", "ccomp"):
            return True
        current = head
    return trigger.token.sent.text.rstrip().rstrip(_QUOTES).endswith("?")


# ---------------------------------------------------------------- pledgers

@dataclass(frozen=True)
class _Pledger:
    name: str
    actor: Actor | None      # the single actor, None for a joint pledger
    codes: tuple[str, ...]   # sorted pledging sides
    how: str                 # named | modifier | pronoun | joint


def _is_country_code(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code.isalpha() and code.isupper() and gazetteer.org_code(code) is None


def _side_code(actor: Actor) -> str | None:
    """The code a side stands for: a country's or person's country, an organisation's code."""
    return actor.country_code or None


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, inherited through "to"-complements and coordinated verbs.

    A relative pronoun stands for the noun its clause hangs on ("Xi, who pledged
    to ..."), except on a clause reached by climbing: "discussed a ceasefire that
    would release ..., and reaffirmed" is a coordination the parser misplaced."""
    current = verb
    finite = False  # climbing from a finite verb the parser coordinated below its clause
    for _ in range(6):
        misread = _with_object_read_as_subject(current)
        subject = None if misread else next((c for c in current.children if c.dep_ in _SUBJECT_DEPS
                                             and not _heading_label(c)), None) \
            or _subject_on_auxiliary(current)
        if subject is not None and subject.tag_ in ("WDT", "WP") and not subject.text.isupper():  # not "WHO to"
            if subject.lower_ == "which" and current.head.ent_type_ == "PERSON":
                return None  # "... meet with British Prime Minister Boris Johnson, which will provide": the trip
            if current.dep_ == "relcl" and (current.i == verb.i or _own_future(verb) and verb.head.i == current.i):
                # "the U.S. athletes who have trained ... and will be competing": the athletes
                return current.head
        elif subject is not None:
            return subject
        if current.i == verb.i and current.dep_ == "ROOT" and verb.i > verb.sent.start:
            # "Xi pledges support ...": a headline's bare name the parser hung on the verb
            named = verb.doc[verb.i - 1]
            if named.head.i == verb.i and named.dep_ in ("compound", "npadvmod") and (
                    named.pos_ == "PROPN" or named.pos_ == "NOUN" and any(  # "New Chinese ambassador pledges"
                        t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in named.subtree)):
                return named
        if (current.dep_ in ("xcomp", "conj", "acomp", "relcl") or _is_purpose_clause(current) or misread) \
                and current.head.i != current.i:
            # a finite verb coordinated with a gerund is the parser's slip ("underscored the
            # importance of enhancing cooperation and committed to"): on to the gerund's verb
            # (on through the relative clause it was joined to: "discussed ... reaching a ceasefire that
            # would release the hostages ..., and reaffirmed their commitment")
            finite = finite or current.dep_ == "conj" and current.tag_ in ("VBD", "VBZ", "VBP")
            current = current.head
            while current.dep_ in ("dobj", "pobj", "prep", "pcomp") \
                    and (not _is_verb(current) or finite and current.tag_ == "VBG") \
                    and current.head.i != current.i:
                current = current.head
            if finite and current.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                # "They discussed ... attempts to annex ... and expressed their commitment": the past
                # tense joins the finite verb above the infinitive
                current = next((a for a in current.ancestors if a.tag_ in ("VBD", "VBZ", "VBP")), current)
            continue
        return None
    return None


def _heading_label(token: Token) -> bool:
    """A run-in heading the parser took for a subject ("Non-Tariff Barriers: The United States and
    Ecuador will work together to ..."): a colon follows it, the real subject comes after."""
    after = token.right_edge.i + 1
    return after < token.head.i and token.doc[after].text == ":" and any(
        c.dep_ in _SUBJECT_DEPS and c.i > after for c in token.head.children)


def _under_heading(verb: Token) -> bool:
    """A clause the parser hung on the run-in heading before it ("Tariffs: Ecuador has committed
    to reduce ..."): its own subject after the heading's colon."""
    colon = next((t.i for t in verb.doc[verb.head.i + 1:verb.i] if t.text == ":"), None)
    return colon is not None and verb.head.left_edge.i == verb.sent.start \
        and any(c.dep_ in _SUBJECT_DEPS and colon < c.i < verb.i for c in verb.children)


def _own_future(verb: Token) -> bool:
    """A verb coordinated with its own modal ("... and will be competing")."""
    return verb.dep_ == "conj" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _subject_on_auxiliary(verb: Token) -> Token | None:
    """A subject the parser hung on the verb's auxiliary ("Together, the United States and South
    Africa are committed to ...": "States" under "are")."""
    return next((s for c in verb.children if c.dep_ in ("aux", "auxpass")
                 for s in c.children if s.dep_ in _SUBJECT_DEPS), None)


def _is_purpose_clause(verb: Token) -> bool:
    """An infinitive of purpose, whose subject is its governor's ("held a call ... to reaffirm
    their commitment", "spoke today with President Mulino to congratulate him ... and
    emphasize our commitment")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _with_object_read_as_subject(verb: Token) -> bool:
    """ "spoke today with President Mahmoud Abbas to convey the U.S. commitment": the parser
    reads "with Abbas to convey" as Abbas's clause; the purpose is the governor's subject's."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its clauses: modifiers, conjuncts and "of" objects."""
    out = [head]
    for child in head.children:
        if child.dep_ == "appos" and any(t.text == ":" for t in head.doc[head.i:child.i]):
            continue  # a headline's source after a colon ("UN human rights chief to visit China: Chinese FM")
        if child.dep_ in _NP_MODIFIER_DEPS:
            out.extend(_np_tokens(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for g in child.children if g.dep_ == "pobj" for t in _np_tokens(g))
    return out


def _sentence_mentions(sentence: Span, actors: ActorIndex) -> list[Mention]:
    return actors.mentions_between(sentence.start_char, sentence.end_char)


def _phrase(tokens: list[Token]) -> str:
    ordered = sorted(tokens, key=lambda t: t.i)
    doc = ordered[0].doc
    end = ordered[-1].idx + len(ordered[-1])
    text = doc_text(doc)[ordered[0].idx:end]
    if text.count("(") > text.count(")") and doc_text(doc)[end:end + 1] == ")":
        text += ")"  # "the Republic of El Salvador (El Salvador)", its closing parenthesis a token of no phrase
    return " ".join(text.split()).strip(_QUOTES + " ,")


def _from_actors(found: list[Actor], name: str, how: str) -> _Pledger | None:
    distinct = list(dict.fromkeys(found))
    codes = tuple(sorted({c for a in distinct if (c := _side_code(a))}))
    if not codes:
        return None
    if len(distinct) == 1:
        return _Pledger(distinct[0].name, distinct[0], codes, how)
    return _Pledger(name, None, codes, how)


def _previous_mentions(token: Token, actors: ActorIndex, types: set[str]) -> list[Mention]:
    """Mentions of the given actor types before ``token``, nearest first, a few sentences back."""
    first = _context(token.sent)[-1]
    window = actors.mentions_between(first.start_char, token.idx)
    return [m for m in reversed(window) if m.actor.actor_type in types]


def _speech_subject(token: Token, rules: _Rules) -> Token | None:
    """Subject of the speech verb a pronoun's clause is reported under ("The UNHCR said [it was ready]")."""
    clause = token.head
    speech = _speech_governor(clause, rules)
    if speech is None:
        return None
    return next((c for c in speech.children if c.dep_ == "nsubj"), None)


def _speaker(sentence: Span, actors: ActorIndex, rules: _Rules, parties: list[tuple[str, _Named]]) -> _Pledger | None:
    """Who says a quoted sentence: "..., he added", "said Xi", else the last named speaker before it
    (not whoever "cannot say" or "will not say" something inside the quote)."""
    for current in _context(sentence):
        for token in current:
            if token.lower_ in rules.speech_forms and _is_verb(token) \
                    and not any(c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.lower_ not in rules.first_person:
                    pledger = _resolve(subject, actors, rules, parties, allow_first_person=False)
                    if pledger is not None and pledger.how != "joint":
                        return pledger
    return None


def _plural_antecedent(token: Token, actors: ActorIndex, rules: _Rules,
                       parties: list[tuple[str, _Named]]) -> _Pledger | None:
    """What "they" refers to: the nearest earlier plural subject; the parties when that is a
    group of sides ("the two leaders", "X and Y"), nothing when it is someone else ("the
    Chagossians"). A thing in a subordinate clause is passed over for a subject before it in its
    sentence ("welcomed the projects ..., focused on" as the parser reads it), else for the
    parties ("He urged that all possible efforts be brought to bear"), never for a subject of
    an earlier sentence, which the story had moved on from. In a clause of a possessed noun,
    "they" is the possessor ("The Taliban's announcement that they will ...")."""
    owner = _noun_clause_possessor(token)
    if owner is not None:
        return _resolve(owner, actors, rules, parties, allow_first_person=False)
    for sentence in _context(token.sent):
        # (plural, or a coordination of names: not of things, "advance diversity and inclusion")
        subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i
                    and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children) and any(
                        actors.actor_at(x) is not None or x.lower_ in rules.actor_nouns for x in (t, *t.conjuncts)))]
        things = [t for t in subjects if _subordinate_thing(t, actors, rules)]
        for subject in reversed(subjects):
            if subject.lower_ in rules.plural_pronouns or subject in things:
                continue
            resolved = _resolve(subject, actors, rules, parties, allow_first_person=False)
            if resolved is not None and len(resolved.codes) == 1 and any(
                    actors.actor_at(c) is None and c.lower_ in rules.actor_nouns for c in subject.conjuncts):
                # "Mr. Finer and the incoming administration discussed ...": the side its group noun leaves
                # unnamed is the readout's other one
                joint = _joint(token, parties)
                return joint if joint is not None and set(resolved.codes) < set(joint.codes) else None
            if resolved is not None and len(resolved.codes) >= 2:
                name = token.text if token.pos_ == "PRON" else _phrase(_np_tokens(token))
                return _Pledger(name, None, resolved.codes, "joint")
            return None
        if things:
            break
    return _joint(token, parties)


def _noun_clause_possessor(pronoun: Token) -> Token | None:
    """The possessor of the noun whose clause a subject pronoun opens ("the Taliban" in "the
    Taliban's announcement that they will ..."); None when there is none or it is a pronoun."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ not in ("acl", "ccomp") or clause.head.pos_ != "NOUN":
        return None
    owner = next((c for c in clause.head.children if c.dep_ == "poss"), None)
    return owner if owner is not None and owner.pos_ != "PRON" else None


def _subordinate_thing(subject: Token, actors: ActorIndex, rules: _Rules) -> bool:
    """A subject that names no actor, side or group of people, in a clause below the sentence's
    main one: not whom a later "they" stands for."""
    if subject.head == subject.sent.root or subject.head in subject.sent.root.conjuncts:
        return False
    word = subject.lower_
    return subject.pos_ == "NOUN" and not subject.ent_type_ and actors.actor_at(subject) is None \
        and word not in rules.actor_nouns and word not in rules.joint_subjects \
        and not any(c.dep_ == "conj" for c in subject.children)


def _entity_text(token: Token) -> str:
    """The whole named entity a token belongs to ("New Delhi" for "Delhi")."""
    return next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)


def _resolve(subject: Token, actors: ActorIndex, rules: _Rules, parties: list[tuple[str, _Named]],
             allow_first_person: bool = True) -> _Pledger | None:
    """Actors a subject token stands for (see module docstring for the order of attempts)."""
    own = actors.actor_at(subject)
    if own is not None:
        others = (*subject.conjuncts, *_companions(subject), *_listed_in_apposition(subject, actors),
                  *_coordinated_as_modifier(subject))
        group = [own] + [a for c in others for a in ([actors.actor_at(c)] if actors.actor_at(c) is not None
                                                     else _countries_of_office(c, actors, rules))]
        named = _from_actors(group, _phrase(_np_tokens(subject)), "named")
        if named is not None:
            return named  # else an actor without a country ("the National Security Advisors"): read on
    body = _government_body(subject, rules)
    if body is not None:
        return body
    capitals = _capitals(subject)
    if len(capitals) == 1:  # "Beijing"
        return _country_pledger(_entity_text(subject), capitals[0])
    if capitals:  # "Tokyo and Washington"
        return _Pledger(_phrase(_np_tokens(subject)), None, tuple(sorted(set(capitals))), "modifier")
    word = subject.lower_
    if word in rules.actor_nouns or subject.ent_type_ in ("GPE", "ORG", "NORP") or own is not None:
        # (a named person of no known country: "Pakistani new-elected PM Shehbaz")
        modifiers = [t for t in _np_tokens(subject) if t is not subject]
        if subject.ent_type_ == "ORG" and word not in rules.actor_nouns:
            # a company and another ("a deal between Boeing and Qatar Airways Group, which will
            # support ..."): not the country in the other's name
            partners = {t.i for c in subject.children if c.dep_ == "conj" for t in c.subtree}
            modifiers = [t for t in modifiers if t.i not in partners]
        found = [a for t in modifiers if (a := actors.actor_at(t)) is not None]
        bodies = [a for a in found if a.actor_type != "person"]
        if found:  # "China's leadership", "Cameroon and C.A.R. officials", "Biden-Harris Administration"
            return _from_actors(bodies or found[:1], _phrase(_np_tokens(subject)), "modifier")
        owner = _pronoun_owner(subject, rules)
        if owner is not None and word in rules.actor_nouns:  # "his administration would strengthen ...": his
            return _resolve(owner, actors, rules, parties, allow_first_person)
    if word in rules.first_person:
        if not allow_first_person:
            return None
        return _speaker(subject.sent, actors, rules, parties) or _joint_authors(subject, actors)
    if word in rules.singular_pronouns | rules.neuter_pronouns:
        if subject.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in subject.head.children):
            return _joint(subject, parties)  # "it was agreed that ..."
        antecedent = _speech_subject(subject, rules)
        if antecedent is not None and antecedent.lower_ not in rules.singular_pronouns | rules.neuter_pronouns:
            return _resolve(antecedent, actors, rules, parties, allow_first_person=False)
        types = {"person"} if word in rules.singular_pronouns else {"country", "organization"}
        found = _previous_mentions(subject, actors, types)
        # a subject pronoun carries on the subject before it ("President Biden spoke today with
        # President von der Leyen ... He underscored"), not whoever was named last
        leading = [m for m in found if subject.dep_ in ("nsubj", "nsubjpass")
                   and subject.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
        return _from_actors([(leading or found)[0].actor], "", "pronoun") if found else None
    if word in rules.plural_pronouns:
        return _plural_antecedent(subject, actors, rules, parties)
    # a counted group of sides or people ("the three NSAs"), not of things ("the four projects")
    counted = any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in _GROUP_WORDS for c in subject.children) \
        and (word in rules.actor_nouns or subject.pos_ == "PROPN")
    if (word in rules.joint_subjects or counted or word in _GROUP_WORDS) and _is_bare_group(subject):
        return _joint(subject, parties)
    return None


def _pronoun_owner(noun: Token, rules: _Rules) -> Token | None:
    """The "his", "her" or "its" that owns ``noun`` ("his administration", "his commitment")."""
    return next((c for c in noun.children if c.dep_ == "poss"
                 and c.lower_ in rules.singular_pronouns | rules.neuter_pronouns), None)


def _countries_of_office(token: Token, actors: ActorIndex, rules: _Rules) -> list[Actor]:
    """The countries an office noun of no country of its own names in its "of" list ("Secretary
    Blinken and the Foreign Ministers of Australia, Japan, New Zealand, and the Republic of
    Korea"): its holders speak for each of them."""
    if token.lower_ not in rules.actor_nouns and token.lower_ not in rules.joint_subjects:
        return []
    listed = [t for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]
    return [a for t in listed if (a := actors.actor_at(t)) is not None and a.actor_type == "country"]


def _listed_in_apposition(subject: Token, actors: ActorIndex) -> list[Token]:
    """Other people of a list the parser read as an apposition ("Jake Sullivan, National
    Security Advisor Akiba Takeo of Japan, and National Security Advisor Eduardo Año of the
    Philippines held a call"): an appositive naming someone else, and its conjuncts."""
    own = actors.actor_at(subject)
    return [t for c in subject.children if c.dep_ == "appos"
            and (other := actors.actor_at(c)) is not None and other != own
            for t in (c, *c.conjuncts)]


def _companions(subject: Token) -> list[Token]:
    """Actors joined to a subject by "together with" ("the United States together with Egypt
    and Qatar would work to ..."): they commit with it."""
    def together(token: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ == "together" for c in token.children)
    return [t for c in subject.children if c.dep_ == "prep" and c.lower_ == "with"
            and (together(c) or together(subject))
            for o in c.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]


def _coordinated_as_modifier(subject: Token) -> list[Token]:
    """A name the parser hung on the subject as a modifier with the "and" that joins them ("First
    Lady Melania Trump and Queen Camilla will join ...": "Trump" under "Camilla")."""
    return [c for c in subject.children if c.dep_ in ("nmod", "compound") and c.i < subject.i
            and any(g.dep_ == "cc" and g.lower_ == "and" for g in c.children)]


def _capitals(subject: Token) -> list[str]:
    """Country codes of a subject naming places that stand for their governments ("Beijing",
    "Tokyo and Washington"); empty unless every one of them does."""
    if subject.ent_type_ != "GPE":
        return []
    places = [_entity_text(t) for t in (subject, *subject.conjuncts)]
    codes = [gazetteer.place_code(place) for place in places]
    return codes if all(_is_country_code(code) for code in codes) else []


def _government_body(subject: Token, rules: _Rules) -> _Pledger | None:
    """A government body named without its country ("the State Department", "the Kremlin")."""
    words = [t for t in _np_tokens(subject) if t.dep_ in ("compound", "prep", "pobj") or t is subject]
    name = " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))
    code = rules.government_bodies.get(name)
    if code is None or not _is_country_code(code):
        return None
    phrase = _phrase([t for t in _np_tokens(subject) if t.dep_ != "det" or t is subject])
    return _country_pledger(phrase, code)


def _country_pledger(name: str, code: str) -> _Pledger:
    """A country named by something that stands for it ("Beijing", "the State Department")."""
    return _Pledger(name, Actor(gazetteer.country_name(code), "country", code, None), (code,), "modifier")


def _is_bare_group(subject: Token) -> bool:
    """ "the two sides", "both leaders", "the three National Security Advisors": a group with no
    name of its own ("Biden-Harris Administration officials" names someone else)."""
    first = min(subject.left_edge.i, subject.i - 1) if subject.i > subject.sent.start else subject.i
    if any(t.like_num and t.lower_ not in _GROUP_WORDS for t in subject.doc[first:subject.i]):
        return False  # "a record 23 Allies" (however parsed): more members than the meeting's sides
    return all(c.dep_ in ("det", "nummod", "predet", "quantmod", "amod", "advmod") and c.pos_ != "PROPN"
               or c.dep_ == "poss" and c.lower_ in ("their", "our")  # "their teams work urgently"
               or c.dep_ == "compound" and not any(t.ent_type_ in ("GPE", "NORP", "PERSON") for t in c.subtree)
               and c.lower_ not in _ONE_SIDE_WORDS  # "Administration officials": the author's side only
               for c in subject.children if c.i < subject.i)


def _headline_subjects(trigger: Token, actors: ActorIndex, rules: _Rules) -> _Pledger | None:
    """ "China, Cambodia vow to ...", "UN chief, Turkish president promise to ...": a sentence
    that opens with nothing but a list of actors (each maybe with its role) before the trigger
    names them all (the parser splits such headline lists apart)."""
    sentence = trigger.sent
    before = [t for t in sentence if t.i < trigger.i and not t.is_space]
    label = next((i for i, t in enumerate(before[:4]) if t.text == ":"), None)
    if label is not None and not any(actors.actor_at(t) for t in before[:label]):
        before = before[label + 1:]  # a column's label: "Roundup: Israel, Türkiye agree to ..."
    listed: list[Actor] = []
    chunk: list[Token] = []
    unnamed = False
    # one role for the whole list: "Senior U.S., Japan, ROK security officials to meet"
    list_role = bool(before) and before[-1].lower_ in rules.actor_nouns
    for token in [*before, None]:
        if token is not None and token.is_quote and (token.i == 0 or token.doc[token.i - 1].whitespace_):
            continue  # an opening quote: "Russia, Ukraine 'ready to work'" (not "Philippines' Marcos")
        if token is not None and token.text not in (",", "and", "&"):
            chunk.append(token)
            continue
        named = [(t, actors.actor_at(t)) for t in chunk]
        found = [a for _, a in named if a is not None]
        # each item names an actor, maybe with its role ("U.S. defense chiefs"), or is a group of
        # others no one names ("U.S., allies to meet monthly on arming Ukraine")
        role = bool(chunk) and chunk[-1].lower_ in rules.actor_nouns or list_role
        if not found and len(chunk) == 1 and chunk[0].lower_ in rules.joint_subjects and listed:
            unnamed = True
        elif not found or any(a is None and t.lower_ not in rules.actor_nouns
                              and not (role and t.pos_ in ("NOUN", "ADJ")) for t, a in named):
            return None
        listed.extend(dict.fromkeys(found))
        chunk = []
    if len(listed) < 2 and not (listed and unnamed):
        return None
    return _from_actors(listed, _phrase(before), "named")


def _headline_opener(trigger: Token, actors: ActorIndex) -> _Pledger | None:
    """The actor a headline opens with, for a second verb the parser gave no subject ("Tonga
    lauds friendly relations with China, vows to stick to one-China policy"; "BRICS issues
    Beijing Declaration, pledges to safeguard peace and security")."""
    if trigger.tag_ not in ("VBZ", "VBP", "NNS"):  # a headline's present tense, or read as a plural noun
        return None  # not "Iran sees rise in oil output, exports amid promising nuclear talks"
    sentence = trigger.sent
    words = [t for t in sentence if not t.is_space and t.i < trigger.i]
    if not words or words[0].i != next(t.i for t in trigger.doc if not t.is_space) \
            or not any(t.text == "," for t in words):
        return None  # not the document's first sentence, or no earlier clause to take the actor from
    opener = actors.actor_at(words[0])
    if opener is None or opener.actor_type not in ("country", "organization") or not opener.country_code:
        return None
    name = [t for t in words if actors.actor_at(t) == opener and t.i <= words[0].i + 4]
    return _from_actors([opener], _phrase(name), "named")


_SCENE_PREPOSITIONS = frozenset({"on", "at", "in", "during"})  # "... on the Margins of the G20 Summit"
_JOINT_TITLE = re.compile(r"\bJoint\b.*\b(?:Statement|Declaration|Communiqu[eé]|Readout)\b", re.I)
# a treaty's own text: "Agreement Between the United States of America and the Kingdom of Cambodia on Reciprocal Trade"
_AGREEMENT_PARTIES = re.compile(r"Agreement between (.+?) and (.+?)(?: on \b.*)?$", re.I)


def _joint_authors(subject: Token, actors: ActorIndex) -> _Pledger | None:
    """ "We" in a joint statement no one is quoted in ("United States – Italy Joint Leaders’
    Statement": "we commit to using only trusted vendors"): the sides its title names."""
    codes = _joint_title_sides(subject.doc, actors)
    return _Pledger(subject.text, None, tuple(sorted(codes)), "joint") if codes else None


def _joint_title_sides(doc: Doc, actors: ActorIndex) -> frozenset[str]:
    """The sides a joint statement's title names ("Joint Statement of NATO and G7 Leaders on the
    Margins of the G20 Summit": NATO and the G7, not where they met); empty for other documents."""
    title = doc.user_data.get("title") if doc.user_data else None
    if title and (parties := _AGREEMENT_PARTIES.match(" ".join(title.split()))):
        # the treaty's own text, whose title the body may repeat in capitals: its two parties by name
        codes = {gazetteer.country_code(party) for party in parties.groups()}
        return frozenset(codes) if None not in codes and len(codes) == 2 else frozenset()
    if not title or not _JOINT_TITLE.search(title) or not doc_text(doc).startswith(title):
        return frozenset()
    mentions = [m for m in actors.mentions_between(0, len(title)) if m.actor.country_code]
    paired = {i for i, (m, n) in enumerate(zip(mentions, mentions[1:]))
              if n.start == m.end + 1 and doc[m.end].text in _PAIR_DASHES for i in (i, i + 1)}
    # (a hyphenated pair names the sides wherever it stands: "Joint Statement on Framework for
    # United States-Ecuador Agreement on Reciprocal Trade")
    codes = {m.actor.country_code for i, m in enumerate(mentions) if i in paired
             or not any(a.dep_ == "prep" and a.lower_ in _SCENE_PREPOSITIONS for a in doc[m.start].ancestors)}
    return frozenset(codes) if len(codes) >= 2 else frozenset()


_PAIR_DASHES = frozenset({"-", "–", "—", "/"})


def _joint(subject: Token, parties: list[tuple[str, _Named]]) -> _Pledger | None:
    """The sides a group subject stands for: as many as it counts ("the two sides", "the three
    NSAs", "both"), else every side named at least half as strongly as the most named one.
    When two or more sides are named by their people (a readout's leaders), a country only
    named is a topic ("spoke with President Macron to discuss Russia’s war against Ukraine")."""
    phrase = _phrase(_np_tokens(subject))
    counted = [_GROUP_SIZES[w] for w in phrase.lower().split() if w in _GROUP_SIZES]
    by_people = [(c, n) for c, n in parties if n.people]
    if len(by_people) >= max(counted[:1] or [2]):
        parties = by_people
    if counted:
        chosen = [c for c, _ in parties[:counted[0]]]
    else:
        top = max((n.strongest for _, n in parties), default=0)
        chosen = [c for c, n in parties if n.strongest >= top / 2]
    if len(chosen) < 2:
        return None
    return _Pledger(phrase, None, tuple(sorted(chosen)), "joint")


_QUOTE_REACH = 2000  # characters after a sentence searched for the close of a quote it is in


def _in_quote(token: Token) -> bool:
    """Inside quotation marks: opened earlier in the sentence, or a quote from an earlier
    sentence that closes after the token ('... will support every event," he added')."""
    sentence = token.sent
    before = doc_text(token.doc)[sentence.start_char:token.idx]
    after = doc_text(token.doc)[token.idx:sentence.end_char]
    if "“" in before or "”" in before:
        return before.count("“") > before.count("”")
    if '"' in before:
        return before.count('"') % 2 == 1
    first_mark = next((ch for ch in after if ch in '"“”'), "")
    if not first_mark:  # a quote of several sentences that closes in a later one of its paragraph
        rest = doc_text(token.doc)[sentence.end_char:sentence.end_char + _QUOTE_REACH].split("\n\n", 1)[0]
        first_mark = next((ch for ch in rest if ch in "“”"), "")
    return first_mark in ('"', "”")


def _reported_by_media(clause: Token, speech: Token | None, rules: _Rules) -> bool:
    """The clause (under the speech verb ``speech``, if any) is what the press says ("British
    media report that ...", "Reports say ...", "a newspaper said"), whether the parser reads
    "report" as a verb or a noun."""
    if speech is not None:
        subject = _subject_of(speech)  # (or "The Reuters news agency has reported that")
        return subject is not None and (subject.lower_ in rules.media_nouns
                                        or any(c.dep_ == "compound" and c.lower_ == "news" for c in subject.children))
    head = clause.head
    return clause.dep_ in ("acl", "ccomp") and (head.lower_ in rules.media_nouns or any(
        c.dep_ == "compound" and c.lower_ in rules.media_nouns for c in head.children))


def _speaker_weight(trigger: _Trigger, pledger: _Pledger, actors: ActorIndex, rules: _Rules,
                    parties: list[tuple[str, _Named]]) -> float:
    """How far a stated future is the pledger's own word (a confidence factor; 0 drops it).

    "Fu noted that China will ..." is China's pledge when the speaker is on
    China's side or an official; "Egypt will realize ..., Bagci said" is an
    analyst's forecast. A person whose country is unknown counts at a discount."""
    speech = _speech_governor(trigger.clause, rules)
    if _reported_by_media(trigger.clause, speech, rules):
        return 0.0  # "British media report that Britain will cede ...": hearsay, not the actor's word
    if speech is None and not _in_quote(trigger.token):
        return 1.0  # the reporter states what the actor will do ("Rubio will join ...")
    # (a speech verb coordinated with another shares its subject: "voiced ... and made clear that")
    subject = _subject_of(speech) if speech is not None else None
    if speech is not None:
        speaker = _resolve(subject, actors, rules, parties, allow_first_person=False) if subject is not None else None
    else:
        speaker = _speaker(trigger.token.sent, actors, rules, parties)
    if speaker is not None:
        official = speaker.actor is not None and speaker.actor.actor_type == "person" and bool(speaker.actor.title)
        return 1.0 if official or set(speaker.codes) & set(pledger.codes) else 0.0
    if subject is not None and subject.lower_ in rules.singular_pronouns:
        people = _previous_mentions(subject, actors, {"person"})
        person = people[0].actor if people else None
    else:
        person = actors.actor_at(subject) if subject is not None else None
    if person is None and subject is not None and subject.lower_ in rules.actor_nouns:
        return _UNPLACED_SPEAKER  # "Iran will respond ..., says foreign minister": its official, unnamed
    return _UNPLACED_SPEAKER if person is not None and person.actor_type == "person" and not person.country_code else 0.0


# ---------------------------------------------------------------- parties

class _Named(NamedTuple):
    """How a country is named as a party in some sentences."""
    total: int      # its mentions, weighed (a person more than a place)
    strongest: int  # the same, each sentence's strongest mention only ("Yoon Suk Yeol of the
    #                 Republic of Korea (ROK)" names one side once, not three times)
    people: int     # mentions of its people (or of it as an office holder's country)


def _party_counts(sentences: list[Span], actors: ActorIndex) -> dict[str, _Named]:
    """How each country acts as a party (person or country mention, not a setting)."""
    counts: dict[str, _Named] = {}
    for sentence in sentences:
        in_sentence: dict[str, list[tuple[str, bool]]] = {}  # code -> (actor type, office holder's country)
        for m in _sentence_mentions(sentence, actors):
            code = m.actor.country_code
            if m.actor.actor_type == "country" and _is_setting(sentence.doc[m.end - 1]):
                continue
            # a person speaks for a country or, as its official, an organisation ("von der Leyen": EU)
            side = _is_country_code(code) or m.actor.actor_type == "person" and bool(code) and code.isupper()
            if m.actor.actor_type in ("country", "person") and side:
                in_sentence.setdefault(code, []).append((m.actor.actor_type, _of_office_holder(sentence.doc[m.start:m.end].root)))
        for code, named in in_sentence.items():
            weights = [_PARTY_WEIGHT[kind] for kind, _ in named]
            people = sum(kind == "person" or holder for kind, holder in named)
            before = counts.get(code, _Named(0, 0, 0))
            counts[code] = _Named(before.total + sum(weights), before.strongest + max(weights), before.people + people)
    return counts


def _of_office_holder(root: Token) -> bool:
    """A country named as whose office holder someone is ("Prime Minister Han of the Republic of
    Korea", the name untagged; "the Foreign Minister of Japan"): a side's person."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "PROPN" \
        and prep.head.ent_type_ not in ("GPE", "ORG")


def _add_counts(a: _Named | None, b: _Named | None) -> _Named:
    return _Named(*(x + y for x, y in zip(a or _Named(0, 0, 0), b or _Named(0, 0, 0))))


def _meeting_sides(doc: Doc, actors: ActorIndex, title_end: int, actors_cfg: dict) -> frozenset[str]:
    """The sides of the meeting a readout reports, as its title names them with the author's
    ("Readout of President Biden's Call with President Ramaphosa of South Africa": USA and
    ZAF); empty for other documents and for a meeting of one side. What one side commits to
    there ("the readiness of the United States to engage in support of ... the Minsk
    Agreements") is said to the other. A joint statement's sides are those its title names."""
    readout = actors_cfg.get("readout") or {}
    head = _readout_title(doc, title_end, actors_cfg)
    if head is None:
        return _joint_title_sides(doc, actors)
    # its people, countries and organisations; not a demonym ("Faith Leaders on Efforts to Relocate
    # Afghan Allies", "Dominican Day Diaspora Event" are meetings at home)
    # what the meeting with them was on is no side: "... with Indo-Pacific Leaders on DPRK’s Ballistic
    # Missile Launch" (but "Readout from NSC Spokesperson ... on Senior Official Travel to Saudi Arabia")
    partner = head.find(" with ")
    topic = _TITLE_TOPIC.search(head, partner) if partner >= 0 else None
    end = title_end if topic is None else len(doc_text(doc)[:title_end]) - len(head) + topic.start()
    sides = {m.actor.country_code for m in actors.mentions_between(0, end)
             if m.actor.country_code and (_is_country_code(m.actor.country_code) or m.actor.country_code.isupper())
             and (m.actor.actor_type != "country" or gazetteer.demonym_code(m.text) is None)
             and not _owner_of_a_group(doc[m.start:m.end].root)}
    if readout.get("home_country"):
        sides.add(readout["home_country"])
    return frozenset(sides) if len(sides) >= 2 else frozenset()


def _readout_title(doc: Doc, title_end: int, actors_cfg: dict) -> str | None:
    """The title, lower-cased, when it opens like a readout's ("Readout of ..."); else None."""
    prefixes = tuple(str(p).lower() for p in (actors_cfg.get("readout") or {}).get("title_prefixes") or ())
    head = doc_text(doc)[:title_end].lstrip().lower()
    return head if prefixes and head.startswith(prefixes) else None


def _roster(doc: Doc, actors: ActorIndex, title_end: int, actors_cfg: dict) -> list[tuple[str, _Named]]:
    """The sides of a readout whose title names no partner ("Call with Allies and Partners",
    "United States-Nordic Leaders Summit"), as the body sentence that lists the most of them
    by their people names them ("Joining President Biden on the call were Prime Minister Justin
    Trudeau of Canada, ..."; "the Presidents of Finland and the United States and the Prime
    Ministers of Denmark, Iceland, Norway, and Sweden met"): what "they" and "the leaders"
    there stand for, rather than the countries the call was about ("support for Ukraine in the
    face of Russian aggression") or someone it mentions ("the statement by ... NATO Secretary
    General Stoltenberg"). Whose a thing is ("Putin's war") names no side. Empty unless three
    sides or more."""
    if _readout_title(doc, title_end, actors_cfg) is None:
        return []
    listed: set[str] = set()
    for sentence in doc.sents:
        if sentence.start_char >= title_end:
            codes = {m.actor.country_code for m in _sentence_mentions(sentence, actors) if _speaks_for_a_side(m, doc)}
            listed = max(listed, codes, key=len)
    home = (actors_cfg.get("readout") or {}).get("home_country")
    codes = listed | ({home} if home else set())
    return [(code, _ROSTER_NAMED) for code in sorted(codes)] if len(codes) >= _ROSTER_SIDES else []


def _speaks_for_a_side(mention: Mention, doc: Doc) -> bool:
    """A person of a known side, or the country someone is named as the office holder of
    ("Prime Minister Han of the Republic of Korea", "the Prime Ministers of Denmark, Iceland");
    not an owner ("Putin's war")."""
    code = mention.actor.country_code
    return bool(code) and (_is_country_code(code) or code.isupper()) \
        and (mention.actor.actor_type == "person" or _of_office_holder(first_conjunct(doc[mention.start:mention.end].root))) \
        and doc[mention.end - 1].dep_ != "poss" and doc[mention.end - 1].head.dep_ != "poss"


# a call of several leaders; not a roundtable at home with one foreign-sounding guest ("U.S.
# Ambassador to the UN", "state legislative leaders" from Georgia)
_ROSTER_SIDES = 3
_ROSTER_NAMED = _Named(_PARTY_WEIGHT["person"], _PARTY_WEIGHT["person"], 1)  # every side alike

_TITLE_TOPIC = re.compile(r"\b(?:on|following|regarding|about|after|ahead of)\b")


def _owner_of_a_group(root: Token) -> bool:
    """ "NATO’s Indo-Pacific Partners": the sides are the partners, not their owner."""
    return root.dep_ == "poss" and root.head.tag_ in ("NNS", "NNPS")


def _opening(doc: Doc) -> list[Span]:
    return [s for _, s in zip(range(_OPENING_SENTENCES), doc.sents)]


def _context(sentence: Span) -> list[Span]:
    """The sentence and the few before it."""
    doc = sentence.doc
    out = [sentence]
    while len(out) <= _CONTEXT_SENTENCES and out[-1].start > 0:
        out.append(doc[out[-1].start - 1].sent)
    return out


def _ranked(counts: dict[str, _Named]) -> list[str]:
    """Countries named at least twice, most named first."""
    return sorted((c for c in counts if counts[c].total >= 2), key=lambda c: -counts[c].total)


def _parties_near(sentence: Span, actors: ActorIndex, opening: dict[str, _Named]) -> list[tuple[str, _Named]]:
    """Candidate sides for "the two sides" / "they" here, most named first, with how each is named.

    The parties of the document's opening (title and lead), as long as the
    sentences just before still name one of them; otherwise the story has
    moved on (two stories in one file) and the nearby parties count."""
    local = _party_counts(_context(sentence), actors)
    counts = opening
    if len(_ranked(opening)) < 2 or not set(_ranked(opening)) & set(local):
        counts = local if len(_ranked(local)) >= 2 else {c: _add_counts(opening.get(c), local.get(c))
                                                            for c in opening.keys() | local.keys()}
    return [(c, counts[c]) for c in _ranked(counts)]


def _sides_of_the_meeting(parties: list[tuple[str, _Named]], setting: frozenset[str]) -> list[tuple[str, _Named]]:
    """In a readout the group a subject names ("leaders", "they", "the two sides") is among its
    title's sides: a country only named in the body is what they talked about ("leaders
    reiterated their shared commitment to continue supporting Ukraine and standing up to Putin’s
    aggression" in a readout of a call with G7 leaders). A side that is no country (the G7),
    which the body cannot name as one, is weighed like the most named one."""
    if not setting:
        return parties
    kept = [(code, named) for code, named in parties if code in setting]
    strongest = max((named for _, named in kept), default=_Named(1, 1, 1), key=lambda named: named.strongest)
    # every side the title names is one of the meeting's, however often the body names it (a
    # travel readout lists the home delegation's people and names the host country once)
    return [(code, strongest) for code, _ in kept] + [
        (code, strongest) for code in sorted(setting - {code for code, _ in kept}) if not _is_country_code(code)]


# ---------------------------------------------------------------- fields

def _content_tokens(trigger: _Trigger) -> list[Token]:
    """The committed clause without its subject, modal, "to"/"that" and edge punctuation."""
    tokens: list[Token] = []
    for head in trigger.content:
        skip = set()
        for child in head.children:
            if child.i < head.i and child.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "neg", "punct") \
                    and not (child.dep_ == "neg" and (_refrains(trigger) or trigger.family != "future")):
                # "will not tariff": "not tariff"; "vows not to compromise", "committed to not introduce"
                skip.update(t.i for t in child.subtree)
            elif child.dep_ == "advcl" and _contrasting_future(child):
                skip.update(t.i for t in child.subtree)  # "..., while the U.S. will look into ...": its own
        if head.dep_ == "prep":  # "committed to X": keep the object only
            skip.add(head.i)
        tokens.extend(t for t in head.subtree if t.i not in skip)
    tokens.sort(key=lambda t: t.i)
    if trigger.family in ("future", "verb"):  # (not the subject hung on a headline's object: "Biden pledges aid")
        tokens = [t for t in tokens if t.i > trigger.token.i]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("to", "that") or tokens[0].is_space):
        tokens.pop(0)
    tokens = _before_next_clause(_without_attribution(tokens))
    while tokens and ((tokens[-1].is_punct and tokens[-1].text != "%") or tokens[-1].is_space):
        tokens.pop()
    return tokens


def _before_next_clause(tokens: list[Token]) -> list[Token]:
    """The clause without a conjunct that is the next clause's subject ("reiterated the United States'
    ironclad commitment to the defense of Japan and the ROK and the national security advisors
    discussed ...": the parser joined "advisors" to "the ROK")."""
    inside = {t.i for t in tokens}
    for token in reversed(tokens):  # the innermost conjunct: "the ROK and the ... advisors" holds it
        after = token.right_edge.i + 1
        if token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN") and after < len(token.doc) \
                and after not in inside and token.doc[after].tag_ in ("VBD", "VBZ", "VBP") \
                and token.doc[after].dep_ not in ("acl", "relcl", "amod") \
                and any(c.dep_ == "nsubj" for c in token.doc[after].children):  # (not "Palestinians equal measures")
            kept = [t for t in tokens if t.i < token.left_edge.i]
            while kept and (kept[-1].dep_ == "cc" or kept[-1].is_punct):
                kept.pop()
            return kept
    return tokens


def _without_attribution(tokens: list[Token]) -> list[Token]:
    """A headline's closing source is no part of the committed clause ("... act strongly if U.S.
    official insists on visiting Taiwan: FM spokesperson"): a few verbless words after a colon
    that end the sentence."""
    colon = next((n for n in range(len(tokens) - 1, -1, -1) if tokens[n].text == ":"), None)
    if colon is None:
        return tokens
    tail = [t for t in tokens[colon + 1:] if not t.is_punct]
    ends = all(t.is_punct or t.is_space for t in tokens[-1].doc[tokens[-1].i + 1:tokens[-1].sent.end])
    if tail and len(tail) <= 4 and ends and not any(t.pos_ in ("VERB", "AUX") for t in tail):
        return tokens[:colon]
    return tokens


def _is_name_part(token: Token, rules: _Rules) -> bool:
    """A country inside a treaty's name ("United States-Mexico-Canada Agreement") or a demonym
    of a language ("English language programs"): neither names a beneficiary."""
    current = token
    for _ in range(6):
        if current.dep_ not in ("compound", "amod", "nmod", "npadvmod", "punct", "conj", "cc") \
                or current.head.i == current.i:
            break
        current = current.head
        if current.lower_ in rules.agreement_names and current.tag_ in ("NNP", "NNPS"):
            return True
        if current.lower_ in rules.language_nouns:
            return True
    return False


def _beneficiaries(trigger: _Trigger, content: list[Token], actors: ActorIndex,
                   pledger_codes: tuple[str, ...], rules: _Rules) -> list[str]:
    """Countries the commitment is to or about: named in the committed clause or as the
    trigger's object ("assured Thailand", "promised Tajikistan"), never the pledger's own."""
    # not the backdrop: "to inject positive energy to world amid Ukraine crisis"
    backdrop = {t.i for h in content if h.dep_ == "prep" and h.lower_ in ("amid", "despite") for t in h.subtree}
    scope = {t.i for t in content} - backdrop
    for child in trigger.token.children:
        if child.dep_ in ("dative", "dobj") or (child.dep_ == "prep" and child.lower_ in ("to", "with")):
            scope.update(t.i for t in child.subtree)
    # whose act a threat's condition names ("vows resolute countermeasures if U.S. challenges red
    # line"; not whom that act befalls: "if Russia undertakes a further invasion of Ukraine")
    for head in (trigger.token, *trigger.content):
        for clause in head.children:
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children):
                scope.update(t.i for c in clause.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree)
    codes: list[str] = []
    sentence = trigger.token.sent
    hostile: list[str] = []
    for mention in _sentence_mentions(sentence, actors):
        code = mention.actor.country_code
        if _is_name_part(sentence.doc[mention.end - 1], rules):
            continue
        if _is_hostile_actor(sentence.doc[mention.end - 1], rules) or _in_hostile_reason(sentence.doc[mention.start], rules):
            if mention.start in scope and _is_country_code(code):
                hostile.append(code)  # "supporting Ukraine as it faces Russia's continued aggression"
            continue
        if mention.start in scope and mention.actor.actor_type in ("country", "person") and _is_country_code(code) \
                and not _is_venue(sentence.doc[mention.end - 1], rules):
            codes.append(code)
    for i in sorted(scope):  # "strengthening the U.S.-Palestinian partnership": one token the NER cannot split
        codes.extend(_hyphen_pair_codes(sentence.doc[i]))
    for ent in sentence.ents:
        if ent.start in scope and ent.label_ == "GPE" and actors.actor_at(ent[0]) is None \
                and not _is_locative(ent.root) and not _is_venue(ent.root, rules) and not _is_name_part(ent.root, rules) \
                and not gazetteer.inside_another_country(ent):
            code = gazetteer.place_code(ent.text)
            if _is_country_code(code):
                codes.append(code)
    codes.extend(_pronoun_partners(sentence, scope, actors, pledger_codes))
    # (nor its own territory: "to provide Puerto Rico the resources ... it needs" is domestic)
    own = gazetteer.sovereigns(pledger_codes)
    found = {c for c in codes if gazetteer.sovereign(c) not in own}
    if not found:  # the aggressor is what the commitment is about when no one else is named
        found = set(hostile) - set(pledger_codes)
    return sorted(found)


def _pronoun_partners(sentence: Span, scope: set[int], actors: ActorIndex,
                      pledger_codes: tuple[str, ...]) -> list[str]:
    """The country of whom "him"/"her" in the committed clause stands for: the last person of
    another side named before it ("President Zelenskyy asked for ..., President Trump agreed to
    work with him")."""
    codes = []
    for token in sentence:
        if token.i in scope and token.lower_ in ("him", "her") and token.dep_ in ("pobj", "dobj", "dative"):
            named = [m for m in actors.mentions_between(_context(sentence)[-1].start_char, token.idx)
                     if m.actor.actor_type == "person" and m.actor.country_code
                     and m.actor.country_code not in pledger_codes]
            if named:
                codes.append(named[-1].actor.country_code)
    return codes


def _hyphen_pair_codes(token: Token) -> list[str]:
    """The countries of a single hyphenated token naming two or more ("U.S.-Palestinian"), else none."""
    if "-" not in token.text.strip("-") or not token.text[:1].isupper():
        return []
    codes = [gazetteer.country_code(part) or gazetteer.demonym_code(part) for part in token.text.split("-")]
    return codes if len(codes) >= 2 and all(_is_country_code(code) for code in codes) else []


def _is_hostile_actor(token: Token, rules: _Rules) -> bool:
    """The one doing the harm a hostile act's noun names ("Russia's continued aggression",
    "coercion by China"): a party the commitment is against, not for."""
    if token.dep_ in ("poss", "amod"):  # "Russia's aggression", "further Russian aggression" (not "the Russia-Ukraine war")
        return token.head.lower_ in rules.hostile_nouns
    if token.dep_ != "pobj" or token.head.lower_ != "by":
        return False
    # (also hung on the phrase around the act: "in the face of economic coercion by China")
    return any(t.lower_ in rules.hostile_nouns for t in token.head.head.subtree if t.i < token.head.i)


def _in_hostile_reason(token: Token, rules: _Rules) -> bool:
    """Inside the reason a commitment gives, a hostile act ("raising the costs on Russia for its
    unprovoked invasion of Ukraine"): the act's victim is not whom the commitment is about."""
    return any(a.dep_ == "prep" and a.lower_ in ("for", "over") and any(
        o.dep_ == "pobj" and o.lower_ in rules.hostile_nouns for o in a.children) for a in token.ancestors)


def _is_setting(token: Token) -> bool:
    """A place named as where something happens ("in Laos"), not as a party."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPOSITIONS


def _is_venue(token: Token, rules: _Rules) -> bool:
    """Where a meeting is to be held ("Technical teams will meet in Saudi Arabia"; "to send
    delegation to Minsk for talks with Ukraine"): the host, not whom the commitment is to or about."""
    if _is_setting(token):
        return token.head.head.lower_ in rules.meeting_words
    return token.dep_ == "pobj" and token.head.lower_ == "to" and any(
        p.dep_ == "prep" and p.lower_ == "for" and any(
            o.dep_ == "pobj" and o.lower_ in rules.meeting_words and _has_partner_prep(o) for o in p.children)
        for p in token.head.head.children)


def _has_partner_prep(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)


def _is_locative(token: Token) -> bool:
    """A place name as a setting or a modifier ("the Jeddah talks"), not as a party."""
    return token.dep_ in ("compound", "amod") or _is_setting(token)


def _pledge_date(trigger: _Trigger, content: list[Token], published_at: date | None,
                 rules: _Rules) -> date | None:
    """The day the pledge was made: a date attached to the pledging (or reporting) verb, else publication."""
    in_content = {t.i for t in content}
    anchors = [trigger.clause] if trigger.family != "future" else []
    speech = _speech_governor(trigger.clause, rules)
    if speech is not None:
        anchors.append(speech)
    # "Last week, X met ... and signed an agreement to ...": coordinated verbs share the date
    anchors += [a.head for a in anchors if a.dep_ == "conj"]
    for anchor in anchors:
        for child in anchor.children:
            if child.i in in_content or child.dep_ not in ("prep", "npadvmod", "tmod", "advmod"):
                continue
            words = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME") or t.dep_ == "npadvmod"]
            if not words:
                continue
            start, end = resolve_date(" ".join(t.text for t in child.subtree), published_at)
            if start is not None and start == end and (published_at is None or start <= published_at):
                return start  # a later date is when the content happens, not when it was pledged
    return published_at


def _is_international(pledger: _Pledger, beneficiaries: list[str], content: list[Token],
                      actors: ActorIndex, rules: _Rules, setting: frozenset[str] = frozenset()) -> bool:
    """A commitment to or about another country / organisation, or a joint one, or one side's
    commitment in the readout of its meeting with another (``setting``): not domestic."""
    if len(pledger.codes) >= 2 or beneficiaries:
        return True
    if set(pledger.codes) <= setting and gazetteer.sovereigns(setting) - gazetteer.sovereigns(pledger.codes):
        return True  # (not a readout of a call with the Governor of Puerto Rico)
    if not all(_is_country_code(code) for code in pledger.codes):
        # an organisation, or one of its officers ("The EU's new Commission President Ursula Von der Leyen
        # has vowed to ..."), commits for its members
        return True
    if any(a.actor_type == "organization" for t in content if (a := actors.actor_at(t)) is not None):
        return True
    text = _phrase(content).lower()
    return any(re.search(rf"\b{re.escape(phrase)}\b", text) for phrase in rules.international_words)


def _is_internal(trigger: _Trigger, content: list[Token], rules: _Rules) -> bool:
    """One side's own deliberation ("U.S. officials would convene this weekend"): an internal
    verb heads the committed clause and no partner is named with "with"."""
    heads = [h for h in trigger.content if h.dep_ != "prep"] or [trigger.clause]
    verb = heads[0] if trigger.family != "future" else trigger.clause
    if verb.lower_ not in rules.internal_forms:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _evidence(sentence: Span, title_end: int) -> tuple[str, int, int]:
    """The sentence, stripped, and without a title the parser ran into it."""
    text = doc_text(sentence.doc)
    start = max(sentence.start_char, title_end) if sentence.start_char < title_end < sentence.end_char \
        else sentence.start_char
    end = sentence.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], start, end


def _trigger_text(trigger: _Trigger) -> str:
    token = trigger.token
    head = trigger.content[0]
    if trigger.family in ("verb", "adjective") and (head.lower_ == "to" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in head.children)):
        return f"{token.text} to"
    if trigger.family == "verb" and head.dep_ == "ccomp":
        return f"{token.text} that"
    if trigger.family == "future":
        return f"{token.text} {trigger.clause.text}"
    return token.text


# ---------------------------------------------------------------- entry point

_RULES_CACHE: dict[int, tuple[dict, _Rules]] = {}


def _cached_rules(cfg: dict) -> _Rules:
    cached = _RULES_CACHE.get(id(cfg))
    if cached is None or cached[0] is not cfg:
        cached = (cfg, _rules(cfg))
        _RULES_CACHE[id(cfg)] = cached
    return cached[1]


def _valid_codes(actors_cfg: dict) -> frozenset[str]:
    """Codes the quality gate accepts: ISO 3166-1 alpha-3 and the codebook's organisation codes."""
    orgs = frozenset(str(c) for c in actors_cfg.get("organizations") or {} if str(c).isupper())
    cached = _VALID_CODES_CACHE.get(orgs)
    if cached is None:
        cached = _VALID_CODES_CACHE[orgs] = gazetteer.iso_codes() | orgs
    return cached


_VALID_CODES_CACHE: dict[frozenset[str], frozenset[str]] = {}


def _title_end(doc: Doc) -> int:
    """End offset of a headline that opens a longer text (0 when none).

    A title sums up a pledge its body states in full ("Pakistan, China vow to
    ..." over "Pakistan and China on Friday reaffirmed the resolve to ..."), so
    only the body's sentence is the evidence. The title is the metadata title,
    else a first line without closing punctuation."""
    text = doc_text(doc)
    offset = len(text) - len(text.lstrip())
    title = (doc.user_data or {}).get("title")
    if title and text[offset:].startswith(title.strip()[:40]):
        end = offset + len(title.strip())
    else:
        newline = text.find("\n", offset)
        first = text[offset:newline].rstrip() if newline > 0 else ""
        if not first or first[-1] in ".!?:\"”" or len(first) > _MAX_TITLE_CHARS:
            return 0
        end = offset + len(first)
    return end if text[end:].strip() else 0


def find_pledges(doc: Doc, actors: ActorIndex, published_at: date | None, codebook: dict) -> list[dict]:
    """One record per evidence sentence and pledger (columns of raw.pledge_candidates)."""
    rules = _cached_rules(codebook.get("pledges") or {})
    valid_codes = _valid_codes(codebook.get("actors") or {})
    opening = _party_counts(_opening(doc), actors)
    title_end = _title_end(doc)
    setting = _meeting_sides(doc, actors, title_end, codebook.get("actors") or {})
    roster = None  # (worked out for the first sentence with a trigger, when the setting names no sides)
    best: dict[tuple[str, tuple[str, ...]], dict] = {}
    positions = word_positions(doc, rules.trigger_words)
    for sentence in doc.sents:
        triggers = [t for t in _triggers(sentence, rules, positions)
                    if t.token.idx >= title_end and not _is_blocked(t, rules)]
        if not triggers:
            continue
        if roster is None:
            roster = [] if setting else _roster(doc, actors, title_end, codebook.get("actors") or {})
        parties = roster or _sides_of_the_meeting(_parties_near(sentence, actors, opening), setting)
        found = [(t, r) for t in triggers
                 if (r := _record(t, actors, parties, published_at, rules, title_end, valid_codes, setting))]
        for trigger, record in found:
            if any(_is_nested(trigger, other) for other, _ in found if other is not trigger):
                continue
            # one record per sentence and pledger; a sentence repeated verbatim (title echoed
            # in the body) is the same pledge
            key = (" ".join(record["evidence"].split()), tuple(record["pledger_country_codes"]))
            if key not in best or record["confidence"] > best[key]["confidence"]:
                best[key] = record
    return sorted(best.values(), key=lambda r: (r["start_char"], r["pledger_country_codes"]))


def _is_nested(trigger: _Trigger, outer: _Trigger) -> bool:
    """A commitment named inside another's committed clause: part of that pledge ("committed
    to revitalize our partnership in support of President Zelenskyy's plan to tackle
    corruption"; "The two leaders agreed that Secretary of State Blinken will visit China")."""
    if outer.family == "future" and trigger.family != "noun":
        return False
    return any(head.left_edge.i <= trigger.token.i <= head.right_edge.i and head.i != trigger.token.i
               for head in outer.content)


def _pledger_of(trigger: _Trigger, actors: ActorIndex, parties: list[tuple[str, _Named]],
                rules: _Rules) -> _Pledger | None:
    # "Turkey, Pakistan vow to ...": the parser rarely finds one subject in such a headline list
    listed = _headline_subjects(trigger.token, actors, rules)
    if listed is not None:
        return listed
    subject = trigger.subject if trigger.subject is not None else _subject_of(trigger.clause)
    if trigger.family == "noun" and subject is not None and subject.lower_ in rules.neuter_pronouns:
        # "It reflects ... our joint determination to resolve ...": ours, not the thing's
        subject = next((c for c in trigger.token.children if c.dep_ == "poss" and c.pos_ == "PRON"
                        and c.lower_ not in rules.neuter_pronouns), subject)
    if subject is not None and subject.dep_ == "nsubj" and subject.head.i != trigger.token.i:
        # "China, India hold talks, agree to ...": the list opens the clause the trigger joins
        listed = _headline_subjects(subject.head, actors, rules)
        if listed is not None:
            return listed
    if subject is None:
        if trigger.family == "noun" and trigger.token.dep_ == "nsubj":
            # "The President made clear his commitment to ensure ...", the parser's subject of "clear":
            # his (not "his commitment to justice ... cost him his life"); "Another agreement was to
            # ...": the sides'
            owner = _pronoun_owner(trigger.token, rules) if trigger.token.head.pos_ != "VERB" else None
            # "Vice President Harris emphasized that our commitment to Article 5 ... is ironclad": the speaker's
            owner = owner or next((c for c in trigger.token.children
                                   if c.dep_ == "poss" and c.lower_ in rules.first_person), None)
            return _resolve(owner, actors, rules, parties) if owner is not None else _joint(trigger.token, parties)
        return _headline_opener(trigger.token, actors)
    if subject.lower_ == "you":
        return None
    if _is_headline_plan(trigger) and actors.actor_at(subject) is None and subject.lower_ not in rules.actor_nouns:
        return None  # "Italy's Far East Film Festival to kick off with ...": no actor plans it
    pledger = _resolve(subject, actors, rules, parties)
    if trigger.family == "noun" and pledger is not None and pledger.actor is not None:
        pledger = _with_co_owner(pledger, trigger.token, subject, actors)
        shared = _theirs(trigger, pledger, parties, rules)
        if shared is not None:
            return shared
    if pledger is None and subject.pos_ == "VERB":  # "Tonga lauds ..., vows to": a verb read as the subject
        pledger = _headline_opener(trigger.token, actors)
    if trigger.family != "noun" or trigger.subject is None:
        return pledger
    clause_subject = _subject_of(trigger.clause)
    if clause_subject is None or clause_subject.lower_ == "you":
        return pledger
    speaker = _resolve(clause_subject, actors, rules, parties)
    if pledger is None:
        return speaker  # an owner that names no actor ("the U.S extended deterrence commitment"): the speaker's
    if speaker is not None and speaker.how == "named" and pledger.how == "named" \
            and not set(speaker.codes) & set(pledger.codes):
        return None  # "The Vice President ... highlighted Liberia's commitment to democracy": reported, not made
    return pledger


def _theirs(trigger: _Trigger, pledger: _Pledger, parties: list[tuple[str, _Named]],
            rules: _Rules) -> _Pledger | None:
    """ "President Biden met today with Prime Minister Modi ... and President Widodo ... to reaffirm
    their shared commitment to the G20": one subject's clause, but "their" commitment is all the
    sides'; the other sides' when the subject receives it ("He also welcomed their commitment to
    ..."). None when the sentence names no other side."""
    owner = next((c for c in trigger.token.children if c.dep_ == "poss" and c.lower_ == "their"), None)
    if owner is None or len(pledger.codes) != 1:
        return None
    joint = _joint(owner, parties)
    if joint is None or not set(pledger.codes) <= set(joint.codes):
        return None
    if trigger.clause.lower_ in rules.receiving_forms:
        return _Pledger(joint.name, None, tuple(c for c in joint.codes if c not in pledger.codes), "joint")
    return joint


def _with_co_owner(pledger: _Pledger, noun: Token, owner: Token, actors: ActorIndex) -> _Pledger:
    """Both owners of "the United States’ and Saudi Arabia’s commitment": the parser reads the
    first as the head of a coordination with the noun, its apostrophe left behind."""
    head = noun.head
    first = actors.actor_at(head)
    if noun.dep_ != "conj" or first is None or head.i + 1 >= len(head.doc) \
            or head.doc[head.i + 1].text not in ("’", "'") or head.doc[head.i + 1].head.i != head.i:
        return pledger
    return _from_actors([first, pledger.actor], _phrase(list(noun.doc[head.left_edge.i:owner.i + 1])),
                        "named") or pledger


def _agreed_for_others(trigger: _Trigger, pledger: _Pledger, actors: ActorIndex, rules: _Rules,
                       parties: list[tuple[str, _Named]]) -> bool:
    """ "They agreed that Hamas should release the hostages": what a third party (named, a thing,
    or "all"/"related parties"/"the international community") should do is a demand on it, not
    the agreeing sides' commitment (unlike "agreed that the two sides should", or "assured it
    that the Uyghurs would be treated well"); what "it" will do, a forecast."""
    if trigger.family == "future":  # "agreed it will promote increased travel": what the agreement will do
        return _forecast_agreed_on(trigger.clause, rules)
    if trigger.family not in ("verb", "adjective"):
        return False
    for clause in trigger.content:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
            if clause.dep_ == "ccomp" else None
        if subject is None:
            continue
        if subject.pos_ in ("NOUN", "PRON") and (
                subject.lower_ in _OTHERS_WORDS or subject.lower_ in _EVERYONE_NOUNS
                or any(c.dep_ in ("amod", "det") and c.lower_ in _OTHERS_WORDS for c in subject.children)):
            return True  # "agree related parties should support ...", "that the international community should"
        if _forecast_agreed_on(clause, rules):
            return True
        if not any(a.dep_ == "aux" and a.lower_ in ("should", "must") for a in clause.children):
            continue  # not "assured it that the Uyghurs would be treated well"
        if subject.pos_ == "NOUN" and subject.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") \
                and subject.lower_ not in rules.joint_subjects and subject.lower_ not in rules.actor_nouns:
            return True  # "resolved that the rule of law ... must be upheld in Burma"
        if subject.pos_ == "PROPN":
            named = _resolve(subject, actors, rules, parties, allow_first_person=False)
            if named is None or not set(named.codes) <= set(pledger.codes):
                return True
    return False


def _forecast_agreed_on(clause: Token, rules: _Rules) -> bool:
    """ "The two leaders ... agreed it will promote increased travel and trade": "it" (a thing)
    will do something, a forecast both sides agree on, not a commitment."""
    return clause.dep_ == "ccomp" and rules.verb_forms.get(clause.head.lower_) == "agree" and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would") for c in clause.children)


_RELATIONSHIP_WORDS = frozenset({"relationship", "relations", "partnership", "alliance", "ties", "bilateral"})


def _partner_in_the_relationship(pledger: _Pledger, content: list[Token], setting: frozenset[str],
                                 valid_codes: frozenset[str]) -> list[str]:
    """One side's commitment to the relationship with the other in the readout of their meeting
    ("the Vice President reaffirmed the United States' commitment to our defense relationship"
    with the Republic of Korea's Prime Minister): it is to the other side."""
    others = setting - set(pledger.codes)
    # (a capitalised one is a name unless a country is in it: not "the Open Government Partnership")
    if len(pledger.codes) != 1 or len(others) != 1 or not any(
            t.lower_ in _RELATIONSHIP_WORDS
            and (t.text.islower() or any(c.ent_type_ in ("GPE", "NORP") for c in t.subtree))
            or _both_of_us(t) or _ours_together(t) and all(_is_country_code(c) for c in others) for t in content):
        return []
    return [code for code in others if code in valid_codes]


def _both_of_us(token: Token) -> bool:
    """ "our two countries", "both nations": the two sides of the readout together."""
    return token.lower_ in ("countries", "nations") and any(c.lower_ in ("two", "both") for c in token.children)


def _ours_together(token: Token) -> bool:
    """ "our shared interests", "our common goals": the two countries of the readout's, not a
    gathering's ("the APEC Virtual Leaders' Meeting": "our shared objectives")."""
    return any(c.dep_ == "poss" and c.lower_ == "our" for c in token.children) \
        and any(c.dep_ == "amod" and c.lower_ in ("shared", "mutual", "common") for c in token.children)


def _record(trigger: _Trigger, actors: ActorIndex, parties: list[tuple[str, _Named]],
            published_at: date | None, rules: _Rules, title_end: int,
            valid_codes: frozenset[str], setting: frozenset[str] = frozenset()) -> dict | None:
    pledger = _pledger_of(trigger, actors, parties, rules)
    if pledger is None or not set(pledger.codes) <= valid_codes:
        return None
    # (what the press says an actor committed to is hearsay too: "Reuters has reported that Australia,
    # Canada and the United States all offered to resettle the Uyghurs")
    own_word = _speaker_weight(trigger, pledger, actors, rules, parties) if trigger.family == "future" else \
        0.0 if _reported_by_media(trigger.clause, _speech_governor(trigger.clause, rules), rules) else 1.0
    if own_word == 0.0 or _agreed_for_others(trigger, pledger, actors, rules, parties):
        return None
    content = _content_tokens(trigger)
    if not content or _is_internal(trigger, content, rules):
        return None
    beneficiaries = _beneficiaries(trigger, content, actors, pledger.codes, rules)
    beneficiaries = [c for c in beneficiaries if c in valid_codes] or _partner_in_the_relationship(
        pledger, content, setting, valid_codes)
    if not _is_international(pledger, beneficiaries, content, actors, rules, setting):
        return None
    evidence, start, end = _evidence(trigger.token.sent, title_end)
    confidence = trigger.confidence * rules.pledger_confidence.get(pledger.how, 0.8) * own_word
    if not beneficiaries and len(pledger.codes) < 2:
        confidence *= 0.9
    actor = pledger.actor
    return {
        "pledger_name": (_headline_name(trigger) if _is_headline_plan(trigger) else "") or pledger.name,
        "pledger_type": actor.actor_type if actor else "country",
        "pledger_country_code": actor.country_code if actor else None,
        "pledger_title": actor.title if actor else None,
        "pledger_country_codes": list(pledger.codes),
        "beneficiary_country_codes": beneficiaries,
        "content": _phrase(content),
        "pledge_date": _pledge_date(trigger, content, published_at, rules),  # never after publication
        "evidence": evidence,
        "start_char": start,
        "end_char": end,
        "confidence": round(min(max(confidence, 0.0), 1.0), 3),
        "trigger": _trigger_text(trigger),
    }
