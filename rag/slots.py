"""A question's slot: what a sentence must visibly hold to answer it.

A date or an amount for "when" and "how many" (`rag.answer_types`), a new name tied to the noun
the question describes its answer by, the topic asked about, reported speech for "what did X
say", something still to come for "when will", a year that agrees with the question's. A sentence
that matches the question's words but leaves the slot empty supports no answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.answer_types import (
    NAME_KINDS,
    NP_END,
    ORDINAL,
    SCORE_UNIT,
    SURFACE_KINDS,
    AnswerType,
    Descriptor,
    amount_starts,
    counted_noun,
    counting,
    counts_other,
    describes,
    descriptor,
    holds_new_name,
    is_time_unit,
    main_wh,
    names_after_first,
    new_post,
    plain_question,
    question_type,
    spans_time,
    specific_descriptor,
    type_match,
    without_given_numbers,
    written_out,
)
from rag.dates import MONTH_NAMES, month_number, resolve_relative
from rag.places import asked_country, asked_place, every_place, mentions_place, places
from rag.text import QUESTION_WORDS, STOPWORDS, owner_key, stem, tokens

# "What did Bolton say about NATO?": whatever he said, an answer must be about NATO.
_TOPIC_RE = re.compile(r"^(?:what|how)\b.*?\b(?:say|says|said|think|thinks|thought|write|writes|wrote|report|reports|"
                       r"reported|tell|tells|told|comment|comments|commented|warn|warns|warned|promise|promises|promised|"
                       r"pledge|pledges|pledged|ask|asks|asked)\s+(?:\w+\s+){0,3}?about\s+(?P<topic>.+)$",
                       re.IGNORECASE)


def topic(question: str) -> tuple[frozenset[str], ...]:
    """The words of the "about ..." phrase of a "what did X say about ..." question, each as the
    set of its tokens (a name with its spelling key); empty for other questions."""
    m = _TOPIC_RE.match(" ".join(question.split()).rstrip(" ?"))
    if not m:
        return ()
    words = []
    for word in m.group("topic").split():
        if word.lower().strip(",;:") in NP_END:
            break
        words.append(word)
    return tuple(frozenset(toks) for w in words if (toks := tokens(w)))


_DURING_RE = re.compile(r"\b(?:during|amid|throughout)\s+(?P<phrase>[^,;?]+)", re.IGNORECASE)


def during(question: str) -> tuple[frozenset[str], ...]:
    """The head noun of a "during ..." phrase ("during the 2020 street protests" -> protests), as the
    set of its tokens. A count asked "during" an event is one of that event: a text that does not name
    it counts something else ("33 Russians" arrested before the election are not the protests')."""
    m = _DURING_RE.search(" ".join(question.split()))
    if not m:
        return ()
    words: list[str] = []
    for word in m.group("phrase").split():
        if words and word.lower() in NP_END:
            break
        words.append(word)
    head = [w for w in words if w.lower() not in NP_END and not w[:1].isdigit()]
    return (frozenset(tokens(head[-1])),) if head and tokens(head[-1]) else ()


# "Besides Lukashenko, whom did the diplomat meet?": the phrase names what the answer is not.
_EXCLUDED_RE = re.compile(r"\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+(?P<phrase>[^,;?]+)", re.IGNORECASE)
# Words that end the excluded phrase when no comma does ("other than Minsk did Bolton visit").
_PHRASE_END = NP_END | frozenset("did does do is was are were has have had will would can could".split())


def set_aside(question: str) -> tuple[str, list[str]]:
    """The question without its "besides ..." phrases, and those phrases."""
    text = " ".join(question.split())  # single spaces: a phrase's words joined again are its text
    kept, phrases, pos = [], [], 0
    for m in _EXCLUDED_RE.finditer(text):
        words: list[str] = []
        for word in m.group("phrase").split():
            if words and word.lower() in _PHRASE_END:
                break
            words.append(word)
        phrases.append(" ".join(words))
        kept.append(text[pos : m.start()])
        pos = m.start("phrase") + len(phrases[-1])
    kept.append(text[pos:])
    return " ".join(kept), phrases


def excluded(question: str) -> frozenset[str]:
    """Tokens that only the question's "besides ..." / "apart from ..." / "other than ..." phrase holds:
    they say what the answer is not, so a sentence that holds them has not answered for that."""
    rest, phrases = set_aside(question)
    return frozenset(set(tokens(" ".join(phrases))) - set(tokens(rest)))


# "What did the KGB chief tell Smith?": an answer reports what someone said.
_SPEECH_Q = re.compile(r"^what\b.*\b(?:say|says|said|tell|tells|told|comment|comments|commented|write|writes|wrote|"
                       r"warn|warns|warned|announce|announced|claim|claimed|promise|promised)\b", re.IGNORECASE)
# Verbs of speech in forms that are not also nouns ("a police state", "a telephone call"), and quotation marks.
# "What does the commentary say ...?" asks what the text itself says: any sentence of it may answer.
_TEXT_SPEAKER = re.compile(r"^what\s+(?:[\w'-]+\s+)?(?:did|does|do|has|have|had)\s+(?:\w+\s+){0,3}?(?:commentary|article|report|reporting|"
                           r"piece|story|editorial|column|text|coverage|analysis|document|newspaper|paper|source|"
                           r"author|writer)\s", re.IGNORECASE)
_SPEECH = re.compile(r"[\"\u201c\u201d]|:\s|:$|\b(?:say|says|said|saying|tell|tells|told|adds|added|noted|stated|"
                     r"called|describ(?:e|es|ed|ing)|believes|believed|comments|commented|argues|argued|warns|warned|"
                     r"wrote|writes|hailed|asked|announced|reported|expressed|stressed|suggested|suggesting|insisted|"
                     r"claims|claimed|promised|according to|welcomed|condemned|denounced|criticized|criticised|praised|silent|"
                     r"reacted|responded|replied|rejected|dismissed|protested|applauded|gloats|gloated)\b", re.IGNORECASE)
# "How did Putin respond to the trip?" asks what someone said or did about it: a reaction is reported.
_REACTION_Q = re.compile(r"^how\s+(?:did|does|do|has|have|had)\s+.{1,80}?\b(?:(?:react|respond|answer)(?:s|ed|ing)?|reply|replies|replied)\b", re.IGNORECASE)
# "When will the embassy reopen?" asks about what is still to come; a text about the past cannot answer.
_FUTURE_Q = re.compile(r"^(?:when|(?:in|by) (?:what|which) (?:year|month)|what (?:year|date|day)|how (?:many|much|long|soon)"
                       r"(?: [\w'-]+){0,3}|(?:who|what|which|where)(?: [\w'-]+){0,3}) (?:will|shall|is going to|are going to)\b"
                       # "When is Belarus due to hold its next election?"
                       r"|^when (?:is|are) (?:[\w'-]+ ){1,4}?(?:due|scheduled|set|expected|going) to\b",
                       re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|would|shall|going to|plans?|planned|planning|intends?|expected|expects?|set to|"
                     r"scheduled|upcoming|next|soon|later|future)\b|\u2019ll\b|'ll\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A year after these words bounds a period ("after the 2020 election") rather than dating the thing asked about.
_PERIOD_WORDS = frozenset("after since before until till by from through between prior".split())


def _question_years(question: str) -> list[tuple[int, frozenset[str]]]:
    """Each year a question writes, with the (up to three) words before it."""
    return [(int(m.group(0)), frozenset(w.lower().strip(",;:'\u2019") for w in question[: m.start()].split()[-3:]))
            for m in _YEAR.finditer(question)]


def pinned_years(question: str) -> frozenset[int]:
    """The years a question dates its subject by: "removed from the list in 2015", "Bolton's 2019
    trip"; not years that only bound a period ("after the 2020 election", "since 2008")."""
    return frozenset(year for year, before in _question_years(question) if before.isdisjoint(_PERIOD_WORDS))


# A year after these words bounds the period asked about from below ("after the 2006 crackdown")
# or from above ("before the 2020 election", "by 2019").
_FROM_WORDS = frozenset("after since from".split())
_DECADE = re.compile(r"\b((?:1[89]|20)\d0)s\b")
_TO_WORDS = frozenset("before until till by prior".split())


def period_bounds(question: str) -> tuple[int | None, int | None]:
    """The first and last year of the period a question asks about, where it bounds one: "after the
    2006 crackdown" -> (2006, None), "before the 2020 election" -> (None, 2020)."""
    low = high = None
    # "In which year of the 1990s ...": a decade the question names bounds the years it asks about.
    for m in _DECADE.finditer(question):
        before = frozenset(w.lower() for w in question[: m.start()].split()[-3:])
        start = int(m.group(1))
        first = start + 10 if "after" in before else start  # "after the 1990s" begins in 2000
        last = start - 1 if before & {"before", "prior"} else start + 9  # "before the 2000s" ends in 1999
        if before.isdisjoint(_TO_WORDS):
            low = first if low is None else max(low, first)
        if before.isdisjoint(_FROM_WORDS):
            high = last if high is None else min(high, last)
    for year, before in _question_years(question):
        if not before.isdisjoint(_FROM_WORDS):
            low = year if low is None else max(low, year)
        elif not before.isdisjoint(_TO_WORDS):
            high = year if high is None else min(high, year)
    return low, high


def written_years(text: str, published: dt.date | None) -> frozenset[int]:
    """The years a text writes or its relative dates stand for ("last year"), without the year it
    was published in."""
    return frozenset(int(y) for y in _YEAR.findall(resolve_relative(text, published)))


def text_years(text: str, published: dt.date | None) -> frozenset[int]:
    """The years a text dates what it says by: those it writes and those its relative dates stand
    for ("last year"), with the year it was published in ("led by Lukashenko since 2008" is still
    true when written in 2019). Empty when it dates nothing: an undated sentence may be about any year."""
    years = written_years(text, published)
    return years | {published.year} if years and published else years


# A number a text writes, in figures or words.
_COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
                    r"thousands?|millions?)\b", re.IGNORECASE)
_ASKS_RANK = re.compile(r"\b(?:rank(?:s|ed|ing)?|placed?|position)\b", re.IGNORECASE)
# "for the last 25 years": a span of time is no count that a year dates.
_SPAN_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.IGNORECASE)


