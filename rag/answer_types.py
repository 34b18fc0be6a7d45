"""Expected answer types: what kind of thing a question asks for, and whether a sentence holds one.

Classic open-domain QA (Moldovan et al., 2000; Prager et al., 2000) reads the expected answer
type off the question and keeps only candidates that carry such a thing. A sentence that holds
no date cannot answer "when"; "how many tonnes" wants a number counting tonnes, not any number.

"Who is the ambassador?" describes its answer by a noun (`Descriptor`); a sentence answers it only
by tying a name the question lacks to that noun (`describes`). `rag.slots` builds on both.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rag.dates import MONTH_NAMES, WEEKDAYS
from rag.places import is_country, places
from rag.text import QUESTION_WORDS, STOPWORDS, name_key, owner_key, raw_tokens, same_name, stem, tokens

_CALENDAR = "|".join([*MONTH_NAMES, *(d.capitalize() for d in WEEKDAYS)])
_DATE_HINT = re.compile(
    rf"\b(1[89]\d\d|20\d\d)\b|\b({_CALENDAR}|yesterday|today)\b"
    r"|\b(last|this|next) (year|month)\b|\b(years?|decades?) ago\b"
)
_MONTHS = "|".join(MONTH_NAMES)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
# A date to the day: "August 29", "15 February", "Feb. 15", "on Tuesday", "2019-08-29".
_DAY = (rf"\b(?:{_MONTHS}|{_MONTH_ABBR})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b"
        rf"|\b(?:{'|'.join(d.capitalize() for d in WEEKDAYS)}|yesterday|today)\b|\b\d{{4}}-\d\d-\d\d\b")
_DAY_HINT = re.compile(_DAY)
# A date to the month: a month's name, one that stands for a month ("last month"), or a day.
_MONTH_HINT = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:{_MONTH_ABBR})\.\s|\b(?:last|this|next) month\b|{_DAY}")
# "What exact date", "which specific day": the qualifier does not change what is asked.
_EXACT = r"(?:exact |precise |specific |particular )?(?:calendar )?"
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|"
                 "thousand|thousands|million|millions|billion|billions|half|several|many|couple|pair")
# "Many" is no amount: "for many years" does not say how many; nor is "one of" ("one of the prisoners").
_NUMBER_HINT = re.compile(rf"\d|\b(?!many\b)(?!one of\b)({_NUMBER_WORDS}|percent)\b", re.IGNORECASE)
# Numbers that name a time, not an amount: years and days of the month ("in 2015", "August 29").
# A year-like number followed by a plural noun counts it ("2000 troops").
_TIME_NUMBER = re.compile(rf"\b(?:1[89]\d\d|20\d\d)\b(?!\s+(?!{_MONTHS}|was\b|is\b|has\b|as\b|this\b|its\b)"
                          rf"[a-z]+s\b)|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b")
_NUMBER_TOKEN = re.compile(rf"^(\d[\d,.]*%?|{_NUMBER_WORDS})$", re.IGNORECASE)
_AGE_HINT = re.compile(r"\b\d{1,3}-year-old\b|\b\d{1,3} years? old\b|\baged? \d{1,3}\b|\bage of \d{1,3}\b"
                       r"|\bnow \d{1,3}\b|\bturn(?:s|ed)? \d{1,3}\b", re.IGNORECASE)
_MONEY_HINT = re.compile(r"[$\u20ac\u00a3\u20bd]\s?\d|\b\d[\d,.]*\s*(?:(?:thousand|million|billion|trillion|m|bn)\s+)?"
                         r"(?:dollars?|euros?|rubles?|roubles?|pounds?|francs?|yen|yuan|USD|EUR|BYN|RUB)\b", re.IGNORECASE)
_LENGTH_UNITS = r"miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|yards?"
_DISTANCE_HINT = re.compile(rf"\b(\d[\d,.]*|{_NUMBER_WORDS}|a|an)[ -]+(?:\w+[ -]+)?(?:{_LENGTH_UNITS})\b", re.IGNORECASE)
# A time of day: "at 3 p.m.", "14:30", "that evening", "as darkness fell".
_TIME_HINT = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)|\b\d{1,2}:\d\d\b|\b(?:noon|midnight|"
                        r"morning|afternoon|evening|night|overnight|dawn|dusk|darkness|sunrise|sunset|midday)\b", re.IGNORECASE)
_PERCENT_HINT = re.compile(r"\d(?:[\d.,]*)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
# The units "how many ... long / heavy" asks in, as stems: a measure, not a count.
_MEASURE_STEMS = frozenset(stem(w) for w in """mile miles kilometer kilometers kilometre kilometres km meter meters metre
    metres feet foot yard yards ton tons tonne tonnes pound pounds kilogram kilograms kilo kilos""".split())
_MEASURE_NUMBER = re.compile(rf"\b\d[\d,.]*-(?:{_LENGTH_UNITS}|second|minute|hour|day|week|month|year|ton|tonne|pound|"
                             r"kilo\w*)(?:-\w+)?\b", re.IGNORECASE)
_TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur")
# "How long" asks for a time or a length ("a 1,000-foot-long flag").
_DURATION_UNITS = rf"{'|'.join(_TIME_UNITS)}|inch|(?:{_LENGTH_UNITS})\b"
# "Over the past decade" is a length of time as much as "for ten years".
_DURATION_HINT = re.compile(rf"\b(\d[\d,.]*|{_NUMBER_WORDS}|a|an)[ -]+(?:\w+[ -]+)?({_DURATION_UNITS})"
                            r"|\bthe (?:past|last|previous|next|coming) (?:few |several )?(?:decades?|years|months|weeks|"
                            r"centur(?:y|ies))\b", re.IGNORECASE)
# An amount of time: "18 years", "two centuries".
_SPAN_NUMBER = re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS})\s+((?:{'|'.join(_TIME_UNITS)})(?:s|y|ies)?)\b", re.IGNORECASE)
# A length of time says different things by its neighbours: "a day after the call" and "two years ago"
# place an event (an offset); "the first visit in 18 years" measures a gap since the last one; "talks
# that lasted two hours" measure the event itself (a span).
_UP_TO_NOW = re.compile(r"\b(?:for|in|over|during)\s+the\s+(?:last|past)\s+$", re.IGNORECASE)
_OFFSET_AFTER = re.compile(r"[\w-]*\s+(?:after|before|ago|later|earlier)\b", re.IGNORECASE)
_GAP_BEFORE = re.compile(r"\bin\s+(?:(?:more|less|fewer)\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|at\s+least\s+)?$",
                         re.IGNORECASE)
# What "how long" asks, by the verb that follows it: "how long did the talks last" wants a span;
# "how long had it been since" a span or a gap; "how long after the call" an offset; "how long is the
# border" a span or a length.
_DURATION_ASKS = {"did": "event", "does": "event", "do": "event", "will": "event", "would": "event",
                  "had": "state", "has": "state", "have": "state"}
# "How long had the talks lasted?", "... taken?": the length of one event, though asked in the perfect.
_EVENT_LENGTH = re.compile(r"\b(?:lasted|taken)$", re.IGNORECASE)
# A middle initial may stand before any later word: "President Aleksandr G. Lukashenko".
_NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+)+")
_NOT_NAME_WORDS = frozenset(_CALENDAR.lower().split("|"))
_PROPER_HINT = re.compile(r"(?<!^)(?<!^[\"'\u201c\u2018])(?<![.!?]\s)\b[A-Z][a-z]{2,}")  # not a sentence's first word
_ORG_WORDS = ("Center|Centre|Foundation|Institute|Times|Post|News|Agency|University|Ministry|Department|Council|"
              "Committee|Party|Group|Bank|Radio|Television|TV|Service|Journal|Press|Network|Union|Fund|Office|"
              "Commission|Corporation|Company|Organization|Organisation|Association|Movement|Forum|House")
_ORG_WORD_SET = frozenset(_ORG_WORDS.split("|"))
_BODY_NAME = re.compile(rf"\b(?:[A-Z][a-z]+\s+){{0,3}}(?:{_ORG_WORDS})\b")  # "White House", "State Department"
# A named body: capitalised words ending in an organisation word, an acronym of three letters or more
# ("US" is a country), "the" + capitalised words ("the Current Time"), or a name that reports.
_ORG_HINT = re.compile(rf"\b(?:[A-Z][\w&.-]+\s+){{0,4}}(?:{_ORG_WORDS})\b|\b[A-Z]{{3,}}\b"
                       r"|\bthe [A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"
                       # A name that reports is a news outlet: "Bloomberg reports", "Reuters reported".
                       r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+(?:reports|reported)\b")
_ORG_NOUNS = (r"organisation|organisations|organization|organizations|outlet|outlets|newspaper|newspapers|agency|"
              r"agencies|company|companies|institution|institutions|think tank|think tanks|media|channel|network|"
              r"publication|publications|party|parties|bank|banks|broadcaster|broadcasters|"
              # Other things answered by a proper name: "Which refinery ...?", "Under which law ...?"
              r"enterprise|enterprises|firm|firms|refinery|refineries|bureau|bureaus|department|departments|ministry|"
              r"ministries|committee|committees|council|councils|university|universities|court|courts|law|laws")
_ROLE_WORDS = frozenset("""minister secretary president adviser advisor ambassador envoy chief director head
    chairman chairwoman spokesman spokeswoman undersecretary deputy assistant leader analyst scholar correspondent
    editor governor mayor senator general commander premier chancellor diplomat official affaires""".split())
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_WORD = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*%?")

WH_RE = re.compile(r"\b(who|whom|whose|when|where|which|what|how|why)\b", re.IGNORECASE)
_PERSON_NOUNS = (r"person|people|official|officials|leader|leaders|diplomat|diplomats|analyst|analysts|expert|"
                 r"experts|minister|ministers|president|presidents|adviser|advisers|advisor|envoy|envoys|"
                 r"journalist|journalists|reporter|reporters|author|authors|opponent|opponents|activist|"
                 r"activists|secretary|ambassador|ambassadors|spokesman|spokeswoman|man|woman|men|women|prisoner|"
                 r"prisoners|detainee|detainees|figure|figures|senator|senators|politician|politicians|dissident|"
                 r"dissidents|critic|critics|candidate|candidates|challenger|challengers|lawmaker|lawmakers|anchor|"
                 r"commentator|commentators|presenter|host|hosts|citizen|citizens|correspondent|correspondents|columnist|"
                 r"columnists|editor|editors|writer|writers|scholar|scholars|aide|aides|spokesperson|spokesmen|lawyer|lawyers|"
                 r"judge|judges|mayor|mayors|governor|governors|researcher|researchers|economist|economists|historian|historians|"
                 r"relative|relatives|sister|sisters|brother|brothers|wife|husband|son|daughter|mother|father|chief|chiefs|head|heads|"
                 r"charg[eé] d['\u2019]affaires|consul|consuls|attach[eé]|attach[eé]s|individual|individuals")
# "Which American diplomat ...", "Who was the senior American envoy that ...": the noun for the person asked for.
ASKED_PERSON_NOUN = re.compile(rf"^(?:(?:which|what)\s+|who\s+(?:was|is|were|are)\s+the\s+)(?P<noun>(?:[\w.'\u2019-]+\s+){{0,2}}?"
                               rf"(?:{_PERSON_NOUNS}))\b", re.IGNORECASE)
# The nouns of "which <noun> ...?" asking for a person; "which figure" may ask for a number, "which people" for anyone.
# A president is often named bare ("Bill Clinton visiting Minsk"): no post need stand beside the name.
_WHICH_NOUNS = "|".join(n for n in _PERSON_NOUNS.split("|") if n not in {"person", "people", "man", "woman", "men", "women",
                                                                        "figure", "figures", "president", "presidents"})
# Nouns for anyone at all: "the guy who ...", "the person who ...".
_ANYONE = frozenset(stem(w) for w in "guy guys man men woman women person people fellow individual individuals lady one".split())
# Nouns for any holder of a post: "Which American officials met ...?" is answered by "adviser John Bolton".
_ANY_POST = frozenset({"official", "leader"})
# Nouns that name people of one calling: "Which Current Time journalist ...?" -- "reporter Ivan Petrov".
_CALLINGS = tuple(frozenset(stem(w) for w in group.split()) for group in (
    "journalist reporter correspondent anchor editor presenter host commentator",
    "expert analyst scholar commentator", "diplomat envoy ambassador", "prisoner detainee",
    "opponent critic dissident challenger activist", "lawmaker senator politician", "chief head director"))
# A calling that any of several posts is held in: an undersecretary of state is a diplomat, not an ambassador.
# An aide is any of the posts that serve someone: "the chief of staff to the opposition leader".
_BROADER = {stem("diplomat"): frozenset(stem(w) for w in "envoy ambassador secretary consul attache".split()),
            stem("aide"): frozenset(stem(w) for w in "adviser advisor assistant chief staff deputy spokesman spokeswoman secretary".split()),
            stem("relative"): frozenset(stem(w) for w in "sister brother mother father wife husband son daughter cousin aunt uncle "
                                        "niece nephew grandson granddaughter".split())}
# Places asked for by their kind, whose name a sentence ties to the noun: "the Yama memorial", "Minsk airport".
_NAMED_PLACE_NOUNS = "village|town|port|seaport|airport|hotel|building|checkpoint|crossing|memorial"
_PLACE_NOUNS = r"city|country|countries|village|capital|town|border|region|place|port|seaport|airport|hotel|building"
# "Which senior officials", not "what have his opponents" or "which country did the analyst": "do", "have"
# or a modal opens a clause, which the noun asked for comes before.
_AUX = r"do|does|did|has|have|had|will|would|can|could|should|may|might"
_SOME_WORDS = rf"(?:(?!(?:{_AUX})\b)[\w.'-]+ ){{0,3}}"
# Before "which <noun>", a verb or an article too: "What position did official Minsk take", "What was the official ...".
_NOT_MODIFIER = rf"{_AUX}|is|was|are|were|the|an?"


# Verbs that open a question put as a request: "Name the expert ...", "Tell me the year ...".
IMPERATIVE_VERBS = r"name|identify|list|give|state|specify|indicate|provide|determine|tell me|tell us"

# Kinds with an unmistakable written form: a sentence without one cannot hold the answer. Names,
# organisations and bylines are told by capitals and layout, which miss too often to rule a sentence out.
SURFACE_KINDS = frozenset({"date", "number", "amount", "age", "percent", "duration", "money", "distance", "role", "time"})


@dataclass(frozen=True)
class AnswerType:
    """What a question asks for: a kind, and for counting questions the thing counted."""

    kind: str  # date, number, amount, age, percent, duration, money, distance, person, byline, organization, role, place or other
    # Stem of the counted noun in "how many <unit>" or the measured one in "how much <unit>";
    # "day" or "month": a date's grain; for "how long":
    # "event" (did ... last), "state" (had ... been), "offset" (how long after), None (how long is).
    unit: str | None = None
    subject: str | None = None  # name key of the person whose post a "role" question asks for


SCORE_UNIT = "point"
ORDINAL = re.compile(r"\b\d[\d,]*(?:st|nd|rd|th)\b")


def _official_as_adjective(text: str) -> str:
    """The text with "official" written "formal" where it is an adjective: after an article or a possessive
    ("the Kremlin's official response"), or before a noun it so often describes ("what official post")."""
    text = re.sub(r"((?:\bthe|\ban|\bits|\bhis|\bher|\btheir|'s|\u2019s)\s+)official\b", r"\1formal", text)
    return re.sub(r"\b([Oo])fficial(?=\s+(?:post|position|title|job|role|response|reaction|statement|figures?|numbers?|count|"
                  r"name|reason|version|account|results?|turnout|tally|estimate|visit|trip|status|rank|capacity)\b)", "formal", text)


# Search-box queries ("year Minsk dropped its limit", "Lukashenko age NYT 2025") name what they
# want by a noun. The first such noun gives the type; a year written as a number is a given.
_TERSE_TYPES = (
    (r"(?:length|duration) of|how long|(?<!\d )years\b(?! (?:ago|old|later|earlier|before|after)\b)", AnswerType("duration")),
    (r"(?:publication |release )?(?:date|day|weekday)\b(?! \d{1,2}\b)", AnswerType("date", "day")),  # "date 2019", not "day 2"
    (r"month\b(?! \d)", AnswerType("date", "month")),
    (r"year\b(?! \d)", AnswerType("date")),
    (r"age\b", AnswerType("age")),
    (r"percent(?:age)?\b|share of\b|(?:vote|voter|market) share\b|turnout\b", AnswerType("percent")),
    (r"(?:total |combined )?(?:amount|sum|value) of\b|cost of\b|price of\b", AnswerType("money")),
    (r"number of|count\b|tally\b|how many|population\b|output\b|in (?:tonnes|tons|barrels|dollars|euros|rubles|roubles)\b|(?:rank|ranking|spot|place|position)(?: in\b|(?= (?:1[89]|20)\d\d\b)|$)", AnswerType("number")),
)
_TERSE_RE = re.compile("|".join(f"(?P<t{i}>\\b(?:{p}))" for i, (p, _) in enumerate(_TERSE_TYPES)))


# A query that opens like a yes-or-no question or a request is no search-box query.
_NOT_TERSE_OPENING = re.compile(rf"(?:{_AUX}|is|was|are|were|{IMPERATIVE_VERBS})\b", re.IGNORECASE)


def _terse_type(q: str) -> AnswerType | None:
    """The type a query without a question word asks for by a noun ("length of her sentence"); None
    for a yes-or-no question, a request ("Name both."), or a query that names no typed noun."""
    if _NOT_TERSE_OPENING.match(q) or re.search(rf"[.:;]\s+(?:{IMPERATIVE_VERBS})\b", q):
        return None
    m = _TERSE_RE.search(q)
    return _TERSE_TYPES[int(m.lastgroup[1:])][1] if m and m.lastgroup else None


# "whats the name of ...", "who's in charge ...": a question typed in haste, read as written out.
_CONTRACTED = re.compile(r"\b(what|who|where|when|how|which)(?:['\u2019]s|s)\b(?=\s)", re.IGNORECASE)


# "What was the jailed challenger's name?" asks what "the name of the jailed challenger" asks.
# "What would the common currency have been called?": the name of the common currency.
_CALLED = re.compile(r"what\s+(?P<be>is|was|are|were|would|will)\s+(?P<thing>(?:the|that|this|those|these|its|their|his|her)\s+[^?]+?)\s+"
                     r"(?:(?:have\s+)?been\s+|be\s+)?(?:called|named|known\s+as)\s*(?P<end>\??)\s*$", re.IGNORECASE)
_NAME_OWNED = re.compile(r"(?P<wh>what|which)\s+(?P<be>is|was|are|were)\s+(?:(?:the|that|this|those|these)\s+(?=\w)|(?-i:(?=[a-z])))(?P<owner>[^?]+?)"
                         r"['\u2019]s?\s+(?P<part>(?:full\s+|first\s+|last\s+|given\s+|sur)?names?)\s*(?P<end>\??)\s*$", re.IGNORECASE)


# "The American freed in 2025, what was his name?", "Those prisoners let go, how many were there?": a
# question that names its subject first and asks after a comma, with a pronoun standing for it.
# An opening phrase of time, place or talk ("After the visit, who ...") is no subject.
_FRONTED = re.compile(r"(?P<topic>[^?]{6,}?),\s+(?P<ask>(?:(?:in|on|at|for|by|from|to|of|since|until|during|through|with)\s+)?"
                      r"(?:what|which|who|whom|when|where|how)\b[^,?]*|(?:do|does|did)\s+(?:we|you|they)\s+[^,?]*)\?\s*$", re.IGNORECASE)
# "Okay, and ...", "So, ...": a word that opens a turn in talk, before a subject named first.
_TURN_OPENING = re.compile(r"(?:okay|ok|so|well|alright|now)\b,?\s+(?:and\s+)?", re.IGNORECASE)
# "do we actually know their names?": who they are.
_KNOWN_NAMES = re.compile(r"(?:do|does|did)\s+(?:we|you|they)\s+(?:\w+\s+)?know\s+(?P<own>his|her|its|their)\s+(?:full\s+)?names?", re.IGNORECASE)
_NOT_SUBJECT = frozenset("""after before since during in on at for by from to of with without about as while when once if though
    although because despite following given like unlike besides apart according regarding concerning speaking talking looking
    going back so and but or okay ok well now then also yes right alright remind tell quick just say let here there is was are
    were ahead per via amid among across along around beyond except inside outside near next plus than toward towards under
    upon within run walk give name list take talk describe explain compare""".split())
_POSSESSED_NAME = re.compile(r"\b(?:his|her|its|their)\s+(?P<part>(?:full\s+|first\s+|last\s+)?names?)\b", re.IGNORECASE)
_STANDS_FOR = re.compile(r"\b(?:it|they|he|she|him|them)\b|\b(?:that|this|those|these)\s*$", re.IGNORECASE)
_COUNT_OF_THEM = re.compile(r"how many(?=\s+(?:were|was|are|is|did|do|have|had|got|remain|remained)\b)", re.IGNORECASE)
# "The potash company that got relief was called what?": the question word last.
_ASKED_LAST = re.compile(r"(?P<topic>[^?]{6,}?)\s+(?P<be>was|were|is|are)\s+(?P<called>(?:named|called|known\s+as)\s+)?"
                         r"(?P<wh>what|who)\s*\?\s*$", re.IGNORECASE)


_SUBJECT_DETERMINERS = ("the", "a", "an", "that", "this", "those", "these")


def _subject_phrase(topic: str) -> str:
    """A fronted subject written to stand inside a question: "Those prisoners" -> "those prisoners"."""
    first, _, rest = topic.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in _SUBJECT_DETERMINERS else topic


def _names_subject(topic: str) -> bool:
    """Whether the words before a question's comma can be its subject: not an opening phrase of
    time, place or talk ("After the visit"), a question word, an auxiliary or a verb in -ing."""
    first = topic.split()[0].lower().strip("\"'\u201c\u2018") if topic.split() else ""
    return bool(first) and first not in _NOT_SUBJECT and first not in QUESTION_WORDS and first not in _AUX.split("|") \
        and not first.endswith("ing") and not WH_RE.match(first)


def unfronted(question: str) -> str:
    """A question that names its subject first written the usual way round: "The American freed in
    2025, what was his name?" -> "What was the name of the American freed in 2025?"; "Those prisoners
    let go, how many were there?" -> "How many prisoners let go were there?"; "The company that got
    relief was called what?" -> "What was the name of the company that got relief?"; "Okay, and those
    two prisoners, do we know their names?" -> "What are the names of those two prisoners?". Else the question."""
    original = question
    opening = _TURN_OPENING.match(question)
    question = question[opening.end() :] if opening else question
    fronted = _FRONTED.fullmatch(question)
    last = _ASKED_LAST.fullmatch(question)
    found = fronted or last
    topic = found.group("topic") if found else ""
    if not _names_subject(topic):
        return original
    subject = _subject_phrase(topic.rstrip(" ,;"))
    if last and not fronted:
        if last.group("called"):
            return f'What {last.group("be")} the name of {subject}?'
        return f'{last.group("wh").capitalize()} {last.group("be")} {subject}?'
    assert fronted is not None
    ask = fronted.group("ask")
    if known := _KNOWN_NAMES.fullmatch(ask):
        return f"What are the names of {subject}?" if known.group("own").lower() == "their" else f"Who is {subject}?"
    if WH_RE.match(ask) is None:
        return original
    if who := re.fullmatch(r"what\s+(?P<be>is|was|are|were)\s+(?:his|her)\s+(?:full\s+)?name", ask, re.IGNORECASE):
        return f'Who {who.group("be")} {subject}?'  # "his name" asks who he is
    if named := _POSSESSED_NAME.search(ask):
        ask = f'{ask[: named.start()]}the {named.group("part")} of {subject}{ask[named.end() :]}'
    elif pronoun := _STANDS_FOR.search(ask, WH_RE.search(ask).end()):  # type: ignore[union-attr]
        ask = f"{ask[: pronoun.start()]}{subject}{ask[pronoun.end() :]}"
    elif count := _COUNT_OF_THEM.match(ask):
        first, _, rest = subject.partition(" ")
        bare = rest if first in ("the", "those", "these") and rest else subject  # "how many prisoners", not "how many those prisoners"
        ask = f"{ask[: count.end()]} {bare}{ask[count.end() :]}"
    else:
        return original
    return f"{ask[:1].upper()}{ask[1:]}?"


