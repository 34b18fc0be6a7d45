"""Quote location, citation verification and renumbering."""

from rag import make_document
from rag.chunking import chunk
from rag.citations import ProposedCitation, is_valid, locate, renumber, verify
from rag.types import Hit

TEXT = "Header\n\nThe cap on diplomats was lifted in January. Only five “American” diplomats served before.\n"


def _hits():  # type: ignore[no-untyped-def]
    doc = make_document("d", TEXT)
    return doc, [Hit(c, 0.9, i + 1, doc.title) for i, c in enumerate(chunk(doc, 500))]


def test_locate_exact_and_repaired() -> None:
    assert locate("lifted in January", TEXT) == (TEXT.index("lifted"), TEXT.index("lifted") + 17)
    s, e = locate('only five "American"   diplomats served before', TEXT)  # type: ignore[misc]
    assert TEXT[s:e] == "Only five “American” diplomats served before"
    assert locate("lifted in February", TEXT) is None


def test_verify_drops_unretrieved_passages_and_missing_quotes() -> None:
    doc, hits = _hits()
    proposed = [ProposedCitation(1, "was lifted in January"), ProposedCitation(7, "anything"),
                ProposedCitation(1, "a quote that is nowhere")]
    verified, dropped = verify(proposed, hits, {"d": doc})
    assert list(verified) == [1] and len(dropped) == 2
    c = verified[1]
    assert doc.text[c.start : c.end] == c.quote == "was lifted in January"
    assert is_valid(c, {"d": doc})


def test_renumber_orders_by_mention_and_strips_unverified_markers() -> None:
    doc, hits = _hits()
    verified, _ = verify([ProposedCitation(1, "lifted in January")], hits, {"d": doc})
    verified = {3: verified[1]}
    text, cites = renumber("Lifted in January [3] [5].", verified)
    assert text == "Lifted in January [1]." and [c.n for c in cites] == [1]