def _asked_numbers(text: str, question: str, noun: str | None) -> list[int]:
    """Where the numbers of a text start that may be the count or rank a question asks for: for "where
    did it rank", its ordinals ("153rd") where it writes any; else numbers that are no year, no span of
    time, none the question states, and none that counts another noun than `noun` ("180 countries" is
    no count of fines)."""
    if _ASKS_RANK.search(question) and (ranks := [m.start() for m in ORDINAL.finditer(text)]):
        return ranks
    stated = frozenset(n.replace(",", "") for n in re.findall(r"\d[\d,.]*", question))
    counts = set(counting(noun, text)[0]) if noun else None
    return [m.start() for m in _COUNT.finditer(text) if not _YEAR.fullmatch(m.group(0))
            and not _SPAN_AFTER.match(text, m.end()) and m.group(0).replace(",", "") not in stated
            and (counts is None or m.start() in counts)]


def _numbers_dated_elsewhere(text: str, years: frozenset[int], numbers: Sequence[int]) -> bool:
    """Whether each of the `numbers` (where they start) of a text that writes years stands nearest to
    a year other than `years`: in "his decision in 2018 to impose about 100 fines", the 100 fines are 2018's."""
    written = [(m.start(), int(m.group(0))) for m in _YEAR.finditer(text)]
    return bool(written) and bool(numbers) and all(min(written, key=lambda w: abs(w[0] - at))[1] not in years for at in numbers)


