"""HTTP request and response schemas (pydantic lives at the edges only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, create_model


class AskRequest(BaseModel):
    question: str = Field(..., description="The question; not empty, at most RAG_MAX_QUESTION_CHARS characters.")
    k: int | None = Field(None, description="Passages to retrieve (1..RAG_MAX_K).")
    model: str | None = Field(None, description="A litellm model string; default: the configured model.")
    since: dt.date | None = None
    until: dt.date | None = None
    stream: bool = False


class CitationPublic(BaseModel):
    n: int
    doc_id: str
    title: str
    published: dt.date | None
    chunk_id: str
    start: int
    end: int
    quote: str
    score: float


class AnswerPublic(BaseModel):
    question: str
    answer: str
    abstained: bool
    confidence: float
    citations: list[CitationPublic]
    model: str
    timings_ms: dict[str, float]


class HitPublic(BaseModel):
    rank: int
    score: float
    chunk_id: str
    doc_id: str
    title: str
    published: dt.date | None
    publisher: str
    author: str
    start: int
    end: int
    text: str
    scores: dict[str, float]


class SearchPublic(BaseModel):
    query: str
    hits: list[HitPublic]


class DocumentIn(BaseModel):
    text: str = Field(..., description="Plain text of the document.")
    title: str | None = None
    doc_id: str | None = None
    published: dt.date | None = None
    metadata: dict[str, Any] | None = None


class DocumentSummary(BaseModel):
    doc_id: str
    title: str
    published: dt.date | None
    publisher: str
    chunks: int


class DocumentPublic(DocumentSummary):
    text: str
    author: str
    source: str
    segments: list[list[int]] = Field(..., description="[start, end] spans of text kept as article body.")
    metadata: dict[str, Any]


class DocumentAdded(BaseModel):
    doc_id: str
    chunks: int
    replaced: bool


class ErrorPublic(BaseModel):
    error: str = Field(..., description="A machine-readable kind, e.g. invalid_input.")
    message: str
    status: int


class ChatMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model: str | None = None
    messages: list[ChatMessage]
    stream: bool = False
    temperature: float | None = None


def ask_request_model(max_question_chars: int, max_k: int) -> type[AskRequest]:
    """AskRequest with the configured limits in its schema, so clients (and fuzzers) see them."""
    return create_model(
        "AskRequest",
        __base__=AskRequest,
        question=(str, Field(..., min_length=1, max_length=max_question_chars, pattern=r"\S",
                             description=f"The question: not blank, at most {max_question_chars} characters.")),
        k=(int | None, Field(None, ge=1, le=max_k, description=f"Passages to retrieve, 1..{max_k}.")),
    )
