"""Finding dates in text and resolving relative ones against a publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_PATTERN = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE_PATTERNS = [
    (re.compile(MONTH_PATTERN + r"\.?\s+(\d{1,2}),?\s+(\d{4})\b"), ("m", "d", "y")),
    (re.compile(r"\b(\d{1,2})\s+" + MONTH_PATTERN + r"\.?,?\s+(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "mn", "d")),
]


def format_date(d: dt.date) -> str:
    """'29 August 2019'."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept", "August")."""
    return MONTHS[name.lower()[:3]]


def find_dates(text: str) -> list[dt.date]:
    """Every absolute calendar date written in `text`, in order of appearance."""
    found: list[tuple[int, dt.date]] = []
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            try:
                month = int(parts["mn"]) if "mn" in parts else month_number(parts["m"])
                found.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"]))))
            except (ValueError, KeyError):
                continue
    return [d for _, d in sorted(found, key=lambda x: x[0])]


def parse_date(value: str) -> dt.date | None:
    """An ISO date or a written one ('Feb. 15, 2025'); None when it is neither."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        found = find_dates(value)
        return found[0] if found else None


@dataclass(frozen=True)
class Resolution:
    """A relative expression at text[start:end] and what it means."""

    start: int
    end: int
    expression: str
    replacement: str


def _month_before(month: int, ref: dt.date, *, inclusive: bool) -> int:
    return ref.year if month < ref.month or (inclusive and month == ref.month) else ref.year - 1


def _weekday_on_or_before(weekday: int, ref: dt.date) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}

_REL_RE = re.compile(
    r"\b(?:(?P<qual>(?i:this past|last|earlier this|this|in|since|until|early|late))\s+)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s*,?\s*\d)"
    r"|\b(?P<yrel>(?i:last|this|next|past))\s+year\b"
    r"|\b(?P<mrel>(?i:last|this|next))\s+month\b"
    r"|\b(?P<wrel>(?i:last|this|next))\s+week\b"
    r"|\b(?:(?P<on>(?i:on|last|this past))\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!\s*,?\s*(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?P<part>\s+(?:morning|afternoon|evening|night)\b)?"
    r"|\b(?P<day>(?i:yesterday|today))\b"
    rf"|\b(?P<ago>(?i:(?:{'|'.join(_COUNT)}|\d{{1,2}})\s+(?:years?|decades?)\s+ago))\b",
)


def relative_dates(text: str, published: dt.date) -> list[Resolution]:
    """Relative date expressions in `text`, resolved against the publication date.

    Months without a year mean the latest such month not after publication; weekdays the
    latest such day on or before it (news convention: "on Wednesday" is this week's).
    """
    out = []
    for m in _REL_RE.finditer(text):
        expr = m.group(0)
        if m.group("month"):
            month = MONTHS[m.group("month").lower()]
            qual = (m.group("qual") or "").lower()
            strictly_before = qual in ("this past", "last")
            year = _month_before(month, published, inclusive=not strictly_before)
            if qual == "this" and month > published.month:
                year = published.year
            lead = qual + " " if qual in ("in", "since", "until", "early", "late") else ""
            if strictly_before and not re.search(r"\b(?:since|until|in|from|before|after|by|of)\s*$", text[: m.start()], re.I):
                lead = "in "
            repl = f"{lead}{MONTH_NAMES[month - 1]} {year}"
        elif m.group("yrel"):
            delta = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
            repl = f"in {published.year + delta}"
        elif m.group("mrel"):
            delta = {"last": -1, "this": 0, "next": 1}[m.group("mrel").lower()]
            idx = published.year * 12 + published.month - 1 + delta
            repl = f"in {MONTH_NAMES[idx % 12]} {idx // 12}"
        elif m.group("wrel"):
            # Kept as written, with the week it means: "this week (week of 10 February 2025)".
            delta = {"last": -1, "this": 0, "next": 1}[m.group("wrel").lower()]
            monday = _weekday_on_or_before(0, published) + dt.timedelta(weeks=delta)
            repl = f"{expr} (week of {format_date(monday)})"
        elif m.group("weekday"):
            day = _weekday_on_or_before(WEEKDAYS.index(m.group("weekday").lower()), published)
            if (m.group("on") or "").lower() in ("last", "this past") and day == published:
                day -= dt.timedelta(days=7)
            prefix = "on " if m.group("on") else ""
            # "Wednesday evening" stays one phrase: the date follows it, not its first word.
            repl = f"{prefix}{m.group('weekday')}{m.group('part') or ''} ({format_date(day)})"
        elif m.group("ago"):
            # Kept as written, with the year it points to: "a decade ago (2015)".
            count, unit = m.group("ago").lower().split()[:2]
            years = (int(count) if count.isdigit() else _COUNT[count]) * (10 if unit.startswith("decade") else 1)
            repl = f"{expr} ({published.year - years})"
        else:
            day = published - dt.timedelta(days=1 if m.group("day").lower() == "yesterday" else 0)
            repl = format_date(day)
        if expr[:1].isupper() and not repl[:1].isupper():
            repl = repl[:1].upper() + repl[1:]
        out.append(Resolution(m.start(), m.end(), expr, repl))
    return out


def resolve_relative(text: str, published: dt.date | None) -> str:
    """`text` with relative date expressions replaced by absolute ones."""
    if published is None:
        return text
    parts, pos = [], 0
    for r in relative_dates(text, published):
        parts.append(text[pos : r.start])
        parts.append(r.replacement)
        pos = r.end
    parts.append(text[pos:])
    return resolve_offsets("".join(parts))


_OFFSET_RE = re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(?P<unit>days?|weeks?)\s+"
                        r"(?P<dir>after|before)\b", re.IGNORECASE)


def resolve_offsets(text: str) -> str:
    """Dates of events placed "a day after" / "two weeks before" an absolute date written earlier in the text.

    "The visit on 12 February 2025 came a day after the call" -> "... a day after (11 February 2025) the call":
    the event after "after" happened that long before the anchor date.
    """
    out, pos = [], 0
    for m in _OFFSET_RE.finditer(text):
        anchors = find_dates(text[: m.start()])
        if not anchors:
            continue
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _COUNT[word]
        delta = dt.timedelta(days=n * (7 if m.group("unit").lower().startswith("week") else 1))
        event = anchors[-1] - delta if m.group("dir").lower() == "after" else anchors[-1] + delta
        out.append(text[pos : m.end()])
        out.append(f" ({format_date(event)})")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
