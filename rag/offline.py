"""The offline answerer: picks the sentences that answer a question from retrieved passages.

It is registered as a litellm custom provider ("offline/..."), so it sits behind the same
`completion()` call and the same JSON reply contract as hosted models.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rag.answer_types import (
    ASKED_PERSON_NOUN,
    COMMANDED,
    NATIONALITY_WORD,
    ORDINAL,
    POLAR_OPENING,
    WH_RE,
    fronted_pair,
    full_names,
    main_wh,
    person_names,
    plain_question,
    question_start,
    question_type,
    type_match,
)
from rag.arithmetic import between, difference
from rag.dates import MONTH_NAMES, MONTH_PATTERN, WEEKDAYS, find_dates, resolve_relative
from rag.informal import as_written
from rag.places import asked_country, asked_place, places
from rag.retrieval import query_terms
from rag.slots import THERE, asked_part, set_aside, slot, unfilled
from rag.sources import named_documents, source_names
from rag.support import FEATURES, SUPPORT_MODEL
from rag.text import QUESTION_WORDS, STOPWORDS, fold, name_key, sentence_spans, tokens, word_count, word_tokens

# Questions that ask for several things: each part may need its own sentence (and source).
_MULTI_RE = re.compile(r"\b(and|both|two|three|each|as well as|besides)\b|^\s*list\b", re.IGNORECASE)  # "List what ..."
# Questions that say outright that they want two things.
_PLURAL_RE = re.compile(r"\b(both|two|three)\b", re.IGNORECASE)


# "On which three measures ...?", "Name the four ...": a count of things asked for, three or more.
_COUNT_ASKED_RE = re.compile(r"\b(?:what|which|name|list|give)\s+(?:the\s+|all\s+)?(three|four|five)\b", re.IGNORECASE)
_ITEM = r"[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3}"


def enumerates(count: int, sentence: str) -> bool:
    """Whether the sentence lists `count` or more short items: "press freedom, democracy, and economic freedom"."""
    return bool(re.search(rf"{_ITEM}(?:,\s+{_ITEM}){{{count - 2},}},?\s+(?:and|or)\s+[\w'\u2019-]+", sentence))


def asked_count(question: str) -> int:
    """How many things a question asks for by number, where three or more ("which three measures"); else 0."""
    m = _COUNT_ASKED_RE.search(question)
    return {"three": 3, "four": 4, "five": 5}[m.group(1).lower()] if m else 0


_PLACES_COUNTED = re.compile(r"\b(two|three|four|both)\s+(?:[\w-]+\s+)?(?:countries|nations|cities|capitals)\b", re.IGNORECASE)


def places_asked(question: str) -> int:
    """How many countries or cities a question asks for by number ("Which two countries ...?"); else 0."""
    m = _PLACES_COUNTED.search(question)
    if not m or asked_place(question) is None:
        return 0
    return {"two": 2, "both": 2, "three": 3, "four": 4}[m.group(1).lower()]


def new_places(question: str, sentence: str) -> set[str]:
    """The countries or cities (as the question asks) a sentence names that the question does not."""
    given, kind = set(tokens(question)), asked_place(question)
    return {name for name in places(kind, sentence, asked_country(question)) if given.isdisjoint(tokens(name))} if kind else set()


def asks_for_several(question: str) -> bool:
    """Whether a question may need more than one sentence (and source) to answer."""
    return bool(_MULTI_RE.search(question))


# "..., and which outlet ...?": a second question joined to the first.
# So is "..., and the chief of which agency ...?".
_JOINED_RE = re.compile(r",?\s+and\s+(?=(?:(?:according to|per)\s+[^,?]{1,40},\s+)?(?:which|what|who|whom|whose|when|where|how|why|(?:on|in|into|at|for|from|to|by|"
                        r"with|about|after|before|during|under|through|over|against|toward|towards) "
                        r"(?:what|which|whom|how)|the\s+[a-z]+\s+of\s+(?:which|what))\b)", re.IGNORECASE)


# "the index, which surveyed 180 countries": a clause about the noun before it, which asks nothing.
_RELATIVE_RE = re.compile(r",\s+(?:which|who|whom|whose)\b", re.IGNORECASE)
_WH_START_RE = re.compile(r"(?:\w+\s+)?(?:what|which|who|whom|whose|when|where|how|why)\b", re.IGNORECASE)
# "What did he promise the envoys: Hale in 2019 and Smith in 2025?": the question asks its
# question of each thing the list after the colon names.
_LISTED_RE = re.compile(r"^(?P<head>[^:]+?):\s+(?P<first>[^:?]+?),?\s+(?:and|or)\s+(?P<second>[^:?]+?)\??$")


_NAME_TWO_RE = re.compile(r"^(?:name|identify|give)\s+(?:the|a|an)\s+(?P<first>.+?),\s+and\s+(?:the|a|an)\s+(?P<second>.+)$",
                          re.IGNORECASE)


# A later part's "he", "him", "his" or "she" stands for the one person the first part names, and its
# "there" for the one place: "Which American met Lukashenko in Minsk in 2019, and which met him there in
# 2025?". "Her" is left alone: "her" as object and "her" as possessive read differently.
_PERSON_PRONOUN = re.compile(r"\b(?:he|him|his|she)\b", re.IGNORECASE)
_NAME_WORDS = re.compile(r"(?<![\w.'\u2019-])[A-Z][a-z][\w'\u2019-]*(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z][\w'\u2019-]*)*")
# A name after these is a source or a body: "according to The Week", "per the NYT".
_NOT_PERSON_BEFORE = re.compile(r"(?:\bthe|\bper|according to|\bby|\bin|\bat|\bfrom|\bto|\bof)\s+$", re.IGNORECASE)
_MOTION = re.compile(r"\b(?:go|goes|went|gone|going|come|came|comes|coming|travel\w*|drove|drive|driven|flew|fly|flown|"
                     r"return\w*|head\w*|move\w*|sent|send|brought|bring|taken|took|take|back)\s+$", re.IGNORECASE)
_AT_PLACE = r"\b(?:in|to|at|from|into|near|outside|inside|visit|visits|visited|visiting|reach|reached)\s+(?:the\s+)?"
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been)\s+$", re.IGNORECASE)  # "how many were there": none


def _people(text: str) -> dict[str, str]:
    """The people a question part names, by name key: not countries, places it puts something at,
    nationalities, days, months, sources ("The Week") or names in a "besides ..." phrase."""
    rest = set_aside(text)[0]
    found = {}
    for m in _NAME_WORDS.finditer(rest):
        name = m.group(0)
        last = name.split()[-1]
        if m.start() == 0 or _NOT_PERSON_BEFORE.search(rest[: m.start()]) or last.lower() in STOPWORDS \
                or last.lower() in QUESTION_WORDS or places("country", name) or NATIONALITY_WORD.fullmatch(last) \
                or find_dates(name) or last in MONTH_NAMES or last.lower() in WEEKDAYS:
            continue
        found[name_key(last)] = name
    return found


def carried(first: str, later: str) -> str:
    """A later part of a compound question with its pronouns for the first part's one person and one
    place written out: "which met him there in 2025?" -> "which met Lukashenko in Minsk in 2025?".
    A part that names someone itself keeps its pronouns: they may stand for that one."""
    people = _people(first[question_start(first.rstrip(" ?") + "?"):])  # "Bolton's stop ... . Who met Lukashenko ...?"
    if len(people) == 1 and not _people(later):
        person = next(iter(people.values()))
        later = _PERSON_PRONOUN.sub(lambda m: f"{person}'s" if m.group(0).lower() == "his" else person, later)
    # a place is one the part puts something at ("in Minsk", "visit Minsk"); "Bolton" is a town as well
    located = [c for c in places("city", first) or places("country", first) if re.search(rf"{_AT_PLACE}{re.escape(c)}\b", first)]
    if len(located) == 1:
        later = THERE.sub(lambda m: m.group(0) if m.group(0)[:1].isupper() or _BE_BEFORE.search(later[: m.start()]) else
                          f"{'to' if _MOTION.search(later[: m.start()]) else 'in'} {located[0]}", later)
    # "which one met him there": the one of the kind the first part asks for ("which American diplomat")
    if (kind := ASKED_PERSON_NOUN.match(first.strip())) is not None:
        later = re.sub(r"\b(which|the)\s+one\b", lambda m: f"{m.group(1)} {kind.group('noun')}", later, count=1, flags=re.IGNORECASE)
    return later


def sub_questions(question: str) -> list[str]:
    """The questions a compound question joins ("Which outlet ..., and which ...?", "What did he
    promise the envoys: Hale in 2019 and Smith in 2025?"); else itself."""
    events = between(question)
    if events:  # "How many days passed between A and B?": when each happened
        return [f"When {event}?" for event in events]
    if pair := fronted_pair(question):  # "The envoy of 2025, and the one of 2019, who were they?"
        return [pair[0]] + [carried(pair[0], p) for p in pair[1:]]
    flat = " ".join(question.split()).rstrip(" ?")
    if main_wh(flat.lower()) is None and "," in flat:
        # "press freedom rank 2019, lukashenko 2025 vote share": search-box queries, each typed by its noun.
        terse = [re.sub(r"^(?:and|or)\s+", "", p.strip()) for p in flat.split(",")]
        if len(terse) > 1 and all(len(p.split()) >= 2 and question_type(p).kind != "other" for p in terse):
            return terse
    named = _NAME_TWO_RE.match(" ".join(question.split()))
    if named:  # "Name the channel ..., and the anchor ...": which channel, and which anchor
        return [f'Which {named.group(part).rstrip(" ?.")}?' for part in ("first", "second")]
    listed = _LISTED_RE.match(" ".join(question.split()))
    if listed and not _WH_START_RE.match(listed.group("first")) and not _WH_START_RE.match(listed.group("second")):
        return [f'{listed.group("head")} {listed.group(part)}?' for part in ("first", "second")]
    # "In the index, which surveyed 180 countries and which informs ..., at what rank was Belarus?": an
    # "and which" after a part that asks nothing (its question words all open clauses about a noun)
    # joins clauses of an opening phrase, not two questions.
    cuts: list[tuple[int, int]] = []
    for m in _JOINED_RE.finditer(question):
        before = question[cuts[-1][1] if cuts else 0 : m.start()]
        if len(WH_RE.findall(before)) > len(_RELATIVE_RE.findall(before)):
            cuts.append(m.span())
    bounds = [0] + [b for span in cuts for b in span] + [len(question)]
    parts = [question[bounds[i] : bounds[i + 1]].strip(" ,?") for i in range(0, len(bounds), 2)]
    parts = [p for p in parts if len(p.split()) >= 3]
    return [parts[0] + "?"] + [carried(parts[0], p) + "?" for p in parts[1:]] if len(parts) > 1 else [question]


# A sentence opening with one of these leans on the one before it for its subject.
# So does one whose first clause, after a connective, has a pronoun for its subject ("But for Belarus, it ...").
# "It's great news that ...", "It is too early to ...": an "it" that stands for the clause after it points back to nothing.
_EXPLETIVE_IT = r"(?!It(?:['\u2019]s|\s+is|\s+was)\s+(?:[\w-]+\s+){1,4}?(?:that|to)\b)"
_ANAPHOR_RE = re.compile(r"(?:[\"'\u201c\u2018]\s*)?" + _EXPLETIVE_IT + r"(?:(This|That|These|Those|It|Its|He|His|She|Her|They|Their|Such|Both)\b"
                         r"|(?:But|And|Yet|So|Still|Thus|However|Instead|Nonetheless|Nevertheless)\b,?\s+"
                         r"(?:[^,.;:]{1,30},\s+)?(?:it|he|she|they|this|that|these|those)\b)")
# "More than 200 of them": an amount of things the sentence before names.
_COUNTED_BACK_RE = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|"
                              r"many|most|some|all|none|few|half)\s+of\s+(?:them|those|these)\b", re.IGNORECASE)
