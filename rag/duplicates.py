"""Near-duplicate documents: MinHash over content terms, grouping, and the canonical pick."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from rag.text import content_terms
from rag.types import Document

NUM_PERM = 128
_PRIME = (1 << 61) - 1
_PAIR_BATCH = 65_536
_SIGNATURE_CACHE = 100_000


def minhash(terms: frozenset[str], num_perm: int = NUM_PERM, seed: int = 1) -> np.ndarray:
    """MinHash signature of a set (Broder 1997): min over terms of (a*h + b) mod p."""
    if not terms:
        return np.full(num_perm, _PRIME, dtype=np.uint64)
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _PRIME, num_perm, dtype=np.uint64)
    b = rng.integers(0, _PRIME, num_perm, dtype=np.uint64)
    h = np.array([int.from_bytes(hashlib.blake2b(t.encode(), digest_size=7).digest(), "little") for t in terms],
                 dtype=np.uint64)
    return ((np.outer(h, a) + b) % np.uint64(_PRIME)).min(axis=0)


_SIGNATURES: dict[bytes, np.ndarray] = {}


def _signature(body: str) -> np.ndarray:
    # Every write regroups the whole corpus; a text's signature is computed once. Keyed by a
    # digest, so the cache holds no document text.
    key = hashlib.blake2b(body.encode(), digest_size=16).digest()
    sig = _SIGNATURES.get(key)
    if sig is None:
        if len(_SIGNATURES) >= _SIGNATURE_CACHE:
            _SIGNATURES.clear()
        sig = minhash(frozenset(content_terms(body)))
        sig.setflags(write=False)
        _SIGNATURES[key] = sig
    return sig


def canonical_key(doc: Document) -> tuple[int, int, int]:
    """Sort key of the stated rule: known provenance first, then cleaner text, then longer.

    Provenance is a stated publisher or author (not "unknown"); cleaner text means fewer
    characters dropped by cleaning relative to its length (stray debris marks a conversion).
    """
    known = sum(1 for v in (doc.publisher, doc.author) if v and v.strip().lower() not in ("unknown", "not stated"))
    kept = sum(e - s for s, e in doc.segments)
    debris = sum(1 for line in doc.text.splitlines() if 0 < len(line.strip()) <= 2)
    return (-known, debris, -kept)


def groups(docs: Sequence[Document], threshold: float) -> list[list[str]]:
    """Groups (canonical first) of documents whose estimated Jaccard is >= threshold.

    Candidate pairs come from LSH banding of the signatures, so cost stays near linear.
    """
    if len(docs) < 2:
        return []
    sigs = {d.doc_id: _signature(d.body()) for d in docs}
    bands, rows = 64, NUM_PERM // 64
    buckets: dict[tuple[int, bytes], list[str]] = {}
    for doc_id, sig in sigs.items():
        for band in range(bands):
            buckets.setdefault((band, sig[band * rows : (band + 1) * rows].tobytes()), []).append(doc_id)
    parent = {d.doc_id: d.doc_id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index = {doc_id: i for i, doc_id in enumerate(sigs)}
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        ids = sorted(index[m] for m in members)
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    # Compared in bulk: a corpus of look-alike documents can put most pairs in some bucket.
    matrix = np.stack(list(sigs.values()))
    names = list(sigs)
    candidates = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    for lo in range(0, len(candidates), _PAIR_BATCH):
        part = candidates[lo : lo + _PAIR_BATCH]
        # The share of equal signature slots estimates the Jaccard similarity of the term sets.
        close = (matrix[part[:, 0]] == matrix[part[:, 1]]).mean(axis=1) >= threshold
        for a, b in part[close]:
            parent[find(names[a])] = find(names[b])
    by_root: dict[str, list[Document]] = {}
    for d in docs:
        by_root.setdefault(find(d.doc_id), []).append(d)
    return [[d.doc_id for d in sorted(g, key=canonical_key)] for g in by_root.values() if len(g) > 1]


def canonical_map(dup_groups: Sequence[Sequence[str]]) -> dict[str, str]:
    """doc_id -> canonical doc_id (each group's first), for members of near-duplicate groups only."""
    return {member: g[0] for g in dup_groups for member in g}
