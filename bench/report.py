"""Targets from the issue, PASS/FAIL verdicts, and the markdown tables `rag bench` prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """One target: where its figure lives in the results, and the limit it must not exceed."""

    key: str
    text: str
    limit: float
    unit: str
    get: Callable[[dict[str, Any]], float | None]


def _dig(data: dict[str, Any], *path: Any) -> Any:
    for p in path:
        if not isinstance(data, dict) or p not in data:
            return None
        data = data[p]
    return data


def _scale_p95(res: dict[str, Any], n: int) -> float | None:
    for row in res.get("scale", {}).get("rows", []):
        if row.get("chunks") == n and row.get("status") == "measured":
            return _dig(row, "query", "p95_ms")
    return None


def _load_errors(res: dict[str, Any]) -> float | None:
    rows = res.get("load", {}).get("rows")
    return float(sum(r["errors"] for r in rows)) if rows else None


TARGETS: list[Target] = [
    Target("indexing", "indexing (generated corpus) <= 1.2x the embedding floor", 1.2, "x",
           lambda r: _dig(r, "indexing", "generated", "build_over_floor")),
    Target("indexing_seeds", "indexing (seeds) <= 1.2x the embedding floor", 1.2, "x",
           lambda r: _dig(r, "indexing", "seeds", "build_over_floor")),
    Target("reindex", "re-indexing an unchanged corpus <= 2% of a full build", 0.02, "",
           lambda r: _dig(r, "indexing", "generated", "reindex_over_build")),
    Target("search", "/search p50 <= 1.5x the query-embedding floor (in process)", 1.5, "x",
           lambda r: _dig(r, "queries", "search_over_floor")),
    Target("http", "/search p50 over HTTP <= in-process p50 + 3 ms", 3.0, "ms",
           lambda r: _dig(r, "queries", "http_search_extra_ms")),
    Target("ask", "offline /ask p50 <= 2x /search p50", 2.0, "x", lambda r: _dig(r, "queries", "ask_over_search")),
    Target("scale", "100k chunks: search p95 <= 50 ms (vector store query, synthetic vectors)", 50.0, "ms",
           lambda r: _scale_p95(r, 100_000)),
    Target("health", "/health answers within 2 s of process start", 2.0, "s",
           lambda r: _dig(r, "cold_start", "health_s")),
    Target("load", "zero errors under load (c = 1, 8, 32)", 0.0, "errors", _load_errors),
]


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its measured value and PASS, FAIL or NOT MEASURED."""
    out = []
    for t in TARGETS:
        value = t.get(results)
        status = "NOT MEASURED" if value is None else ("PASS" if value <= t.limit else "FAIL")
        out.append({"key": t.key, "target": t.text, "limit": t.limit, "unit": t.unit, "value": value, "status": status})
    return out


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 10 else f"{v:,.1f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _ratio(v: Any) -> str:
    return "–" if v is None else f"{v:.2f}x"


