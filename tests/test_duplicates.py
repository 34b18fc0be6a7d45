"""Near-duplicate groups and the canonical pick."""

import pytest

import rag.duplicates
from rag import make_document
from rag.duplicates import canonical_key, groups

BASE = ("The senior American diplomat slipped quietly into Belarus for meetings with President Lukashenko. "
        "Three prisoners were released near the border with Lithuania. Sanctions on potash and banks could ease. "
        "Viasna counted 1,226 political prisoners. Analysts in Vilnius and Warsaw welcomed the outreach.")
COPY = BASE.replace("slipped quietly", "has slipped quietly").replace("could ease", "might be relaxed")
OTHER = "Bolton visited Minsk in August 2019 and talked about sovereignty, oil and nonproliferation with officials."


def test_near_copies_group_and_the_documented_original_is_canonical() -> None:
    orig = make_document("orig", BASE, metadata={"publisher": "The Paper", "author": "A. Writer"})
    copy = make_document("copy", "n\n" + COPY + "\nn", metadata={"publisher": "unknown"})
    other = make_document("other", OTHER)
    assert groups([copy, other, orig], 0.4) == [["orig", "copy"]]
    assert canonical_key(orig) < canonical_key(copy)


def test_unrelated_documents_do_not_group() -> None:
    assert groups([make_document("a", BASE), make_document("b", OTHER)], 0.4) == []


def test_many_look_alike_documents_are_compared_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rag.duplicates, "_PAIR_BATCH", 7)  # candidate pairs cross several batch boundaries
    words = BASE.split()
    alike = [make_document(f"v{i:02d}", " ".join(words[:i % 5] + words[i % 5 + 1 :])) for i in range(20)]
    found = groups([*alike, make_document("other", OTHER)], 0.4)
    assert len(found) == 1 and sorted(found[0]) == [d.doc_id for d in alike]
