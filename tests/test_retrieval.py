"""Fusion, lexical search, duplicate collapse."""

from rag import make_document
from rag.chunking import chunk
from rag.retrieval import Catalog, LexicalIndex, collapse_duplicates, query_terms, rerank_score, retrieve, rrf


def test_rrf_exact_scores() -> None:
    scores = rrf([["a", "b"], ["b", "c"]], k=60)
    assert scores == {"a": 1 / 61, "b": 1 / 62 + 1 / 61, "c": 1 / 62}


def test_query_terms_drop_question_words() -> None:
    assert query_terms("When did Lukashenka meet Bolton?") == ["lukashenka", "~lkshnk", "meet", "bolton", "~bltn"]
    assert query_terms("Whose report did the magazine cite?") == ["report", "magazin", "cit"]
    # "per Belsat" names a source as "according to" does: "per" is no word to match.
    assert query_terms("How did Bolton describe it, per Belsat?") == ["bolton", "~bltn", "describ", "belsat", "~blst"]


def test_query_terms_drop_the_verb_a_text_describes_by() -> None:
    # A text's description seldom says "described"; what a person called something is quoted with "called".
    assert query_terms("How does the NYT describe Belarus?") == ["nyt", "belarus", "~blrs"]
    assert query_terms("What kind of state does the NYT call Belarus?") == ["kind", "stat", "nyt", "belarus", "~blrs"]
    assert "call" in query_terms("What did Smith call the mission?")


def test_query_terms_drop_the_verb_of_an_imperative_question() -> None:
    # "Name one city ...": the answer names a city; it does not say "name".
    assert query_terms("Name one city where protests broke out.") == ["city", "protest", "brok"]
    assert "tell" not in query_terms("Tell me the year he last travelled to the United States.")


def test_query_terms_drop_the_measure_a_how_question_asks_for() -> None:
    # The answer says "two hours", not "long"; a "1,000-foot-long flag" keeps its own "long".
    assert query_terms("How long did the talks go on?") == ["talk", "go"]
    assert query_terms("How old is the 70-year-old leader?") == ["old", "70", "year", "leader"]


def test_query_terms_drop_the_year_that_dates_the_text_asked() -> None:
    # "The 2019 commentary" was written in 2019; what it says may be dated otherwise.
    assert query_terms("How does the 2019 commentary describe elections?") == ["commentary", "election"]
    assert query_terms("What did the NYT's 2025 report say about the 2019 trip?") == ["nyt", "report", "2019", "trip"]


def test_query_terms_drop_what_a_named_source_is_about() -> None:
    # Every sentence of "the commentary on Bolton's visit" is about his visit: the words find no answer in it.
    assert query_terms("How is Belarus regarded, according to the commentary on Bolton's 2019 visit?") == [
        "belarus", "~blrs", "regard", "commentary"]
    assert query_terms("In the commentary written after Bolton's trip, how timely was the meeting?") == [
        "commentary", "writ", "timely", "meet"]
    # The phrase ends at a function word, and a word the question uses again stays.
    assert query_terms("What did the NYT report on the quiet trip to Minsk say about Minsk?") == [
        "nyt", "report", "minsk", "~mnsk"]
    assert "bolton" in query_terms("What did Bolton say, according to the piece on Bolton's visit?")


def test_query_terms_drop_what_the_question_sets_aside() -> None:
    assert query_terms("Besides Lukashenka, whom did Bolton meet?") == ["bolton", "~bltn", "meet"]
    assert query_terms("Apart from prisoners, what other aim did Smith outline?") == [
        "aim", "smith", "~smth", "outlin"]


