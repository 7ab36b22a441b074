"""Meetings: two sides from different countries (or a country and an organisation) talked.

A trigger (verb or noun from meetings.yaml) is found on the dependency parse;
its participants are the actor mentions syntactically attached to it (subject,
object, "with"/"between" objects and their conjuncts, "officials of X")
without crossing into a relative or adverbial clause; planned, negated or
hypothetical meetings are dropped; sentences describing the same meeting are
merged into one record that keeps the most specific date and place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import numpy as np
from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.actors import Actor, ActorIndex, Mention
from extract.dates import resolve_date, year_hint
from extract.doc_text import doc_text
from extract.inflections import form_table
from extract.syntax import first_conjunct
from extract.word_index import any_within, tokens_within, word_positions

# Dependencies that start a new clause: a mention beyond one is not a party to the trigger.
_CLAUSE_BOUNDARIES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "pcomp"}
# Dependencies inside one noun phrase ("officials in charge of trade in the EU, Belgium").
_NOUN_PHRASE_DEPS = {"pobj", "prep", "conj", "compound", "amod", "nmod", "poss", "appos", "cc"}
# Dependencies through which a governing verb makes a meeting a plan ("agreed to meet").
_GOVERNED_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"}
_PARTNER_PREPS = {"with", "between", "among"}
_AGREED_AT = frozenset({"agree", "decide", "pledge", "vow", "commit", "promise", "resolve"})
_JOIN_FORMS = frozenset({"join", "joins", "joined", "joining"})
# A headline's meeting verbs the tagger may read as plural nouns ("El-Sisi hosts ...").
_THIRD_PERSON_MEETING_VERBS = frozenset({"hosts", "meets", "receives", "welcomes", "greets"})
_PARTY_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr"}
_PRONOUNS = {"he", "she", "his", "her"}
_ATTRIBUTION_MARKS = {":", "-", "–", "—"}
_NOUN_MODIFIER_DEPS = {"nmod", "compound", "amod", "nummod", "poss"}
# A clause headed by one of these borrows the subject of the clause it hangs from.
_SUBJECTLESS_DEPS = {"conj", "advcl", "prep", "pcomp", "xcomp"}
# "both leaders", "the two leaders": the people the story has just named.
_GROUP_ANAPHORS = {"leaders", "sides"}
_GROUP_DETERMINERS = {"both", "two"}
# A meeting noun governed by these is a purpose, still to come ("arrived for talks").
_PURPOSE_PREPOSITIONS = {"for", "ahead", "before"}
_TOPIC_PREPOSITIONS = {"on", "about", "regarding", "concerning", "over"}
_REPORTER_TITLES = ("spokesperson", "spokesman", "spokeswoman")
_MAX_RANGE_DAYS = 3  # "May 10-11": a meeting over a few days is dated by its first day
_TRIP_DAYS = 14  # a stated span of days up to this long is a trip's ("January 8-10")
_CONTEXT_SENTENCES = 4  # sentences before a placeless meeting that may say where its people were
_ANAPHORA_WINDOW = 2  # sentences after a meeting of unnamed officials that may name them


@dataclass(frozen=True)
class _Lexicon:
    """meetings.yaml compiled once per codebook dict."""

    forms: dict[str, str]
    verbs: dict[str, str]
    object_verbs: frozenset[str]
    noun_object_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    delegation_verbs: frozenset[str]
    delegation_nouns: frozenset[str]
    partner_verbs: dict[str, str]
    light_verbs: frozenset[str]
    phrasal: dict[str, tuple[str, str]]  # verb lemma -> (particle, mode)
    counterpart_verbs: dict[str, str]
    nouns: dict[str, str]
    partner_only_nouns: frozenset[str]
    multiparty_nouns: frozenset[str]
    topic_verbs: frozenset[str]
    convening_nouns: frozenset[str]
    readiness_words: frozenset[str]
    departure_verbs: frozenset[str]
    expectation_nouns: frozenset[str]
    speaking_verbs: frozenset[str]
    called_off: frozenset[str]
    scene_prepositions: frozenset[str]
    convening: frozenset[str]
    attendance: frozenset[str]
    mode_words: dict[str, str]
    irrealis_auxiliaries: frozenset[str]
    irrealis_governors: frozenset[str]
    irrealis_modifiers: frozenset[str]
    irrealis_markers: frozenset[str]
    side_nouns: frozenset[str]
    location_prepositions: frozenset[str]
    same_day: tuple[str, ...]
    publication_day: tuple[str, ...]
    anaphoric_nouns: frozenset[str]
    venues: dict[str, str]
    trip_nouns: frozenset[str]
    visitor_words: frozenset[str]
    known_people: dict[str, Actor]  # surname (folded) -> well-known office holder
    trigger_words: frozenset[str]
    readout_prefixes: tuple[str, ...]  # folded title openings of a readout ("readout of")


_LEXICONS: dict[int, tuple[dict, _Lexicon]] = {}


def _lexicon(cfg: dict, actors_cfg: dict | None = None) -> _Lexicon:
    cached = _LEXICONS.get(id(cfg))
    if cached is not None and cached[0] is cfg:
        return cached[1]
    known_people = {}
    for name, code in ((actors_cfg or {}).get("known_people") or {}).items():
        known_people.setdefault(name.split()[-1].casefold(), Actor(name, "person", code, None))
    words = lambda key: frozenset(str(w).lower() for w in cfg.get(key) or [])  # noqa: E731
    verbs = dict(cfg.get("verbs") or {})
    partner_verbs = dict(cfg.get("verbs_with_partner") or {})
    phrasal = {p.split(" ", 1)[0]: (p.split(" ", 1)[1], m) for p, m in (cfg.get("phrasal_verbs") or {}).items()}
    counterpart_verbs = dict(cfg.get("counterpart_verbs") or {})
    light = words("light_verbs")
    trigger_lemmas = [*verbs, *partner_verbs, *phrasal, *counterpart_verbs, *light]
    forms = form_table([*trigger_lemmas, *words("irrealis_governors"), *words("convening_governors"),
                        *words("purpose_verbs"), *words("delegation_verbs"), *words("attendance_verbs"),
                        *words("departure_verbs"),
                        *words("speaking_verbs"), *words("called_off_verbs")],
                       cfg.get("irregular_forms") or {})
    nouns = {str(k).lower(): v for k, v in (cfg.get("nouns") or {}).items()}
    trigger_words = {f for f, lemma in forms.items() if lemma in trigger_lemmas} | set(nouns)
    lexicon = _Lexicon(
        forms=forms, verbs=verbs, object_verbs=words("object_verbs"),
        noun_object_verbs=words("noun_object_verbs"), purpose_verbs=words("purpose_verbs"),
        delegation_verbs=words("delegation_verbs"), delegation_nouns=words("delegation_nouns"),
        partner_verbs=partner_verbs, light_verbs=light, phrasal=phrasal,
        counterpart_verbs=counterpart_verbs, nouns=nouns, partner_only_nouns=words("partner_only_nouns"),
        multiparty_nouns=words("multiparty_nouns"), topic_verbs=words("topic_verbs"),
        convening_nouns=words("convening_nouns"), readiness_words=words("readiness_words"),
        departure_verbs=words("departure_verbs"), expectation_nouns=words("expectation_nouns"),
        speaking_verbs=words("speaking_verbs"), called_off=words("called_off_verbs"),
        scene_prepositions=words("scene_prepositions"),
        convening=words("convening_governors"), attendance=words("attendance_verbs"), mode_words=dict(cfg.get("mode_words") or {}),
        irrealis_auxiliaries=words("irrealis_auxiliaries"), irrealis_governors=words("irrealis_governors"),
        irrealis_modifiers=words("irrealis_modifiers"), irrealis_markers=words("irrealis_markers"),
        side_nouns=words("side_nouns"), location_prepositions=words("location_prepositions") or frozenset({"in"}),
        same_day=tuple(str(w).lower() for w in cfg.get("same_day_expressions") or []),
        publication_day=tuple(str(w).lower() for w in cfg.get("publication_day_expressions") or []),
        anaphoric_nouns=words("anaphoric_nouns"),
        venues={" ".join(str(k).split()).casefold(): v for k, v in (cfg.get("venues") or {}).items()},
        trip_nouns=words("trip_nouns"), visitor_words=words("visitor_words"), known_people=known_people, trigger_words=frozenset(trigger_words),
        readout_prefixes=tuple(str(w).lower() for w in
                               ((actors_cfg or {}).get("readout") or {}).get("title_prefixes") or ()))
    _LEXICONS[id(cfg)] = (cfg, lexicon)
    return lexicon


def _lemma(token: Token, lex: _Lexicon) -> str:
    """The codebook lemma of ``token`` (the pipeline has no lemmatizer)."""
    return lex.forms.get(token.lower_) or token.lemma_.lower() or token.lower_


@dataclass
class _Candidate:
    participants: list[Actor]
    trigger: str
    mode: str
    sentence: Span
    meeting_date: date | None
    date_stated: bool  # the date comes from the text, not from a readout's publication date
    location: str | None
    confidence: float
    from_title: bool
    sides: set[str] = field(default_factory=set)
    body_seen: bool = False
    reported: bool = False  # a speech verb ("briefed", "told"): the encounter, not its mode or place, is stated
    anaphoric: bool = False  # "During the meeting, ...": the encounter an earlier sentence reported

    @property
    def people(self) -> set[str]:
        return {p.key for p in self.participants if p.actor_type == "person"}


# ---------------------------------------------------------------- triggers

def _clause_verb(token: Token) -> Token:
    """The verb heading the clause that contains ``token``."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


_FUTURE_TIME = re.compile(r"\b(?:later this|next|(?:in )?the coming)\s+(?:\w+\s+)?"
                          r"(?:days?|weeks?|months?|year|spring|summer|autumn|fall|winter)\b|\bin the days ahead\b")


_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "spring", "summer", "autumn",
                         "fall", "winter", "ahead"})
_RELATIVE_TO = frozenset({"ahead", "before", "after", "of", "since", "until"})


def _when_later(modifier: Token) -> bool:
    """A future time that dates the encounter itself, not something it is ahead of ("met today ...
    ahead of NATO’s 75th Anniversary Summit in Washington, DC next month")."""
    words = list(modifier.subtree)
    units = [t for t in words if t.lower_ in _TIME_UNITS]
    if not units or not _FUTURE_TIME.search(" ".join(t.lower_ for t in words)):
        return False
    current = units[-1]
    while current.i != modifier.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ in _RELATIVE_TO:
            return False
        current = current.head
    return not (modifier.dep_ == "prep" and modifier.lower_ in _RELATIVE_TO)