# A quotation whose speaker is a pronoun ("... panic," he said) was said by someone the sentence before names.
_PRONOUN_SPEAKER_RE = re.compile(r"[,\u201d\"]\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|noted|"
                                 r"argued|warned|explained|continued)\b|[,\u201d\"]\s*(?:said|says|added)\s+(?:he|she)\b")
# "Which news outlet reported that ...?": asked who made a report, not what it said.
_REPORTER_Q = re.compile(r"\b(?:(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:outlets?|agency|agencies|organi[sz]ations?|newspapers?|papers?|"
                         r"publications?|wire|services?|media|networks?|sources?)\b[^?]*\b(?:report|reports|reported|reporting|source)\b"
                         r"|\bwho(?:se)?\s+(?:first\s+)?(?:report|reports|reported|reporting)\b|\breporting\s+by\s+(?:which|what|whom)\b)",
                         re.IGNORECASE)
# "the U.S. reportedly plans ...": a report whose maker the sentence does not name.
_UNNAMED_REPORT = re.compile(r"\breportedly\b|\b(?:is|was|were|are|been)\s+(?:widely\s+)?reported\b|\breports\s+(?:say|said|suggest)\b",
                             re.IGNORECASE)
# "..., Bloomberg reports.", "according to Reuters": a report's maker named.
_NAMED_REPORTER = re.compile(r"\b[A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*){0,3}\s+(?:reports|reported)\b|\baccording\s+to\s+[A-Z]")
W_COVERAGE, W_SIMILARITY, W_TYPE, W_PASSAGE = 0.40, 0.30, 0.20, 0.10
# A question after one more thing ("what other aim", "what else") favours a sentence that adds one.
W_ANOTHER = 0.05
_OTHER_Q = re.compile(r"\b(?:what|which)\s+(?:other|else|further|additional|another)\b|\bwhat\s+\w+\s+else\b", re.IGNORECASE)
_ANOTHER_RE = re.compile(r"\b(?:another|other|also|additional|additionally|further|furthermore|second|too)\b", re.IGNORECASE)


