"""Core measurements: indexing against the embedding floor, query latency, store scale, embedding levers."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from bench.stats import disk_bytes, peak_rss_mb, reset_peak_rss, rss_mb, summary_ms, timed
from rag.chunking import chunk, embedding_text
from rag.config import Settings
from rag.documents import load_paths
from rag.embedding import Embedder
from rag.embedding_cache import CachedEmbedder
from rag.service import Rag
from rag.text import sentences
from rag.types import Chunk, Document


def _chunks(settings: Settings, paths: Sequence[Path]) -> list[tuple[Chunk, Document]]:
    docs, _ = load_paths([Path(p).resolve() for p in paths])
    return [(c, d) for d in docs for c in chunk(d, settings.chunk_chars, settings.chunk_overlap_sentences)]


def chunk_texts(settings: Settings, paths: Sequence[Path]) -> list[str]:
    """The chunk texts an index run embeds for `paths` (chunks with their titles)."""
    return [embedding_text(c, d) for c, d in _chunks(settings, paths)]


def index_texts(settings: Settings, paths: Sequence[Path]) -> list[str]:
    """Exactly the texts an index run embeds for `paths`: its chunks (with their titles), then each
    sentence of them once (the ranker's sentence vectors)."""
    chunks = _chunks(settings, paths)
    return [embedding_text(c, d) for c, d in chunks] + list(dict.fromkeys(s for c, _ in chunks for s in sentences(c.text)))


def measure_indexing(settings: Settings, paths: Sequence[Path], embedder: Embedder | None = None) -> dict[str, Any]:
    """Index `paths` into the empty home `settings.home`, then compare with the embedding floor.

    The model is loaded before any clock starts (its load time is reported apart), so the
    build and the floor both run on a warm model. Figures: the full build, a re-index of the
    unchanged corpus, a rebuild of the vector index from the embedding cache, and the floor:
    the same texts (`index_texts`) through the same embedder with no cache, store or corpus.
    """
    rag = Rag(settings, embedder=embedder)
    try:
        inner = rag.embedder.inner
        load_s, _ = timed(lambda: inner.embed(["warm up"]))
        store_open_s, _ = timed(lambda: rag.store.count())  # the chromadb import is a once-per-process cost
        rss_before = rss_mb()
        peak_reset = reset_peak_rss()
        build_s, report = timed(lambda: rag.index(list(paths)))
        peak = peak_rss_mb()
        reindex_s, again = timed(lambda: rag.index(list(paths)))
        misses = rag.embedder.misses
        rebuild_s, rebuilt = timed(lambda: rag.index(list(paths), rebuild=True))
        rebuild_model_texts = rag.embedder.misses - misses
        texts = index_texts(settings, paths)
        floor_s, _ = timed(lambda: inner.embed(texts))
        chunks = report.chunks
        return {
            "documents": report.documents,
            "chunks": chunks,
            "chunks_embedded": report.chunks_embedded,
            "model_load_s": round(load_s, 3),
            "store_open_s": round(store_open_s, 3),
            "build_s": round(build_s, 3),
            "floor_s": round(floor_s, 3),
            "build_over_floor": round(build_s / floor_s, 3) if floor_s else None,
            "chunks_per_s": round(chunks / build_s, 2) if build_s else None,
            "floor_chunks_per_s": round(chunks / floor_s, 2) if floor_s else None,
            "reindex_unchanged_s": round(reindex_s, 3),
            "reindex_embedded": again.chunks_embedded,
            "reindex_over_build": round(reindex_s / build_s, 4) if build_s else None,
            "rebuild_from_cache_s": round(rebuild_s, 3),
            "rebuild_written": rebuilt.chunks_embedded,
            "rebuild_model_texts": rebuild_model_texts,
            "rss_before_mb": rss_before,
            "peak_rss_mb": peak,
            "peak_rss_is_phase_peak": peak_reset,
            "disk_mb": round(disk_bytes(settings.home) / 2**20, 2),
        }
    finally:
        rag.close()


def measure_queries(rag: Rag, questions: Sequence[str], rounds: int = 2,
                    remote: Mapping[str, Callable[[str], Any]] | None = None) -> dict[str, Any]:
    """Latency of the query-embedding floor, `search` and offline `ask`, interleaved per question.

    Interleaving (floor, search, ask, then each remote call, for every question) spreads any
    background load evenly over what is compared. `remote` maps a name ("http_search") to a
    callable taking the question, timed the same way.
    """
    inner = rag.embedder.inner
    rag.warm()
    for q in questions[:3]:  # first-call costs (lazy imports, caches) are not steady state
        inner.embed([q])
        rag.search(q)
        rag.ask(q)
        for fn in (remote or {}).values():
            fn(q)
    times: dict[str, list[float]] = {"floor": [], "search": [], "ask": [], **{k: [] for k in remote or {}}}
    for _ in range(rounds):
        for q in questions:
            times["floor"].append(timed(partial(inner.embed, [q]))[0])
            times["search"].append(timed(partial(rag.search, q))[0])
            times["ask"].append(timed(partial(rag.ask, q))[0])
            for name, fn in (remote or {}).items():
                times[name].append(timed(partial(fn, q))[0])
    out: dict[str, Any] = {name: summary_ms(ts) for name, ts in times.items()}
    floor, search, ask = out["floor"]["p50_ms"], out["search"]["p50_ms"], out["ask"]["p50_ms"]
    out["search_over_floor"] = round(search / floor, 3) if floor else None
    out["ask_over_search"] = round(ask / search, 3) if search else None
    if "http_search" in out:
        out["http_search_extra_ms"] = round(out["http_search"]["p50_ms"] - search, 3)
    if "http_ask" in out:
        out["http_ask_extra_ms"] = round(out["http_ask"]["p50_ms"] - ask, 3)
    return out


def unit_vectors(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    """`n` random unit vectors (uniform on the sphere): synthetic, and a hard case for HNSW."""
    v = rng.standard_normal((n, dim), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def measure_store_scale(n: int, home: Path, dim: int = 384, queries: int = 60, k: int = 20, batch: int = 5000,
                        progress: Callable[[int, float], None] | None = None) -> dict[str, Any]:
    """Build a Chroma collection of `n` synthetic chunks through `VectorStore` and query it.

    Build time, RSS growth, disk per chunk, and p50/p95 of the two store calls a search
    makes: the k-nearest query (k=20 is the candidate pool for top_k=5) and fetching the
    vectors of 20 chunks by id (reranking). The first query is reported apart (cold).
    """
    from rag.store import VectorStore
    from rag.types import Chunk

    overrides: dict[str, Any] = {"home": home, "embedding_model": f"hash-{dim}"}
    settings = Settings(**overrides)
    rng = np.random.default_rng(n)
    rss0 = rss_mb()
    store = VectorStore(settings, f"synthetic-{dim}", dim)
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        m = min(batch, n - i)
        chunks = [Chunk(f"s{(i + j) // 8:07d}:{i + j}:synthetic", f"s{(i + j) // 8:07d}", "", 0, 0, (i + j) % 8)
                  for j in range(m)]
        store.upsert(chunks, unit_vectors(rng, m, dim))
        if progress:
            progress(i + m, time.perf_counter() - t0)
    build_s = time.perf_counter() - t0
    rss_built = rss_mb()
    qs = unit_vectors(rng, queries + 1, dim)
    first_s, _ = timed(lambda: store.query(qs[0], k))
    qtimes = [timed(partial(store.query, q, k))[0] for q in qs[1:]]
    gtimes = []
    for _ in range(queries):
        ids = [f"s{int(j) // 8:07d}:{int(j)}:synthetic" for j in rng.choice(n, size=min(20, n), replace=False)]
        gtimes.append(timed(partial(store.collection.get, ids=ids, include=["embeddings"]))[0])
    count = store.count()
    disk = disk_bytes(home)
    return {
        "chunks": count,
        "vectors": "synthetic",
        "dim": dim,
        "build_s": round(build_s, 2),
        "chunks_per_s": round(n / build_s, 1) if build_s else None,
        "query_first_ms": round(first_s * 1000, 2),
        "query": summary_ms(qtimes),
        "get_by_id": summary_ms(gtimes),
        "rss_growth_mb": round(rss_built - rss0, 1),
        "rss_bytes_per_chunk": round((rss_built - rss0) * 2**20 / n, 1) if n else None,
        "disk_mb": round(disk / 2**20, 1),
        "disk_bytes_per_chunk": round(disk / n, 1) if n else None,
    }


def measure_embedders(candidates: Mapping[str, Callable[[], Embedder]], texts: Sequence[str], queries: Sequence[str],
                      rounds: int = 2, before_each: Mapping[str, Callable[[], None]] | None = None) -> dict[str, Any]:
    """Throughput on `texts` and single-query latency for each embedder, in interleaved rounds.

    Each candidate is built (and warmed: load or export time reported) first; then every
    round runs each candidate in turn, so background load hits them alike. Cosine agreement
    is against the first candidate. `before_each` runs a setup (e.g. torch's thread count)
    before a candidate's turn.
    """
    built: dict[str, Embedder] = {}
    out: dict[str, Any] = {}
    for name, make in candidates.items():
        if before_each and name in before_each:
            before_each[name]()
        emb = make()
        load_s, _ = timed(partial(emb.embed, ["warm up"]))
        built[name] = emb
        out[name] = {"load_s": round(load_s, 3), "_tp": [], "_q": []}
    ref: np.ndarray | None = None
    for r in range(rounds):
        for name, emb in built.items():
            if before_each and name in before_each:
                before_each[name]()
            secs, vecs = timed(partial(emb.embed, list(texts)))
            out[name]["_tp"].append(len(texts) / secs if secs else 0.0)
            for q in queries:
                out[name]["_q"].append(timed(partial(emb.embed, [q]))[0])
            if r == 0:
                if ref is None:
                    ref = vecs
                cos = np.sum(ref * vecs, axis=1)
                out[name]["cosine_min"] = round(float(cos.min()), 5)
                out[name]["cosine_mean"] = round(float(cos.mean()), 5)
    for v in out.values():
        tp = sorted(v.pop("_tp"))
        v["chunks_per_s"] = round(tp[len(tp) // 2], 2)
        v["query"] = summary_ms(v.pop("_q"))
    return out


def measure_cache(inner: Embedder, texts: Sequence[str], path: Path) -> dict[str, Any]:
    """The content-hash cache: embedding through it cold (all misses), then warm (all hits)."""
    cached = CachedEmbedder(inner, path)
    try:
        cold_s, _ = timed(lambda: cached.embed(list(texts)))
        warm_s, _ = timed(lambda: cached.embed(list(texts)))
        return {"chunks": len(texts), "cold_s": round(cold_s, 6), "warm_s": round(warm_s, 6),
                "warm_chunks_per_s": round(len(texts) / warm_s, 1) if warm_s else None,
                "hits": cached.hits, "misses": cached.misses}
    finally:
        cached.close()
