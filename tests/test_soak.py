"""Load and soak: a bounded run against a real server process on 127.0.0.1 (real model, real seeds)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = int(os.environ.get("RAG_SOAK_REQUESTS", "5000"))
CONCURRENCY = 16
TIME_CAP_S = 600
QUESTIONS = ["When was the cap on U.S. diplomats in Minsk lifted?", "How many political prisoners did Viasna count?",
             "Who is Christopher W. Smith?", "What is the population of Belarus?", "potash sanctions"]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_soak_zero_errors_bounded_memory(tmp_path: Path) -> None:
    env = {**os.environ, "RAG_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--index", str(ROOT / "seeds"), "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.3)

        latencies: list[float] = []
        errors: list[str] = []
        counter = iter(range(REQUESTS))
        lock = threading.Lock()
        warm_rss: list[int] = []
        stop_at = time.monotonic() + TIME_CAP_S

        def worker() -> None:
            with httpx.Client(base_url=base, timeout=60) as client:
                while time.monotonic() < stop_at:
                    with lock:
                        i = next(counter, None)
                    if i is None:
                        return
                    if i == REQUESTS // 10:
                        warm_rss.append(_rss_kb(proc.pid))
                    q = QUESTIONS[i % len(QUESTIONS)]
                    t0 = time.perf_counter()
                    try:
                        r = (client.post("/ask", json={"question": q}) if i % 2 else
                             client.get("/search", params={"q": q, "k": 5}))
                        ok = r.status_code == 200
                    except httpx.HTTPError as e:
                        ok, r = False, e  # type: ignore[assignment]
                    with lock:
                        latencies.append(time.perf_counter() - t0)
                        if not ok:
                            errors.append(str(getattr(r, "status_code", r)))

        threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        end_rss = _rss_kb(proc.pid)
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
        growth = (end_rss - warm_rss[0]) / warm_rss[0]
        print(f"\nsoak: {len(latencies)} requests, {len(errors)} errors, concurrency {CONCURRENCY}, "
              f"{len(latencies) / wall:.1f} req/s, p95 {p95:.1f} ms, RSS {warm_rss[0] // 1024} -> {end_rss // 1024} MiB "
              f"({growth:+.1%})")
        assert len(latencies) == REQUESTS, "the time cap ended the run early"
        assert errors == []
        assert growth < 0.10
    finally:
        proc.terminate()
        proc.wait(timeout=30)
