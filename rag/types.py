"""Frozen records passed between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """A source document: its full text as stored and what is known about it.

    `text` is the text that citations point into (the file's text for .txt/.md,
    the extracted text for .html). `segments` are the (start, end) spans of
    `text` that cleaning kept as article body; everything else is furniture.
    """

    doc_id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    publisher: str = ""
    author: str = ""
    source: str = ""
    segments: tuple[tuple[int, int], ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def body(self) -> str:
        """The kept article text, segments joined by blank lines."""
        return "\n\n".join(self.text[s:e] for s, e in self.segments)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document: `text == document.text[start:end]`."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its score and the document's metadata."""

    chunk: Chunk
    score: float
    rank: int
    title: str = ""
    published: dt.date | None = None
    publisher: str = ""
    scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    author: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "chunk_id": self.chunk.chunk_id,
            "doc_id": self.chunk.doc_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher,
            "author": self.author,
            "start": self.chunk.start,
            "end": self.chunk.end,
            "text": self.chunk.text,
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
        }

    def _repr_html_(self) -> str:
        from rag.render import hit_html

        return hit_html(self)


@dataclass(frozen=True)
class Citation:
    """A verified pointer into a document: `quote == document.text[start:end]`."""

    n: int
    doc_id: str
    title: str
    published: dt.date | None
    chunk_id: str
    start: int
    end: int
    quote: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["score"] = round(self.score, 6)
        return d


@dataclass(frozen=True)
class Answer:
    """What `ask` returns: the answer text with [n] markers and its citations."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    model: str
    confidence: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    hits: tuple[Hit, ...] = field(default=(), compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "citations": [c.to_dict() for c in self.citations],
            "model": self.model,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }

    def _repr_html_(self) -> str:
        from rag.render import answer_html

        return answer_html(self)
