"""The codes a country-code column may hold: ISO 3166-1 alpha-3 or a known organisation.

Countries come from pycountry. Organisations come from the one list the
extractor itself uses, the ``organizations`` section of the codebook's
``actors.yaml`` (an analyst who adds an organisation there makes its code
valid here too). Country aliases in the codebook are deliberately not trusted:
a mistyped alias target is exactly what the gate must catch.
"""

from __future__ import annotations

from pathlib import Path

import pycountry

from extract.codebook import DEFAULT_CODEBOOK_DIR, load_codebook

# User-assigned alpha-3 codes in common use for places ISO 3166-1 does not list.
USER_ASSIGNED_CODES = frozenset({"XKX"})  # Kosovo (EU, IMF, World Bank usage)


def organisation_codes(codebook_dir: Path | str = DEFAULT_CODEBOOK_DIR) -> frozenset[str]:
    """Codes of the international organisations the codebook knows."""
    actors = load_codebook(codebook_dir).get("actors") or {}
    return frozenset(str(code) for code in (actors.get("organizations") or {}))


def valid_codes(codebook_dir: Path | str | None = None) -> frozenset[str]:
    """Every code a country_code / *_country_codes value may take (read fresh each call)."""
    iso = {country.alpha_3 for country in pycountry.countries}
    return frozenset(iso) | USER_ASSIGNED_CODES | organisation_codes(codebook_dir or DEFAULT_CODEBOOK_DIR)
