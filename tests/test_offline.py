"""The offline extractive answerer: question types, sentence choice, multi-part answers, dates."""

import json

import pytest

from rag.offline import extract, offline_reply, question_type, type_match


@pytest.mark.parametrize(("question", "kind"), [
    ("When was the cap lifted?", "date"),
    ("In which month and year did Belarus lift the cap?", "date"),
    ("What post did Makei hold when he met Bolton?", "other"),
    ("How many prisoners were freed?", "number"),
    ("Who met Lukashenko?", "person"),
    ("Who wrote the article?", "byline"),
    ("To which city did they drive?", "place"),
    ("What is the name of the village?", "place"),
])
def test_question_type_comes_from_the_leading_question_word(question: str, kind: str) -> None:
    assert question_type(question) == kind


def test_type_match() -> None:
    assert type_match("date", "It happened in January.") == 1.0
    assert type_match("number", "three people were freed") == 1.0
    assert type_match("number", "nobody was freed") == 0.0
    assert type_match("place", "They drove back to Vilnius.") == 1.0
    assert type_match("byline", "By Jane Roe and John Doe") == 1.0
    assert type_match("other", "anything") == 0.5


PASSAGES = [
    {"n": 1, "doc_id": "a", "title": "A", "published": "2019-08-30", "score": 0.9,
     "text": "The talks in Minsk went well. This past January, Belarus lifted the cap on diplomats."},
    {"n": 2, "doc_id": "b", "title": "B", "published": "2019-09-17", "score": 0.8,
     "text": "Hale met Lukashenko in Minsk on Tuesday. The ambassadors will return after 11 years."},
]


def test_extract_picks_the_typed_sentence_and_resolves_dates() -> None:
    reply = extract("When did Belarus lift the cap on diplomats?", PASSAGES)
    assert reply["answer"] == "In January 2019, Belarus lifted the cap on diplomats. [1]"
    assert reply["citations"] == [{"n": 1, "quote": "This past January, Belarus lifted the cap on diplomats."}]
    assert not reply["abstained"] and 0 < reply["support"] <= 1


def test_two_part_questions_take_a_sentence_from_each_source() -> None:
    reply = extract("When was the diplomat cap lifted, and after how many years will ambassadors return?", PASSAGES)
    assert [c["n"] for c in reply["citations"]] == [1, 2]


def test_single_part_question_gets_one_sentence() -> None:
    assert len(extract("Who did Hale meet in Minsk?", PASSAGES)["citations"]) == 1


def test_nothing_to_choose_from_abstains() -> None:
    assert extract("Anything?", [])["abstained"] is True


def test_caller_similarities_decide_between_equally_covered_sentences() -> None:
    first, second = "The talks in Minsk went well.", "This past January, Belarus lifted the cap on diplomats."
    for sims, expected in (((0.9, 0.1), first), ((0.1, 0.9), second)):
        features = {"terms": {"zebra": 3.0}, "sentences": {"1": [[0, 29, sims[0]], [30, 86, sims[1]]]}}
        assert extract("Any zebra?", PASSAGES[:1], features)["citations"][0]["quote"] == expected


def test_reply_round_trips_through_the_prompt_format() -> None:
    from rag.answer import build_messages
    from rag.types import Chunk, Hit

    hits = [Hit(Chunk("a:0:x", "a", p["text"], 0, len(p["text"]), 0), p["score"], i + 1, p["title"])
            for i, p in enumerate(PASSAGES)]
    reply = json.loads(offline_reply(build_messages("Who did Hale meet on Tuesday?", hits)))
    assert reply["citations"][0]["n"] == 2
