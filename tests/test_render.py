"""HTML renderings of answers and hits, and the corpus map of a seeded index."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from rag import Answer, Citation, Hit, make_document
from rag.chunking import chunk
from rag.corpus_plot import corpus_vectors, pca_2d
from rag.render import (
    Hits,
    Html,
    answer_html,
    compare_html,
    hit_html,
    hits_html,
    quote_in_context,
    short_ids,
)

EVIL = "<script>alert('pwned')</script>"
TEXT = (
    "Evil <b>Title</b>\n\n"
    f"The cap on diplomats was lifted in January. {EVIL} appeared in the text & more.\n\n"
    "Before, only five diplomats could serve. The embassy was small.\n"
)
QUOTE = "The cap on diplomats was lifted in January."


def _fixture() -> tuple[Answer, list[Hit]]:
    doc = make_document("evil", TEXT, metadata={"title": f"Title {EVIL}", "published": "2019-08-30"})
    hits = [Hit(c, 0.9 - 0.1 * i, i + 1, doc.title, doc.published, scores={"dense": 0.5, "lexical": 2.0})
            for i, c in enumerate(chunk(doc, 120))]
    start = TEXT.index(QUOTE)
    holder = next(h for h in hits if h.chunk.start <= start < h.chunk.end)
    cite = Citation(1, "evil", doc.title, doc.published, holder.chunk.chunk_id, start, start + len(QUOTE), QUOTE, 0.8)
    answer = Answer(f"When was the cap lifted? {EVIL}", f"It was lifted in January {EVIL}. [1]", False, (cite,),
                    "offline/extractive", 0.9, {"total": 12.0}, tuple(hits))
    return answer, hits


def _no_raw_tags(html: str) -> None:
    assert "<script" not in html.lower()
    assert "<b>Title</b>" not in html
    assert "&lt;script&gt;" in html


def test_answer_html_marks_the_quote_in_its_passage_and_escapes_everything() -> None:
    answer, _ = _fixture()
    html = answer_html(answer)
    _no_raw_tags(html)
    assert f"<mark>{QUOTE}</mark>" in html
    assert re.search(r"<sup>.*\[1\].*</sup>", html)
    # context around the quote, from the chunk
    assert "Evil &lt;b&gt;Title&lt;/b&gt;" in html or "appeared in the text &amp; more" in html
    # title, date, doc id and offsets
    c = answer.citations[0]
    assert "Title &lt;script&gt;" in html and "2019-08-30" in html and "evil" in html
    assert f"[{c.start}:{c.end}]" in html
    assert "Not in the corpus" not in html


def test_answer_html_repr_and_document_context() -> None:
    answer, _ = _fixture()
    assert answer._repr_html_() == answer_html(answer)
    doc = make_document("evil", TEXT, metadata={"title": "t"})
    wide = answer_html(answer, documents={"evil": doc}, context=1000)
    assert "Before, only five diplomats could serve." in wide and f"<mark>{QUOTE}</mark>" in wide
    _no_raw_tags(wide)


def test_answer_html_without_the_hit_shows_the_quote_alone() -> None:
    answer, _ = _fixture()
    bare = Answer(answer.question, answer.answer, False, answer.citations, answer.model)
    html = answer_html(bare)
    assert f"<mark>{QUOTE}</mark>" in html
    _no_raw_tags(html)


def test_abstained_answer_has_its_own_style() -> None:
    answer = Answer(f"What is the population? {EVIL}", "Not in the corpus: the indexed documents do not answer this "
                    "question.", True, (), "offline/extractive", 0.1)
    html = answer_html(answer)
    assert "rag-abstained" in html and "Not in the corpus" in html
    assert "<mark>" not in html and "<sup>" not in html
    _no_raw_tags(html)


def test_quote_in_context_trims_at_word_boundaries_and_finds_moved_quotes() -> None:
    text = "alpha beta gamma. The quote is here. delta epsilon zeta"
    s = text.index("The quote")
    before, quote, after = quote_in_context("The quote is here.", s + 100, s + 118, text, 100, context=8)  # type: ignore[misc]
    assert quote == "The quote is here."
    assert before.startswith("…") and not before.startswith("…a") and after.endswith("…")
    assert quote_in_context("The quote is here.", 999, 1017, text, 0) == ("alpha beta gamma. ", "The quote is here.",
                                                                          " delta epsilon zeta")
    assert quote_in_context("not there", 0, 9, text) is None


def test_hits_html_is_an_escaped_table() -> None:
    _, hits = _fixture()
    html = hits_html(hits)
    assert html.startswith("<table") and html.count("<tr>") == len(hits) + 1
    for col in ("rank", "score", "doc", "title", "date", "offsets", "passage"):
        assert f">{col}</th>" in html
    _no_raw_tags(html)
    assert "2019-08-30" in html and f"{hits[0].chunk.start}:{hits[0].chunk.end}" in html
    assert Hits(hits)._repr_html_() == html and Hits(hits) == hits
    assert hits[0]._repr_html_() == hit_html(hits[0]) and hit_html(hits[0]).count("<tr>") == 2
    assert "No passages" in hits_html([])


def test_hits_html_truncates_long_passages() -> None:
    doc = make_document("long", "Title\n\n" + "word " * 400)
    hit = Hit(chunk(doc, 5000)[0], 1.0, 1, doc.title)
    html = hits_html([hit], passage_chars=50)
    assert "…" in html and "word " * 20 not in html


def test_compare_html_and_html_wrapper() -> None:
    _, hits = _fixture()
    html = compare_html({"dense <x>": hits, "lexical": hits[:1]})
    assert ">dense &lt;x&gt;</th>" in html and html.count("<tr>") == len(hits) + 1
    _no_raw_tags(html)
    assert Html(html)._repr_html_() == html


def test_short_ids_stay_distinct() -> None:
    assert short_ids(["000_abc", "001_def"]) == {"000_abc": "000", "001_def": "001"}
    assert short_ids(["a_1", "a_2"]) == {"a_1": "a_1", "a_2": "a_2"}
    long = ["report-2019-summer-a", "report-2019-summer-b"]
    assert short_ids(long) == {d: d for d in long}
    assert short_ids(["alpha"]) == {"alpha": "alpha"}


@pytest.mark.slow
def test_seeded_translation_lands_on_its_original(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, _ = seeded
    chunks, vectors = corpus_vectors(rag)
    doc_of = np.array([c.doc_id[:3] for c in chunks])
    mine, others = np.flatnonzero(doc_of == "003"), np.flatnonzero(doc_of != "003")
    nearest = doc_of[others[(vectors[mine] @ vectors[others].T).argmax(axis=1)]]
    assert (nearest == "002").all()
    points, _ = pca_2d(vectors)
    centre = {d: points[doc_of == d].mean(axis=0) for d in set(doc_of.tolist())}
    gap = np.linalg.norm(centre["003"] - centre["002"])
    assert all(gap < np.linalg.norm(centre["003"] - centre[d]) for d in centre if d not in ("002", "003"))
    a = rag.ask("When was the cap on U.S. diplomats in Minsk lifted?")
    html = a._repr_html_()
    assert "<mark>First, this past January, Belarus finally lifted the cap" in html
    assert dt.date(2019, 8, 30).isoformat() in html
