"""Meetings: two sides from different countries (or a country and an organisation) talked.

A trigger (verb or noun from meetings.yaml) is found on the dependency parse;
its participants are the actor mentions syntactically attached to it (subject,
object, "with"/"between" objects and their conjuncts) without crossing into a
relative or adverbial clause; planned or hypothetical meetings are dropped;
sentences describing the same participant set are merged into one record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.actors import Actor, ActorIndex, Mention
from extract.dates import resolve_date

# Dependencies that start a new clause: a mention beyond one is not a party to the trigger.
_CLAUSE_BOUNDARIES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "pcomp"}
_PARTNER_PREPS = {"with", "between", "among", "by"}
_MAX_RANGE_DAYS = 3  # "May 10-11": a meeting over a few days is dated by its first day


@dataclass
class _Candidate:
    participants: list[Actor]
    trigger: str
    mode: str
    sentence: Span
    meeting_date: date | None
    location: str | None
    confidence: float
    from_title: bool
    sides: set[str] = field(default_factory=set)
    body_seen: bool = False


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _clause_verb(token: Token) -> Token:
    """The verb heading the clause that contains ``token``."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _is_irrealis(trigger: Token, cfg: dict) -> bool:
    """Planned, hoped-for or hypothetical: "will meet", "plans to meet", "a planned call"."""
    auxiliaries = set(cfg.get("irrealis_auxiliaries") or [])
    governors = set(cfg.get("irrealis_governors") or [])
    modifiers = set(cfg.get("irrealis_modifiers") or [])
    if any(child.lower_ in modifiers for child in trigger.children):
        return True
    verb = _clause_verb(trigger)
    for v in {verb, trigger}:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in auxiliaries for c in v.children):
            return True
        if v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            return True  # bare infinitive: "to meet", "to speak again"
        if v.dep_ in ("xcomp", "ccomp") and _lemma(v.head) in governors:
            return True
    if verb.lemma_ == "take" and any(c.lower_ == "place" for c in verb.children):
        return any(c.lower_ in auxiliaries for c in verb.children)
    return False


def _trigger_mode(token: Token, cfg: dict) -> tuple[str, str] | None:
    """(trigger text, mode) when ``token`` is a meeting trigger, else None."""
    lemma = _lemma(token)
    children = list(token.children)
    has_partner = any(c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS for c in children)
    if token.pos_ in ("VERB",):
        if lemma in (cfg.get("verbs") or {}):
            if lemma == "host" and not any(c.dep_ in ("dobj", "prep") for c in children):
                return None
            return token.text, cfg["verbs"][lemma]
        for phrase, mode in (cfg.get("phrasal_verbs") or {}).items():
            verb, particle = phrase.split(" ", 1)
            if lemma == verb and any(c.lower_ == particle and c.dep_ in ("prep", "prt") for c in children):
                return f"{token.text} {particle}", mode
        if lemma in (cfg.get("verbs_with_partner") or {}):
            nouns = cfg.get("nouns") or {}
            obj = next((c for c in children if c.dep_ == "dobj" and _lemma(c) in nouns or c.lower_ in nouns), None)
            if lemma in ("hold", "have"):
                if obj is None:
                    return None
                return f"{token.text} {obj.text}", nouns.get(obj.lower_, nouns.get(_lemma(obj), "in_person"))
            if has_partner or any(c.lower_ in ("phone", "telephone") for c in token.subtree):
                return token.text, cfg["verbs_with_partner"][lemma]
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        nouns = cfg.get("nouns") or {}
        key = token.lower_ if token.lower_ in nouns else lemma
        if key in nouns and (has_partner or token.dep_ in ("dobj", "nsubj", "pobj")):
            if not has_partner and token.head.dep_ != "prep" and token.dep_ != "dobj":
                return None
            return token.text, nouns[key]
    return None


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
    """The trigger and its heads up to (and including) its clause verb."""
    anchors = {trigger.i}
    current = trigger
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
        anchors.add(current.i)
    return anchors


def _side_label(mention: Mention, doc: Doc, side_nouns: set[str]) -> Actor | None:
    """A country mention standing for its side ("Russian officials") as a participant."""
    token = doc[mention.end - 1]
    head = token.head
    if token.dep_ in ("amod", "compound", "nmod", "poss") and head.lower_ in side_nouns:
        return Actor(f"{mention.text} {head.text}", "country", mention.actor.country_code, None)
    if token.dep_ in ("nsubj", "dobj", "conj", "pobj") and not (token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "to", "from", "for", "of", "on")):
        return mention.actor
    return None


def _participants(trigger: Token, sentence: Span, actors: ActorIndex, cfg: dict) -> list[tuple[Actor, Token]]:
    between = any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in trigger.children)
    anchors = {trigger.i} if between else _anchors(trigger)
    side_nouns = set(cfg.get("side_nouns") or [])
    doc = sentence.doc
    found: list[tuple[Actor, Token]] = []
    person_tokens = {i for m in actors.mentions_between(sentence.start_char, sentence.end_char)
                     if m.actor.actor_type == "person" for i in range(m.start, m.end)}
    for mention in actors.mentions_between(sentence.start_char, sentence.end_char):
        root = doc[mention.start:mention.end].root
        if not _linked(root, anchors):
            continue
        actor = mention.actor
        if actor.actor_type == "country":
            # a demonym/country inside a person's title ("Chinese Defense Minister X") is not a side
            if any(t.i in person_tokens for t in root.ancestors) or root.head.i in person_tokens:
                continue
            actor = _side_label(mention, doc, side_nouns)
            if actor is None:
                continue
        elif actor.actor_type == "organization":
            if root.head.i in person_tokens or any(t.i in person_tokens for t in root.ancestors):
                continue
        found.append((actor, root))
    if not any(a.actor_type == "person" for a, _ in found):
        subject = next((c for c in _clause_verb(trigger).children
                        if c.dep_ == "nsubj" and c.lower_ in ("he", "she")), None)
        previous = [m for m in actors.mentions if m.end_char <= sentence.start_char
                    and m.actor.actor_type == "person"]
        if subject is not None and previous:
            found.insert(0, (previous[-1].actor, subject))
    unique: list[tuple[Actor, Token]] = []
    for actor, token in found:
        if all(actor != a for a, _ in unique):
            unique.append((actor, token))
    return unique


