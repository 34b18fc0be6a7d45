"""Exact-value tests of eval/metrics.py on tiny hand-built rows."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest

from eval import metrics as m
from eval.metrics import (
    DEFAULT_TOLERANCES,
    HEADLINE_METRICS,
    abstention_metrics,
    alias_match,
    all_of_match,
    answer_correct,
    citation_support,
    citation_validity,
    cited_doc_precision,
    compare_summaries,
    contains_answer,
    doc_recall_at_k,
    hit_at_k,
    is_relevant,
    mcnemar,
    ndcg_at_k,
    normalize_text,
    paired_bootstrap,
    per_row_metrics,
    percentile,
    reciprocal_rank,
    regressions,
    span_overlap,
    summarize,
    summarize_by,
    token_f1,
)


def _row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "q",
        "question": "?",
        "type": "entity",
        "split": "dev",
        "unanswerable": False,
        "answers": [],
        "answers_all": [],
        "sources": [],
        "evidence_spans": [],
        "prediction": "",
        "abstained": False,
        "confidence": 0.5,
        "citations": [],
        "retrieved": [],
        "timings_ms": {"retrieve": 0.0, "answer": 0.0, "total": 0.0},
    }
    row.update(overrides)
    return row


def _chunk(doc_id: str, start: int, end: int) -> dict[str, Any]:
    return {"doc_id": doc_id, "chunk_id": f"{doc_id}:{start}", "start": start, "end": end}


def _cite(doc_id: str, start: int, end: int, quote: str, valid: bool) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": start, "end": end, "quote": quote, "valid": valid}


# Row A: first relevant chunk at rank 3, a second chunk on the same span at rank 4 earns nothing.
ROW_A = _row(
    id="qA",
    type="number",
    answers=["153"],
    sources=["d1"],
    evidence_spans=[["d1", 100, 140]],
    prediction="Belarus ranks 153 [1].",
    citations=[_cite("d1", 100, 140, "Belarus scores 153rd.", True)],
    retrieved=[_chunk("d2", 0, 50), _chunk("d1", 0, 90), _chunk("d1", 90, 200), _chunk("d1", 110, 150)],
    timings_ms={"retrieve": 10.0, "answer": 90.0, "total": 100.0},
)
# Row B: all-of answer, two evidence spans credited at ranks 1 and 4; three citations
# (support by overlap, support by alias only, no support).
ROW_B = _row(
    id="qB",
    type="list",
    answers_all=["Moldova", "Ukraine"],
    sources=["d1", "d3"],
    evidence_spans=[["d1", 0, 40], ["d3", 10, 30]],
    prediction="Ukraine and Moldova border it [1][2]",
    citations=[
        _cite("d3", 12, 28, "borders Ukraine", True),
        _cite("d2", 0, 20, "Moldova is small", False),
        _cite("d2", 100, 120, "unrelated text", True),
    ],
    retrieved=[_chunk("d3", 0, 50), _chunk("d2", 0, 10), _chunk("d1", 0, 15), _chunk("d1", 10, 60)],
    timings_ms={"retrieve": 20.0, "answer": 180.0, "total": 200.0},
)
# Row C: answerable but abstained; nothing relevant retrieved.
ROW_C = _row(
    id="qC",
    type="number",
    answers=["five", "5"],
    sources=["d1"],
    evidence_spans=[["d1", 200, 220]],
    prediction="",
    abstained=True,
    retrieved=[_chunk("d9", 0, 100)],
    timings_ms={"retrieve": 30.0, "answer": 270.0, "total": 300.0},
)
# Row D: unanswerable and abstained.
ROW_D = _row(
    id="qD",
    type="unanswerable",
    unanswerable=True,
    prediction="I don't know.",
    abstained=True,
    retrieved=[_chunk("d1", 0, 100)],
    timings_ms={"retrieve": 40.0, "answer": 360.0, "total": 400.0},
)
ROWS = [ROW_A, ROW_B, ROW_C, ROW_D]

NDCG_B = (1.0 + 1.0 / math.log2(5)) / (1.0 + 1.0 / math.log2(3))


# --- normalisation and matching ------------------------------------------------------------


def test_normalize_text_examples() -> None:
    assert normalize_text("Chargé d’affaires") == "charge d affaires"
    assert normalize_text("Bolton [1] said—“yes” [2, 3].") == "bolton said yes"
    assert normalize_text("  1,226   prisoners ") == "1226 prisoners"
    assert normalize_text("1,000,000") == "1000000"
    assert normalize_text("3.5 million.") == "3.5 million"
    assert normalize_text("Aug. 29, 2019") == "aug 29 2019"
    assert normalize_text("153rd") == "153"


def test_percent_unification() -> None:
    assert normalize_text("87%") == "87 percent"
    assert normalize_text("87 per cent") == "87 percent"
    assert normalize_text("87 Percent") == "87 percent"
    assert contains_answer("Turnout was 87%.", "87 percent")
    assert contains_answer("Turnout was 87 per cent [2]", "87%")


def test_contains_answer_whole_tokens() -> None:
    assert not contains_answer("Belarus ranked 153", "5")
    assert contains_answer("Belarus ranked 153", "153")
    assert not contains_answer("a fivefold increase", "five")
    assert contains_answer("five diplomats", "five")
    assert contains_answer("about 1,226 prisoners[1]", "1226")
    assert contains_answer("Belarus scores 153rd.", "153")
    assert not contains_answer("anything", "")
    assert contains_answer("the Chargé d'affaires", "charge d’affaires")


def test_alias_and_all_of_match() -> None:
    assert alias_match("Only 5 diplomats.", ["five", "5"]) == 1.0
    assert alias_match("Only 15 diplomats.", ["five", "5"]) == 0.0
    assert alias_match("anything", []) == 0.0
    assert all_of_match("Moldova and Ukraine", ["Ukraine", "Moldova"]) == 1.0
    assert all_of_match("Moldova only", ["Ukraine", "Moldova"]) == 0.0
    assert all_of_match("anything", []) == 0.0


def test_token_f1_known_values() -> None:
    # pred tokens {bolton, visit} (article dropped), ref {john, bolton}: P = R = 1/2.
    assert token_f1("The Bolton visit", ["John Bolton"]) == 0.5
    # Max over references.
    assert token_f1("The Bolton visit", ["x", "John Bolton", "Bolton"]) == pytest.approx(2 / 3)
    assert token_f1("Bolton", ["Bolton"]) == 1.0
    assert token_f1("Bolton", []) == 0.0
    assert token_f1("", ["Bolton"]) == 0.0


def test_answer_correct() -> None:
    assert [answer_correct(r) for r in ROWS] == [1.0, 1.0, 0.0, 1.0]
    assert answer_correct({**ROW_D, "abstained": False}) == 0.0
    assert answer_correct({**ROW_A, "prediction": "It ranks 15"}) == 0.0
    assert answer_correct({**ROW_B, "prediction": "Ukraine"}) == 0.0


# --- retrieval ------------------------------------------------------------------------------


def test_span_overlap() -> None:
    assert span_overlap(0, 10, 5, 20) == 5
    assert span_overlap(0, 10, 10, 20) == 0
    assert span_overlap(0, 10, 20, 30) == 0
    assert span_overlap(5, 8, 0, 100) == 3


def test_is_relevant_half_coverage() -> None:
    spans = [["d1", 0, 40]]
    assert is_relevant(_chunk("d1", 20, 100), spans)  # overlap 20 = half of 40
    assert not is_relevant(_chunk("d1", 21, 100), spans)  # overlap 19
    assert not is_relevant(_chunk("d2", 0, 40), spans)
    assert not is_relevant(_chunk("d1", 0, 40), [])


def test_hit_rr_ndcg_per_row() -> None:
    assert [hit_at_k(ROW_A, k) for k in (1, 2, 3, 10)] == [0.0, 0.0, 1.0, 1.0]
    assert reciprocal_rank(ROW_A) == 1 / 3
    # One span; credited at rank 3; the rank-4 chunk overlaps the same span and gains nothing.
    assert ndcg_at_k(ROW_A, 10) == (1 / math.log2(4)) / 1.0 == 0.5
    assert ndcg_at_k(ROW_A, 2) == 0.0

    assert hit_at_k(ROW_B, 1) == 1.0
    assert reciprocal_rank(ROW_B) == 1.0
    # Rank 3 (d1 0-15) covers 15/40 < half; rank 4 (d1 10-60) covers 30/40.
    assert ndcg_at_k(ROW_B, 10) == NDCG_B
    # k = 1: DCG 1, IDCG min(2, 1) gains = 1.
    assert ndcg_at_k(ROW_B, 1) == 1.0

    assert hit_at_k(ROW_C, 10) == 0.0
    assert reciprocal_rank(ROW_C) == 0.0
    assert ndcg_at_k(ROW_C) == 0.0

    assert hit_at_k(ROW_D, 5) is None
    assert reciprocal_rank(ROW_D) is None
    assert ndcg_at_k(ROW_D) is None
    with pytest.raises(ValueError):
        hit_at_k(ROW_A, 0)


def test_ndcg_ideal_uses_min_of_spans_and_k() -> None:
    row = _row(
        answers=["x"],
        sources=["d"],
        evidence_spans=[["d", 0, 10], ["d", 100, 110], ["d", 200, 210]],
        retrieved=[_chunk("d", 100, 110), _chunk("z", 0, 10), _chunk("d", 0, 10)],
    )
    expected = (1.0 + 1.0 / math.log2(4)) / (1.0 + 1.0 / math.log2(3) + 1.0 / math.log2(4))
    assert ndcg_at_k(row, 10) == expected
    assert ndcg_at_k(row, 2) == 1.0 / (1.0 + 1.0 / math.log2(3))


def test_doc_recall_at_k() -> None:
    assert doc_recall_at_k(ROW_B, 5) == 1.0
    assert doc_recall_at_k(ROW_B, 2) == 0.5
    assert doc_recall_at_k(ROW_C, 5) == 0.0
    assert doc_recall_at_k(ROW_D, 5) is None


# --- citations ------------------------------------------------------------------------------


def test_citation_metrics() -> None:
    assert citation_validity(ROW_A) == 1.0
    assert citation_validity(ROW_B) == 2 / 3
    assert citation_validity(ROW_C) is None

    # A: the citation coincides with the evidence span.
    assert citation_support(ROW_A) == 1.0
    # B: [0] overlaps span d3 10-30 by 16 = all of the shorter; [1] only contains "Moldova"; [2] neither.
    assert citation_support(ROW_B) == 2 / 3
    assert citation_support(ROW_C) is None
    assert citation_support({**ROW_D, "citations": ROW_A["citations"]}) is None

    assert cited_doc_precision(ROW_A) == 1.0
    assert cited_doc_precision(ROW_B) == 0.5  # {d3, d2}: d3 is a source
    assert cited_doc_precision(ROW_C) is None


def test_citation_support_overlap_rule() -> None:
    spans = [["d1", 100, 200]]
    base = _row(answers=["zzz"], sources=["d1"], evidence_spans=spans)
    short_inside = _cite("d1", 150, 160, "no alias here", True)  # overlap 10 = all of the shorter
    half_of_shorter = _cite("d1", 180, 220, "no alias here", True)  # overlap 20 >= 40/2
    too_little = _cite("d1", 190, 300, "no alias here", True)  # overlap 10 < 100/2
    other_doc = _cite("d2", 100, 200, "no alias here", True)
    via_alias = _cite("d2", 0, 5, "it was ZZZ.", False)
    assert citation_support({**base, "citations": [short_inside]}) == 1.0
    assert citation_support({**base, "citations": [half_of_shorter]}) == 1.0
    assert citation_support({**base, "citations": [too_little]}) == 0.0
    assert citation_support({**base, "citations": [other_doc]}) == 0.0
    assert citation_support({**base, "citations": [via_alias, other_doc]}) == 0.5


# --- abstention and percentiles -------------------------------------------------------------


def test_abstention_metrics_four_rows() -> None:
    rows = [
        _row(unanswerable=True, abstained=True),
        _row(unanswerable=True, abstained=False),
        _row(answers=["x"], abstained=True),
        _row(answers=["x"], abstained=False),
    ]
    assert abstention_metrics(rows) == {
        "abstention_precision": 0.5,
        "abstention_recall": 0.5,
        "false_abstentions": 1.0,
    }
    assert abstention_metrics(ROWS) == {
        "abstention_precision": 0.5,
        "abstention_recall": 1.0,
        "false_abstentions": 1.0,
    }


def test_abstention_metrics_edge_cases() -> None:
    answered = [_row(answers=["x"]), _row(answers=["y"])]
    assert abstention_metrics(answered) == {
        "abstention_precision": 1.0,
        "abstention_recall": 1.0,
        "false_abstentions": 0.0,
    }
    missed = [_row(answers=["x"]), _row(unanswerable=True)]
    assert abstention_metrics(missed) == {
        "abstention_precision": 0.0,
        "abstention_recall": 0.0,
        "false_abstentions": 0.0,
    }


@pytest.mark.parametrize(
    "values",
    [[1.0], [3.0, 1.0], [5.0, 1.0, 4.0, 2.0, 3.0], [0.5, 10.0, 7.25, 7.25, 100.0, 3.0, 42.0]],
)
@pytest.mark.parametrize("p", [0, 5, 25, 50, 90, 95, 99, 100])
def test_percentile_matches_numpy(values: list[float], p: float) -> None:
    assert percentile(values, p) == pytest.approx(float(np.percentile(values, p)), abs=1e-12)


def test_percentile_values() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([100.0, 200.0, 300.0, 400.0], 50) == 250.0
    assert percentile([100.0, 200.0, 300.0, 400.0], 95) == pytest.approx(385.0)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


# --- aggregation ----------------------------------------------------------------------------


def test_summarize_exact() -> None:
    expected = {
        "n": 4.0,
        "n_answerable": 3.0,
        "n_unanswerable": 1.0,
        "n_retrieval": 3.0,
        "n_citations": 4.0,
        "answer_accuracy": 0.75,
        # A: {belarus, ranks, 153} vs {153} -> 1/2; B: 5 tokens vs {moldova, ukraine} -> 4/7; C abstained -> 0.
        "token_f1": round((0.5 + 4 / 7 + 0.0) / 3, 4),
        "retrieval_hit_at_1": round(1 / 3, 4),
        "retrieval_hit_at_3": round(2 / 3, 4),
        "retrieval_hit_at_5": round(2 / 3, 4),
        "retrieval_hit_at_10": round(2 / 3, 4),
        "mrr": round((1 / 3 + 1.0 + 0.0) / 3, 4),
        "ndcg_at_10": round((0.5 + NDCG_B + 0.0) / 3, 4),
        "doc_recall_at_5": round(2 / 3, 4),
        "citation_validity": 0.75,  # pooled: 3 valid of 4
        "citation_support": round((1.0 + 2 / 3) / 2, 4),
        "cited_doc_precision": 0.75,
        "abstention_precision": 0.5,
        "abstention_recall": 1.0,
        "false_abstentions": 1.0,
        "median_answer_words": 4.0,  # A has 3 words, B has 5
        "p50_ms": 250.0,
        "p95_ms": 385.0,
        "retrieve_p50_ms": 25.0,
        "retrieve_p95_ms": 38.5,
        "answer_p50_ms": 225.0,
        "answer_p95_ms": 346.5,
    }
    summary = summarize(ROWS)
    assert summary == expected
    assert all(type(v) is float for v in summary.values())


def test_summarize_without_citations_or_rows() -> None:
    summary = summarize([ROW_C, ROW_D])
    assert summary["citation_validity"] == 1.0
    assert summary["citation_support"] == 0.0
    assert summary["n_citations"] == 0.0
    empty = summarize([])
    assert empty["n"] == 0.0
    assert empty["answer_accuracy"] == 0.0
    assert set(HEADLINE_METRICS) <= set(empty)


def test_summarize_by_type() -> None:
    groups = summarize_by(ROWS)
    assert list(groups) == ["list", "number", "unanswerable"]
    assert groups["number"]["n"] == 2.0
    assert groups["number"]["answer_accuracy"] == 0.5
    assert groups["number"]["mrr"] == round((1 / 3 + 0.0) / 2, 4)
    assert groups["list"]["ndcg_at_10"] == round(NDCG_B, 4)
    assert groups["unanswerable"]["abstention_recall"] == 1.0
    by_split = summarize_by(ROWS, key="split")
    assert list(by_split) == ["dev"]
    assert by_split["dev"] == summarize(ROWS)


def test_per_row_metrics() -> None:
    assert per_row_metrics(ROW_A) == {
        "correct": 1.0,
        "f1": 0.5,
        "hit_at_1": 0.0,
        "hit_at_3": 1.0,
        "hit_at_5": 1.0,
        "hit_at_10": 1.0,
        "rr": 1 / 3,
        "ndcg_at_10": 0.5,
        "doc_recall_at_5": 1.0,
        "citation_support": 1.0,
        "citation_validity": 1.0,
        "cited_doc_precision": 1.0,
    }
    row_d = per_row_metrics(ROW_D)
    assert row_d["correct"] == 1.0
    assert row_d["f1"] is None
    assert row_d["rr"] is None
    assert row_d["citation_support"] is None


# --- significance ---------------------------------------------------------------------------


def test_paired_bootstrap_deterministic_and_exact_delta() -> None:
    a = [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]
    b = [1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
    first = paired_bootstrap(a, b, n_resamples=2000, seed=7)
    second = paired_bootstrap(a, b, n_resamples=2000, seed=7)
    assert first == second
    assert first["mean_a"] == 0.5
    assert first["mean_b"] == 0.75
    assert first["delta"] == 0.25
    assert first["ci_low"] <= 0.25 <= first["ci_high"]
    assert 0.0 <= first["p_value"] <= 1.0


def test_paired_bootstrap_p_value_definition() -> None:
    # Every resample of a constant improvement keeps delta = 1: p = 0, CI collapses to [1, 1].
    clear = paired_bootstrap([0.0] * 5, [1.0] * 5, n_resamples=500)
    assert (clear["delta"], clear["p_value"], clear["ci_low"], clear["ci_high"]) == (1.0, 0.0, 1.0, 1.0)
    # No difference: p = 1.
    assert paired_bootstrap([1.0, 0.0], [1.0, 0.0], n_resamples=100)["p_value"] == 1.0
    # diffs [1, 0]: a resample has delta <= 0 only if it draws index 1 twice (prob 1/4), so p ~ 2 * 1/4.
    half = paired_bootstrap([0.0, 0.0], [1.0, 0.0], n_resamples=10000, seed=0)
    assert abs(half["p_value"] - 0.5) < 0.03
    # A negative delta uses the mirror-image tail.
    assert paired_bootstrap([1.0, 0.0], [0.0, 0.0])["p_value"] == half["p_value"]
    with pytest.raises(ValueError):
        paired_bootstrap([1.0], [1.0, 0.0])
    with pytest.raises(ValueError):
        paired_bootstrap([], [])


def test_mcnemar_exact() -> None:
    result = mcnemar([0, 0, 0, 0, 0, 1, 1], [1, 1, 1, 1, 1, 1, 1])
    assert result["b01"] == 5
    assert result["b10"] == 0
    assert result["p_value"] == 0.0625  # 2 * (1/2)^5
    assert mcnemar([1, 1, 1, 1, 1], [0, 0, 0, 0, 0])["p_value"] == 0.0625
    # b01 = 3, b10 = 1: 2 * (C(4,0) + C(4,1)) / 2^4 = 10/16.
    assert mcnemar([0, 0, 0, 1], [1, 1, 1, 0])["p_value"] == 0.625
    assert mcnemar([1.0, 0.0], [1.0, 0.0]) == {"b01": 0, "b10": 0, "n_discordant": 0, "p_value": 1.0}
    assert mcnemar([True, False], [False, True])["p_value"] == 1.0


# --- comparison and regressions -------------------------------------------------------------


def test_compare_summaries() -> None:
    base = {"answer_accuracy": 0.91, "mrr": 0.5, "only_base": 1.0}
    cand = {"answer_accuracy": 0.85, "mrr": 0.55, "only_cand": 2.0}
    assert compare_summaries(base, cand) == {
        "answer_accuracy": {"base": 0.91, "cand": 0.85, "delta": -0.06},
        "mrr": {"base": 0.5, "cand": 0.55, "delta": 0.05},
    }


def test_regressions_messages() -> None:
    base = {"answer_accuracy": 0.91, "mrr": 0.80, "p95_ms": 100.0, "false_abstentions": 2.0, "ndcg_at_10": 0.7}
    cand = {"answer_accuracy": 0.85, "mrr": 0.78, "p95_ms": 150.0, "false_abstentions": 5.0, "ndcg_at_10": 0.9}
    tolerances = {"answer_accuracy": 0.02, "mrr": 0.02, "p95_ms": 10.0, "false_abstentions": 1.0, "ndcg_at_10": 0.02}
    assert regressions(base, cand, tolerances) == [
        "answer_accuracy fell from 0.9100 to 0.8500 (-0.0600, tolerance 0.0200)",
        "p95_ms rose from 100.0000 to 150.0000 (+50.0000, tolerance 10.0000)",
        "false_abstentions rose from 2.0000 to 5.0000 (+3.0000, tolerance 1.0000)",
    ]
    # mrr fell by exactly its tolerance: not a regression. Overriding the direction flips ndcg.
    assert regressions(base, cand, {"ndcg_at_10": 0.02}, {"ndcg_at_10": False}) == [
        "ndcg_at_10 rose from 0.7000 to 0.9000 (+0.2000, tolerance 0.0200)"
    ]
    assert regressions(base, cand, {"missing_metric": 0.0}) == []


def test_regressions_default_tolerances_on_summaries() -> None:
    base = summarize(ROWS)
    worse = summarize([ROW_A, ROW_B, ROW_C, {**ROW_D, "abstained": False}])
    messages = regressions(base, worse, DEFAULT_TOLERANCES)
    assert "answer_accuracy fell from 0.7500 to 0.5000 (-0.2500, tolerance 0.0200)" in messages
    assert regressions(base, base, DEFAULT_TOLERANCES) == []


def test_headline_constants() -> None:
    assert HEADLINE_METRICS == (
        "answer_accuracy",
        "retrieval_hit_at_5",
        "mrr",
        "ndcg_at_10",
        "citation_validity",
        "citation_support",
        "abstention_precision",
        "abstention_recall",
    )
    assert DEFAULT_TOLERANCES == {name: 0.02 for name in HEADLINE_METRICS}


# --- purity ---------------------------------------------------------------------------------


def test_inputs_not_mutated() -> None:
    rows = copy.deepcopy(ROWS)
    before = copy.deepcopy(rows)
    summarize(rows)
    summarize_by(rows)
    abstention_metrics(rows)
    for row in rows:
        per_row_metrics(row)
        answer_correct(row)
        doc_recall_at_k(row, 5)
        citation_support(row)
        cited_doc_precision(row)
    assert rows == before

    values = [3.0, 1.0, 2.0]
    percentile(values, 50)
    assert values == [3.0, 1.0, 2.0]

    a, b = [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]
    paired_bootstrap(a, b, n_resamples=50)
    mcnemar(a, b)
    assert (a, b) == ([1.0, 0.0, 1.0], [1.0, 1.0, 0.0])

    base, cand, tol = {"mrr": 0.5}, {"mrr": 0.1}, {"mrr": 0.02}
    regressions(base, cand, tol, {"mrr": True})
    compare_summaries(base, cand)
    assert (base, cand, tol) == ({"mrr": 0.5}, {"mrr": 0.1}, {"mrr": 0.02})
    assert m.DEFAULT_TOLERANCES == {name: 0.02 for name in m.HEADLINE_METRICS}