def _catalog(texts: dict[str, str], canonical: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    docs = {k: make_document(k, v) for k, v in texts.items()}
    chunks = {c.chunk_id: c for d in docs.values() for c in chunk(d, 300)}
    return Catalog(docs, chunks, canonical or {}), LexicalIndex(list(chunks), [c.text for c in chunks.values()])


def test_lexical_matches_spelling_variants_and_numbers() -> None:
    _, lex = _catalog({"a": "President Lukashenko met the envoy.", "b": "Viasna counted 1,226 political prisoners."})
    assert lex.search("What did Lukashenka do?", 2)[0][0].startswith("a:")
    assert lex.search("1226 prisoners", 2)[0][0].startswith("b:")
    assert lex.search("zebra", 2) == []


def test_lexical_matches_a_belarusian_spelling_to_the_russian_one() -> None:
    _, lex = _catalog({"a": "Svetlana Tikhanovskaya marched in Warsaw.", "b": "Vladimir Makei met Bolton."})
    assert lex.search("Where did Tsikhanouskaya march?", 2)[0][0].startswith("a:")
    assert lex.search("Uladzimir", 2)[0][0].startswith("b:")


def test_rerank_score_gives_the_best_sentence_two_thirds() -> None:
    assert rerank_score(0.6, 0.4) == 0.5
    assert rerank_score(0.6, 0.4, 0.9, 1.0) == (0.5 + 0.9 + 1.0) / 3


def test_retrieve_orders_the_hits_by_their_best_sentence() -> None:
    cat, lex = _catalog({"a": "Potash is mined in Belarus. Sanctions hurt its economy. Officials eased the rules.",
                         "b": "Potash sanctions were eased in March. The weather stayed cold. Nothing else happened."})
    ids = sorted(cat.chunks)
    cos = dict(zip(ids, (0.52, 0.50), strict=True))  # the passages' vectors favour a

    def run(sentences):  # type: ignore[no-untyped-def]
        return retrieve("When were potash sanctions eased?", catalog=cat, lexical=lex, k=2,
                        dense_search=lambda q, n: sorted(cos.items(), key=lambda kv: -kv[1])[:n],
                        dense_scores=lambda q, got: {c: cos[c] for c in got}, sentence_scores=sentences)

    assert [h.chunk.doc_id for h in run(None)] == ["a", "b"]
    hits = run(lambda q, got: dict.fromkeys(got, 0.5))  # b says it in one sentence; a spreads it over three
    assert [h.chunk.doc_id for h in hits] == ["b", "a"] and hits[0].score > hits[1].score
    assert hits[0].scores["passage"] < hits[1].scores["passage"]


def test_collapse_replaces_copies_with_the_canonical_passage() -> None:
    cat, lex = _catalog(
        {"orig": "The envoy met the president in Minsk.\nPotash sanctions were discussed at length.",
         "copy": "The envoy met with the president in Minsk.\nSanctions on potash were discussed at length."},
        {"orig": "orig", "copy": "orig"},
    )
    ranked = sorted(cat.chunks, key=lambda c: not c.startswith("copy"))
    out = collapse_duplicates(ranked, cat, lex)
    assert all(c.startswith("orig:") for c in out) and len(out) == len(set(out))


def test_interleave_takes_turns_keeps_each_chunk_once_and_stops_at_the_limit() -> None:
    from rag.retrieval import interleave
    from rag.types import Chunk, Hit

    def hit(cid: str, rank: int) -> Hit:
        return Hit(Chunk(cid, cid[0], "text", 0, 4, 0), 1.0 / rank, rank)

    a = [hit("a1", 1), hit("a2", 2), hit("a3", 3)]
    b = [hit("b1", 1), hit("a1", 2), hit("b2", 3)]
    assert [h.chunk.chunk_id for h in interleave([a, b], 10)] == ["a1", "b1", "a2", "a3", "b2"]
    assert [h.chunk.chunk_id for h in interleave([a, b], 3)] == ["a1", "b1", "a2"]


def test_answer_features_give_each_sentence_its_similarity_and_each_term_its_idf() -> None:
    import numpy as np

    from rag.retrieval import answer_features
    from rag.types import Chunk, Hit

    text = "The treaty was signed in Vienna. It ended a dispute."
    hits = [Hit(Chunk("a:0", "a", text, 0, len(text), 0), 1.0, 1)]

    def embed(texts: list[str]) -> np.ndarray:  # one axis per sentence mentioning Vienna or not
        return np.array([[1.0, 0.0] if "Vienna" in t else [0.0, 1.0] for t in texts])

    got = answer_features("Where was the treaty signed?", hits, embed, lambda: np.array([0.6, 0.8]),
                          lambda t: 2.0 if t == "treaty" else 1.0)
    assert got["sentences"] == {"1": [[0, 32, 0.6], [33, 52, 0.8]]}
    assert got["terms"]["treaty"] == 2.0 and "where" not in got["terms"]

