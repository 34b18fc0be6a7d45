"""Retrieval: dense (Chroma), lexical (BM25), reciprocal rank fusion, reranking, duplicate collapse."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rag.answer_types import IMPERATIVE_VERBS, NP_END
from rag.slots import SOURCE_YEAR, excluded
from rag.text import QUESTION_WORDS, sentence_spans, sentences, tokens
from rag.types import Chunk, Document, Hit

RRF_K = 60


def rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the rankings (Cormack et al., SIGIR 2009)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


# "Name one city ...", "Tell me the year ...": the verb asks; the answer does not say "name" or "tell".
_IMPERATIVE = re.compile(rf"^\s*(?:{IMPERATIVE_VERBS})\b", re.IGNORECASE)
# "How does the NYT describe Belarus?", "What does the piece call him?": the answer is the description,
# which seldom says "described"; the verb frames the question. A text speaks in the present; "What did
# Smith call the mission?" asks for words he said, which the answer quotes with "called".
_DESCRIBING = re.compile(r"^(?=(?:how|what)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:does|do|is|are)\b)(?P<frame>[^?]*?)\b(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed)|"
                         r"portray(?:s|ed)?|depict(?:s|ed)?|call(?:s|ed)?|label(?:s|led|ed)?|term(?:s|ed)?)\b", re.IGNORECASE)
_HOW_MEASURE = re.compile(r"\bhow\s+(?:long|far|old|often|soon|big|large|tall|high|wide)\b", re.IGNORECASE)


# "The 2019 commentary on Bolton's visit": what the text is about describes the source, not the answer.
_SOURCE_ABOUT = re.compile(r"\b(?:commentary|article|report|reporting|piece|story|column|editorial|op-ed|coverage|analysis|"
                           r"overview|account)\s+(?:(?:written|published|posted|filed)\s+)?(?:on|about|after|following|"
                           r"covering)\s+(?P<np>[^,;:?!.\u2014]+)", re.IGNORECASE)
_NP_STOP = NP_END | frozenset("and or but did does do is was are were has have had will would can could".split())


def _without_source_subject(question: str) -> str:
    """The question without the phrase that says what a source it names is about ("the commentary on
    Bolton's visit" -> "the commentary"). The phrase runs to a function word, or through the noun that a
    possessive, a name or a number qualifies ("Bolton's 2019 trip")."""
    out, pos = [], 0
    for m in _SOURCE_ABOUT.finditer(question):
        end, qualified = m.start("np"), False
        for w in re.finditer(r"\S+", m.group("np")):
            word = w.group(0)
            if word.lower() in _NP_STOP:
                break
            end = m.start("np") + w.end()
            if qualified and word[:1].islower():
                break
            qualified = word[:1].isupper() or word[:1].isdigit() or word.endswith(("'s", "\u2019s"))
        out.append(question[pos : m.start("np")])
        pos = end
    out.append(question[pos:])
    return "".join(out)


def query_terms(question: str) -> list[str]:
    """Distinct content tokens of a question: question words dropped, and what it sets aside
    ("besides Lukashenko", `rag.slots.excluded`), which an answer need not hold."""
    seen: dict[str, None] = {}
    # "How long", "how old": the adjective asks for a measure; the answer says "two hours", not "long".
    rest = SOURCE_YEAR.sub(" ", _HOW_MEASURE.sub(" ", _IMPERATIVE.sub(" ", question)))
    rest = _DESCRIBING.sub(r"\g<frame> ", rest)
    rest = _without_source_subject(rest)
    unwanted = excluded(question) | (set(tokens(question)) - set(tokens(rest)))
    for t in tokens(question):
        if t not in QUESTION_WORDS and t not in unwanted:
            seen.setdefault(t, None)
    return list(seen)


class LexicalIndex:
    """BM25 over chunk texts (bm25s, Lucene variant; Robertson & Zaragoza 2009)."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]):
        import bm25s

        self.ids = list(ids)
        self.doc_tokens = [tokens(t) for t in texts]
        self.token_sets = {i: frozenset(t) for i, t in zip(self.ids, self.doc_tokens)}
        df: Counter[str] = Counter()
        for toks in self.doc_tokens:
            df.update(set(toks))
        self.n = len(self.ids)
        self.df = df
        self.bm25 = bm25s.BM25()
        if self.ids:
            self.bm25.index([t or ["\x00"] for t in self.doc_tokens], show_progress=False)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms weigh the most."""
        return math.log(1.0 + (self.n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))

    def search(self, question: str, k: int, allowed: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
        terms = [t for t in query_terms(question) if t in self.df]
        if not terms or not self.ids:
            return []
        want = min(self.n, k if allowed is None else max(k * 4, 50))
        docs, scores = self.bm25.retrieve([terms], k=want, show_progress=False)
        out = [(self.ids[int(i)], float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]
        if allowed is not None:
            out = [(i, s) for i, s in out if allowed(i)]
        return out[:k]

    def coverage(self, terms: Sequence[str], text_tokens: frozenset[str] | set[str]) -> float:
        """IDF-weighted share of `terms` present in a text's tokens."""
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in text_tokens) / total if total else 0.0


