"""Typing slips mended against the words the passages write.

"which memorial did Bolton vist" asks about a visit, but "vist" is neither an English word nor one
the passages write, so the offline answerer finds nothing to match it with and reads the question as
half answered. A word that is neither, and lies one slip (two, in a long word) from a word the
passages write, is read as that word. English words are left as typed, however close to another:
"ease" is not "east". The English word list is pyspellchecker's (frequency lists of subtitles, about
160,000 words), read once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rag.text import stem

# Words shorter than this are left alone: "wen", "tho" and "abt" are chat, not slips (`rag.informal`).
MIN_LENGTH = 4
# A word this long or longer may be two slips from what was meant; a shorter one only one.
LONG_WORD = 8

_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The English word list the mending leaves alone (lowercase)."""
    from spellchecker import SpellChecker  # lazily: the list is read only when a question needs it

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def slips(a: str, b: str) -> int:
    """The number of typing slips between two words: letters left out, added, changed, or two next
    to each other swapped (optimal string alignment distance)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def meant(word: str, written: Counter[str], stems: frozenset[str] = frozenset()) -> str | None:
    """The written word a typed one (lowercase) was meant as: the closest within its slips allowance
    that starts with the same letter (slips rarely hit the first), the most written of equals, and of
    those the longer (a letter left out is the commonest slip: "vist" is "visit" before "vast"); None
    where the word is written or English, a form of a written word (`stems`: theirs), where none is
    close, or where two are equally likely."""
    if word in written or word in english_words() or stem(word) in stems:
        return None  # "Belarusians" where the texts write "Belarusian" is no slip
    allowed = 2 if len(word) >= LONG_WORD else 1
    scored = sorted((slips(word, w), -n, -len(w), w) for w, n in written.items()
                    if w[0] == word[0] and abs(len(w) - len(word)) <= allowed and len(w) >= MIN_LENGTH)
    scored = [s for s in scored if s[0] <= allowed]
    if not scored or (len(scored) > 1 and scored[1][:3] == scored[0][:3]):
        return None
    return scored[0][3]


def mended(question: str, texts: Iterable[str]) -> str:
    """The question with each word that is neither English nor written in the texts, and lies a slip
    or two from one word they write, read as that word: "who is the cheif of staff" -> "who is the
    chief of staff". A word typed with a capital keeps it."""
    written = Counter(w.lower() for text in texts for w in _WORD.findall(text))
    stems: frozenset[str] | None = None

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) < MIN_LENGTH or not written:
            return w
        low = w.lower()
        if low in written or low in english_words():
            return w
        nonlocal stems
        stems = frozenset(stem(t) for t in written) if stems is None else stems
        fix = meant(low, written, stems)
        if fix is None:
            return w
        return fix[:1].upper() + fix[1:] if w[:1].isupper() else fix

    return _WORD.sub(word, question)