def render(results: dict[str, Any]) -> str:
    """The whole report as markdown: one table per section, then the targets."""
    parts: list[str] = []
    meta = results.get("meta", {})
    parts.append(f"Benchmark: `{meta.get('command', 'rag bench')}` on {meta.get('machine', '?')}; "
                 f"embedder {meta.get('embedder', '?')}; load average at start {meta.get('load_average_start')}, "
                 f"at end {meta.get('load_average_end')}.")
    idx = results.get("indexing", {})
    if idx:
        rows = []
        for name in ("seeds", "generated"):
            r = idx.get(name)
            if r:
                rows.append([f"{name} ({r['documents']} docs)", r["chunks"], r["build_s"], r["floor_s"],
                             _ratio(r["build_over_floor"]), r["chunks_per_s"], r["reindex_unchanged_s"],
                             f"{100 * (r['reindex_over_build'] or 0):.2f}%", r["rebuild_from_cache_s"], r["peak_rss_mb"]])
        parts.append("### Indexing (model loaded before timing)\n\n" + _table(
            ["corpus", "chunks", "build s", "floor s", "build/floor", "chunks/s", "re-index unchanged s",
             "re-index/build", "rebuild from cache s", "peak RSS MiB"], rows))
    q = results.get("queries", {})
    if q:
        rows = []
        for name, label in (("floor", "query embedding alone (floor)"), ("search", "search, in process"),
                            ("ask", "ask (offline), in process"), ("http_search", "GET /search over HTTP"),
                            ("http_ask", "POST /ask over HTTP")):
            if name in q:
                rows.append([label, q[name]["p50_ms"], q[name]["p95_ms"], q[name]["n"]])
        parts.append("### Queries (seeds index)\n\n" + _table(["what", "p50 ms", "p95 ms", "n"], rows)
                     + f"\n\nsearch/floor {_ratio(q.get('search_over_floor'))}, ask/search {_ratio(q.get('ask_over_search'))}, "
                     f"HTTP adds {q.get('http_search_extra_ms')} ms to search and {q.get('http_ask_extra_ms')} ms to ask (p50).")
    sc = results.get("scale", {})
    if sc.get("rows"):
        rows = []
        for r in sc["rows"]:
            if r.get("status") == "measured":
                rows.append([r["chunks"], "measured", r["build_s"], r["chunks_per_s"], r["query"]["p50_ms"],
                             r["query"]["p95_ms"], r["get_by_id"]["p50_ms"], r["rss_bytes_per_chunk"],
                             r["disk_bytes_per_chunk"], r["disk_mb"]])
            else:
                rows.append([r["chunks"], r["status"], r.get("build_s"), r.get("chunks_per_s"), None, None, None,
                             r.get("rss_bytes_per_chunk"), r.get("disk_bytes_per_chunk"), r.get("disk_mb")])
        notes = "".join(f"\n- {r['chunks']:,}: {r['note']}" for r in sc["rows"] if r.get("note"))
        parts.append("### Scale (Chroma through VectorStore, synthetic unit vectors, dim "
                     f"{sc.get('dim', 384)}, k=20)\n\n" + _table(
                         ["chunks", "status", "build s", "chunks/s", "query p50 ms", "query p95 ms",
                          "get 20 by id p50 ms", "RSS B/chunk", "disk B/chunk", "disk MiB"], rows) + ("\n" + notes if notes else ""))
    cs = results.get("cold_start", {})
    if cs:
        parts.append("### Cold start (spawn `python -m uvicorn --factory api.app:create_app`)\n\n" + _table(
            ["to /health 200 s", "to first /ask 200 s", "to /ready 200 s", "server RSS MiB"],
            [[cs.get("health_s"), cs.get("first_answer_s"), cs.get("ready_s"), cs.get("server_rss_mb")]]))
    ld = results.get("load", {})
    if ld.get("rows"):
        rows = [[r["endpoint"], r["concurrency"], f"{r['requests']}/{r['planned']}", r["throughput_rps"], r["p50_ms"],
                 r["p95_ms"], r["errors"], "yes" if r["hit_time_cap"] else "no"] for r in ld["rows"]]
        parts.append(f"### Load (127.0.0.1, keep-alive, {ld.get('time_cap_s')} s cap per level)\n\n" + _table(
            ["endpoint", "concurrency", "requests", "req/s", "p50 ms", "p95 ms", "errors", "hit time cap"], rows))
    lv = results.get("levers", {})
    if lv.get("embedders"):
        rows = [[name, r["load_s"], r["chunks_per_s"], r["query"]["p50_ms"], r["query"]["p95_ms"], r.get("cosine_min"),
                 r.get("cosine_mean")] for name, r in lv["embedders"].items()]
        text = ("### Levers: embedders on the seed chunks (interleaved rounds)\n\n"
                + _table(["embedder", "load/export s", "chunks/s", "query p50 ms", "query p95 ms", "cosine min",
                          "cosine mean"], rows))
        if lv.get("cache"):
            c = lv["cache"]
            text += (f"\n\nEmbedding cache (content hash): {c['chunks']} chunks cold {c['cold_s']} s, warm {c['warm_s']} s "
                     f"({c['warm_chunks_per_s']} chunks/s from cache).")
        parts.append(text)
    rows = [[v["target"], "–" if v["value"] is None else f"{v['value']:.4g} {v['unit']}".strip(), v["status"]]
            for v in results.get("targets", [])]
    parts.append("### Targets\n\n" + _table(["target", "measured", "verdict"], rows))
    return "\n\n".join(parts) + "\n"
