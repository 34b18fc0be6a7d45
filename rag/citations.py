"""Locating quotes inside passages and verifying citations against document text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.types import Citation, Document, Hit

MARKER_RE = re.compile(r"\[(\d{1,3})\]")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    # Whitespace runs collapse to one space and quotes fold, keeping each output char's source index.
    out, idx = [], []
    prev_space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch.lower())
        idx.append(i)
    return "".join(out), idx


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text`: exact first, then ignoring case, spacing and quote style."""
    quote = quote.strip()
    if not quote:
        return None
    pos = text.find(quote)
    if pos >= 0:
        return pos, pos + len(quote)
    norm_text, index = _normalised_with_map(text)
    norm_quote, _ = _normalised_with_map(quote)
    norm_quote = norm_quote.strip(" .\"'")
    if len(norm_quote) < 8:
        return None
    pos = norm_text.find(norm_quote)
    if pos < 0:
        return None
    return index[pos], index[pos + len(norm_quote) - 1] + 1


@dataclass(frozen=True)
class ProposedCitation:
    """What an answerer claims: passage number n supports the answer with `quote`."""

    n: int
    quote: str


def verify(
    proposed: Sequence[ProposedCitation],
    passages: Sequence[Hit],
    docs: Mapping[str, Document],
) -> tuple[dict[int, Citation], list[str]]:
    """Turn proposed citations into verified ones, keyed by the passage number used.

    A citation of a passage that was not retrieved, or whose quote is not in it, is dropped
    (a quote that differs only in spacing, case or quote style is repaired to the exact span).

    Returns:
        ({old n: Citation}, [reasons for each dropped citation]).
    """
    verified: dict[int, Citation] = {}
    dropped: list[str] = []
    for p in proposed:
        if not 1 <= p.n <= len(passages):
            dropped.append(f"[{p.n}] cites a passage that was not retrieved")
            continue
        hit = passages[p.n - 1]
        span = locate(p.quote, hit.chunk.text) if p.quote else (0, len(hit.chunk.text))
        if span is None:
            dropped.append(f"[{p.n}] quote not found in passage: {p.quote[:80]!r}")
            continue
        start, end = hit.chunk.start + span[0], hit.chunk.start + span[1]
        doc = docs[hit.chunk.doc_id]
        quote = doc.text[start:end]
        if quote != hit.chunk.text[span[0] : span[1]]:
            dropped.append(f"[{p.n}] passage no longer matches its document")
            continue
        if p.n in verified:  # several quotes from one passage: keep the span covering them
            prev = verified[p.n]
            start, end = min(start, prev.start), max(end, prev.end)
            quote = doc.text[start:end]
        verified[p.n] = Citation(0, doc.doc_id, doc.title, doc.published, hit.chunk.chunk_id, start, end, quote, hit.score)
    return verified, dropped


def renumber(answer: str, verified: Mapping[int, Citation]) -> tuple[str, tuple[Citation, ...]]:
    """Number citations 1..n in order of first mention; drop markers of unverified passages."""
    order: list[int] = []
    for m in MARKER_RE.finditer(answer):
        n = int(m.group(1))
        if n in verified and n not in order:
            order.append(n)
    for n in verified:  # verified but never marked: still shown, after the marked ones
        if n not in order:
            order.append(n)
    new = {old: i + 1 for i, old in enumerate(order)}

    def sub(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[{new[n]}]" if n in new else ""

    text = re.sub(r"\s+([.,;:])", r"\1", MARKER_RE.sub(sub, answer)).strip()
    cites = tuple(
        Citation(new[old], c.doc_id, c.title, c.published, c.chunk_id, c.start, c.end, c.quote, c.score)
        for old, c in sorted(verified.items(), key=lambda kv: new[kv[0]])
    )
    return text, cites


def is_valid(citation: Citation, docs: Mapping[str, Document]) -> bool:
    """The invariant every returned citation satisfies."""
    doc = docs.get(citation.doc_id)
    return doc is not None and doc.text[citation.start : citation.end] == citation.quote