@dataclass(frozen=True)
class Catalog:
    """Everything retrieval needs in memory: documents, their chunks, and duplicate groups."""

    docs: Mapping[str, Document]
    chunks: Mapping[str, Chunk]
    canonical: Mapping[str, str]  # doc_id -> canonical doc_id of its near-duplicate group
    token_sets: Mapping[str, frozenset[str]] = field(default_factory=dict)  # chunk_id -> tokens, precomputed
    by_doc: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # doc_id -> its chunk ids, precomputed

    def doc_chunks(self) -> Mapping[str, tuple[str, ...]]:
        if self.by_doc or not self.chunks:
            return self.by_doc
        return chunk_ids_by_doc(self.chunks)

    def chunk_tokens(self, chunk_id: str) -> frozenset[str]:
        got = self.token_sets.get(chunk_id)
        return got if got is not None else frozenset(tokens(self.chunks[chunk_id].text))


def chunk_ids_by_doc(chunks: Mapping[str, Chunk]) -> dict[str, tuple[str, ...]]:
    """doc_id -> the ids of its chunks, in catalog order."""
    out: dict[str, list[str]] = {}
    for cid, c in chunks.items():
        out.setdefault(c.doc_id, []).append(cid)
    return {d: tuple(ids) for d, ids in out.items()}


def doc_filter(docs: Mapping[str, Document], since: dt.date | None, until: dt.date | None,
               only: frozenset[str] | None = None) -> Callable[[str], bool] | None:
    """A doc-id predicate for a publication-date window and a set of documents, or None when
    there is neither."""
    if since is None and until is None and only is None:
        return None

    def ok(doc_id: str) -> bool:
        if only is not None and doc_id not in only:
            return False
        if since is None and until is None:
            return True
        pub = docs[doc_id].published if doc_id in docs else None
        if pub is None:
            return False
        return (since is None or pub >= since) and (until is None or pub <= until)

    return ok


def collapse_duplicates(ranked: Sequence[str], catalog: Catalog, lexical: LexicalIndex,
                        allowed_doc: Callable[[str], bool] | None = None) -> list[str]:
    """Replace chunks of non-canonical near-duplicates by the canonical's closest chunk.

    The closest chunk is the canonical document's chunk sharing the most IDF-weighted terms;
    a replacement already ranked higher is dropped, so each passage appears once. A canonical
    document that the filter excludes does not replace anything.
    """
    by_doc = catalog.doc_chunks()
    out: list[str] = []
    for cid in ranked:
        doc_id = catalog.chunks[cid].doc_id
        canon = catalog.canonical.get(doc_id, doc_id)
        if canon != doc_id and canon in by_doc and (allowed_doc is None or allowed_doc(canon)):
            mine = catalog.chunk_tokens(cid)
            cid = max(by_doc[canon], key=lambda o: sum(lexical.idf(t) for t in mine & catalog.chunk_tokens(o)))
        if cid not in out:
            out.append(cid)
    return out


