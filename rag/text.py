"""Tokenising, normalising and sentence splitting shared by retrieval and answering."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when
    where which while who whom whose why will with would you your yours yourself yourselves said says
    say mr ms mrs one two according s t don didn isn wasn besides apart aside except around roughly
    approximately per""".split()
)
# Question words that say what kind of answer is wanted; not content to match.
QUESTION_WORDS = frozenset("what when where which who whom whose why how many much did does do is was were".split())

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


# Zero-width and bidirectional control characters: invisible, so they must not split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"))


def fold(text: str) -> str:
    """Lowercase, strip accents and invisible characters, straighten quotes and dashes."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).translate(_INVISIBLE))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


# Irregular past forms that no suffix rule reaches: "met" must match "meet", "won" "win".
_IRREGULAR = {
    "met": "meet", "won": "win", "held": "hold", "led": "lead", "left": "leave", "took": "take", "taken": "take",
    "made": "make", "told": "tell", "went": "go", "gone": "go", "came": "come", "gave": "give", "given": "give",
    "began": "begin", "begun": "begin", "fled": "flee", "kept": "keep", "sent": "send", "spent": "spend",
    "spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write", "chose": "choose",
    "chosen": "choose", "brought": "bring", "bought": "buy", "sought": "seek", "thought": "think",
    "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow", "knew": "know", "known": "know",
    "rose": "rise", "risen": "rise", "ran": "run", "saw": "see", "seen": "see", "stood": "stand",
    "struck": "strike", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly", "paid": "pay",
    "sold": "sell", "found": "find", "lost": "lose", "heard": "hear", "meant": "mean", "felt": "feel",
}


def stem(word: str) -> str:
    """A light suffix stripper: enough to match plural/tense variants in English news text.

    A final "e" goes too, so a verb meets its inflections ("improve" / "improved" / "improving"
    -> "improv"), and a doubled consonant left by "-ed"/"-ing" is undone ("planned" -> "plan").
    British and American spellings meet (`_one_spelling`): "neighbour"/"neighbor",
    "organisation"/"organization", "cancelled"/"canceled".
    """
    out = _strip(_one_spelling(word))
    # "cancell(ed)" is "cancel(ed)"; a long stem's final "ll" is one "l" wherever it comes from,
    # so "recall" still meets "recalled".
    if len(out) >= 6 and out.endswith("ll"):
        out = out[:-1]
    # "noted" must not become the negation it would otherwise share a stem with.
    return out + "e" if out in _FUNCTION_STEMS and word not in _FUNCTION_STEMS else out


_FUNCTION_STEMS = frozenset({"not"})

# British spellings and the American ones they stand for: -our/-or, -ise/-ize and -yse/-yze,
# -ogue/-og, -tre/-ter, -ence/-ense in defence and offence. A stem must be long enough that
# "hour", "four" and "size" are left alone.
_SPELLINGS = (
    (re.compile(r"^(\w{2,}[^aeo])our(s|ed|ing|ite|ites|able)?$"), r"\1or\2"),
    (re.compile(r"^(\w{3,})(?:i|y)z(e|es|ed|ing|ation|ations|er|ers)$"), lambda m: m.group(0).replace("z", "s")),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w{2,}[^aeiour])re(s)?$"), r"\1er\2"),
    (re.compile(r"^(de|of)fence(s)?$"), r"\1fense\2"),
)


def _one_spelling(word: str) -> str:
    """The word in one spelling where British and American spellings differ; else itself."""
    for pattern, repl in _SPELLINGS:
        word = pattern.sub(repl, word)
    return word


def _strip(word: str) -> str:
    if word in _IRREGULAR:
        return _drop_e(_IRREGULAR[word])
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("shes", "ches", "xes", "sses", "zes")):
                return _drop_e(word[:-1])
            base = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeioulsfz":
                return base[:-1]
            # "agreed" -> "agre" already lost the final "e" that "agree" drops.
            return base if suffix == "ed" else _drop_e(base)
    return _drop_e(word)


def _drop_e(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


# Letters that the scientific and Belarusian Latin spellings write with a hacek or a stroke,
# written as the digraphs of the English spelling: Lukašenka is Lukashenka.
_DIGRAPHS = str.maketrans({"\u0161": "sh", "\u0160": "Sh", "\u017e": "zh", "\u017d": "Zh", "\u010d": "ch",
                           "\u010c": "Ch", "\u0142": "l", "\u0141": "L"})


def name_key(word: str) -> str:
    """A consonant skeleton that spelling and transliteration variants of a name share.

    Lukashenko/Lukashenka/Lukašenka -> lkshnk; Aleksandr/Alexander/Aliaksandr/Alyaksandr -> lksndr.
    Belarusian spellings of a name meet the Russian ones: ў is "u" where Russian has "v"
    (Tsikhanouskaya/Tikhanovskaya, Uladzimir/Vladimir), soft t and d are "ts" and "dz"
    (Uladzimir/Vladimir), and г is "h" where Russian has "g" (Siarhei/Sergei, Yahorau/Egorov).
    """
    w = fold(word.translate(_DIGRAPHS)).replace("x", "ks").replace("ck", "k").replace("ph", "f").replace("w", "v")
    w = re.sub(r"^u(?=[^aeiouy'])", "v", w)
    w = re.sub(r"(?<=[aeio])u(?=[^aeiouy']|$)", "v", w)
    w = re.sub(r"(?<=[td])[sz](?=[iey])", "", w)
    w = re.sub(r"(?<![szckt])h", "g", w)  # sh, zh, ch, kh and th keep their h
    skeleton = re.sub(r"[aeiouy']", "", w)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def same_name(a: str, b: str) -> bool:
    """Whether two name keys are one name, allowing a slip of two neighbouring letters in a key of
    four or more: the text's "Sivistky" (svstk) is the question's "Sivitsky" (svtsk)."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 4:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def owner_key(word: str) -> str:
    """`name_key` of a name, read past a possessive: "Smith's" -> the key of "Smith"."""
    return name_key(re.sub(r"['\u2019]s$", "", word))


