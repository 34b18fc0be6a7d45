"""The vector store: a Chroma collection, local (PersistentClient) or remote (HttpClient)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.errors import ConfigError, IndexMismatchError, RagError
from rag.types import Chunk

if TYPE_CHECKING:
    from rag.config import Settings

log = logging.getLogger(__name__)
# chromadb's per-path shared-system cache is not safe to initialise from two threads at once.
_CLIENT_LOCK = threading.Lock()


def _client(settings: Settings):  # type: ignore[no-untyped-def]
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    try:
        with _CLIENT_LOCK:
            if settings.chroma_host:
                return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            settings.chroma_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as e:  # chromadb raises bare Exceptions for unreachable servers
        where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.chroma_dir)
        raise ConfigError(f"chroma: cannot open the vector store at {where}: {e}") from e


class VectorStore:
    """Chunk vectors keyed by chunk id, with the embedding model recorded on the collection."""

    def __init__(self, settings: Settings, model_name: str, dim: int):
        self.settings = settings
        self.model_name = model_name
        self.dim = dim
        self.client = _client(settings)
        self.collection = self._collection()
        self.max_batch = int(getattr(self.client, "get_max_batch_size", lambda: 5000)() or 5000)

    def _collection(self):  # type: ignore[no-untyped-def]
        meta = {"hnsw:space": "cosine", "embedding_model": self.model_name, "dim": self.dim}
        col = self.client.get_or_create_collection(self.settings.collection, metadata=meta, embedding_function=None)
        stored = col.metadata or {}
        if stored.get("embedding_model") not in (None, self.model_name) or stored.get("dim") not in (None, self.dim):
            raise IndexMismatchError(
                f"the index in collection {self.settings.collection!r} was built with embedding model "
                f"{stored.get('embedding_model')!r} (dim {stored.get('dim')}), but {self.model_name!r} "
                f"(dim {self.dim}) is configured; use the same model, or another RAG_HOME/RAG_COLLECTION, "
                "or rebuild with `rag index --rebuild`"
            )
        return col

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for i in range(0, len(chunks), self.max_batch):
            part = chunks[i : i + self.max_batch]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=np.ascontiguousarray(vectors[i : i + len(part)], dtype=np.float32),
                metadatas=[{"doc_id": c.doc_id, "start": c.start, "end": c.end} for c in part],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), self.max_batch):
            self.collection.delete(ids=list(ids[i : i + self.max_batch]))

    def ids_by_doc(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        total = self.collection.count()
        for offset in range(0, total, self.max_batch):
            got = self.collection.get(include=["metadatas"], limit=self.max_batch, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                out.setdefault(str((meta or {}).get("doc_id", cid.split(":")[0])), set()).add(cid)
        return out

    def count(self) -> int:
        return int(self.collection.count())

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) of the k nearest chunks.

        Chroma 1.x answers a k larger than the collection (or an empty one) with what it has,
        so the common path is one round trip; a count is asked for only if a query fails.
        """
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        try:
            res = self.collection.query(query_embeddings=query, n_results=k, where=where, include=["distances"])
        except Exception:  # a Chroma that refuses k > count: ask for the count, then retry
            try:
                n = self.count()
                if n == 0:
                    return []
                res = self.collection.query(query_embeddings=query, n_results=min(k, n), where=where,
                                            include=["distances"])
            except Exception as e:
                raise RagError(f"chroma query failed: {e}") from e
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=False)]

    def reset(self) -> None:
        """Drop the collection (the corpus stays; the index is rebuilt from it)."""
        try:
            self.client.delete_collection(self.settings.collection)
        except Exception:  # missing collection: nothing to drop
            log.debug("no collection to drop")
        self.collection = self._collection()
