"""Tests of eval/data.py, runner.py, run_folders.py and report.py on a tiny inline corpus with the hash embedder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.data import GoldError, load_gold, parse_gold
from eval.metrics import summarize, summarize_by
from eval.report import format_ablation, format_failures, format_table
from eval.run_folders import load_run, make_run_dir, write_run
from eval.runner import (
    ablation,
    abstention_curve,
    locate_evidence,
    run_config,
    run_eval,
)
from rag import Rag, Settings

DOCS = {
    "alpha": (
        "Alpha Harbor Report\nMarch 3, 2021\n\n"
        "The city of Alphaville opened a new harbor on 12 May 2020. The harbor cost 45 million euros to build.\n"
        "The mayor of Alphaville, Maria Lopez, said the harbor would create 300 jobs.\n"
    ),
    "beta": (
        "Beta Railway News\nJune 9, 2021\n\n"
        "The Beta railway line connects Alphaville and Betatown. It is 120 kilometres long.\n"
        "Trains on the Beta line run every 30 minutes and are operated by Northern Rail.\n"
    ),
    "gamma": (
        "Gamma Festival Notes\nJuly 1, 2021\n\n"
        "The Gamma music festival takes place every August in Betatown.\n"
        "Last year the festival sold 8,000 tickets and hosted 40 bands.\n"
    ),
}

GOLD = [
    {"id": "t1", "question": "When did Alphaville open its new harbor?", "answers": ["12 May 2020"],
     "sources": ["alpha"], "evidence": ["The city of Alphaville opened a new harbor on 12 May 2020."],
     "type": "date", "split": "dev"},
    {"id": "t2", "question": "Who is the mayor of Alphaville?", "answers": ["Maria Lopez"], "sources": ["alpha"],
     "evidence": ["The mayor of Alphaville, Maria Lopez, said the harbor would create 300 jobs."],
     "type": "entity", "split": "dev"},
    {"id": "t3", "question": "How many tickets did the Gamma music festival sell?", "answers": ["8,000", "8000"],
     "sources": ["gamma"], "evidence": ["Last year the festival sold 8,000 tickets and hosted 40 bands."],
     "type": "number", "split": "test"},
    {"id": "t4", "question": "What is the population of Zetaville?", "unanswerable": True, "sources": [],
     "evidence": [], "type": "unanswerable", "split": "test"},
]


def write_corpus(folder: Path) -> Path:
    """Write the tiny corpus into folder/docs and return that folder."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for doc_id, text in DOCS.items():
        (docs / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return docs


def write_gold(path: Path, items: list[dict[str, Any]] = GOLD) -> Path:
    path.write_text("".join(json.dumps(it) + "\n" for it in items), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rag(tmp_path_factory: pytest.TempPathFactory) -> Rag:
    base = tmp_path_factory.mktemp("eval_runner")
    r = Rag(Settings(home=base / "home", embedding_model="hash-256"))
    r.index([write_corpus(base)])
    yield r
    r.close()


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return load_gold(write_gold(tmp_path_factory.mktemp("gold") / "gold.jsonl"))


@pytest.fixture(scope="module")
def rows(rag: Rag, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return run_eval(rag, gold)


# --- data --------------------------------------------------------------------------------------


def test_load_gold_fills_optional_fields(gold: list[dict[str, Any]]) -> None:
    assert [g["id"] for g in gold] == ["t1", "t2", "t3", "t4"]
    assert gold[0]["answers_all"] == [] and gold[0]["unanswerable"] is False
    assert gold[3]["unanswerable"] is True and gold[3]["answers"] == []


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="gold file not found"):
        load_gold(tmp_path / "nope.jsonl")


def test_parse_gold_names_line_numbers() -> None:
    good = json.dumps(GOLD[0])
    text = "\n".join([
        good,
        "{not json",
        json.dumps({**GOLD[1], "split": "train"}),
        json.dumps({k: v for k, v in GOLD[2].items() if k != "answers"}),
        "",
        json.dumps({**GOLD[0], "question": "again"}),
    ])
    with pytest.raises(GoldError) as info:
        parse_gold(text, "g.jsonl")
    msg = str(info.value)
    assert "g.jsonl line 2: invalid JSON" in msg
    assert "g.jsonl line 3 (t2): 'split' must be one of" in msg
    assert "g.jsonl line 4 (t3): needs exactly one of" in msg
    assert "g.jsonl line 6 (t1): duplicate id 't1' (first on line 1)" in msg
    assert "line 1:" not in msg and "line 5" not in msg


def test_parse_gold_rejects_both_answer_kinds() -> None:
    with pytest.raises(GoldError, match="found answers, answers_all"):
        parse_gold(json.dumps({**GOLD[0], "answers_all": ["a", "b"]}))


# --- runner ------------------------------------------------------------------------------------


def test_locate_evidence_is_pure_and_reports_missing() -> None:
    item = {"sources": ["a", "b"], "evidence": ["cat sat", "dog", "bird"]}
    spans, missing = locate_evidence(item, {"a": "the cat sat", "b": "a dog and a cat sat"})
    assert spans == [["a", 4, 11], ["b", 12, 19], ["b", 2, 5]]
    assert missing == ["bird"]


def test_run_eval_rows(rows: list[dict[str, Any]], rag: Rag) -> None:
    assert [r["id"] for r in rows] == ["t1", "t2", "t3", "t4"]
    keys = {"id", "question", "type", "split", "unanswerable", "answers", "answers_all", "sources", "evidence_spans",
            "prediction", "abstained", "confidence", "citations", "retrieved", "timings_ms"}
    for row in rows:
        assert keys <= row.keys()
        json.dumps(row)  # serialisable
        assert set(row["timings_ms"]) == {"retrieve", "answer", "total"}
        evidence = next(g["evidence"] for g in GOLD if g["id"] == row["id"])
        assert len(row["evidence_spans"]) == len(evidence)
        for doc_id, start, end in row["evidence_spans"]:
            assert rag.document(doc_id).text[start:end] in evidence
    by_id = {r["id"]: r for r in rows}
    doc_id, start, end = by_id["t1"]["evidence_spans"][0]
    assert rag.document(doc_id).text[start:end] == GOLD[0]["evidence"][0]
    assert by_id["t4"]["evidence_spans"] == [] and by_id["t4"]["abstained"] is True
    assert by_id["t1"]["abstained"] is False and "12 May 2020" in by_id["t1"]["prediction"]
    cited = [c for r in rows for c in r["citations"]]
    assert cited and all(c["valid"] is True for c in cited)
    for c in cited:
        assert rag.document(c["doc_id"]).text[c["start"] : c["end"]] == c["quote"]
    assert all(len(r["retrieved"]) >= 1 for r in rows)
    summary = summarize(rows)
    assert summary["answer_accuracy"] >= 0.75
    assert summary["retrieval_hit_at_5"] == 1.0
    assert summary["citation_validity"] == 1.0
    assert summary["abstention_recall"] == 1.0


def test_run_eval_records_what_a_confidence_abstention_would_have_said(rows: list[dict[str, Any]]) -> None:
    t4 = rows[3]
    assert t4["abstain_reason"] in ("confidence", "other")
    if t4["abstain_reason"] == "confidence":
        assert t4["raw_prediction"] and t4["confidence"] < 0.35
    assert all(r["abstain_reason"] is None for r in rows if not r["abstained"])


def test_run_eval_split(rag: Rag, gold: list[dict[str, Any]]) -> None:
    got = run_eval(rag, gold, split="test", retriever="lexical", warmup=False)
    assert [r["id"] for r in got] == ["t3", "t4"]


def test_write_and_load_run(tmp_path: Path, rows: list[dict[str, Any]], rag: Rag) -> None:
    run_dir = make_run_dir(tmp_path / "runs")
    again = make_run_dir(tmp_path / "runs")
    assert run_dir != again and run_dir.is_dir() and again.is_dir()
    summary, by_type = summarize(rows), summarize_by(rows, "type")
    report = write_run(run_dir, rows, summary, by_type, run_config(rag, gold="gold.jsonl"))
    assert report == run_dir / "report.md"
    for name in ("rows.jsonl", "summary.json", "report.md", "metrics_by_type.png", "latency_hist.png",
                 "abstention_curve.png"):
        assert (run_dir / name).is_file(), name
    for png in run_dir.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads((run_dir / "summary.json").read_text())
    assert set(data) == {"summary", "by_type", "by_split", "config"}
    assert set(data["by_split"]) == {"dev", "test"}
    assert data["config"]["retriever"] == "hybrid" and data["config"]["gold"] == "gold.jsonl"
    text = report.read_text()
    for link in ("](metrics_by_type.png)", "](latency_hist.png)", "](abstention_curve.png)"):
        assert link in text
    for heading in ("## Headline metrics", "## Per question type", "## Per split", "## Latency", "## Failures"):
        assert heading in text
    loaded_rows, loaded_summary = load_run(run_dir)
    assert loaded_rows == rows and loaded_summary == summary
    (run_dir / "summary.json").unlink()
    assert load_run(run_dir / "rows.jsonl")[1] == summary


def test_load_run_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a run folder"):
        load_run(tmp_path)


def test_ablation(rag: Rag, gold: list[dict[str, Any]]) -> None:
    configs = {
        "dense": {"retriever": "dense", "rerank": False, "collapse_duplicates": False},
        "hybrid+rerank+collapse": {"retriever": "hybrid", "rerank": True, "collapse_duplicates": True},
    }
    results = ablation(rag, gold, configs)
    assert list(results) == ["dense", "hybrid+rerank+collapse"]
    assert all(r["n"] == 4 for r in results.values())
    table = format_ablation(results)
    assert table.startswith("| configuration |") and "| dense |" in table


def test_report_text_helpers(rows: list[dict[str, Any]]) -> None:
    table = format_table(summarize(rows))
    assert "answer_accuracy" in table and "p95_ms" in table
    failed = [dict(rows[0], prediction="nothing useful")]
    listing = format_failures(failed)
    assert "t1" in listing and "expected: 12 May 2020" in listing and "got:      nothing useful" in listing


# --- abstention curve --------------------------------------------------------------------------

CURVE_ROWS = [
    # answerable, answered correctly with high confidence
    {"id": "a", "unanswerable": False, "answers": ["Paris"], "prediction": "Paris [1]", "abstained": False,
     "confidence": 0.8},
    # answerable, answered wrongly with low confidence
    {"id": "b", "unanswerable": False, "answers": ["Rome"], "prediction": "Milan [1]", "abstained": False,
     "confidence": 0.3},
    # unanswerable, abstained for low confidence; would have said something
    {"id": "c", "unanswerable": True, "prediction": "Not in the corpus.", "abstained": True, "confidence": 0.2,
     "abstain_reason": "confidence", "raw_prediction": "Maybe 42 [1]"},
    # unanswerable, abstained for another reason (the model declined) despite a fair confidence
    {"id": "d", "unanswerable": True, "prediction": "Not in the corpus.", "abstained": True, "confidence": 0.5,
     "abstain_reason": "other"},
]


def test_abstention_curve_exact_values() -> None:
    curve = abstention_curve(CURVE_ROWS, [0.0, 0.25, 0.5, 0.9])
    assert curve == [
        {"threshold": 0.0, "precision": 1.0, "recall": 0.5, "false_abstentions": 0.0, "answer_accuracy": 0.5},
        {"threshold": 0.25, "precision": 1.0, "recall": 1.0, "false_abstentions": 0.0, "answer_accuracy": 0.75},
        {"threshold": 0.5, "precision": 0.6667, "recall": 1.0, "false_abstentions": 1.0, "answer_accuracy": 0.75},
        {"threshold": 0.9, "precision": 0.5, "recall": 1.0, "false_abstentions": 2.0, "answer_accuracy": 0.5},
    ]


def test_abstention_curve_uses_raw_prediction_when_unabstained() -> None:
    row = {"id": "e", "unanswerable": False, "answers": ["42"], "prediction": "Not in the corpus.", "abstained": True,
           "confidence": 0.2, "abstain_reason": "confidence", "raw_prediction": "It is 42 [1]"}
    low, high = abstention_curve([row], [0.1, 0.35])
    assert low["answer_accuracy"] == 1.0 and low["false_abstentions"] == 0.0
    assert high["answer_accuracy"] == 0.0 and high["false_abstentions"] == 1.0


def test_abstention_curve_without_reason_keeps_abstentions() -> None:
    row = {"id": "f", "unanswerable": True, "abstained": True, "confidence": 0.9}
    assert abstention_curve([row], [0.0])[0]["recall"] == 1.0
    assert abstention_curve([], [0.5]) == [
        {"threshold": 0.5, "precision": 1.0, "recall": 1.0, "false_abstentions": 0.0, "answer_accuracy": 0.0}
    ]
