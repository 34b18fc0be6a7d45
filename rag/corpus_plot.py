"""The corpus map: a 2-D picture (PCA) of every chunk embedding, coloured by document, with near-duplicate links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from rag.render import _shorten, short_ids
from rag.types import Chunk

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from rag.service import Rag


def pca_2d(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project row vectors onto their first two principal components (SVD of the centred data) (pure).

    The sign of each component is fixed (its largest loading positive), so the
    picture does not flip between runs.

    Args:
        vectors: An (n, d) array.

    Returns:
        (points, explained): the (n, 2) projection and the share of variance
        each of the two components explains.
    """
    x = np.asarray(vectors, dtype=np.float64)
    if x.ndim != 2 or len(x) == 0:
        return np.zeros((len(x), 2)), np.zeros(2)
    x = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(x, full_matrices=False)
    comps = np.zeros((2, x.shape[1]))
    comps[: min(2, len(vt))] = vt[:2]
    signs = np.sign(comps[np.arange(2), np.abs(comps).argmax(axis=1)])
    comps *= np.where(signs == 0, 1.0, signs)[:, None]
    total = float((s**2).sum())
    var = np.zeros(2)
    var[: min(2, len(s))] = (s[:2] ** 2) / total if total > 0 else 0.0
    return x @ comps.T, var


def corpus_vectors(rag: Rag) -> tuple[list[Chunk], np.ndarray]:
    """Every chunk of the corpus with its embedding (from the embedding cache; the model only for misses).

    Args:
        rag: An indexed Rag.

    Returns:
        (chunks, vectors): chunks in document then position order, and an (n, d) array.
    """
    from rag.chunking import chunk, embedding_text

    docs = sorted(rag.documents(), key=lambda d: d.doc_id)
    pairs = [(c, d) for d in docs for c in chunk(d, rag.settings.chunk_chars, rag.settings.chunk_overlap_sentences)]
    if not pairs:
        return [], np.zeros((0, rag.embedder.dim), dtype=np.float32)
    vectors = rag.embedder.embed([embedding_text(c, d) for c, d in pairs])
    return [c for c, _ in pairs], np.asarray(vectors)


def duplicate_links(chunks: Sequence[Chunk], vectors: np.ndarray,
                    groups: Sequence[Sequence[str]]) -> list[tuple[int, int, float]]:
    """For each chunk of a near-duplicate group, its most similar chunk in another document of the group (pure).

    Args:
        chunks: The chunks, in the order of ``vectors``' rows.
        vectors: Their (n, d) embeddings, unit length (so a dot product is the cosine).
        groups: Near-duplicate groups of doc ids (``rag.status()["duplicate_groups"]``).

    Returns:
        ``(i, j, cosine)`` per chunk ``i`` of a grouped document, ``j`` being the nearest
        chunk of another document in its group.
    """
    group_of = {doc_id: k for k, g in enumerate(groups) for doc_id in g}
    doc_ids = np.array([c.doc_id for c in chunks])
    links: list[tuple[int, int, float]] = []
    for i, c in enumerate(chunks):
        k = group_of.get(c.doc_id)
        if k is None:
            continue
        others = np.flatnonzero([d != c.doc_id and group_of.get(d) == k for d in doc_ids])
        if len(others):
            sims = vectors[others] @ vectors[i]
            j = int(sims.argmax())
            links.append((i, int(others[j]), float(sims[j])))
    return links


def corpus_map(rag: Rag, ax: Axes | None = None, *, title_chars: int = 90, links: bool = False) -> Axes:
    """Scatter the chunk embeddings in 2-D (PCA), coloured by document, with a legend of titles.

    Near-duplicates (a translation of an article) land on top of their original;
    with ``links`` a faint line joins each chunk of a near-duplicate group to its
    closest chunk in the other member(s) of the group.

    Args:
        rag: An indexed Rag.
        ax: Axes to draw on; a new pyplot figure when None (so Jupyter shows it inline).
        title_chars: Legend titles are shortened to this many characters.
        links: Draw the near-duplicate links.

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    chunks, vectors = corpus_vectors(rag)
    points, explained = pca_2d(vectors)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    if links:
        for i, j, _ in duplicate_links(chunks, vectors, rag.status()["duplicate_groups"]):
            ax.plot(points[[i, j], 0], points[[i, j], 1], color="grey", linewidth=0.6, alpha=0.5, zorder=1)
    docs = {d.doc_id: d for d in rag.documents()}
    ids = sorted({c.doc_id for c in chunks})
    short = short_ids(ids)
    colours = plt.get_cmap("tab10")
    markers = "osD^vP*Xh<>p"
    for i, doc_id in enumerate(ids):
        sel = np.array([c.doc_id == doc_id for c in chunks])
        doc = docs.get(doc_id)
        title = _shorten(doc.title if doc and doc.title else doc_id, title_chars)
        label = f"{short[doc_id]} · {title} ({int(sel.sum())})"
        ax.scatter(points[sel, 0], points[sel, 1], s=46, marker=markers[i % len(markers)], color=colours(i % 10),
                   alpha=0.75, edgecolors="white", linewidths=0.5, label=label, zorder=2)
        cx, cy = points[sel].mean(axis=0)
        ax.annotate(short[doc_id], (cx, cy), fontsize=9, fontweight="bold", ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colours(i % 10), "alpha": 0.85}, zorder=3)
    ax.set_xlabel(f"PC1 ({explained[0]:.0%} of variance)")
    ax.set_ylabel(f"PC2 ({explained[1]:.0%} of variance)")
    ax.set_title(f"Corpus map: {len(chunks)} chunk embeddings of {len(ids)} documents (PCA)"
                 + ("\ngrey lines join near-duplicate chunks" if links else ""), fontsize="medium")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", frameon=False, ncol=1)
    fig = ax.get_figure()
    if fig is not None and hasattr(fig, "tight_layout"):
        fig.tight_layout()
    return ax
