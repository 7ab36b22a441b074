"""Who is named in a document: people, countries and organisations, resolved once per doc.

Taggers need each participant's full name, role and country even when a
sentence says only "Singh", "the President" or "his Chinese counterpart", so
mentions are collected from the NER spans, enriched from the words around
them (title run, demonym, "of <country>", possessive), then clustered by
surname so that every later mention carries the document-level actor.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.doc_text import doc_text
from extract.word_index import orth_positions, text_positions, untagged_positions, word_positions

PERSON_LABELS = {"PERSON"}
PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
ORG_LABELS = {"ORG"}
_FUNCTION_WORDS = {"of", "for", "and", "the", "to"}
_THE = frozenset({"the"})
_NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii"}
_PATRONYMIC = {"bin", "bint", "binti", "ibn"}  # "son/daughter of" inside Arabic and Malay names
# Cyrillic and Greek letters drawn like Latin ones, found typed into Latin names
_LOOKALIKES = str.maketrans({
    **dict(zip("аеорсухіјѕԁӧёАВЕКМНОРСТХІЈЅ", "aeopcyxijsdöëABEKMHOPCTXIJS")),  # Cyrillic
    **dict(zip("αοκνρτχΑΒΕΗΙΚΜΝΟΡΤΧ", "aokvptxABEHIKMNOPTX")),  # Greek
})


@dataclass(frozen=True)
class Actor:
    name: str
    actor_type: str  # person | country | organization
    country_code: str | None
    title: str | None

    @property
    def key(self) -> str:
        return f"{self.actor_type}|{self.name.lower()}|{self.country_code or ''}"


@dataclass(frozen=True)
class Mention:
    actor: Actor
    start: int
    end: int
    start_char: int
    end_char: int
    text: str


@dataclass
class ActorIndex:
    actors: list[Actor]
    mentions: list[Mention]
    _token_owner: dict[int, Actor] = field(default_factory=dict, repr=False)
    # token index of a country/organisation mention -> the person mention whose title it is part of
    _described: dict[int, Mention] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start_char)
        self._starts = [m.start_char for m in self.mentions]
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._token_owner[i] = mention.actor

    def actor_at(self, token: Token) -> Actor | None:
        """The actor whose mention contains this token."""
        return self._token_owner.get(token.i)

    def title_owner(self, mention: Mention) -> Mention | None:
        """The person mention whose title run holds this country/organisation mention
        ("United Nations" in "United Nations Coordinator for Gaza Sigrid Kaag")."""
        return self._described.get(mention.start)

    def mentions_between(self, start_char: int, end_char: int) -> list[Mention]:
        """Mentions lying entirely inside [start_char, end_char)."""
        i = bisect.bisect_left(self._starts, start_char)
        out = []
        while i < len(self.mentions) and self.mentions[i].start_char < end_char:
            if self.mentions[i].end_char <= end_char:
                out.append(self.mentions[i])
            i += 1
        return out


@dataclass
class _Draft:
    """A mention before clustering: what its own context says about the actor."""

    start: int
    end: int
    actor_type: str
    name: str
    country: str | None = None
    title: str | None = None
    bare_title: bool = False
    title_start: int | None = None  # first token of the title run before a person's name


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class _Vocabulary:
    heads: frozenset[str]
    words: frozenset[str]
    honorifics: frozenset[str]
    readout_prefixes: tuple[str, ...]
    home_country: str | None
    home_titles: frozenset[str]
    relational: frozenset[str]
    known_people: dict[str, str]  # folded full name or surname -> country code
    not_names: frozenset[str]
    particles: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()  # "Sea", "Strait": a place name before one names the feature
    # first word -> (name, country) of the codebook's well-known people, as written, longest first
    known_names: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # surname as written -> country, of the well-known people no other listed person shares it with
    known_surnames: dict[str, str] = field(default_factory=dict)
    # folded title word -> the country its holder rules ("pope" -> VAT)
    sovereign_titles: dict[str, str] = field(default_factory=dict)


def _known_names(actors_cfg: dict) -> dict[str, tuple[tuple[str, str], ...]]:
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, code in (actors_cfg.get("known_people") or {}).items():
        name = " ".join(name.split())
        by_first.setdefault(name.split()[0], []).append((name, code))
    return {first: tuple(sorted(names, key=lambda n: -len(n[0]))) for first, names in by_first.items()}


def _known_surnames(actors_cfg: dict) -> dict[str, str]:
    """Surnames of four letters or more that name one listed person ("Modi"; not "Yi", "Un"),
    less the codebook's ``surnames_not_alone``."""
    people = actors_cfg.get("known_people") or {}
    never = set(actors_cfg.get("surnames_not_alone") or ())
    owners: dict[str, set[str]] = {}
    for name in people:
        words = name.split()
        if len(words) > 1 and len(words[-1]) >= 4 and words[-1][:1].isupper() and words[-1] not in never:
            owners.setdefault(words[-1], set()).add(" ".join(words))
    codes = {" ".join(name.split()): code for name, code in people.items()}
    return {surname: codes[next(iter(names))] for surname, names in owners.items()
            if len({codes[n] for n in names}) == 1 and surname.casefold() not in {n.casefold() for n in codes}}


def _known_people(actors_cfg: dict) -> dict[str, str]:
    """Well-known office holders by full name and by surname (surname only when unambiguous)."""
    known: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for name, code in (actors_cfg.get("known_people") or {}).items():
        known[" ".join(name.split()).casefold()] = code
        surnames.setdefault(name.split()[-1].casefold(), set()).add(code)
    for surname, codes in surnames.items():
        if len(codes) == 1:
            known.setdefault(surname, next(iter(codes)))
    return known


_VOCABULARIES: dict[int, tuple[dict, _Vocabulary]] = {}


def _cached_vocabulary(actors_cfg: dict) -> _Vocabulary:
    """The vocabulary of this codebook dict, compiled once (not once per document)."""
    cached = _VOCABULARIES.get(id(actors_cfg))
    if cached is None or cached[0] is not actors_cfg:
        cached = _VOCABULARIES[id(actors_cfg)] = (actors_cfg, _vocabulary(actors_cfg))
    return cached[1]