_THEM = re.compile(r"(?P<wh>who|what|which)\s+(?:were|are)\s+(?:they|those|these|them)", re.IGNORECASE)


def fronted_pair(question: str) -> list[str]:
    """The two questions a question asks that names two subjects first and asks after them together:
    "The envoy of 2025, and the one of 2019, who were they?" -> ["Who was the envoy of 2025?", "Who
    was the one of 2019?"]; else none."""
    fronted = _FRONTED.fullmatch(" ".join(question.split()))
    them = _THEM.fullmatch(fronted.group("ask")) if fronted else None
    if not fronted or not them or not _names_subject(fronted.group("topic")):
        return []
    parts = [p.strip(" ,") for p in re.split(r",\s+and\s+", fronted.group("topic"))]
    if len(parts) != 2 or any(len(p.split()) < 3 for p in parts):
        return []
    return [f'{them.group("wh").capitalize()} was {_subject_phrase(p)}?' for p in parts]


def written_out(question: str) -> str:
    """The question with "what's", "whats", "who's" ... written out ("what is", "who is"), a question
    that names its subject first written the usual way round (`unfronted`), and a name asked for by
    its owner written as the name of it ("the challenger's name": "the name of the challenger"), as is
    one asked for by what the thing is called ("what was the currency called": "the name of the currency")."""
    question = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question)
    start = question_start(question)
    question = f"{question[:start]}{unfronted(question[start:])}"
    called = _CALLED.match(question, start)
    if called:
        be = called.group("be") if called.group("be").lower() in ("is", "was", "are", "were") else "is"
        return f'{question[:start]}What {be} the name of {called.group("thing")}{called.group("end")}'
    owned = _NAME_OWNED.match(question, start)
    if owned:
        question = (f'{question[:start]}{owned.group("wh")} {owned.group("be")} the name of the '
                    f'{owned.group("owner")}{owned.group("end")}')
    return question