# "The 2019 commentary", "the NYT's 2025 report": the year dates the text, not what the question asks about.
SOURCE_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\s+(?=(?:[A-Z][\w.'\u2019-]*\s+){0,3}(?:commentary|article|report|reporting|"
                         r"piece|story|column|editorial|op-ed|coverage|analysis)\b)")
# "according to The Week in 2019": so does a year the source is cited by.
_SOURCE_IN_YEAR = re.compile(r"\b(?:according to|per)\s+[^,?]{1,40}?\s+in\s+((?:1[89]|20)\d\d)\b", re.IGNORECASE)
# "Before Minsk lifted its cap in January 2019, how many ...": a year in an opening clause of time bounds the question.
_OPENING_TIME_CLAUSE = re.compile(r"^(?:before|after|since|until|once|when|by the time)\b[^,?]*,", re.IGNORECASE)


def count_years(question: str) -> frozenset[int]:
    """`pinned_years` of a number question, less the years that date a source it names or that fall in
    an opening clause of time."""
    cut = SOURCE_YEAR.sub(" ", _OPENING_TIME_CLAUSE.sub(" ", question))
    return pinned_years(_SOURCE_IN_YEAR.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)], cut))


@dataclass(frozen=True)
class Slot:
    """What a sentence must hold to answer a question, as far as its surface can tell."""

    asked: AnswerType
    desc: Descriptor | None
    about: tuple[frozenset[str], ...]
    years: frozenset[int] = frozenset()  # the question dates its subject by these years
    speech: bool = False  # the question asks what someone said
    future: bool = False  # the question asks what will happen
    period: tuple[int | None, int | None] = (None, None)  # the years the question's period runs from and to
    question: str = ""  # a name the question gives is not the one it asks for
    cause: bool = False  # the question asks why
    editions: tuple[tuple[int, str], ...] = ()  # a named thing of a year: "the 2018 World Press Freedom Index"
    kind_of: str = ""  # the stem of the noun a "what kind of <noun>" question asks a kind of
    since: bool = False  # "since when ...?" asks when a state began
    rate: bool = False  # "how many tonnes a year ...?" asks for an amount per time
    where: bool = False  # the question asks "where": a place named by its kind ("a village") answers
    month: int = 0  # "on what day in January 2025": the month a date question pins its day to
    later: bool = False  # the question asks about the time after an event ("once the cap was lifted", "now")
    count_years: frozenset[int] = frozenset()  # the years a number question dates what it counts by, bar its sources' years
    # The words a sentence must hold to tell of each event the question asks about ("when did he step
    # down", "who founded it"), where it asks about any of `_EVENTS`.
    events: tuple[re.Pattern[str], ...] = ()
    located: tuple[str, ...] = ()  # the places a date question puts its event at ("arrive in Poland")

    def holds(self, text: str, published: dt.date | None = None, people: frozenset[str] = frozenset()) -> bool | None:
        """False when the text cannot hold the answer: it misses the topic asked about, ties no new
        name to the described noun, holds no name of the kind asked that the question does not give
        (for "which country" or "which city", none from the gazetteer, `rag.places`), (for a date or number question) holds no date or amount,
        reports no speech for "what did X say", tells nothing to come for "when will", is
        dated only by other years than the question's, or writes only years outside the period
        the question bounds ("after the 2006 crackdown").
        True when every check that applies passes; None when none applies."""
        checks = []
        if self.about:
            toks = set(tokens(text))
            checks.append(all(not word.isdisjoint(toks) for word in self.about))
        if self.desc is not None:
            checks.append(describes(self.desc, text))
        elif self.asked.kind == "number" and self.question:  # a count the question does not give
            # "Several of those who attended" tells no count.
            counted = re.sub(r"\bseveral\b", " ", without_given_numbers(text, self.question), flags=re.IGNORECASE)
            if self.asked.unit == SCORE_UNIT:  # a rank is no score, nor a count of countries
                counted = ORDINAL.sub(" ", counted)
                checks.append(not counts_other("points", counted))
            checks.append(type_match(self.asked, counted) > 0)
            noun = counted_noun(self.question)
            if is_time_unit(self.asked.unit):  # "How many hours did he spend there?" is not "two other officials"
                checks.append(spans_time(counted, self.asked.unit))
            elif noun:  # "How many journalists were jailed?" is not "100 fines on journalists"
                checks.append(not counts_other(noun, counted))
            if self.count_years:  # "How many fines in 2019?" is not "his decision in 2018 to impose about 100 fines"
                resolved = resolve_relative(text, published)
                # A year that bounds the question's period ("from 2008 until ...") dates what it asks as well.
                bounds = frozenset(y for y in self.period if y is not None)
                checks.append(not _numbers_dated_elsewhere(resolved, self.count_years | bounds,
                                                           _asked_numbers(resolved, self.question, noun)))
        elif self.asked.kind == "role" and self.asked.subject:  # "What job does Dapkus hold?": a post beside Dapkus
            checks.append(type_match(self.asked, text) >= 1.0 and new_post(self.asked.subject, text, self.question))
        elif self.asked.kind == "date" and self.years:
            # "Which day in 2019 ...?" is not answered by "March 2, 1942": a date of another year is no answer.
            checks.append(type_match(self.asked, _OTHER_YEAR_DATE.sub(
                lambda m: m.group(0) if int(m.group("year")) in self.years else " ", text)) > 0)
        elif self.asked.kind in SURFACE_KINDS or self.asked.kind == "byline":  # a byline: "By Jane Roe"
            # "What was the turnout in the election he won with 87 percent?" is not told by the 87 percent.
            unstated = self.asked.kind in ("percent", "money") and bool(self.question)
            checks.append(type_match(self.asked, without_given_numbers(text, self.question) if unstated else text) > 0)
            if self.count_years and (starts := amount_starts(self.asked.kind, resolved := resolve_relative(text, published))):
                # "What share did he win in 1994?" is not "in January 2025, when he claimed 87 percent"
                checks.append(not _numbers_dated_elsewhere(resolved, self.count_years, starts))
        if self.asked.kind in NAME_KINDS and self.question:
            checks.append(holds_new_name(self.asked, text, self.question, people))
            kind = asked_place(self.question)
            if kind or (self.asked.kind == "place" and self.desc is None):  # "which airport": its name, by the noun
                # "Which country ...?" wants a country the question does not name ("which Belarusian city": one
                # in Belarus); "Where ...?" a country, a city or a place named by its kind.
                given = set(tokens(self.question))
                found = places(kind, text, asked_country(self.question)) if kind else every_place(text)
                if kind:
                    checks.append(any(given.isdisjoint(tokens(name)) for name in found))
                else:  # "Where ...?" is answered by a place the text puts something in, at, to, from ...
                    # "to a village near the border" tells where, but does not name the checkpoint "which checkpoint" asks.
                    checks.append(any(given.isdisjoint(tokens(name)) and _located(name, text) for name in found)
                                  or (self.where and bool(_LOCATED_NOUN.search(text))))
        if self.kind_of:
            # "What kind of car ...?" is not answered by "traveling by car": the noun wants a word that tells its kind.
            words = _WORD_RE.findall(text)
            before = [w for w, after in zip(["", *words], words, strict=False) if stem(after.lower()) == self.kind_of]
            if before:
                checks.append(any(w and w.lower() not in STOPWORDS for w in before))
        if self.rate:  # "How many barrels a day ...?" is not answered by "about 99% of its imports"
            checks.append(bool(_RATE.search(text)))
        if self.since:  # "Since what year has he been in power?": "since 1994", or "took power in 1994"
            checks.append(bool(_BEGAN.search(text)))
        if self.speech:
            checks.append(bool(_SPEECH.search(text)))
        if self.cause:
            checks.append(bool(_CAUSE.search(text)))
        if self.future:
            checks.append(bool(_FUTURE.search(text)))
        if self.located:
            # "On what date was Bolton in Moldova?" is not told by "On August 29, Bolton paid a visit to Belarus":
            # a text that puts its event at another place, and never at this one, dates something else.
            elsewhere = not THERE.search(text) and any(_located(name, text) for name in every_place(text))
            checks.extend(not elsewhere or mentions_place(place, text) for place in self.located)
        for told in self.events:  # "When did Bolton leave Minsk?" is not told by "On August 29, Bolton paid a visit to Belarus"
            checks.append(bool(told.search(text)))
        if self.later and _EARLIER_STATE.match(text):
            # "How many diplomats worked there once the cap was lifted?" is not told by "Before, ... only five".
            checks.append(False)
        if self.month:  # "What day in January 2025 ...?" is not answered by "Wednesday (12 February 2025)"
            months = {month_number(m) for m in _MONTH_NAME.findall(resolve_relative(text, published))}
            if months:
                checks.append(self.month in months)
        if self.years:
            dated = text_years(text, published)
            if dated:
                checks.append(not dated.isdisjoint(self.years))
            elif published is not None and min(self.years) > published.year:
                # "Who is the foreign minister in 2025?" is not told by an undated sentence written in 2019.
                checks.append(False)
        for year, name in self.editions:
            # "the 2018 World Press Freedom Index" is not answered by what the 2019 one says
            edition = re.findall(rf"\b((?:1[89]|20)\d\d)\s+{name}", text)
            if edition:
                checks.append(str(year) in edition)
        low, high = self.period
        if low is not None or high is not None:
            # Only the years the text writes date what it tells: "banned in 1998" is not "after 2006",
            # though the article was written in 2019.
            written = written_years(text, published)
            if written:
                checks.append((low is None or max(written) >= low) and (high is None or min(written) <= high))
        return all(checks) if checks else None


