"""The HTTP API served by a real uvicorn server on a free local port (fast fake embedder)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import LiveServer

from api.app import create_app
from rag import Rag, Settings

HARBOUR = (
    "Northport Harbour Bridge opens after six years\n\n"
    "The Northport Harbour Bridge opened to traffic on 14 March 1998, six years after construction began. "
    "The bridge cost 40 million pounds and carries four lanes of traffic across the estuary.\n\n"
    "Engineers said the bridge’s steel arch — the longest in the region — was designed to survive "
    "winds of 200 kilometres per hour.\n"
)
FESTIVAL = (
    "Riverside apple festival draws record crowds\n\n"
    "More than 12,000 visitors came to the Riverside apple festival on Saturday, organisers said. "
    "The festival, first held in 1972, celebrates the valley’s orchards with cider tastings and a parade.\n\n"
    "The mayor said next year’s festival will move to the larger Elm Park to cope with the crowds.\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("uvicorn")
    folder = root / "docs"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "festival.txt").write_text(FESTIVAL, encoding="utf-8")
    settings = Settings(home=root / "home", embedding_model="hash-256")
    rag = Rag(settings)
    report = rag.index([folder])
    rag.close()
    assert report.documents == 2
    with LiveServer(create_app(settings)).running() as live:  # the app builds and warms its own Rag
        yield live


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def check_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error", "message", "status"}
    assert body["status"] == status and body["message"]
    return body


def test_health_and_ready(client: httpx.Client) -> None:
    r = client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    r = client.get("/ready")
    assert r.status_code == 200 and r.json() == {"status": "ready"}


def test_page_is_served(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for element_id in ('id="question"', 'id="ask"', 'id="answer"', 'id="citations"', 'id="doc-view"', 'id="search-tab"'):
        assert element_id in r.text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in r.text  # document text only ever goes in via textContent / text nodes
    assert "http://" not in r.text and "https://" not in r.text  # nothing fetched from the internet


def test_documents_list_and_detail(client: httpx.Client) -> None:
    docs = client.get("/documents").json()
    assert {d["doc_id"] for d in docs} == {"harbour", "festival"}
    for d in docs:
        assert set(d) == {"doc_id", "title", "published", "publisher", "chunks"}
        assert d["chunks"] >= 1
    doc = client.get("/documents/harbour").json()
    assert doc["text"] == HARBOUR
    assert all(0 <= s < e <= len(doc["text"]) for s, e in doc["segments"])
    check_error(client.get("/documents/no-such-doc"), 404)


def test_ask_answer_shape_and_citation_offsets(client: httpx.Client) -> None:
    r = client.post("/ask", json={"question": "When did the Northport Harbour Bridge open to traffic?"})
    assert r.status_code == 200, r.text
    a = r.json()
    assert set(a) == {"question", "answer", "abstained", "confidence", "citations", "model", "timings_ms"}
    assert a["question"] == "When did the Northport Harbour Bridge open to traffic?"
    assert isinstance(a["answer"], str) and a["answer"]
    assert isinstance(a["abstained"], bool)
    assert 0.0 <= a["confidence"] <= 1.0
    assert isinstance(a["model"], str) and a["model"]
    assert all(isinstance(v, (int, float)) for v in a["timings_ms"].values())
    assert not a["abstained"], a
    assert a["citations"], a
    assert "1998" in a["answer"]
    texts: dict[str, str] = {}
    for c in a["citations"]:
        assert set(c) == {"n", "doc_id", "title", "published", "chunk_id", "start", "end", "quote", "score"}
        assert f"[{c['n']}]" in a["answer"]
        if c["doc_id"] not in texts:
            texts[c["doc_id"]] = client.get(f"/documents/{c['doc_id']}").json()["text"]
        text = texts[c["doc_id"]]
        assert 0 <= c["start"] < c["end"] <= len(text)
        assert text[c["start"] : c["end"]] == c["quote"]
    assert {c["doc_id"] for c in a["citations"]} == {"harbour"}


def test_citation_offsets_are_code_points(client: httpx.Client) -> None:
    """Offsets count Python code points, also after the curly apostrophe and the em dash."""
    a = client.post("/ask", json={"question": "What winds was the steel arch of the bridge designed to survive?"}).json()
    assert not a["abstained"] and a["citations"], a
    text = client.get("/documents/harbour").json()["text"]
    for c in a["citations"]:
        assert text[c["start"] : c["end"]] == c["quote"]
    assert any("200 kilometres" in c["quote"] for c in a["citations"])


def test_search(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "apple festival visitors", "k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "apple festival visitors"
    hits = body["hits"]
    assert 1 <= len(hits) <= 3
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert hits[0]["doc_id"] == "festival"
    for h in hits:
        text = client.get(f"/documents/{h['doc_id']}").json()["text"]
        assert text[h["start"] : h["end"]] == h["text"]
    check_error(client.get("/search"), 422)


@pytest.mark.parametrize("payload", [{"question": ""}, {"question": "   "}, {}, {"question": "x", "k": 0}])
def test_ask_rejects_bad_input_with_422(client: httpx.Client, payload: dict) -> None:
    body = check_error(client.post("/ask", json=payload), 422)
    assert body["error"] == "invalid_input"


def test_upload_text_and_file(client: httpx.Client) -> None:
    r = client.post("/documents", json={"text": "The lighthouse at Gull Point was automated in 1987.",
                                        "title": "Gull Point lighthouse", "doc_id": "gull-point"})
    assert r.status_code == 200, r.text
    assert r.json() == {"doc_id": "gull-point", "chunks": 1, "replaced": False}
    doc = client.get("/documents/gull-point").json()
    assert doc["title"] == "Gull Point lighthouse"

    files = {"file": ("ferry-notes.md", b"# Ferry notes\n\nThe ferry to Gull Point runs twice a day.\n", "text/markdown")}
    r = client.post("/documents", files=files, data={"title": "Ferry notes"})
    assert r.status_code == 200, r.text
    assert r.json()["doc_id"] == "ferry-notes"

    check_error(client.post("/documents", files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")}), 422)
    check_error(client.post("/documents", json={"text": "   "}), 422)
    for doc_id in ("gull-point", "ferry-notes"):
        assert client.delete(f"/documents/{doc_id}").status_code == 200
