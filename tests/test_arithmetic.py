"""Differences computed from the figures cited sentences hold."""

import datetime as dt

from rag.arithmetic import between, difference
from rag.offline import extract, sub_questions


def test_between_reads_the_two_events_a_span_is_asked_of() -> None:
    assert between("How many days passed between Bolton's talks and Hale's meeting in Minsk?") == (
        "Bolton's talks", "Hale's meeting in Minsk")
    assert between("How many years separate the freeze and the thaw?") == ("the freeze", "the thaw")
    assert between("How many days did the talks last?") is None
    assert sub_questions("How many days passed between Bolton's talks and Hale's meeting?") == [
        "When Bolton's talks?", "When Hale's meeting?"]


def test_days_between_two_dated_sentences_count_from_the_earlier() -> None:
    texts = [("Hale met Lukashenko in Minsk on Tuesday.", dt.date(2019, 9, 17)),
             # A month and day without a year belong to the article's year.
             ("On August 29, Bolton paid a visit to Belarus.", dt.date(2019, 8, 30))]
    assert difference("How many days passed between Hale's visit and Bolton's?", texts) == (
        "19 days (29 August 2019 to 17 September 2019).")
    assert difference("How many weeks passed between them and the rest?", texts) == (
        "2 weeks (29 August 2019 to 17 September 2019).")


def test_a_change_and_a_gap_between_ranks_are_computed_from_their_figures() -> None:
    staff = [("The order cut the embassy staff from 35 to 5.", None)]
    assert difference("By how many people did the order shrink the staff?", staff) == "30 (from 35 to 5)."
    ranks = [("Belarus scores 153rd.", None), ("Belarus is ranked 104th out of 180 countries.", None)]
    assert difference("How many places separate the two rankings?", ranks) == "49 places (153rd and 104th)."


def test_no_difference_without_the_figures_or_the_question() -> None:
    assert difference("How many days passed between A and B?", [("Nothing dated here.", None)]) is None
    assert difference("By how many people did the staff shrink?", [("The staff shrank.", None)]) is None
    assert difference("How many people work there?", [("Staff went from 35 to 5.", None)]) is None


def test_the_answer_leads_with_the_difference_and_cites_its_figures() -> None:
    passages = [{"n": 1, "doc_id": "a", "title": "A", "published": "2019-08-30", "score": 1.0,
                 "text": "On August 29, Bolton paid a visit to Belarus and held talks with the leader."},
                {"n": 2, "doc_id": "b", "title": "B", "published": "2019-09-17", "score": 1.0,
                 "text": "Hale met Lukashenko in Minsk on Tuesday for a meeting."}]
    reply = extract("How many days passed between Bolton's talks with the leader and Hale's meeting in Minsk?",
                    passages)
    assert reply["answer"].startswith("19 days (29 August 2019 to 17 September 2019).")
    assert [c["n"] for c in reply["citations"]] == [1, 2]
