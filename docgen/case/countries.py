"""Country names for ISO 3166-1 alpha-2 codes, as a filing writes them ("Norway", not "NO")."""

import pycountry


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name
