"""create_app(settings): the FastAPI application over one Rag instance."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, StreamingResponse
from starlette.datastructures import UploadFile as UploadFileType  # what request.form() returns

from api import errors
from api.schemas import (
    AnswerPublic,
    AskRequest,
    ChatRequest,
    DocumentAdded,
    DocumentIn,
    DocumentPublic,
    DocumentSummary,
    ErrorPublic,
    SearchPublic,
    ask_request_model,
)
from rag import Answer, InputError, NotReadyError, ProviderTimeout, Rag, Settings, make_document
from rag.documents import SUPPORTED_SUFFIXES, decode

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic} for code in (400, 401, 404, 413, 422, 502, 503, 504)
}
STREAMING_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    200: {"content": {"text/event-stream": {"schema": {}}},
          "description": "JSON, or Server-Sent Events when the request sets stream: true"},
}


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes with 413 (FastAPI has no cap)."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]], send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_big = errors.error_response(413, "too_large", f"request body is over the limit of {self.limit} bytes")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await too_big(scope, receive, send)
            return
        seen = 0

        async def limited() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise InputError(f"request body is over the limit of {self.limit} bytes")
            return message

        await self.app(scope, limited, send)


def create_app(settings: Settings | None = None, rag: Rag | None = None) -> FastAPI:
    """Build the app. The Rag (model, index) loads in the background; /ready says when.

    Args:
        settings: configuration; read from the environment when omitted.
        rag: an existing Rag to serve (tests, notebooks); built from settings otherwise.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rag = rag or Rag(settings)
        app.state.ready = threading.Event()
        app.state.load_error = None

        def warm() -> None:
            try:
                app.state.rag.warm()
                app.state.ready.set()
            except Exception as e:  # reported by /ready, not raised into the server loop
                log.exception("warm-up failed")
                app.state.load_error = str(e)

        warmer = threading.Thread(target=warm, name="rag-warmup", daemon=True)
        warmer.start()
        yield
        # Closing while warm-up still uses the model and caches would pull them from under it.
        await asyncio.to_thread(warmer.join, settings.request_timeout_s)
        app.state.rag.close()

    app = FastAPI(title="rag", version="0.1.0", lifespan=lifespan,
                  description="Question answering over documents with verified citations.")
    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type"])
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 64 * 1024)

    def require_key(request: Request) -> None:
        if not settings.api_key:
            return
        auth = request.headers.get("authorization", "")
        given = auth[7:] if auth.lower().startswith("bearer ") else request.headers.get("x-api-key", "")
        if not hmac.compare_digest(given.encode(), settings.api_key.encode()):
            from starlette.exceptions import HTTPException

            raise HTTPException(401, "missing or wrong API key: send Authorization: Bearer <key> or X-API-Key")

    def get_rag(request: Request) -> Rag:
        if not request.app.state.ready.is_set():
            reason = request.app.state.load_error
            raise NotReadyError(f"the index failed to load: {reason}" if reason else "the index and model are still loading")
        return request.app.state.rag

    async def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.wait_for(asyncio.to_thread(fn, *args, **kwargs), settings.request_timeout_s)
        except TimeoutError as e:
            raise ProviderTimeout(f"request took longer than {settings.request_timeout_s:g} s") from e

    guarded = [Depends(require_key)]

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """The process is alive."""
        return {"status": "ok"}

    @app.get("/ready", tags=["service"], dependencies=guarded, responses=ERROR_RESPONSES)
    def ready(request: Request) -> dict[str, Any]:
        """The index and model are loaded (503 until then)."""
        get_rag(request)
        return {"status": "ready"}

    @app.get("/", include_in_schema=False, dependencies=guarded)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    async def ask(body: AskRequest, request: Request) -> Any:
        """Answer a question with verified citations, or abstain; `stream: true` gives Server-Sent Events."""
        rag = get_rag(request)
        answer: Answer = await run(rag.ask, body.question, body.k, model=body.model, since=body.since, until=body.until)
        if body.stream:
            return StreamingResponse(_sse(answer), media_type="text/event-stream")
        return answer.to_dict()

    # The body model carries this app's limits, so it is built here and attached as an object.
    ask.__annotations__["body"] = ask_request_model(settings.max_question_chars, settings.max_k)
    app.post("/ask", tags=["qa"], dependencies=guarded, response_model=AnswerPublic, responses=STREAMING_RESPONSES)(ask)

    @app.get("/search", tags=["qa"], dependencies=guarded, response_model=SearchPublic, responses=ERROR_RESPONSES)
    async def search(request: Request,
                     q: str = Query(..., min_length=1, max_length=settings.max_question_chars, pattern=r"\S",
                                    description="the query"),
                     k: int | None = Query(None, ge=1, le=settings.max_k),
                     since: str | None = None, until: str | None = None) -> Any:
        """Ranked passages with document metadata, offsets and scores."""
        rag = get_rag(request)
        hits = await run(rag.search, q, k, since=_iso(since, "since"), until=_iso(until, "until"))
        return {"query": q, "hits": [h.to_dict() for h in hits]}

    @app.get("/documents", tags=["documents"], dependencies=guarded, response_model=list[DocumentSummary])
    def list_documents(request: Request) -> Any:
        """Ids, titles, dates and chunk counts."""
        rag = get_rag(request)
        return [_summary(rag, d) for d in rag.documents()]

    @app.get("/documents/{doc_id}", tags=["documents"], dependencies=guarded, response_model=DocumentPublic,
             responses=ERROR_RESPONSES)
    def get_document(doc_id: str, request: Request) -> Any:
        """A document's text and metadata."""
        rag = get_rag(request)
        doc = rag.document(doc_id)
        return {**_summary(rag, doc), "text": doc.text, "author": doc.author, "source": doc.source,
                "segments": [list(s) for s in doc.segments], "metadata": doc.metadata}

    @app.delete("/documents/{doc_id}", tags=["documents"], dependencies=guarded, responses=ERROR_RESPONSES)
    async def delete_document(doc_id: str, request: Request) -> dict[str, Any]:
        """Remove a document and every chunk of it."""
        await run(get_rag(request).delete_document, doc_id)
        return {"doc_id": doc_id, "deleted": True}

    @app.post("/documents", tags=["documents"], dependencies=guarded, response_model=DocumentAdded,
              responses=ERROR_RESPONSES)
    async def add_document(request: Request) -> Any:
        """Add or replace a document: JSON {text, title?, doc_id?, published?, metadata?} or a multipart file."""
        rag = get_rag(request)
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if not isinstance(upload, UploadFileType):
                raise InputError("file: a multipart upload needs a 'file' field")
            name = upload.filename or "upload.txt"
            suffix = Path(name).suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES:
                raise InputError(f"file: unsupported type {suffix or '(none)'!r}; use {', '.join(SUPPORTED_SUFFIXES)}")
            data = await upload.read()
            if len(data) > settings.max_upload_bytes:
                raise InputError(f"file: {len(data)} bytes is over the limit of {settings.max_upload_bytes}")
            text = decode(data, f"file {name}")
            meta = {k: str(v) for k, v in form.items() if k in ("title", "published") and v}
            doc_id = str(form.get("doc_id") or _slug(Path(name).stem))
            kind = suffix.lstrip(".")
        else:
            try:
                payload = DocumentIn.model_validate(await request.json())
            except json.JSONDecodeError as e:
                raise InputError(f"body: not valid JSON ({e.msg})") from e
            except ValueError as e:
                raise InputError(f"body: {e}") from e
            text, kind = payload.text, "txt"
            if len(text.encode("utf-8")) > settings.max_upload_bytes:
                raise InputError(f"text: over the limit of {settings.max_upload_bytes} bytes")
            meta = {**(payload.metadata or {})}
            if payload.title:
                meta["title"] = payload.title
            if payload.published:
                meta["published"] = payload.published.isoformat()
            doc_id = payload.doc_id or f"doc-{uuid.uuid4().hex[:12]}"
        replaced = doc_id in rag.corpus.ids()
        doc = make_document(doc_id, text, kind=kind, metadata=meta, source="api")
        chunks = await run(rag.add_document, doc)
        return {"doc_id": doc_id, "chunks": chunks, "replaced": replaced}

    @app.post("/v1/chat/completions", tags=["openai"], dependencies=guarded, responses=STREAMING_RESPONSES)
    async def chat(body: ChatRequest, request: Request) -> Any:
        """OpenAI-compatible chat: the last user message is the question; citations ride along."""
        rag = get_rag(request)
        question = _last_user_text(body)
        model = body.model if body.model and body.model not in ("rag", "default") else None
        answer: Answer = await run(rag.ask, question, model=model)
        created, cid = int(time.time()), f"chatcmpl-{uuid.uuid4().hex[:16]}"
        cites = [c.to_dict() for c in answer.citations]
        if body.stream:
            return StreamingResponse(_chat_stream(answer, cid, created, cites), media_type="text/event-stream")
        return {
            "id": cid, "object": "chat.completion", "created": created, "model": answer.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.answer},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "citations": cites, "abstained": answer.abstained,
        }

    return app


