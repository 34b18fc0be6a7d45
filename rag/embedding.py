"""Embedders: a small protocol, the sentence-transformers implementation, a fake, a cache."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rag.errors import ConfigError
from rag.text import tokens

if TYPE_CHECKING:
    from rag.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.maximum(norms, 1e-12)).astype(np.float32)


def auto_device() -> str:
    """cuda when a GPU is usable, else mps, else cpu."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded once on first use."""

    def __init__(self, model: str, name: str, batch_size: int = 64, device: str | None = None, backend: str = "torch"):
        self.model_path = model
        self.name = name
        self.batch_size = batch_size
        self.device = device
        self.backend = backend
        self._model = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                from sentence_transformers import SentenceTransformer

                try:
                    kwargs = {"backend": self.backend} if self.backend != "torch" else {}
                    self._model = SentenceTransformer(self.model_path, device=self.device or auto_device(), **kwargs)
                except Exception as e:  # sentence-transformers raises many types for a bad name
                    raise ConfigError(f"embedding_model: cannot load {self.model_path!r}: {e}") from e
        return self._model

    @property
    def dim(self) -> int:
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs = model.encode([texts[i] for i in order], batch_size=self.batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)
        out = np.empty_like(vecs)
        out[order] = vecs
        return out.astype(np.float32)


class HashEmbedder:
    """A deterministic bag-of-words embedder for fast tests; no model, no meaning beyond words."""

    def __init__(self, dim: int = 256):
        self._dim = dim
        self.name = f"hash-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in tokens(t):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
                out[i, h % self._dim] += 1.0 if (h >> 63) & 1 else -1.0
            out[i, 0] += 1e-3
        return _normalise(out)


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
        self._db.close()


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for (`hash-N` gives the fast fake)."""
    name = settings.embedding_model
    if name.startswith("hash-"):
        try:
            return HashEmbedder(int(name.split("-", 1)[1]))
        except ValueError as e:
            raise ConfigError(f"embedding_model: {name!r} is not hash-<dim>") from e
    return SentenceTransformerEmbedder(settings.resolved_embedding_model(), name, settings.embedding_batch_size,
                                       settings.embedding_device, settings.embedding_backend)