def rerank_score(dense: float, coverage: float, sentence_dense: float | None = None,
                 sentence_coverage: float | None = None) -> float:
    """Blend of semantic similarity and lexical coverage of the question's rare terms.

    With its best sentence's similarity and coverage, a passage weighs as a third of the score
    and its best sentence as two thirds: a fact is stated in a sentence, and a passage's vector
    and term counts dilute it among the sentences around it.
    """
    passage = 0.5 * dense + 0.5 * coverage
    if sentence_dense is None or sentence_coverage is None:
        return passage
    return (passage + sentence_dense + sentence_coverage) / 3.0


def best_sentence_coverage(lexical: LexicalIndex, terms: Sequence[str], text: str) -> float:
    """The highest `LexicalIndex.coverage` of the question's terms by one sentence of the text."""
    return max((lexical.coverage(terms, frozenset(tokens(s))) for s in sentences(text)), default=0.0)


def retrieve(
    question: str,
    *,
    catalog: Catalog,
    lexical: LexicalIndex,
    dense_search: Callable[[str, int], list[tuple[str, float]]],
    dense_scores: Callable[[str, Sequence[str]], dict[str, float]],
    k: int,
    sentence_scores: Callable[[str, Sequence[str]], dict[str, float]] | None = None,
    mode: str = "hybrid",
    rerank: bool = True,
    collapse: bool = True,
    since: dt.date | None = None,
    until: dt.date | None = None,
    docs: frozenset[str] | None = None,
) -> list[Hit]:
    """Rank chunks for a question.

    Args:
        question: the user's text.
        catalog: documents, chunks and duplicate groups.
        lexical: BM25 index over the catalog's chunks.
        dense_search: (question, n) -> [(chunk_id, cosine)], nearest chunks first.
        dense_scores: (question, chunk_ids) -> cosine for each id (for reranking fused candidates).
        k: hits to return.
        sentence_scores: (question, chunk_ids) -> the highest cosine of a sentence of each chunk;
            when given, the k hits that the passage scores chose are ordered by `rerank_score`
            with their best sentence (each keeps its passage score in `Hit.scores["passage"]`).
        mode: "dense", "lexical" or "hybrid" (RRF of both).
        rerank: rescore the fused candidates by `rerank_score`.
        collapse: fold near-duplicate documents into their canonical one.
        since, until: publication-date window.
        docs: only these documents' chunks, when given.
    """
    allowed_doc = doc_filter(catalog.docs, since, until, docs)
    allowed = (lambda cid: allowed_doc(catalog.chunks[cid].doc_id)) if allowed_doc else None  # noqa: E731
    pool = max(k * 4, 20)
    dense_hits: dict[str, float] = {}
    lex_hits: dict[str, float] = {}
    if mode in ("dense", "hybrid"):
        got = dense_search(question, pool if allowed is None else pool * 4)
        dense_hits = {cid: s for cid, s in got if cid in catalog.chunks and (allowed is None or allowed(cid))}
    if mode in ("lexical", "hybrid"):
        lex_hits = dict(lexical.search(question, pool, allowed))
    rankings = [list(r) for r in (dense_hits, lex_hits) if r]
    fused = rrf(rankings)
    ranked = sorted(fused, key=lambda c: -fused[c])
    scores = dict(fused)
    terms = query_terms(question) if rerank else []
    if rerank and ranked:
        missing = [c for c in ranked if c not in dense_hits]
        cos = {**dense_hits, **(dense_scores(question, missing) if missing else {})}
        scores = {c: rerank_score(cos.get(c, 0.0), lexical.coverage(terms, catalog.chunk_tokens(c))) for c in ranked}
        ranked = sorted(ranked, key=lambda c: -scores[c])
        dense_hits = cos
    if collapse and catalog.canonical:
        collapsed = collapse_duplicates(ranked, catalog, lexical, allowed_doc)
        for new, old in zip(collapsed, ranked):
            scores.setdefault(new, scores[old])
        ranked = collapsed
    passage_scores: dict[str, float] = {}
    if rerank and sentence_scores is not None and ranked:
        # Passages choose the hits and their best sentences order them. Reading sentences further
        # down lifted the rank of the first relevant passage no more, and moved passages that
        # compound questions need out of the hits. After the collapse, so that a copy's passages
        # are read as the canonical passages that stand for them.
        head = ranked[:k]
        missing = [c for c in head if c not in dense_hits]
        dense_hits = {**dense_hits, **(dense_scores(question, missing) if missing else {})}
        best = sentence_scores(question, head)
        for cid in head:
            passage_scores[cid] = scores[cid]
            scores[cid] = rerank_score(dense_hits.get(cid, 0.0), lexical.coverage(terms, catalog.chunk_tokens(cid)),
                                       best.get(cid, 0.0), best_sentence_coverage(lexical, terms, catalog.chunks[cid].text))
        ranked = sorted(head, key=lambda cid: -scores[cid]) + ranked[len(head):]
    hits = []
    for rank, cid in enumerate(ranked[:k], start=1):
        c = catalog.chunks[cid]
        doc = catalog.docs[c.doc_id]
        detail = {"dense": dense_hits.get(cid, 0.0), "lexical": lex_hits.get(cid, 0.0), "fused": fused.get(cid, 0.0)}
        if cid in passage_scores:
            detail["passage"] = passage_scores[cid]
        hits.append(Hit(c, scores.get(cid, 0.0), rank, doc.title, doc.published, doc.publisher, detail, doc.author))
    return hits



