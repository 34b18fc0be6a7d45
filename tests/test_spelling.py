"""Typing slips mended against the words the passages write."""

from collections import Counter

import pytest

from rag.informal import as_written
from rag.spelling import meant, mended, slips

TEXTS = [
    "Franak Viacorka, the chief of staff to the exiled opposition leader Svetlana Tikhanovskaya, spoke.",
    "While in Belarus, Bolton also visited the Yama memorial. Bolton paid a visit to Minsk. A visit followed.",
    "The vast hall was east of the square. Belarusian officials met the ambassador.",
]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("vist", "visit", 1), ("cheif", "chief", 1), ("foriegn", "foreign", 1), ("ambasador", "ambassador", 1),
    ("vist", "vast", 1), ("chief", "chief", 0), ("abc", "", 3), ("oposition", "opposition", 1),
    ("interveiwd", "interviewed", 2), ("east", "ease", 1),
])
def test_slips_count_left_out_added_changed_and_swapped_letters(a: str, b: str, expected: int) -> None:
    assert slips(a, b) == expected == slips(b, a)


@pytest.mark.parametrize(("question", "expected"), [
    ("who is the cheif of staff to the exiled oposition leader Tikhanovskya?",
     "who is the chief of staff to the exiled opposition leader Tikhanovskaya?"),
    # a letter left out is the commonest slip: "visit" before "vast", and the more written word first
    ("which memorial did Bolton vist", "which memorial did Bolton visit"),
    ("who met the ambasador", "who met the ambassador"),
])
def test_a_slip_is_read_as_the_written_word_it_lies_closest_to(question: str, expected: str) -> None:
    assert mended(question, TEXTS) == expected


@pytest.mark.parametrize("question", [
    "what would the US ease",  # English, though one slip from the written "east"
    "how many Belarusians left",  # a form of the written "Belarusian"
    "who met Kolesnikova",  # nothing written lies near
    "who went to Vilnius",  # likewise
    "who was at the zzst",  # no written word starts with its letter and lies close
])
def test_english_words_forms_of_written_ones_and_unknown_names_stay_as_typed(question: str) -> None:
    assert mended(question, TEXTS) == question


def test_two_equally_likely_words_leave_the_slip_as_typed() -> None:
    assert meant("zorq", Counter({"zork": 1, "zorn": 1})) is None
    assert meant("zorq", Counter({"zork": 2, "zorn": 1})) == "zork"
    assert mended("vist", []) == "vist"  # no passages, nothing to mend against


def test_short_words_are_left_to_the_shorthand_reading() -> None:
    assert mended("wen was it", TEXTS) == "wen was it"
    assert as_written("wen did bolton vist belarus", TEXTS) == "when did Bolton visit Belarus"
