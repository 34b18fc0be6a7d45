"""Generated corpora: the seed documents' sentences recombined into many distinct documents."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from rag.chunking import sentences
from rag.documents import load_paths

_NUMBER_RE = re.compile(r"\d+")
_TOPICS = ("trade", "diplomacy", "sanctions", "elections", "energy", "prisoners", "embassy", "potash", "visas",
           "security", "aviation", "media")


def seed_sentences(seeds: Path) -> list[str]:
    """The sentences of the seed documents' kept text, in order."""
    docs, _ = load_paths([seeds.resolve()])
    out: list[str] = []
    for d in docs:
        out.extend(" ".join(d.text[s:e].split()) for s, e in sentences(d, 600))
    return [s for s in out if len(s) > 20]


def generate_corpus(dest: Path, n_docs: int, seeds: Path, *, sentences_per_doc: int = 5, seed: int = 0) -> Path:
    """Write `n_docs` .txt documents (a title line, then paragraphs) under `dest`.

    Each document draws `sentences_per_doc` seed sentences at random and renumbers every
    number in them, so texts, titles and chunks differ between documents (nothing is an
    embedding-cache hit) while the language stays that of the seeds. A manifest gives each
    document a title and a publication date.
    """
    rng = random.Random(seed)
    pool = seed_sentences(seeds)
    dest.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict[str, str]] = {}
    for i in range(n_docs):
        picked = [_NUMBER_RE.sub(lambda m: str(rng.randint(2, 2999)), s) for s in rng.sample(pool, min(sentences_per_doc, len(pool)))]
        cut = max(1, len(picked) // 2)
        title = f"Report {i}: {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}"
        text = f"{title}\n\n{' '.join(picked[:cut])}\n\n{' '.join(picked[cut:])}\n"
        doc_id = f"gen{i:06d}"
        (dest / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        manifest[doc_id] = {"title": title, "published": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
    (dest / "manifest.json").write_text(json.dumps({"documents": manifest}, indent=1), encoding="utf-8")
    return dest
