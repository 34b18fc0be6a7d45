"""Splitting a document's kept text into overlapping, sentence-aligned chunks with offsets."""

from __future__ import annotations

from rag.hashing import chunk_id
from rag.text import sentence_spans
from rag.types import Chunk, Document


def blocks(doc: Document) -> list[tuple[int, int]]:
    """Runs of kept segments with nothing but whitespace dropped between them."""
    out: list[tuple[int, int]] = []
    for s, e in doc.segments:
        if out and not doc.text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _split_long(text: str, s: int, e: int, limit: int) -> list[tuple[int, int]]:
    # A "sentence" longer than a chunk (a run-on line, a table) is cut at whitespace.
    out = []
    while e - s > limit:
        cut = text.rfind(" ", s + limit // 2, s + limit)
        cut = cut if cut > s else s + limit
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out


def sentences(doc: Document, limit: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of the document's kept text (over-long ones cut to `limit`)."""
    spans = []
    for s, e in doc.segments:
        for a, b in sentence_spans(doc.text, s, e):
            spans.extend(_split_long(doc.text, a, b, limit) if limit and b - a > limit else [(a, b)])
    return spans


def chunk(doc: Document, chunk_chars: int = 700, overlap_sentences: int = 1) -> list[Chunk]:
    """Sentence-aligned chunks of about `chunk_chars`, overlapping by whole sentences.

    A chunk never spans text that cleaning dropped, and `chunk.text ==
    doc.text[chunk.start:chunk.end]` always holds.

    Args:
        doc: a cleaned document.
        chunk_chars: target size; a chunk grows by whole sentences up to it.
        overlap_sentences: sentences repeated at the start of the next chunk.
    """
    out: list[Chunk] = []
    all_sents = sentences(doc, chunk_chars)
    pos = 0
    for bs, be in blocks(doc):
        sents = []
        while pos < len(all_sents) and all_sents[pos][1] <= be:
            if all_sents[pos][0] >= bs:
                sents.append(all_sents[pos])
            pos += 1
        i = 0
        while i < len(sents):
            j = i + 1
            while j < len(sents) and sents[j][1] - sents[i][0] <= chunk_chars:
                j += 1
            start, end = sents[i][0], sents[j - 1][1]
            text = doc.text[start:end]
            out.append(Chunk(chunk_id(doc.doc_id, text, start), doc.doc_id, text, start, end, len(out)))
            if j >= len(sents):
                break
            i = max(i + 1, j - overlap_sentences)
    return out


def embedding_text(c: Chunk, doc: Document) -> str:
    """What gets embedded for a chunk: the document title gives passages their context."""
    return f"{doc.title}\n{c.text}" if doc.title and doc.title != doc.doc_id else c.text
