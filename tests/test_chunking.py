"""Chunk offsets, overlap and boundaries."""

from rag import make_document
from rag.chunking import chunk, embedding_text

TEXT = ("Title Line\n\n" + " ".join(f"Sentence number {i} talks about Minsk and sanctions." for i in range(12))
        + "\nSubscribe to our newsletter\nWin a free cruise today and tomorrow with our sponsor deals.\n")


def test_chunks_are_exact_slices_with_sentence_overlap() -> None:
    doc = make_document("d", TEXT)
    chunks = chunk(doc, chunk_chars=200, overlap_sentences=1)
    assert len(chunks) > 2
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert len(c.text) <= 200
    for a, b in zip(chunks[1:], chunks[2:]):
        assert b.start < a.end, "consecutive chunks share a sentence"
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_chunks_never_include_dropped_furniture() -> None:
    doc = make_document("d", TEXT)
    assert not any("cruise" in c.text or "Subscribe" in c.text for c in chunk(doc, 300))


def test_chunk_ids_are_stable_and_content_derived() -> None:
    a = chunk(make_document("d", TEXT), 200)
    b = chunk(make_document("d", TEXT), 200)
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    changed = chunk(make_document("d", TEXT.replace("number 11", "number eleven")), 200)
    assert a[0].chunk_id == changed[0].chunk_id and a[-1].chunk_id != changed[-1].chunk_id


def test_overlong_line_is_cut_at_whitespace() -> None:
    doc = make_document("long", "word " * 2000)
    chunks = chunk(doc, 500, 0)
    assert all(len(c.text) <= 500 for c in chunks)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)


def test_embedding_text_prepends_title() -> None:
    doc = make_document("d", TEXT, metadata={"title": "About Minsk"})
    c = chunk(doc, 200)[0]
    assert embedding_text(c, doc).startswith("About Minsk\n")