_CAPITALISED = re.compile(r"[A-Z][\w'\u2019-]+")


def _credits(sentence: str, author: str) -> bool:
    """Whether a line of at most eight words credits the document's recorded author: holds every
    one of the author's names ("Alesia Rudnik belsat.eu" for the author "Alesia Rudnik")."""
    names = _CAPITALISED.findall(author)
    if not names or word_count(sentence) > 8:
        return False
    held = {name_key(w) for w in _CAPITALISED.findall(sentence)}
    return all(name_key(w) in held for w in names)


def _local_idf(sentences: Sequence[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(s)
    n = len(sentences)
    return {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}


Concepts = dict[frozenset[str], float]
"""A question's words as sets of interchangeable terms (a stem and its name key), each weighted once."""


# The share of its weight that a word naming the kind of answer keeps.
CATEGORY_WEIGHT = 0.5
# The weight of the words only an opening phrase gives: "Under the possible grand bargain, ...".
FRONT_WEIGHT = 0.75
_ATTRIBUTION_RE = re.compile(r"(?:according to|in the view of|as reported by)\b", re.IGNORECASE)
_NOT_CATEGORY = frozenset("kind sort type".split())  # "what kind of state": the noun after "of" is the kind


def category(question: str) -> set[str]:
    """The tokens of the words that name the kind of thing a "which/what <noun> ..." question asks
    for: "Which media outlet interviewed Bolton?" -> media, outlet. They run from the question word
    to a function word or a verb in -ed, or through a possessive ("Which country's oil ...")."""
    q = " ".join(question.split())
    # "Specify the year in which Lukashenko took power": the "which" of a clause in a command asks nothing.
    m = main_wh(q.lower())
    if not m or m.group(0) not in ("which", "what") or COMMANDED.match(q):
        return set()
    out: set[str] = set()
    for word in q[m.end() :].split()[:4]:
        low = word.lower().strip(",;:?")
        if low in STOPWORDS or low in QUESTION_WORDS or low in _NOT_CATEGORY or low.endswith("ed"):
            break
        out |= set(tokens(word))
        if low.endswith(("'s", "\u2019s")):
            break
    return out


def concepts(question: str, terms: dict[str, float]) -> Concepts:
    """Group the weighted terms by the question word they came from; a group weighs its heaviest term.

    Counting "Lukashenko" and its name key "~lkshnk" separately would weigh every name twice.
    A full name is one word too: it weighs as its heaviest word and is found where its surname is.
    """
    out: Concepts = {}
    for toks in word_tokens(question):
        group = frozenset(t for t in toks if t in terms)
        if group:
            out[group] = max(terms[t] for t in group)
    for t, w in terms.items():  # terms the caller weighed that no question word gives
        if not any(t in g for g in out):
            out[frozenset([t])] = w
    # "Which media outlet interviewed Bolton?": a sentence that says "media outlet" has not named one.
    kind = category(question)
    for group in list(out):
        if not group.isdisjoint(kind):
            out[group] *= CATEGORY_WEIGHT
    # "Under the possible grand bargain, on what would the U.S. relax sanctions?": an opening phrase
    # sets the scene, and the sentence that answers holds what the main clause asks. An opening
    # that names a source ("According to The Week, ...") is no scene.
    flat = " ".join(question.split())
    m = main_wh(flat)
    start = question_start(flat)
    comma = flat.rfind(",", start, m.start()) if m else -1
    if comma > 0 and not _ATTRIBUTION_RE.match(flat, start):
        _weigh_front(out, flat, comma)
    # "I'm writing a review. Who was that analyst?": the statements before the question set its scene.
    if start:
        _weigh_front(out, flat, start)
    # A full name is one thing, found by its surname: "Mr. Shraibman" is "Artyom Shraibman".
    for words in full_names(question):
        parts = [frozenset(t for t in tokens(w) if t in terms) for w in words]
        if len(parts) < 2 or not parts[-1] or any(p not in out for p in parts):
            continue
        weight = max(out.pop(p) for p in dict.fromkeys(parts))
        out[parts[-1]] = weight
    return out


def _weigh_front(weights: Concepts, question: str, cut: int) -> None:
    """Weigh down, in place, the groups found only in the question's scene, before `cut`."""
    front, rest = set(tokens(question[:cut])), set(tokens(question[cut:]))
    for group in list(weights):
        if group <= front and group.isdisjoint(rest):
            weights[group] *= FRONT_WEIGHT


def _coverage(weights: Concepts, toks: set[str] | frozenset[str]) -> float:
    total = sum(weights.values())
    return sum(w for g, w in weights.items() if not g.isdisjoint(toks)) / total if total else 0.0


# How far (in words, from its start) a line ending in a colon is read as the speaker of what follows.
_QUOTE_WORDS = 60


def _joined(text: str, first: dict[str, Any], last: dict[str, Any]) -> dict[str, Any]:
    """One candidate spanning two sentences of a passage and any between, matched with all its words."""
    sims = [x for x in (first["sim"], last["sim"]) if x is not None]
    end = last["start"] + len(last["text"])
    toks = first["toks"] | last["toks"] | set(tokens(resolve_relative(text[first["start"] : end], last["pub"])))
    return {"p": last["p"], "text": text[first["start"] : end], "toks": toks,
            "sim": max(sims) if sims else None, "start": first["start"], "pub": last["pub"]}


# "According to the headline of the report, ...": the headline, never an answer otherwise, is asked about.
_HEADLINE_Q = re.compile(r"\b(?:headline|headlined|title|titled)\b", re.IGNORECASE)
_HEADLINE_TOKENS = frozenset(tokens("headline title titled headlined"))
# "Belarus scores 153rd": a place in an order (`ORDINAL`) is a rank, said in any words.
_RANK_TOKENS = frozenset(tokens("rank"))


def asks_headline(question: str) -> bool:
    """Whether the question asks what a headline (or title) says; "What is Rudnik's job title?" asks a post."""
    return bool(_HEADLINE_Q.search(question)) and question_type(question).kind != "role"


# "According to the photo caption ...", "Who is credited with the picture ...": a caption answers.
_PICTURE_Q = re.compile(r"\b(?:photo|photos|photograph|photographs|picture|pictures|pictured|image|images|caption|captions)\b",
                        re.IGNORECASE)
_PICTURE_TOKENS = frozenset(tokens("photo photograph picture pictured image caption"))
# A photo credit: "phot. president.gov.by", "Credit…Pool photo by ...", "Photo: ...".
_CREDIT_RE = re.compile(r"\bphot\.|\bcredit\s*[:\u2026]|\bphoto(?:graph)?\s+(?:by|courtesy)\b|\bphoto:|getty images", re.IGNORECASE)


# A story that went online or came out was published.
_ONLINE = r"(?:went|go|goes|gone|put)\s+online|(?:came|come|comes)\s+out"
# "When did the Wilson Center republish the story?", "What original publication date is given?"
_PUBLISHED_Q = re.compile(r"\b(?:(?:re)?publish(?:ed|es)?|(?:re)?publication|(?:re)?post(?:ed|s)?|(?:re)?printed|ran|run|"
                          rf"dated|dateline|byline|appear(?:ed|s)?\s+(?:on|in|at)|{_ONLINE})\b", re.IGNORECASE)
# What is published: "run the story", not "the term runs out".
_DOCUMENT_NOUN = re.compile(r"\b(?:story|stories|article|articles|report|piece|commentary|column|editorial|op-ed|analysis|"
                            r"interview|item|text|post)\b", re.IGNORECASE)
_PUBLISHED_TOKENS = frozenset(tokens("publication dated"))
_FIRST_PUBLISHED_TOKENS = frozenset(tokens("original originally first publish published run ran"))
_REPUBLISHED_RE = re.compile(r"\bre-?(?:publish|post|print|run|ran)", re.IGNORECASE)
_REPUBLISHED_TOKENS = frozenset(tokens("republish republished repost reposted reprint reprinted rerun"))
_DATELINE_RE = re.compile(rf"\s*(?:{MONTH_PATTERN}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_PATTERN}\.?\s+\d{{4}})\s*")


# "When did the think tank repost the report?" asks the date a document ran, not a date it tells;
# "Which month ..., according to the commentary published after the trip?" does not.
_PUBLICATION_DATE_Q = re.compile(r"^(?:when|(?:on|in)\s+(?:what|which)\s+(?:date|day|year|month)|(?:what|which)\s+(?:date|day)"
                                 # "Tell me the date on which the article went online."
                                 r"|(?:tell\s+me\s+)?the\s+(?:exact\s+)?(?:date|day)\s+(?:on\s+which|when))\s+(?:(?:did|does|was|were|is|has|"
                                 r"had)\s+)?(?:[\w.'\u2019-]+\s+){0,8}?(?:(?:re-?)?(?:publish|post|print|run|ran)\w*|appear\w*\s+(?:on|in|at)|"
                                 rf"{_ONLINE})\b", re.IGNORECASE)


def asks_published(question: str) -> bool:
    """Whether the question asks about a document's publication: "When did the Times run it?"."""
    return bool(_PUBLISHED_Q.search(question) and _DOCUMENT_NOUN.search(question))


def _is_dateline(sentence: str) -> bool:
    """Whether a sentence is only a date: "Feb. 15, 2025"."""
    return bool(_DATELINE_RE.fullmatch(sentence))


def _dateline_tokens(dateline: str, publisher: str, published: dt.date | None) -> set[str]:
    """What the document's record says a dateline's date is: the publisher's name for every one;
    its first publication ("original", "published") where it is the recorded date; the words of a
    note that gives the date ("reposted by the Wilson Center on 4 March 2025")."""
    day = find_dates(dateline)
    out = set(tokens(re.sub(r"\([^)]*\)", " ", publisher)))
    if day and day[0] == published:
        out |= _FIRST_PUBLISHED_TOKENS
    for note in re.findall(r"\(([^)]*)\)", publisher):
        if day and day[0] in find_dates(note):
            out |= set(tokens(note))
            # To repost is to republish: the note's verb stands for every verb of publishing.
            if _REPUBLISHED_RE.search(note):
                out |= _REPUBLISHED_TOKENS
    return out


def _neighbour_lines(text: str, start: int, end: int) -> str:
    """The non-empty lines just before and just after the span's line."""
    before = [ln for ln in text[:start].splitlines() if ln.strip()]
    after = [ln for ln in text[end:].splitlines() if ln.strip()]
    return " ".join(before[-1:] + after[:1])


def _is_caption(text: str, start: int, end: int) -> bool:
    """Whether a sentence is a picture's caption: it holds a photo credit, or it is a line of its own
    with no full stop ("Bill Clinton visiting Minsk (1993)")."""
    if _CREDIT_RE.search(text[start:end]):
        return True
    alone = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return alone and not text[start:end].rstrip().endswith((".", "!", "?", ":", "\"", "\u201d"))


def _article_date(question: str, published: dt.date | None) -> set[str]:
    """The tokens of an article's month and year ("September 2019") when the question dates what it
    asks by that month ("as of September 2019"). A sentence that writes no month of its own
    (`_MONTH_RE`) speaks as of its article's date, so those words should not favour the one
    sentence that also writes the date (often the lead)."""
    if published is None or not re.search(rf"\b{MONTH_NAMES[published.month - 1]}\b", question):
        return set()
    return set(tokens(f"{MONTH_NAMES[published.month - 1]} {published.year}"))


# A month written in a sentence dates what it tells ("met in August"); a year alone may date only
# a part of it ("the freeze began in 2008 ... led by Lukashenko for the last 25 years").
_MONTH_RE = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b")


# "The Polish government", "Western sanctions": an adjective from a name is not whom a question asks about.
_ADJECTIVE_NAME = re.compile(rf"{NATIONALITY_WORD.pattern}|[A-Z][a-z]+erns?")


_AGENT_Q = re.compile(r"^(?:(?:how|what|why|when|where)\s+(?:did|does|do|has|have|had|will|would)"
                      # "In which year was Maria Kolesnikova first locked up?": she is who it asks about.
                      r"|(?:when|(?:in|on|during)\s+(?:which|what)\s+(?:year|date|day|month)|(?:what|which)\s+(?:year|date|day))"
                      r"\s+(?:did|does|do|has|have|had|will|would|(?P<be>was|were|is|are)))\s+(?P<rest>.+)$", re.IGNORECASE)


_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}[,;:]?")


def agent_names(question: str) -> list[frozenset[str]]:
    """The name of whoever a "how did X react" / "what did X say" / "when did X go" question asks
    about, as the token set of its last word: "How did Vladimir Putin respond?" -> [{putin, ~ptn}].
    Empty when the one asked about has no name ("What did the commentary say?")."""
    m = _AGENT_Q.match(" ".join(question.split()))
    if not m:
        return []
    words = m.group("rest").rstrip("?").split()
    names: list[frozenset[str]] = []
    for i, word in enumerate(words[:8]):
        if word[:1].isupper():
            if not _ADJECTIVE_NAME.fullmatch(word) and (toks := frozenset(tokens(word))):
                # "U.S." is written "US" as well
                names.append(toks | frozenset(tokens(word.replace(".", ""))) if _DOTTED_INITIALS.fullmatch(word) else toks)
        elif names and word.lower() == "of" and words[i + 1 : i + 2] and words[i + 1][:1].isupper():
            continue  # "Secretary of State Mike Pompeo"
        elif names and (word.lower() in STOPWORDS or not words[i + 1 : i + 2] or not words[i + 1][:1].isupper()):
            break  # the verb after the name: "... Krawczyk say"
        elif not names and (i >= 4 or (word.lower() in STOPWORDS and word.lower() not in ("the", "a", "an"))):
            break  # "What did the meeting with Bolton ...": Bolton is not who is asked about
    lead = list(itertools.takewhile(lambda w: not w[:1].isupper(), words))
    run = list(itertools.takewhile(lambda w: w[:1].isupper(), words[len(lead):]))
    after = words[len(lead) + len(run) : len(lead) + len(run) + 1]
    if m.group("be") and after and not re.fullmatch(r"[a-z]+(?:ed|en|wn|ly)|first|born|held|put|set|shut|hit|made|sent|built|"
                                                      r"kept|left|met|paid|told|sold|brought|bought|caught|taught|won|lost", after[0]):
        return []  # "was the U.S. president pictured": the name describes the noun after it
    if len(names) > 1 and len(run) == len(names) and lead[-1:] == ["the"]:
        # "the United States" is found as "US" too: a name of several words after "the" (no person's) by its initials.
        return [names[-1] | {"".join(w[0] for w in run).lower()}]
    return names[-1:]  # the head: "Secretary of State Mike Pompeo" is found as Pompeo, not as any secretary


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?!(?:also|not|still|now)\b)[a-z]+(?:ed|en|wn)\b(?!\s+by\b)")
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;:]\s+|\bthat\s+)(?:he|she|they)\b", re.IGNORECASE)


