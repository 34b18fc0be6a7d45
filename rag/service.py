"""The Rag object: one per process, owning the corpus, embedder, vector store and answerer."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.answer import answer_from_hits, build_messages, is_offline
from rag.answer_types import question_type
from rag.chunking import chunk, embedding_text
from rag.config import OFFLINE_MODEL, Settings
from rag.corpus import Corpus
from rag.documents import LoadProblem, load_paths, make_document
from rag.duplicates import canonical_map, groups
from rag.embedding import Embedder, make_embedder
from rag.embedding_cache import CachedEmbedder
from rag.errors import EmptyCorpusError, InputError, LockedError, NotFoundError, RagError
from rag.informal import as_written, spelt_out
from rag.offline import asks_for_several, asks_headline, asks_published, offline_reply, sub_questions
from rag.retrieval import Catalog, LexicalIndex, answer_features, chunk_ids_by_doc, diversify, interleave, retrieve
from rag.sources import named_documents
from rag.store import VectorStore
from rag.text import sentences
from rag.types import Answer, Chunk, Document, Hit

log = logging.getLogger(__name__)
# Passages of a document the question names that are added when retrieval did not bring them.
NAMED_SOURCE_PASSAGES = 2
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexReport:
    """What an indexing run did."""

    documents: int
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    chunks: int = 0
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    problems: tuple[LoadProblem, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "added": list(self.added), "updated": list(self.updated),
            "unchanged": list(self.unchanged), "removed": list(self.removed), "chunks": self.chunks,
            "chunks_embedded": self.chunks_embedded, "chunks_deleted": self.chunks_deleted,
            "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _State:
    catalog: Catalog
    lexical: LexicalIndex
    generation: float
    duplicate_groups: list[list[str]]


class Rag:
    """Index documents and answer questions about them. Thread-safe for readers; one writer.

    Args:
        settings: the validated configuration.
        embedder: an Embedder to use instead of the one the settings name (tests, notebooks).
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.corpus = Corpus(settings.corpus_dir)
        self._embedder_override = embedder
        self._embedder: CachedEmbedder | None = None
        self._store: VectorStore | None = None
        self._state: _State | None = None
        self._chunk_memo: dict[Document, tuple[Chunk, ...]] = {}
        self._lock = threading.RLock()
        self._write_mutex = threading.Lock()

    # --- components, built on first use --------------------------------------------------
    @property
    def embedder(self) -> CachedEmbedder:
        with self._lock:
            if self._embedder is None:
                inner = self._embedder_override or make_embedder(self.settings)
                self._embedder = CachedEmbedder(inner, self.settings.home / "cache" / "embeddings.sqlite")
            return self._embedder

    @property
    def store(self) -> VectorStore:
        with self._lock:
            if self._store is None:
                self._store = VectorStore(self.settings, self.embedder.name, self.embedder.dim)
            return self._store

    def _generation_file(self) -> Path:
        return self.settings.home / "generation"

    def _generation(self) -> float:
        try:
            return self._generation_file().stat().st_mtime_ns / 1e9
        except FileNotFoundError:
            return 0.0

    def _bump_generation(self) -> None:
        self.settings.home.mkdir(parents=True, exist_ok=True)
        self._generation_file().write_text(str(time.time_ns()))

    def _chunks_of(self, doc: Document) -> list[Chunk]:
        # Every write rebuilds the catalog from the whole corpus; unchanged documents keep their chunks.
        got = self._chunk_memo.get(doc)
        if got is None:
            got = tuple(chunk(doc, self.settings.chunk_chars, self.settings.chunk_overlap_sentences))
            self._chunk_memo[doc] = got
        return list(got)

    def state(self) -> _State:
        """The in-memory catalog, rebuilt when another writer changed the corpus."""
        gen = self._generation()
        with self._lock:
            if self._state is None or self._state.generation != gen:
                docs = {d.doc_id: d for d in self.corpus.all()}
                chunks = {c.chunk_id: c for d in docs.values() for c in self._chunks_of(d)}
                self._chunk_memo = {d: self._chunk_memo[d] for d in docs.values() if d in self._chunk_memo}
                dup_groups = groups(list(docs.values()), self.settings.duplicate_threshold)
                lexical = LexicalIndex(list(chunks), [c.text for c in chunks.values()])
                catalog = Catalog(docs, chunks, canonical_map(dup_groups), lexical.token_sets, chunk_ids_by_doc(chunks))
                self._state = _State(catalog, lexical, gen, dup_groups)
            return self._state

    def warm(self) -> None:
        """Load the model, open the store and build the catalog (for readiness)."""
        from rag.answer import warm_answerer
        from rag.spelling import english_words

        self.store.count()
        self.embedder.embed(["warm up"])
        self.state()
        warm_answerer()  # litellm's import is most of a cold first answer
        english_words()  # the word list typing slips are told by (`rag.spelling`)

    # --- writing ---------------------------------------------------------------------------
    @contextmanager
    def write_lock(self, timeout: float = 30.0) -> Iterator[None]:
        """The index's single-writer lock (a file lock, so it holds across processes)."""
        from filelock import FileLock, Timeout

        self.settings.home.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.settings.home / "write.lock"))
        try:
            lock.acquire(timeout=timeout)
        except Timeout as e:
            raise LockedError(
                f"another process is writing to the index at {self.settings.home} (lock held for {timeout:g} s); "
                "try again when it finishes"
            ) from e
        try:
            with self._write_mutex:
                yield
        finally:
            lock.release()

    def _sync(self, put: Sequence[Document], remove: Iterable[str], progress: Progress | None) -> dict[str, int]:
        """Write documents to the corpus, then make the vector store match the whole corpus.

        Corpus first: a crash after it leaves the corpus ahead of the vectors, and the next
        sync (any write, or `rag index`) embeds what is missing and deletes what is stale.
        """
        for doc in put:
            self.corpus.put(doc)
        for doc_id in remove:
            self.corpus.delete(doc_id)
        self.corpus.clear_temp()
        self._bump_generation()
        try:
            stored = {cid for ids in self.store.ids_by_doc().values() for cid in ids}
        except RagError:
            raise
        except Exception as e:  # a segment a killed writer left unreadable: rebuild from the corpus
            log.warning("vector index unreadable (%s); rebuilding it from the corpus", e)
            stored = self._reset_store(unreadable=True)
        docs = self.corpus.all()
        expected: dict[str, tuple[Chunk, Document]] = {}
        for d in docs:
            for c in self._chunks_of(d):
                expected[c.chunk_id] = (c, d)
        todo = [cid for cid in expected if cid not in stored]
        batch = max(self.settings.embedding_batch_size * 4, 256)
        for i in range(0, len(todo), batch):
            part = [expected[cid] for cid in todo[i : i + batch]]
            vecs = self.embedder.embed([embedding_text(c, d) for c, d in part])
            self.store.upsert([c for c, _ in part], vecs)
            # Hits are ordered by their best sentence (`retrieve`): the sentences' vectors are made
            # with their chunk's, into the embedding cache, not by the first question to reach them.
            self.embedder.embed(list(dict.fromkeys(s for c, _ in part for s in sentences(c.text))))
            if progress:
                progress(min(i + batch, len(todo)), len(todo))
        stale = sorted(stored - set(expected))
        self.store.delete(stale)
        self._bump_generation()
        return {"chunks": len(expected), "embedded": len(todo), "deleted": len(stale)}

    def _reset_store(self, unreadable: bool = False) -> set[str]:
        """Drop the vector index; the corpus and embedding cache stay, so a sync rebuilds it.

        An unreadable local index is removed from disk, since Chroma cannot open it to drop it.
        """
        if unreadable and not self.settings.chroma_host:
            import shutil

            from chromadb.api.client import SharedSystemClient

            self._store = None
            SharedSystemClient.clear_system_cache()
            shutil.rmtree(self.settings.chroma_dir, ignore_errors=True)
        else:
            self.store.reset()
        return set()

    def index(self, paths: Sequence[Path | str], *, rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Index files and folders: add new documents, replace changed ones, drop removed files.

        A document counts as removed when its source file lay under one of `paths` and is
        gone now; documents from elsewhere (other folders, uploads) are left alone.
        """
        t0 = time.perf_counter()
        resolved = [Path(p).resolve() for p in paths]
        known = {d.doc_id: d for d in self.corpus.all()}
        docs, problems = load_paths(resolved, self.settings.max_file_bytes, known)
        if not docs:
            reasons = "; ".join(f"{p.path}: {p.reason}" for p in problems)
            raise EmptyCorpusError(f"no readable documents under {', '.join(map(str, paths))}: {reasons}")
        docs = [Document(**{**d.__dict__, "source": str(Path(d.source).resolve())}) for d in docs]
        with self.write_lock():
            if rebuild:
                self._reset_store()
            before = {d.doc_id: d for d in self.corpus.all()}
            new_ids = {d.doc_id for d in docs}
            added = [d.doc_id for d in docs if d.doc_id not in before]
            updated = [d.doc_id for d in docs if d.doc_id in before and before[d.doc_id] != d]
            unchanged = [d.doc_id for d in docs if d.doc_id in before and before[d.doc_id] == d]
            removed = [
                doc_id for doc_id, d in before.items()
                if doc_id not in new_ids and d.source and _under(Path(d.source), resolved) and not Path(d.source).exists()
            ]
            changed = [d for d in docs if d.doc_id not in unchanged]
            counts = self._sync(changed, removed, progress)
        return IndexReport(len(docs), tuple(added), tuple(updated), tuple(unchanged), tuple(removed), counts["chunks"],
                           counts["embedded"], counts["deleted"], tuple(problems), time.perf_counter() - t0)

    def add_document(self, doc: Document) -> int:
        """Add or replace one document; returns its chunk count."""
        with self.write_lock():
            self._sync([doc], [], None)
        return len(self._chunks_of(doc))

    def add_text(self, text: str, *, doc_id: str, kind: str = "txt", metadata: dict[str, Any] | None = None,
                 source: str = "") -> tuple[Document, int]:
        doc = make_document(doc_id, text, kind=kind, metadata=metadata, source=source)
        return doc, self.add_document(doc)

    def delete_document(self, doc_id: str) -> None:
        if doc_id not in self.corpus.ids():
            raise NotFoundError(f"document {doc_id!r} not found")
        with self.write_lock():
            self._sync([], [doc_id], None)

    # --- reading ---------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        return self.corpus.get(doc_id)

    def documents(self) -> list[Document]:
        return list(self.state().catalog.docs.values())

    def chunk_count(self, doc_id: str) -> int:
        return sum(1 for c in self.state().catalog.chunks.values() if c.doc_id == doc_id)

    def status(self) -> dict[str, Any]:
        st = self.state()
        return {
            "documents": len(st.catalog.docs),
            "chunks": len(st.catalog.chunks),
            "vectors": self.store.count(),
            "embedding_model": self.settings.embedding_model,
            "home": str(self.settings.home),
            "chroma": f"{self.settings.chroma_host}:{self.settings.chroma_port}" if self.settings.chroma_host else str(self.settings.chroma_dir),
            "duplicate_groups": st.duplicate_groups,
        }

    def _check_question(self, question: str) -> str:
        q = (question or "").strip()
        if not q:
            raise InputError("question: must not be empty")
        if len(q) > self.settings.max_question_chars:
            raise InputError(f"question: {len(q)} characters is over the limit of {self.settings.max_question_chars}")
        return q

    def _check_k(self, k: int | None) -> int:
        k = self.settings.top_k if k is None else k
        if not 1 <= k <= self.settings.max_k:
            raise InputError(f"k: must be between 1 and {self.settings.max_k}, got {k}")
        return k

    def _vectors_for(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        got = self.store.collection.get(ids=list(ids), include=["embeddings"])
        embs = got.get("embeddings")
        if embs is None:
            return {}
        return {cid: np.asarray(e, dtype=np.float32) for cid, e in zip(got["ids"], embs)}

    def _search(self, question: str, k: int | None, *, mode: str | None = None, since: dt.date | None = None,
                until: dt.date | None = None, rerank: bool | None = None,
                collapse: bool | None = None, docs: frozenset[str] | None = None, by_sentence: bool = True,
                ) -> tuple[list[Hit], Callable[[], np.ndarray]]:
        question, k = self._check_question(question), self._check_k(k)
        st = self.state()
        if not st.catalog.chunks:
            raise EmptyCorpusError("the index is empty: run `rag index` first")
        qvec: list[np.ndarray] = []

        def query_vector() -> np.ndarray:
            if not qvec:  # embedded once per call, and only if a dense score is needed
                qvec.append(self.embedder.inner.embed([question])[0])
            return qvec[0]

        def dense_search(_q: str, n: int) -> list[tuple[str, float]]:
            return self.store.query(query_vector(), n)

        def dense_scores(_q: str, ids: Sequence[str]) -> dict[str, float]:
            return {cid: float(v @ query_vector()) for cid, v in self._vectors_for(ids).items()}

        def sentence_scores(_q: str, ids: Sequence[str]) -> dict[str, float]:
            owners, texts = [], []
            for cid in ids:
                for sentence in sentences(st.catalog.chunks[cid].text):
                    owners.append(cid)
                    texts.append(sentence)
            best: dict[str, float] = {}
            if texts:  # the cached embedder: the answerer reads these same sentences' vectors
                for cid, sim in zip(owners, (self.embedder.embed(texts) @ query_vector()).tolist(), strict=True):
                    best[cid] = max(best.get(cid, -1.0), float(sim))
            return best

        hits = retrieve(
            question, catalog=st.catalog, lexical=st.lexical, dense_search=dense_search,
            dense_scores=dense_scores, sentence_scores=sentence_scores if by_sentence else None, k=k,
            mode=mode or self.settings.retriever,
            rerank=self.settings.rerank if rerank is None else rerank,
            collapse=self.settings.collapse_duplicates if collapse is None else collapse, since=since, until=until,
            docs=docs,
        )
        return hits, query_vector

    def _with_named_sources(self, question: str, hits: list[Hit], *, since: dt.date | None, until: dt.date | None,
                            mode: str | None) -> list[Hit]:
        """The hits, and after them the best passages of the documents the question names ("according
        to The Week") that they lack: a reader who names a source wants the answer from it."""
        docs = self.state().catalog.docs
        named = named_documents(question, {d.doc_id: (d.publisher, d.author) for d in docs.values()})
        if not named:
            return hits
        have = {h.chunk.chunk_id for h in hits}
        own = self._search(question, NAMED_SOURCE_PASSAGES, since=since, until=until, mode=mode, docs=named)[0]
        # "the Belsat piece's headline", "when did the Times run it": the passage that opens it holds it;
        # "who wrote it": the one that opens it or the one that closes it, where a credit line stands.
        byline = question_type(question).kind == "byline"
        if asks_headline(question) or asks_published(question) or byline:
            # Only which passage opens each document matters here, not their order by best sentence.
            every = self._search(question, self.settings.max_k, since=since, until=until, mode=mode, docs=named,
                                 by_sentence=False)[0]
            catalog = self.state().catalog
            by_doc = catalog.doc_chunks()
            ends = {d: max(catalog.chunks[c].end for c in by_doc[d]) for d in named if by_doc.get(d)}
            own = [h for h in every if h.chunk.start == 0 or (byline and h.chunk.end == ends.get(h.chunk.doc_id))] + own
        return hits + [h for h in dict((h.chunk.chunk_id, h) for h in own).values() if h.chunk.chunk_id not in have]

    def search(self, question: str, k: int | None = None, *, mode: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, rerank: bool | None = None, collapse: bool | None = None) -> list[Hit]:
        """Ranked passages for a question."""
        return self._search(question, k, mode=mode, since=since, until=until, rerank=rerank, collapse=collapse)[0]

    def answer_context(self, question: str, k: int | None = None, *, model: str | None = None,
                       since: dt.date | None = None, until: dt.date | None = None,
                       mode: str | None = None) -> tuple[list[Hit], dict[str, Any] | None]:
        """The passages an answer to the question is drawn from, and (for the offline answerer) the
        retrieval evidence it reads: what `ask` hands the answerer."""
        k = self._check_k(k)
        question = spelt_out(question)  # "who did smith meet b4 the trip": "before" is what the texts write
        multi = asks_for_several(question)
        # A pool that `diversify` picks from keeps the passage order: ordered by best sentence, it
        # let one strong sentence push out passages that a question asking for several things needs.
        pool, query_vector = self._search(question, min(k * 3, self.settings.max_k) if multi else k,
                                          since=since, until=until, mode=mode, by_sentence=not multi)
        hits = diversify(pool, k) if multi else pool
        parts = sub_questions(question)
        if len(parts) > 1:  # a compound question: each part retrieves its own passages too
            hits = interleave([hits] + [self._search(p, k, since=since, until=until, mode=mode)[0] for p in parts],
                              2 * k)
            for p in parts:
                hits = self._with_named_sources(p, hits, since=since, until=until, mode=mode)
        else:
            hits = self._with_named_sources(question, hits, since=since, until=until, mode=mode)
        model = model or self.settings.model
        # The offline answerer reads the question with the capitals the passages give its words
        # (`rag.informal`); a hosted model gets no features, so nothing is recased for it.
        features = (answer_features(as_written(question, [h.chunk.text for h in hits]), hits, self.embedder.embed,
                                    query_vector, self.state().lexical.idf)
                    if is_offline(model) and hits else None)
        return list(hits), features

    def ask(self, question: str, k: int | None = None, *, model: str | None = None, since: dt.date | None = None,
            until: dt.date | None = None, mode: str | None = None) -> Answer:
        """Answer a question with verified citations, or abstain."""
        t0 = time.perf_counter()
        model = model or self.settings.model
        hits, features = self.answer_context(question, k, model=model, since=since, until=until, mode=mode)
        t1 = time.perf_counter()
        st = self.state()
        text, citations, abstained, confidence, _ = answer_from_hits(question.strip(), hits, st.catalog.docs,
                                                                     self.settings, model, st.lexical.idf, features)
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return Answer(question.strip(), text, abstained, citations, model, confidence, timings,
                      tuple(hits))

    def explain(self, question: str, k: int | None = None) -> dict[str, Any]:
        """The offline answerer's reply before any abstention: the answer it would give, its support
        and the evidence that support was read from (`rag.support`); for calibration and debugging."""
        question = self._check_question(question)
        hits, features = self.answer_context(question, k, model=OFFLINE_MODEL)
        reply: dict[str, Any] = json.loads(offline_reply(build_messages(question, hits, features)))
        return reply

    def close(self) -> None:
        if self._embedder is not None:
            self._embedder.close()


def _under(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)