# "Can you find out ...", "I'd like to know ...", "Tell me ...": a request that wraps the question.
_REQUEST = re.compile(r"^(?:please,?\s+)?(?:(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+)?(?:tell|let)\s+(?:me|us)(?:\s+know)?"
                      r"|(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+)?(?:find|figure|work|look|check|dig)(?:\s+(?:out|up|me|for me))?"
                      r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:give|show|say|name)(?:\s+(?:me|us))?"
                      r"|i(?:['\u2019]d|\s+would)\s+like\s+to\s+(?:know|find\s+out|learn)|i\s+(?:want|need|wish|hope)\s+to\s+(?:know|find\s+out|learn)"
                      r"|i(?:['\u2019]m|\s+am)\s+(?:curious|wondering)(?:\s+(?:about|to\s+know))?|i\s+wonder|do\s+you\s+know)\b,?\s+",
                      re.IGNORECASE)
_EMBEDDED_WH = re.compile(r"(?:what|which|who|whom|whose|when|where|how|why)\b", re.IGNORECASE)


# "igor tur tv channel name": a search-box query for the name of what the words before "name" describe.
_TERSE_NAME = re.compile(r"^(?P<before>(?:[\w'\u2019.-]+\s+){1,8}?)(?:sur|first\s+|last\s+|full\s+)?names?\b(?P<after>[^?]*)\??$", re.IGNORECASE)


# A statement ends at a full stop or "!" after a word of two letters or more ("U.S." ends none).
_STATEMENT_END = re.compile(r"(?<=\w\w[.!])[\"'\u201d\u2019]?\s+(?=[\"\u201c]?\w)")
_SHORT_FORM = re.compile(r"\b(?:mr|mrs|ms|dr|st|jr|sr|sen|rep|gen|col|gov|amb|dept|jan|feb|aug|sept?|oct|nov|dec|inc|corp|vs|etc|no)\.$",
                         re.IGNORECASE)


_TAG_QUESTION = re.compile(r",\s+(?:right|correct|yes|no|true|yeah|(?:is|was|are|were|do|does|did|has|have|had|would|will|can|could)n['\u2019]t"
                           r"\s+(?:it|he|she|they|there|we|you))\?(?=\s+[\"\u201c]?\w)", re.IGNORECASE)


# "Hale visit: how long did the meeting last?", "Wagner arrests - how many ...?": a topic named as a headline
# before the question. It asks nothing; its words still say what the question is about.
_HEADLINE = re.compile(r"\s*[\w\"\u201c\u2018'](?:(?!\s[-\u2013\u2014]\s)[^:?.!;,\u2014])+?\s*(?::|\s[-\u2013\u2014]|\u2014)\s+"
                       r"(?=(?:(?:in|on|at|for|from|to|by|with|of|since|until|after|before|during|under|through)\s+)?"
                       r"(?:what|which|who|whom|whose|when|where|how|why)\b)", re.IGNORECASE)


def question_start(question: str) -> int:
    """Where the question proper starts after statements that set it up: "I'm writing about the 2020
    campaign. Who was jailed?" starts at "Who", as "Did Belarus jail anyone? Who?" does after the
    yes-or-no question it checks first; 0 for a question asked at once, or asked twice over."""
    # "Two envoys, two eras, right? Which ...?": a question tagged on a statement asks nothing.
    question = _TAG_QUESTION.sub(lambda m: f"{m.group(0)[:-1]}.", question)
    checked = _CHECKED_FIRST.match(question)
    if checked and main_wh(question[checked.end() :].lower()) is not None and "?" not in question[checked.end() :].rstrip("? "):
        return checked.end()
    headline = _HEADLINE.match(question)
    if headline and question.rstrip().endswith("?") and "?" not in question[: headline.end()] \
            and not WH_RE.search(question, 0, headline.end()):  # "Where did he stay - at which hotel?" asks once
        return headline.end()
    cuts = [m for m in _STATEMENT_END.finditer(question) if not _SHORT_FORM.search(question[: m.start()])]
    if not cuts or not question.rstrip().endswith("?") or "?" in question[: cuts[-1].start()]:
        return 0
    return cuts[-1].end()


# "Did Belarus free anyone, and if so, who?": a yes-or-no question that sets up the one asked.
_IF_SO = re.compile(r"(?:\s*[,;]\s*|\s+)(?:and|but)?,?\s*if\s+(?:so|yes|that\s+is\s+the\s+case|that['\u2019]s\s+the\s+case"
                    r"|(?:he|she|it|they)\s+(?:did|was|were|had|has|have)|there\s+(?:was|were))\s*,?\s+"
                    r"(?=(?:(?:in|on|at|for|from|to|by|with|of)\s+)?(?:what|which|who|whom|whose|when|where|how|why)\b)",
                    re.IGNORECASE)


def unconditioned(question: str) -> str:
    """A question that asks after a yes-or-no one it makes the condition of, written as the two
    questions: "Did Lukashenko claim a share of the vote, and if so, what percentage?" -> "Did
    Lukashenko claim a share of the vote? What percentage?"; else the question."""
    m = _IF_SO.search(question)
    if not m or not POLAR_OPENING.match(question.lstrip()):
        return question
    rest = question[m.end() :]
    return f"{question[: m.start()].rstrip(' ,;?')}? {rest[:1].upper()}{rest[1:]}"


# The verb a yes-or-no question opens with (matched at its start).
POLAR_OPENING = re.compile(r"(?:was|were|is|are|did|does|do|has|have|had|will|would|can|could)\s", re.IGNORECASE)
# "Was an American among those freed? What was the American's name?": a yes-or-no question checked first.
_CHECKED_FIRST = re.compile(r"\s*(?:was|were|is|are|did|does|do|has|have|had)\s[^?]+\?\s+", re.IGNORECASE)


# Either of two guesses: "Was it 1993 or 1994 when ...?", "Was it Pompeo or Bolton who ...?", "I think it was
# Viacorka - or was it Tur - who ...?", "..., and was it Hale or Smith who ...?".
_DASH = r"\s*(?:[-\u2013\u2014,]\s*)?"
_GUESS = r"[^?,;\u2013\u2014]{1,60}?"
_EITHER_IT = re.compile(rf"(?:^|(?<=,\s)(?P<joined>(?:and|but)\s+))(?:i\s+think\s+(?:that\s+)?it\s+was|(?:was|is|were)\s+it)\s+(?P<a>{_GUESS}){_DASH}\s*or\s+"
                        rf"(?:(?:was|is|were)\s+it\s+)?(?P<b>{_GUESS}){_DASH}\s+(?P<rel>that|who|whom|which|when|where)\s+", re.IGNORECASE)
# "Did Lukashenko claim 80 percent or 87 percent of the vote?": a yes-or-no question between two amounts.
_AMOUNT_GUESS = (r"(?:(?:about|around|roughly|approximately|only|some|nearly|almost|over|under|just|more\s+than|fewer\s+than|less\s+than)\s+)?"
                 rf"(?:\$\s?)?(?:\d[\d,.]*(?:st|nd|rd|th)?|(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*)"
                 r"(?:\s*(?:%|percent|per\s+cent|million|billion|thousand|dollars))?")
_EITHER_AMOUNT = re.compile(rf"^(?P<aux>did|does|do|was|were|is|are|has|have|had)\s+(?P<mid>[^?]+?)\s+(?P<a>{_AMOUNT_GUESS})\s+or\s+"
                            rf"(?P<b>{_AMOUNT_GUESS})\b(?P<rest>[^?]*)\?", re.IGNORECASE)
_YEAR_GUESS = re.compile(r"(?:(?:in|by|around|about)\s+)?(?:1[89]|20)\d\d")


