"""The sources a question names, by publisher, initials or author."""

import pytest

from rag.sources import named_documents, names_source, source_names

SOURCES = {
    "nyt": ("The New York Times (reposted by the Wilson Center on 4 March 2025)", "Andrew Higgins and Tomas Dapkus"),
    "week": ("The Week", "Tim (staff writer)"),
    "belsat": ("Belsat (belsat.eu)", "Alesia Rudnik"),
    "anon": ("not stated (US commentary site; cites The Heritage Foundation)", ""),
    "copy": ("unknown", ""),
}


def test_source_names_are_the_publisher_its_initials_and_author_surnames() -> None:
    assert source_names(*SOURCES["nyt"]) == {"New York Times", "NYT", "the Times", "Higgins", "Dapkus"}
    assert source_names(*SOURCES["week"]) == {"Week"}  # a lone first name is no surname
    assert source_names(*SOURCES["belsat"]) == {"Belsat", "Rudnik"}
    # An unknown publisher names nothing, and a remark after it is not its name; but the kind of
    # text the remark says it is ("commentary site") is a name a reader may call it by.
    assert source_names(*SOURCES["anon"]) == {"commentary"}
    assert source_names(*SOURCES["copy"]) == frozenset()


@pytest.mark.parametrize(("question", "named"), [
    ("According to The Week, how long had he ruled?", {"week"}),
    ("What did the NYT call Belarus?", {"nyt"}),
    ("Which region does the Times's bureau chief cover?", {"nyt"}),
    ("How does Belsat's analysis rank the trip?", {"belsat"}),
    ("When did the Higgins and Dapkus report run?", {"nyt"}),
    ("What happened this week in Minsk?", set()),  # "week" without its capital names nothing
    ("Which Heritage Foundation index ranked Belarus?", set()),  # a remark, not a publisher
    ("How does the 2019 commentary characterise elections?", {"anon"}),
    ("How does Belsat rank the trip, and how does the New York Times describe it?", {"belsat", "nyt"}),
])
def test_named_documents(question: str, named: set[str]) -> None:
    assert named_documents(question, SOURCES) == named


def test_names_are_whole_words() -> None:
    assert not names_source("What did the NYTimes say?", {"NYT"})
    assert names_source("What did Belsat's reporter say?", {"Belsat"})
