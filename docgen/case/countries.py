"""Country names for ISO 3166-1 alpha-2 codes, as a filing writes them ("Norway", not "NO")."""

import pycountry

# Names that prose writes with "the", or differently from ISO's sorted form.
_PROSE_NAMES = {
    "AE": "the United Arab Emirates",
    "BS": "the Bahamas",
    "CD": "the Democratic Republic of the Congo",
    "CF": "the Central African Republic",
    "CG": "the Congo",
    "DO": "the Dominican Republic",
    "GB": "the United Kingdom",
    "GM": "the Gambia",
    "KP": "the Democratic People's Republic of Korea",
    "KR": "the Republic of Korea",
    "MH": "the Marshall Islands",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "RU": "the Russian Federation",
    "SB": "the Solomon Islands",
    "US": "the United States",
    "VA": "the Holy See",
}


def country_name(code: str) -> str:
    if code in _PROSE_NAMES:
        return _PROSE_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or country.name
    # ISO sorts some names inverted ("Congo, The Democratic Republic of the"): prose does not.
    return getattr(country, "official_name", name) if "," in name else name
