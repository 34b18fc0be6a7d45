"""The corpus map: PCA projection, near-duplicate links and the plot."""

import numpy as np
import pytest

from rag import Chunk, Rag
from rag.corpus_plot import corpus_map, corpus_vectors, duplicate_links, pca_2d


def test_pca_2d_recovers_the_main_directions() -> None:
    rng = np.random.default_rng(0)
    x = np.zeros((40, 8))
    x[:, 0] = rng.normal(0, 10, 40)
    x[:, 3] = rng.normal(0, 3, 40)
    x += rng.normal(0, 0.01, x.shape)
    points, explained = pca_2d(x)
    assert points.shape == (40, 2) and explained[0] > explained[1] > 0.05
    assert abs(np.corrcoef(points[:, 0], x[:, 0])[0, 1]) > 0.99
    assert abs(np.corrcoef(points[:, 1], x[:, 3])[0, 1]) > 0.99
    again, _ = pca_2d(-x)  # the sign convention makes the picture stable
    assert np.allclose(np.abs(again), np.abs(points))
    assert pca_2d(np.zeros((0, 4)))[0].shape == (0, 2)


def test_corpus_map_with_a_fake_embedder(fake_settings, tiny_corpus) -> None:  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    rag = Rag(fake_settings)
    try:
        rag.index([tiny_corpus])
        chunks, vectors = corpus_vectors(rag)
        assert len(chunks) == rag.status()["chunks"] and vectors.shape == (len(chunks), rag.embedder.dim)
        ax = corpus_map(rag, links=True)
        labels = ax.get_legend_handles_labels()[1]
        assert len(labels) == 2 and any("Alpha Report" in t for t in labels)
        assert "PCA" in ax.get_title()
    finally:
        rag.close()


def test_duplicate_links_join_group_members_only() -> None:
    chunks = [Chunk(f"{d}:0:x", d, "x", 0, 1, 0) for d in ("a", "b", "c")]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [1.0, 0.0]])
    links = duplicate_links(chunks, vectors, [["a", "b"]])
    assert [(i, j) for i, j, _ in links] == [(0, 1), (1, 0)]
    assert links[0][2] == pytest.approx(0.8)
