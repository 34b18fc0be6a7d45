"""Informal questions read as written prose: chat shorthand spelt out, lost capitals restored.

"who was the us guy that met w luka b4 the cap got lifted" carries the same question as its
written form, but the offline answerer reads names by their capitals and matches words by their
spelling. The capitals come back from the passages the question retrieved: a word the passages
write as "Minsk" or "KGB" (and never lowercase mid-sentence) is that name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rag.answer_types import is_post
from rag.spelling import mended
from rag.text import STOPWORDS

# Shorthand that means one thing wherever it stands.
_SHORTHAND = {
    "b4": "before", "bc": "because", "cuz": "because", "coz": "because", "bcuz": "because", "w/": "with",
    "w/o": "without", "abt": "about", "ppl": "people", "yr": "year", "yrs": "years", "govt": "government",
    "gov't": "government", "dept": "department", "intl": "international", "amb": "ambassador",
    "thru": "through", "tho": "though", "pls": "please", "plz": "please", "prez": "president",
    "approx": "approximately", "mins": "minutes", "hrs": "hours", "wk": "week",
    "wks": "weeks", "nyt": "NYT", "info": "information", "whos": "who is", "whats": "what is",
    "wheres": "where is", "hows": "how is", "didnt": "did not", "doesnt": "does not", "dont": "do not",
    "wen": "when", "wat": "what", "wut": "what",
    "wasnt": "was not", "werent": "were not", "isnt": "is not", "arent": "are not", "cant": "cannot",
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "aug": "August",
    "sep": "September", "sept": "September", "oct": "October", "nov": "November", "dec": "December",
}
# Letters that stand for words only in chat, where nothing is capitalised: "r they", "u know", "trump n melania".
_CHAT_LETTERS = {"r": "are", "u": "you", "n": "and", "w": "with", "y": "why"}
_WORD = re.compile(r"\bw/o?(?=\W|$)|[A-Za-z0-9][\w'\u2019-]*(?<!-)")
_JOINED_WITH = re.compile(r"\bw/(?=\w)(?!o\b)")  # "w/smith": "with smith"
# Where a capital says nothing: a sentence's or a line's first word ("Mr. Smith" and "U.S. Embassy" open none).
_OPENING = re.compile(r"(?:(?<=[a-z]{2})[.!?]|(?<=\d)[.!?]|[:\n\"\u201c(])[\"'\u201d\u2019]?\s*$")


def is_uncased(question: str) -> bool:
    """Whether the question is written without a capital, as chat and search boxes are. One that opens
    with a capital keeps the conventions of prose: its lowercase words are meant so."""
    return any(c.isalpha() for c in question) and question == question.lower()


def spelt_out(question: str) -> str:
    """The question with chat shorthand written as words: "b4" -> "before", "yrs" -> "years"; in a
    question without capitals also "r" -> "are", "n" -> "and", "w" -> "with"."""
    letters = is_uncased(question)

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower().replace("\u2019", "'")
        if low in _SHORTHAND:
            return _SHORTHAND[low]
        if letters and low in _CHAT_LETTERS:
            return _CHAT_LETTERS[low]
        return w

    return _WORD.sub(word, _JOINED_WITH.sub("w/ ", question))


def written_cases(texts: Iterable[str]) -> dict[str, str]:
    """For each word the texts write capitalised away from a sentence's start, and never in lowercase
    there, its most written form: {"minsk": "Minsk", "kgb": "KGB", "us": "US"}."""
    forms: dict[str, Counter[str]] = {}
    lower: set[str] = set()
    for text in texts:
        for m in re.finditer(r"[A-Za-z][A-Za-z'\u2019-]*", text):
            w = m.group(0)
            if w.islower():
                lower.add(w)
            elif m.start() > 0 and not _OPENING.search(text[max(0, m.start() - 8) : m.start()]):
                forms.setdefault(w.lower(), Counter())[w] += 1
    return {low: c.most_common(1)[0][0] for low, c in forms.items() if low not in lower}


def recased(question: str, texts: Iterable[str]) -> str:
    """The question with the capitals the texts give its words: "who did smith meet in minsk" ->
    "who did Smith meet in Minsk"."""
    cases = written_cases(texts)

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        form = cases.get(w, w)
        # "us" is "US" where the texts write it so; "may" is not "May". A post keeps its lowercase:
        # "the belarusian foreign minister bolton met" asks for a minister, whom "Minister" would name.
        if is_post(w):
            return w
        return form if w not in STOPWORDS or form.isupper() else w

    return re.sub(r"[a-z][a-z'\u2019-]*", word, question)


def as_written(question: str, texts: Iterable[str]) -> str:
    """The question as prose would write it: shorthand spelt out (`spelt_out`), typing slips mended
    against the texts' words (`rag.spelling.mended`) and, where it was written without capitals, the
    capitals the texts give its words (`recased`)."""
    texts = list(texts)
    plain = mended(spelt_out(question), texts)
    return recased(plain, texts) if is_uncased(question) else plain
