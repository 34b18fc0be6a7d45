"""Embedders."""

import numpy as np

from rag.embedding import HashEmbedder


def test_hash_embedder_is_deterministic_and_normalised() -> None:
    e = HashEmbedder(64)
    a, b = e.embed(["potash sanctions", "potash sanctions"]), e.embed(["potash sanctions"])
    assert np.allclose(a[0], b[0]) and np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert e.embed([]).shape == (0, 64)