def _either_asks(a: str, b: str) -> tuple[str, str] | None:
    """The question words two guesses answer, and the words after the second guess's amount that say
    what it counts ("about 10 political prisoners": how many, political prisoners); None where the
    guesses are of no kind told here."""
    a, b = a.strip(), b.strip()
    if _YEAR_GUESS.fullmatch(a) and _YEAR_GUESS.fullmatch(b):
        return "in what year", ""
    amount = re.fullmatch(rf"(?P<n>{_AMOUNT_GUESS})(?P<unit>(?:\s+[^\s]+)*)", b, re.IGNORECASE)
    if amount and re.fullmatch(_AMOUNT_GUESS, a, re.IGNORECASE):
        n, unit = amount.group("n").lower(), amount.group("unit").strip()
        if re.search(r"%|percent|per\s+cent", n + " " + a.lower()):
            return "what percentage", unit
        if "$" in n + a or "dollar" in n:
            return "how much money", unit
        if re.search(r"\d(?:st|nd|rd|th)\b", n):
            return "what rank", unit
        return ("how many", unit) if unit else ("what number", "")
    named = [[w for w in guess.split() if w.lower() not in STOPWORDS] for guess in (a, b)]
    if all(words and all(w[:1].isupper() for w in words) for words in named):  # "Pompeo or Bolton"
        return "who", ""
    return None


def either_asked(question: str) -> str:
    """A question between two guesses, asked the way the guesses answer it: "Was it 2008 or 2009 when
    Belarus expelled ...?" -> "In what year Belarus expelled ...?"; "Did Lukashenko claim 80 percent or
    87 percent of the vote?" -> "What percentage did Lukashenko claim of the vote?"; else the question.
    The guesses are left out: the answer is what the passages say, which may be neither."""
    def asked(m: re.Match[str]) -> str:
        # "Was it Minsk or Vilnius where ...?": where, whatever the places.
        asks = ("where", "") if m.group("rel").lower() == "where" else _either_asks(m.group("a"), m.group("b"))
        if asks is None:
            return m.group(0)
        wh, unit = asks
        wh = f'{m.group("joined")}{wh}' if m.group("joined") else wh.capitalize()
        return f"{wh} {unit} " if unit else f"{wh} "

    out = _EITHER_IT.sub(asked, question)
    if out != question:
        return out
    m = _EITHER_AMOUNT.match(question.strip())
    asks = _either_asks(m.group("a"), m.group("b")) if m else None
    if m is None or asks is None:
        return question
    wh, unit = asks
    return f'{wh.capitalize()}{" " + unit if unit else ""} {m.group("aux").lower()} {m.group("mid")}{m.group("rest")}?'


# "Identify by name the village ...", "State precisely the number ...": words that say how to answer, not what.
_HOW_TO_ANSWER = r"(?:by\s+name|in\s+full|for\s+the\s+record|precisely|exactly|specifically|briefly|clearly|please)"
# "Pursuant to the agreement, identify ...": a phrase that says what the command is about may open it.
_COMMAND_LEAD = r"(?:pursuant|according|with\s+regard|with\s+respect|as\s+regards|in|under|for|regarding|concerning|on)\b[^,?]{2,100},\s+"
_COMMAND = re.compile(rf"^(?P<lead>(?:{_COMMAND_LEAD})?)(?:(?:please|kindly),?\s+)?"
                      rf"(?P<verb>{IMPERATIVE_VERBS})\b,?(?:\s+{_HOW_TO_ANSWER},?)*\s+(?=(?:the|a|an|one|both|all|each)\b)",
                      re.IGNORECASE)
# A command's opening, to the thing it asks for: "Identify the ", "Under the bargain, state the ".
COMMANDED = re.compile(rf"^(?P<lead>(?:{_COMMAND_LEAD})?)(?:{IMPERATIVE_VERBS})\s+(?:the|a|an|one)\s+", re.IGNORECASE)
_HOW_AFTER = re.compile(rf",\s+{_HOW_TO_ANSWER},(?=\s)|\s+{_HOW_TO_ANSWER}(?=\s+(?:in|as|to|by)\b)", re.IGNORECASE)


def commanded(question: str) -> str:
    """A question put as a command, without the words that say how to answer: "Pursuant to the
    bargain, identify specifically the areas ..." -> "Pursuant to the bargain, identify the areas ...";
    "State the rank, precisely, that ..." -> "State the rank that ..."; else the question."""
    stripped = question.lstrip()
    m = _COMMAND.match(stripped)
    if not m:
        return question
    verb = m.group("verb") if m.group("lead") else m.group("verb").capitalize()
    return f'{m.group("lead")}{verb} {_HOW_AFTER.sub("", stripped[m.end() :])}'


def plain_question(question: str) -> str:
    """The question a request wraps: "Can you find out who replaced Bolton?" -> "Who replaced Bolton?",
    "I want to know the year Lukashenka ..." -> "Tell me the year Lukashenka ..."; a search-box query for a
    name ("us ambassador minsk nominee 2019 name") written as the question it asks ("What is the name
    of the us ambassador minsk nominee, 2019?"); a request after statements that set it up, unwrapped
    after them; a question asked on the condition of a yes-or-no one (`unconditioned`); else the question."""
    question = commanded(either_asked(unconditioned(question)))
    start = question_start(question)
    if start:  # the statements stay: "What year was that?" needs them
        return f"{question[:start]}{plain_question(question[start:])}"
    q = " ".join(question.split())
    terse = _TERSE_NAME.match(q)
    if terse and main_wh(q.lower()) is None and not _NOT_TERSE_OPENING.match(q):
        words = terse.group("before").split()
        given = [w for w in words if w[:1].isdigit()] + terse.group("after").split()
        described = [w for w in words if not w[:1].isdigit()]
        if described and described[0].lower() in ("the", "a", "an"):
            described = described[1:]
        if described and described[-1].lower() not in STOPWORDS:
            return f'What is the name of the {" ".join(described)}{", " + " ".join(given) if given else ""}?'
    m = _REQUEST.match(question.strip())
    if not m:
        return question
    rest = question.strip()[m.end() :]
    if _EMBEDDED_WH.match(rest):
        return rest[:1].upper() + rest[1:]
    return f"Tell me {rest}" if re.match(r"(?:the|a|an|one|both|all)\b", rest, re.IGNORECASE) else question


# "What was the name of the American who was freed?", "Which Belarusian did he meet?": a nationality
# standing for a person.
_NATIONAL_ASKED = re.compile(r"(?:\bnames? of (?:the |an? |these |those )?|^(?:which|what) )[a-z]+(?:ian|can|ese|ish)s?"
                             r"(?= (?:who|whom|that|was|were|did|is|are|had|has|freed|released|jailed|arrested|held)\b|\s*\?|$)")


# "in the index", "in the league table": an order that things hold places in.
_RANKING = re.compile(r"\b(?:index|indexes|indices|ranking|rankings|list|table|league|poll|survey)\b")


