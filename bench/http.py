"""The service over HTTP on 127.0.0.1: a server subprocess, a keep-alive client, cold start and a bounded load generator."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.stats import percentile, rss_mb

HOST = "127.0.0.1"  # the only host the benchmark talks to
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a server: this one's RAG_* settings, with its own RAG_HOME, offline."""
    env = {**os.environ, "RAG_HOME": str(home), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "LITELLM_LOCAL_MODEL_COST_MAP": "True", "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.update(extra or {})
    return env


class Server:
    """`python -m uvicorn --factory api.app:create_app` on 127.0.0.1 in a child process."""

    def __init__(self, home: Path, log_path: Path, extra_env: Mapping[str, str] | None = None):
        self.port = free_port()
        self.log_path = log_path
        self.started = time.perf_counter()
        self._log = open(log_path, "wb")  # closed in stop()
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", HOST,
               "--port", str(self.port), "--log-level", "warning", "--no-access-log"]
        self.proc = subprocess.Popen(cmd, cwd=str(ROOT), env=server_env(home, extra_env), stdout=self._log,
                                     stderr=subprocess.STDOUT)

    def wait(self, path: str, timeout: float, method: str = "GET", body: Any = None, interval: float = 0.01) -> float:
        """Seconds from process start until `path` answers 200; raises if the process dies or time runs out."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
                payload = json.dumps(body).encode() if body is not None else None
                conn.request(method, path, body=payload, headers={"Content-Type": "application/json"} if payload else {})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(interval)
        raise TimeoutError(f"{path} did not answer 200 within {timeout:g} s; see {self.log_path}")

    def rss_mb(self) -> float:
        """The server process's resident memory now, in MiB."""
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        """Stop this server (by its own process id) and close its log."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()


class Client:
    """A blocking keep-alive HTTP/1.1 client for sequential latency measurements."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=120)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        """(status, body) of one request; a JSON body when `body` is given."""
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            resp = self.conn.getresponse()
        except (OSError, http.client.HTTPException):  # the server closed an idle connection: reconnect once
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.conn.request(method, path, body=payload, headers=headers)
            resp = self.conn.getresponse()
        return resp.status, resp.read()

    def search(self, q: str) -> int:
        """GET /search?q=; raises unless 200."""
        status, _ = self.request("GET", "/search?" + urllib.parse.urlencode({"q": q}))
        if status != 200:
            raise RuntimeError(f"/search answered {status}")
        return status

    def ask(self, q: str) -> int:
        """POST /ask {"question": q}; raises unless 200."""
        status, _ = self.request("POST", "/ask", {"question": q})
        if status != 200:
            raise RuntimeError(f"/ask answered {status}")
        return status

    def close(self) -> None:
        """Close the kept-alive connection."""
        self.conn.close()


def cold_start(home: Path, log_path: Path, question: str, timeout: float = 300.0,
               extra_env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Seconds from spawning the server process to /health 200, /ready 200 and the first /ask 200."""
    server = Server(home, log_path, extra_env)
    try:
        health = server.wait("/health", timeout, interval=0.005)
        first_answer = server.wait("/ask", timeout, method="POST", body={"question": question}, interval=0.05)
        ready = server.wait("/ready", timeout)
        return {"health_s": round(health, 3), "first_answer_s": round(first_answer, 3), "ready_s": round(ready, 3),
                "server_rss_mb": server.rss_mb()}
    finally:
        server.stop()


def _request_bytes(method: str, path: str, body: bytes | None) -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: keep-alive\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + (body or b"")


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _load(port: int, make_request: Callable[[int], bytes], concurrency: int, requests: int,
                time_cap: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    issued = 0
    deadline = time.perf_counter() + time_cap

    async def worker() -> None:
        nonlocal issued
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while issued < requests and time.perf_counter() < deadline:
                n = issued
                issued += 1
                t0 = time.perf_counter()
                try:
                    writer.write(make_request(n))
                    await writer.drain()
                    status = await asyncio.wait_for(_read_response(reader), timeout=max(1.0, deadline - t0 + 30))
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError) as e:
                    errors.append(f"{type(e).__name__}: {e}")
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                    continue
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors.append(f"HTTP {status}")
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    ms = [x * 1000 for x in latencies]
    return {"concurrency": concurrency, "requests": len(latencies), "planned": requests, "errors": len(errors),
            "error_samples": sorted(set(errors))[:3], "wall_s": round(wall, 3),
            "throughput_rps": round(len(latencies) / wall, 2) if wall else 0.0,
            "p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "hit_time_cap": len(latencies) + len(errors) < requests}


def load_test(port: int, endpoint: str, questions: Sequence[str], concurrency: int, requests: int,
              time_cap: float) -> dict[str, Any]:
    """Send a fixed number of requests (or stop at the time cap) from `concurrency` keep-alive connections.

    Only 127.0.0.1 is ever contacted. `endpoint` is "search" (GET /search?q=) or "ask" (POST /ask).
    """
    def make(n: int) -> bytes:
        q = questions[n % len(questions)]
        if endpoint == "search":
            return _request_bytes("GET", "/search?" + urllib.parse.urlencode({"q": q}), None)
        return _request_bytes("POST", "/ask", json.dumps({"question": q}).encode())

    return asyncio.run(_load(port, make, concurrency, requests, time_cap))
