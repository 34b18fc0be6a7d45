"""The on-disk embedding cache: any embedder wrapped so each text is embedded once per model."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.embedding import Embedder


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by model name and text hash.

    The cache makes re-indexing unchanged text free and lets a damaged vector index be
    rebuilt without re-running the model.
    """

    def __init__(self, inner: Embedder, path: Path):
        self.inner = inner
        self.name = inner.name
        self.path = path
        self.hits = 0
        self.misses = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._db.commit()

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                rows = self._db.execute(f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})", part)
                found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        todo = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        if todo:
            vecs = self.inner.embed([texts[i] for i in todo])
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                                     [(keys[i], vecs[j].tobytes()) for j, i in enumerate(todo)])
                self._db.commit()
            for j, i in enumerate(todo):
                found[keys[i]] = vecs[j]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    def close(self) -> None:
        # Under the lock: closing SQLite while another thread is inside execute() crashes the process.
        with self._lock:
            self._db.close()
