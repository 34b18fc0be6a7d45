"""What one upload costs the next query on a large corpus: `python -m bench.uploads --docs 1000`.

Every write rebuilds the in-memory catalog (chunks, near-duplicate groups, BM25) from the whole
corpus, and the first query after a write pays for it. The hash embedder keeps model time out
of the figures; the corpus is seed sentences recombined (bench.corpus), so many documents look
alike, which is the hard case for near-duplicate grouping.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from bench.corpus import generate_corpus
from bench.stats import percentile, timed
from rag.config import Settings
from rag.service import Rag

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def measure(n_docs: int, uploads: int, work: Path) -> dict[str, float]:
    """Seconds: the first index, then per upload the write itself and the first search after it."""
    corpus = generate_corpus(work / "corpus", n_docs, SEEDS)
    rag = Rag(Settings(home=work / "home", embedding_model="hash-256"))
    index_s, _ = timed(lambda: (rag.index([corpus]), rag.search("potash sanctions", 5)))
    writes, firsts, steady = [], [], []
    for i in range(uploads):
        text = f"Upload {i}: the embassy in Minsk reopened its visa section after talks on potash."
        writes.append(timed(partial(rag.add_text, text, doc_id=f"up{i}"))[0])
        firsts.append(timed(lambda: rag.search("visa section Minsk", 5))[0])
        steady.append(timed(lambda: rag.search("visa section Minsk", 5))[0])
    rag.close()
    return {"index_s": index_s, "upload_s": percentile(writes, 50),
            "first_search_after_upload_s": percentile(firsts, 50), "search_s": percentile(steady, 50)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[250, 1000], help="corpus sizes")
    parser.add_argument("--uploads", type=int, default=3, help="uploads per size (medians are printed)")
    args = parser.parse_args(argv)
    print(f"{'docs':>6}  {'index s':>8}  {'upload s':>8}  {'1st search after s':>18}  {'search s':>8}")
    for n in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            r = measure(n, args.uploads, Path(tmp))
        print(f"{n:>6}  {r['index_s']:>8.2f}  {r['upload_s']:>8.3f}  {r['first_search_after_upload_s']:>18.3f}  "
              f"{r['search_s']:>8.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
