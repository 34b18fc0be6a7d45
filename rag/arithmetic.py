"""Differences that a question asks for and no sentence states.

"How many days passed between A and B?", "By how many people did the order shrink the staff?",
"How many places separate the two rankings?": the answer is computed from figures the cited
sentences hold (two dated events, a change "from 35 to 5", two ranks) and shown with them, so a
reader can check the arithmetic against the quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rag.dates import MONTH_PATTERN, find_dates, format_date, month_number, resolve_relative

# "How many days passed between A and B?", "How many years separate A and B?"
_BETWEEN_RE = re.compile(r"^how many (?P<unit>days|weeks|months|years)\s+(?:(?:(?:had|have)\s+)?(?:passed|elapsed|gone by|"
                         r"went by)\s+between|separated?|lay between)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\??$", re.IGNORECASE)
# "By how many people did the order shrink the staff?": a change from one count to another.
_CHANGE_RE = re.compile(r"\bby how (?:many|much)\b.*\b(?:shrink|shrank|shrunk|cut|reduce|reduced|fall|fell|drop|dropped|"
                        r"decline|declined|decrease|decreased|grow|grew|rise|rose|increase|increased|climb|climbed)\b",
                        re.IGNORECASE)
# "How many places separate the two rankings?"
_RANKS_RE = re.compile(r"\bhow many (?:places|positions|spots|ranks|rungs)\b.*\b(?:separate|separated|apart|between|"
                       r"difference|higher|lower|above|below)\b", re.IGNORECASE)
_FROM_TO_RE = re.compile(r"\bfrom\s+(\d[\d,]*)\s+to\s+(\d[\d,]*)\b")
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
# A day of a month without its year ("On August 29"): dated by the text's publication.
_MONTH_DAY_RE = re.compile(rf"\b{MONTH_PATTERN}\.?\s+(\d{{1,2}})\b(?!,?\s+\d{{4}})")


def between(question: str) -> tuple[str, str] | None:
    """The two events "how many days passed between A and B" measures the time between; else None."""
    m = _BETWEEN_RE.match(" ".join(question.split()))
    if not m:
        return None
    return m.group("a"), m.group("b")


def _date_of(text: str, published: dt.date | None) -> dt.date | None:
    """The first calendar date a text gives, its relative dates resolved; a month and day without
    a year belong to the latest such day on or before its publication."""
    dates = find_dates(resolve_relative(text, published))
    if dates:
        return dates[0]
    m = _MONTH_DAY_RE.search(text)
    if m is None or published is None:
        return None
    try:
        day = dt.date(published.year, month_number(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return day if day <= published else day.replace(year=day.year - 1)


def _span(unit: str, first: dt.date, second: dt.date) -> int:
    early, late = sorted((first, second))
    if unit == "days":
        return (late - early).days
    if unit == "weeks":
        return (late - early).days // 7
    months = (late.year - early.year) * 12 + late.month - early.month - (late.day < early.day)
    return months if unit == "months" else months // 12


def difference(question: str, texts: Sequence[tuple[str, dt.date | None]]) -> str | None:
    """The difference the question asks for, computed from the texts (each with its publication
    date) and written with the figures it comes from; None when the question asks for none or the
    texts do not hold the figures."""
    q = " ".join(question.split())
    m = _BETWEEN_RE.match(q)
    if m:
        unit = m.group("unit").lower()
        dates = [d for d in (_date_of(t, pub) for t, pub in texts) if d is not None]
        if len(dates) < 2 or dates[0] == dates[1]:
            return None
        n = _span(unit, dates[0], dates[1])
        first, last = sorted(dates[:2])
        return f"{n} {unit if n != 1 else unit[:-1]} ({format_date(first)} to {format_date(last)})."
    if _CHANGE_RE.search(q):
        for text, _ in texts:
            m = _FROM_TO_RE.search(text)
            if m:
                a, b = (int(x.replace(",", "")) for x in m.groups())
                return f"{abs(a - b):,} (from {m.group(1)} to {m.group(2)})."
        return None
    if _RANKS_RE.search(q):
        ranks = [m for t, _ in texts for m in _ORDINAL_RE.finditer(t)]
        if len(ranks) < 2 or ranks[0].group(1) == ranks[1].group(1):
            return None
        a, b = int(ranks[0].group(1)), int(ranks[1].group(1))
        return f"{abs(a - b)} places ({ranks[0].group(0)} and {ranks[1].group(0)})."
    return None