def raw_tokens(text: str) -> list[str]:
    """Folded word and number tokens; possessives dropped, numbers without separators."""
    out = []
    for tok in _TOKEN_RE.findall(fold(text)):
        if tok[0].isdigit():
            tok = tok.rstrip("%").replace(",", "")
            out.append(tok)
            continue
        if tok.endswith("'s"):
            tok = tok[:-2]
        out.append(tok.replace("'", ""))
    return [t for t in out if t]


_NOT_NAMES = STOPWORDS | QUESTION_WORDS
_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*", re.UNICODE)


def tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stemmed content tokens, plus `~skeleton` tokens for capitalised words (names)."""
    out: list[str] = []
    for m in _WORD_RE.finditer(text.translate(_INVISIBLE)):
        out.extend(_word_tokens(m.group(0), keep_stopwords))
    return out


# Words repeat: rebuilding the lexical index after an upload re-reads every chunk of the corpus.
@lru_cache(maxsize=200_000)
def _word_tokens(word: str, keep_stopwords: bool) -> tuple[str, ...]:
    out = [stem(tok) for tok in raw_tokens(word) if keep_stopwords or tok not in STOPWORDS]
    if word[:1].isupper() and len(word) >= 4 and not word.isupper() and fold(word) not in _NOT_NAMES:
        key = owner_key(word)
        if len(key) >= 3:
            out.append("~" + key)
    return tuple(out)


def word_tokens(text: str) -> list[list[str]]:
    """`tokens` grouped by the word they came from: a word's stem and its name key travel together."""
    return [list(toks) for m in _WORD_RE.finditer(text.translate(_INVISIBLE)) if (toks := _word_tokens(m.group(0), False))]


@lru_cache(maxsize=4096)
def _content_terms(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if not t.startswith("~") and len(t) > 2)


def content_terms(text: str) -> list[str]:
    """Stemmed content words of `text` (no stopwords, no name keys)."""
    return list(_content_terms(text))


ABBREVIATIONS = frozenset(
    """mr mrs ms dr st gen sen rep gov col lt sgt capt prof jr sr inc co corp ltd vs etc no jan feb
    mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c phot fig approx""".split()
)
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in `text[start:end]`; lines are hard boundaries."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        s = ls
        for m in _BOUNDARY_RE.finditer(text, ls, le):
            before = re.search(r"([\w.]+)[.!?]*$", text[s : m.start() + 1])
            word = before.group(1).rstrip(".").lower() if before else ""
            if text[m.start()] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
                continue
            spans.append((s, m.end()))
            s = m.end()
        spans.append((s, le))
    return [t for t in (trim_span(text, s, e) for s, e in spans) if t]


def sentences(text: str) -> list[str]:
    """The text's sentences, as `sentence_spans` cuts them."""
    return [text[s:e] for s, e in sentence_spans(text)]


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`(start, end)` narrowed past surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", text))