def question_type(question: str) -> AnswerType:
    """The expected answer type, read from the question's leading question word.

    A "when" inside a later clause ("what post did he hold when he met ...") does not make it a
    date question. "Which two senior officials" is a person question like "who".
    """
    # "Name the expert who ...", "Identify the three analysts ...": which expert, which analysts.
    # So do "Tell me the year ...", "Name one city ...".
    q = " ".join(written_out(question).lower().split())
    if command := COMMANDED.match(q):
        q = f'{command.group("lead")}which {q[command.end() :]}'
    # "X, co-author of the report," describes a person the question gives; it asks for no byline.
    # "What dateline does it carry beneath its byline?" asks for a date.
    if re.search(r"\bwho (wrote|reported|authored|co-?wrote|co-?authored)\b|\bwritten by\b|(?<!, )(?<!-)\bauthors? of\b|\bbyline\b"
                 r"|\bwho (?:is|was|are|were) the (?:co-?)?authors?\b", q) and not re.search(r"\b(?:what|which) (?:dateline|date|day)\b|^when\b", q):
        return AnswerType("byline")
    m = main_wh(q)
    if m is None and (terse := _terse_type(q)) is not None:
        return terse
    head = q[m.start():] if m else q
    if re.match(rf"when\b|(what|which) {_EXACT}(years?|dates?|datelines?|days?|weekdays?|months?|deadlines?)\b|in what (year|month)\b|on what (date|day)\b"
                r"|(?:what|which) (?:original |publication |release |exact |precise )+dates?\b", head) or \
            re.search(rf"\b(in|on|since|until) (what|which) {_EXACT}(years?|dates?|days?|weekdays?|months?)\b", q):
        # "On what date ...?" wants the day, "in which month ...?" the month; a year alone answers neither.
        grain = re.search(rf"\b(?:what|which) {_EXACT}(date|day|weekday|month)s?\b", q)
        return AnswerType("date", {"date": "day", "day": "day", "weekday": "day", "month": "month"}[grain.group(1)]
                          if grain else None)
    if re.match(r"(?:at )?(?:what|which) (?:time|hour)\b(?! of (?:the )?(?:year|month))", head) or re.search(r"\bat what (?:time|hour)\b", q):
        return AnswerType("time")  # "At what hour did the car cross?": a time of day
    if re.match(r"how old\b|(what|which) age\b|at what age\b|(who|which)\b.*\b(older|younger|oldest|youngest)\b", head):
        return AnswerType("age")
    # "What was the official voter turnout ...?": a share of the voters.
    if re.match(r"(what|which) (percentage|percent|share|proportion|fraction)\b|what (?:per ?cent\b|%)|how (?:much|many) (?:per ?cent\b|%)",
                head) or \
            re.match(r"what (?:is|was|were) (?:the )?(?:[\w-]+ ){0,2}?turnout\b", head):
        return AnswerType("percent")
    if re.match(r"(?:what|which) (?:[\w'-]+ )?(?:prison|jail) (?:term|sentence)s?\b|(?:what|which) sentences? (?:did|does|was|were|"
                r"had|has|is)\b", head):
        return AnswerType("duration", "state")  # "What prison term was he given?": a length of time
    # "Specify the duration, in hours, of the meeting": how long it lasted.
    # "What length was the flag?" asks for a size.
    if re.match(r"(?:what|which) (?:(?:is|was|were) )?(?:the )?(?:exact |precise |total )?(?:duration|length)\b(?! of (?:the |his |her |their )?"
                r"(?:prison |jail )?(?:term|sentence)s?\b)", head) and \
            (" duration" in head or re.search(r"\b(?:hours?|minutes?|days?|weeks?|months?|meeting|talks|call|visit|trip|stay)\b", head)):
        return AnswerType("duration", "event")
    if re.match(r"how long\b", head):
        after = re.match(r"how long\s+(\w+)", head)
        word = after.group(1) if after else ""
        asks = _DURATION_ASKS.get(word)
        if asks == "state" and _EVENT_LENGTH.search(q.rstrip(" ?")):  # "How long had the meeting lasted?": the event's length
            asks = "event"
        return AnswerType("duration", "offset" if word in ("after", "before", "ago", "earlier", "later")
                          or re.search(r"\bago$", q.rstrip(" ?")) else asks)
    # "What was the maximum number of American diplomats ...?", "What political prisoner total ...?": a count.
    total = re.match(r"(?:what|which) (?:(?:is|was|were|are) )?(?:the )?(?:[\w-]+ ){0,2}?(?:number|count|tally|total(?! (?:value|amount|sum|number|count|cost|price)\b))\b"
                     r"(?! of (?:the )?(?:time|day))"
                     r"(?: of (?P<rest>.*))?", head)
    if total:
        noun = counted_noun(f'how many {total.group("rest")}') if total.group("rest") else None
        return AnswerType("number", stem(noun) if noun else None)
    if re.match(r"how many\b", head):
        noun = counted_noun(head)
        return AnswerType("number", stem(noun) if noun else None)
    if re.match(r"how much\b.*\b(pay|pays|paid|cost|costs|spend|spends|spent|charge|charges|charged|earn|earns|earned|"
                r"worth)\b|(what|which) (?:(?:is|was|were|are) )?(?:the )?(?:\w+ ){0,2}?(price|sum|fee|cost|amount of money|sum of "
                r"money|(?:monetary|dollar|cash|total|combined) (?:value|amount|figure))\b|how much money\b", head) \
            or (re.match(r"(?:what|which) (?:(?:is|was|were|are) )?(?:the )?(?:\w+ ){0,2}?value\b", head)
                and re.search(r"\b(?:dollars?|euros?|rubles?|roubles?|pounds?)\b|\$", q)):
        return AnswerType("money")
    if re.match(r"how far\b", head):
        return AnswerType("distance")
    much = re.match(r"how much ([\w'-]+)", head)
    if much and much.group(1) not in STOPWORDS and much.group(1) not in QUESTION_WORDS:
        # "How much impact did sanctions have?" asks for an amount of impact: "little impact" answers.
        return AnswerType("amount", stem(much.group(1)))
    if re.match(r"(?:what|which) (?:[\w-]+ )?(?:score|rating|grade)s?\b", head):
        # "What score did Belarus receive?" wants points: "ranked 104th out of 180 countries" gives none.
        return AnswerType("number", SCORE_UNIT)
    if re.match(r"how much\b|(what|which) (number|rank|ranking)\b", head):
        return AnswerType("number")
    # "What volume of crude oil ...?": an amount, which a share ("99% of its crude oil imports") is not.
    if re.match(r"(?:what|which) (?:(?:is|was|were|are) )?(?:the )?(?:[\w'\u2019-]+ ){0,2}?(?:volume|quantity|tonnage)s?\b", head):
        return AnswerType("amount")
    # "What is the population of Minsk?", "How big were the fines?": a quantity.
    if re.match(r"(?:what|which) (?:(?:is|was|were|are) )?(?:the )?(?:[\w'\u2019-]+ ){0,2}?(?:size|population|output|gdp|"
                r"gross domestic product)\b|how (?:big|large|small|heavy|severe)\b", head):
        return AnswerType("number")
    # "What post did X hold?", "What was X's job title?" ("X's position" or "role" may be a rank or a part played).
    # "What role did he let Russia use his country for?", "What position did Minsk take?": a part played, a stance.
    played = re.match(r"(?:what|which) (?:role|position)s? (?:\w+ ){0,6}?(?:take|took|takes|play|plays|played|let|lets|"
                      r"use|used|give|gave)\b", head)
    # "What position did Belarus hold in the index?": a rank, not a post.
    if re.match(r"(?:what|which) (?:position|place|spot)\b", head) and _RANKING.search(q):
        return AnswerType("number")
    if not played and re.match(r"(what|which) (?:official |formal )?(post|position|title|job|role|office)\b|(what|which) (is|was) [^?]{0,60}?'s "
                               r"(?:official |job |formal )?(?:title|post|job)\b", head.replace("\u2019", "'")):
        rest = question[m.end() if m else 0 :]
        # The person is named in full ("the title The Week uses for David Hale"): the first full name, else the first name.
        names = [" ".join(words) for words in full_names(rest)] or _NAME_RUN.findall(rest)
        return AnswerType("role", subject=name_key(names[0].split()[-1]) if names else None)
    # "Which State Department official ...?": a noun before a noun for people describes them.
    if re.match(rf"(which|what) {_SOME_WORDS}({_ORG_NOUNS})\b(?!\s+(?:{_PERSON_NOUNS})\b)", head) or re.search(rf"\b(with|by|for|from|at) "
                                                                                 rf"(which|what) ({_ORG_NOUNS})\b", q):
        return AnswerType("organization")
    # "Which security service's chief did he meet?" asks which service: the owner is what is asked.
    owner = re.match(r"((?:which|what) (?:[\w-]+ ){0,3}?[\w-]+)['\u2019]s\b", head)
    nouns = _official_as_adjective(owner.group(1) if owner else head)
    # "What were the names of the two prisoners released?" asks who they were.
    if re.match(rf"(who|whom|whose)\b|(which|what) {_SOME_WORDS}({_PERSON_NOUNS})\b", nouns) or \
            re.search(rf"\bnames? of (?:the |these |those )?{_SOME_WORDS}({_PERSON_NOUNS})\b", nouns) or \
            re.search(_NATIONAL_ASKED, nouns):
        return AnswerType("person")
    if re.match(r"where (?:does|did|do|is|was|will) .{0,60}?\b(?:place|placed|rank|ranks|ranked|stand|stands|stood|"
                r"come|comes|came|finish|finished|score|scores|scored)\b", head) or \
            re.match(r"where .{0,60}?\b(?:placed|ranks|ranked|stands|stood|finished|scored)\b", head) or \
            re.match(r"where .{0,60}?\b(?:land|lands|landed|sit|sits|sat)\b", head) and _RANKING.search(q):
        # "Where did Belarus place in the index?" asks for a rank; so does "(tell me) where Belarus placed".
        return AnswerType("number")
    if re.match(rf"where\b|(what|which) {_SOME_WORDS}({_PLACE_NOUNS})\b|(what|which) (?:u\.s\.|us|american) states?\b", head) or \
            re.search(rf"\b(to|in|from|at) (which|what) ({_PLACE_NOUNS})\b|\bname of the (?:[\w'-]+ ){{0,2}}?({_PLACE_NOUNS})\b", q):
        return AnswerType("place")
    return AnswerType("other")


# A question word after a comma, perhaps after a preposition: ", what have ...", ", for how long ...".
_LATER_WH_RE = re.compile(rf",\s+(?:\w+\s+)?{WH_RE.pattern}", re.IGNORECASE)


# "When the West sanctioned potash, which country profited?": an opening "when" not followed by a
# verb starts a clause of time, and the question word after the comma asks.
_SUBORDINATE_WHEN_RE = re.compile(r"when\s+(?!(?:did|does|do|is|was|are|were|will|would|can|could|has|have|had|should|"
                                  r"might|may|must)\b)[^,?]+,\s+(?:\w+\s+)?(?:what|which|who|whom|whose|how|where|why)\b")


def main_wh(q: str) -> re.Match[str] | None:
    """The question word of the main clause. In "Discouraged by how long he has ruled, what have his
    opponents ...?" the first one belongs to an opening phrase, and the question asks "what"; so does
    the "when" of an opening clause of time ("When the West sanctioned potash, which ...?"). Statements
    that set the question up come before it and ask nothing (`question_start`)."""
    start = question_start(q)
    m = WH_RE.search(q, start)
    if m is not None and m.start() == start and not _SUBORDINATE_WHEN_RE.match(q, start):
        return m
    if m is None or (m.start() > start and re.fullmatch(r"(?:\w+\s+)?", q[start : m.start()])):
        return m
    later = _LATER_WH_RE.search(q, m.end())
    return WH_RE.search(q, later.start()) if later else m


def _is_adjective(word: str) -> bool:
    # "how many senior officials", "how many political prisoners": the noun comes second.
    return word.endswith(("al", "ior", "ive", "ous", "ic", "ian", "ese", "ish", "an", "ern", "ful", "less"))


def _counts(unit: str, sentence: str) -> bool:
    """Whether a number in the sentence counts `unit` (the noun within three words after it)."""
    words = [w.lower().strip(".,;:") for w in _WORD.findall(sentence)]
    for i, w in enumerate(words):
        if _NUMBER_TOKEN.match(w) and any(stem(n) == unit for n in words[i + 1 : i + 4]):
            return True
    return False


# A plural noun: "fines", "Russians", "elections"; not "dubious", "class", "status" or "this".
_PLURAL_NOUN = re.compile(r"[A-Za-z][a-z]+(?<![siu])s")
# Nouns that count people of any kind: "three people who had been jailed" may be the prisoners asked about.
_ANY_PEOPLE = frozenset(stem(w) for w in "people persons others ones individuals".split())
_PEOPLE_STEMS = frozenset(stem(w) for w in _PERSON_NOUNS.split("|")) | _ANY_PEOPLE | frozenset(stem(w) for w in (
    "fighter protester demonstrator soldier troop mercenary citizen member supporter voter worker student national resident "
    "civilian refugee migrant hostage captive inmate volunteer".split()))


def _same_people(unit: str, noun: str) -> bool:
    """Whether people counted as `noun` may be the people a question counts as `unit`: "people" may be
    anyone, "diplomats" envoys, and "33 Russians" fighters (a nationality and a calling may meet), but
    Russians are not Belarusians, nor journalists prisoners."""
    other = stem(noun.lower())
    if unit not in _PEOPLE_STEMS and not _DEMONYMS.fullmatch(unit.capitalize() + "s"):
        return False
    if unit in _ANY_PEOPLE or other in _ANY_PEOPLE:
        return other in _PEOPLE_STEMS or bool(_DEMONYMS.fullmatch(noun))
    if any(unit in group and other in group for group in _CALLINGS):
        return True
    return bool(_DEMONYMS.fullmatch(noun)) != bool(_DEMONYMS.fullmatch(unit.capitalize() + "s")) and (
        other in _PEOPLE_STEMS or unit in _PEOPLE_STEMS)


def counted_noun(question: str) -> str | None:
    """The word "how many" counts: "how many senior officials" counts officials; "how many were arrested"
    names nothing counted."""
    counted = re.search(r"\bhow many ([\w'-]+)(?: ([\w'-]+))?", question.lower())
    if not counted or counted.group(1) in STOPWORDS:
        return None
    # "How many extra American diplomats": the first plural noun within three words is counted.
    run = list(itertools.takewhile(lambda w: w not in STOPWORDS, re.findall(r"(?:\w\.){2,}|[\w'-]+", question.lower()[counted.start(1):])[:4]))
    plural = next((w for w in run if _PLURAL_NOUN.fullmatch(w) and not _is_adjective(w)), None)
    if plural is not None:
        return plural
    words = [w for w in counted.groups() if w and w not in STOPWORDS]
    return words[-1] if len(words) > 1 and _is_adjective(words[0]) else words[0]


def _blank(m: re.Match[str]) -> str:
    """Spaces for a match, so that what is left of a sentence keeps its offsets."""
    return " " * len(m.group(0))


_COUNTED_AFTER_OF = frozenset("couple pair dozen dozens hundreds thousands millions billions".split())


def counting(counted: str, sentence: str) -> tuple[list[int], bool]:
    """Where the numbers of the sentence that may count `counted` start, and whether it writes any
    number at all. A number that counts no plural noun of its own ("put their number at 1,226", "more
    than 200 of them") may count anything; "people" may count any people, and any people may be
    "people". A share counts nothing."""
    unit = stem(counted)
    plural = _PLURAL_NOUN.fullmatch(counted) is not None  # only a plural noun asked for is told apart
    words = list(_WORD.finditer(_PERCENT_HINT.sub(_blank, _TIME_NUMBER.sub(_blank, sentence))))
    starts, found = [], False
    for i, m in enumerate(words):
        w = m.group(0)
        if not _NUMBER_TOKEN.match(w) or w.lower() in ("one",):
            continue
        found = True
        # "a couple of reasons", "dozens of journalists": the noun after "of" is what is counted.
        skip = 2 if w.lower() in _COUNTED_AFTER_OF and i + 1 < len(words) and words[i + 1].group(0).lower() == "of" else 1
        after = [n.group(0) for n in itertools.takewhile(lambda n: n.group(0).lower() not in STOPWORDS, words[i + skip : i + skip + 3])]
        noun = next((n for n in after if _PLURAL_NOUN.fullmatch(n)), None)
        if not plural or any(stem(n.lower()) == unit for n in after) or noun is None or _same_people(unit, noun):
            starts.append(m.start())
    return starts, found