def polar_names(question: str) -> list[frozenset[str]]:
    """The names a yes-or-no question asks about ("Was the laureate Ales Bialiatski one of the two
    freed?"), each as its token set: an answer must speak of every one. Empty for other questions."""
    if not POLAR_OPENING.match(question) or asked_part(question) != question or question_start(question):
        return []  # "Is it true ...? What percentage ...?": the answer is to the second
    return _names_in(question)


def condition_names(question: str) -> list[frozenset[str]]:
    """The names of the yes-or-no question that another is asked on ("Were sanctions on Belavia part of
    the bargain? How were they to be eased?"), each as its token set: the passages an answer comes from
    must speak of every one, though its sentence may say "he". Empty for other questions."""
    start = question_start(question) or len(question) - len(asked_part(question))
    if not start or not POLAR_OPENING.match(question):
        return []
    condition = question[:start].split(maxsplit=1)[-1]
    # A full name is found by its last word: "Christopher Smith" is "Mr. Smith" there.
    runs = re.findall(r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*", condition)
    return _names_in(" ".join(["?"] + [run.split()[-1] for run in runs]))


def _names_in(question: str) -> list[frozenset[str]]:
    """The capitalised words past a question's first, bar adjectives of nation and months, as token sets;
    one written with dots is found without them too ("U.S." as "US")."""
    words = question.split()[1:]
    return [toks | ({w.strip(",;:?").replace(".", "").lower()} if "." in w.strip(",;:?.") else set()) for w in words
            if w[:1].isupper() and not _ADJECTIVE_NAME.fullmatch(w.strip(",;:?'\u2019s"))
            and w.strip(",;:?") not in MONTH_NAMES and (toks := frozenset(tokens(w)))]


def score_sentences(question: str, passages: Sequence[dict[str, Any]],
                    features: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], Concepts]:
    """Every usable sentence of the passages, scored as an answer, best first; and the term weights.

    Each sentence is scored by the IDF-weighted share of the question's terms it holds, its
    embedding similarity to the question (when the caller supplied it in `features`), whether
    it holds the kind of answer asked for, and its passage's retrieval score. The sentences of
    the documents the question names by publisher or author (`rag.sources`) come first.
    """
    features = features or {}
    headline_asked = asks_headline(question)
    published_asked = asks_published(question)
    publication_date = published_asked and bool(_PUBLICATION_DATE_Q.match(" ".join(question.split())))
    asks_picture = bool(_PICTURE_Q.search(question))
    asks_reporter = bool(_REPORTER_Q.search(question))
    wanted = slot(question)
    if published_asked:  # "when did the Times run its story on the trip to Minsk?": the place is the story's
        wanted = replace(wanted, located=())
    asked = wanted.asked
    spans = features.get("sentences") or {}
    sources = {p["doc_id"]: (str(p.get("publisher") or ""), str(p.get("author") or "")) for p in passages if p.get("doc_id")}
    named = named_documents(question, sources)
    agent = agent_names(question)
    other = bool(_OTHER_Q.search(question))
    count = asked_count(question)
    place_count = places_asked(question)
    # "Which think tank ...?" is not answered by "Lukashenka", whom a passage calls "President Aliaksandr Lukashenka".
    people = frozenset().union(*(person_names(p["text"]) for p in passages)) if asked.kind == "organization" else frozenset()
    cands = []
    for p in passages:
        text = p["text"]
        given = spans.get(str(p["n"]))
        title = fold(" ".join(str(p.get("title") or "").split()))  # curly or straight quotes alike
        pub = dt.date.fromisoformat(p["published"]) if p.get("published") else None
        # A byline speaks for the whole article: it is matched with its title and publisher.
        about = set(tokens(f'{p.get("title") or ""} {p.get("publisher") or ""}')) if asked.kind == "byline" else set()
        undated = _article_date(question, pub)
        if p.get("doc_id") in named:  # and every sentence of a publisher the question names speaks for it
            about |= set(tokens(" ".join(source_names(sources[p["doc_id"]][0], ""))))
        prev: dict[str, Any] | None = None
        intro: dict[str, Any] | None = None  # "Lukashenka said:" -- the speaker of the lines that follow
        for s, e, sim in (given if given else [(s, e, None) for s, e in sentence_spans(text)]):
            sent = text[int(s) : int(e)]
            # Datelines, captions of a word or two, the headline itself and a question the text asks
            # ("What was Bolton's visit about?") answer nothing.
            flat = fold(" ".join(sent.split()))
            # An author's credit line ("Alesia Rudnik belsat.eu") is short, and answers "who wrote it".
            credit = asked.kind == "byline" and _credits(sent, str(p.get("author") or ""))
            # "When did the Times run the story?": a dateline answers, read with the lines beside it
            # ("By ...", "Link to the original article") and the document's title and publisher.
            dateline = published_asked and _is_dateline(sent)
            if dateline:
                lines = _neighbour_lines(text, int(s), int(e))
                about_line = set(tokens(f'{lines} {p.get("title") or ""}')) | _dateline_tokens(sent, str(p.get("publisher") or ""), pub)
            headline = bool(title) and (flat == title or (len(title) > 20 and title in flat))
            # A headline that asks ("Bolton's visit: new stage in relations?") still answers what it asks.
            if (word_count(sent) < 4 and not credit and not dateline) or (headline and not headline_asked) \
                    or (flat.rstrip("\"'\u201d\u2019 ").endswith("?") and not headline):
                prev = None
                continue
            # Matched as the reader will see it: "on Tuesday" counts as the date it stands for.
            resolved = resolve_relative(sent, pub)
            toks = set(tokens(resolved)) | about | (set() if _MONTH_RE.search(resolved) else undated)
            if ORDINAL.search(sent):
                toks |= _RANK_TOKENS
            if headline:  # asked what the headline says, the headline is the one sentence that is one
                toks |= _HEADLINE_TOKENS
            if dateline:
                toks |= about_line | _PUBLISHED_TOKENS
            if asks_picture and _is_caption(text, int(s), int(e)):  # asked about a picture, its caption speaks for it
                toks |= _PICTURE_TOKENS
            # A credit line answers "who wrote it", and a headline "what does the headline say".
            cand = {"p": p, "text": sent, "toks": toks, "sim": sim, "start": int(s), "pub": pub,
                    "credit": credit or (headline and headline_asked), "dateline": dateline}
            cands.append(cand)
            line = text.rfind("\n", 0, int(s)) + 1
            if asks_picture and line < int(s) and _CREDIT_RE.search(sent):
                # A caption is read whole: "29 August 2019. ... phot. president.gov.by" dates the picture.
                whole = text[line : int(e)]
                cands.append({**cand, "text": whole, "start": line, "toks": toks | set(tokens(resolve_relative(whole, pub)))})
            if intro is not None and word_count(text[intro["start"] : int(e)]) <= _QUOTE_WORDS:
                # A quotation is read with the line that introduces it: who says it is part of the answer.
                cands.append(_joined(text, intro, cand))
            elif prev is not None and asked.kind == "place" and THERE.search(sent):
                # Asked where, a sentence that says "there" answers only with the place it points back to.
                cands[-1] = _joined(text, prev, cand)
            elif prev is not None and asks_reporter and any(_UNNAMED_REPORT.search(a["text"]) and not _NAMED_REPORTER.search(a["text"])
                                                            and _NAMED_REPORTER.search(b["text"]) for a, b in ((prev, cand), (cand, prev))):
                # "Bloomberg reports." beside "the U.S. reportedly plans ...": the report is read with the one who made it.
                cands.append(_joined(text, prev, cand))
            elif prev is not None and (_ANAPHOR_RE.match(sent) or _PRONOUN_SPEAKER_RE.search(sent)
                                       or _COUNTED_BACK_RE.search(sent)):
                # "That ranking designates it as ...": read with the sentence it points back to.
                cands.append(_joined(text, prev, cand))
            if sent.rstrip().endswith(":"):
                intro = cand
            prev = cand
    terms = features.get("terms") or {}
    if not terms:
        local = _local_idf([c["toks"] for c in cands])
        unseen = math.log(1.0 + (len(cands) + 0.5) / 0.5)
        terms = {t: local.get(t, unseen) for t in query_terms(question)}
    weights = concepts(question, terms)
    if not cands or not weights:
        return [], weights
    top = max(float(p.get("score", 0.0)) for p in passages) or 1.0
    for c in cands:
        c["named"] = c["p"].get("doc_id") in named
        c["coverage"] = _coverage(weights, c["toks"])
        c["type"] = 1.0 if c.get("credit") else type_match(asked, c["text"])
        if count and enumerates(count, c["text"]):  # "which three measures": a sentence that lists three
            c["type"] = 1.0
        if place_count and len(new_places(question, c["text"])) < place_count:  # "which two countries": one names both
            c["type"] = min(c["type"], 0.5)
        # Whether the sentence can hold the answer; None where that cannot be told from its surface.
        # A line crediting the recorded author, or the headline asked about, holds what is asked.
        c["slot"] = True if c.get("credit") else wanted.holds(c["text"], c["pub"], people)
        if publication_date and not c.get("dateline"):
            # "When did the think tank repost the report?": the report's sentences date what they tell, not the report.
            c["type"], c["slot"] = 0.0, False
        # "How did the EU react?" is not answered by a sentence that never names the EU, or says "he".
        # A passive sentence leaves its agent out: "officials were banned from entering the US in 1998".
        c["agent"] = not agent or any(not g.isdisjoint(c["toks"]) for g in agent) or bool(_PRONOUN_SUBJECT.search(c["text"])) \
            or bool(_PASSIVE.search(c["text"]))
        sim = c["sim"] if c["sim"] is not None else c["coverage"]
        c["score"] = (W_COVERAGE * c["coverage"] + W_SIMILARITY * max(sim, 0.0) + W_TYPE * c["type"]
                      + W_PASSAGE * float(c["p"].get("score", 0.0)) / top)
        if other and _ANOTHER_RE.search(c["text"]):
            c["score"] += W_ANOTHER  # "What other aim ...?" -- "Another important aim is ..."
    # A reader who names a source ("according to The Week") wants the answer from it.
    cands.sort(key=lambda c: (not c["named"], -c["score"], len(c["text"])))
    return cands, weights