def _is_irrealis(trigger: Token, lex: _Lexicon) -> bool:
    """Planned, negated or hypothetical: "will meet", "plans to meet", "a planned call", "did not meet"."""
    if any(child.lower_ in lex.irrealis_modifiers or (child.dep_ == "compound" and child.lower_ in lex.convening_nouns)
           for child in trigger.children):
        return True  # "a planned call", "UN chief requests meetings with ..."
    if trigger.pos_ in ("NOUN", "PROPN") and any(
            t.dep_ == "compound" and t.pos_ == "PROPN" and t.lower_ in lex.convening
            for left in trigger.lefts for t in left.subtree):
        # "Turkey Ready to Arrange Putin-Zelensky Meeting, Facilitate Russia-Ukraine Talks": a
        # title-case verb read as part of a name
        return True
    if trigger.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "acl" and _lemma(c, lex) in lex.convening and any(a.lower_ == "to" for a in c.children)
            for c in trigger.children):
        return True  # "Nuclear talks with U.S. to resume soon"
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c, lex) in lex.called_off for c in trigger.children):
        return True  # "Chinese, Japanese FMs meeting canceled after G7 statement" (not "hold postponed talks")
    verb = _clause_verb(trigger)
    # "Macron to travel to Germany for meeting with Scholz": the gerund takes the trip's tense
    trip = trigger.head.head if verb.i == trigger.i and trigger.dep_ == "pcomp" and trigger.head.dep_ == "prep" \
        and trigger.head.head.pos_ == "VERB" else trigger
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("during", "in") and verb.dep_ in ("ccomp", "xcomp") \
            and _lemma(verb.head, lex) in lex.speaking_verbs \
            and _PARTNER_PREPS & {c.lower_ for c in trigger.children if c.dep_ == "prep"}:
        # "X says lessons should be learned ... during call with Y", "Wang Yi urges U.S. to
        # practice its promises during phone call with Blinken", "Palestinian president urges to end
        # Israeli occupation in talks with Blinken": said during it (not "hopes to
        # resolve the pause ... during talks Tuesday with Ukrainian officials")
        verb = verb.head
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "during", "at") and trigger.head.head.i == verb.i \
            and verb.dep_ == "xcomp" and _lemma(verb.head, lex) in _AGREED_AT:
        # "China, S.Korea agree to deepen economic cooperation in ministerial meeting": where they
        # agreed (not "hopes to resolve the pause ... during talks Tuesday")
        return False
    for v in {verb, trigger, trip}:
        for c in v.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in lex.irrealis_auxiliaries:
                return True
            if c.dep_ in ("npadvmod", "advmod", "prep") and _when_later(c):
                return True  # "with India hosting Quad Leaders for the first time later this year"
            if c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in lex.irrealis_markers):
                return True
        passive = v.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in v.children)
        if (v.tag_ == "VB" or passive) and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) \
                and not _is_trip_purpose(v, lex):
            return True  # bare infinitive: "to meet", "to speak again", "summit to be held"
    current = verb
    for _ in range(3):  # "agreed to meet", "looks forward to meeting", "plans for talks"
        if current.dep_ not in _GOVERNED_DEPS or current.head.i == current.i:
            break
        if current.dep_ == "ccomp" and current.head.i > current.i:
            break  # a clause before its verb is reported as said: "X, Y hold call, stress need for ..."
        current = current.head
        if current.pos_ in ("VERB", "AUX") and (_lemma(current, lex) in lex.irrealis_governors or any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in lex.irrealis_auxiliaries for c in current.children)):
            return True  # "agreed to meet", "his travels will include meeting"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass") \
            and _lemma(trigger.head, lex) in lex.convening and not (
                trigger.head.tag_ == "VBD" and _lemma(trigger.head, lex) == "convene" and _has_partner(trigger)
                and trigger.lower_ not in lex.multiparty_nouns):
        return True  # (not "President Biden convened a call with allies and partners": held)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" \
            and trigger.head.lower_ in ("of", "for", "to", "about", "over"):
        # "Resumption of US-Russia Dialogue", "ready for fresh talks", "leaves for talks with",
        # "optimism about Russia-Ukraine talks"
        prep, owner = trigger.head, trigger.head.head
        if prep.lower_ == "of" and owner.lower_ in ("round", "rounds") and owner.dep_ == "pobj":
            prep, owner = owner.head, owner.head.head  # "arrives for 2nd round of talks with Russia"
        if prep.lower_ in ("about", "over"):
            return owner.lower_ in lex.expectation_nouns
        return owner.lower_ in lex.convening_nouns or owner.lower_ in lex.readiness_words or (
            prep.lower_ == "for" and _lemma(owner, lex) in lex.departure_verbs)
    return False