def counts_other(counted: str, sentence: str) -> bool:
    """Whether every number in the sentence counts another noun than `counted` (`counting`): asked "how
    many journalists were jailed", "about 100 fines on journalists" counts fines. Only a plural noun
    asked for is told apart."""
    if not _PLURAL_NOUN.fullmatch(counted):
        return False
    starts, found = counting(counted, sentence)
    return found and not starts


# Words that say how much of something there is without a number: "little impact", "no effect".
_DEGREE_WORDS = frozenset("""little much no limited some significant considerable great minimal enormous huge negligible
    major minor marginal modest substantial serious""".split())


# Units of time a length may be told in for one asked in another: "how many years" -- "two decades".
_UNIT_SCALES = (("second", "minute", "hour"), ("day", "week"), ("month",), ("year", "decade", "centur"))


def spans_time(sentence: str, unit: str | None = None) -> bool:
    """Whether the sentence holds a length of time, as "how many hours" wants: "for 25 years",
    "two decades"; in the scale of the asked unit, where given: "how many hours" is not told by "in 11 years"."""
    scale = next((group for group in _UNIT_SCALES if unit and unit.startswith(group)), None)
    return any(scale is None or m.group(1).lower().startswith(scale) for m in _SPAN_NUMBER.finditer(sentence))


def is_time_unit(unit: str | None) -> bool:
    """Whether a counted unit is one of time: "how many hours", "how many years"."""
    return unit is not None and unit.startswith(_TIME_UNITS)


def _measures(unit: str, sentence: str) -> bool:
    """Whether a word of degree stands right before the measured noun: "had little impact"."""
    words = [w.lower().strip(".,;:") for w in _WORD.findall(sentence)]
    return any(w in _DEGREE_WORDS and stem(n) == unit for w, n in zip(words, words[1:], strict=False))


def is_post(word: str) -> bool:
    """Whether a word names one person's post: "Minister", "Undersecretary"; a plural ("officials") names none."""
    low = word.lower()
    return low in _ROLE_WORDS or (stem(low) in _ROLE_WORDS and not low.endswith("s"))


def _role_match(subject: str | None, sentence: str) -> float:
    """1.0 when a post ("Minister for Foreign Affairs") stands within six words of the person asked
    about, 0.5 when the sentence names a post for someone else, else 0.0."""
    words = _WORD.findall(sentence)
    # A post is one person's: "Yarmoshyna and some other officials" gives none ("officials" is a plural).
    posts = [i for i, w in enumerate(words) if is_post(w)]
    if not posts:
        return 0.0
    if subject:
        near = [i for i, w in enumerate(words) if w[:1].isupper() and name_key(w) == subject]
        if any(abs(i - j) <= 6 for i in posts for j in near):
            return 1.0
    return 0.5


def new_post(subject: str, sentence: str, question: str) -> bool:
    """Whether a post beside the person asked about is one the question does not give: "What job did
    Hale hold before becoming under secretary?" is not answered by "Undersecretary ... David Hale"."""
    given = [stem(w.lower()) for w in _WORD.findall(question) if stem(w.lower()) in _ROLE_WORDS or w.lower() in _ROLE_WORDS]
    words = _WORD.findall(sentence)
    near = [j for j, w in enumerate(words) if w[:1].isupper() and name_key(w) == subject]
    for i, w in enumerate(words):
        # A post written before the name may run long: "Undersecretary of State for Political Affairs David Hale".
        if is_post(w) and any(-8 <= i - j <= 6 for j in near):
            # "met with Belarusian President Alexander Lukashenko": a post before another name is that one's.
            follows = words[i + 1 : i + 3]
            if len(follows) == 2 and all(x[:1].isupper() for x in follows) and not any(name_key(x) == subject for x in words[i + 1 : i + 4]):
                continue
            if not any(stem(w.lower()).endswith(g) for g in given):
                return True
    return False


def _duration_fits(asks: str | None, m: re.Match[str], sentence: str) -> bool:
    """Whether a length of time (or space) in the sentence can answer what "how long" asks
    (`question_type`): an offset only "how long after"; a gap ("first in five years") not the length
    of an event ("how long did the talks last"); a length of space only "how long is/was"."""
    if asks == "offset":
        return True
    # "A yearslong policy" measures nothing; "for many years" does not say how long the talks went on.
    if re.match(r"(?:s|ies)?long\b", sentence[m.end() :], re.IGNORECASE) or (
            asks == "event" and (m.group(1) or "").lower() in ("many", "several")):
        return False
    unit = (m.group(2) or "").lower()
    timed = not unit or unit.startswith(_TIME_UNITS)
    if not timed:
        return asks is None
    if _OFFSET_AFTER.match(sentence, m.end()):
        return False
    # "Led by him for the last 25 years" runs up to now: a state, not the length of an event.
    return not (asks == "event" and (_GAP_BEFORE.search(sentence, 0, m.start()) or _UP_TO_NOW.search(sentence, 0, m.start())))


def full_names(text: str) -> list[list[str]]:
    """Runs of two or more capitalised words that can be a name, as lists of words.

    A sentence's first word is capitalised anyway ("On August 29", "The Week"): words that are
    never part of a name are dropped from the front of a run before it is judged.
    """
    out = []
    for m in _NAME_RE.finditer(text):
        words = m.group(0).split()
        while words and (words[0].lower() in STOPWORDS or words[0].lower() in _NOT_NAME_WORDS):
            words = words[1:]
        if len(words) >= 2:
            out.append(words)
    return out


def has_full_name(sentence: str) -> bool:
    """Whether the sentence holds two or more capitalised words in a row that can be a person's name:
    "the Kremlin-linked Wagner Group" ends in an organisation word, and is a body's."""
    return any(words[-1] not in _ORG_WORD_SET for words in full_names(sentence))


# Kinds of answer that are names: a name the question itself gives is not one it asks for.
NAME_KINDS = frozenset({"person", "organization", "place"})
_CAPITALISED = re.compile(r"\b[A-Z][\w.'\u2019-]*")


NATIONALITY_WORD = re.compile(r"[A-Z][a-z]+(?:ian|can|ese|ish)s?")  # "Belarusian", "American", "Polish"
# Words that open sentences without naming anyone.
_OPENERS = frozenset("""although though however despite during while since meanwhile overall first second third finally
    later earlier still yet instead even already many several most much another such thus hence also last next""".split())
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b")  # "U.S.", "EU", "KGB"