def extract(question: str, passages: Sequence[dict[str, Any]], features: dict[str, Any] | None = None,
            max_sentences: int = 2) -> dict[str, Any]:
    """Choose answer sentences from passages, with a support score: the probability that the answer
    is right, from the evidence of its sentences (`rag.support`).

    Sentences are ranked by `score_sentences`. A compound question ("Which outlet ..., and
    which ...?") gets one sentence per part, each ranked against its own part. Other questions
    that ask for several things get a greedy cover: further sentences are added while they bring
    enough of the question's weight that the chosen ones lack.

    Args:
        question: the user's question.
        passages: [{"n", "text", "published", "score", ...}] in rank order.
        features: {"terms": {term: idf}, "sentences": {n: [[start, end, similarity], ...]}}.

    Returns:
        The reply contract: {"answer", "citations": [{"n", "quote"}], "abstained", "support"}, and
        the "evidence" the support was read from.
    """
    # "who did smith meet b4 the trip" is read as "who did Smith meet before the trip"
    question = plain_question(as_written(question, [str(p.get("text") or "") for p in passages]))
    subs = sub_questions(question)
    if len(subs) > 1:
        chosen, shown = _answer_parts(subs, passages, features)
    else:
        chosen, shown = _answer_one(question, passages, features, max_sentences)
    if not chosen:
        return {"answer": "", "citations": [], "abstained": True, "support": 0.0, "evidence": {}}
    parts, cites = [], []
    for c in chosen:
        published = c["p"].get("published")
        pub = dt.date.fromisoformat(published) if published else None
        parts.append(f"{resolve_relative(c['text'], pub)} [{c['p']['n']}]")
        cites.append({"n": c["p"]["n"], "quote": c["text"]})
    # A difference the question asks for ("how many days passed between ...") leads, with its figures.
    computed = difference(question, [(c["text"], c["pub"]) for c in chosen])
    if computed:
        parts.insert(0, computed)
    support = SUPPORT_MODEL.probability(shown)
    return {"answer": " ".join(parts), "citations": cites, "abstained": False, "support": round(support, 4),
            "evidence": {f: round(v, 4) for f, v in shown.items()}}


