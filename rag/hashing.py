"""Content hashes that make ids stable and indexing idempotent."""

from __future__ import annotations

import hashlib


def text_hash(text: str) -> str:
    """Hex SHA-256 of UTF-8 text, shortened to 16 characters (64 bits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def chunk_id(doc_id: str, text: str, start: int) -> str:
    """A chunk id from its document, content and position, stable across runs."""
    return f"{doc_id}:{start}:{text_hash(text)[:10]}"