_NUMBER_WORD_RE = re.compile(rf"\b\d[\d,.]*\d\b|\b\d\b|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)


def without_given_numbers(sentence: str, question: str) -> str:
    """The sentence without the numbers the question itself gives: "How many of the 1,226 prisoners
    are journalists?" is not answered by "1,226" again."""
    def key(number: str) -> str:
        return number.lower().replace(",", "")

    given = {key(m.group(0)) for m in _NUMBER_WORD_RE.finditer(question)}
    return _NUMBER_WORD_RE.sub(lambda m: " " if key(m.group(0)) in given else m.group(0), sentence)


# A person is named after an honorific or a post: "Mr. Lukashenko", "adviser John Bolton", "President Trump".
_PERSON_NAMED = re.compile(r"\b(?:(?:Mr|Ms|Mrs|Dr)\.?|(?i:" + "|".join(sorted(_ROLE_WORDS | {"expert", "journalist", "reporter",
                           "activist", "anchor"})) + r"))\s+((?:[A-Z][\w'\u2019-]+\s+){0,2}[A-Z][\w'\u2019-]+)")


def person_names(text: str) -> frozenset[str]:
    """The name keys of the surnames a text gives people by an honorific or a post."""
    return frozenset(name_key(m.group(1).split()[-1]) for m in _PERSON_NAMED.finditer(text))


def holds_new_name(answer_type: AnswerType, sentence: str, question: str, people: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence holds a name of the kind asked for that the question does not itself
    write (or spell otherwise): "Who did Bolton meet?" is not answered by "Bolton" again. For an
    organisation, neither is it answered by the surname of one of the `people` (`person_names`)."""
    known = set(tokens(question))
    agent = answer_type.kind in ("person", "organization")
    if agent:  # a person or an organisation is not "Belarus", "the United States" or "U.S."
        for country in places("country", sentence):
            sentence = re.sub(rf"\b{re.escape(country)}\.?", country.lower(), sentence)

    keys = [t[1:] for t in known if t.startswith("~")]

    def given(word: str) -> bool:  # nor "Belarusian" or "American", nor a misspelling of a name it gives
        return not known.isdisjoint(tokens(word)) or (agent and bool(NATIONALITY_WORD.fullmatch(word))) \
            or (answer_type.kind == "organization" and name_key(word) in people) \
            or (word[:1].isupper() and len(word) >= 4 and any(same_name(owner_key(word), k) for k in keys))

    # "President Alexander Lukashenko" is given by "Lukashenka": a full name whose surname the question gives.
    text = sentence
    if answer_type.kind == "person":
        text = _NAME_RE.sub(lambda m: m.group(0).lower() if given(m.group(0).split()[-1]) else m.group(0), text)
        # "the White House" names no one, though "Whose index ...?" may be a body's
        if not re.match(r"\W*whose\b", question, re.IGNORECASE):
            text = _BODY_NAME.sub(lambda m: m.group(0).lower(), text)
    text = _CAPITALISED.sub(lambda m: m.group(0).lower() if given(m.group(0)) else m.group(0), text)
    # A sentence may open with a name ("Lukashenko met ..."), though not with "Thankfully" or "Speaking".
    first = re.match(r"\W*([A-Z][a-z]{2,})\b", text)
    opens = first is not None and first.group(1).lower() not in STOPWORDS | _OPENERS and not first.group(1).endswith(("ly", "ing")) \
        and not _BODY_NAME.match(text.lstrip(" \"'\u201c\u2018("))  # "White House national security adviser ..." (an organisation)
    return (type_match(answer_type, text) > 0 or opens or bool(_HONORIFIC_NAME.search(text))
            or (answer_type.kind != "person" and bool(_ABBREVIATION.search(text))))


def amount_starts(kind: str, text: str) -> list[int]:
    """Where the text writes a share ("87 percent") or a sum of money ("$1.5 billion"), for those kinds."""
    hint = {"percent": _PERCENT_HINT, "money": _MONEY_HINT}.get(kind)
    return [m.start() for m in hint.finditer(text)] if hint else []


def type_match(answer_type: AnswerType | str, sentence: str) -> float:
    """How well the sentence holds the kind of thing asked for.

    1.0 when it holds one (for a counting question: a number of the counted thing), 0.5 for a
    counting question's bare number and for questions of no particular type, else 0.0.
    """
    at = AnswerType(answer_type) if isinstance(answer_type, str) else answer_type
    kind = at.kind
    if kind == "byline":
        return 1.0 if re.match(r"By\s+[A-Z]", sentence) else 0.0
    if kind == "date":
        hint = {"day": _DAY_HINT, "month": _MONTH_HINT}.get(at.unit or "", _DATE_HINT)
        return 1.0 if hint.search(sentence) else 0.0
    if kind == "age":
        return 1.0 if _AGE_HINT.search(sentence) else 0.0
    if kind == "time":
        return 1.0 if _TIME_HINT.search(sentence) else 0.0
    if kind == "distance":
        return 1.0 if _DISTANCE_HINT.search(sentence) else 0.0
    if kind == "money":
        return 1.0 if _MONEY_HINT.search(sentence) else 0.0
    if kind == "percent":
        return 1.0 if _PERCENT_HINT.search(sentence) else 0.0
    if kind == "duration":
        return 1.0 if any(_duration_fits(at.unit, m, sentence) for m in _DURATION_HINT.finditer(sentence)) else 0.0
    if kind == "amount":  # a word of degree before the measured noun ("little impact"), or a number
        # "How much crude oil did Belarus buy?" is not answered by a share: "99% of its crude oil imports".
        return 1.0 if _measures(at.unit or "", sentence) or _NUMBER_HINT.search(_PERCENT_HINT.sub(" ", _TIME_NUMBER.sub(" ", sentence))) \
            else 0.0
    if kind == "number":
        text = _TIME_NUMBER.sub(" ", sentence)
        if at.unit in _MEASURE_STEMS and (_MEASURE_NUMBER.search(text) or _DISTANCE_HINT.search(text)):
            return 1.0  # "How many feet long was the flag?": "a 1,000-foot-long flag" measures it
        if at.unit is not None:
            # "87 percent of the vote" is a share, and "a 1,000-foot-long flag" a measure: neither counts votes or people.
            text = _MEASURE_NUMBER.sub(" ", _PERCENT_HINT.sub(" ", text))
            if not at.unit.startswith(_TIME_UNITS):
                # "in more than 18 years" is a length of time; it counts no officials.
                text = _SPAN_NUMBER.sub(" ", text)
        if not _NUMBER_HINT.search(text):
            return 0.0
        return 1.0 if at.unit is None or _counts(at.unit, sentence) else 0.5
    if kind == "person":  # a full name; a lone capitalised word inside the sentence may be a surname, though not a country's
        if has_full_name(sentence) or _HONORIFIC_NAME.search(sentence):
            return 1.0
        # nor a day or a month ("Thursday")
        return 0.5 if any(not is_country(w := m.group(0)) and w.lower() not in _NOT_NAME_WORDS
                          for m in _PROPER_HINT.finditer(sentence)) else 0.0
    if kind == "organization":
        return 1.0 if _ORG_HINT.search(sentence) else 0.5 if _PROPER_HINT.search(sentence) else 0.0
    if kind == "role":
        return _role_match(at.subject, sentence)
    if kind == "place":
        return 1.0 if _PROPER_HINT.search(sentence) else 0.0
    return 0.5


# "Who is the U.S. ambassador ...?", "What is the name of the village ...?": the question describes
# the thing it wants by a noun; the answer must be a name that the text ties to that noun.
# So does "Who replaced Makei as foreign minister?": the answer is the one who holds that post now.
_DESCRIBED_RE = re.compile(r"^(?:who|whom)\s+(?:is|was|are|were)\s+(?:(?:currently|now|then|still)\s+)?"
                           # "Who is shown ...", "Who was nominated as ...": a verb follows, not a describing noun.
                           r"(?:(?:the|an?|[\w.]+['\u2019]s)\s+|(?![a-z]+(?:ed|en|wn|ing)\b))(?P<who>.+)$"
                           # "What were the names of the prisoners ...", "Name of the American prisoner freed ...".
                           r"|^(?:(?:what|which)\s+(?:is|was|are|were)\s+the\s+|(?:give|state|tell\s+me)\s+the\s+|the\s+)?names?\s+of\s+"
                           r"(?:(?:the|an?|that|this|these|those)\s+)?(?P<what>.+)$|^who\s+(?:(?:is|was|were|has been|had been)\s+)?(?:replaced|replaces|succeeded|"
                           r"succeeds|nominated|appointed|named|elected|chosen|picked|served|serves|serving|took over)\s+"
                           r"(?:[\w.'\u2019-]+\s+){0,4}?as\s+(?:(?:the|an?|its|their)\s+)?(?P<as>.+)$"
                           # "Who was named the first ambassador ...", "Who did Washington nominate as its ambassador ...".
                           # "Whom did the administration designate as its ambassador", "Who did The Week report would be
                           # nominated as ...", "Who was the US planning to send as ambassador".
                           # "Which individual did Washington nominate ...": anyone, asked for by the post.
                           r"|^(?:whom?|(?:which|what)\s+(?:individual|person|man|woman))\s+(?:(?:is|was|were|has been|had been)\s+(?:nominated|appointed|named|elected|chosen|picked|selected|designated)"
                           r"(?:\s+as)?|(?:whom|who|that)\s+(?:[\w.'\u2019-]+\s+){1,4}?(?:nominated|appointed|named|elected|chose|chosen|picked|selected|designated)"
                           r"(?:\s+or\s+[a-z]+)?(?:\s+to\s+(?:serve|act|be)\s+as|\s+as)"
                           r"|(?:did|does|will|would)\s+(?:[\w.'\u2019-]+\s+){1,4}?(?:nominate|appoint|name|elect|choose|pick|select|designate)"
                           # "... nominate or designate to serve as its ambassador"
                           r"(?:\s+or\s+[a-z]+)?(?:\s+to\s+(?:serve|act|be)\s+as|\s+as)?|(?:[\w.'\u2019-]+\s+){0,3}?(?:did|does|will|would|was|were|is)\s+(?:[\w.'\u2019-]+\s+){1,6}?(?:(?:be|been)\s+(?:nominated|appointed|named|"
                           r"chosen|picked|selected|designated|sent)|send|sending|install|installing)\s+as)\s+(?:(?:the|an?|its|their)\s+)?(?P<named>.+)$"
                           # "Who held the post of foreign minister when ...?"
                           r"|^who\s+(?:held|holds|occupied|filled)\s+the\s+(?:post|office|position|job)\s+of\s+(?:(?:the|an?)\s+)?"
                           r"(?P<post>.+)$"
                           # "Which U.S. senator accompanied Smith?": a person asked for by the noun for them.
                           # Its words before the noun describe it: "What position did official Minsk take" asks no official.
                           # "In which hotel did he stay?", "Through which checkpoint ...?": the same, after a preposition.
                           rf"|^(?:(?:in|at|to|from|on|through|into|via|across|near|inside|outside)\s+)?(?:which|what)\s+(?P<which>(?:(?!(?:{_NOT_MODIFIER})\b)[\w.'\u2019-]+\s+){{0,3}}?(?:{_WHICH_NOUNS}|{_NAMED_PLACE_NOUNS}))(?=[\s,?]|$)",
                           re.IGNORECASE)
# Words that end a noun phrase ("the village near ...", "the ambassador who ...").
NP_END = frozenset("""of to in at for from on with by during after before under near over about since until who
    whom whose that which where when while as than among between across against""".split())
_DEMONYMS = re.compile(r"[A-Z][a-z]+(?:ans|ese)")  # "Americans", "Belarusians", "Chinese"
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|i)")  # "American", "Chinese", "Polish", "Dutch", "Iraqi"
_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][a-z]+")
_NEAR_WORDS = 6
# A thing's name after its noun stands right by it ("the village of Ozery"); one further on names
# something else: in "a village near the border with Lithuania", Lithuania is the border's.
_NEAR_THING_WORDS = 2
# "and"/"or" before a lower-case word joins two things; before a capital it is inside a name ("East and Central Europe").
# A full stop after three lower-case letters, an acronym ("KGB.") or a digit; not after "U.S.", "Mr." or "Gen.".
_SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3})|(?<=[A-Z]{3})|(?<=\d))[.!?][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])|\n")
# "... and some other officials": what comes before is of the kind named after.
_AND_OTHERS = r"(?:and|or)\s+(?:(?:some|many|several|a few|the|all|two|three|four|five|six|\d+)\s+)?other"
_LISTED_WITH_OTHERS = re.compile(rf"((?:\b[A-Z][a-z]+,\s+)*\b[A-Z][a-z]+)\s+{_AND_OTHERS}\b")
_AND_OTHER = re.compile(rf"\b{_AND_OTHERS}\s+(?:[\w-]+\s+)?$")
_SURNAME = re.compile(r"[A-Z][a-z]+")
_ACTS_ON = re.compile(r"\b(?:would|will|could|can|should|may|might|must|did|does|do|has|have|had)\s+(?!been\b|be\b|become\b|served?\b)[a-z]+")
_COORDINATED = re.compile(r"(?:^|\s)(?:and|or)\s+(?=[a-z])")
# "two Americans set free since Mr. Trump took office": a name in a clause of its own is not the noun's.
_CLAUSE_OPENER = re.compile(r"\b(?:since|because|although|though|whereas|unless|until|while)\s")


@dataclass(frozen=True)
class Descriptor:
    """The noun by which a question describes what it asks for, and the names the question gives."""

    head: str  # stem of the describing noun: "ambassador", "village"
    person: bool  # the thing asked for is a person
    known: frozenset[str]  # name keys of the question's own names: an answer must bring another
    own: frozenset[str]  # name keys of the capitalised words in the describing phrase itself
    # Other nouns that describe the answer: for "Which American officials ...?" any post ("adviser John Bolton"),
    # for "Which analyst ... is a nonresident scholar ...?" the post the question gives as well.
    also: frozenset[str] = frozenset()
    # "Which specific arenas ...?": several things asked for by a noun, which a list of names may give without it.
    listed: bool = False


_HEADS_RE = re.compile(r"^who(?:['\u2019]s|\s+is|\s+was|\s+had|\s+has)?\s+(?:heads|headed|chairs|chaired|in charge of)\s+(.+)$", re.IGNORECASE)
# "the american they let go": a pronoun opens a clause that describes the noun before it.
_SUBJECT_PRONOUNS = frozenset("i you he she we they it".split())
# "the foreign minister present at the talks", "the officials still under sanctions": adjectives and
# adverbs that follow the noun they describe, and end its phrase.
_POSTPOSITIVE = frozenset("present responsible involved concerned available absent alive aboard still now currently then "
                          "also already ever".split())
# "the challenger Belarus jailed ...": a name and a verb after a noun open a clause that describes it.
_PAST_VERB = re.compile(r"[a-z]+ed|met|sent|told|said|held|took|made|brought|gave|chose|saw|let|put|kept|left|won|lost|paid|"
                        r"sought|led|got|hired|named|called|backed|freed|sat|spoke|drove|flew|went|came|wrote|found|"
                        r"bought|sold|knew|ran|stood|began")


def _clause_subject(kept: list[str], rest: list[str]) -> bool:
    """Whether `rest` opens with a name that is the subject of a clause after the noun phrase `kept`."""
    # "the two Belarusians handed over": a number is no noun that a clause describes.
    if not kept or not kept[-1].islower() or kept[-1] in STOPWORDS:
        return False
    if rest[0] in ("the", "his", "her", "their", "its") and len(rest) > 2:  # "the citizen the Belarusian KGB let go"
        rest = rest[1:]
    if not rest[0][:1].isupper():
        return False
    run = 0
    while run < len(rest) and rest[run][:1].isupper() and not rest[run].endswith((",", ";", ":")):
        run += 1
    return 0 < run < len(rest) and _PAST_VERB.fullmatch(rest[run].strip(",;:\"'()")) is not None


def _kin(head: str) -> frozenset[str]:
    """The stems of the callings a describing noun shares its people with (`_CALLINGS`): a chief may be a head."""
    return frozenset().union(*(group for group in _CALLINGS if head in group))


def names_after_first(question: str) -> frozenset[str]:
    """The name keys of the capitalised words a question gives, past its opening word."""
    return frozenset(owner_key(w) for w in re.findall(r"\b[A-Z][\w'\u2019-]+", question)[1:])


def descriptor(question: str) -> Descriptor | None:
    """The describing noun of a "who is the <noun> ..." or "what is the name of the <noun> ..." question.

    The noun phrase ends at a preposition, a relative word or a participle after its first word
    ("the American prisoner freed during ..." -> prisoner). A capitalised head is a name, which
    describes nothing: "Who is the Pope?" is left alone, as is "Who is Igor Tur?".
    """
    q = " ".join(written_out(question).split()).rstrip(" ?")
    # "Identify the village ..." asks which village, and "Identify the individual whom X designated as its
    # ambassador" for the ambassador. "Name the analyst who ..." asks for a name that the text may give without
    # the noun, as "Give the names of ..." does.
    if (command := COMMANDED.match(q)) and (stem(first := q[command.end() :].split(" ", 1)[0].lower()) in _ANYONE
                                            or re.fullmatch(_NAMED_PLACE_NOUNS, first)):
        q = f'{command.group("lead")}which {q[command.end() :]}'
    start = question_start(q + "?")  # "I'm writing a profile. Who is the chief ...": the question after its scene
    # "So once the ambassadors were coming back, who did Washington name as its ambassador?": after an
    # opening phrase. "Once protests broke out, which foreign leader did he turn to?" is left as it was:
    # the sentence that answers may call Mr. Putin no leader.
    m = None
    if (wh := main_wh(q + "?")) is not None and wh.start() > start and q[start : wh.start()].rstrip().endswith(","):
        after = _DESCRIBED_RE.match(_official_as_adjective(q[wh.start() :]))
        if after and not after.group("which"):
            start, m = wh.start(), after
    if heads := _HEADS_RE.match(q[start:]):
        # "Who heads the KGB?" asks for the one a sentence calls its head: "the head of his KGB" names no one.
        head = stem("head")
        return Descriptor(head, True, names_after_first(q), frozenset(owner_key(w) for w in re.findall(r"\b[A-Z][\w'\u2019-]+", heads.group(1))),
                          _kin(head) - {head})
    m = m or _DESCRIBED_RE.match(_official_as_adjective(q[start:]))
    if not m:
        return None
    kept: list[str] = []
    words = (m.group("who") or m.group("what") or m.group("as") or m.group("named") or m.group("post") or m.group("which")).split()
    # "Who were some of the officials ...": the officials.
    if len(words) > 2 and words[0].lower() in STOPWORDS and words[1].lower() == "of":
        words = words[3:] if words[2].lower() in ("the", "these", "those") else words[2:]
    for i, word in enumerate(words):
        bare = word.strip(",;:\"'()")
        # A capitalised "Under" is part of a post ("Under Secretary of State"), not the end of the phrase.
        if not bare or bare in NP_END or (kept and bare.islower() and (bare.endswith("ed") or bare in _POSTPOSITIVE)) \
                or (kept and bare in _SUBJECT_PRONOUNS) or _clause_subject(kept, words[i:]):
            break
        if m.group("which") and re.search(r"['\u2019]s$", bare):  # "which service's chief" asks which service
            return None
        kept.append(bare)
        if word.endswith((",", ";", ":")):
            break
    # A capitalised head is a name, unless it names people by their country ("the two Americans").
    # So does one of them, typed with a capital or without ("the American who ...", "the american").
    demonym = bool(kept) and (_DEMONYMS.fullmatch(kept[-1]) is not None or NATIONALITY_WORD.fullmatch(kept[-1].capitalize()) is not None)
    # "Who was President of the United States": a post written with a capital is still a post.
    post = bool(kept) and kept[-1].lower() in _ROLE_WORDS
    # "Who were they?", "Who is the other one?": a pronoun describes nothing.
    if not kept or (kept[-1][:1].isupper() and not demonym and not post) or kept[-1].lower() in STOPWORDS:
        return None
    head = _noun_stem(kept[-1])
    # "the State Department guy who drove in": any person; the words before the noun are its description
    if not head or head in _ANYONE:
        return None
    place = bool(re.fullmatch(_NAMED_PLACE_NOUNS, kept[-1].lower()))
    person = (not place and bool(m.group("who") or m.group("as") or m.group("named") or m.group("post") or m.group("which"))) or demonym \
        or head in _ROLE_WORDS \
        or bool(re.fullmatch(_PERSON_NOUNS, kept[-1].lower()))
    known = names_after_first(q)
    own = frozenset(owner_key(w) for w in kept if w[:1].isupper())
    also: frozenset[str] = frozenset()
    if m.group("which"):
        also = _ROLE_WORDS if head in _ANY_POST else frozenset(t for t in (_noun_stem(w) for w in q.split()) if t in _ROLE_WORDS)
    also |= _kin(head) | _BROADER.get(head, frozenset())
    return Descriptor(head, person, known, own, also - {head})


# "Which specific missile system ...?", "What specific proposal ...?": the question knows the thing exists
# and asks which one it was.
_SPECIFIC_RE = re.compile(rf"\b(?:what|which|(?:{IMPERATIVE_VERBS})\s+the)\s+(?:specific|particular)\s+(?P<phrase>[^?]+)", re.IGNORECASE)


def specific_descriptor(question: str) -> Descriptor | None:
    """The describing noun of a "which specific <noun>" question: a sentence answers only where it ties
    a name the question lacks to that noun ("the Iskander missile system"); one that only mentions the
    noun ("short- or medium-range missiles", "Belarusian presents") does not say which."""
    q = " ".join(question.split())
    m = _SPECIFIC_RE.search(q)
    if not m:
        return None
    kept: list[str] = []
    for word in m.group("phrase").split():
        bare = word.strip(",;:\"'()")
        if not bare or bare.lower() in NP_END or re.fullmatch(rf"{_AUX}|is|was|are|were", bare.lower()) \
                or (kept and bare.islower() and bare.endswith("ed")):
            break
        kept.append(bare)
    head = _noun_stem(kept[-1]) if kept else ""
    if not head:
        return None
    known = names_after_first(q)
    return Descriptor(head, False, known, frozenset(owner_key(w) for w in kept if w[:1].isupper()),
                      listed=bool(_PLURAL_NOUN.fullmatch(kept[-1])))


def _noun_stem(word: str) -> str:
    """The stem of a word, read past an elision: "d'affaires" -> "affaire"; "" for no word."""
    toks = raw_tokens(word.replace("\u2019", "'").split("'")[-1])
    return stem(toks[-1]) if toks else ""


def _name_spans(sentence: str, person: bool) -> list[tuple[int, int, str]]:
    """(start, end, last word) of the names in a sentence: full names and "Mr. X" for a person,
    any run of capitalised words otherwise."""
    out = []
    for m in _NAME_RE.finditer(sentence) if person else _NAME_RUN.finditer(sentence):
        words = m.group(0).split()
        out.append((m.start(), m.end(), words[-1]))
    if person:
        out += [(m.start(), m.end(), m.group(0).split()[-1]) for m in _HONORIFIC_NAME.finditer(sentence)]
        # "Lukashenka, Yarmoshyna and some other officials": surnames listed with others of their kind.
        taken = {(a, b) for a, b, _ in out}
        for m in _LISTED_WITH_OTHERS.finditer(sentence):
            out += [(w.start(), w.end(), w.group(0)) for w in _SURNAME.finditer(sentence, m.start(1), m.end(1))
                    if (w.start(), w.end()) not in taken]
    return sorted(out)


def _given_name(key: str, known: frozenset[str]) -> bool:
    """Whether a name is one the question gives, perhaps by the word for its people: "Lithuanian" gives Lithuania."""
    return key in known or (len(key) >= 4 and any((k.startswith(key) and len(k) - len(key) <= 2) or same_name(key, k) for k in known))


def _compound_of(word: str, head: str) -> bool:
    """Whether a word is the head noun or a compound ending in it ("undersecretary" is a secretary),
    not a word that merely ends in its letters ("across" is no crossing)."""
    return word == head or (word.endswith(head) and len(word) - len(head) >= 3)


def describes(desc: Descriptor, sentence: str) -> bool:
    """Whether the sentence ties a name the question lacks to the describing noun, within six
    lower-case words:
    "U.S. Undersecretary of State ... David Hale", "Franak Viacorka, the chief of staff"."""
    # A compound holds its head: "Undersecretary" is a secretary.
    heads = [(m.start(), m.end()) for m in _WORD.finditer(sentence)
             if _compound_of(word := _noun_stem(m.group(0)), desc.head) or any(_compound_of(word, a) for a in desc.also)]
    if not heads:
        # "confronting Russia in Ukraine, in Africa, ...": two names the question lacks, listed.
        return desc.listed and len({name_key(last) for _, _, last in _name_spans(sentence, False)} - desc.known) >= 2 \
            and bool(re.search(r",\s+(?:\w+\s+){0,2}[A-Z]", sentence))
    names = []
    for start, end, last in _name_spans(sentence, desc.person):
        last_low = last.lower()
        # Every sentence opens with a capital: a lone first word is a name only in apposition ("Viasna, a group").
        lone_first = start == 0 and " " not in sentence[start:end] and not sentence.startswith(",", end)
        # Names of the description itself ("the East and Central Europe bureau chief") and bodies ("for
        # The Times", when a person is asked for) neither answer nor stand nearer than the answer.
        described = name_key(last) in desc.own or (desc.person and last in _ORG_WORD_SET)
        # "American officials drove to a village": a nationality before a noun describes the noun; it names nothing.
        adjective = sentence[start:end] == last and _NATIONALITY.fullmatch(last) is not None \
            and re.match(r"\s+[a-z]", sentence[end:]) is not None
        if stem(last_low) in _ROLE_WORDS or stem(last_low) == desc.head or last_low in _NOT_NAME_WORDS \
                or last_low in STOPWORDS or lone_first or described or adjective:
            continue
        names.append((start, end, not _given_name(name_key(last), desc.known)))
    for hs, he in heads:
        near = []
        for start, end, new in names:
            gap = sentence[end:hs] if end <= hs else sentence[he:start] if he <= start else ""
            # Capitalised words between belong to the description ("the East and Central Europe bureau chief").
            words = sum(1 for w in _WORD.findall(gap) if not w[:1].isupper())
            # "Lukashenko and the head of his KGB" are two people: the noun describes neither by the other.
            # A tie holds within a sentence: a name in the next one is not the one the noun describes.
            # The full stop that ends a name's sentence is read with the name's last letters before it.
            joint = sentence[max(end - 3, 0) : hs] if end <= hs else sentence[max(he - 3, 0) : start] if he <= start else ""
            # "Lukashenka, Yarmoshyna and some other officials": names listed with other such people are ones.
            others = end <= hs and bool(_AND_OTHER.search(gap))
            # "Mr. Lukashenko would release a slew of political prisoners": a name that does something to the noun's people is not one of them.
            if words <= (_NEAR_WORDS if desc.person or end <= hs else _NEAR_THING_WORDS) and (others or not _COORDINATED.search(gap)) \
                    and not _SENTENCE_END.search(joint) and not _ACTS_ON.search(gap) and not _CLAUSE_OPENER.search(gap):
                near.append((words, new))
        # The noun describes the name nearest to it: in "adviser John Bolton traveled to meet President
        # Alexander Lukashenko" it is Bolton's, whom the question already gave.
        if near:
            nearest = min(words for words, _ in near)
            if any(new for words, new in near if words == nearest):
                return True
    return False