def _vocabulary(actors_cfg: dict) -> _Vocabulary:
    heads = {w.casefold() for w in actors_cfg.get("title_heads") or []}
    modifiers = {w.casefold() for w in actors_cfg.get("title_modifiers") or []}
    readout = actors_cfg.get("readout") or {}
    return _Vocabulary(
        heads=frozenset(heads),
        words=frozenset(heads | modifiers),
        honorifics=frozenset(w.casefold() for w in actors_cfg.get("honorifics") or []),
        readout_prefixes=tuple(readout.get("title_prefixes") or ()),
        home_country=readout.get("home_country"),
        home_titles=frozenset(t.casefold() for t in readout.get("home_titles") or []),
        relational=frozenset(w.casefold() for w in actors_cfg.get("relational_titles") or []),
        known_people=_known_people(actors_cfg),
        not_names=frozenset(w.casefold() for w in actors_cfg.get("not_name_words") or []),
        particles=frozenset(w.casefold() for w in actors_cfg.get("name_particles") or []),
        features=frozenset(actors_cfg.get("feature_words") or []),
        known_names=_known_names(actors_cfg),
        known_surnames=_known_surnames(actors_cfg),
        sovereign_titles={w.casefold(): code for w, code in (actors_cfg.get("sovereign_titles") or {}).items()},
    )


def _is_title_word(token: Token, vocab: _Vocabulary) -> bool:
    return token.text.casefold() in vocab.words or token.text in ("-", "&")  # "Deputy Prime Minister & Foreign Minister"


def _place_of(text: str) -> str | None:
    return _cached_place(text, id(gazetteer.gazetteer()))


# Entity texts remembered per cache: 6,500 distinct over 250 of the slice's documents, 9,151
# over 353 (0.9 MiB in tracemalloc), and more the more documents a worker reads. A bound
# that any run reaches soon keeps the worker's memory from following the corpus: a worker's
# half of the 1,410 readouts filled 8,192 only to 6,062 and 4,637 entries, the slice filled
# it, so a slice worker held more. 2,048 is reached within 250 documents of either; a pool
# worker over 1,200 slice documents grew 254.8 -> 256.5 MiB between batches against
# 254.3 -> 256.9 with 8,192, in the same 585 s against 582.
LOOKUPS_REMEMBERED = 2048


@lru_cache(maxsize=LOOKUPS_REMEMBERED)
def _cached_place(text: str, _gazetteer_id: int) -> str | None:
    return gazetteer.country_code(text) or gazetteer.org_code(text) or gazetteer.demonym_code(text)


@lru_cache(maxsize=LOOKUPS_REMEMBERED)
def _entity_codes(text: str, _gazetteer_id: int) -> tuple[str | None, str | None, str | None]:
    """(organisation, country, capital's country) codes of an entity text, looked up once."""
    return gazetteer.org_code(text), gazetteer.country_code(text), gazetteer.capital_country(text)


def _ent_at(doc: Doc, i: int) -> Span | None:
    """The entity covering token ``i`` (walks IOB tags: doc.ents rebuilds every call)."""
    if i >= len(doc) or doc[i].ent_iob_ == "O" or not doc[i].ent_type_:
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[i].ent_type_)