# "Speaking outside the U.S. Embassy there": for a question asking where, the place is named in the
# sentence before; so does "There, courtesy of the KGB, ...". A "there" that introduces something
# ("there is", "there were") is no place.
THERE = re.compile(r"^[\"'\u201c]?There,|(?<!^)(?<![.!?]\s)\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|could|can|might|may|"
                   r"must|should|seems?|seemed|appears?|appeared|remains?|remained|be|being|exists?|existed)\b)(?!['\u2019]s)",
                   re.IGNORECASE)

# Places named by their kind: "a village near the border", "outside the U.S. Embassy".
_PLACE_NOUN = re.compile(r"\b(?:village|town|city|capital|border|embassy|region|province|district|square|street|building|"
                         r"palace|residence|headquarters|airport|base|memorial|site|prison|camp|hotel|office|ministry)s?\b",
                         re.IGNORECASE)
# Prepositions that put something at a place: "in Minsk", "drove to a village", "outside the embassy".
_LOCATIVE = r"(?:in|at|to|from|near|into|across|inside|outside|through|towards?|via|around|within|onto|reached|visited|visiting|visit)"


def _after_locative(place: str, words: int) -> str:
    """A pattern for the place after a locative and up to `words` words: "in the Belarusian capital Minsk"."""
    return rf"\b{_LOCATIVE}\s+(?:[\w'\u2019.-]+\s+){{0,{words}}}?{place}"