def _still_to_come(noun: Token, pair: bool) -> bool:
    """An encounter named as a purpose or as coming after the one reported: "in Saudi Arabia
    for US-Ukraine talks" (a pair noun), "ahead of President Zelenskyy’s meeting with
    President Biden", "prior to the call"."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj":
        return False
    prep = noun.head
    if pair and prep.lower_ in _PURPOSE_PREPOSITIONS or prep.lower_ in ("towards", "toward"):
        return True  # (and "working together towards a meeting between President Biden and ...")
    return prep.lower_ in ("of", "to") and prep.head.lower_ in ("ahead", "prior")


def _has_partner(noun: Token) -> bool:
    """A meeting noun with the one met hung on it ("talks with X", "a meeting between X and Y")."""
    return any(c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS for c in noun.children)


def _margins_of(noun: Token) -> bool:
    """ "on the margins of the U.S.-ASEAN Summit": the event around an encounter, not one itself
    (unless the parser hung the one met on it: "on the margins of the NATO Summit with President
    Andrzej Duda")."""
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
        and noun.head.head.lower_ in ("margins", "margin", "sidelines", "sideline") \
        and not _has_partner(noun)


def _discussed_pair(noun: Token, lex: _Lexicon) -> bool:
    """A pair noun after a topic verb of its sentence is what was talked about ("Putin, Scholz
    in telephone call discuss gas payment issues, Russia-Ukraine talks"), however it is parsed."""
    return any(_lemma(t, lex) in lex.topic_verbs and t.pos_ == "VERB"
               for t in noun.doc[noun.sent.start:noun.i])


def _travels(token: Token, lex: _Lexicon) -> bool:
    """A verb of travel ("traveled", "visited") or leading a delegation ("led a U.S. delegation to
    New Delhi on December 4"), also through the delegation the parser hung the place on."""
    if token.lower_ in lex.delegation_nouns and token.dep_ == "dobj":
        token = token.head
    lemma = _lemma(token, lex)
    return lemma in lex.purpose_verbs or lemma in lex.delegation_verbs \
        and any(c.dep_ == "dobj" and c.lower_ in lex.delegation_nouns for c in token.children)


def _is_trip_purpose(infinitive: Token, lex: _Lexicon) -> bool:
    """ "traveled to Jeddah ... to meet with X": a past trip's purpose, done on the trip."""
    head = infinitive.head
    return infinitive.dep_ in ("advcl", "xcomp") and head.tag_ == "VBD" \
        and _lemma(head, lex) in lex.purpose_verbs \
        and not any(c.dep_ in ("aux", "auxpass", "neg") for c in head.children)


def _person_object(token: Token, actors: ActorIndex) -> bool:
    """``token`` (an object) is a person or "his counterpart X"/"him"."""
    if token.lower_ in ("him", "her", "them"):
        return True
    for t in (token, *(c for c in token.children if c.dep_ in ("appos", "compound"))):
        actor = actors.actor_at(t)
        if actor is not None and actor.actor_type == "person":
            return True
    return False


def _verb_read_as_noun(token: Token) -> bool:
    """ "Egyptian president hosts UAE's Sheikh Mohamed": a headline's verb tagged as a noun,
    though it heads the sentence with a subject and an object (or with a name hung on it and
    a guest in apposition: "Egypt's El-Sisi hosts Sudan's military leader"; or with a subject
    and "over phone": "Senior Chinese diplomat, Japanese national security official talk over
    phone")."""
    if token.dep_ != "ROOT" or token.tag_ not in ("NNS", "NN"):
        return False
    before = {c.dep_ for c in token.children if c.i < token.i}
    after = {c.dep_ for c in token.children if c.i > token.i}
    if token.tag_ == "NNS" and "nsubj" in before and "dobj" in after:
        return True
    if token.tag_ == "NNS" and token.lower_ in _THIRD_PERSON_MEETING_VERBS and before & {"nsubj", "compound", "poss"} \
            and after & {"dobj", "appos"}:
        return True
    return "nsubj" in before and _by_phone(token)


def _by_phone(token: Token) -> bool:
    """ "over phone", "by phone", "via phone" hung on ``token``."""
    return any(c.dep_ == "prep" and c.lower_ in ("over", "by", "via") and any(
        o.lower_ in ("phone", "telephone") for o in c.children) for c in token.children)


def _verb_as_modifier(token: Token) -> bool:
    """A past verb parsed as a modifier of a noun after it."""
    return token.dep_ in ("amod", "compound", "nmod") and token.tag_ in ("VBD", "VBN") \
        and token.head.i > token.i


def _verb_read_as_modifier(token: Token, actors: ActorIndex) -> bool:
    """ "Trump hosted Erdogan in the White House": the parser read bare surnames and a past
    verb as one noun phrase (the verb a modifier of the second name); a past verb right
    between two people's names is still what the first did to the second."""
    doc = token.doc
    if not _verb_as_modifier(token) or not 0 < token.i < len(doc) - 1:
        return False
    return all((actor := actors.actor_at(t)) is not None and actor.actor_type == "person"
               for t in (doc[token.i - 1], doc[token.i + 1]))


def _people_of_two_sides(subject: Token, actors: ActorIndex) -> bool:
    """A subject naming people of two sides together ("National Security Advisor Jake Sullivan
    and UN Secretary-General Antonio Guterres discussed ..."): they talked with each other."""
    people = [a for t in (subject, *subject.conjuncts) if (a := actors.actor_at(t)) is not None]
    if len(people) >= 2 and all(a.actor_type == "person" and a.country_code for a in people) \
            and len({a.country_code for a in people}) >= 2:
        return True
    # "Jordanian, Georgian FMs discuss ways to boost ties": office holders of the sides listed before them
    before = subject.doc[subject.sent.start:subject.i]
    codes = {a.country_code for t in before if (a := actors.actor_at(t)) is not None and a.actor_type == "country"}
    return subject.tag_ == "NNS" and len(codes) >= 2 and all(
        actors.actor_at(t) is not None or t.is_punct or t.lower_ == "and" for t in before)


def _addressed_office_holder(token: Token, actors: ActorIndex) -> bool:
    """ "told his Tajik counterpart X", "told Taiwan President Lai": an office holder, not a
    reporter or an outlet ("told Politico")."""
    if token.lower_ == "counterpart":
        return True
    for t in (token, *(c for c in token.children if c.dep_ in ("appos", "compound"))):
        actor = actors.actor_at(t)
        if actor is not None and actor.actor_type == "person" and actor.title:
            return True
    return False


def _trigger_mode(token: Token, actors: ActorIndex, lex: _Lexicon) -> tuple[str, str] | None:
    """(trigger text, mode) when ``token`` is a meeting trigger, else None."""
    if token.lower_ not in lex.trigger_words:
        return None
    lemma = _lemma(token, lex)
    children = list(token.children)
    if token.pos_ in ("VERB", "AUX") or _verb_read_as_noun(token):
        if _outlet_subject(token, actors):
            return None  # "VOA spoke with Armitage": an interview, not two sides meeting
        if lemma in lex.verbs:
            if lemma in lex.object_verbs and _verb_read_as_modifier(token, actors):
                return token.text, lex.verbs[lemma]
            if lemma in lex.object_verbs and not any(
                    (c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "appos" and c.i > token.i)
                    and (_person_object(c, actors) or c.lower_ in lex.side_nouns or (
                        lemma in lex.noun_object_verbs and c.lower_ in lex.nouns))
                    for c in children):
                return None
            if lemma in lex.object_verbs and token.tag_ in ("VBZ", "VBP") and any(
                    c.dep_ in ("advcl", "xcomp", "ccomp") and _is_infinitive(c) for c in children):
                # "China welcomes UN human rights chief to visit Xinjiang": an invitation (not the
                # past "hosted X at the White House on Feb. 9 to consult on", a visit that happened)
                return None
            return token.text, lex.verbs[lemma]
        if lemma in lex.phrasal:
            particle, mode = lex.phrasal[lemma]
            for c in children:
                if c.lower_ == particle and c.dep_ in ("prep", "prt") \
                        and not any(g.dep_ == "xcomp" or g.dep_ == "advcl" and any(  # "calls on Putin to sit down"
                            a.dep_ == "aux" and a.lower_ == "to" for a in g.children) for g in (*children, *c.subtree)) \
                        and any(o.dep_ == "pobj" and _person_object(o, actors) for o in c.children):
                    return f"{token.text} {particle}", mode
            return None
        if lemma in lex.counterpart_verbs:
            # (also "assured visiting Australian Foreign Minister Marise Payne", "visiting" read as a verb)
            addressed = [*children, *(o for c in children if c.dep_ == "xcomp" and c.lower_ == "visiting"
                                      for o in c.children)]
            if any(c.dep_ in ("dobj", "dative") and _addressed_office_holder(c, actors) for c in addressed):
                return token.text, lex.counterpart_verbs[lemma]
            return None
        if lemma in lex.light_verbs:
            # (or a round of them: "Russia, Ukraine end second round of talks")
            obj = next((o for c in children if c.dep_ == "dobj"
                        for o in (c, *(g for p in c.children if c.lower_ in ("round", "rounds")
                                       and p.dep_ == "prep" and p.lower_ == "of" for g in p.children))
                        if o.lower_ in lex.nouns), None)
            return (f"{token.text} {obj.text}", lex.nouns[obj.lower_]) if obj is not None else None
        if lemma in lex.partner_verbs:
            partner = any(c.dep_ == "prep" and (c.lower_ in _PARTNER_PREPS or (
                c.lower_ == "to" and any(o.dep_ == "pobj" and _person_object(o, actors) for o in c.children)))
                for c in children)
            # "X, Y discuss bilateral ties, Taiwan question over phone": the phrase may hang elsewhere
            if partner or any(c.lower_ in ("phone", "telephone") for c in token.subtree) \
                    or any(_by_phone(t) for t in token.sent if t.i > token.i) \
                    or any(c.dep_ == "nsubj" and _people_of_two_sides(c, actors) for c in children):
                return token.text, lex.partner_verbs[lemma]
        return None
    if token.pos_ in ("NOUN", "PROPN") and token.lower_ in lex.nouns:
        if _pair_parties(token, actors, lex.known_people):
            return token.text, lex.nouns[token.lower_]  # "U.S.-Ukraine talks", "Biden-Modi meeting"
        if any(c.dep_ == "compound" and c.pos_ == "VERB" and _lemma(c, lex) in lex.light_verbs for c in children):
            return token.text, lex.nouns[token.lower_]  # "Putin, Bolsonaro hold meeting in Moscow" read as one noun
        has_partner = _has_partner(token)
        if _is_session_of_body(token, actors):
            return None
        if token.dep_ == "pobj" and token.head.lower_ in ("on", "in") and token.head.head.lower_ in _JOIN_FORMS \
                and any(c.dep_ in ("dobj", "agent") for c in token.head.head.children):
            return token.text, lex.nouns[token.lower_]  # "Joining President Biden on the call were Prime Minister ..."
        if token.dep_ == "pobj" and _lemma(token.head.head, lex) in lex.attendance:
            return None  # "participated in the meeting"
        if has_partner or (token.dep_ == "pobj" and token.head.lower_ in lex.scene_prepositions
                           and token.lower_ not in lex.partner_only_nouns):
            return token.text, lex.nouns[token.lower_]
    return None


_PAIR_QUALIFIERS = 2  # words between a hyphenated pair and its meeting noun ("U.S.-China trade talks")


def _hyphen_compound(noun: Token) -> str | None:
    """The hyphen-joined word right before ``noun`` ("U.S.-Ukraine", "Biden-Modi"), if any, or
    before a word or two that qualify it ("Russia-Ukraine peace talks", "Wang-Blinken
    ‘constructive’ meeting")."""
    doc = noun.doc
    start = noun.i - 1
    words = 0
    # (only where the talks are what the clause is about, not "amid progress in Russia-Ukraine peace talks")
    qualified = noun.dep_ in ("ROOT", "nsubj", "nsubjpass", "dobj")
    while qualified and start > noun.sent.start and words < _PAIR_QUALIFIERS and (doc[start].is_quote or (
            doc[start].is_alpha and doc[start].is_lower and doc[start].pos_ in ("NOUN", "ADJ"))):
        words += not doc[start].is_quote
        start -= 1
    if start < noun.sent.start or not doc[start].whitespace_:
        return None
    end = start + 1
    while start - 1 >= noun.sent.start and not doc[start - 1].whitespace_ and not doc[start - 1].is_space \
            and doc[start - 1].is_punct in (False, doc[start - 1].text == "-"):
        start -= 1
    text = doc[start:end].text.strip()
    return text if "-" in text.strip("-") else None


def _pair_parties(noun: Token, actors: ActorIndex, known_people: dict[str, Actor]) -> list[Actor]:
    """Sides named by a hyphenated pair before a meeting noun: countries, demonyms or people."""
    text = _hyphen_compound(noun)
    if text is None:
        return []
    parties = []
    for part in text.split("-"):
        part = part.strip()
        code = gazetteer.country_code(part) or gazetteer.demonym_code(part) or gazetteer.org_code(part)
        if code:
            kind = "organization" if gazetteer.org_code(part) else "country"
            parties.append(Actor(gazetteer.country_name(code) if kind == "country" else part, kind, code, None))
            continue
        person = next((a for a in actors.actors if a.actor_type == "person" and a.country_code
                       and a.name.split()[-1] == part), None) or known_people.get(part.casefold())
        if person is None:
            return []
        parties.append(person)
    return parties if len(parties) >= 2 and len({p.country_code for p in parties}) == len(parties) else []


def _outlet_subject(verb: Token, actors: ActorIndex) -> bool:
    """The subject is an organisation that is no actor (a news outlet, a company), nor an office
    its holder is named beside ("National Security Advisor ... Dr. Phil Gordon met")."""
    return any(c.dep_ == "nsubj" and c.ent_type_ == "ORG" and actors.actor_at(c) is None
               and not any(a.dep_ == "appos" and actors.actor_at(a) is not None for a in c.children)
               for c in verb.children)


def _is_session_of_body(noun: Token, actors: ActorIndex) -> bool:
    """ "a meeting of the U.N. Security Council", "a U.N. Security Council meeting": a session of
    one body, not two sides talking."""
    if not _has_partner(noun) and any(c.dep_ == "compound" and any(_is_organization(t, actors) for t in c.subtree)
                           for c in noun.children):
        return True  # (not "on the margins of the NATO Summit with President Andrzej Duda")
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and _is_organization(obj, actors):
                    return True
    return False


def _is_organization(token: Token, actors: ActorIndex) -> bool:
    actor = actors.actor_at(token)
    return actor is not None and actor.actor_type == "organization"


# ---------------------------------------------------------------- participants

def _linked(token: Token, anchors: set[int]) -> bool:
    """True when ``token`` reaches an anchor by walking up heads within one clause."""
    current = token
    for _ in range(40):
        if current.i in anchors:
            return True
        if current.dep_ in _CLAUSE_BOUNDARIES or current.head.i == current.i:
            return False
        current = current.head
    return False


def _anchors(trigger: Token) -> set[int]:
    """The trigger and its heads up to (and including) its clause verb, plus the subject of
    the verb it is coordinated with ("X visited Europe and met with ...")."""
    anchors = {trigger.i}
    # "assured visiting Australian Foreign Minister Marise Payne": the guest hangs on "visiting"
    anchors.update(c.i for c in trigger.children if c.dep_ == "xcomp" and c.lower_ == "visiting")
    # "met today with Foreign Minister Mario Búcaro of Guatemala to underscore ...": the parser
    # made "with" the mark of the purpose clause and the partner its subject
    anchors.update(s.i for clause in trigger.children if clause.dep_ == "advcl"
                   and any(c.dep_ == "mark" and c.lower_ == "with" for c in clause.children)
                   for s in clause.children if s.dep_ == "nsubj")
    if _verb_as_modifier(trigger):
        anchors.add(trigger.head.i)  # "Trump hosted Erdogan" read as a noun phrase: its head is a side
    current = trigger
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
        anchors.add(current.i)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("during", "in") and current.dep_ in ("ccomp", "xcomp") \
            and trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
        # "Wang Yi says lessons should be learned ... during call with Hungarian FM": the speaker
        anchors.update(c.i for c in current.head.children if c.dep_ == "nsubj")
    if current.dep_ in _SUBJECTLESS_DEPS and not any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
        # "X visited Europe and met with ...", "X traveled to Jeddah to meet with ...",
        # "Following talks with Y, X said ...": the subject comes from the main clause, also
        # through a phrase the parser hung a gerund from ("X stresses support in safeguarding
        # ... interests in meeting with Y")
        governor = _clause_verb(current.head)
        if governor.i == current.head.i or not _actor_object(governor):
            # not "Rubio credited Britain and France for playing a role in talks with Ukraine"
            anchors.update(c.i for c in governor.children if c.dep_ in ("nsubj", "nsubjpass"))
    return anchors


def _actor_object(verb: Token) -> bool:
    """The verb's object names a party: it, not the subject, does what a phrase below says."""
    return any(c.dep_ in ("dobj", "dative") and any(t.ent_type_ in ("GPE", "NORP", "PERSON", "ORG") for t in c.subtree)
               for c in verb.children)


def _noun_anchors(trigger: Token) -> set[int]:
    """The trigger and its heads below its clause verb: the noun phrase it stands in."""
    anchors = {trigger.i}
    current = trigger
    while current.head.i != current.i and current.head.pos_ not in ("VERB", "AUX"):
        current = current.head
        anchors.add(current.i)
    return anchors


def _main_clause_subjects(trigger: Token) -> list[Token]:
    """Subjects of the clause a subject-less "following/after talks with" phrase hangs from."""
    verb = _clause_verb(trigger)
    if verb.dep_ not in _SUBJECTLESS_DEPS or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _side_noun(token: Token, lex: _Lexicon) -> Token | None:
    """The group noun a country mention qualifies: "Russian officials", "officials from the
    United States", "officials ... in the EU, Belgium, Germany", and in a headline's list
    "Russian, Israeli presidents" (the parser hangs the first one elsewhere)."""
    return _own_side_noun(token, lex) or _listed_side_noun(token, lex)


def _listed_side_noun(token: Token, lex: _Lexicon) -> Token | None:
    doc = token.doc
    nxt = token.i + 2
    if nxt >= len(doc) or doc[token.i + 1].text != "," or not gazetteer.place_code(doc[nxt].text) \
            or not gazetteer.place_code(token.text):
        return None
    return _side_noun(doc[nxt], lex)


def _listed_subject(token: Token) -> Token | None:
    """The subject of a headline's list of sides that ``token`` is in ("Morocco, U.S. hold
    dialogue", "Finland, Sweden, Türkiye hold 1st mechanism-based talks"): the parser makes
    only one of them the subject and hangs the others elsewhere."""
    doc, sentence = token.doc, token.sent
    start = next((t for t in sentence if not t.is_space), None)
    listed: list[tuple[int, Token]] = []  # (first token, last token) of each name, a comma apart
    while start is not None and start.ent_iob_ == "B" and start.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        last = start
        while last.i + 1 < sentence.end and doc[last.i + 1].ent_iob_ == "I":
            last = doc[last.i + 1]
        listed.append((start.i, last))
        start = doc[last.i + 2] if last.i + 2 < sentence.end and doc[last.i + 1].text == "," else None
    if len(listed) < 2 or not any(first <= token.i <= last.i for first, last in listed):
        return None
    return next((last for _, last in listed if last.dep_ in ("nsubj", "nsubjpass") and last.i != token.i), None)


def _own_side_noun(token: Token, lex: _Lexicon) -> Token | None:
    current = token
    for _ in range(8):
        if current.dep_ not in _NOUN_PHRASE_DEPS or current.head.i == current.i:
            return None
        current = current.head
        if current.dep_ == "prep" and current.lower_ in _TOPIC_PREPOSITIONS:
            return None  # "Congressional Leaders on Ukraine": the topic, not their side
        if current.lower_ in lex.side_nouns:
            return current
        if current.pos_ in ("VERB", "AUX"):
            return None
    return None


def _as_party(mention: Mention, root: Token, lex: _Lexicon) -> tuple[Actor, int | None] | None:
    """A country/organisation mention as a participant: (actor, index of its group noun)."""
    group = _side_noun(root, lex)
    if group is not None and group.dep_ == "pobj" and group.head.lower_ == "as":
        return None  # "welcomed Guyana’s leadership as the current Chair of the Caribbean Community": a role
    if group is not None and group.dep_ in ("poss", "compound", "nmod") and group.head.lower_ in lex.multiparty_nouns:
        return None  # "on the margins of the G7 Leaders’ Summit": the summit's name, not a side
    if group is not None and root.i > group.i and any(
            c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP") for c in group.children):
        return None  # "U.S. Negotiators of the Gaza Ceasefire and Hostage Release Deal": theirs, Gaza the topic
    if group is not None:
        doc, left = root.doc, group.i
        while left - 1 > root.i and doc[left - 1].head.i == group.i and doc[left - 1].dep_ in ("compound", "punct") \
                and not doc[left - 1].is_space and not gazetteer.place_code(doc[left - 1].text):
            left -= 1  # "president-elect" is three tokens
        actor = Actor(f"{mention.text} {doc[left:group.i + 1].text}", mention.actor.actor_type,
                      mention.actor.country_code, None)
        return actor, group.i
    first = first_conjunct(root)
    if first.dep_ in _PARTY_DEPS:
        return mention.actor, None
    if first.dep_ == "appos" and first.head.dep_ in _PARTY_DEPS and first.head.ent_type_ in ("GPE", "ORG", "NORP"):
        return mention.actor, None  # "Russia, Ukraine conclude first-round talks": the list read as an apposition
    if first.dep_ == "ROOT" and first.pos_ in ("PROPN", "NOUN"):
        return mention.actor, None  # a verbless headline's subject: "France in talks with UAE to ..."
    if first.dep_ == "pobj" and (first.head.lower_ in _PARTNER_PREPS or first.head.dep_ == "agent"):
        return mention.actor, None
    return None


def _antecedent(pronoun: Token, actors: ActorIndex, exclude: set[Actor]) -> Actor | None:
    """The person a "he"/"his" refers to: the latest person named before it in this or the
    previous sentence, subjects first."""
    sentence = pronoun.sent
    window_start = sentence.start_char
    if sentence.start > 0:
        window_start = pronoun.doc[sentence.start - 1].sent.start_char
    before = [m for m in actors.mentions_between(window_start, pronoun.idx)
              if m.actor.actor_type == "person" and m.actor not in exclude]
    if not before:
        return None
    subjects = [m for m in before if pronoun.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass")]
    return (subjects or before)[-1].actor


def _is_infinitive(verb: Token) -> bool:
    """A bare "to"-infinitive ("to discuss", "to visit")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_ORPHAN_REACH = 4  # tokens from an object-less "with" to the name after it (a title's words between)


def _participants(trigger: Token, sentence: Span, actors: ActorIndex,
                  lex: _Lexicon) -> list[tuple[Actor, int | None]]:
    """(actor, group noun index or None) of every party attached to the trigger."""
    between = any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in trigger.children)
    # "the President's call with G7 leaders", "Tunisia's discussions with the IMF": the named
    # owner is the side, not whoever the clause is about ("she voiced support for ...")
    owned = trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "poss" and c.pos_ != "PRON" for c in trigger.children)
    # "briefed President Zelenskyy on his conversation with Russian President Vladimir Putin": his
    # and Putin's, not whom he briefed
    his = trigger.pos_ in ("NOUN", "PROPN") and _has_partner(trigger) and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her") for c in trigger.children)
    anchors = {trigger.i} if between else _noun_anchors(trigger) if owned or his or _briefed_on(trigger, lex) \
        else _anchors(trigger)
    doc = sentence.doc
    mentions = actors.mentions_between(sentence.start_char, sentence.end_char)
    person_tokens = {i for m in mentions if m.actor.actor_type == "person" for i in range(m.start, m.end)}
    found: list[tuple[Actor, int | None]] = []
    roots: list[Token] = []
    # a "with" the parser left without its object ("met today with Chief Adviser Muhammad Yunus of
    # Bangladesh to congratulate him": "Yunus" read as the subject of "congratulate")
    orphans = [c.i for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
               and not any(g.dep_ == "pobj" or g.dep_ == "pcomp" and not _is_infinitive(g) for g in c.children)]
    for mention in mentions:
        root = doc[mention.start:mention.end].root
        after_orphan = mention.actor.actor_type == "person" and any(
            0 < mention.start - i <= _ORPHAN_REACH for i in orphans)
        linked = _linked(root, anchors) or after_orphan or (  # "as Japan, India leaders meet": linked through the list
            (listed := _listed_side_noun(root, lex)) is not None and _linked(listed, anchors)) or (
            # "China, S.Korea agree to deepen economic cooperation in ministerial meeting"
            (subject := _listed_subject(root)) is not None and subject.i in anchors)
        if not linked or not after_orphan and (  # (the orphan's name read as the subject of "to discuss")
                _partner_of_other_noun(root, anchors) or _is_topic(root, trigger, lex)
                or _in_noun_conjoined_to_verb(root, anchors)):
            continue
        if mention.actor.actor_type == "person":
            if (mention.actor.title or "").casefold().endswith(_REPORTER_TITLES):
                continue  # "Readout from NSC Spokesperson Emily Horne on ... Sullivan’s Call with": the author
            # (not "President Donald J. Trump and Ukraine’s President Volodymyr Zelenskyy", the list
            # read as the possessor of the second name's title)
            if root.dep_ == "poss" and root.head.i != trigger.i \
                    and not (root.head.dep_ == "compound" and root.head.head.i in person_tokens):
                # "Trump's special envoy, Steve Witkoff, spoke with": the envoy is the party; one
                # named by the possessor alone stands for its country ("meets with Yoon's delegation")
                side = _possessed_side(mention, root, person_tokens, lex)
                if side is not None:
                    found.append((side, root.head.i))
                    roots.append(root)
                continue
            if _attribution(doc[mention.start:mention.end]) or _author(root):
                continue  # "EU coordinator's talks with Iran 'better than expected': Borrell": who says so
            found.append((mention.actor, None))
            roots.append(root)
            continue
        # a country/organisation inside a person's title ("Chinese Defense Minister X") is not a side
        if actors.title_owner(mention) is not None or root.head.i in person_tokens \
                or any(t.i in person_tokens for t in root.ancestors):
            continue
        party = _as_party(mention, root, lex)
        if party is None and (subject := _listed_subject(root)) is not None:
            party = _as_party(mention, subject, lex)  # "Morocco, U.S. hold dialogue": Morocco
        if party is not None and party[1] is not None:
            earlier = next((r for (a, g), r in zip(found, roots) if g == party[1]), None)
            # (a country the parser joined to the group noun itself is the list's next one: "the
            # National Security Advisors of Japan and the Republic of Korea")
            if earlier is not None and root not in earlier.conjuncts and root.dep_ != earlier.dep_ \
                    and _listed_side_noun(earlier, lex) is None \
                    and not (root.dep_ == "conj" and root.head.i == party[1]):
                continue  # "Iran's U.N. ambassador": one side described twice, not two sides
        if party is not None:
            found.append(party)
            roots.append(root)
    # (not "He welcomed the March 19 meeting ... between senior officials from Israel, ...")
    pronoun = None if owned or between else _pronoun_party(trigger)
    subject_named = any(doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass") and m.actor.actor_type == "person"
                        and any(m.actor == a for a, _ in found) for m in mentions)
    if pronoun is not None and not (pronoun.dep_ == "poss" and subject_named):
        actor = _antecedent(pronoun, actors, {a for a, _ in found})
        if actor is not None:
            found.insert(0, (actor, None))
    unique: list[tuple[Actor, int | None]] = []
    for actor, group in found:
        if all(actor != a for a, _ in unique):
            unique.append((actor, group))
    shared = Counter(g for _, g in unique if g is not None)
    return [(_one_holder(a, doc[g]) if g is not None and shared[g] >= 2 else a, g) for a, g in unique]


# offices one person (or one delegation) holds for each side: "Pakistani, Afghan FMs" are one
# FM each, while "U.S., Chinese officials" may be several each
_ONE_HOLDER_ROLES = frozenset({"fm", "pm", "president", "minister", "leader", "chief", "head", "envoy",
                               "ambassador", "delegation", "premier", "chancellor", "nsa", "secretary",
                               "counterpart", "spokesperson", "speaker", "mayor", "governor", "king"})


def _one_holder(actor: Actor, group: Token) -> Actor:
    """A side's label under a plural office noun shared by a list of sides, made singular
    ("Pakistani, Afghan FMs discuss ...": "Pakistani FM" and "Afghan FM")."""
    word = group.text
    one = word[:-3] + "y" if word.lower().endswith("ies") else word[:-1] if word.lower().endswith("s") else word
    if group.tag_ not in ("NNS", "NNPS") or one.lower() not in _ONE_HOLDER_ROLES or not actor.name.endswith(word):
        return actor
    return Actor(actor.name[:-len(word)] + one, actor.actor_type, actor.country_code, actor.title)


def _possessed_side(mention: Mention, root: Token, person_tokens: set[int], lex: _Lexicon) -> Actor | None:
    """The side a person's group noun names when no one else in it is named ("Yoon's
    delegation": South Korea's), as a country party."""
    group = root.head
    if group.lower_ not in lex.side_nouns or not mention.actor.country_code \
            or any(c.dep_ == "appos" for c in group.children) \
            or any(t.i in person_tokens for t in group.subtree if not mention.start <= t.i < mention.end):
        return None
    return Actor(f"{mention.text}'s {group.text}", "country", mention.actor.country_code, None)


def _is_topic(root: Token, trigger: Token, lex: _Lexicon) -> bool:
    """What a topic verb's object names is what was talked about, not a side ("Russian, U.S.
    military chiefs discuss Ukraine over phone")."""
    if _lemma(trigger, lex) not in lex.topic_verbs or trigger.pos_ in ("NOUN", "PROPN") and not _verb_read_as_noun(trigger):
        return False
    return any(c.dep_ == "dobj" and c.left_edge.i <= root.i <= c.right_edge.i for c in trigger.children)


def _attribution(name: Span) -> bool:
    """A name that closes its sentence after a colon or dash: a headline's source ("...: Borrell")."""
    sentence = name.sent
    return name.start > sentence.start and name.doc[name.start - 1].text in _ATTRIBUTION_MARKS \
        and all(t.is_punct for t in name.doc[name.end:sentence.end])


def _briefed_on(noun: Token, lex: _Lexicon) -> bool:
    """An encounter someone briefs others on ("Mr. Sullivan briefed on U.S. support ..., as well
    as discussions with Egypt to ..."): the briefer is no party to it."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    first = first_conjunct(noun)
    return first.dep_ == "pobj" and first.head.lower_ in ("on", "about") \
        and _lemma(first.head.head, lex) in lex.counterpart_verbs


_DOCUMENT_NOUNS = frozenset({"statement", "statements", "readout", "remarks", "message", "letter"})


def _author(root: Token) -> bool:
    """Who a statement is from: "Statement from Secretary Rubio and NSC Waltz on Call with
    Zelenskyy" (not a party to the call)."""
    first = first_conjunct(root)
    return first.dep_ == "pobj" and first.head.lower_ in ("from", "by") and first.head.head.lower_ in _DOCUMENT_NOUNS


_LIST_TOPIC_PREPOSITIONS = _TOPIC_PREPOSITIONS - {"on", "over"}  # (not "on" a date, "over" the phone)


def _in_noun_conjoined_to_verb(root: Token, anchors: set[int]) -> bool:
    """Reached through a noun the parser conjoined to the trigger verb after a topic preposition:
    the rest of the topic list ("spoke with Prime Minister Trudeau regarding preparations for the
    Summit, efforts to defeat the pandemic, and the two Canadians – Michael Kovrig and Michael
    Spavor – detained by ...")."""
    current = root
    for _ in range(40):
        if current.i in anchors or current.head.i == current.i:
            return False
        verb = current.head
        if current.dep_ == "conj" and current.pos_ in ("NOUN", "PROPN") and verb.i in anchors and verb.pos_ == "VERB" \
                and any(c.dep_ == "prep" and c.lower_ in _LIST_TOPIC_PREPOSITIONS and c.i < current.i
                        for c in verb.children):
            return True
        current = current.head
    return False


def _partner_of_other_noun(root: Token, anchors: set[int]) -> bool:
    """ "its ties with Russia": a "with" object of some other noun, not of the trigger."""
    first = first_conjunct(root)
    prep = first.head
    return first.dep_ == "pobj" and prep.lower_ in _PARTNER_PREPS and prep.head.i not in anchors \
        and prep.head.pos_ in ("NOUN", "PROPN") and not _met_at_place(prep.head, anchors)


def _met_at_place(noun: Token, anchors: set[int]) -> bool:
    """ "met today at the White House with Indian External Affairs Minister ...": the parser hung
    the partner on the place the trigger's "at"/"in" names."""
    place = noun.head
    return noun.dep_ == "pobj" and place.lower_ in ("at", "in") and place.head.i in anchors \
        and (noun.pos_ == "PROPN" or noun.ent_type_ in ("FAC", "GPE", "LOC"))


def _pronoun_party(trigger: Token) -> Token | None:
    """A "he"/"she" subject of the clause ("He and other U.S. officials held talks") or the
    "his" owner of the meeting noun ("his meeting with")."""
    for token in (*_clause_verb(trigger).children, *trigger.children, *_main_clause_subjects(trigger)):
        if token.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue
        if token.lower_ in _PRONOUNS or (token.lower_ in _GROUP_ANAPHORS and any(
                c.lower_ in _GROUP_DETERMINERS for c in token.children)):
            return token
        pronoun = next((c for c in token.children if c.dep_ == "conj" and c.lower_ in _PRONOUNS), None)
        if pronoun is not None:
            return pronoun
    return None


def _party_sets(linked: list[tuple[Actor, int | None]], one_encounter: bool = False,
                doc: Doc | None = None) -> list[list[Actor]]:
    """The meetings a trigger reports: usually one; one per country when a person met
    "officials in A, B and C" (a tour of separate meetings), unless the encounter is one
    by its nature (``one_encounter``: a call, a video summit with "French, German leaders")
    or the group is one body of several countries' envoys ("Ambassadors and Chiefs of Mission
    from Argentina, Austria, ...")."""
    people = [a for a, _ in linked if a.actor_type == "person"]
    people_codes = {a.country_code for a in people}
    others = [(a, g) for a, g in linked if a.actor_type != "person" and a.country_code not in people_codes]
    if len(people) >= 2:
        # (people of one side meeting a side named without a person: "EU's Von der Leyen, Michel
        # meet Japanese PM Kishida", the name the parser cut off)
        return [people + [a for a, _ in others]] if len(people_codes - {None}) <= 1 else [people]
    if one_encounter:
        return [people + [a for a, _ in others]]
    groups: dict[int, list[Actor]] = {}
    for actor, group in others:
        if group is not None:
            groups.setdefault(group, []).append(actor)
    if not people and len(groups) == 1 and doc is not None:
        (group, members), = groups.items()
        if len(members) == len(others) and _met_as_object(doc[group]):
            return []  # "The interagency delegation met with the Prime Ministers of A, B, C": not with each other
    for group, members in groups.items():
        rest = people + [a for a, g in others if g != group]
        if len(members) >= 2 and rest and (doc is None or not _envoys_of_several(doc[group])
                                           and doc[group].dep_ != "nsubj"):
            # (not when the group is who met: "French, Italian, German leaders meet Zelenskyy in Kyiv")
            return [rest + [member] for member in members]
    return [people + [a for a, _ in others]]


def _met_as_object(group: Token) -> bool:
    """The group noun is who was met ("met with the Prime Ministers of ..."), not the sides
    meeting ("a meeting between senior officials from Israel, ...")."""
    return group.dep_ == "dobj" or group.dep_ == "pobj" and group.head.lower_ == "with"


def _envoys_of_several(group: Token) -> bool:
    """A group noun whose countries hang on its own "of"/"from" ("the Deputy National Security
    Advisors of France, Germany, Italy and the United Kingdom"): one body met together."""
    return any(c.dep_ == "prep" and c.lower_ in ("of", "from") for noun in (group, *group.conjuncts)
               for c in noun.children)


_ONE_BY_ONE_WORDS = frozenset({"separate", "separately", "individually", "bilaterally"})
# plural nouns of encounters that each had two sides ("Jordan's king holds meetings with
# presidents of Rwanda, DR Congo, Mozambique"; not "talks", one negotiation of all its sides)
_SEVERAL_ENCOUNTERS = frozenset({"meetings", "calls"})


def _one_by_one(party_sets: list[list[Actor]], trigger: Token) -> list[list[Actor]]:
    """ "spoke individually with A; B; and C", "holds separate talks with British PM, German
    president", "met bilaterally with his counterparts A of X, B of Y", "holds meetings with
    presidents of A, B, C": one meeting of the first party (the host) with each other side."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    words = [*trigger.children, trigger.head, *(g for c in objects for g in c.children)]
    if not any(w.lower_ in _ONE_BY_ONE_WORDS for w in words):
        encounter = (trigger, *objects)  # (a host's "meetings with", not "meetings between" or of a list)
        several = any(t.lower_ in _SEVERAL_ENCOUNTERS for t in encounter) \
            and any(c.dep_ == "prep" and c.lower_ == "with" for t in encounter for c in t.children)
        return [split for parties in party_sets for split in _host_with_each(parties)] if several else party_sets
    split = []
    for parties in party_sets:
        host, guests = parties[:1], [p for p in parties[1:] if p.country_code != parties[0].country_code]
        split.extend([[*host, guest] for guest in guests] if len(guests) >= 2 else [parties])
    return split


def _host_with_each(parties: list[Actor]) -> list[list[Actor]]:
    """ "holds meetings with presidents of Rwanda, DR Congo, Mozambique": the first party (the
    host) with each other, when each is of a known country of its own; else one meeting (not
    "meetings with Prime Minister Draghi and his Diplomatic Advisor Luigi Mattiolo")."""
    guests = parties[1:]
    codes = [g.country_code for g in guests]
    if len(guests) < 2 or None in codes or len(set(codes)) < len(codes) or parties[0].country_code in codes:
        return [parties]
    return [[parties[0], guest] for guest in guests]


# ---------------------------------------------------------------- attributes

def _place_preposition(ent: Span) -> Token | None:
    """The preposition a place hangs from: "in" for "in the Red Sea port city of Jeddah"."""
    current = ent.root
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if head.dep_ == "prep" and current.dep_ == "pobj" and head.lower_ != "of":
            return head
        if current.dep_ not in ("pobj", "compound", "appos", "conj", "prep", "nmod", "amod") \
                and not (current.dep_ == "poss" and head.lower_ == "capital"):  # "in Angola's capital"
            return None
        current = head
    return None



def _location(sentence: Span, anchors: set[int], mode: str, lex: _Lexicon,
              trigger_i: int | None = None, own_clause_only: bool = False,
              trigger: Token | None = None) -> str | None:
    """City, else country, named after "in"/"at" (the trigger's own clause first, or only with
    ``own_clause_only``; none for calls)."""
    if mode == "call":
        return None
    where = _place_of_where(trigger) if trigger is not None else None
    if where is not None:
        return where
    places = []
    for ent in sentence.ents:
        venue = lex.venues.get(" ".join(ent.text.split()).casefold().removeprefix("the "))
        if (ent.label_ not in ("GPE", "LOC", "FAC") and venue is None) or gazetteer.org_code(ent.text):
            continue  # (a venue the NER tags as an organisation: "the White House", "the Oval Office")
        if _qualifies_a_thing(ent, lex) or _names_a_side(ent, lex):
            continue  # "in the U.S.-China bilateral relationship", "at crucial moment of Ukraine crisis"
        prep = _place_preposition(ent)
        # "traveled to Jeddah", "welcomed Chancellor Scholz to the White House"
        travelled_to = prep is not None and prep.lower_ == "to" and (
            _travels(prep.head, lex) and _done_on_the_trip(trigger, lex)
            or _lemma(_welcomed(prep.head), lex) == "welcome")
        if (prep is None or not (prep.lower_ in lex.location_prepositions or travelled_to)
                or _places_a_side(ent, lex)) and not _names_the_talks(ent, anchors, lex):
            continue  # "officials in the EU": a side, not the venue
        if own_clause_only and not _linked(ent.root, anchors) or _discussed_place(ent, anchors, lex):
            continue
        is_city = venue is not None or not gazetteer.country_code(ent.text)
        # a building no city stands for ("at the Presidential Palace in Hanoi"): after the city
        building = ent.label_ == "FAC" and venue is None
        places.append((not _linked(ent.root, anchors), ent.label_ == "LOC", building, not is_city,
                       abs(ent.start - trigger_i) if trigger_i is not None else ent.start,
                       venue or ent.text))
    if not places:
        return _visited_place(trigger, lex) if trigger is not None else None
    return _place_text(min(places)[5])


def _place_text(text: str) -> str:
    """A place as written, on one line, without a leading "the"."""
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text


def _visited_place(trigger: Token, lex: _Lexicon) -> str | None:
    """The place the trigger's own visit verb takes as its object, when nothing names the venue
    with a preposition ("Ishiba ... visited Taiwan in August and told Taiwan President Lai")."""
    for verb in (trigger, trigger.head) if trigger.dep_ == "conj" else (trigger,):
        if _lemma(verb, lex) != "visit" or verb.pos_ != "VERB":
            continue
        for place in (c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ == "GPE"):
            span = next((e for e in verb.doc.ents if e.start <= place.i < e.end), None)
            if span is not None:
                return _place_text(span.text)
    return None


def _place_of_where(trigger: Token) -> str | None:
    """The place a "where" clause hangs from: "arrived in Israel from Dammam, Saudi Arabia, where
    he held constructive meetings" (the city, when a country follows it in apposition)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    place = verb.head
    if place.dep_ == "appos" and place.head.ent_type_ == "GPE" and not gazetteer.country_code(place.head.text):
        place = place.head  # "Dammam, Saudi Arabia"
    ent = next((e for e in place.doc.ents if e.start <= place.i < e.end and e.label_ in ("GPE", "LOC")), None)
    return " ".join(ent.text.split()).removeprefix("the ") if ent is not None else None


def _names_the_talks(place: Span, anchors: set[int], lex: _Lexicon) -> bool:
    """A city naming the meeting itself: "Doha talks between the U.S., Iran, and the EU" (a
    country there is a side: "Russia-Ukraine talks")."""
    head = place.root.head
    return place.root.dep_ == "compound" and head.i in anchors and head.lower_ in lex.nouns \
        and not gazetteer.country_code(place.text)


def _done_on_the_trip(trigger: Token | None, lex: _Lexicon) -> bool:
    """The encounter is what the trip was for ("traveled to Jeddah to meet with", "to hold talks
    with"), not an earlier one it builds on ("travelled to ... to build on the November 2
    discussions between ...")."""
    if trigger is None or trigger.pos_ in ("VERB", "AUX"):
        return True
    if trigger.dep_ == "dobj":
        return _lemma(trigger.head, lex) in lex.light_verbs  # "to hold talks with"
    return trigger.dep_ == "pobj" and trigger.head.lower_ == "for"  # "traveled to X for talks with"


def _qualifies_a_thing(place: Span, lex: _Lexicon) -> bool:
    """A place modifying a common noun that is no encounter ("the Ukraine crisis"; not "in Tokyo
    Japan", "in Washington D.C." or "at the Singapore summit")."""
    head = place.root.head
    return place.root.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN" \
        and head.ent_type_ not in ("GPE", "LOC", "FAC") and head.lower_ not in lex.nouns


def _names_a_side(place: Span, lex: _Lexicon) -> bool:
    """A country of the hyphenated pair that names a meeting by its sides ("progress in
    Russia-Ukraine peace talks"), not where it was held (as "at the Singapore summit" is)."""
    current = place.root
    while current.dep_ == "compound" and current.head.i != current.i:
        current = current.head
    pair = _hyphen_compound(current) if current.i != place.root.i and current.lower_ in lex.nouns else None
    return pair is not None and place.text in pair.split("-")


def _discussed_place(place: Span, anchors: set[int], lex: _Lexicon) -> bool:
    """A place inside what a meeting went on to discuss ("met today with President of Finland
    Sauli Niinistö to discuss ... deterrence in northern Europe"), not where they met."""
    return any(_lemma(t, lex) in lex.topic_verbs and t.i not in anchors for t in place.root.ancestors)


def _welcomed(guest: Token) -> Token:
    """The verb whose object a "to" phrase hangs on ("welcomed X and his accompanying delegation
    to the White House"): the welcoming verb, else the word itself."""
    current = guest
    while current.dep_ in ("dobj", "conj", "appos") and current.head.i != current.i:
        current = current.head
        if current.pos_ == "VERB":
            return current
    return guest


def _places_a_side(place: Span, lex: _Lexicon) -> bool:
    """The place belongs to a group noun ("officials in the EU"), or is the country a titled
    person serves; a city or building after a title is where they met ("the Secretary of the
    Council Jadamba Enkhbayar at the White House", "General Zhang Youxia, Vice Chairman of the
    Commission, in Beijing")."""
    side = _side_noun(place.root, lex)
    if side is None:
        return False
    if side.tag_ in ("NNS", "NNPS"):
        # (not "meets with Iranian leaders in Tehran": a group its demonym already places)
        return not any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in side.children)
    return place.label_ == "GPE" and bool(gazetteer.country_code(place.text))


def _last_stated_day(doc: Doc, before: int, published_at: date | None, hint_year: int | None) -> date | None:
    """The latest single day the text names before token ``before`` ("Later on Monday")."""
    for ent in reversed([e for e in doc.ents if e.label_ == "DATE" and e.end <= before]):
        start, end = resolve_date(ent.text, published_at, hint_year)
        if start is not None and start == end:
            return start
    return published_at


def _dates_other_noun(ent: Span, trigger: Token) -> bool:
    """ "preparations for the April 22 summit": the date qualifies another noun, not the meeting
    (but "spoke yesterday evening": a time of that day)."""
    root = ent.root
    head = root.head
    return root.dep_ in _NOUN_MODIFIER_DEPS and head.i != trigger.i and not (ent.start <= head.i < ent.end) \
        and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("TIME", "DATE")


def _not_after_publication(day: date | None, sentence: Span, published_at: date | None,
                           lex: _Lexicon) -> date | None:
    """Last guard: a held meeting cannot postdate its report; "today" means the publication day."""
    if day is None or published_at is None or day <= published_at:
        return day
    lower = sentence.text.lower()
    return published_at if any(re.search(rf"\b{re.escape(p)}\b", lower) for p in lex.publication_day) else None


def _meeting_date(sentence: Span, trigger: Token, published_at: date | None, readout: bool,
                  lex: _Lexicon, hint_year: int | None = None, trip: bool = False) -> tuple[date | None, bool]:
    """(day of the meeting, whether the sentence states it). A readout's meeting the text does
    not date is of its day, unless the readout is of a trip (``trip``), whose days the text
    names (``_trip_dates``) or not: "Readout of ... Travel to Japan", published the day after."""
    anchors = _anchors(trigger)
    dates = [e for e in sentence.ents if e.label_ == "DATE" and not _dates_other_noun(e, trigger)
             and not _is_topic(e.root, trigger, lex)]  # "discussed the launch ... on June 12"
    if not dates:
        if not readout or _earlier_encounter(trigger):
            return None, False
        days = _trip_dates(sentence, published_at, hint_year, lex)
        return (None if trip else published_at) if days is None else (None if days[1] else days[0]), False
    # the trigger's own clause first, then the nearest
    dates.sort(key=lambda e: (not _linked(e.root, anchors), abs(e.start - trigger.i)))
    ranges = []
    for ent in dates:  # a single day wins over a span ("earlier this week, on January 9")
        if any(phrase in ent.text.lower() for phrase in lex.same_day):
            return _last_stated_day(sentence.doc, sentence.start, published_at, hint_year), True
        start, end = resolve_date(ent.text, published_at, hint_year)
        if start is not None and start == end:
            return start, True
        if start is not None and end is not None and (end - start).days <= _MAX_RANGE_DAYS \
                and any(ch.isdigit() for ch in ent.text):
            ranges.append(start)  # "March 23-25": its first day (not "this week", which fixes none)
    return (ranges[0] if ranges else None), True


def _trip_dates(sentence: Span, published_at: date | None, hint_year: int | None,
                lex: _Lexicon) -> tuple[date | None, bool] | None:
    """(day, several days) of the report's trip, stated before ``sentence`` on its travel verb
    ("traveled to El Salvador on November 28", "travelled to the Dominican Republic January 8-10",
    "On September 30–October 1, ... traveled to Port-au-Prince"); None when no trip is dated. A
    meeting the text does not date happened on that day, or on one of those days."""
    for ent in sentence.doc.ents:
        if ent.start >= sentence.start:
            return None
        if ent.label_ != "DATE" or ent.root.dep_ not in ("pobj", "npadvmod", "appos"):
            continue
        # on the travel verb, through "on"/"from" or a place it follows ("visited New Delhi, India, June 13-14")
        if not any(_travels(t, lex) for t in islice(ent.root.ancestors, 4)):
            continue
        start, end = resolve_date(ent.text, published_at, hint_year)
        if start is None or (published_at is not None and start > published_at):
            continue
        # ("19-20 November", "September 30–October 1" and "September 4 and 5" may resolve to one day)
        several = bool(_SEVERAL_DAYS.search(ent.text)) or (end is not None and end != start) \
            or "week" in ent.text.lower()  # ("During the week of March 14, ... led a U.S. delegation to Pristina")
        if several and end is not None and (end - start).days > _TRIP_DAYS:
            continue
        return start, several
    return None


_SEVERAL_DAYS = re.compile(r"\d\s*(?:-|–|—|\band\b|\bto\b|\bthrough\b)\s*(?:[A-Z][a-z]+\.?\s+)?\d")


_EARLIER_WORDS = frozenset({"recent", "previous", "last", "earlier", "prior"})


def _earlier_encounter(trigger: Token) -> bool:
    """ "following the recent phone call between President Biden and ...": an encounter before
    the one the readout reports, so not on its day."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and c.lower_ in _EARLIER_WORDS for c in trigger.children)


def _sentence_mode(sentence: Span, default: str, lex: _Lexicon) -> str:
    modes = {lex.mode_words[t.lower_] for t in sentence if t.lower_ in lex.mode_words}
    if "virtual" in modes:
        return "virtual"
    if "call" in modes and default != "in_person":
        return "call"
    if default == "in_person" and "call" in modes and any(t.lower_ in ("phone", "telephone") for t in sentence):
        return "call"
    return default


def _is_readout(doc: Doc, lex: _Lexicon) -> bool:
    title = doc.user_data.get("title") if doc.user_data else None
    head = (title or doc_text(doc)[:200]).lstrip()
    return bool(lex.readout_prefixes) and head.lower().startswith(lex.readout_prefixes)


def _title_span(doc: Doc) -> tuple[int, int]:
    title = doc.user_data.get("title") if doc.user_data else None
    if title and doc_text(doc).lstrip().startswith(title.strip()[:40]):
        offset = len(doc_text(doc)) - len(doc_text(doc).lstrip())
        return offset, offset + len(title.strip())
    return 0, 0


# ---------------------------------------------------------------- candidates

def _confidence(parties: list[Actor], sides: set[str], trigger: Token, lex: _Lexicon) -> float:
    people = sum(1 for a in parties if a.actor_type == "person")
    confidence = 0.9 if people >= 2 else 0.8 if people == 1 else 0.7
    if len(sides) < 2:
        confidence = 0.5  # a side of unknown country
    if _lemma(trigger, lex) in lex.counterpart_verbs:
        confidence -= 0.15  # reported speech implies the encounter
    return confidence


def _sentence_candidates(sentence: Span, actors: ActorIndex, published_at: date | None,
                         readout: bool, title_end: int, lex: _Lexicon,
                         positions: np.ndarray, hint_year: int | None = None,
                         trip: tuple[str, str] | None = None, travelled: bool = False) -> list[_Candidate]:
    """Meetings of ``sentence``; ``positions``: the document's tokens in ``lex.trigger_words``
    (the only tokens ``_trigger_mode`` accepts), found once per document; ``trip``: where the
    readout's title says its official travelled (place, country); ``travelled``: the title is of
    travel, to one place or several."""
    candidates = []
    for token in tokens_within(sentence, positions):
        found = _trigger_mode(token, actors, lex)
        if found is None or _is_irrealis(token, lex):
            continue
        trigger_text, mode = found
        pair = _pair_parties(token, actors, lex.known_people) if token.pos_ in ("NOUN", "PROPN") else []
        if _still_to_come(token, bool(pair)) or (pair and _discussed_pair(token, lex)) or _margins_of(token):
            continue
        linked = [(a, None) for a in pair] or _participants(token, sentence, actors, lex)
        mode = _sentence_mode(sentence, mode, lex)
        lemma = _lemma(token, lex)
        reported = lemma in lex.counterpart_verbs or lemma in lex.topic_verbs
        one_encounter = mode != "in_person" or token.lower_ in lex.multiparty_nouns or any(
            t.lower_ in lex.multiparty_nouns for t in token.children if t.dep_ == "dobj")
        for parties in _one_by_one(_party_sets(linked, one_encounter, sentence.doc), token):
            sides = {a.country_code for a in parties if a.country_code}
            unknown = sum(1 for a in parties if not a.country_code)
            if len(sides) == 1 and unknown == 1 and mode == "in_person" and _while_in(sentence) \
                    and any(not a.country_code and a.actor_type == "person" and a.title for a in parties):
                host = _located_country(_location(sentence, _anchors(token), mode, lex))
                if host and host not in sides:  # "While in Panama, X met with President Cortizo"
                    sides.add(host)
                    unknown = 0
            hosted = len(sides) == 1 and unknown and mode == "in_person" and trip is not None \
                and trip[1] not in sides and _met_there(parties, token, actors)
            if hosted:
                # "Readout of ... Travel to Guatemala": "During meetings with President Alejandro
                # Giammettei and President-elect Bernardo Arévalo, Dr. Gordon reinforced ..."
                sides.add(trip[1])
                unknown = 0
            if len(parties) < 2 or (len(sides) < 2 and not (len(sides) == 1 and unknown and len(parties) == 2
                                                             and not readout)):
                continue  # one side only: domestic (a readout's unplaced people are its own side)
            if len(sides) >= 2 and len(gazetteer.sovereigns(sides)) < 2:
                continue  # a government and its own territory's ("met with Puerto Rico Governor Pierluisi")
            meeting_date, stated = _meeting_date(sentence, token, published_at, readout, lex, hint_year,
                                                 travelled)
            if pair and meeting_date and published_at and meeting_date > published_at:
                continue  # "hosting the U.S.-Russia Summit in Geneva on June 16" a day early: still to come
            meeting_date = _not_after_publication(meeting_date, sentence, published_at, lex)
            candidates.append(_Candidate(
                participants=parties, trigger=trigger_text, mode=mode, sentence=sentence,
                meeting_date=meeting_date, date_stated=stated,
                location=None if lemma in lex.topic_verbs else _location(
                    sentence, _anchors(token), mode, lex, token.i if pair else None, own_clause_only=reported,
                    trigger=token)
                or (trip[0] if hosted else None),
                confidence=_confidence(parties, sides, token, lex),
                from_title=title_end > 0 and sentence.start_char < title_end, sides=sides,
                reported=reported, anaphoric=_names_the_meeting_before(token)))
    return candidates


def _name_the_sides(candidate: _Candidate, actors: ActorIndex, lex: _Lexicon) -> None:
    """Officials met unnamed; the next sentences name them ("The meetings, co-chaired by
    U.S. National Security Advisor Jake Sullivan and UK National Security Advisor Sir Tim Barrow")."""
    if candidate.people:
        return
    sentence = candidate.sentence
    doc = sentence.doc
    for _ in range(_ANAPHORA_WINDOW):
        if sentence.end >= len(doc):
            return
        sentence = doc[sentence.end].sent
        if not any(t.lower_ in lex.anaphoric_nouns and any(c.lower_ == "the" for c in t.children)
                   for t in sentence):
            continue
        named = {}
        for mention in actors.mentions_between(sentence.start_char, sentence.end_char):
            actor = mention.actor
            if actor.actor_type == "person" and actor.country_code in candidate.sides:
                named.setdefault(actor.country_code, actor)
        if set(named) == candidate.sides:
            candidate.participants = list(named.values())
            return


def find_meetings(doc: Doc, actors: ActorIndex, published_at: date | None, codebook: dict) -> list[dict]:
    """Meeting records of ``doc`` (columns of raw.meeting_candidates minus ids/version)."""
    lex = _lexicon(codebook.get("meetings") or {}, codebook.get("actors"))
    readout = _is_readout(doc, lex)
    _, title_end = _title_span(doc)
    hint_year = year_hint(doc_text(doc)) if published_at is None else None
    candidates: list[_Candidate] = []
    positions = word_positions(doc, lex.trigger_words)
    travel = _TRIP_TITLE.search(" ".join(doc_text(doc)[:title_end].split())) if readout else None
    trip, travelled = _trip_destination(travel), travel is not None
    for sentence in doc.sents:
        if any_within(sentence, positions) and sentence.text.strip():
            candidates.extend(_sentence_candidates(sentence, actors, published_at, readout, title_end, lex,
                                                   positions, hint_year, trip, travelled))
    for candidate in candidates:
        _name_the_sides(candidate, actors, lex)
    candidates = [c for n, c in enumerate(candidates)
                  if not (c.anaphoric and any(c.sides & other.sides for other in candidates[:n]))
                  and not _sums_up_several(c, candidates)]
    merged = _merge(candidates)
    heard_by = _title_mode(doc, title_end, lex) if readout else None
    by_video = readout and (heard_by == "virtual" or _lead_by_video(doc, title_end, lex, positions))
    for candidate in merged:
        _place_from_context(candidate, actors, lex, trip is not None)
        _host_side(candidate, lex)
        if candidate.reported and candidate.mode == "in_person" and heard_by in ("call", "virtual"):
            candidate.mode = heard_by  # "... Calls with Senior UN Officials": "X and Y discussed ..."
        if candidate.mode == "call" and by_video:
            candidate.mode = "virtual"  # "hosted a videoconference today with Allies", then "on the call"
        if candidate.mode == "call":
            candidate.location = None  # a place a merged sentence named is not where a call was
    return [_record(c) for c in merged]


def _lead_by_video(doc: Doc, title_end: int, lex: _Lexicon, positions: np.ndarray) -> bool:
    """The first body sentence that names an encounter says it was held by video ("spoke by
    video conference today with Allies and partners")."""
    for sentence in doc.sents:
        if sentence.start_char >= title_end and any_within(sentence, positions):
            return any(lex.mode_words.get(t.lower_) == "virtual" for t in sentence)
    return False


def _title_mode(doc: Doc, title_end: int, lex: _Lexicon) -> str | None:
    """How the meetings a readout's title names were held ("Calls with ...", "Virtual Meeting")."""
    for token in doc:
        if token.idx >= title_end:
            return None
        if token.lower_ in lex.nouns:
            return _sentence_mode(token.sent, lex.nouns[token.lower_], lex)
    return None


def _arrival_place(sentence: Span, people: set[str], actors: ActorIndex, lex: _Lexicon) -> str | None:
    """The city (else country) a participant arrived in or travelled to in ``sentence``:
    "Xi arrived in the Tajik capital Dushanbe", "a visit by Modi to Mauritius"."""
    for ent in sentence.ents:
        if ent.label_ not in ("GPE", "LOC") or gazetteer.org_code(ent.text):
            continue
        prep = _place_preposition(ent)
        if prep is None or prep.lower_ not in ("in", "to"):
            continue
        head = prep.head
        # (or was there: "This week, Deputy National Security Advisor Daleep Singh was in New Delhi")
        arrival = _travels(head, lex) or head.lower_ in lex.trip_nouns \
            or head.lemma_ == "be" and prep.lower_ == "in"
        if not arrival or (prep.lower_ == "in" and head.pos_ not in ("VERB", "AUX")):
            continue
        if head.lower_ in lex.delegation_nouns:
            head = head.head  # (its leader is the verb's subject)
        movers = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "prep")]
        named = {actors.actor_at(t).key for c in movers for t in c.subtree
                 if actors.actor_at(t) is not None and actors.actor_at(t).actor_type == "person"}
        if named & people:
            return _place_text(ent.text)
    return None


def _place_from_context(candidate: _Candidate, actors: ActorIndex, lex: _Lexicon, trip: bool = False) -> None:
    """An in-person meeting whose sentences name no place happened where the story just
    put one of its participants (lower confidence: the text does not say so outright); in
    a readout of travel to one place, where its lead put them ("traveled to Tokyo, Japan,
    for two landmark trilateral meetings"), however far back: also the city of the country its
    title names ("Trip to Ukraine", "traveled to Kyiv")."""
    country = trip and candidate.location is not None and gazetteer.country_code(candidate.location)
    if candidate.location and not country or candidate.mode != "in_person" or not candidate.people:
        return
    sentence = candidate.sentence
    doc = sentence.doc
    for _ in range(len(doc) if trip else _CONTEXT_SENTENCES + 1):
        place = _arrival_place(sentence, candidate.people, actors, lex)
        if place is not None and country and _located_country(place) != country:
            return
        if place is not None:
            candidate.location = place
            candidate.confidence = max(0.0, candidate.confidence - 0.1)
            return
        if sentence.start == 0:
            return
        sentence = doc[sentence.start - 1].sent


def _host_side(candidate: _Candidate, lex: _Lexicon) -> None:
    """The host's country when the text names only the visitor's: "President Dr Arif Alvi
    and the visiting ... Minister of Foreign Affairs of China, Qin Gang ... in Islamabad".

    One participant has no country, the sentence calls the other side a visitor, and the
    meeting place lies in a country no participant comes from: the host is at home there.
    (When the place is the visitor's own country, the visitor is the unplaced one: nothing
    is added.)"""
    if candidate.mode != "in_person" or not candidate.location or not candidate.sides:
        return
    unplaced = [a for a in candidate.participants if a.actor_type == "person" and not a.country_code]
    if len(unplaced) != 1:
        return
    country = _located_country(candidate.location)
    if not country or country in candidate.sides:
        return
    if any(token.lower_ in lex.visitor_words for token in candidate.sentence) or _while_in(candidate.sentence):
        candidate.sides.add(country)


def _met_there(parties: list[Actor], trigger: Token, actors: ActorIndex) -> bool:
    """Every party of no known country is a person named after the trigger, by a title or as
    whom the trigger is "with": whom the traveller met ("meetings with President Alejandro
    Giammettei", "met with Andriy Yermak, the head of the Presidential Office"), not a fellow
    traveller ("Dr. Philip Gordon and ... USAID Deputy Administrator Isobel Coleman, traveled ...
    to meet")."""
    sentence = trigger.sent
    mentions = actors.mentions_between(sentence.start_char, sentence.end_char)

    def met(mention: Mention) -> bool:
        root = trigger.doc[mention.start:mention.end].root
        return mention.start > trigger.i and (mention.actor.title is not None or root.dep_ == "pobj" and (
            root.head.lower_ == "with" and root.head.head.i == trigger.i))

    return all(a.actor_type == "person" and all(met(m) for m in mentions if m.actor == a)
               for a in parties if not a.country_code)


_TRIP_TITLE = re.compile(r"\b(?:Travel|Trip|Visit)s? to (?:the )?(.+)$")


def _trip_destination(found: re.Match | None) -> tuple[str, str] | None:
    """(place, country) a readout's title says its official travelled to (``found``: its
    ``_TRIP_TITLE`` match: "Readout of National Security Advisor to the Vice President Philip
    Gordon’s Travel to Guatemala", "Travel to Brasilia, Brazil"); None for a tour of several
    ("to Panama and Colombia")."""
    if found is None:
        return None
    places = [p.strip() for p in re.split(r",| and ", found.group(1)) if p.strip()]
    codes = {_located_country(p) for p in places}
    return (places[0], codes.pop()) if len(codes) == 1 and None not in codes else None


def _located_country(place: str | None) -> str | None:
    """The country a meeting place is (or is the capital of)."""
    return (gazetteer.country_code(place) or gazetteer.capital_country(place)) if place else None


def _while_in(sentence: Span) -> bool:
    """ "While in Panama, Sherwood-Randall met with President Laurentino Cortizo": the named
    side is the traveller, so the one met there is at home."""
    return [t.lower_ for t in islice((t for t in sentence if not t.is_space), 2)] == ["while", "in"]


# ---------------------------------------------------------------- merging

def _same_meeting(a: _Candidate, b: _Candidate) -> bool:
    if a.from_title != b.from_title and (_after_the_meeting(a.sentence) or _after_the_meeting(b.sentence)):
        return False  # "Following the meeting, National Security Advisor Sullivan met with Mr. Yermak"
    if a.date_stated and b.date_stated and a.meeting_date and b.meeting_date and a.meeting_date != b.meeting_date:
        return False
    if a.location and b.location and a.location != b.location and not _within(a.location, b.location):
        return False
    names_a, names_b = a.people, b.people
    if len(names_a) >= 2 and len(names_b) >= 2:
        return names_a <= names_b or names_b <= names_a \
            or a.from_title != b.from_title and a.sides == b.sides and bool(names_a & names_b) \
            and _partner_unnamed(a if a.from_title else b)
    # a title may name fewer sides than the body's sentence ("Call with the National Security
    # Advisors of Japan and the Philippines", the Philippines lost to the parse)
    same_sides = a.sides == b.sides or a.from_title != b.from_title and a.mode == b.mode \
        and (a.sides < b.sides or b.sides < a.sides)
    return same_sides and (not names_a or not names_b or bool(names_a & names_b))


def _partner_unnamed(title: _Candidate) -> bool:
    """A title whose people are all one side's, the other a body ("Readout of National Security
    Advisor Jake Sullivan and Principal Deputy National Security Advisor Jon Finer’s Calls with
    Senior UN Officials"): it sums up the calls the body names, one of them with its people."""
    return len({p.country_code for p in title.participants if p.actor_type == "person"}) == 1


def _names_the_meeting_before(trigger: Token) -> bool:
    """ "During the meeting, Mr. Sullivan extended an invitation ...": "the meeting", with no
    one it was with, is one a sentence before reported (its people are named here anew, some
    only mentioned: "on behalf of President Biden")."""
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in ("during", "at", "in") \
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children) \
        and not _has_partner(trigger) \
        and not any(c.dep_ in ("compound", "amod", "poss") for c in trigger.children)


