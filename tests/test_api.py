"""HTTP routes through FastAPI's TestClient, with the fast fake embedder."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from rag import Rag, Settings


def _client(settings: Settings, corpus: Path | None) -> Iterator[TestClient]:
    if corpus:
        Rag(settings).index([corpus])
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + 30
        while client.get("/ready", headers={"X-API-Key": settings.api_key or ""}).status_code != 200:
            assert time.monotonic() < deadline, "service never became ready"
            time.sleep(0.05)
        yield client


@pytest.fixture
def client(fake_settings: Settings, tiny_corpus: Path) -> Iterator[TestClient]:
    yield from _client(fake_settings, tiny_corpus)


def test_health_ask_and_search(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    body = client.post("/ask", json={"question": "Where was the treaty signed?"}).json()
    assert set(body) >= {"question", "answer", "abstained", "citations", "model", "timings_ms"}
    assert "Vienna" in body["answer"]
    c = body["citations"][0]
    assert client.get(f"/documents/{c['doc_id']}").json()["text"][c["start"] : c["end"]] == c["quote"]
    hits = client.get("/search", params={"q": "potash exports", "k": 1}).json()["hits"]
    assert len(hits) == 1 and hits[0]["doc_id"] == "beta"


@pytest.mark.parametrize(("payload", "fragment"), [
    ({"question": ""}, "question: String should have at least 1 character"),
    ({"question": "   "}, "question: String should match pattern"),
    ({"question": "x" * 2000}, "question: String should have at most 1000 characters"),
    ({}, "question: Field required"),
    ({"question": "treaty?", "k": 0}, "k: Input should be greater than or equal to 1"),
    ({"question": "treaty?", "k": 51}, "k: Input should be less than or equal to 50"),
    ({"question": "treaty?", "model": "nonsense"}, "model: 'nonsense' is not a litellm model string"),
])
def test_bad_questions_get_422_naming_the_problem(client: TestClient, payload: dict, fragment: str) -> None:
    r = client.post("/ask", json=payload)
    assert r.status_code == 422 and fragment in r.json()["message"] and r.json()["error"] == "invalid_input"


def test_documents_crud(client: TestClient) -> None:
    r = client.post("/documents", json={"text": "The lake Naroch is the largest lake in Belarus.", "doc_id": "lake",
                                        "title": "Lakes", "published": "2024-05-01"})
    assert r.status_code == 200 and r.json() == {"doc_id": "lake", "chunks": 1, "replaced": False}
    assert client.post("/documents", json={"text": "Naroch is big.", "doc_id": "lake"}).json()["replaced"] is True
    listed = {d["doc_id"]: d for d in client.get("/documents").json()}
    assert set(listed) == {"alpha", "beta", "lake"}
    files = {"file": ("notes.md", b"# Notes\n\nThe Pripyat marshes are wide and wet.", "text/markdown")}
    assert client.post("/documents", files=files).json()["doc_id"] == "notes"
    assert client.delete("/documents/lake").status_code == 200
    assert client.get("/documents/lake").status_code == 404
    assert client.delete("/documents/lake").json()["error"] == "not_found"


def test_upload_errors_are_specific(client: TestClient) -> None:
    bad_type = client.post("/documents", files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert bad_type.status_code == 422 and "unsupported type '.pdf'" in bad_type.json()["message"]
    latin = client.post("/documents", files={"file": ("x.txt", "Caf\xe9".encode("latin-1"), "text/plain")})
    assert latin.status_code == 422 and "not valid UTF-8" in latin.json()["message"]
    bad_id = client.post("/documents", json={"text": "hello there world", "doc_id": "../etc"})
    assert bad_id.status_code == 422 and "doc_id" in bad_id.json()["message"]


def test_oversized_body_is_413(fake_settings: Settings, tiny_corpus: Path) -> None:
    settings = fake_settings.model_copy(update={"max_upload_bytes": 2048})
    for client in _client(settings, tiny_corpus):
        r = client.post("/documents", content=b"x" * 200_000, headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_api_key_guards_everything_but_health(fake_settings: Settings, tiny_corpus: Path) -> None:
    settings = fake_settings.model_copy(update={"api_key": "s3cret"})
    for client in _client(settings, tiny_corpus):
        assert client.get("/health").status_code == 200
        for method, path in (("get", "/ready"), ("get", "/documents"), ("get", "/search?q=x"), ("get", "/")):
            assert getattr(client, method)(path).status_code == 401
        assert client.post("/ask", json={"question": "treaty?"}).status_code == 401
        ok = client.post("/ask", json={"question": "treaty?"}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        assert client.get("/documents", headers={"X-API-Key": "s3cret"}).status_code == 200


def test_streaming_and_openai_compatible_chat(client: TestClient) -> None:
    r = client.post("/ask", json={"question": "Where was the treaty signed?", "stream": True})
    events = [e for e in r.text.split("\n\n") if e]
    assert events[0].startswith("event: token") and events[-1].startswith("event: done")
    final = json.loads(events[-1].split("data: ", 1)[1])
    assert final["citations"] and "".join(json.loads(e.split("data: ", 1)[1])["text"] for e in events[:-1]) == final["answer"]

    chat = client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        {"role": "system", "content": "be brief"}, {"role": "user", "content": "Where was the treaty signed?"}]}).json()
    assert chat["object"] == "chat.completion" and "Vienna" in chat["choices"][0]["message"]["content"]
    assert chat["citations"][0]["doc_id"] == "alpha"
    streamed = client.post("/v1/chat/completions", json={"stream": True, "messages": [
        {"role": "user", "content": "Where was the treaty signed?"}]}).text
    assert streamed.rstrip().endswith("data: [DONE]") and '"citations"' in streamed


def test_not_ready_is_503_and_errors_have_one_shape(fake_settings: Settings) -> None:
    app = create_app(fake_settings)
    with TestClient(app) as client:
        app.state.ready.clear()
        r = client.post("/ask", json={"question": "anything?"})
        assert r.status_code == 503 and set(r.json()) == {"error", "message", "status"}
        assert client.get("/nope").json()["status"] == 404


def test_provider_failure_is_502_and_timeout_is_504(fake_settings: Settings, tiny_corpus: Path) -> None:
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            time.sleep(3)

        def log_message(self, *args: object) -> None:
            pass

    slow = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    try:
        down = fake_settings.model_copy(update={"model": "openai/stub", "llm_api_key": "k",
                                                "llm_api_base": f"http://127.0.0.1:{closed_port}/v1"})
        for client in _client(down, tiny_corpus):
            r = client.post("/ask", json={"question": "Where was the treaty signed?"})
            assert r.status_code == 502 and r.json()["error"] == "provider_error" and "openai/stub" in r.json()["message"]
        hung = down.model_copy(update={"llm_api_base": f"http://127.0.0.1:{slow.server_address[1]}/v1",
                                       "llm_timeout_s": 1.0})
        for client in _client(hung, None):
            t0 = time.monotonic()
            r = client.post("/ask", json={"question": "Where was the treaty signed?"})
            assert r.status_code == 504 and r.json()["error"] == "provider_timeout"
            assert time.monotonic() - t0 < 10
    finally:
        slow.shutdown()