def evidence(terms: Concepts, chosen: Sequence[dict[str, Any]], polar: Sequence[frozenset[str]] = (),
             conditions: Sequence[frozenset[str]] = ()) -> dict[str, float]:
    """What the chosen sentences show for an answer (`rag.support.FEATURES`): the share of the
    question's weight they hold, the best one's similarity, whether they leave the slot empty
    (`rag.slots`), never name whom the question asks about (`agent_names`), for a yes-or-no
    question miss one of the names it asks about (`polar`, from `polar_names`), or come from passages
    that miss one of the names of the question's condition (`conditions`, from `condition_names`);
    and the share of the heaviest question term that none of them holds."""
    union = set().union(*(c["toks"] for c in chosen))
    passages = set().union(*(tokens(str(c["p"].get("text") or "")) for c in chosen)) if conditions else set()
    best = chosen[0]
    sim = best["sim"] if best["sim"] is not None else best["coverage"]
    total = sum(terms.values()) or 1.0
    missing = max((w for g, w in terms.items() if g.isdisjoint(union)), default=0.0) / total
    return {"coverage": _coverage(terms, union), "similarity": max(min(sim, 1.0), 0.0),
            "unfilled": float(unfilled([c.get("slot") for c in chosen]) or not any(c.get("agent", True) for c in chosen)
                              or any(g.isdisjoint(union) for g in polar) or any(g.isdisjoint(passages) for g in conditions)),
            "missing": missing}


