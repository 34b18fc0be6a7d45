"""Citation metrics (validity, support, cited-document precision) and abstention metrics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eval.answers import Row, _is_unanswerable, contains_answer
from eval.retrieval_metrics import _evidence, span_overlap


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
