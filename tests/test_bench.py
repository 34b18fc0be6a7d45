"""The benchmark's measuring functions at tiny sizes with the fake embedder; figures present and positive, no thresholds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bench import http as bhttp
from bench.corpus import generate_corpus
from bench.measure import (
    chunk_texts,
    measure_cache,
    measure_embedders,
    measure_indexing,
    measure_queries,
    measure_store_scale,
)
from bench.report import TARGETS, render, verdicts
from bench.run import _extrapolated, _scale_point, _sizes, questions
from rag import Rag, Settings
from rag.embedding import HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUESTIONS = ["When was the cap on U.S. diplomats in Minsk lifted?", "potash sanctions", "Who visited Minsk?"]


def _positive(d: dict[str, Any], *keys: str) -> None:
    for k in keys:
        assert isinstance(d[k], int | float) and d[k] > 0, (k, d[k])


def test_generated_corpus_is_distinct_and_loadable(tmp_path: Path) -> None:
    folder = generate_corpus(tmp_path / "docs", 12, SEEDS)
    texts = chunk_texts(Settings(home=tmp_path / "h", embedding_model="hash-256"), [folder])
    assert len(list(folder.glob("*.txt"))) == 12 and len(texts) >= 12
    assert len(set(texts)) == len(texts)
    assert json.loads((folder / "manifest.json").read_text())["documents"]["gen000000"]["title"].startswith("Report 0")


def test_indexing_queries_and_http(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", embedding_model="hash-256")
    folder = generate_corpus(tmp_path / "docs", 15, SEEDS)
    idx = measure_indexing(settings, [folder])
    _positive(idx, "documents", "chunks", "build_s", "floor_s", "build_over_floor", "chunks_per_s", "reindex_unchanged_s",
              "rebuild_from_cache_s", "peak_rss_mb", "disk_mb")
    assert idx["chunks_embedded"] == idx["chunks"] and idx["reindex_embedded"] == 0 and idx["rebuild_model_texts"] == 0

    server = bhttp.Server(settings.home, tmp_path / "server.log", {"RAG_EMBEDDING_MODEL": "hash-256"})
    rag = Rag(settings)
    try:
        server.wait("/ready", 120)
        client = bhttp.Client(server.port)
        q = measure_queries(rag, QUESTIONS, rounds=1, remote={"http_search": client.search, "http_ask": client.ask})
        client.close()
        for name in ("floor", "search", "ask", "http_search", "http_ask"):
            _positive(q[name], "p50_ms", "p95_ms", "n")
        _positive(q, "search_over_floor", "ask_over_search")
        assert isinstance(q["http_search_extra_ms"], float)
        for endpoint in ("search", "ask"):
            load = bhttp.load_test(server.port, endpoint, QUESTIONS, concurrency=4, requests=8, time_cap=30)
            assert load["errors"] == 0 and load["requests"] == 8, load
            _positive(load, "throughput_rps", "p50_ms", "p95_ms")
    finally:
        server.stop()
        rag.close()

    cold = bhttp.cold_start(settings.home, tmp_path / "cold.log", QUESTIONS[0], extra_env={"RAG_EMBEDDING_MODEL": "hash-256"})
    _positive(cold, "health_s", "first_answer_s", "ready_s")
    assert cold["health_s"] <= cold["first_answer_s"]


def test_store_scale_in_process_and_in_a_child(tmp_path: Path) -> None:
    row = measure_store_scale(400, tmp_path / "s", dim=32, queries=5)
    assert row["chunks"] == 400
    _positive(row, "build_s", "chunks_per_s", "disk_bytes_per_chunk", "query_first_ms")
    _positive(row["query"], "p50_ms", "p95_ms")
    _positive(row["get_by_id"], "p50_ms")
    child = _scale_point(300, tmp_path / "c", 32, timeout=120)
    assert child["status"] == "measured" and child["chunks"] == 300
    guess = _extrapolated(3000, [child])
    assert guess is not None and guess["status"] == "extrapolated" and guess["build_s"] > 0


def test_embedders_and_cache(tmp_path: Path) -> None:
    texts = ["potash sanctions on Belarus", "a visit to Minsk", "diplomats return"]
    out = measure_embedders({"a": lambda: HashEmbedder(64), "b": lambda: HashEmbedder(64)}, texts, QUESTIONS, rounds=2)
    for r in out.values():
        _positive(r, "chunks_per_s")
        _positive(r["query"], "p50_ms")
        assert r["cosine_min"] == pytest.approx(1.0)
    cache = measure_cache(HashEmbedder(64), texts, tmp_path / "c.sqlite")
    assert (cache["misses"], cache["hits"]) == (3, 3)
    _positive(cache, "cold_s", "warm_s", "warm_chunks_per_s")


def test_report_has_every_section_and_target() -> None:
    results: dict[str, Any] = {
        "meta": {"command": "rag bench --quick"},
        "indexing": {"generated": {"documents": 2, "chunks": 4, "build_s": 1.0, "floor_s": 0.9, "build_over_floor": 1.11,
                                   "chunks_per_s": 4.0, "reindex_unchanged_s": 0.01, "reindex_over_build": 0.01,
                                   "rebuild_from_cache_s": 0.1, "peak_rss_mb": 100.0}},
        "queries": {"floor": {"p50_ms": 5.0, "p95_ms": 6.0, "n": 3}, "search": {"p50_ms": 7.0, "p95_ms": 8.0, "n": 3},
                    "ask": {"p50_ms": 9.0, "p95_ms": 10.0, "n": 3}, "search_over_floor": 1.4, "ask_over_search": 1.3,
                    "http_search_extra_ms": 1.0},
        "cold_start": {"health_s": 1.0, "first_answer_s": 3.0, "ready_s": 3.0},
        "load": {"rows": [{"endpoint": "/search", "concurrency": 1, "requests": 5, "planned": 5, "throughput_rps": 9.0,
                           "p50_ms": 1.0, "p95_ms": 2.0, "errors": 0, "hit_time_cap": False}], "time_cap_s": 5},
    }
    results["targets"] = verdicts(results)
    by_key = {v["key"]: v for v in results["targets"]}
    assert set(by_key) == {t.key for t in TARGETS}
    assert by_key["indexing"]["status"] == "PASS" and by_key["scale"]["status"] == "NOT MEASURED"
    text = render(results)
    for heading in ("Indexing", "Queries", "Cold start", "Load", "Targets"):
        assert f"### {heading}" in text
    json.dumps(results)


def test_sizes_and_questions() -> None:
    assert _sizes("10k,100k,1m") == [10_000, 100_000, 1_000_000]
    assert len(questions(5)) == 5


@pytest.mark.slow
def test_onnx_backend_agrees_with_torch_on_the_seeds() -> None:
    """The ONNX export (fp32) gives the torch model's vectors; int8 stays close."""
    pytest.importorskip("onnx")
    from rag.config import packaged_model_path
    from rag.embedding import OnnxEmbedder, SentenceTransformerEmbedder

    path = str(packaged_model_path())
    texts = chunk_texts(Settings(embedding_model="hash-256"), [SEEDS])
    ref = SentenceTransformerEmbedder(path, "packaged").embed(texts)
    fp32 = OnnxEmbedder(path, "packaged").embed(texts)
    assert fp32.shape == ref.shape and float(np.min(np.sum(ref * fp32, axis=1))) > 0.99
    long_text = " ".join(texts)  # truncated to the model's 256 tokens by both
    assert float(OnnxEmbedder(path, "packaged").embed([long_text])[0] @ SentenceTransformerEmbedder(path, "p").embed([long_text])[0]) > 0.99
    int8 = OnnxEmbedder(path, "packaged", quantize=True)
    assert int8.name == "packaged#int8"
    assert float(np.mean(np.sum(ref * int8.embed(texts), axis=1))) > 0.98


def test_upload_measurement_reports_positive_figures(tmp_path: Path) -> None:
    from bench.uploads import measure

    figures = measure(12, 1, tmp_path)
    assert set(figures) == {"index_s", "upload_s", "first_search_after_upload_s", "search_s"}
    assert all(v > 0 for v in figures.values())
