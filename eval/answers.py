"""Answer matching: text normalisation, alias and all-of matches, token F1, correctness."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]
"""One per-question result dict produced by the runner."""


_ARTICLES = frozenset({"a", "an", "the"})

_CITATION_MARKER_RE = re.compile(r"\[\s*\d+(?:\s*[,;\-\u2013]\s*\d+)*\s*\]")
_PUNCT_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_PER_CENT_RE = re.compile(r"\bper\s*cent\b")
_THOUSANDS_SEP_RE = re.compile(r"(?<=\d)[,'](?=\d{3}(?!\d))")
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_NON_WORD_RE = re.compile(r"[^\w\s.]|_")
_STRAY_DOT_RE = re.compile(r"(?<!\d)\.|\.(?!\d)")


# ---------------------------------------------------------------------------
# Text normalisation and answer matching
# ---------------------------------------------------------------------------


def strip_citation_markers(text: str) -> str:
    """Remove numeric citation markers such as ``[1]``, ``[2, 3]`` or ``[1-2]``.

    Args:
        text: Any text, typically a model answer.

    Returns:
        The text with each marker replaced by a single space (no other change).
    """
    return _CITATION_MARKER_RE.sub(" ", text)


def normalize_text(s: str) -> str:
    """Normalise text for answer matching.

    Steps, in order: Unicode NFKD with combining marks dropped (accent folding,
    ``"Chargé"`` -> ``"charge"``); curly quotes, primes and dashes mapped to
    their ASCII forms; lowercase; citation markers (``[1]``) removed; ``%``,
    ``per cent`` and ``percent`` unified to the token ``percent`` (so
    ``"87%" == "87 percent"``); thousands separators inside numbers removed
    (``"1,226"`` -> ``"1226"``; only a comma or apostrophe followed by exactly
    three digits counts); English ordinal suffixes dropped from numbers
    (``"153rd"`` -> ``"153"``, ``"29th"`` -> ``"29"``); every other punctuation character becomes a space,
    except a decimal point between two digits, which is kept (``"3.5"`` stays
    one token and cannot match ``"35"``); whitespace collapsed.

    Args:
        s: The text to normalise.

    Returns:
        The normalised text; tokens are separated by single spaces.
    """
    text = unicodedata.normalize("NFKD", s)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_PUNCT_TRANSLATION).lower()
    text = strip_citation_markers(text)
    text = text.replace("%", " percent ")
    text = _PER_CENT_RE.sub("percent", text)
    text = _THOUSANDS_SEP_RE.sub("", text)
    text = _ORDINAL_RE.sub(r"\1", text)
    text = _NON_WORD_RE.sub(" ", text)
    text = _STRAY_DOT_RE.sub(" ", text)
    return " ".join(text.split())


def _contains_sequence(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of whole tokens in ``haystack``."""
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    return any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack) - n + 1))


def contains_answer(prediction: str, alias: str) -> bool:
    """Whether the normalised alias occurs in the normalised prediction as whole tokens.

    ``"5"`` does not match inside ``"153"`` and ``"five"`` does not match
    inside ``"fivefold"``. An alias that normalises to nothing never matches.

    Args:
        prediction: The answer text (citation markers allowed).
        alias: One acceptable answer string.

    Returns:
        True when the alias's token sequence appears contiguously in the prediction.
    """
    return _contains_sequence(normalize_text(prediction).split(), normalize_text(alias).split())


def alias_match(prediction: str, answers: Sequence[str]) -> float:
    """Score 1.0 when any alias occurs in the prediction (see :func:`contains_answer`).

    Args:
        prediction: The answer text.
        answers: Acceptable aliases; any one suffices.

    Returns:
        1.0 or 0.0; 0.0 when ``answers`` is empty.
    """
    return 1.0 if any(contains_answer(prediction, alias) for alias in answers) else 0.0


def all_of_match(prediction: str, parts: Sequence[str]) -> float:
    """Score 1.0 when every part occurs in the prediction (see :func:`contains_answer`).

    Args:
        prediction: The answer text.
        parts: Required answer parts; all must appear.

    Returns:
        1.0 or 0.0; 0.0 when ``parts`` is empty (no vacuous truth).
    """
    if not parts:
        return 0.0
    return 1.0 if all(contains_answer(prediction, part) for part in parts) else 0.0


def _f1_tokens(text: str) -> list[str]:
    return [tok for tok in normalize_text(text).split() if tok not in _ARTICLES]


def token_f1(prediction: str, references: Sequence[str]) -> float:
    """SQuAD-style token F1 (Rajpurkar et al. 2016), maximised over references.

    Both sides go through :func:`normalize_text` and lose the articles
    a/an/the. Per reference: precision = shared tokens (multiset) / prediction
    tokens, recall = shared tokens / reference tokens, F1 = 2PR/(P+R). As in the
    official SQuAD script, when either side has no tokens the score is 1.0 if
    both are empty and 0.0 otherwise.

    Args:
        prediction: The answer text.
        references: Reference answers.

    Returns:
        The best F1 over the references; 0.0 when there are none.
    """
    pred_tokens = _f1_tokens(prediction)
    best = 0.0
    for reference in references:
        ref_tokens = _f1_tokens(reference)
        if not pred_tokens or not ref_tokens:
            score = 1.0 if pred_tokens == ref_tokens else 0.0
        else:
            shared = sum((Counter(pred_tokens) & Counter(ref_tokens)).values())
            if shared == 0:
                score = 0.0
            else:
                precision = shared / len(pred_tokens)
                recall = shared / len(ref_tokens)
                score = 2 * precision * recall / (precision + recall)
        best = max(best, score)
    return best


def _is_unanswerable(row: Row) -> bool:
    return bool(row.get("unanswerable", False))


def _references(row: Row) -> list[str]:
    """References for token F1: the aliases, or the all-of parts joined into one string."""
    answers = list(row.get("answers") or [])
    if answers:
        return answers
    parts = list(row.get("answers_all") or [])
    return [" ".join(parts)] if parts else []


def answer_correct(row: Row) -> float:
    """Whether a row's answer is correct.

    Unanswerable rows are correct iff the system abstained. Answerable rows are
    correct iff the system did not abstain and the prediction matches: any
    alias of ``answers`` when that list is non-empty, otherwise every part of
    ``answers_all``.

    Args:
        row: A runner row.

    Returns:
        1.0 or 0.0.
    """
    abstained = bool(row.get("abstained", False))
    if _is_unanswerable(row):
        return 1.0 if abstained else 0.0
    if abstained:
        return 0.0
    prediction = str(row.get("prediction") or "")
    answers = list(row.get("answers") or [])
    if answers:
        return alias_match(prediction, answers)
    return all_of_match(prediction, list(row.get("answers_all") or []))


def row_f1(row: Row) -> float | None:
    """Token F1 of one row: None for unanswerable rows, 0.0 when the system abstained.

    References are ``answers`` or, failing that, the ``answers_all`` parts joined
    by spaces into a single reference.

    Args:
        row: A runner row.

    Returns:
        The row's token F1, or None when the row is unanswerable.
    """
    if _is_unanswerable(row):
        return None
    if row.get("abstained", False):
        return 0.0
    return token_f1(str(row.get("prediction") or ""), _references(row))


# ---------------------------------------------------------------------------
# Retrieval
# ---------------------------------------------------------------------------