def diversify(hits: Sequence[Hit], k: int) -> list[Hit]:
    """The top k hits, then the best-ranked hit of each document not yet among them (up to k more).

    For questions whose parts live in different documents, so each source has a passage.
    """
    top = list(hits[:k])
    seen = {h.chunk.doc_id for h in top}
    for h in hits[k:]:
        if len(top) >= 2 * k:
            break
        if h.chunk.doc_id not in seen:
            top.append(h)
            seen.add(h.chunk.doc_id)
    return top


def interleave(rankings: Sequence[Sequence[Hit]], limit: int) -> list[Hit]:
    """Round-robin over several rankings, each chunk once, at most `limit` hits (ranks kept, as in `diversify`)."""
    out: list[Hit] = []
    seen: set[str] = set()
    for tier in itertools.zip_longest(*rankings):
        for h in tier:
            if h is not None and h.chunk.chunk_id not in seen and len(out) < limit:
                seen.add(h.chunk.chunk_id)
                out.append(h)
    return out


def answer_features(question: str, hits: Sequence[Hit], embed: Callable[[list[str]], np.ndarray],
                    query_vector: Callable[[], np.ndarray], idf: Callable[[str], float]) -> dict[str, Any]:
    """Retrieval evidence for the offline answerer: each sentence's similarity, the terms' IDF.

    Args:
        question: the question. hits: the passages. embed: texts -> unit vectors (a caching
        embedder embeds a sentence once). query_vector: the question's vector, computed on demand.
        idf: a term's IDF in the lexical index.

    Returns:
        {"terms": {term: idf}, "sentences": {n: [[start, end, similarity], ...]}}, n from 1.
    """
    spans = [sentence_spans(h.chunk.text) for h in hits]
    texts = [h.chunk.text[s:e] for h, sp in zip(hits, spans) for s, e in sp]
    sims = (embed(texts) @ query_vector()).tolist() if texts else []
    sentences: dict[str, list[list[float]]] = {}
    i = 0
    for n, sp in enumerate(spans, start=1):
        sentences[str(n)] = [[s, e, round(sims[i + j], 4)] for j, (s, e) in enumerate(sp)]
        i += len(sp)
    return {"terms": {t: round(idf(t), 4) for t in query_terms(question)}, "sentences": sentences}
