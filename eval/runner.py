"""Run the gold questions through a Rag and score them."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eval.data import filter_split
from eval.metrics import abstention_metrics, answer_correct, summarize
from rag import Answer, ProviderError, Rag, RagError

log = logging.getLogger(__name__)

RETRIEVAL_K = 10
"""How many chunks are retrieved for the retrieval metrics (so hit@10 means something)."""

DEFAULT_THRESHOLDS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
"""Abstention thresholds for :func:`abstention_curve`: 0.00, 0.05, ..., 1.00."""

ABLATION_CONFIGS: dict[str, dict[str, Any]] = {
    "dense": {"retriever": "dense", "rerank": False, "collapse_duplicates": False},
    "lexical": {"retriever": "lexical", "rerank": False, "collapse_duplicates": False},
    "hybrid": {"retriever": "hybrid", "rerank": False, "collapse_duplicates": False},
    "hybrid+rerank": {"retriever": "hybrid", "rerank": True, "collapse_duplicates": False},
    "hybrid+rerank+collapse": {"retriever": "hybrid", "rerank": True, "collapse_duplicates": True},
}
"""Settings overrides of each ablation configuration, from the simplest retriever to the full pipeline."""


# ---------------------------------------------------------------------------
# Pure helpers
# ---------------------------------------------------------------------------


def locate_evidence(item: Mapping[str, Any], texts: Mapping[str, str]) -> tuple[list[list[Any]], list[str]]:
    """Find each evidence quote of a gold item in its source documents (pure).

    Args:
        item: A gold item with ``sources`` and ``evidence``.
        texts: doc_id -> document text (the text citations point into).

    Returns:
        (spans, missing): ``[doc_id, start, end]`` for the first occurrence of
        each quote in each source that holds it, in evidence then source order;
        and the quotes found in none of the sources.
    """
    spans: list[list[Any]] = []
    missing: list[str] = []
    for quote in item.get("evidence") or []:
        found = False
        for doc_id in item.get("sources") or []:
            text = texts.get(doc_id)
            if text is None:
                continue
            start = text.find(quote)
            if start >= 0:
                spans.append([doc_id, start, start + len(quote)])
                found = True
        if not found:
            missing.append(quote)
    return spans, missing


def citation_records(answer: Answer, texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """The citations of an answer as row dicts, each checked against its document's text (pure).

    Args:
        answer: What ``Rag.ask`` returned.
        texts: doc_id -> document text; a citation into a missing document is invalid.

    Returns:
        ``{n, doc_id, chunk_id, start, end, quote, score, valid}`` per citation,
        where ``valid`` is ``text[start:end] == quote``.
    """
    out = []
    for c in answer.citations:
        text = texts.get(c.doc_id)
        out.append({
            "n": c.n,
            "doc_id": c.doc_id,
            "chunk_id": c.chunk_id,
            "start": c.start,
            "end": c.end,
            "quote": c.quote,
            "score": round(float(c.score), 6),
            "valid": text is not None and text[c.start : c.end] == c.quote,
        })
    return out


def _hit_records(hits: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {"doc_id": h.chunk.doc_id, "chunk_id": h.chunk.chunk_id, "start": h.chunk.start, "end": h.chunk.end}
        for h in hits
    ]


def _timings(answer: Answer) -> dict[str, float]:
    return {key: round(float(value), 2) for key, value in answer.timings_ms.items()}


def abstention_curve(rows: Sequence[Mapping[str, Any]], thresholds: Iterable[float] = DEFAULT_THRESHOLDS) -> list[dict[str, float]]:
    """Abstention quality as the confidence threshold varies (pure).

    At threshold t a row counts as abstained when its ``confidence`` is below t,
    or when the system abstained for another reason than low confidence (the
    model declined, no citation survived verification, nothing retrieved):
    such rows stay abstained at every t. A row abstained for low confidence
    carries ``abstain_reason == "confidence"``; an abstained row without that
    mark counts as abstained for another reason. A row that answers at t but
    was abstained in the run is scored with its ``raw_prediction`` (the answer
    the system would have given), when the runner recorded one.

    Args:
        rows: Runner rows (``abstained``, ``confidence``, ``unanswerable``, answers, ``prediction``).
        thresholds: The thresholds to evaluate, in the order wanted.

    Returns:
        One dict per threshold: ``threshold``, ``precision`` and ``recall`` of
        abstention (unanswerable is the positive class, see
        :func:`eval.metrics.abstention_metrics`), ``false_abstentions`` (answerable
        rows abstained) and ``answer_accuracy`` (see :func:`eval.metrics.answer_correct`).
    """
    curve = []
    for t in thresholds:
        decided = []
        for row in rows:
            abstained = bool(row.get("abstained", False))
            forced = abstained and row.get("abstain_reason") != "confidence"
            now_abstained = forced or float(row.get("confidence") or 0.0) < t
            prediction = row.get("prediction") or ""
            if abstained and not now_abstained:
                prediction = row.get("raw_prediction") or prediction
            decided.append({**row, "abstained": now_abstained, "prediction": prediction})
        stats = abstention_metrics(decided)
        accuracy = sum(answer_correct(r) for r in decided) / len(decided) if decided else 0.0
        curve.append({
            "threshold": round(float(t), 4),
            "precision": round(stats["abstention_precision"], 4),
            "recall": round(stats["abstention_recall"], 4),
            "false_abstentions": stats["false_abstentions"],
            "answer_accuracy": round(accuracy, 4),
        })
    return curve


def run_config(rag: Rag, *, model: str | None = None, retriever: str | None = None, split: str | None = None,
               gold: str | None = None) -> dict[str, Any]:
    """What a run used: settings that change results, plus the run's own options (pure).

    Args:
        rag: The Rag that answered.
        model: The model override, if any.
        retriever: The retriever override, if any.
        split: The split evaluated, if any.
        gold: The gold file's path, if known.

    Returns:
        A JSON-serialisable dict.
    """
    s = rag.settings
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "gold": gold,
        "split": split,
        "model": model or s.model,
        "retriever": retriever or s.retriever,
        "rerank": s.rerank,
        "collapse_duplicates": s.collapse_duplicates,
        "abstain_threshold": s.abstain_threshold,
        "top_k": s.top_k,
        "retrieval_k": RETRIEVAL_K,
        "embedding_model": s.embedding_model,
        "chunk_chars": s.chunk_chars,
    }


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def variant(rag: Rag, **updates: Any) -> Rag:
    """A Rag over the same index (same home and embedder) with some settings changed.

    Args:
        rag: The Rag to copy.
        **updates: Settings fields to change, e.g. ``rerank=False``.

    Returns:
        A new Rag; call ``close()`` on it when done.
    """
    return Rag(rag.settings.model_copy(update=updates), embedder=rag.embedder.inner)


def _texts(rag: Rag, doc_ids: Iterable[str], cache: dict[str, str | None]) -> dict[str, str]:
    for doc_id in doc_ids:
        if doc_id not in cache:
            try:
                cache[doc_id] = rag.document(doc_id).text
            except RagError as e:
                log.warning("document %s is not in the index: %s", doc_id, e)
                cache[doc_id] = None
    return {d: t for d, t in cache.items() if t is not None}


def run_eval(rag: Rag, gold_items: Sequence[Mapping[str, Any]], *, model: str | None = None,
             retriever: str | None = None, split: str | None = None, warmup: bool = True) -> list[dict[str, Any]]:
    """Ask every gold question and record what the system did, one row per question.

    The answer comes from ``rag.ask`` with the default k; the retrieval metrics
    use a separate ``rag.search`` with k = :data:`RETRIEVAL_K` and the same mode.
    When the answer abstained with a confidence below the abstain threshold, the
    question is asked once more with the threshold at 0 to learn what the
    system would have answered (``raw_prediction``), so that
    :func:`abstention_curve` can score lower thresholds; the row itself is
    exactly what ``rag.ask`` returned.

    Args:
        rag: An indexed Rag.
        gold_items: Gold items (see :func:`eval.data.load_gold`).
        model: A model for ``ask`` instead of the settings' one.
        retriever: ``dense``, ``lexical`` or ``hybrid`` instead of the settings' one.
        split: Only the items of this split (``dev`` or ``test``).
        warmup: Ask the first question once, untimed, before the run, so that one-off
            start-up costs (imports, model loading) stay out of the latencies.

    Returns:
        Rows in gold order with the keys :mod:`eval.metrics` reads (``id``,
        ``question``, ``type``, ``split``, ``unanswerable``, ``answers``,
        ``answers_all``, ``sources``, ``evidence_spans``, ``prediction``,
        ``abstained``, ``confidence``, ``citations``, ``retrieved``,
        ``timings_ms``) plus ``abstain_reason``, ``raw_prediction``,
        ``evidence_missing``, ``answer_hits`` and ``error``.
    """
    items = filter_split(list(gold_items), split)
    cache: dict[str, str | None] = {}
    raw_rag: Rag | None = None
    rows: list[dict[str, Any]] = []
    try:
        if warmup and items:
            try:
                rag.ask(str(items[0]["question"]), model=model, mode=retriever)
            except ProviderError as e:
                log.warning("warm-up question failed: %s", e)
        for i, item in enumerate(items, start=1):
            question = str(item["question"])
            texts = _texts(rag, item.get("sources") or [], cache)
            spans, missing = locate_evidence(item, texts)
            if missing:
                log.warning("%s: %d evidence quote(s) not found in %s", item.get("id"), len(missing), item.get("sources"))
            error = None
            try:
                answer = rag.ask(question, model=model, mode=retriever)
            except ProviderError as e:
                log.warning("%s: the model failed: %s", item.get("id"), e)
                answer, error = Answer(question, "", False, (), model or rag.settings.model), str(e)
            hits = rag.search(question, min(RETRIEVAL_K, rag.settings.max_k), mode=retriever,
                              rerank=rag.settings.rerank, collapse=rag.settings.collapse_duplicates)
            texts = _texts(rag, [c.doc_id for c in answer.citations], cache)

            reason: str | None = None
            raw_prediction: str | None = None
            if answer.abstained:
                reason = "other"
                if answer.confidence < rag.settings.abstain_threshold and answer.confidence > 0.0:
                    raw_rag = raw_rag or variant(rag, abstain_threshold=0.0)
                    try:
                        raw = raw_rag.ask(question, model=model, mode=retriever)
                    except ProviderError as e:
                        log.warning("%s: the model failed on the threshold-0 re-ask: %s", item.get("id"), e)
                    else:
                        if not raw.abstained:
                            reason, raw_prediction = "confidence", raw.answer

            rows.append({
                "id": item["id"],
                "question": question,
                "type": item.get("type"),
                "split": item.get("split"),
                "unanswerable": bool(item.get("unanswerable", False)),
                "answers": list(item.get("answers") or []),
                "answers_all": list(item.get("answers_all") or []),
                "sources": list(item.get("sources") or []),
                "evidence_spans": spans,
                "evidence_missing": missing,
                "prediction": answer.answer,
                "abstained": bool(answer.abstained),
                "abstain_reason": reason,
                "raw_prediction": raw_prediction,
                "confidence": round(float(answer.confidence), 4),
                "citations": citation_records(answer, texts),
                "retrieved": _hit_records(hits),
                "answer_hits": _hit_records(answer.hits),
                "timings_ms": _timings(answer),
                "error": error,
            })
            if i % 10 == 0 or i == len(items):
                log.info("evaluated %d/%d questions", i, len(items))
    finally:
        if raw_rag is not None:
            raw_rag.close()
    return rows


def ablation(rag: Rag, gold: Sequence[Mapping[str, Any]], configs: Mapping[str, Mapping[str, Any]] | None = None,
             *, model: str | None = None, split: str | None = None) -> dict[str, dict[str, float]]:
    """Evaluate the same gold set under several retrieval configurations.

    Each configuration is a set of Settings overrides (``retriever``,
    ``rerank``, ``collapse_duplicates``, ...) applied to a :func:`variant` of
    ``rag`` sharing its index; the retriever is also passed explicitly as the
    mode of ``ask`` and ``search``.

    Args:
        rag: An indexed Rag.
        gold: Gold items.
        configs: name -> Settings overrides; default :data:`ABLATION_CONFIGS`.
        model: A model for ``ask`` instead of the settings' one.
        split: Only the items of this split.

    Returns:
        name -> summary (see :func:`eval.metrics.summarize`), in ``configs`` order.
    """
    results: dict[str, dict[str, float]] = {}
    for name, updates in (configs or ABLATION_CONFIGS).items():
        log.info("ablation: running %s", name)
        alt = variant(rag, **dict(updates))
        try:
            rows = run_eval(alt, gold, model=model, retriever=alt.settings.retriever, split=split)
        finally:
            alt.close()
        results[name] = summarize(rows)
    return results
