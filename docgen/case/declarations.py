"""Which States accept individual complaints to the Committee against Torture (article 22).

A complaint is possible only against a State that has declared under article 22 that it accepts
the Committee's competence. The table holds the year of the declaration, or None for a State known
not to have made one. Sources: UN Treaty Collection, status of the Convention against Torture
(chapter IV.9), declarations under article 22; entries marked "check" are to be confirmed there
before a filing relies on them. States not in the table are reported as unknown, never assumed.
"""

ARTICLE_22_DECLARATIONS: dict[str, int | None] = {
    "AT": 1987,
    "AU": 1993,
    "BE": 1999,
    "CA": 1989,
    "CH": 1986,
    "DE": 2001,
    "DK": 1987,
    "FI": 1989,
    "FR": 1988,
    "KZ": 2008,  # check
    "NL": 1988,
    "NO": 1986,
    "RU": 1991,
    "SE": 1986,
    "TR": 1988,
    "CN": None,
    "GB": None,
    "US": None,
    "UZ": None,
}
