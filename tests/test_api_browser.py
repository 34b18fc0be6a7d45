"""The web page at / in a real browser (Debian's Chromium via Playwright) against a real uvicorn server.

The server indexes the real seed documents with the real default embedding model, so the
answers, citations and highlights are the ones a user would see.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_server import LiveServer

from api.app import create_app
from rag import Rag, Settings

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu"]
QUESTION = "When was the cap on U.S. diplomats in Minsk lifted?"
UNANSWERABLE = "What is the population of Belarus?"
PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(home=tmp_path_factory.mktemp("browser") / "home")  # the packaged MiniLM model
    rag = Rag(settings)
    rag.index([SEEDS])
    # Serve the Rag that indexed, so the model loads once; the app still warms it and gates on /ready.
    with LiveServer(create_app(settings, rag=rag)).running() as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    try:
        yield pg
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def open_ready(page: Any, server: LiveServer) -> None:
    page.goto(server.url + "/")
    page.wait_for_selector('#status[data-state="ready"]', timeout=30_000)
    sync_api.expect(page.locator("#ask")).to_be_enabled()


def screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    out = os.environ.get("RAG_SCREENSHOT_DIR")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(out) / name)
    return path


def ask(page: Any, question: str) -> dict[str, Any]:
    """Type a question, press the button, return the /ask response the page received."""
    page.fill("#question", question)
    with page.expect_response(lambda r: r.url.endswith("/ask") and r.request.method == "POST") as info:
        page.click("#ask")
    body = info.value.json()
    sync_api.expect(page.locator("#ask-busy")).to_be_hidden()
    return body


def test_loading_state_until_ready(page: Any, server: LiveServer) -> None:
    """While /ready answers 503 the page says it is loading and keeps the controls disabled."""
    calls = {"n": 0}

    def not_yet(route: Any) -> None:
        calls["n"] += 1
        if calls["n"] <= 2:
            route.fulfill(status=503, content_type="application/json",
                          body=json.dumps({"error": "not_ready", "message": "the index and model are still loading",
                                           "status": 503}))
        else:
            route.continue_()

    page.route("**/ready", not_yet)
    page.goto(server.url + "/")
    sync_api.expect(page.locator("#loading")).to_be_visible()
    sync_api.expect(page.locator("#loading")).to_contain_text("Loading")
    sync_api.expect(page.locator("#status")).to_have_attribute("data-state", "loading")
    assert page.locator("#ask").is_disabled()
    page.wait_for_selector('#status[data-state="ready"]', timeout=15_000)
    sync_api.expect(page.locator("#loading")).to_be_hidden()
    sync_api.expect(page.locator("#ask")).to_be_enabled()
    sync_api.expect(page.locator("#status")).to_contain_text("5 documents")
    assert calls["n"] >= 3


def test_ask_click_marker_highlights_passage(page: Any, server: LiveServer, tmp_path: Path) -> None:
    open_ready(page, server)
    page.fill("#question", QUESTION)
    with page.expect_response(lambda r: r.url.endswith("/ask")) as info:
        page.press("#question", "Enter")  # Enter submits
    answer = info.value.json()
    assert not answer["abstained"], answer
    sync_api.expect(page.locator("#answer")).to_contain_text("January 2019")
    marker = page.locator('#answer button.marker[data-n="1"]')
    sync_api.expect(marker).to_be_visible()
    assert page.locator("#abstained").is_hidden()
    first = next(c for c in answer["citations"] if c["n"] == 1)
    sync_api.expect(page.locator("#citations li")).to_have_count(len(answer["citations"]))
    sync_api.expect(page.locator('#citations li[data-n="1"]')).to_contain_text(first["title"])

    marker.click()
    mark = page.locator("#doc-view mark.highlight")
    sync_api.expect(mark).to_have_count(1)
    assert mark.text_content() == first["quote"]
    sync_api.expect(page.locator("#doc-view")).to_have_attribute("data-doc-id", first["doc_id"])
    sync_api.expect(page.locator("#doc-title")).to_have_text(first["title"])
    doc = httpx.get(f"{server.url}/documents/{first['doc_id']}").json()
    meta = page.locator("#doc-meta")
    sync_api.expect(meta).to_contain_text(doc["publisher"])
    sync_api.expect(meta).to_contain_text("2019")  # 30 Aug 2019
    # The whole document is shown, and the mark sits at the citation's code-point offset.
    assert page.locator("#doc-text").text_content() == doc["text"]
    before = page.evaluate("""() => {
        const box = document.getElementById('doc-text'), m = box.querySelector('mark.highlight');
        const r = document.createRange(); r.setStart(box, 0); r.setEndBefore(m);
        return Array.from(r.toString()).length; }""")
    assert before == first["start"]
    # Scrolled into view inside the document panel.
    visible = page.evaluate("""() => {
        const box = document.getElementById('doc-text').getBoundingClientRect();
        const m = document.querySelector('#doc-text mark.highlight').getBoundingClientRect();
        return m.top >= box.top - 1 && m.bottom <= box.bottom + 1 && m.top >= 0 && m.bottom <= innerHeight; }""")
    assert visible
    page.wait_for_timeout(1300)  # let the highlight's flash animation finish before the screenshot
    shot = screenshot(page, tmp_path, "ask-answer.png")
    assert shot.stat().st_size > 10_000


def test_unanswerable_question_shows_not_in_documents(page: Any, server: LiveServer, tmp_path: Path) -> None:
    open_ready(page, server)
    answer = ask(page, UNANSWERABLE)
    screenshot(page, tmp_path, "abstained.png")
    # The backend's abstention is still being tuned; this asserts the intended behaviour.
    assert answer["abstained"], f"the service answered instead of abstaining: {answer['answer']!r}"
    sync_api.expect(page.locator("#abstained")).to_be_visible()
    sync_api.expect(page.locator("#abstained")).to_contain_text("Not in the documents")
    assert page.locator("#answer-card").is_hidden()
    sync_api.expect(page.locator("#citations li")).to_have_count(0)


def test_search_view_lists_passages(page: Any, server: LiveServer, tmp_path: Path) -> None:
    open_ready(page, server)
    page.click("#search-tab")
    sync_api.expect(page.locator("#search-view")).to_be_visible()
    page.fill("#search-q", "ambassadors return after 11 years")
    with page.expect_response(lambda r: "/search?" in r.url) as info:
        page.press("#search-q", "Enter")
    hits = info.value.json()["hits"]
    assert hits
    items = page.locator("#search-results li")
    sync_api.expect(items).to_have_count(len(hits))
    top = items.first
    sync_api.expect(top).to_contain_text(hits[0]["title"])
    sync_api.expect(top).to_contain_text(f"{hits[0]['score']:.3f}")
    sync_api.expect(top).to_contain_text(hits[0]["published"][:4])
    top.click()
    sync_api.expect(page.locator("#doc-view mark.highlight")).to_have_text(hits[0]["text"])
    page.wait_for_timeout(1300)  # the highlight's flash animation
    screenshot(page, tmp_path, "search.png")


def test_api_errors_are_shown_readably(page: Any, server: LiveServer) -> None:
    open_ready(page, server)
    page.route("**/ask", lambda route: route.fulfill(
        status=504, content_type="application/json",
        body=json.dumps({"error": "provider_timeout", "message": "request took longer than 120 s", "status": 504})))
    page.fill("#question", "Anything")
    page.click("#ask")
    err = page.locator("#ask-error")
    sync_api.expect(err).to_be_visible()
    sync_api.expect(err).to_contain_text("request took longer than 120 s")
    sync_api.expect(err).to_contain_text("504")
    # A real error from the server: an empty pasted document.
    page.click("#documents-tab")
    page.click("#upload-mode-text")
    page.fill("#upload-text", "   ")
    page.click("#upload-submit")
    sync_api.expect(page.locator("#upload-error")).to_contain_text("document is empty")


def test_uploaded_markup_never_runs(page: Any, server: LiveServer, tmp_path: Path) -> None:
    """Markup inside an uploaded document (text and title) is shown as text and never executes."""
    text = f"Pwn test memo.\n\nThe memo says the harbour opened in 1999. {PAYLOAD}\n\nEnd of memo."
    try:
        r = httpx.post(f"{server.url}/documents", timeout=60,
                       json={"text": text, "title": f"Memo {PAYLOAD}", "doc_id": "xss-memo", "published": "2020-01-02"})
        assert r.status_code == 200, r.text
        open_ready(page, server)
        page.click("#documents-tab")
        row = page.locator('#documents-list tr[data-doc-id="xss-memo"]')
        sync_api.expect(row).to_be_visible()
        row.click()
        sync_api.expect(page.locator("#doc-view")).to_have_attribute("data-doc-id", "xss-memo")
        sync_api.expect(page.locator("#doc-text")).to_contain_text(PAYLOAD)  # shown as text
        sync_api.expect(page.locator("#doc-title")).to_have_text(f"Memo {PAYLOAD}")

        # Through the page's own upload form (pasted text).
        page.click("#upload-mode-text")
        page.fill("#upload-title", f"Form {PAYLOAD}")
        page.fill("#upload-id", "xss-form")
        page.fill("#upload-text", f"Second memo about the harbour. {PAYLOAD}")
        page.click("#upload-submit")
        sync_api.expect(page.locator("#upload-result")).to_contain_text("xss-form")
        page.locator('#documents-list tr[data-doc-id="xss-form"]').click()
        sync_api.expect(page.locator("#doc-text")).to_contain_text(PAYLOAD)
        screenshot(page, tmp_path, "documents.png")

        # And in the search results.
        page.click("#search-tab")
        page.fill("#search-q", "memo harbour window pwned")
        page.press("#search-q", "Enter")
        sync_api.expect(page.locator("#search-results li", has_text="Memo <script>").first).to_be_visible()

        page.wait_for_timeout(300)  # give an injected onerror a chance to fire
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("main script, main img").count() == 0
    finally:
        for doc_id in ("xss-memo", "xss-form"):
            httpx.delete(f"{server.url}/documents/{doc_id}", timeout=60)
