"""The codes a country-code column may hold, kept in one place for the quality gates.

The spec writes countries as ISO 3166-1 alpha-3 codes and international
organisations by their common short name in capitals. pycountry supplies the
first; the organisations are listed here (the extractor's codebook may only
ever produce a subset of them).
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# International organisations and groupings that take a side in meetings and pledges.
ORGANISATION_CODES = frozenset({
    "UN", "EU", "ASEAN", "SCO", "NATO", "AU", "G20", "G7", "BRICS", "OSCE", "OAS",
    "GCC", "APEC", "WHO", "WTO", "IMF", "WB", "IAEA", "UNESCO", "UNICEF", "UNHCR",
    "OPEC", "ECOWAS", "SAARC", "CARICOM", "CELAC", "SICA", "PIF", "CIS", "EAEU",
    "CSTO", "OIC", "ARAB_LEAGUE", "QUAD", "AUKUS", "IEA", "OECD", "ICC", "ICJ",
    "WFP", "FAO", "ILO", "IOM", "UNDP", "UNGA", "UNSC", "ADB", "AIIB", "NDB",
})

# User-assigned alpha-3 codes in common use for places ISO 3166-1 does not list.
USER_ASSIGNED_CODES = frozenset({"XKX"})  # Kosovo (EU, IMF, World Bank usage)


@lru_cache(maxsize=1)
def valid_codes() -> frozenset[str]:
    """Every code a country_code / *_country_codes value may take."""
    iso = {country.alpha_3 for country in pycountry.countries}
    return frozenset(iso) | ORGANISATION_CODES | USER_ASSIGNED_CODES
