"""Pure metric functions for answers, retrieval, citations, abstention, latency and significance."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

Row = Mapping[str, Any]
"""One per-question result dict produced by the runner."""

HEADLINE_METRICS: tuple[str, ...] = (
    "answer_accuracy",
    "retrieval_hit_at_5",
    "mrr",
    "ndcg_at_10",
    "citation_validity",
    "citation_support",
    "abstention_precision",
    "abstention_recall",
)

DEFAULT_TOLERANCES: dict[str, float] = {name: 0.02 for name in HEADLINE_METRICS}

LOWER_IS_BETTER_KEYS: frozenset[str] = frozenset({"false_abstentions"})
"""Summary keys that are lower-is-better besides every key ending in ``_ms``."""

_ARTICLES = frozenset({"a", "an", "the"})
_FLOAT_EPS = 1e-9

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


def span_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Length of the intersection of the half-open intervals [a_start, a_end) and [b_start, b_end).

    Args:
        a_start: Start of the first span.
        a_end: End (exclusive) of the first span.
        b_start: Start of the second span.
        b_end: End (exclusive) of the second span.

    Returns:
        The number of shared characters, never negative.
    """
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _evidence(spans: Iterable[Sequence[Any]]) -> list[tuple[str, int, int]]:
    return [(str(doc_id), int(start), int(end)) for doc_id, start, end in spans]


def _covers_half(item_doc: str, item_start: int, item_end: int, span: tuple[str, int, int]) -> bool:
    doc_id, start, end = span
    length = end - start
    if doc_id != item_doc or length <= 0:
        return False
    overlap = span_overlap(item_start, item_end, start, end)
    return overlap > 0 and 2 * overlap >= length


def _relevant_indices(item: Mapping[str, Any], spans: Sequence[tuple[str, int, int]]) -> list[int]:
    doc_id = str(item.get("doc_id"))
    start, end = int(item.get("start", 0)), int(item.get("end", 0))
    return [i for i, span in enumerate(spans) if _covers_half(doc_id, start, end, span)]


def is_relevant(retrieved_item: Mapping[str, Any], evidence_spans: Sequence[Sequence[Any]]) -> bool:
    """Whether a retrieved chunk covers at least half of some gold evidence span.

    Args:
        retrieved_item: A mapping with ``doc_id``, ``start`` and ``end``.
        evidence_spans: ``[doc_id, start, end]`` triples of the gold evidence.

    Returns:
        True when the chunk is in the same document as an evidence span and
        overlaps it by at least half of that span's length (empty spans never count).
    """
    return bool(_relevant_indices(retrieved_item, _evidence(evidence_spans)))


def _retrieval_applicable(row: Row) -> bool:
    return not _is_unanswerable(row) and bool(row.get("evidence_spans"))


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def hit_at_k(row: Row, k: int) -> float | None:
    """Hit@k: whether any of the first k retrieved chunks is relevant (see :func:`is_relevant`).

    Args:
        row: A runner row.
        k: Cut-off rank, at least 1.

    Returns:
        1.0 or 0.0, or None for unanswerable rows and rows without evidence spans.
    """
    _check_k(k)
    if not _retrieval_applicable(row):
        return None
    spans = _evidence(row["evidence_spans"])
    retrieved = list(row.get("retrieved") or [])[:k]
    return 1.0 if any(_relevant_indices(item, spans) for item in retrieved) else 0.0


def reciprocal_rank(row: Row) -> float | None:
    """Reciprocal rank of the first relevant chunk in the whole retrieved list (for MRR).

    Args:
        row: A runner row.

    Returns:
        1/rank (1-based) of the first relevant chunk, 0.0 when none is relevant,
        or None for unanswerable rows and rows without evidence spans.
    """
    if not _retrieval_applicable(row):
        return None
    spans = _evidence(row["evidence_spans"])
    for rank, item in enumerate(row.get("retrieved") or [], start=1):
        if _relevant_indices(item, spans):
            return 1.0 / rank
    return 0.0


def ndcg_at_k(row: Row, k: int = 10) -> float | None:
    """nDCG@k with binary gains (Järvelin & Kekäläinen 2002).

    DCG@k = sum over ranks i = 1..k of gain_i / log2(i + 1). A retrieved chunk
    gains 1 when it is relevant to an evidence span not yet credited by a
    higher-ranked chunk; the first such span (in evidence order) is then
    credited, so each evidence span is counted at most once and duplicate
    chunks earn nothing. The ideal DCG has min(len(evidence_spans), k) unit
    gains at the top ranks.

    Args:
        row: A runner row.
        k: Cut-off rank, at least 1.

    Returns:
        DCG/IDCG in [0, 1], or None for unanswerable rows and rows without evidence spans.
    """
    _check_k(k)
    if not _retrieval_applicable(row):
        return None
    spans = _evidence(row["evidence_spans"])
    credited: set[int] = set()
    dcg = 0.0
    for rank, item in enumerate(list(row.get("retrieved") or [])[:k], start=1):
        fresh = [i for i in _relevant_indices(item, spans) if i not in credited]
        if fresh:
            credited.add(fresh[0])
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(spans), k) + 1))
    return dcg / ideal


