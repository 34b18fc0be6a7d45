"""The stored corpus: one JSON file per document, the source of truth the index derives from."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rag.documents import validate_doc_id
from rag.errors import NotFoundError
from rag.types import Document


def document_to_json(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "text": doc.text,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "publisher": doc.publisher,
        "author": doc.author,
        "source": doc.source,
        "segments": [list(s) for s in doc.segments],
        "metadata": doc.metadata,
    }


def document_from_json(data: dict[str, Any]) -> Document:
    return Document(
        doc_id=data["doc_id"],
        text=data["text"],
        title=data.get("title", ""),
        published=dt.date.fromisoformat(data["published"]) if data.get("published") else None,
        publisher=data.get("publisher", ""),
        author=data.get("author", ""),
        source=data.get("source", ""),
        segments=tuple((int(s), int(e)) for s, e in data.get("segments", [])),
        metadata=dict(data.get("metadata") or {}),
    )


class Corpus:
    """Documents on disk under `root`, written atomically (temp file + rename)."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, doc_id: str) -> Path:
        return self.root / f"{validate_doc_id(doc_id)}.json"

    def put(self, doc: Document) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(document_to_json(doc), f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path(doc.doc_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, doc_id: str) -> Document:
        path = self._path(doc_id)
        if not path.is_file():
            raise NotFoundError(f"document {doc_id!r} not found")
        return document_from_json(json.loads(path.read_text(encoding="utf-8")))

    def delete(self, doc_id: str) -> None:
        self._path(doc_id).unlink(missing_ok=True)

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.json") if not p.name.startswith(".tmp-"))

    def all(self) -> list[Document]:
        """Every stored document; one deleted while listing is simply not included."""
        docs = []
        for doc_id in self.ids():
            try:
                docs.append(self.get(doc_id))
            except NotFoundError:
                continue
        return docs

    def clear_temp(self) -> None:
        """Remove temp files a killed writer left behind."""
        if self.root.is_dir():
            for p in self.root.glob(".tmp-*"):
                p.unlink(missing_ok=True)