# How far below the best sentence one that tells of the asked event may score and still go first.
TELLING_MARGIN = 0.1


def _telling_first(question: str, cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates with one that tells of the event a question asks the date or amount of first,
    where the best never tells of it and that one scores close, holds as much of the question's weight
    and the kind of answer asked for: "he took power in 1994" answers "What year did Lukashenko first
    come to power?", which "Hale met with Belarusian President Alexander Lukashenko" resembles more.
    Else the candidates as they were."""
    best = cands[0]
    wanted = slot(question)
    if best.get("slot") is not False or not wanted.events or wanted.asked.kind == "other":
        return cands
    for c in cands[1:]:
        if c["score"] < best["score"] - TELLING_MARGIN:
            break
        if c.get("slot") is True and c["named"] == best["named"] and c["coverage"] >= best["coverage"] and c["type"] >= best["type"]:
            return [c] + [o for o in cands if o is not c]
    return cands


def _given_names(question: str) -> list[frozenset[str]]:
    """Each capitalised word a question gives past its first, bar months and question words: its
    tokens, and the word without its dots ("U.S." and "US" alike)."""
    words = re.findall(r"\b[A-Z][\w'\u2019.-]*", question)[1:]
    return [toks | {w.replace(".", "").lower()} for w in words
            if w.lower() not in QUESTION_WORDS and w not in MONTH_NAMES and (toks := frozenset(tokens(w)))]


def _names_any(names: Sequence[frozenset[str]], cand: dict[str, Any]) -> bool:
    """Whether the candidate sentence holds one of the names (`_given_names`)."""
    words = set(cand["toks"]) | {w.replace(".", "").lower() for w in re.findall(r"\b[A-Z][\w'\u2019.-]*", cand["text"])}
    return any(not g.isdisjoint(words) for g in names)


def _answer_one(question: str, passages: Sequence[dict[str, Any]], features: dict[str, Any] | None,
                max_sentences: int) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The best sentence; for a question that asks for several things, a greedy cover of its terms."""
    cands, terms = score_sentences(question, passages, features)
    if not cands:
        return [], {}
    cands = _telling_first(question, cands)
    chosen = [cands[0]]
    if asks_for_several(question):
        # A list is read on into the sentence that continues it ("... 'significant issues.' Those issues
        # include ..."), where that reading scores as well: the joined candidate starts where the best does.
        chosen = [next((c for c in cands if c["p"] is cands[0]["p"] and c["start"] == cands[0]["start"]
                        and c["score"] >= cands[0]["score"] and len(c["text"]) > len(cands[0]["text"])), cands[0])]
        plural = bool(_PLURAL_RE.search(question))
        covered = set(chosen[0]["toks"])
        names = _given_names(question)
        # A further part is looked for first in a named source, then among sentences that hold the
        # kind of thing asked for.
        for c in sorted(cands[1:], key=lambda c: (not c["named"], -c["type"])):
            if len(chosen) >= max_sentences:
                break
            gain = sum(w for g, w in terms.items() if g.isdisjoint(covered) and not g.isdisjoint(c["toks"]))
            gain /= sum(terms.values()) or 1.0
            # A question that says "two" wants a second thing of the kind asked: from another source, or
            # from the same one where it brings a question word the first lacks ("press-freedom and
            # economic-freedom indexes": one sentence for each).
            other = gain > 0 or all(c["p"]["doc_id"] != o["p"]["doc_id"] for o in chosen)
            wanted = gain >= 0.15 or (plural and other and c["type"] >= chosen[0]["type"])
            # A further sentence from another story names someone or something the question does: there,
            # "the meeting that lasted more than two hours" may be another meeting than the one asked about.
            wanted = wanted and (not names or c["p"]["doc_id"] == chosen[0]["p"]["doc_id"] or _names_any(names, c))
            if wanted and c["score"] >= 0.6 * chosen[0]["score"] and c["text"] not in chosen[0]["text"]:
                chosen.append(c)
                covered |= c["toks"]
    return chosen, evidence(terms, chosen, polar_names(question), condition_names(question))


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two candidates share text: one holds the other, or they overlap in one passage."""
    if a["text"] in b["text"] or b["text"] in a["text"]:
        return True
    return a["p"] is b["p"] and a["start"] < b["start"] + len(b["text"]) and b["start"] < a["start"] + len(a["text"])


def _answer_parts(subs: Sequence[str], passages: Sequence[dict[str, Any]],
                  features: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """One sentence per sub-question, each scored against its own part; the evidence is their mean."""
    chosen: list[dict[str, Any]] = []
    parts = []
    for sub in subs:
        own = dict(features or {})
        if own.get("terms"):  # the weights of this part's words only
            words = set(tokens(sub))
            own["terms"] = {t: w for t, w in own["terms"].items() if t in words}
        cands, terms = score_sentences(sub, passages, own)
        free = [c for c in cands if not any(_overlaps(c, o) for o in chosen)]
        if not free:
            return [], {}
        # A part's answer is one that can hold it, where one scores near the best: "which agency met
        # the diplomat in 2025?" is not answered by a 2019 sentence that names the White House.
        pick = next((c for c in free if c["slot"] is not False and c["score"] >= PART_MARGIN * free[0]["score"]), free[0])
        chosen.append(pick)
        parts.append(evidence(terms, [pick], polar_names(sub), condition_names(sub)))
    return chosen, {f: sum(p[f] for p in parts) / len(parts) for f in FEATURES}


PART_MARGIN = 0.8

PASSAGES_MARKER = "PASSAGES (JSON):"
FEATURES_MARKER = "FEATURES (JSON):"


def parse_prompt(messages: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """Question, passages and features from the user message `rag.answer.build_messages` wrote."""
    content = next(m["content"] for m in reversed(messages) if m.get("role") == "user")
    head, _, body = content.partition(PASSAGES_MARKER)
    body, _, feats = body.partition(FEATURES_MARKER)
    question = head.split("QUESTION:", 1)[-1].strip()
    passages = json.loads(body) if body.strip() else []
    features = json.loads(feats) if feats.strip() else {}
    return question, passages, features


def offline_reply(messages: Sequence[dict[str, Any]]) -> str:
    question, passages, features = parse_prompt(messages)
    return json.dumps(extract(question, passages, features), ensure_ascii=False)


def register() -> None:
    """Make "offline/<anything>" a litellm model served by `extract` (idempotent)."""
    import litellm
    from litellm import CustomLLM
    from litellm.types.utils import ModelResponse

    if any(p.get("provider") == "offline" for p in litellm.custom_provider_map or []):
        return

    class OfflineLLM(CustomLLM):
        def completion(self, *args: Any, **kwargs: Any) -> ModelResponse:
            content = offline_reply(kwargs.get("messages") or [])
            return ModelResponse(model=kwargs.get("model", "offline"),
                                 choices=[{"message": {"role": "assistant", "content": content}, "finish_reason": "stop"}])

        async def acompletion(self, *args: Any, **kwargs: Any) -> ModelResponse:
            return self.completion(*args, **kwargs)

    litellm.custom_provider_map = [*(litellm.custom_provider_map or []), {"provider": "offline", "custom_handler": OfflineLLM()}]

