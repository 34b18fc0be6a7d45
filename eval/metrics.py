"""Pure metric functions: the summary of a run, per-row metrics, baselines and regressions.

The individual metrics live in eval.answers, eval.retrieval_metrics, eval.citation_metrics and
eval.significance; they are re-exported here as one surface.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeGuard

from eval.answers import (  # noqa: F401  (re-exported: the metrics surface)
    Row,
    _is_unanswerable,
    alias_match,
    all_of_match,
    answer_correct,
    contains_answer,
    normalize_text,
    row_f1,
    strip_citation_markers,
    token_f1,
)
from eval.citation_metrics import (  # noqa: F401
    abstention_metrics,
    citation_support,
    citation_validity,
    cited_doc_precision,
)
from eval.retrieval_metrics import (  # noqa: F401
    _retrieval_applicable,
    doc_recall_at_k,
    hit_at_k,
    is_relevant,
    ndcg_at_k,
    reciprocal_rank,
    span_overlap,
)
from eval.significance import mcnemar, paired_bootstrap, percentile  # noqa: F401

_FLOAT_EPS = 1e-9  # changes within this of the tolerance are not regressions

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



def _is_number(value: Any) -> TypeGuard[int | float]:
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
