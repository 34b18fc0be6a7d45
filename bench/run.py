"""`rag bench`: run every measurement once, print the tables (or JSON) with PASS/FAIL against the targets."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.report import render, verdicts
from bench.stats import load_average

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "eval" / "gold.jsonl"
FALLBACK_QUESTIONS = [
    "When was the cap on U.S. diplomats in Minsk lifted?", "What is the population of Belarus?",
    "Who met Lukashenka in Minsk in September 2019?", "potash sanctions",
]


def _log(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


def questions(n: int) -> list[str]:
    """The first `n` gold-set questions (a fixed, varied workload), or a few built-in ones."""
    out: list[str] = []
    if GOLD.is_file():
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(str(json.loads(line)["question"]))
    return (out or FALLBACK_QUESTIONS)[:n]


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        mult = 1_000_000 if part.endswith("m") else 1_000 if part.endswith("k") else 1
        out.append(int(float(part.rstrip("mk")) * mult))
    return out


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag bench", description="Performance benchmark: indexing, queries, scale, "
                                "cold start and load, each against its floor and the targets.")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    p.add_argument("--quick", action="store_true", help="small sizes for a smoke run (200 docs, scale 1k and 10k)")
    p.add_argument("--sizes", type=_sizes, help="store sizes to measure, e.g. 10k,100k,1m (default 10k,100k)")
    p.add_argument("--extrapolate", type=_sizes, help="sizes to extrapolate, labelled so (default 1m unless measured)")
    p.add_argument("--docs", type=int, help="documents in the generated corpus (default 2000)")
    p.add_argument("--questions", type=int, help="gold questions per latency round (default 30)")
    p.add_argument("--rounds", type=int, help="latency rounds over the questions (default 2)")
    p.add_argument("--load-requests", type=int, help="requests per load level (default 120)")
    p.add_argument("--time-cap", type=float, help="seconds per load level at most (default 30)")
    p.add_argument("--scale-timeout", type=float, default=900.0, help="seconds per store size at most (default 900)")
    p.add_argument("--skip", default="", help="comma list of sections to skip: levers,indexing,queries,load,cold,scale")
    p.add_argument("--out", type=Path, help="also write the JSON to this file")
    p.add_argument("--keep", action="store_true", help="keep the temporary RAG_HOME directories")
    return p


def _scale_point(n: int, home: Path, dim: int, timeout: float) -> dict[str, Any]:
    """One store size in a child process (clean RSS); on timeout, the partial build rate."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "bench.worker", "scale", str(n), str(home), str(dim)]
    last: dict[str, Any] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    result: dict[str, Any] | None = None
    try:
        for line in proc.stdout:
            if time.perf_counter() - t0 > timeout:
                break
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "progress" in msg:
                last = msg
            elif "result" in msg:
                result = msg["result"]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if result is not None:
        return {**result, "status": "measured"}
    err = (proc.stderr.read() if proc.stderr else "")[-500:]
    done, elapsed = int(last.get("progress", 0)), float(last.get("elapsed_s", 0.0))
    row: dict[str, Any] = {"chunks": n, "status": "not finished", "inserted": done, "elapsed_s": elapsed}
    if done and elapsed:
        row.update(chunks_per_s=round(done / elapsed, 1), build_s=round(n / (done / elapsed), 1),
                   note=f"stopped after {elapsed:.0f} s with {done:,} of {n:,} inserted; build s extrapolated from "
                        "that rate (a lower bound: insertion slows as the graph grows); latency not measured")
    else:
        row["note"] = f"no progress before the {timeout:g} s cap: {err.strip() or 'no output'}"
    return row