def _sums_up_several(title: _Candidate, candidates: list[_Candidate]) -> bool:
    """A title that names several encounters at once ("Calls with King Hamad bin Isa Al Khalifa
    and Crown Prince Salman bin Hamad Al Khalifa"), which the body reports one by one."""
    if not title.from_title or len(title.people) < 3:
        return False
    parts = [c for c in candidates if not c.from_title and len(c.people) >= 2 and c.people < title.people]
    return len(parts) >= 2 and len({frozenset(c.people) for c in parts}) >= 2


def _after_the_meeting(sentence: Span) -> bool:
    """The sentence opens with "Following the meeting," / "After the call,": what it reports is
    another encounter than the one the readout is about."""
    words = [t.lower_ for t in islice((t for t in sentence if not t.is_space), 3)]
    return len(words) == 3 and words[0] in ("following", "after") and words[1] == "the" \
        and words[2] in ("meeting", "call", "talks", "summit", "meetings")


def _specificity(candidate: _Candidate) -> tuple[int, bool, bool]:
    """How fully a sentence states its meeting: named people, a stated date, a place."""
    return len(candidate.people), candidate.date_stated and candidate.meeting_date is not None, \
        candidate.location is not None


def _within(place_a: str, place_b: str) -> bool:
    """One place is the country the other (a city) lies in: "Vientiane" and "Laos"."""
    country_a, country_b = gazetteer.country_code(place_a), gazetteer.country_code(place_b)
    if bool(country_a) == bool(country_b):
        return False
    city = place_b if country_a else place_a
    return gazetteer.capital_country(city) == (country_a or country_b)


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per distinct meeting; the most specific date and place among its
    sentences win (a body sentence over the title)."""
    merged: list[_Candidate] = []
    for candidate in candidates:
        twin = next((m for m in merged if _same_meeting(m, candidate)), None)
        if twin is None:
            merged.append(candidate)
            continue
        # (a sentence of what they discussed does not replace one that states the encounter)
        if (twin.from_title and not candidate.from_title and not twin.body_seen) or \
                _specificity(candidate) > _specificity(twin) and not (candidate.reported and not twin.reported):
            # the body (or a fuller sentence) states the meeting: its sentence, trigger and mode win
            # (not a speech verb's guessed mode over a stated one: "Call with ..." then "briefed")
            mode = twin.mode if candidate.reported and not twin.reported else candidate.mode
            twin.sentence, twin.trigger, twin.mode = candidate.sentence, candidate.trigger, mode
            twin.reported = twin.reported and candidate.reported
            twin.body_seen = twin.body_seen or not candidate.from_title
        elif twin.reported and not candidate.reported:
            twin.mode, twin.reported = candidate.mode, False  # a stated mode over a guessed one
        if candidate.date_stated and candidate.meeting_date and not (twin.date_stated and twin.meeting_date):
            twin.meeting_date, twin.date_stated = candidate.meeting_date, True
        twin.meeting_date = twin.meeting_date or candidate.meeting_date
        if candidate.location and (not twin.location or (
                gazetteer.country_code(twin.location) and _within(twin.location, candidate.location))):
            twin.location = candidate.location  # the city over its country
        if twin.from_title != candidate.from_title and twin.people and candidate.people \
                and not (twin.people <= candidate.people or candidate.people <= twin.people):
            # a title's sum of calls and the one the body reports: who took part in that one
            twin.participants = (candidate if twin.from_title else twin).participants
        elif len(candidate.people) > len(twin.people) and not (candidate.reported and not twin.reported):
            twin.participants = candidate.participants
        twin.sides |= candidate.sides
        twin.from_title = twin.from_title or candidate.from_title
        twin.confidence = min(1.0, max(twin.confidence, candidate.confidence) + 0.05)
    return merged


def _record(candidate: _Candidate) -> dict:
    sentence = candidate.sentence
    text = sentence.text
    lead = len(text) - len(text.lstrip())
    evidence = text.strip()
    start_char = sentence.start_char + lead
    return {
        "participants": [{"name": a.name, "actor_type": a.actor_type,
                          "country_code": a.country_code, "title": a.title}
                         for a in candidate.participants],
        "country_codes": sorted(candidate.sides),
        "meeting_date": candidate.meeting_date,
        "location": candidate.location,
        "mode": candidate.mode,
        "evidence": evidence,
        "start_char": start_char,
        "end_char": start_char + len(evidence),
        "confidence": round(candidate.confidence, 3),
        "trigger": candidate.trigger,
        "from_title": candidate.from_title,
    }