def _location(sentence: Span, mode: str, cfg: dict) -> str | None:
    """City, else country, named after "in"/"at" in the sentence (none for calls)."""
    if mode == "call":
        return None
    preps = set(cfg.get("location_prepositions") or ["in"])
    places = []
    for ent in sentence.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        window = sentence.doc[max(ent.start - 6, sentence.start):ent.start]
        if not any(t.lower_ in preps for t in window) or any(t.lower_ in ("for", "of") and t.i == ent.start - 1
                                                           and t.head.lower_ not in ("city", "capital") for t in window):
            continue
        if gazetteer.org_code(ent.text):
            continue
        places.append(ent)
    if not places:
        return None
    cities = [p for p in places if not gazetteer.country_code(p.text)]
    chosen = (cities or places)[0]
    text = " ".join(chosen.text.split())
    return text[4:] if text.lower().startswith("the ") else text


def _meeting_date(sentence: Span, trigger: Token, published_at: date | None,
                  readout: bool) -> date | None:
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    if not dates:
        return published_at if readout else None
    dates.sort(key=lambda e: abs(e.start - trigger.i))
    for ent in dates:
        start, end = resolve_date(ent.text, published_at)
        if start is not None and end is not None and (end - start).days <= _MAX_RANGE_DAYS:
            return start
    return None


def _is_readout(doc: Doc) -> bool:
    title = doc.user_data.get("title") if doc.user_data else None
    head = (title or doc.text[:200]).lstrip()
    return head.lower().startswith("readout of")


def _sentence_mode(sentence: Span, default: str, cfg: dict) -> str:
    words = cfg.get("mode_words") or {}
    modes = {words[t.lower_] for t in sentence if t.lower_ in words}
    if "virtual" in modes:
        return "virtual"
    if "call" in modes and default != "in_person":
        return "call"
    if default == "in_person" and "call" in modes and any(t.lower_ in ("phone", "telephone") for t in sentence):
        return "call"
    return default


def _title_span(doc: Doc) -> tuple[int, int]:
    title = doc.user_data.get("title") if doc.user_data else None
    if title and doc.text.lstrip().startswith(title.strip()[:40]):
        offset = len(doc.text) - len(doc.text.lstrip())
        return offset, offset + len(title.strip())
    return 0, 0


def find_meetings(doc: Doc, actors: ActorIndex, published_at: date | None, codebook: dict) -> list[dict]:
    """Meeting records of ``doc`` (columns of raw.meeting_candidates minus ids/version)."""
    cfg = codebook.get("meetings") or {}
    readout = _is_readout(doc)
    title_start, title_end = _title_span(doc)
    candidates: list[_Candidate] = []
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        for token in sentence:
            found = _trigger_mode(token, cfg)
            if found is None or _is_irrealis(token, cfg):
                continue
            trigger_text, mode = found
            linked = _participants(token, sentence, actors, cfg)
            people = [a for a, _ in linked if a.actor_type == "person"]
            parties = people if len(people) >= 2 else [a for a, _ in linked]
            if len(people) == 1:
                parties = people + [a for a, _ in linked if a.actor_type != "person"
                                    and a.country_code != people[0].country_code]
            sides = {a.country_code for a in parties if a.country_code}
            unknown = sum(1 for a in parties if not a.country_code)
            if len(parties) < 2 or (len(sides) < 2 and not (len(sides) == 1 and unknown)):
                continue
            confidence = 0.85 if len(sides) >= 2 else 0.5
            mode = _sentence_mode(sentence, mode, cfg)
            from_title = title_end > 0 and sentence.start_char < title_end
            candidates.append(_Candidate(
                participants=parties, trigger=trigger_text, mode=mode, sentence=sentence,
                meeting_date=_meeting_date(sentence, token, published_at, readout),
                location=_location(sentence, mode, cfg), confidence=confidence,
                from_title=from_title, sides=sides))
    return [_record(c) for c in _merge(candidates)]


def _same_meeting(a: _Candidate, b: _Candidate) -> bool:
    names_a = {p.key for p in a.participants if p.actor_type == "person"}
    names_b = {p.key for p in b.participants if p.actor_type == "person"}
    if len(names_a) >= 2 and len(names_b) >= 2:
        return names_a <= names_b or names_b <= names_a
    return a.sides == b.sides and (not names_a or not names_b or bool(names_a & names_b))


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per distinct participant set; the body sentence wins over the title."""
    merged: list[_Candidate] = []
    for candidate in candidates:
        twin = next((m for m in merged if _same_meeting(m, candidate)), None)
        if twin is None:
            merged.append(candidate)
            continue
        if twin.from_title and not candidate.from_title and not twin.body_seen:
            # the body states the meeting in full: its date, place and mode win over the title's
            twin.sentence, twin.trigger, twin.body_seen = candidate.sentence, candidate.trigger, True
            twin.meeting_date = candidate.meeting_date or twin.meeting_date
            twin.location = candidate.location or twin.location
            twin.mode = candidate.mode
        else:
            twin.meeting_date = twin.meeting_date or candidate.meeting_date
            twin.location = twin.location or candidate.location
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