_LOCATED_NOUN = re.compile(_after_locative(_PLACE_NOUN.pattern, 3), re.IGNORECASE)


def _located(name: str, text: str) -> bool:
    """Whether the text puts something at the place: "in Minsk", "to Vilnius", "in the Belarusian
    capital Minsk"; not "the control of Russia" or "Russia's support"."""
    return re.search(_after_locative(re.escape(name), 2) + r"\b", text, re.IGNORECASE) is not None


# "Why did ...?", "What reason did ... give?": an answer gives a cause or a purpose.
_CAUSE_Q = re.compile(r"^(?:why\b|(?:what|which)\s+(?:(?:was|were|is|are)\s+the\s+)?(?:\w+\s+)?(?:reasons?|grounds|"
                      r"motives?|cause)\b|what\s+(?:prompted|caused|led|drove|motivated)\b)", re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:because|since|as a result|due to|owing to|thanks to|so that|in order|given that|reasons?|"
                    r"why|led to|leads? to|caus(?:e|ed|es|ing)|result(?:ed|s)?|aim(?:ed|s)?|goal|purpose|motive|"
                    r"for fear|prompted)\b"
                    # "anger over the vote" gives a cause; "gloats over any sign" does not.
                    r"|\b(?:concerns?|anger|angry|disputes?|outrage|fears?|worries|worried|tensions?|sanctions?|criticism|"
                    r"protests?)\s+over\b"
                    # "travelled to Minsk to meet him" gives a purpose; "the decision to release" what was decided.
                    r"|(?<!\bdecision )(?<!\bdecided )(?<!\bdecide )(?<!\bready )(?<!\bwilling )(?<!\bagreed )"
                    r"\bto\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b)(?-i:[a-z]+)", re.IGNORECASE)
# "Who is Igor Tur?" asks about the name it gives, not for another.
_ABOUT_NAME_Q = re.compile(r"^(?i:who|what)\s+(?:is|was|are|were)\s+[A-Z]")


# "The 2018 World Press Freedom Index", "the World Press Freedom Index for 2018": a yearly thing's edition.
_EDITION_BEFORE = re.compile(r"\b((?:1[89]|20)\d\d)\s+((?:[A-Z][\w'\u2019-]*\s+(?:of\s+|for\s+)?){1,5}[A-Z][\w'\u2019-]*)")
_EDITION_OF = re.compile(r"\b((?:1[89]|20)\d\d)\s+(?:edition|issue|version|release)\s+of\s+(?:the\s+)?")
_EDITION_AFTER = re.compile(r"\b((?:[A-Z][\w'\u2019-]*\s+(?:of\s+|for\s+)?){1,5}[A-Z][\w'\u2019-]*)\s+(?:for|of|in)\s+((?:1[89]|20)\d\d)\b")