def _strip_name(span: Span, vocab: _Vocabulary) -> tuple[int, int]:
    """Token bounds of a person span without honorifics, titles and possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and (doc[start].text.casefold() in vocab.honorifics
                               or _is_role_word(doc[start].text, vocab)):  # "Advisors Sullivan, Shin and Akiba"
        start += 1
    for i in range(start + 1, end):
        if doc[i].text in ("'s", "’s", "'", "’"):
            end = i  # "Jon Finer’s Meeting"
            break
        if i < end - 1 and doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBZ", "VBD") \
                and doc[i + 1].pos_ in ("ADP", "PART", "DET", "ADV", "PRON"):
            end = i  # "Erdogan Reaches Out" in a headline: a name does not go on past a verb
            break
    while end > start + 1 and (doc[end - 1].text in (",", ".") or doc[end - 1].text.casefold() in vocab.not_names
                               or doc[end - 1].text.casefold() in _FUNCTION_WORDS):
        end -= 1  # "Jake Sullivan Meeting" in a headline-style title, "Herzog of" (Israel)
    return start, end


# ---------------------------------------------------------------- person context

def _title_before(doc: Doc, start: int, vocab: _Vocabulary) -> tuple[str | None, str | None, int]:
    """Title words and a country/organisation found in the run of words before a name.

    Returns (title, country_code, start of the run).
    """
    i = start - 1
    if i >= 0 and doc[i].text.casefold() in vocab.honorifics:
        i -= 1
    after_comma = i >= 1 and doc[i].text == "," and doc[i - 1].ent_type_ in ("GPE", "ORG")
    if after_comma:
        i -= 1  # "Minister of Foreign Affairs of China, Qin Gang"
    run: list[Token] = []
    sentence_start = doc[start].sent.start if start < len(doc) else 0
    while i >= sentence_start:
        token = doc[i]
        if token.is_space and "\n" in token.text:
            break  # a heading line above ("Invitation to Visit Italy" over "President Trump accepted")
        if token.is_space:
            i -= 1
            continue
        if token.is_sent_end and token.i != start - 1 and token.text in ".!?":
            break
        if token.ent_type_ == "PERSON" and not _is_title_word(token, vocab) \
                and token.text.casefold() not in vocab.honorifics:
            break  # another person's name ("Kim Jong Un and Russian President Putin": "Un" is no UN)
        if _is_title_word(token, vocab) or token.ent_type_ in ("GPE", "ORG", "NORP") \
                or (token.text in ("'s", "’s") and run) or _place_of(token.text) \
                or token.text[:1].isupper() and token.is_alpha and i - 1 >= sentence_start \
                and doc[i - 1].lower_ == "for":  # "High Commissioner for Refugees Filippo Grandi"
            run.insert(0, token)
            i -= 1
            continue
        break
    while run and (run[0].text.casefold() in _FUNCTION_WORDS or run[0].text in ("'s", "’s")):
        run.pop(0)
    if not any(t.text.casefold() in vocab.heads for t in run):
        # "Akiba Takeo of Japan, Cho Tae-yong", "the situation in Gaza and Mr. Sullivan": the
        # place before the comma or the "and" belongs to what came before
        joined = after_comma or any(t.lower_ == "and" and t.ent_iob_ == "O" for t in run)
        code = None if joined else _country_in(run)
        if code and gazetteer.org_code(code) and not any(_is_title_word(t, vocab) for t in run):
            code = None  # an organisation alone before a name is a heading ("Asian NATO Ishiba's call")
        return None, code, start
    country = _country_in(run) or next(
        (vocab.sovereign_titles[t.lower_] for t in run if t.lower_ in vocab.sovereign_titles), None)
    title_tokens = [t for t in run if not t.is_space and t.ent_type_ not in ("GPE", "NORP", "ORG") or t.text.casefold() in vocab.words]
    # drop place words and the function words they leave dangling at either end
    title_tokens = [t for t in title_tokens if not (_place_of(t.text) and t.text.casefold() not in vocab.words)]
    while title_tokens and title_tokens[0].text.casefold() in _FUNCTION_WORDS | {"'s", "’s"}:
        title_tokens.pop(0)
    while title_tokens and title_tokens[-1].text.casefold() in _FUNCTION_WORDS | {","}:
        title_tokens.pop()
    title = _join(title_tokens) or None
    if title:
        title = " ".join(w[:1].upper() + w[1:] if w.casefold() not in _FUNCTION_WORDS else w
                         for w in title.split())
    return title, country, run[0].i if run else start


def _join(tokens: list[Token]) -> str:
    """Token texts with their spacing; line breaks (space tokens) become one space."""
    parts = []
    for t in tokens:
        gap = t.whitespace_ or (" " if t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_space else "")
        parts.append(t.text + gap)
    return " ".join("".join(parts).split())


def _country_in(tokens: list[Token]) -> str | None:
    """First country/organisation named inside a run of tokens (multi-word names via ents)."""
    seen: set[int] = set()
    for token in tokens:
        if token.i in seen:
            continue
        if token.ent_iob_ != "O" and token.ent_type_ in ("GPE", "ORG", "NORP"):
            ent = _ent_at(token.doc, token.i)
            if ent is not None:
                seen.update(range(ent.start, ent.end))
                if gazetteer.inside_another_country(ent):
                    continue  # "New Mexico Governor": a U.S. state's
                code = _place_of(ent.text)
                if code:
                    return code
        code = _place_of(token.text)
        if code:
            return code
    return None


def _country_after(doc: Doc, end: int) -> str | None:
    """Country in "<name> of <Country>" ("President Joko Widodo of Indonesia"), across a line break."""
    while end < len(doc) and doc[end].is_space:
        end += 1
    if end < len(doc) and doc[end].text == "of":
        for i in (end + 1, end + 2, end + 3):
            ent = _ent_at(doc, i)
            if ent is not None and ent.start == i and ent.label_ in ("GPE", "ORG"):
                code = gazetteer.country_code(ent.text) or gazetteer.org_code(ent.text)
                following = _ent_at(doc, ent.end) if ent.end < len(doc) else None
                if code is None and following is not None and following.start == ent.end:
                    # the NER split "the Republic of| Slovenia" in two
                    code = gazetteer.country_code(doc[ent.start:following.end].text)
                if code:
                    return code
        for length in range(5, 0, -1):  # a name the NER left untagged: "of the Argentine Republic"
            words = doc[end + 1:end + 1 + length]
            if len(words) == length and not any(t.is_punct or t.is_space for t in words):
                code = gazetteer.country_code(words.text)
                if code:
                    return code
    return None


_APPOSITION_REACH = 12  # tokens of a title after a name's comma
_TITLE_GLUE = frozenset({"to", "the", "for", "of"})  # (not "and": "Biden, Jr. and the Presidents of ...")


def _country_of_title_after(doc: Doc, end: int, vocab: _Vocabulary) -> str | None:
    """Country of the title after a name's comma ("Francesco Talo, Diplomatic Advisor to the Prime
    Minister of Italy", "Kaja Kallas, Prime Minister of Estonia"): the first "of" a country's, in a
    run of title words (not the next name's: "Jake Sullivan, National Security Advisor Akiba Takeo
    of Japan")."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    titled = False
    for token in doc[end + 1:min(len(doc), end + 1 + _APPOSITION_REACH)]:
        word = token.text.casefold()
        if token.is_space:
            continue
        if word == "of" and titled:
            code = _country_after(doc, token.i)
            if code:
                return None if _a_name_follows(doc, token.i) else code
        elif word in vocab.words:
            titled = titled or word in vocab.heads  # (a head: "Advisor", not "Former")
        elif not (word in _TITLE_GLUE and titled or token.text[:1].isupper() and token.i + 1 < len(doc)
                  and doc[token.i + 1].text.casefold() in vocab.words):
            return None  # ("Diplomatic" before "Advisor"; not "Former University of Georgia running back")
    return None


def _a_name_follows(doc: Doc, of: int) -> bool:
    """The place after "of" runs into a name: the title is the next person's ("Mike Pyle, Deputy
    Prime Minister for Restoration of Ukraine Oleksandr Kubrakov")."""
    place = next((e for e in doc.ents if of < e.start <= of + 3), None)
    following = next((t for t in doc[place.end:place.end + 3] if not t.is_space), None) if place else None
    return following is not None and (following.ent_type_ == "PERSON" or following.pos_ == "PROPN")


def _country_possessive_before(doc: Doc, run_start: int) -> str | None:
    """Country in "Pakistan's President ..." just before the title run."""
    if run_start >= 2 and doc[run_start - 1].text in ("'s", "’s"):
        return gazetteer.country_code(doc[run_start - 2].text)
    return None


# ---------------------------------------------------------------- drafts

_NAME_SUFFIXES_WRITTEN = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


_COMMUNITY_NOUNS = frozenset({"leaders", "leader", "community", "communities", "people", "groups", "advocates",
                              "families", "activists", "voters", "organizations", "diaspora", "members"})


def _of_an_american_community(doc: Doc, draft: _Draft) -> bool:
    """The first half of "Cuban-American leaders" or "Cuban American leaders": Americans of Cuban
    descent, no Cuban side."""
    end = draft.end + (draft.end < len(doc) and doc[draft.end].text == "-")
    return draft.actor_type == "country" and end + 1 < len(doc) and doc[end].text == "American" \
        and doc[end + 1].lower_ in _COMMUNITY_NOUNS


def _continues_name(before: Span, ent: Span) -> bool:
    """The NER cut one name in two ("President [Samia Suluhu] [Hassan] of Tanzania"): two person
    spans with nothing but a space between them."""
    return before.label_ == ent.label_ == "PERSON" and before.end == ent.start \
        and before[-1].whitespace_ == " " and before[0].is_alpha and before[-1].is_alpha and ent[0].is_alpha


def _name_tail(doc: Doc, end: int, vocab: _Vocabulary) -> int:
    """End of a name the NER cut before its last word, when "of <Country>" follows that word
    ("President Yoon Suk| Yeol of the Republic of Korea", "Ferdinand Marcos| Jr. of the
    Philippines"): one or two untagged proper nouns or suffixes, then the country."""
    for length in (1, 2):
        tail = doc[end:end + length]
        if len(tail) < length or not all(
                t.text in _NAME_SUFFIXES_WRITTEN or _untagged_name_word(t, vocab) for t in tail):
            return end
        if _country_after(doc, end + length):
            return end + length
    return end


def _head_tail(doc: Doc, end: int, vocab: _Vocabulary) -> int:
    """End of a name the NER cut before the proper noun its words modify ("Aaron| Judge, Yankees
    fail to ..."): one untagged capitalised word, the head of the name's last word."""
    if end >= len(doc) or end == 0:
        return end
    last = doc[end - 1]
    if last.dep_ == "compound" and last.head.i == end and _untagged_name_word(doc[end], vocab):
        return end + 1
    return end


def _untagged_name_word(token: Token, vocab: _Vocabulary) -> bool:
    """A proper noun the NER left untagged that can end a person's name (no title, heading or
    place word)."""
    return token.pos_ == "PROPN" and not token.ent_type_ and token.is_alpha \
        and _plain_name_word(token, vocab) and token.text.casefold() not in vocab.not_names


def _hyphen_head(doc: Doc, start: int, vocab: _Vocabulary) -> int:
    """Start of a name the NER cut after the hyphen of its surname ("Sherwood-|Randall met
    with ..."): the capitalised part joined before it."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        part = doc[start - 2]
        if part.is_alpha and part.text[:1].isupper() \
                and part.text.casefold() not in vocab.words and not _place_of(part.text):
            return start - 2
    return start


def _hyphen_tail(doc: Doc, end: int, vocab: _Vocabulary) -> int:
    """End of a name the NER cut at the hyphen of its last part ("Prime Minister Han Duck|-soo"),
    not a compound the name begins ("Modi-led", "Biden-Harris")."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        part = doc[end + 1]
        if part.is_alpha and part.text[:1].islower() and not part.ent_type_ and not part.tag_.startswith("VB") \
                and part.text.casefold() not in vocab.words and part.text.casefold() not in vocab.not_names:
            return end + 2
    return end


def _with_particles(doc: Doc, end: int, vocab: _Vocabulary) -> int:
    """End of a name continued through lower-case particles ("Ursula von| der Leyen",
    "Mohammed bin| Salman"), or an Arabic family name's capitalised article ("Mohammed bin
    Abdulrahman bin Jassim| Al Thani"): the NER often stops at the particle."""
    while end < len(doc):
        j = end
        while j < len(doc) and (doc[j].text in vocab.particles or doc[j].lower_ in _ARTICLES):
            j += 1
        trailing = doc[end - 1].text in vocab.particles
        if (j > end or trailing) and j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() \
                and doc[j].text.casefold() not in vocab.words and not _place_of(doc[j].text):
            end = j + 1
        else:
            break
    return end


def _person_inside(ent: Span, surnames: set[str], vocab: _Vocabulary) -> Span | None:
    """The trailing person name of a mislabelled span ("Gaza Sigrid Kaag" tagged ORG), or the
    full name after a title head that opens it ("Taoiseach Micheál Martin" tagged ORG)."""
    if len(ent) >= 3 and ent[0].text.casefold() in vocab.heads \
            and all(_plain_name_word(t, vocab) for t in ent[1:]):
        return ent.doc[ent.start + 1:ent.end]
    if len(ent) < 2 or ent[-1].text.casefold() not in surnames:
        return None
    start = ent.end - 1
    while start > ent.start and _plain_name_word(ent.doc[start - 1], vocab):
        start -= 1
    return ent.doc[start:ent.end]


def _plain_name_word(token: Token, vocab: _Vocabulary) -> bool:
    """A capitalised word that is neither a place nor a title word: part of a person's name."""
    return token.text[:1].isupper() and token.text.casefold() not in vocab.words and not _place_of(token.text)


def _is_role_word(word: str, vocab: _Vocabulary) -> bool:
    """A title word, or its plural ("Governors")."""
    folded = word.casefold()
    return folded in vocab.words or folded.removesuffix("s") in vocab.words


def _drafts(doc: Doc, vocab: _Vocabulary) -> list[_Draft]:
    drafts: list[_Draft] = []
    ents = doc.ents
    surnames = {e[-1].text.casefold() for e in ents if e.label_ == "PERSON" and e[-1].text[:1].isupper()
                and not _is_role_word(e[-1].text, vocab)}  # "Governors" tagged PERSON is no one's surname
    entities: list[Span] = []
    for ent in ents:
        inner = None if ent.label_ == "PERSON" or _place_of(ent.text) else _person_inside(ent, surnames, vocab)
        if inner is not None:
            inner.label_ = "PERSON"
        ent = inner if inner is not None else ent
        if entities and _continues_name(entities[-1], ent):
            ent = Span(doc, entities.pop().start, ent.end, label="PERSON")
        entities.append(ent)
    for ent in entities:
        text = ent.text.strip()
        if ent.end < len(doc) and doc[ent.end].text in vocab.features:
            continue  # "the South China| Sea", "the Taiwan| Strait": a sea, not the country
        if ent.label_ in PERSON_LABELS | PLACE_LABELS | ORG_LABELS:
            org, country, capital = _entity_codes(text, id(gazetteer.gazetteer()))
            if org and ent.label_ != "PERSON" or (org and len(ent) > 1):
                drafts.append(_Draft(ent.start, ent.end, "organization", text, org))
                continue
            if country and gazetteer.inside_another_country(ent):
                continue  # "New Mexico" (the NER tagged only "Mexico"): a U.S. state, no country
            if country and capital in (None, country):  # a city-state too ("Singapore")
                drafts.append(_Draft(ent.start, ent.end, "country", gazetteer.country_name(country), country))
                continue
            demonym = gazetteer.demonym_code(text)
            if demonym and ent.label_ in ("NORP", "PERSON") and (len(ent) == 1 or ent.label_ == "NORP"):
                drafts.append(_Draft(ent.start, ent.end, "country", gazetteer.country_name(demonym), demonym))
                continue
        if ent.label_ not in PERSON_LABELS and " ".join(text.split()).casefold() in vocab.known_people \
                and not _place_of(text):
            # a well-known office holder the NER mislabelled ("Iran's Raisi" as GPE)
            drafts.append(_Draft(ent.start, ent.end, "person", " ".join(text.split())))
            continue
        if ent.label_ in PERSON_LABELS:
            if any(ch.isdigit() for ch in text):
                continue  # "COVID-19", tagged PERSON: no one's name has digits
            start, end = _strip_name(ent, vocab)
            start = _hyphen_head(doc, start, vocab)
            if start >= end:
                continue
            end = _with_particles(doc, end, vocab)
            if any(t.text.casefold() not in vocab.words for t in doc[start:end]):  # not "Majesty King"
                end = _name_tail(doc, _head_tail(doc, _hyphen_tail(doc, end, vocab), vocab), vocab)
            title, country, run_start = _title_before(doc, ent.start if start == ent.start else start, vocab)
            inner_title = [t for t in doc[ent.start:start] if t.text.casefold() in vocab.words]
            if inner_title and not title:
                title = _join(inner_title)
            country = _country_after(doc, max(ent.end, end)) \
                or (_country_after(doc, end) if end < ent.end else None) \
                or country or _country_possessive_before(doc, run_start) \
                or _country_of_title_after(doc, max(ent.end, end), vocab)  # "Herzog of| Israel": after the cut
            if title and title.casefold() in vocab.relational:
                title = None  # "his Chinese counterpart Dong Jun": the role is the other side's
            name = " ".join(doc[start:end].text.split())
            if all(_is_role_word(t.text, vocab) or t.text.casefold() in vocab.honorifics or t.is_punct
                   for t in doc[start:end]):
                continue  # a bare role or honorific tagged PERSON ("Councillor", "Governors", "Majesty", "-Designate")
            drafts.append(_Draft(start, end, "person", name, country, title, title_start=run_start))
    return drafts


def _fold_name(part: str) -> str:
    """A name part as matched: case and accents ignored, and a Cyrillic or Greek letter typed
    for the Latin one it looks like ("Niinistӧ" with Cyrillic "ӧ" is "Niinistö")."""
    decomposed = unicodedata.normalize("NFKD", part.translate(_LOOKALIKES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _given_name(name: str) -> str | None:
    """The given name of a patronymic name ("Khalid" of "Khalid bin Salman Al Saud"), as its
    consonants: the father's name after "bin" is shared by brothers, so only this tells them apart."""
    parts = [_fold_name(p) for p in name.split()]
    if len(parts) >= 3 and parts[0] not in _PATRONYMIC and any(p in _PATRONYMIC for p in parts[1:]):
        return _consonants(parts[0])
    return None


def _consonants(word: str) -> str:
    """A transliterated name's consonants, doubles as one: "Mohamed", "Mohammed" and
    "Muhammad" are one name ("mhmd")."""
    skeleton = re.sub(r"[aeiouy]", "", word)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _same_given_name(name_a: str, name_b: str) -> bool:
    """Two names sharing a key may be one person unless both give differing given names
    ("Mohammed bin Salman" is not "Khalid bin Salman"; "bin Salman" may be either)."""
    given_a, given_b = _given_name(name_a), _given_name(name_b)
    return given_a is None or given_b is None or given_a == given_b


def _may_join(known: str, name: str, key: str, titles: tuple[str | None, str | None]) -> bool:
    """Whether ``name`` may be the person already called ``known``, found by a shared key.
    A full name found by its given name must share a surname with the known one ("Yoon Suk"
    of "Yoon Suk Yeol", "López Obrador" of "Andrés Manuel López"), not be another person with
    that given name ("Joseph Aoun" is not "Joseph R. Biden"). A full name found by its surname
    is another person when both its first name and its title (``titles``: the known person's,
    this one's) plainly differ ("President Joe Biden" is not "First Lady Jill Biden"; "Prime
    Minister Bibi Netanyahu" is "Prime Minister Benjamin Netanyahu")."""
    if not _same_given_name(known, name):
        return False
    parts, known_parts = _name_parts(name), _name_parts(known)
    if len(parts) < 2:
        return True
    if key != parts[0]:
        return parts[0] in known_parts or not (_other_first_names(parts[0], known_parts[0])
                                               and _other_titles(*titles))
    return parts[-1] in known_parts or known_parts[-1] in parts


def _other_titles(title: str | None, other: str | None) -> bool:
    """Two titles of different offices: both given, neither the end of the other ("Minister",
    "Prime Minister" may be one)."""
    if not title or not other:
        return False
    title, other = title.casefold(), other.casefold()
    return not (title.endswith(other) or other.endswith(title))


def _other_first_names(first: str, other: str) -> bool:
    """Two first names that cannot be one person's: neither an initial, nor one the short form
    of the other ("joe", "joseph"), by their first two letters."""
    first, other = first.rstrip("."), other.rstrip(".")
    return len(first) > 1 and len(other) > 1 and first[:2] != other[:2]


def _name_words(name: str) -> list[str]:
    """Folded words of a name without "Jr."-like suffixes."""
    return [_fold_name(p) for p in name.replace(",", " ").split() if p.casefold() not in _NAME_SUFFIXES]


def _name_parts(name: str) -> list[str]:
    """Folded name parts, hyphenated ones split too ("Al-Sabah": "al", "sabah")."""
    return [p for word in _name_words(name) for p in word.split("-") if p]


def _surname_keys(name: str) -> tuple[str, ...]:
    """Last then first name part, then a father's name after "bin" (a fixed order: the first
    key found wins a match, and the order of a set changed from one process to the next with
    Python's string hashing)."""
    parts = _name_words(name)
    fathers = [parts[i + 1] for i, p in enumerate(parts[:-1]) if p in _PATRONYMIC]  # "bin Salman"
    # ("Al-Sisi" is "Sisi" too: "President Abdel Fattah Al-Sisi", then "President Biden and President Sisi")
    article, _, rest = parts[-1].partition("-") if parts else ("", "", "")
    unprefixed = [rest] if article in _ARTICLES and rest else []
    keys = [p for p in (parts[-1], *unprefixed, parts[0], *fathers[:1]) if p not in _PATRONYMIC] if parts else []
    return tuple(dict.fromkeys(keys))


_ARTICLES = frozenset({"al", "el"})  # Arabic's article: "Al-Sisi", "Al Thani", "Al Saud"


def _known_country(name: str, vocab: _Vocabulary) -> str | None:
    """The codebook's country for a well-known person, also written with a middle initial
    ("Donald J. Trump") or a suffix ("Joseph R. Biden, Jr.")."""
    code = vocab.known_people.get(name.casefold())
    if code is None:
        words = [w for w in name.replace(",", " ").split()
                 if len(w.rstrip(".")) > 1 and w.casefold() not in _NAME_SUFFIXES]
        code = vocab.known_people.get(" ".join(words).casefold()) if len(words) > 1 else None
    return code


def _add_known_people(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> None:
    """Well-known office holders the NER left untagged ("Xi Jinping talks with Philippine
    president-elect over phone"): the codebook's names as written, where no entity lies.
    A one-word name counts only as a noun (a headline's first word may be tagged a common
    one: "Zelenskyy holds telephone talks with ...") and only when the codebook lists it alone
    ("Xi"). NER spans are never cut ("Ferdinand Marcos Jr. of the Philippines")."""
    if not vocab.known_names:
        return
    covered = {i for d in drafts for i in range(d.start, d.end)}
    text = doc_text(doc)  # (doc.text is rebuilt token by token on every access)
    for i in orth_positions(doc, vocab.known_names).tolist():
        token = doc[i]
        if i in covered or token.ent_type_:
            continue
        for name, code in vocab.known_names[token.text]:
            end_char = token.idx + len(name)
            if text[token.idx:end_char] != name or (end_char < len(text) and text[end_char].isalnum()):
                continue
            span = doc.char_span(token.idx, end_char)
            if span is None or any(t.ent_type_ or t.i in covered for t in span) \
                    or (len(span) == 1 and token.pos_ not in ("PROPN", "NOUN")):
                continue
            title, _, run_start = _title_before(doc, span.start, vocab)
            drafts.append(_Draft(span.start, span.end, "person", name, code, title, title_start=run_start))
            covered.update(range(span.start, span.end))
            break
    # a headline's surname alone ("Modi meets Biden in Tokyo"), not part of another name ("Hunter Biden")
    for i in orth_positions(doc, vocab.known_surnames).tolist():
        token = doc[i]
        if i in covered or token.ent_type_ or token.pos_ != "PROPN" \
                or any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
                       and not _is_title_word(doc[j], vocab) for j in (i - 1, i + 1)):
            continue
        title, _, run_start = _title_before(doc, i, vocab)
        drafts.append(_Draft(i, i + 1, "person", token.text, vocab.known_surnames[token.text], title,
                             title_start=run_start))
        covered.add(i)


def _add_surname_mentions(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> None:
    """Later "Singh"/"Xi" mentions the NER missed or mislabelled become person mentions."""
    full = [d for d in drafts if d.actor_type == "person" and len(d.name.split()) > 1]
    by_surname = {}
    for d in full:
        for key in _surname_keys(d.name):
            by_surname.setdefault(key, d)
    covered = {i for d in drafts for i in range(d.start, d.end)}
    named = text_positions(doc, lambda text: text[:1].isupper() and text.casefold() in by_surname) \
        if by_surname else ()
    for i in named:
        token = doc[int(i)]
        if token.i in covered:
            continue
        owner = by_surname.get(token.text.casefold())
        if owner and token.pos_ in ("PROPN", "NOUN", "ADJ", "X"):
            title, country, _ = _title_before(doc, token.i, vocab)
            drafts.append(_Draft(token.i, token.i + 1, "person", token.text, country, title))
    # mislabelled entities: a country/org draft whose text is a known surname
    for d in drafts:
        if d.actor_type != "person" and d.end - d.start == 1 and doc[d.start].text.casefold() in by_surname \
                and not gazetteer.country_code(doc[d.start].text):
            d.actor_type, d.name, d.country = "person", doc[d.start].text, None


def _is_name_word(token: Token, vocab: _Vocabulary) -> bool:
    return (token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha()
            and not token.ent_type_ and token.text.casefold() not in vocab.words
            and token.text.casefold() not in vocab.not_names
            and token.text.casefold() not in vocab.honorifics and not _place_of(token.text))


def _is_mistaken_name_word(token: Token, vocab: _Vocabulary) -> bool:
    """A proper noun the NER took for a place or body the gazetteer cannot place: a name's
    later word ("Akiba Takeo", Takeo tagged GPE), or a headline's surname ("Vucic")."""
    return token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "ORG", "LOC") and token.text.isalpha() \
        and token.text[:1].isupper() and token.text.casefold() not in vocab.words \
        and token.text.casefold() not in vocab.not_names and not gazetteer.place_code(token.text)


def _add_titled_names(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> None:
    """Names the NER missed right after a title ("Coordinator for Gaza Sigrid Kaag")."""
    covered = {i for d in drafts for i in range(d.start, d.end)}
    # one cheap pass picks the few untagged proper nouns; runs are built from those only
    starts = [i for i in untagged_positions(doc, PROPN).tolist() if i not in covered]
    last_end = 0
    for i in starts:
        if i < last_end or not _is_name_word(doc[i], vocab):
            continue
        j = i
        while j < len(doc) and j - i < 4 and j not in covered and (
                _is_name_word(doc[j], vocab) or (j > i and (_is_mistaken_name_word(doc[j], vocab)
                                                         or _place_inside_name(doc, j, vocab)))):
            j += 1
        if _city_first_name(doc, i, j, covered, vocab):
            i -= 1  # "National Security Advisor Sydney Mufamadi of South Africa": Sydney taken for the city
        title_next = j < len(doc) and (doc[j].text.casefold() in vocab.words - _FUNCTION_WORDS
                                       or doc[j].text.casefold() in vocab.not_names)
        after_head = i > 0 and doc[i - 1].text.casefold() in vocab.heads  # "Israeli PM Bennett"
        if (j - i >= 2 or after_head) and i > 0 and not title_next and (
                doc[i - 1].text.casefold() in vocab.words - _FUNCTION_WORDS or doc[i - 1].ent_type_):
            title, country, run_start = _title_before(doc, i, vocab)
            if title:
                j = _with_particles(doc, j, vocab)  # "Luiz Inácio Lula| da Silva"
                if _is_place_named_surname(doc, j, vocab):
                    j += 1
                country = _country_after(doc, j) or country
                name = " ".join(doc[i:j].text.split())
                drafts.append(_Draft(i, j, "person", name, country, title, title_start=run_start))
        last_end = j


def _place_inside_name(doc: Doc, j: int, vocab: _Vocabulary) -> bool:
    """A word the gazetteer knows as a place, between two words of a name ("President Vo Van|
    Thuong": Van is also a Turkish city); a country's name never is."""
    token = doc[j]
    return j + 1 < len(doc) and _is_name_word(doc[j + 1], vocab) and token.pos_ == "PROPN" \
        and token.is_alpha and token.text[:1].isupper() and token.ent_type_ in ("GPE", "LOC") \
        and token.text.casefold() not in vocab.words and not gazetteer.country_code(token.text)


def _city_first_name(doc: Doc, i: int, j: int, covered: set[int], vocab: _Vocabulary) -> bool:
    """The word before an untagged name is a first name the gazetteer tagged as a city: between
    a title word and the name, which "of <Country>" follows."""
    if i < 2 or i - 1 in covered:
        return False
    first = doc[i - 1]
    return first.ent_type_ == "GPE" and first.pos_ == "PROPN" and first.is_alpha \
        and not gazetteer.country_code(first.text) and doc[i - 2].text.casefold() in vocab.words - _FUNCTION_WORDS \
        and _country_after(doc, j) is not None


def _is_place_named_surname(doc: Doc, i: int, vocab: _Vocabulary) -> bool:
    """The word at ``i`` ends the name before it although the NER took it for a place, since
    "of <Country>" follows it ("National Security Advisor Akiba| Takeo of Japan": Takeo is
    also a Cambodian town); a country's own name is never a surname here."""
    if i >= len(doc) or i + 1 >= len(doc):
        return False
    token = doc[i]
    return token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() \
        and token.text.casefold() not in vocab.words and token.text.casefold() not in vocab.not_names \
        and not gazetteer.country_code(token.text) and _country_after(doc, i + 1) is not None


def _add_mistaken_names(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> None:
    """A one-word "place" or "body" the gazetteer does not know, facing a person across a
    verb, is a person: "Germany's Scholz meets Vucic" (Vucic tagged GPE). Headlines name
    people by surname alone, and the small model often takes an unfamiliar one for a place."""
    covered = {i for d in drafts for i in range(d.start, d.end)}
    for person in [d for d in drafts if d.actor_type == "person"]:
        root = doc[person.start:person.end].root
        verb = root.head
        if root.dep_ not in ("nsubj", "dobj") or verb.pos_ != "VERB":
            continue
        for other in verb.children:
            one_word = other.ent_iob_ == "B" and not (other.i + 1 < len(doc) and doc[other.i + 1].ent_iob_ == "I")
            if other.dep_ not in ("nsubj", "dobj") or other.i in covered or not one_word \
                    or not _is_mistaken_name_word(other, vocab):
                continue
            drafts.append(_Draft(other.i, other.i + 1, "person", other.text))
            covered.add(other.i)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).casefold()


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 5 and name.isalpha() and name.isupper()


def _add_bare_titles(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> None:
    """ "the President", "the Prime Minister": a title with no name after it."""
    covered = {i for d in drafts for i in range(d.start, d.end)}
    last_end = 0

    def title_run(start: int) -> int:
        end = start
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].text.casefold() in vocab.words \
                and end not in covered:
            end += 1
        return end

    def bare(start: int, end: int) -> bool:
        next_is_name = end < len(doc) and (doc[end].ent_type_ == "PERSON" or end in covered
                                           or doc[end].text in ("of", "’s", "'s")
                                           or doc[end].text.casefold() in vocab.honorifics)  # "... Dr. Phil Gordon"
        return end > start and doc[end - 1].text.casefold() in vocab.heads and not next_is_name

    for i in word_positions(doc, _THE).tolist():
        if i < last_end:
            continue
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and doc[i + 1].text.casefold() in vocab.words:
            j = title_run(i + 1)
            if bare(i + 1, j):
                drafts.append(_Draft(i + 1, j, "person", "", None, doc[i + 1:j].text, bare_title=True))
                if j + 1 < len(doc) and doc[j].lower_ == "and" and bare(j + 1, k := title_run(j + 1)):
                    # "The Vice President and Prime Minister pledged": the second shares the article
                    drafts.append(_Draft(j + 1, k, "person", "", None, doc[j + 1:k].text, bare_title=True))
                    j = k
            last_end = j
    for i in orth_positions(doc, _MAJESTIES).tolist():
        owner = doc[i - 1].lower_ if i > 0 else ""
        follows = doc[i + 1] if i + 1 < len(doc) else None
        if owner in _ROYAL_OWNERS and i - 1 not in covered and not (follows is not None and (
                follows.ent_type_ == "PERSON" or follows.i in covered or follows.text.casefold() in vocab.words)):
            # "His Majesty will participate ...": the king named earlier ("Their Majesties": the couple, his side)
            drafts.append(_Draft(i - 1, i + 1, "person", "", None, _ROYAL_OWNERS[owner], bare_title=True))


_MAJESTIES = frozenset({"Majesty", "Majesties"})
_ROYAL_OWNERS = {"his": "King", "her": "Queen", "their": "King"}


def _home_title(title: str | None, vocab: _Vocabulary) -> bool:
    """One of the home government's offices, also one held to another ("National Security
    Advisor to the Vice President")."""
    office = (title or "").casefold()
    return office in vocab.home_titles or office.partition(" to the ")[0] in vocab.home_titles


def _opening(doc: Doc) -> str:
    """The text of the document's first 150 tokens (sliced from its text: ``Span.text``
    joins the tokens one by one)."""
    return doc_text(doc)[:doc[:min(len(doc), 150)].end_char] if len(doc) else ""


def _is_readout(doc: Doc, vocab: _Vocabulary) -> bool:
    """A readout: written by the home government about its own side's meeting."""
    return bool(vocab.readout_prefixes and vocab.home_country) \
        and _opening(doc)[:400].lstrip().startswith(vocab.readout_prefixes)


def _readout_home_people(doc: Doc, drafts: list[_Draft], vocab: _Vocabulary) -> set[int]:
    """Draft indices of people on the author's side of a readout (named before "with" in its title)."""
    if not _is_readout(doc, vocab):
        return set()
    opening = _opening(doc)
    head = opening[:400].lstrip()
    title_end = head.find("\n\n")
    title_end = len(head) if title_end < 0 else title_end
    offset = len(opening) - len(opening.lstrip())
    # "and" joins the sides ("President Biden and Prime Minister X's Call"), not two offices of one
    # person ("Senior Advisor to the President and Director of the Office of ... Tom Perez’s Visit")
    def joins_sides(word: re.Match) -> bool:
        following = head[word.end():title_end].split()
        return word.group() == "with" or not following or following[0].casefold() not in vocab.words

    with_at = next((m for m in re.finditer(r"\b(?:with|and)\b", head[:title_end]) if joins_sides(m)), None)
    boundary = offset + (with_at.start() if with_at else title_end)
    return {n for n, d in enumerate(drafts)
            if d.actor_type == "person" and doc[d.start].idx < boundary}


# ---------------------------------------------------------------- clustering

def _list_country(doc: Doc, drafts: list[_Draft], members: list[int],
                  placed_person_at: dict[int, str]) -> str | None:
    """Country of a person listed with placed people ("met with President Herzog of Israel,
    Prime Minister Bennett, ..."): the list shares one side."""
    for m in members:
        root = doc[drafts[m].start:drafts[m].end].root
        conjuncts = root.conjuncts
        if not conjuncts:
            continue
        head = min((root, *conjuncts), key=lambda t: t.i).head
        if head.lower_ in ("between", "among") or (len(conjuncts) < 2 and head.lower_ != "with"):
            continue  # "between X and Y", "X and Y met": two sides; "met with X and Y of Z": one
        for other in conjuncts:
            if other.i in placed_person_at:
                return placed_person_at[other.i]
    return None


def _document_country(doc: Doc, drafts: list[_Draft], members: list[int],
                      relational: frozenset[str] = frozenset()) -> str | None:
    """Country of a person the text never places: the one country the document names,
    skipping countries of people in the same sentences (a counterpart is the other side).
    When a sentence of the person names a counterpart ("talks with his Chinese counterpart
    Dong Jun"), the person is from the other side, so the country the story is plainly
    about will do: named at least three times and at least twice as often as any other.
    Otherwise a story naming several countries gives no safe guess: a wrong country costs
    more than a missing one."""
    own_sentences = {doc[drafts[m].start].sent.start for m in members}
    other_side = {d.country for d in drafts if d.actor_type == "person" and d.country
                  and doc[d.start].sent.start in own_sentences}
    counts: dict[str, int] = {}
    for d in drafts:
        if d.country and d.actor_type in ("country", "person") and d.country not in other_side \
                and d.country.isalpha() and len(d.country) == 3 and d.country.isupper() \
                and gazetteer.org_code(d.country) is None:
            counts[d.country] = counts.get(d.country, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) == 1:
        return ranked[0][0]
    has_counterpart = any(token.lower_ in relational for m in members
                          for token in doc[drafts[m].start].sent)
    if has_counterpart and ranked and ranked[0][1] >= 3 and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def resolve_actors(doc: Doc, codebook: dict) -> ActorIndex:
    """All actor mentions of ``doc`` with document-level identities."""
    vocab = _cached_vocabulary(codebook.get("actors") or {})
    drafts = [d for d in _drafts(doc, vocab) if not _of_an_american_community(doc, d)]
    _add_titled_names(doc, drafts, vocab)
    _add_known_people(doc, drafts, vocab)
    _add_surname_mentions(doc, drafts, vocab)
    _add_mistaken_names(doc, drafts, vocab)
    _add_bare_titles(doc, drafts, vocab)
    drafts.sort(key=lambda d: d.start)
    home = _readout_home_people(doc, drafts, vocab)
    readout = _is_readout(doc, vocab)

    clusters: list[list[int]] = []
    cluster_of: dict[int, int] = {}
    by_name: dict[str, int] = {}
    by_initials: dict[str, int] = {}  # "MBS" for "Mohammed bin Salman"
    people = [n for n, d in enumerate(drafts) if d.actor_type == "person" and not d.bare_title]

    def cluster_title(c: int) -> str | None:
        return next((drafts[m].title for m in sorted(clusters[c]) if drafts[m].title), None)

    # full names first so that surnames attach to them
    for n in sorted(people, key=lambda n: (-len(drafts[n].name.split()), drafts[n].start)):
        d = drafts[n]
        target = None
        for key in _surname_keys(d.name):
            if key in by_name and _may_join(drafts[clusters[by_name[key]][0]].name, d.name, key,
                                            (cluster_title(by_name[key]), d.title)):
                target = by_name[key]
                break
        if target is None and _is_acronym(d.name):
            target = by_initials.get(d.name.casefold())
        if target is None:
            target = len(clusters)
            clusters.append([])
            for key in _surname_keys(d.name):
                by_name.setdefault(key, target)
            if len(d.name.split()) >= 2:
                by_initials.setdefault(_initials(d.name), target)
        clusters[target].append(n)
        cluster_of[n] = target

    for n, d in enumerate(drafts):
        if not d.bare_title:
            continue
        wanted = d.title.casefold()
        candidates = [c for c in range(len(clusters)) if (cluster_title(c) or "").casefold().endswith(wanted)]
        exact = [c for c in candidates if (cluster_title(c) or "").casefold() == wanted]
        pool = exact or candidates
        if pool:
            before = [c for c in pool if min(drafts[m].start for m in clusters[c]) < d.start]
            # the author's side first (a readout's "the President"), then the first named
            c = min(before or pool, key=lambda c: (not any(m in home for m in clusters[c]),
                                                   min(drafts[m].start for m in clusters[c])))
            clusters[c].append(n)
            cluster_of[n] = c

    placed_person_at = {i: d.country for d in drafts if d.actor_type == "person" and d.country
                        for i in range(d.start, d.end)}
    actor_of_cluster: dict[int, Actor] = {}
    for c, members in enumerate(clusters):
        members.sort()
        name = max((drafts[m].name for m in members), key=lambda s: len(s.split()))
        title = cluster_title(c)
        country = next((drafts[m].country for m in members if drafts[m].country), None)
        if country is None:  # a known name as any mention writes it ("Mohamed bin Zayed [Al Nahyan]")
            country = next((code for m in members if (code := _known_country(drafts[m].name, vocab))), None)
        # (home titles only in the home government's readouts: "Vice President Wang Qishan" is not)
        if country is None and vocab.home_country and (
                any(m in home for m in members) or readout and _home_title(title, vocab)):
            country = vocab.home_country
        if country is None:
            country = _list_country(doc, drafts, members, placed_person_at)
        if country is None:
            country = _document_country(doc, drafts, members, vocab.relational)
        actor_of_cluster[c] = Actor(name, "person", country, title)

    mentions: list[Mention] = []
    actors: list[Actor] = []
    mention_of: dict[int, Mention] = {}
    for n, d in enumerate(drafts):
        if d.actor_type == "person":
            if n not in cluster_of:
                continue
            actor = actor_of_cluster[cluster_of[n]]
        else:
            actor = Actor(d.name, d.actor_type, d.country, None)
        span = doc[d.start:d.end]
        mention_of[n] = Mention(actor, d.start, d.end, span.start_char, span.end_char, span.text)
        mentions.append(mention_of[n])
        if actor not in actors:
            actors.append(actor)
    return ActorIndex(actors, mentions, _described=_title_places(drafts, mention_of))


def _title_places(drafts: list[_Draft], mention_of: dict[int, Mention]) -> dict[int, Mention]:
    """Country/organisation mentions inside a person's title run -> that person's mention."""
    starts = sorted((d.start, n) for n, d in enumerate(drafts) if d.actor_type != "person")
    described: dict[int, Mention] = {}
    for n, d in enumerate(drafts):
        if d.actor_type != "person" or d.title_start is None or n not in mention_of:
            continue
        at = bisect.bisect_left(starts, (d.title_start, -1))
        while at < len(starts) and starts[at][0] < d.start:
            described[starts[at][0]] = mention_of[n]
            at += 1
    return described
