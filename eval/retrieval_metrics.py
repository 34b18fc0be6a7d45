"""Retrieval metrics against gold evidence spans: hit@k, MRR, nDCG, document recall."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eval.answers import Row, _is_unanswerable


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
