"""Informal questions: chat shorthand spelt out, capitals restored from the passages."""

import pytest

from rag.informal import as_written, is_uncased, recased, spelt_out, written_cases

TEXTS = [
    "U.S. Undersecretary of State David Hale met Lukashenko in Minsk. Mr. Smith met the KGB chief.",
    "Talks were held in Minsk with the US side. State media may say more. Several talks followed.",
]


@pytest.mark.parametrize(("question", "expected"), [
    ("who was freed b4 the talks", "who was freed before the talks"),
    ("how many yrs w/o an ambassador", "how many years without an ambassador"),
    ("who met w/ smith", "who met with smith"), ("Who met w/Smith?", "Who met with Smith?"),
    ("when r they meeting n where", "when are they meeting and where"),
    ("whats the name of the envoy", "what is the name of the envoy"),
    ("who went in sept", "who went in September"),
    # a single letter means a word only where nothing is capitalised; a digit never does
    ("Which talks did Section R of the report cover?", "Which talks did Section R of the report cover?"),
    ("names of the 2 other americans", "names of the 2 other americans"),
])
def test_shorthand_is_spelt_out(question: str, expected: str) -> None:
    assert spelt_out(question) == expected


def test_a_question_is_uncased_when_it_holds_no_capital() -> None:
    assert is_uncased("who met smith") and is_uncased("who met smith in 2019?")
    assert not is_uncased("Who met smith") and not is_uncased("who met Smith") and not is_uncased("123 ?")


def test_written_cases_come_from_words_capitalised_away_from_a_sentences_start() -> None:
    cases = written_cases(TEXTS)
    assert cases["hale"] == "Hale" and cases["smith"] == "Smith" and cases["kgb"] == "KGB"  # "Mr. Smith" starts no sentence
    assert "talks" not in cases and "several" not in cases  # written lowercase, or only opening a sentence
    assert "state" in cases  # "of State"; a word the texts never write lowercase


def test_an_uncased_question_takes_the_passages_capitals() -> None:
    assert recased("who did smith meet in minsk", TEXTS) == "who did Smith meet in Minsk"
    # a function word keeps its case, unless the texts write it in capitals: "us" is "US", "may" stays
    assert recased("may us officials go", TEXTS) == "may US officials go"
    assert as_written("who did smith meet w in minsk b4 the talks", TEXTS) == "who did Smith meet with in Minsk before the talks"
    # a post keeps its lowercase: the passages' "Minister for Foreign Affairs" is a title, and the question asks for one
    assert recased("who was the foreign minister bolton met", ["Mr. Bolton met the Minister for Foreign Affairs."]) == \
        "who was the Foreign minister Bolton met"
    # a question with capitals of its own is left as typed
    assert as_written("Who did smith meet b4 the talks?", TEXTS) == "Who did smith meet before the talks?"