def editions(question: str) -> tuple[tuple[int, str], ...]:
    """The yearly things a question names with their year, each as (year, a pattern for the name)."""
    # "the 2025 edition of the World Press Freedom Index" is "the 2025 World Press Freedom Index"
    question = _EDITION_OF.sub(r"\1 ", question)
    found = [(int(m.group(1)), m.group(2)) for m in _EDITION_BEFORE.finditer(question)]
    found += [(int(m.group(2)), m.group(1)) for m in _EDITION_AFTER.finditer(question)]
    # The name's last words ("World Press Freedom Index") are what a text writes after the year.
    return tuple((year, r"\s+".join(re.escape(w) for w in name.split()[-4:])) for year, name in found if len(name.split()) >= 2)


def _asks_cause(question: str) -> bool:
    m = main_wh(question.lower())
    return m is not None and bool(_CAUSE_Q.match(question[m.start() :]))


# An amount per time: "10 million each year", "per day", "annually".
_RATE = re.compile(r"\b(?:per|a|an|each|every)\s+(?:day|week|month|year|annum)\b|\b(?:annual(?:ly)?|yearly|daily|monthly|weekly)\b",
                   re.IGNORECASE)
_RATE_Q = re.compile(rf"^how\s+(?:many|much)\b.*?{_RATE.pattern}", re.IGNORECASE)
_SINCE_Q = re.compile(r"\bsince\s+(?:when|what|which)\b", re.IGNORECASE)
# A state's beginning: "since 1998", "took power in 1994", "was appointed in 2018".
_BEGAN = re.compile(r"\bsince\s+(?:(?:the|early|late|mid|[A-Z][a-z]+)\s+)?(?:1[89]|20)\d\d|\b(?:took|take|takes|taking|came|"
                    r"assumed|began|begun|begin|started|starts?|became|become|appointed|elected|named|sworn|founded|"
                    r"established|joined|introduced|imposed)\b", re.IGNORECASE)