def _extrapolated(n: int, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    measured = [r for r in rows if r.get("status") == "measured"]
    if not measured:
        return None
    base = max(measured, key=lambda r: r["chunks"])
    rate = base["chunks_per_s"]
    return {"chunks": n, "status": "extrapolated", "build_s": round(n / rate, 1) if rate else None,
            "chunks_per_s": rate, "rss_bytes_per_chunk": base["rss_bytes_per_chunk"],
            "disk_bytes_per_chunk": base["disk_bytes_per_chunk"],
            "disk_mb": round(base["disk_bytes_per_chunk"] * n / 2**20, 1) if base["disk_bytes_per_chunk"] else None,
            "note": f"extrapolated linearly from the {base['chunks']:,}-chunk run (not run: too slow for the default "
                    "budget on this machine; pass --sizes to measure it); build time is a lower bound, latency not "
                    "extrapolated"}


def _section(results: dict[str, Any], name: str, skip: set[str], fn: Callable[[], Any]) -> None:
    if name in skip:
        return
    _log(f"{name}...")
    t0 = time.perf_counter()
    try:
        fn()
    except Exception as e:  # one failed section must not lose the others' figures
        results.setdefault("errors", {})[name] = f"{type(e).__name__}: {e}"
        _log(f"{name} failed: {type(e).__name__}: {e}")
    results.setdefault("section_seconds", {})[name] = round(time.perf_counter() - t0, 1)


def run(args: argparse.Namespace, argv: Sequence[str]) -> dict[str, Any]:
    """Every section, in an order that keeps them from disturbing each other; returns the results."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    from bench import http as bhttp
    from bench.corpus import generate_corpus
    from bench.measure import chunk_texts, measure_cache, measure_embedders, measure_indexing, measure_queries
    from rag.config import Settings
    from rag.embedding import HashEmbedder, OnnxEmbedder, SentenceTransformerEmbedder, make_embedder
    from rag.service import Rag

    quick = args.quick
    sizes = args.sizes or ([1_000, 10_000] if quick else [10_000, 100_000])
    extrapolate = args.extrapolate if args.extrapolate is not None else ([] if quick else [1_000_000])
    n_docs = args.docs or (200 if quick else 2000)
    qs = questions(args.questions or (10 if quick else 30))
    rounds = args.rounds or (1 if quick else 2)
    load_requests = args.load_requests or (30 if quick else 120)
    time_cap = args.time_cap or (15.0 if quick else 30.0)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    base = Settings(**{})  # RAG_* from the environment; every section gets its own temporary home
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    embedder_desc = f"{base.embedding_model} ({base.embedding_backend}"
    embedder_desc += f", {'int8' if getattr(base, 'embedding_quantize', False) else 'fp32'})" if base.embedding_backend == "onnx" else ")"
    results: dict[str, Any] = {"meta": {
        "command": "rag bench " + " ".join(argv), "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
                   f"Python {platform.python_version()}",
        "embedder": embedder_desc, "load_average_start": load_average(), "workdir": str(work),
        "sizes": sizes, "generated_docs": n_docs, "questions": len(qs), "rounds": rounds,
    }}
    real_model = not base.embedding_model.startswith("hash-")
    shared = make_embedder(base)  # one model instance for every in-process section
    try:
        def levers() -> None:
            texts = chunk_texts(base, [SEEDS])
            lever_qs = qs[:20]
            if real_model:
                import torch

                default_threads = torch.get_num_threads()
                path = base.resolved_embedding_model()

                def threads(n: int) -> Callable[[], None]:
                    return lambda: torch.set_num_threads(n)

                cands: dict[str, Callable[[], Any]] = {
                    f"torch, {default_threads} threads (default)": lambda: SentenceTransformerEmbedder(path, "torch"),
                    "torch, 1 thread": lambda: SentenceTransformerEmbedder(path, "torch"),
                    "onnx fp32, 1 thread": lambda: OnnxEmbedder(path, "onnx", threads=1),
                    f"onnx fp32, {default_threads} threads": lambda: OnnxEmbedder(path, "onnx", threads=default_threads),
                    "onnx int8, 1 thread": lambda: OnnxEmbedder(path, "onnx", threads=1, quantize=True),
                    f"onnx int8, {default_threads} threads": lambda: OnnxEmbedder(path, "onnx", threads=default_threads, quantize=True),
                }
                setup = {name: threads(1 if "1 thread" in name else default_threads) for name in cands}
                try:
                    emb = measure_embedders(cands, texts, lever_qs, rounds=1 if quick else 2, before_each=setup)
                finally:
                    torch.set_num_threads(default_threads)
            else:
                emb = measure_embedders({base.embedding_model: lambda: HashEmbedder(int(base.embedding_model[5:]))},
                                        texts, lever_qs, rounds=1)
            results["levers"] = {"embedders": emb, "texts": len(texts), "queries": len(lever_qs),
                                 "cache": measure_cache(shared, texts, work / "cache-lever.sqlite")}

        def indexing() -> None:
            gen_dir = generate_corpus(work / "generated-docs", n_docs, SEEDS)
            seeds = measure_indexing(base.model_copy(update={"home": work / "seeds-home"}), [SEEDS], shared)
            gen = measure_indexing(base.model_copy(update={"home": work / "generated-home"}), [gen_dir], shared)
            results["indexing"] = {"seeds": seeds, "generated": gen}

        server_home = work / "server-home"

        def queries() -> None:
            home = work / "seeds-home"
            if not (home / "corpus").is_dir():
                measure_indexing(base.model_copy(update={"home": home}), [SEEDS], shared)
            shutil.copytree(home, server_home, dirs_exist_ok=True)
            rag = Rag(base.model_copy(update={"home": home}), embedder=shared)
            server = bhttp.Server(server_home, work / "server.log")
            try:
                server.wait("/ready", 300)
                client = bhttp.Client(server.port)
                results["queries"] = measure_queries(rag, qs, rounds, {"http_search": client.search, "http_ask": client.ask})
                results["queries"]["server_rss_mb"] = server.rss_mb()
                client.close()
                if "load" not in skip:
                    _log("load...")
                    rows = []
                    for endpoint in ("search", "ask"):
                        for c in (1, 8, 32):
                            rows.append({"endpoint": f"/{endpoint}",
                                         **bhttp.load_test(server.port, endpoint, qs, c, load_requests, time_cap)})
                    results["load"] = {"rows": rows, "time_cap_s": time_cap, "requests_per_level": load_requests,
                                       "server_rss_mb_after": server.rss_mb()}
            finally:
                server.stop()
                rag.close()

        def cold() -> None:
            home = server_home if server_home.is_dir() else work / "seeds-home"
            if not (home / "corpus").is_dir():
                measure_indexing(base.model_copy(update={"home": home}), [SEEDS], shared)
            results["cold_start"] = bhttp.cold_start(home, work / "cold.log", qs[0])

        def scale() -> None:
            rows = []
            for n in sizes:
                _log(f"scale: {n:,} chunks")
                rows.append(_scale_point(n, work / f"scale-{n}", 384, args.scale_timeout))
                shutil.rmtree(work / f"scale-{n}", ignore_errors=True)
            for n in extrapolate:
                if n not in sizes:
                    row = _extrapolated(n, rows)
                    if row:
                        rows.append(row)
            results["scale"] = {"rows": rows, "dim": 384, "k": 20}

        # Indexing first, so its peak RSS is not inflated by the levers' extra models.
        _section(results, "indexing", skip, indexing)
        _section(results, "queries", skip, queries)
        _section(results, "cold", skip, cold)
        _section(results, "levers", skip, levers)
        _section(results, "scale", skip, scale)
    finally:
        close = getattr(shared, "close", None)
        if close:
            close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["meta"]["load_average_end"] = load_average()
    results["targets"] = verdicts(results)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `rag bench`; returns 0 when it ran (targets are reported, not enforced)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    results = run(args, argv)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(render(results))
    return 1 if results.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