def _iso(value: str | None, name: str) -> Any:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise InputError(f"{name}: not an ISO date (YYYY-MM-DD): {value!r}") from e


def _slug(name: str) -> str:
    import re

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:100]
    return slug or f"doc-{uuid.uuid4().hex[:12]}"


def _summary(rag: Rag, doc: Any) -> dict[str, Any]:
    return {"doc_id": doc.doc_id, "title": doc.title, "published": doc.published, "publisher": doc.publisher,
            "chunks": rag.chunk_count(doc.doc_id)}


def _last_user_text(body: ChatRequest) -> str:
    for m in reversed(body.messages):
        if m.role == "user":
            if isinstance(m.content, list):
                return " ".join(str(p.get("text", "")) for p in m.content if isinstance(p, dict))
            return m.content or ""
    raise InputError("messages: no user message to answer")


def _words(text: str) -> Iterator[str]:
    parts = text.split(" ")
    for i, w in enumerate(parts):
        yield w if i == len(parts) - 1 else w + " "


def _sse(answer: Answer) -> Iterator[str]:
    for piece in _words(answer.answer):
        yield f"event: token\ndata: {json.dumps({'text': piece})}\n\n"
    yield f"event: done\ndata: {json.dumps(answer.to_dict(), ensure_ascii=False)}\n\n"


def _chat_stream(answer: Answer, cid: str, created: int, cites: list[dict[str, Any]]) -> Iterator[str]:
    base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": answer.model}
    yield f"data: {json.dumps({**base, 'choices': [{'index': 0, 'delta': {'role': 'assistant'}, 'finish_reason': None}]})}\n\n"
    for piece in _words(answer.answer):
        yield f"data: {json.dumps({**base, 'choices': [{'index': 0, 'delta': {'content': piece}, 'finish_reason': None}]})}\n\n"
    final = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "citations": cites}
    yield f"data: {json.dumps(final, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"