def doc_recall_at_k(row: Row, k: int) -> float | None:
    """Share of the gold source documents among the doc_ids of the first k retrieved chunks.

    Args:
        row: A runner row.
        k: Cut-off rank, at least 1.

    Returns:
        A share in [0, 1], or None for unanswerable rows and rows without sources.
    """
    _check_k(k)
    sources = {str(s) for s in row.get("sources") or []}
    if _is_unanswerable(row) or not sources:
        return None
    seen = {str(item.get("doc_id")) for item in list(row.get("retrieved") or [])[:k]}
    return len(sources & seen) / len(sources)


# ---------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------


def citation_validity(row: Row) -> float | None:
    """Share of a row's citations whose quote matches the document text (``valid``).

    Args:
        row: A runner row.

    Returns:
        A share in [0, 1], or None when the row has no citations.
    """
    citations = list(row.get("citations") or [])
    if not citations:
        return None
    return sum(1 for c in citations if c.get("valid") is True) / len(citations)


def _citation_supports(citation: Mapping[str, Any], row: Row, spans: Sequence[tuple[str, int, int]]) -> bool:
    doc_id = str(citation.get("doc_id"))
    start, end = int(citation.get("start", 0)), int(citation.get("end", 0))
    for span_doc, span_start, span_end in spans:
        if span_doc != doc_id:
            continue
        shorter = min(end - start, span_end - span_start)
        overlap = span_overlap(start, end, span_start, span_end)
        if shorter > 0 and overlap > 0 and 2 * overlap >= shorter:
            return True
    quote = str(citation.get("quote") or "")
    aliases = list(row.get("answers") or []) + list(row.get("answers_all") or [])
    return any(contains_answer(quote, alias) for alias in aliases)


def citation_support(row: Row) -> float | None:
    """Share of a row's citations that support the gold answer.

    A citation supports the answer when its span is in the same document as an
    evidence span and overlaps it by at least half of the shorter of the two,
    or when its quote contains (as whole normalised tokens) any alias of
    ``answers`` or any single part of ``answers_all`` (a citation in a
    multi-part answer usually backs one part).

    Args:
        row: A runner row.

    Returns:
        A share in [0, 1], or None when the row has no citations or is unanswerable.
    """
    citations = list(row.get("citations") or [])
    if not citations or _is_unanswerable(row):
        return None
    spans = _evidence(row.get("evidence_spans") or [])
    return sum(1 for c in citations if _citation_supports(c, row, spans)) / len(citations)


def cited_doc_precision(row: Row) -> float | None:
    """Share of the distinct cited doc_ids that are gold sources.

    Args:
        row: A runner row.

    Returns:
        A share in [0, 1], or None when the row has no citations or no gold
        sources (unanswerable rows have none).
    """
    cited = {str(c.get("doc_id")) for c in row.get("citations") or []}
    sources = {str(s) for s in row.get("sources") or []}
    if not cited or not sources:
        return None
    return len(cited & sources) / len(cited)


# ---------------------------------------------------------------------------
# Abstention and latency
# ---------------------------------------------------------------------------