_KIND_OF = re.compile(r"\b(?:what|which)\s+(?:kind|sort|type)s?\s+of\s+([a-z][\w-]*)", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w\u2019'-]+")


# A date that writes its year: "March 2, 1942", "2 March 1942", "March 1942".
_OTHER_YEAR_DATE = re.compile(rf"\b(?:(?:{'|'.join(MONTH_NAMES)})\.?\s+(?:\d{{1,2}},?\s+)?|\d{{1,2}}\s+(?:{'|'.join(MONTH_NAMES)})\s+)"
                              r"(?P<year>(?:1[89]|20)\d\d)\b")
_MONTH_NAME = re.compile(rf"\b({'|'.join(MONTH_NAMES)})\b")
# "in January 2025", "during August 2019": a month the question dates its subject by.
_PINNED_MONTH = re.compile(rf"\b(?:in|during|of)\s+(?:(?:early|mid|late)-?\s*)?({'|'.join(MONTH_NAMES)})\s+(?:1[89]|20)\d\d\b")


def pinned_month(question: str) -> int:
    """The month a question pins what it asks about to ("on what day in January 2025"); else 0."""
    m = _PINNED_MONTH.search(question)
    return month_number(m.group(1)) if m else 0


def asked_part(question: str) -> str:
    """The sentence that asks, where a question opens with one that tells ("I read that Bolton flew
    into Minsk. Which airport did he land at?"); else the question."""
    parts = re.split(r"(?<=[a-z]{2}[.!?])\s+(?=[A-Z])", question)
    return parts[-1] if len(parts) > 1 and main_wh(parts[-1].lower()) is not None else question


# "According to the NYT, what is the name of the village ...?": the source a question names opens it,
# and the question proper follows.
_ATTRIBUTED = re.compile(r"^(?:according to|per|as reported by|in)\s+[^,?]{1,60},\s+(?=(?:who|whom|what|which)\b)", re.IGNORECASE)


def _described(question: str) -> Descriptor | None:
    """The question's describing noun (`descriptor`, `specific_descriptor`), or that of the sentence
    that asks after one that tells, or that of the question after the source it opens by naming,
    with the names both give."""
    desc = descriptor(question) or specific_descriptor(question)
    if desc is None and (m := _ATTRIBUTED.match(question)) and (desc := descriptor(question[m.end() :])) is not None:
        return replace(desc, known=desc.known | names_after_first(question))
    part = asked_part(question)
    if desc is None and part != question and (desc := descriptor(part)) is not None:
        if desc.head in STOPWORDS:  # "Who is the other?"
            return None
        told = frozenset(owner_key(w) for w in re.findall(r"\b[A-Z][\w'\u2019-]+", question)
                         if w.lower() not in STOPWORDS and w.lower() not in QUESTION_WORDS)
        desc = replace(desc, known=desc.known | told)
    return desc


# Kinds read off the text's surface, bar a post, and bylines: none is a name tied to a describing noun.
_UNDESCRIBED = (SURFACE_KINDS - {"role"}) | {"byline"}


# Events a question may ask about, and the words a sentence tells each by. Some mark what any question
# asks ("Who founded Viasna?", "How many were killed?", "What charges was he convicted on?"); others
# only what "when" asks: "who joined Bolton at the talks" asks who took part, not who took up a post,
# and "who left" who is gone, not when; a taking part only what "how many" asks.
_EVENTS = tuple((kind, re.compile(asked, re.IGNORECASE), re.compile(told, re.IGNORECASE)) for kind, asked, told in (
    # a leaving, of a place ("fly out of Minsk") or of a post ("step down as adviser")
    ("date",
     r"\b(?:leave|left|quit|resign(?:ed)?|step(?:ped)?\s+down|stop(?:ped)?\s+serving|depart(?:ed)?|fly\s+out|flew\s+out|"
     r"exit(?:ed)?|fired|dismissed|ousted|fled|flee|(?:go|went|gone|going|forced)\s+into\s+exile)\b",
     # "the exiled opposition leader" tells that she is in exile, not when she left
     r"\b(?:leave|leaves|leaving|left|quit|quits|resign(?:s|ed|ing|ation)?|step(?:s|ped)?\s+down|fired|dismissed|ousted|"
     r"depart(?:s|ed|ing|ure)?|flew\s+(?:out|home|back)|drove\s+back|returned|fled|into\s+exile|(?:was|were)\s+exiled|exit(?:s|ed)?|"
     r"out\s+of\s+(?:office|power)|successor|replaced|removed)\b"),
    # a taking up of a post: "join the State Department", "become foreign minister", "take power"
    ("date",
     r"\b(?:join(?:ed)?|become|became|appointed|sworn\s+in|elected|hired|(?:take|took)\s+(?:office|power|over|up)|"
     r"(?:come|came)\s+to\s+power|given\s+(?:the|his|her)\s+(?:[\w-]+\s+){0,4}?(?:post|job|role|position))\b",
     r"\b(?:join(?:s|ed|ing)?|bec[ao]me|becomes|becoming|appoint\w*|named|nominat\w*|sworn|elect\w*|hired|took|takes?|taken|"
     r"taking|came\s+to\s+power|rose|assum\w*|since|in\s+power|succeed\w*|replac\w*)\b"),
    # an opening: "when was the embassy opened", "when was the memorial put up"
    ("date",
     r"\b(?:open|opened|put\s+up|erected|built|unveiled)\b",
     r"\b(?:open(?:s|ed|ing)?|inaugurat\w*|launch\w*|establish\w*|began|started|put\s+up|erect\w*|buil[td]\w*|unveil\w*)\b"),
    # an arrival
    ("date", r"\b(?:arrive|arrived|land|landed)\b", r"\b(?:arriv\w*|reach\w*|land\w*|came|come|got\s+to|drove|flew|visit\w*)\b"),
    # a death
    ("any", r"\b(?:killed|died|dead|deaths?)\b", r"\b(?:kill\w*|died|dies|dead|deaths?|victims?|fatal\w*|murder\w*|shot)\b"),
    # an arrest
    ("any",
     r"\b(?:arrested|detained|jailed|imprisoned|locked\s+up)\b",
     r"\b(?:arrest\w*|detain\w*|detention|jail\w*|imprison\w*|prisons?|prisoners?|behind\s+bars|custody|held|locked\s+up)\b"),
    # a conviction: "What prison term had he been serving?", "What charges was he convicted on?"
    ("any",
     r"\b(?:(?:prison|jail)\s+(?:sentence|term)|sentenced|convicted|charges|charged|found\s+guilty)\b",
     r"\b(?:sentenc\w*|convict\w*|charg\w*|guilty|accus\w*|(?:prison|jail)\s+term|years?\s+in\s+(?:prison|jail))\b"),
    # a birth
    ("any", r"\b(?:born|birth)\b", r"\b(?:born|birth|birthday)\b"),
    # a founding
    ("any", r"\b(?:founded|established|set\s+up)\b", r"\b(?:found(?:ed|er|ers|ing)|establish\w*|set\s+up|creat\w*|launch\w*)\b"),
    # a signing: "set to discuss integrating" signs nothing
    ("date", r"\b(?:sign|signed)\b", r"\b(?:sign(?:s|ed|ing)?|conclud\w*|sealed|ratif\w*)\b"),
    # a sending back: "How many were deported?" is not told by "arrested 33 Russians"
    ("any", r"\b(?:sen[dt]\s+back|deport(?:ed)?|expel(?:led)?|extradit(?:e|ed)|repatriat(?:e|ed))\b",
     r"\b(?:sent\s+back|send\s+back|deport\w*|expel\w*|expulsion|extradit\w*|repatriat\w*|handed\s+(?:back|over)|returned)\b"),
    # a taking part, counted: "How many people joined the protests?" is not told by "arrested 33 Russians"
    ("number", r"\b(?:took\s+part|take\s+part|joined|participated|attended|turned\s+out|rallied|marched)\b",
     r"\b(?:took\s+part|take\s+part|join\w*|participa\w*|attend\w*|turn\w*\s+out|turnout|rall\w*|march\w*|protest\w*|crowds?)\b"),
    # a turnout: "87 percent of the vote" is a share of the votes, not of the voters who cast them
    ("any", r"\bturnout\b", r"\b(?:turnout|turned\s+out|participat\w*|went\s+to\s+the\s+polls|cast\s+(?:their\s+)?ballots)\b"),
))


# "the release of three detained persons": a participle before its noun describes it, and asks about no event.
_PARTICIPLE_BEFORE_NOUN = re.compile(r"\b[a-z]+ed\s+(?P<noun>[a-z][\w'\u2019-]*)\b")


def _events(question: str, kind: str) -> tuple[re.Pattern[str], ...]:
    """The words that tell of each of `_EVENTS` a question asks about: "How many of the fighters
    arrested in 2020 were sent back?" asks about an arrest and a sending back; "who secured the
    release of three detained persons?" asks about no arrest."""
    question = _PARTICIPLE_BEFORE_NOUN.sub(lambda m: m.group(0) if m.group("noun") in STOPWORDS or m.group("noun").endswith(("ed", "ly"))
                                           else f' {m.group("noun")}', question)
    return tuple(told for marks, asked, told in _EVENTS if marks in ("any", kind) and asked.search(question))


def slot(question: str) -> Slot:
    """The checkable part of what a question asks for."""
    q = " ".join(written_out(plain_question(question)).split())
    asked = question_type(q)
    wh = main_wh(q)
    # "Who is the author of ...?" is answered by a credit line, which ties no name to "author".
    # "What political prisoner total ...?" asks for a number, not a prisoner: a count or a date is not a name tied to a noun.
    return Slot(asked, None if asked.kind in _UNDESCRIBED else _described(q), topic(q) + (during(q) if asked.kind == "number" else ()), pinned_years(q), (bool(_SPEECH_Q.match(q)) or bool(_REACTION_Q.match(q))) and not _TEXT_SPEAKER.match(q),
                bool(_FUTURE_Q.match(q)), period_bounds(q), "" if _ABOUT_NAME_Q.match(q) else q, _asks_cause(q), editions(q),
                stem(kind.group(1).lower()) if (kind := _KIND_OF.search(q)) else "", bool(_SINCE_Q.search(q)),
                bool(wh and _RATE_Q.match(q[wh.start() :])),
                # "Name the village where ..." asks for a name: its "where" opens a relative clause.
                wh is not None and wh.group(0).lower() == "where" and bool(re.search(r"(?:^|[,;:]|\band)\s*$", q[: wh.start()])),
                pinned_month(q) if asked.kind == "date" else 0, bool(_LATER_Q.search(q)),
                count_years(q) if asked.kind in ("number", "percent", "money") else frozenset(),
                _events(q, asked.kind), located_places(q) if asked.kind == "date" else ())


def located_places(question: str) -> tuple[str, ...]:
    """The countries and cities a question puts something at ("in Moldova", "to Poland"); for a
    search-box query, which writes no prepositions ("bolton poland visit date"), every country it names."""
    terse = main_wh(question.lower()) is None
    if terse:  # typed in lower case: each word may be a country's name ("Bolton" and "Hale" are towns too)
        return tuple(sorted(places("country", " ".join(w[:1].upper() + w[1:] for w in question.split()))))
    return tuple(sorted(name for name in every_place(question) if _located(name, question)))


# "after Belarus lifted the cap", "once the limit was dropped", "now": a time after some event, not a date.
_LATER_Q = re.compile(rf"\b(?:after|once|since)\s+(?!(?:\d|{'|'.join(MONTH_NAMES)}|what|which|when|how)\b)(?:[\w.'\u2019-]+\s+){{1,5}}?(?:was|were|had|has|have|is|are|\w+ed)\b"
                      r"|\b(?:now|currently|today)\b", re.IGNORECASE)
# A sentence that opens on an earlier time tells the state before the event: "Before, since 2008, ...".
# "Before a presidential election in 2020" dates what follows instead.
_EARLIER_STATE = re.compile(r"[\"'\u201c]?(?:(?:Before|Earlier|Until then|Until recently|Up to then|Prior to that),|Previously\b|Formerly\b)")


# Support kept when no cited sentence can hold the answer, though the words match: a "when"
# question answered by a sentence without a date, "who is the ambassador" by one that ties no new
# name to "ambassador", "what did Bolton say about NATO" by one that never mentions NATO.
UNFILLED_SLOT = 0.5


def unfilled(holds: Sequence[bool | None]) -> bool:
    """Whether some cited text was checked and none of them fills the slot."""
    return False in holds and True not in holds


def unfilled_factor(holds: Sequence[bool | None]) -> float:
    """UNFILLED_SLOT when the cited texts leave the slot empty (`unfilled`), else 1."""
    return UNFILLED_SLOT if unfilled(holds) else 1.0


def slot_factor(question: str, texts: Sequence[tuple[str, dt.date | None]]) -> float:
    """`unfilled_factor` of the texts, each with its publication date, for the question's slot."""
    wanted = slot(question)
    return unfilled_factor([wanted.holds(t, published) for t, published in texts])
