"""The content-hash embedding cache."""

from pathlib import Path

import numpy as np

from rag.embedding import HashEmbedder
from rag.embedding_cache import CachedEmbedder


def test_cache_embeds_each_text_once(tmp_path: Path) -> None:
    cached = CachedEmbedder(HashEmbedder(32), tmp_path / "c.sqlite")
    first = cached.embed(["a b c", "d e f"])
    again = cached.embed(["d e f", "a b c", "g h"])
    assert (cached.misses, cached.hits) == (3, 2)
    assert np.allclose(first[0], again[1]) and np.allclose(first[1], again[0])
    cached.close()
    reopened = CachedEmbedder(HashEmbedder(32), tmp_path / "c.sqlite")
    reopened.embed(["a b c"])
    assert (reopened.misses, reopened.hits) == (0, 1)