def abstention_metrics(rows: Sequence[Row]) -> dict[str, float]:
    """Precision and recall of abstention, treating "unanswerable" as the positive class.

    Definitions:
        abstention_precision: of the abstained rows, the share that are
            unanswerable. With no abstentions it is 1.0 when there are no
            unanswerable rows either (nothing was missed, nothing was wrong) and
            0.0 otherwise (abstaining was needed but never happened).
        abstention_recall: of the unanswerable rows, the share abstained; 1.0
            when there are no unanswerable rows.
        false_abstentions: the number of answerable rows abstained, as a float.

    Args:
        rows: Runner rows.

    Returns:
        A dict with the three keys above.
    """
    abstained = [bool(r.get("abstained", False)) for r in rows]
    unanswerable = [_is_unanswerable(r) for r in rows]
    n_abstained = sum(abstained)
    n_unanswerable = sum(unanswerable)
    true_abstentions = sum(1 for a, u in zip(abstained, unanswerable, strict=True) if a and u)
    if n_abstained:
        precision = true_abstentions / n_abstained
    else:
        precision = 1.0 if n_unanswerable == 0 else 0.0
    recall = true_abstentions / n_unanswerable if n_unanswerable else 1.0
    return {
        "abstention_precision": float(precision),
        "abstention_recall": float(recall),
        "false_abstentions": float(n_abstained - true_abstentions),
    }


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile with linear interpolation, as ``numpy.percentile``'s default.

    With the values sorted as v[0..n-1], the position is (n - 1) * p / 100 and
    the result interpolates linearly between its neighbours.

    Args:
        values: The sample.
        p: Percentile in [0, 100].

    Returns:
        The percentile; 0.0 for an empty sample.

    Raises:
        ValueError: If p is outside [0, 100].
    """
    if not 0.0 <= p <= 100.0:
        raise ValueError(f"percentile must be in [0, 100], got {p}")
    ordered = sorted(float(v) for v in values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * p / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = position - low
    return ordered[low] + (ordered[high] - ordered[low]) * fraction


def _answer_words(prediction: str) -> int:
    """Whitespace-separated words with at least one letter or digit, citation markers removed."""
    return sum(1 for word in strip_citation_markers(prediction).split() if any(ch.isalnum() for ch in word))


# ---------------------------------------------------------------------------
# Aggregation
# ---------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _present(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def _timings(rows: Sequence[Row], key: str) -> list[float]:
    out: list[float] = []
    for row in rows:
        value = (row.get("timings_ms") or {}).get(key)
        if value is not None:
            out.append(float(value))
    return out


def summarize(rows: Sequence[Row]) -> dict[str, float]:
    """Aggregate metrics over runner rows.

    Keys: ``n`` and the row counts ``n_answerable``, ``n_unanswerable``,
    ``n_retrieval`` (rows with evidence spans, the denominator of the retrieval
    metrics) and ``n_citations``; ``answer_accuracy`` (all rows, see
    :func:`answer_correct`); ``token_f1`` (answerable rows, abstained = 0);
    ``retrieval_hit_at_{1,3,5,10}``, ``mrr`` and ``ndcg_at_10`` (rows with
    evidence); ``doc_recall_at_5`` (answerable rows with sources);
    ``citation_validity`` pooled over all citations (valid / all; 1.0 when
    there are none); ``citation_support`` and ``cited_doc_precision`` (means
    over the rows where they are defined); the :func:`abstention_metrics`;
    ``median_answer_words`` (answerable, non-abstained predictions with citation
    markers removed; a word is a whitespace token with a letter or digit);
    ``p50_ms``/``p95_ms`` of total latency and the same for the retrieve and
    answer stages. A mean over no qualifying rows is 0.0 (the
    ``n_*`` counts tell such cases apart). All values are floats rounded to 4
    decimals.

    Args:
        rows: Runner rows.

    Returns:
        The metric dict.
    """
    answerable = [r for r in rows if not _is_unanswerable(r)]
    retrieval_rows = [r for r in rows if _retrieval_applicable(r)]
    citations = [c for r in rows for c in r.get("citations") or []]
    answered = [r for r in answerable if not r.get("abstained", False)]

    summary: dict[str, float] = {
        "n": len(rows),
        "n_answerable": len(answerable),
        "n_unanswerable": len(rows) - len(answerable),
        "n_retrieval": len(retrieval_rows),
        "n_citations": len(citations),
        "answer_accuracy": _mean([answer_correct(r) for r in rows]),
        "token_f1": _mean(_present(row_f1(r) for r in answerable)),
    }
    for k in (1, 3, 5, 10):
        summary[f"retrieval_hit_at_{k}"] = _mean(_present(hit_at_k(r, k) for r in retrieval_rows))
    summary["mrr"] = _mean(_present(reciprocal_rank(r) for r in retrieval_rows))
    summary["ndcg_at_10"] = _mean(_present(ndcg_at_k(r, 10) for r in retrieval_rows))
    summary["doc_recall_at_5"] = _mean(_present(doc_recall_at_k(r, 5) for r in rows))
    summary["citation_validity"] = (
        sum(1 for c in citations if c.get("valid") is True) / len(citations) if citations else 1.0
    )
    summary["citation_support"] = _mean(_present(citation_support(r) for r in rows))
    summary["cited_doc_precision"] = _mean(_present(cited_doc_precision(r) for r in rows))
    summary.update(abstention_metrics(rows))
    summary["median_answer_words"] = percentile(
        [_answer_words(str(r.get("prediction") or "")) for r in answered], 50
    )
    for prefix, key in (("", "total"), ("retrieve_", "retrieve"), ("answer_", "answer")):
        values = _timings(rows, key)
        summary[f"{prefix}p50_ms"] = percentile(values, 50)
        summary[f"{prefix}p95_ms"] = percentile(values, 95)
    return {name: round(float(value), 4) for name, value in summary.items()}


def summarize_by(rows: Sequence[Row], key: str = "type") -> dict[str, dict[str, float]]:
    """Apply :func:`summarize` to each group of rows sharing a value of ``key``.

    Args:
        rows: Runner rows.
        key: Row field to group by (``type``, ``split``, ...); a missing field groups as ``"None"``.

    Returns:
        Group value (as a string) -> summary, with groups in sorted order.
    """
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[str(row.get(key))].append(row)
    return {name: summarize(groups[name]) for name in sorted(groups)}


def per_row_metrics(row: Row) -> dict[str, float | None]:
    """Per-question metrics, e.g. for listing questions that flipped between two runs.

    Args:
        row: A runner row.

    Returns:
        ``correct``, ``f1`` (None if unanswerable), ``hit_at_1/3/5/10``, ``rr``,
        ``ndcg_at_10``, ``doc_recall_at_5``, ``citation_support``,
        ``citation_validity`` and ``cited_doc_precision``; None where a metric does not apply.
    """
    return {
        "correct": answer_correct(row),
        "f1": row_f1(row),
        "hit_at_1": hit_at_k(row, 1),
        "hit_at_3": hit_at_k(row, 3),
        "hit_at_5": hit_at_k(row, 5),
        "hit_at_10": hit_at_k(row, 10),
        "rr": reciprocal_rank(row),
        "ndcg_at_10": ndcg_at_k(row, 10),
        "doc_recall_at_5": doc_recall_at_k(row, 5),
        "citation_support": citation_support(row),
        "citation_validity": citation_validity(row),
        "cited_doc_precision": cited_doc_precision(row),
    }


# ---------------------------------------------------------------------------
# Significance tests
# ---------------------------------------------------------------------------


def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], n_resamples: int = 10000, seed: int = 0
) -> dict[str, float]:
    """Paired bootstrap test of the difference in mean score (Koehn 2004; Efron & Tibshirani 1993).

    Each resample draws n question indices with replacement (the same indices
    for both systems) from ``numpy.random.default_rng(seed)`` and records
    delta* = mean(b*) - mean(a*). With the observed delta = mean(b) - mean(a):

    * p_value = min(1, 2 * share of resamples with delta* <= 0) when delta > 0,
      min(1, 2 * share with delta* >= 0) when delta < 0, and 1.0 when delta == 0;
      i.e. twice the share of resamples whose delta is zero or of the opposite sign.
    * ci_low, ci_high: the 2.5th and 97.5th percentiles (linear interpolation)
      of delta*, a 95% percentile interval.

    Args:
        a: Per-question scores of the baseline.
        b: Per-question scores of the candidate, paired with ``a``.
        n_resamples: Number of bootstrap resamples, at least 1.
        seed: Seed of the random generator; equal inputs and seed give equal results.

    Returns:
        ``mean_a``, ``mean_b``, ``delta``, ``p_value``, ``ci_low``, ``ci_high``,
        ``n`` and ``n_resamples``.

    Raises:
        ValueError: If the lists are empty or of different lengths, or n_resamples < 1.
    """
    if len(a) != len(b):
        raise ValueError(f"paired scores must have equal length, got {len(a)} and {len(b)}")
    if not a:
        raise ValueError("paired_bootstrap needs at least one pair of scores")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    n = len(a)
    mean_a = math.fsum(float(x) for x in a) / n
    mean_b = math.fsum(float(x) for x in b) / n
    delta = mean_b - mean_a
    diffs = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)

    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_resamples, 1_000_000 // n))
    parts: list[np.ndarray] = []
    remaining = n_resamples
    while remaining:
        size = min(chunk, remaining)
        indices = rng.integers(0, n, size=(size, n))
        parts.append(diffs[indices].mean(axis=1))
        remaining -= size
    resampled = np.concatenate(parts)

    if delta > 0:
        p_value = min(1.0, 2.0 * float(np.mean(resampled <= 0.0)))
    elif delta < 0:
        p_value = min(1.0, 2.0 * float(np.mean(resampled >= 0.0)))
    else:
        p_value = 1.0
    ci_low, ci_high = np.percentile(resampled, [2.5, 97.5])
    return {
        "mean_a": mean_a,
        "mean_b": mean_b,
        "delta": delta,
        "p_value": p_value,
        "ci_low": float(ci_low),
        "ci_high": float(ci_high),
        "n": n,
        "n_resamples": n_resamples,
    }


def mcnemar(a_correct: Sequence[float | bool], b_correct: Sequence[float | bool]) -> dict[str, float]:
    """Exact McNemar test (McNemar 1947) on paired correct/incorrect outcomes.

    Only discordant pairs count: b01 (a wrong, b right) and b10 (a right, b
    wrong). Under the null each discordant pair is a fair coin, so the
    two-sided p-value is min(1, 2 * P[X <= min(b01, b10)]) with X ~ Binomial(b01 + b10, 1/2),
    computed exactly with integer arithmetic; 1.0 when there are no discordant pairs.

    Args:
        a_correct: Baseline outcomes (truthy = correct).
        b_correct: Candidate outcomes, paired with ``a_correct``.

    Returns:
        ``b01``, ``b10``, ``n_discordant`` (ints) and ``p_value``.

    Raises:
        ValueError: If the lists have different lengths.
    """
    if len(a_correct) != len(b_correct):
        raise ValueError(f"paired outcomes must have equal length, got {len(a_correct)} and {len(b_correct)}")
    b01 = sum(1 for x, y in zip(a_correct, b_correct, strict=True) if not x and y)
    b10 = sum(1 for x, y in zip(a_correct, b_correct, strict=True) if x and not y)
    n = b01 + b10
    if n == 0:
        p_value = 1.0
    else:
        tail = sum(math.comb(n, i) for i in range(min(b01, b10) + 1))
        p_value = min(1.0, float(Fraction(2 * tail, 2**n)))
    return {"b01": b01, "b10": b10, "n_discordant": n, "p_value": p_value}


# ---------------------------------------------------------------------------
# Run-to-run comparison
# ---------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def compare_summaries(base: Mapping[str, Any], cand: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """Side-by-side view of two summaries.

    Args:
        base: Baseline summary (e.g. from :func:`summarize`).
        cand: Candidate summary.

    Returns:
        For every numeric metric present in both (in ``base`` order): ``base``,
        ``cand`` and ``delta`` = cand - base rounded to 4 decimals.
    """
    return {
        name: {
            "base": float(base[name]),
            "cand": float(cand[name]),
            "delta": round(float(cand[name]) - float(base[name]), 4),
        }
        for name in base
        if name in cand and _is_number(base[name]) and _is_number(cand[name])
    }


def lower_is_better(metric: str) -> bool:
    """Default direction of a summary metric: latencies (``*_ms``) and false_abstentions are lower-is-better.

    Args:
        metric: Summary key.

    Returns:
        True when smaller values are better.
    """
    return metric.endswith("_ms") or metric in LOWER_IS_BETTER_KEYS


def regressions(
    base_summary: Mapping[str, Any],
    cand_summary: Mapping[str, Any],
    tolerances: Mapping[str, float],
    higher_is_better: Mapping[str, bool] | None = None,
) -> list[str]:
    """Messages for each metric in ``tolerances`` that got worse by more than its tolerance.

    A metric missing (or non-numeric) in either summary is skipped. The direction
    comes from ``higher_is_better`` when it names the metric, else from
    :func:`lower_is_better`. A change equal to the tolerance (within 1e-9) is
    not a regression.

    Args:
        base_summary: Baseline summary.
        cand_summary: Candidate summary.
        tolerances: Metric -> largest acceptable worsening (e.g. :data:`DEFAULT_TOLERANCES`).
        higher_is_better: Optional per-metric direction overrides.

    Returns:
        Messages such as ``"answer_accuracy fell from 0.9100 to 0.8500 (-0.0600,
        tolerance 0.0200)"`` or ``"p95_ms rose from ..."``, in ``tolerances`` order.
    """
    directions = dict(higher_is_better or {})
    messages: list[str] = []
    for metric, tolerance in tolerances.items():
        base_value = base_summary.get(metric)
        cand_value = cand_summary.get(metric)
        if not (_is_number(base_value) and _is_number(cand_value)):
            continue
        base_f, cand_f = float(base_value), float(cand_value)
        higher = directions.get(metric, not lower_is_better(metric))
        worsening = base_f - cand_f if higher else cand_f - base_f
        if worsening > tolerance + _FLOAT_EPS:
            verb = "fell" if higher else "rose"
            messages.append(
                f"{metric} {verb} from {base_f:.4f} to {cand_f:.4f} "
                f"({cand_f - base_f:+.4f}, tolerance {tolerance:.4f})"
            )
    return messages
